import type { Kysely, Transaction } from 'kysely';
import { chinaDate } from '../../../domain/time.ts';
import type { Actor } from '../../auth/actor.ts';
import { mayDesignateEnterprise } from '../../auth/policy.ts';
import type { Database } from '../../db/schema.ts';
import { allows } from '../../db/scoped.ts';
import { AppError, conflict, forbidden, invalidField, notFound, outOfScopeField, unknownReference, type FieldIssue } from '../../http/errors.ts';
import { recordAudit } from '../audit/chain.ts';
import { refreshEnterprisePolicies } from '../policy-results/refresh.ts';
import type { EnterpriseInput, EnterprisePatch } from './schemas.ts';

type Trx = Transaction<Database>;

const creditCodeTaken = () => new AppError('conflict', { fields: [{ path: 'creditCode', key: 'field.credit_code_taken' }] });

/** Two requests registering one code at once: the unique index refuses the second, which gets the same answer as a pre-check would give. */
function isCreditCodeRace(err: unknown): boolean {
  const e = err as { code?: string; constraint?: string; message?: string };
  return e.code === '23505' && (e.constraint === 'enterprise_credit_code_key' || /credit_code/.test(e.message ?? ''));
}

async function checkRegion(trx: Trx, regionCode: string): Promise<void> {
  const region = await trx.selectFrom('region').select('code').where('code', '=', regionCode).executeTakeFirst();
  if (!region) throw invalidField('regionCode', 'field.region_unknown');
}

async function checkCreditCodeFree(trx: Trx, creditCode: string, exceptId?: string): Promise<void> {
  let q = trx.selectFrom('enterprise').select('organisation_id').where('credit_code', '=', creditCode);
  if (exceptId) q = q.where('organisation_id', '<>', exceptId);
  if (await q.executeTakeFirst()) throw creditCodeTaken();
}

/** The profile as the audit log keeps it: without the derived search document. */
type EnterpriseProfile = NonNullable<Awaited<ReturnType<typeof lockEnterprise>>>;
async function lockEnterprise(trx: Trx, id: string) {
  const row = await trx.selectFrom('enterprise').selectAll().where('organisation_id', '=', id).forUpdate().executeTakeFirst();
  if (!row) return undefined;
  const { search: _s, ...rest } = row;
  return rest;
}

