import { sql } from 'kysely';
import type { Actor } from '../../auth/actor.ts';
import { mayDesignateEnterprise } from '../../auth/policy.ts';
import type { Database } from '../../db/schema.ts';
import { allows, scopeWhere } from '../../db/scoped.ts';
import { recordAudit } from '../audit/chain.ts';
import { enterpriseInput, type EnterpriseInput } from '../enterprises/schemas.ts';
import { allocateIds, knownRegions, newRecordParent } from './batch.ts';
import { present, type BatchOutcome, type BatchProcessor } from './rows.ts';

/**
 * REG-9 enterprises by their natural key, the unified social credit code. A
 * batch is a handful of statements whatever its size: one read of the existing
 * profiles in scope, one of codes taken outside it, bulk inserts of the new
 * organisations and profiles, and an update per changed profile. A blank cell
 * leaves a field as it is, so an exported file re-imports as "unchanged".
 */
type Existing = Awaited<ReturnType<typeof withCodes>>[number];

/** Profile columns and the input fields they hold. */
const FIELDS = [
  ['industry_code', 'industryCode'],
  ['size_class', 'sizeClass'],
  ['staff_count', 'staffCount'],
  ['party_member_count', 'partyMemberCount'],
  ['is_key_enterprise', 'isKeyEnterprise'],
  ['is_non_public', 'isNonPublic'],
  ['party_org_status', 'partyOrgStatus'],
  ['registered_on', 'registeredOn'],
  ['legal_representative', 'legalRepresentative'],
  ['lng', 'lng'],
  ['lat', 'lat'],
  ['region_code', 'regionCode'],
] as const satisfies readonly (readonly [keyof Database['enterprise'], keyof EnterpriseInput])[];
const DESIGNATIONS: readonly string[] = ['isKeyEnterprise', 'partyOrgStatus', 'regionCode'];

/**
 * Every enterprise holding one of the codes, each marked by the caller's scope
 * rule: a visible one may be updated, an invisible one only makes the code taken.
 */
function withCodes(ctx: { trx: Parameters<BatchProcessor>[0]['trx']; actor: Actor }, codes: string[]) {
  return ctx.trx
    .selectFrom('enterprise')
    .innerJoin('organisation', 'organisation.id', 'enterprise.organisation_id')
    .select([
      'enterprise.organisation_id as id',
      'organisation.name',
      'enterprise.building_path',
      'enterprise.org_path',
      'enterprise.credit_code',
    ])
    .select(FIELDS.map(([column]) => `enterprise.${column}` as const))
    .select(sql<boolean>`${scopeWhere(ctx.actor, 'enterprise', 'read')}`.as('visible'))
    .where('enterprise.credit_code', 'in', codes)
    .forUpdate(['enterprise'])
    .execute();
}

/** The fields of a row that differ from the stored profile (blank cells never differ). */
function changes(e: Existing, input: EnterpriseInput, given: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (given.has('name') && input.name !== e.name) out.name = input.name;
  for (const [column, field] of FIELDS) {
    if (!given.has(field)) continue;
    const value = input[field];
    if (value !== undefined && value !== e[column]) out[field] = value;
  }
  return out;
}

