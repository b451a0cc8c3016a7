import type { Transaction } from 'kysely';
import type { Actor } from '../../auth/actor.ts';
import type { Database, OrganisationKind } from '../../db/schema.ts';
import { allows, scopeWhere } from '../../db/scoped.ts';
import { recordAudit } from '../audit/chain.ts';
import { buildingInput, type BuildingInput } from '../buildings/schemas.ts';
import { knownRegions, newRecordParent } from './batch.ts';
import { present, type BatchOutcome, type BatchProcessor } from './rows.ts';

/**
 * REG-9 buildings by their natural key (street, name). A new building gets its
 * 楼宇两委 as the registry's create command sets them up (REG-5), and its
 * property company or property-rights unit by name: an organisation of that
 * kind the uploader can see, or a new one under the building's management
 * committee. A blank cell leaves a field as it is.
 */
type Trx = Transaction<Database>;
type Building = Awaited<ReturnType<typeof existingInScope>>[number];

const NUMBERS = [
  ['lng', 'lng'],
  ['lat', 'lat'],
  ['floors_above', 'floorsAbove'],
  ['floors_below', 'floorsBelow'],
  ['gross_area', 'grossArea'],
  ['office_area', 'officeArea'],
  ['asking_rent', 'askingRent'],
  ['completed_year', 'completedYear'],
] as const;
const TEXTS = [
  ['address', 'address'],
  ['ownership', 'ownership'],
  ['management_mode', 'managementMode'],
  ['positioning', 'positioning'],
] as const;
const OWNER_KINDS: OrganisationKind[] = ['property_owner', 'enterprise', 'government'];

function existingInScope(trx: Trx, actor: Actor, keys: readonly { regionCode: string; name: string }[]) {
  return trx
    .selectFrom('building')
    .leftJoin('organisation as pc', 'pc.id', 'building.property_company_id')
    .leftJoin('organisation as po', 'po.id', 'building.property_owner_id')
    .select([
      'building.id',
      'building.name',
      'building.region_code',
      'building.org_path',
      'building.management_committee_id',
      'building.industry_focus',
    ])
    .select([...NUMBERS.map(([c]) => `building.${c}` as const), ...TEXTS.map(([c]) => `building.${c}` as const)])
    .select(['pc.name as property_company', 'po.name as property_owner'])
    .where((eb) => eb.or(keys.map((k) => eb.and([eb('building.region_code', '=', k.regionCode), eb('building.name', '=', k.name)]))))
    .where(scopeWhere(actor, 'building', 'read'))
    .forUpdate(['building'])
    .execute();
}

/** An organisation of one of `kinds` by exact name among those the uploader sees, the oldest first. */
async function organisationNamed(trx: Trx, actor: Actor, name: string, kinds: OrganisationKind[]) {
  return trx
    .selectFrom('organisation')
    .select(['id', 'path'])
    .where('name', '=', name)
    .where('kind', 'in', kinds)
    .where(scopeWhere(actor, 'organisation', 'read'))
    .orderBy('id')
    .executeTakeFirst();
}