/** REG-2 registers an enterprise: its organisation (kind 'enterprise') and its profile in one transaction. */
export async function createEnterprise(opts: { db: Kysely<Database>; actor: Actor; input: EnterpriseInput }): Promise<string> {
  const { actor, input } = opts;
  if ((input.isKeyEnterprise || (input.partyOrgStatus && input.partyOrgStatus !== 'none')) && !mayDesignateEnterprise(actor)) {
    throw new AppError('forbidden', { fields: [{ path: input.isKeyEnterprise ? 'isKeyEnterprise' : 'partyOrgStatus', key: 'field.enterprise_designation' }] });
  }
  try {
    return await opts.db.transaction().execute(async (trx) => {
      await checkRegion(trx, input.regionCode);
      let parentPath = '/';
      let parentId: string | null = null;
      if (input.parentId) {
        const parent = await trx.selectFrom('organisation').select(['id', 'path', 'region_code']).where('id', '=', input.parentId).forUpdate().executeTakeFirst();
        if (!parent || !allows(actor, 'organisation', 'read', { regionCode: parent.region_code, orgPath: parent.path })) throw unknownReference('parentId');
        parentPath = parent.path;
        parentId = parent.id;
      }
      if (!allows(actor, 'organisation', 'write', { regionCode: input.regionCode, orgPath: parentPath })) throw outOfScopeField('regionCode');
      await checkCreditCodeFree(trx, input.creditCode);
      const org = await trx
        .insertInto('organisation')
        .values({
          name: input.name,
          kind: 'enterprise',
          party_org_kind: null,
          formation: null,
          department_kind: null,
          parent_id: parentId,
          region_code: input.regionCode,
          credit_code: input.creditCode,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const path = `${parentPath}${org.id}/`;
      if (!allows(actor, 'enterprise', 'write', { regionCode: input.regionCode, orgPath: path })) throw outOfScopeField('regionCode');
      const organisation = await trx.updateTable('organisation').set({ path }).where('id', '=', org.id).returningAll().executeTakeFirstOrThrow();
      const created = await trx
        .insertInto('enterprise')
        .values({
          organisation_id: org.id,
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
          org_path: path,
          current_building_id: null,
          lng: input.lng ?? null,
          lat: input.lat ?? null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const { search: _s, ...profile } = created;
      await recordAudit(trx, { actor, action: 'organisation.create', entity: 'organisation', entityId: org.id, regionCode: input.regionCode, after: organisation });
      await recordAudit(trx, { actor, action: 'enterprise.create', entity: 'enterprise', entityId: org.id, regionCode: input.regionCode, after: profile });
      return org.id;
    });
  } catch (err) {
    if (isCreditCodeRace(err)) throw creditCodeTaken();
    throw err;
  }
}

/** Fields the authorities designate (REG-2); a change to any of them needs a region role. */
function designationChanges(before: EnterpriseProfile, patch: EnterprisePatch): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (patch.isKeyEnterprise !== undefined && patch.isKeyEnterprise !== before.is_key_enterprise) issues.push({ path: 'isKeyEnterprise', key: 'field.enterprise_designation' });
  if (patch.partyOrgStatus !== undefined && patch.partyOrgStatus !== before.party_org_status) issues.push({ path: 'partyOrgStatus', key: 'field.enterprise_designation' });
  if (patch.regionCode !== undefined && patch.regionCode !== before.region_code) issues.push({ path: 'regionCode', key: 'field.enterprise_designation' });
  return issues;
}

/** REG-2 changes an enterprise's name or profile; the enterprise itself may keep its own profile but not its designations. */
export async function updateEnterprise(opts: { db: Kysely<Database>; actor: Actor; id: string; patch: EnterprisePatch }): Promise<void> {
  const { actor, id, patch } = opts;
  try {
    await opts.db.transaction().execute(async (trx) => {
      const before = await lockEnterprise(trx, id);
      const place = { regionCode: before?.region_code, orgPath: [before?.org_path ?? null, before?.building_path ?? null] };
      if (!before || !allows(actor, 'enterprise', 'read', place)) throw notFound();
      if (!allows(actor, 'enterprise', 'write', place)) throw forbidden();
      if (patch.expectedUpdatedAt && new Date(patch.expectedUpdatedAt).getTime() !== before.updated_at.getTime()) throw conflict();
      const designations = designationChanges(before, patch);
      if (designations.length && !mayDesignateEnterprise(actor)) throw new AppError('forbidden', { fields: designations });
      const staff = patch.staffCount !== undefined ? patch.staffCount : before.staff_count;
      const members = patch.partyMemberCount !== undefined ? patch.partyMemberCount : before.party_member_count;
      if (staff != null && members != null && members > staff) throw invalidField('partyMemberCount', 'field.party_members_exceed_staff');
      const regionCode = patch.regionCode ?? before.region_code;
      if (regionCode !== before.region_code) {
        await checkRegion(trx, regionCode);
        if (!allows(actor, 'enterprise', 'write', { ...place, regionCode })) throw outOfScopeField('regionCode');
      }
      if (patch.creditCode && patch.creditCode !== before.credit_code) await checkCreditCodeFree(trx, patch.creditCode, id);
      const now = new Date();
      await trx
        .updateTable('organisation')
        .set({
          ...(patch.name !== undefined ? { name: patch.name } : {}),
          ...(patch.creditCode !== undefined ? { credit_code: patch.creditCode } : {}),
          region_code: regionCode,
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
      const updated = await trx
        .updateTable('enterprise')
        .set({
          ...(patch.creditCode !== undefined ? { credit_code: patch.creditCode } : {}),
          ...(patch.industryCode !== undefined ? { industry_code: patch.industryCode } : {}),
          ...(patch.sizeClass !== undefined ? { size_class: patch.sizeClass } : {}),
          ...(patch.isKeyEnterprise !== undefined ? { is_key_enterprise: patch.isKeyEnterprise } : {}),
          ...(patch.isNonPublic !== undefined ? { is_non_public: patch.isNonPublic } : {}),
          ...(patch.partyOrgStatus !== undefined ? { party_org_status: patch.partyOrgStatus } : {}),
          ...(patch.registeredOn !== undefined ? { registered_on: patch.registeredOn } : {}),
          ...(patch.legalRepresentative !== undefined ? { legal_representative: patch.legalRepresentative || null } : {}),
          ...(patch.lng !== undefined ? { lng: patch.lng } : {}),
          ...(patch.lat !== undefined ? { lat: patch.lat } : {}),
          staff_count: staff,
          party_member_count: members,
          region_code: regionCode,
          updated_at: now,
        })
        .where('organisation_id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      const { search: _s, ...after } = updated;
      await recordAudit(trx, {
        actor,
        action: 'enterprise.update',
        entity: 'enterprise',
        entityId: id,
        regionCode,
        before,
        after: { ...after, ...(patch.name !== undefined ? { name: patch.name } : {}) },
      });
      // POL-3 the policies reading a changed field are judged again in this transaction; newly eligible ones are pushed.
      await refreshEnterprisePolicies({ trx, enterpriseId: id, asOf: chinaDate(now) });
    });
  } catch (err) {
    if (isCreditCodeRace(err)) throw creditCodeTaken();
    throw err;
  }
}