export const importEnterprises: BatchProcessor = async (ctx, rows) => {
  const { trx, actor, errors } = ctx;
  const out: BatchOutcome = { created: [], updated: [], unchanged: 0, errors: [] };
  const valid: { row: number; input: EnterpriseInput; given: Set<string> }[] = [];
  for (const r of rows) {
    const given = present(r.values);
    const parsed = enterpriseInput.safeParse(given);
    if (parsed.success) valid.push({ row: r.row, input: parsed.data, given: new Set(Object.keys(given)) });
    else out.errors.push(...errors.zod(r.row, parsed.error.issues));
  }
  if (valid.length === 0) return out;
  const codes = valid.map((v) => v.input.creditCode);
  const regions = await knownRegions(
    trx,
    valid.map((v) => v.input.regionCode),
    ctx.regions,
  );
  const found = await withCodes(ctx, codes);
  const existing = new Map(found.filter((e) => e.visible).map((e) => [e.credit_code, e]));
  const taken = new Set(found.filter((e) => !e.visible).map((e) => e.credit_code));
  const designate = mayDesignateEnterprise(actor);
  const parent = newRecordParent(actor);

  const creates: typeof valid = [];
  const updates: { row: number; e: Existing; patch: Record<string, unknown> }[] = [];
  for (const v of valid) {
    const { row, input } = v;
    if (!regions.has(input.regionCode)) {
      out.errors.push(errors.key(row, 'regionCode', 'field.region_unknown'));
      continue;
    }
    const e = existing.get(input.creditCode);
    if (!e) {
      if (taken.has(input.creditCode)) out.errors.push(errors.key(row, 'creditCode', 'field.credit_code_taken'));
      else if (
        !allows(actor, 'organisation', 'write', { regionCode: input.regionCode, orgPath: parent.path }) ||
        !allows(actor, 'enterprise', 'write', { regionCode: input.regionCode, orgPath: `${parent.path}0/` })
      ) {
        out.errors.push(errors.key(row, 'regionCode', 'field.region_out_of_scope'));
      } else if (!designate && (input.isKeyEnterprise || (input.partyOrgStatus ?? 'none') !== 'none')) {
        out.errors.push(errors.key(row, input.isKeyEnterprise ? 'isKeyEnterprise' : 'partyOrgStatus', 'field.enterprise_designation'));
      } else creates.push(v);
      continue;
    }
    if (!allows(actor, 'enterprise', 'write', { regionCode: e.region_code, orgPath: [e.org_path, e.building_path] })) {
      out.errors.push(errors.key(row, 'creditCode', 'import.out_of_scope'));
      continue;
    }
    const patch = changes(e, input, v.given);
    const refused = Object.keys(patch).filter(
      (f) =>
        DESIGNATIONS.includes(f) &&
        (!designate ||
          (f === 'regionCode' && !allows(actor, 'enterprise', 'write', { regionCode: input.regionCode, orgPath: e.org_path }))),
    );
    const staff = (patch.staffCount ?? e.staff_count) as number | null;
    const members = (patch.partyMemberCount ?? e.party_member_count) as number | null;
    if (refused.length)
      out.errors.push(
        ...refused.map((f) =>
          errors.key(row, f, f === 'regionCode' && designate ? 'field.region_out_of_scope' : 'field.enterprise_designation'),
        ),
      );
    else if (staff !== null && members !== null && members > staff)
      out.errors.push(errors.key(row, 'partyMemberCount', 'field.party_members_exceed_staff'));
    else if (Object.keys(patch).length === 0) out.unchanged++;
    else updates.push({ row, e, patch });
  }

  if (creates.length) {
    const ids = await allocateIds(trx, 'organisation', creates.length);
    const paths = ids.map((id) => `${parent.path}${id}/`);
    await trx
      .insertInto('organisation')
      .values(
        creates.map(({ input }, i) => ({
          id: ids[i]!,
          parent_id: parent.id,
          path: paths[i]!,
          kind: 'enterprise' as const,
          party_org_kind: null,
          formation: null,
          department_kind: null,
          name: input.name,
          region_code: input.regionCode,
          credit_code: input.creditCode,
        })),
      )
      .execute();
    await trx
      .insertInto('enterprise')
      .values(
        creates.map(({ input }, i) => ({
          organisation_id: ids[i]!,
          credit_code: input.creditCode,
          industry_code: input.industryCode ?? null,
          size_class: input.sizeClass ?? null,
          staff_count: input.staffCount ?? null,
          party_member_count: input.partyMemberCount ?? null,
          is_key_enterprise: input.isKeyEnterprise ?? false,
          is_non_public: input.isNonPublic ?? true,
          party_org_status: input.partyOrgStatus ?? 'none',
          registered_on: input.registeredOn ?? null,
          legal_representative: input.legalRepresentative || null,
          region_code: input.regionCode,
          org_path: paths[i]!,
          current_building_id: null,
          lng: input.lng ?? null,
          lat: input.lat ?? null,
        })),
      )
      .execute();
    out.created.push(...ids);
  }
  for (const { e, patch } of updates) {
    const { name, ...profile } = patch;
    if (typeof name === 'string')
      await trx.updateTable('organisation').set({ name, updated_at: new Date() }).where('id', '=', e.id).execute();
    const set: Record<string, unknown> = {};
    for (const [column, field] of FIELDS) if (field in profile) set[column] = profile[field];
    if (Object.keys(set).length) {
      await trx
        .updateTable('enterprise')
        .set({ ...set, updated_at: new Date() })
        .where('organisation_id', '=', e.id)
        .execute();
      // The organisation keeps the enterprise's region: the tree and the profile must agree.
      if ('region_code' in set)
        await trx
          .updateTable('organisation')
          .set({ region_code: String(set.region_code) })
          .where('id', '=', e.id)
          .execute();
    }
    out.updated.push(e.id);
  }
  if (out.created.length || out.updated.length) {
    await recordAudit(trx, {
      actor,
      action: 'import.enterprises',
      entity: 'import_job',
      entityId: ctx.jobId,
      regionCode: actor.regionCode,
      after: { rows: [rows[0]!.row, rows[rows.length - 1]!.row], created: out.created, updated: out.updated },
    });
  }
  return out;
};