async function createOrganisation(
  trx: Trx,
  o: { name: string; kind: OrganisationKind; regionCode: string; parent: { id: string | null; path: string } },
) {
  const row = await trx
    .insertInto('organisation')
    .values({
      name: o.name,
      kind: o.kind,
      party_org_kind: null,
      formation: null,
      department_kind: null,
      parent_id: o.parent.id,
      region_code: o.regionCode,
      credit_code: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const path = `${o.parent.path}${row.id}/`;
  await trx.updateTable('organisation').set({ path }).where('id', '=', row.id).execute();
  return { id: row.id, path };
}

/** The property company or owner a row names, found or set up under the management committee. */
async function namedParty(
  trx: Trx,
  actor: Actor,
  name: string,
  field: 'propertyCompany' | 'propertyOwner',
  at: { regionCode: string; management: { id: string | null; path: string } },
) {
  const kinds: OrganisationKind[] = field === 'propertyCompany' ? ['property_company'] : OWNER_KINDS;
  const found = await organisationNamed(trx, actor, name, kinds);
  if (found) return found.id;
  const kind = field === 'propertyCompany' ? 'property_company' : 'property_owner';
  return (await createOrganisation(trx, { name, kind, regionCode: at.regionCode, parent: at.management })).id;
}

function diff(
  b: Building,
  input: BuildingInput,
  given: ReadonlySet<string>,
  names: Record<'propertyCompany' | 'propertyOwner', string | null>,
) {
  const set: Record<string, unknown> = {};
  for (const [column, field] of NUMBERS) {
    const v = input[field];
    if (given.has(field) && v != null && (b[column] === null || Number(b[column]) !== v)) set[column] = v;
  }
  for (const [column, field] of TEXTS) {
    const v = input[field];
    if (given.has(field) && v != null && b[column] !== v) set[column] = v;
  }
  if (given.has('industryFocus') && (input.industryFocus ?? []).join(',') !== b.industry_focus.join(','))
    set.industry_focus = input.industryFocus ?? [];
  const parties = {
    propertyCompany: names.propertyCompany !== null && names.propertyCompany !== b.property_company,
    propertyOwner: names.propertyOwner !== null && names.propertyOwner !== b.property_owner,
  };
  return { set, parties };
}

export const importBuildings: BatchProcessor = async (ctx, rows) => {
  const { trx, actor, errors } = ctx;
  const out: BatchOutcome = { created: [], updated: [], unchanged: 0, errors: [] };
  const valid: {
    row: number;
    input: BuildingInput;
    given: Set<string>;
    names: Record<'propertyCompany' | 'propertyOwner', string | null>;
  }[] = [];
  for (const r of rows) {
    const given = present(r.values);
    const parsed = buildingInput.safeParse(given);
    if (!parsed.success) {
      out.errors.push(...errors.zod(r.row, parsed.error.issues));
      continue;
    }
    const name = (k: 'propertyCompany' | 'propertyOwner') => (typeof given[k] === 'string' ? String(given[k]) : null);
    valid.push({
      row: r.row,
      input: parsed.data,
      given: new Set(Object.keys(given)),
      names: { propertyCompany: name('propertyCompany'), propertyOwner: name('propertyOwner') },
    });
  }
  if (valid.length === 0) return out;
  const regions = await knownRegions(
    trx,
    valid.map((v) => v.input.regionCode),
    ctx.regions,
  );
  const keyOf = (regionCode: string, name: string) => `${regionCode}\u0000${name}`;
  const existing = new Map(
    (
      await existingInScope(
        trx,
        actor,
        valid.map((v) => v.input),
      )
    ).map((b) => [keyOf(b.region_code, b.name), b]),
  );
  const parent = newRecordParent(actor);

  for (const { row, input, given, names } of valid) {
    if (!regions.has(input.regionCode)) {
      out.errors.push(errors.key(row, 'regionCode', 'field.region_unknown'));
      continue;
    }
    const b = existing.get(keyOf(input.regionCode, input.name));
    if (b) {
      if (!allows(actor, 'building', 'write', { regionCode: b.region_code, orgPath: b.org_path })) {
        out.errors.push(errors.key(row, 'name', 'import.out_of_scope'));
        continue;
      }
      const { set, parties } = diff(b, input, given, names);
      const management = b.management_committee_id
        ? await trx.selectFrom('organisation').select(['id', 'path']).where('id', '=', b.management_committee_id).executeTakeFirstOrThrow()
        : parent;
      const at = { regionCode: b.region_code, management };
      if (parties.propertyCompany) set.property_company_id = await namedParty(trx, actor, names.propertyCompany!, 'propertyCompany', at);
      if (parties.propertyOwner) set.property_owner_id = await namedParty(trx, actor, names.propertyOwner!, 'propertyOwner', at);
      if (Object.keys(set).length === 0) {
        out.unchanged++;
        continue;
      }
      await trx
        .updateTable('building')
        .set({ ...set, updated_at: new Date() })
        .where('id', '=', b.id)
        .execute();
      out.updated.push(b.id);
      continue;
    }
    // Invisible under this name: another building's staff cannot create one beside it.
    const hidden = await trx
      .selectFrom('building')
      .select('id')
      .where('region_code', '=', input.regionCode)
      .where('name', '=', input.name)
      .executeTakeFirst();
    if (hidden) {
      out.errors.push(errors.key(row, 'name', 'import.out_of_scope'));
      continue;
    }
    if (
      !allows(actor, 'organisation', 'write', { regionCode: input.regionCode, orgPath: parent.path }) ||
      !allows(actor, 'building', 'write', { regionCode: input.regionCode, orgPath: `${parent.path}0/` })
    ) {
      out.errors.push(errors.key(row, 'regionCode', 'field.region_out_of_scope'));
      continue;
    }
    const committee = await createOrganisation(trx, {
      name: `${input.name}楼宇党委`,
      kind: 'building_party_committee',
      regionCode: input.regionCode,
      parent,
    });
    const management = await createOrganisation(trx, {
      name: `${input.name}楼宇管委会`,
      kind: 'building_management_committee',
      regionCode: input.regionCode,
      parent: committee,
    });
    const at = { regionCode: input.regionCode, management };
    const created = await trx
      .insertInto('building')
      .values({
        name: input.name,
        address: input.address,
        region_code: input.regionCode,
        org_path: committee.path,
        lng: input.lng ?? null,
        lat: input.lat ?? null,
        floors_above: input.floorsAbove ?? null,
        floors_below: input.floorsBelow ?? null,
        gross_area: input.grossArea ?? null,
        office_area: input.officeArea,
        ownership: input.ownership,
        management_mode: input.managementMode,
        property_company_id: names.propertyCompany ? await namedParty(trx, actor, names.propertyCompany, 'propertyCompany', at) : null,
        property_owner_id: names.propertyOwner ? await namedParty(trx, actor, names.propertyOwner, 'propertyOwner', at) : null,
        party_committee_id: committee.id,
        management_committee_id: management.id,
        comprehensive_party_org_id: null,
        positioning: input.positioning || null,
        industry_focus: input.industryFocus ?? [],
        asking_rent: input.askingRent ?? null,
        completed_year: input.completedYear ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    out.created.push(created.id);
  }
  if (out.created.length || out.updated.length) {
    await recordAudit(trx, {
      actor,
      action: 'import.buildings',
      entity: 'import_job',
      entityId: ctx.jobId,
      regionCode: actor.regionCode,
      after: { rows: [rows[0]!.row, rows[rows.length - 1]!.row], created: out.created, updated: out.updated },
    });
  }
  return out;
};
