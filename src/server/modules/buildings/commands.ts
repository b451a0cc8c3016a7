import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../../auth/actor.ts';
import type { Database, OrganisationKind } from '../../db/schema.ts';
import { allows } from '../../db/scoped.ts';
import { AppError, conflict, forbidden, invalidField, notFound, outOfScopeField, unknownReference, type FieldIssue } from '../../http/errors.ts';
import { recordAudit } from '../audit/chain.ts';
import type { BuildingInput, BuildingPatch, UnitsInput } from './schemas.ts';

type Trx = Transaction<Database>;

/** Which kinds of organisation each reference of a building may name (REG-1, REG-4, REG-5). */
const REFERENCE_KINDS = {
  propertyCompanyId: ['property_company'],
  // 产权单位: usually a property-rights unit, sometimes a company or a government body owning the building.
  propertyOwnerId: ['property_owner', 'enterprise', 'government'],
  partyCommitteeId: ['building_party_committee'],
  managementCommitteeId: ['building_management_committee'],
  comprehensivePartyOrgId: ['party_org', 'building_party_committee'],
} as const satisfies Record<string, readonly OrganisationKind[]>;
type ReferenceField = keyof typeof REFERENCE_KINDS;

interface OrgRef {
  id: string;
  path: string;
  region_code: string;
  kind: OrganisationKind;
}

/** A referenced organisation must be visible to the actor (else 404 naming the field) and of the right kind. */
async function referencedOrganisation(trx: Trx, actor: Actor, field: ReferenceField, id: string): Promise<OrgRef> {
  const org = await trx.selectFrom('organisation').select(['id', 'path', 'region_code', 'kind']).where('id', '=', id).executeTakeFirst();
  if (!org || !allows(actor, 'organisation', 'read', { regionCode: org.region_code, orgPath: org.path })) throw unknownReference(field);
  if (!(REFERENCE_KINDS[field] as readonly OrganisationKind[]).includes(org.kind)) throw invalidField(field, 'field.organisation_kind_mismatch');
  return org;
}

async function checkRegion(trx: Trx, regionCode: string): Promise<void> {
  const region = await trx.selectFrom('region').select('code').where('code', '=', regionCode).executeTakeFirst();
  if (!region) throw invalidField('regionCode', 'field.region_unknown');
}

/** Sets up one of the 楼宇两委 with the building, in the same transaction and audit trail. */
async function createCommittee(trx: Trx, actor: Actor, o: { name: string; kind: OrganisationKind; regionCode: string; parent: { id: string; path: string } | null }) {
  const placePath = o.parent?.path ?? '/';
  if (!allows(actor, 'organisation', 'write', { regionCode: o.regionCode, orgPath: placePath })) throw outOfScopeField('regionCode');
  const row = await trx
    .insertInto('organisation')
    .values({ name: o.name, kind: o.kind, party_org_kind: null, formation: null, department_kind: null, parent_id: o.parent?.id ?? null, region_code: o.regionCode, credit_code: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const created = await trx
    .updateTable('organisation')
    .set({ path: `${placePath}${row.id}/` })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(trx, { actor, action: 'organisation.create', entity: 'organisation', entityId: created.id, regionCode: created.region_code, after: created });
  return created;
}

function numbers(input: Partial<BuildingInput>) {
  return {
    ...(input.lng !== undefined ? { lng: input.lng } : {}),
    ...(input.lat !== undefined ? { lat: input.lat } : {}),
    ...(input.floorsAbove !== undefined ? { floors_above: input.floorsAbove } : {}),
    ...(input.floorsBelow !== undefined ? { floors_below: input.floorsBelow } : {}),
    ...(input.grossArea !== undefined ? { gross_area: input.grossArea } : {}),
    ...(input.officeArea !== undefined ? { office_area: input.officeArea } : {}),
    ...(input.askingRent !== undefined ? { asking_rent: input.askingRent } : {}),
    ...(input.completedYear !== undefined ? { completed_year: input.completedYear } : {}),
  };
}

/** REG-1 registers a building; its two committees (REG-5) are set up with it unless existing ones are named. */
export async function createBuilding(opts: { db: Kysely<Database>; actor: Actor; input: BuildingInput }): Promise<string> {
  const { actor, input } = opts;
  return opts.db.transaction().execute(async (trx) => {
    await checkRegion(trx, input.regionCode);
    const refs: Partial<Record<ReferenceField, OrgRef>> = {};
    for (const field of Object.keys(REFERENCE_KINDS) as ReferenceField[]) {
      const id = input[field];
      if (id) refs[field] = await referencedOrganisation(trx, actor, field, id);
    }
    let parent: { id: string; path: string } | null = null;
    if (input.parentOrganisationId) {
      const p = await trx.selectFrom('organisation').select(['id', 'path', 'region_code']).where('id', '=', input.parentOrganisationId).executeTakeFirst();
      if (!p || !allows(actor, 'organisation', 'read', { regionCode: p.region_code, orgPath: p.path })) throw unknownReference('parentOrganisationId');
      parent = p;
    }
    const party =
      refs.partyCommitteeId ?? (await createCommittee(trx, actor, { name: `${input.name}楼宇党委`, kind: 'building_party_committee', regionCode: input.regionCode, parent }));
    const management =
      refs.managementCommitteeId ??
      // Under the party committee: the party committee leads, and building staff see both committees.
      (await createCommittee(trx, actor, { name: `${input.name}楼宇管委会`, kind: 'building_management_committee', regionCode: input.regionCode, parent: party }));
    if (!allows(actor, 'building', 'write', { regionCode: input.regionCode, orgPath: party.path })) throw outOfScopeField('regionCode');
    const created = await trx
      .insertInto('building')
      .values({
        name: input.name,
        address: input.address,
        region_code: input.regionCode,
        org_path: party.path,
        ownership: input.ownership,
        management_mode: input.managementMode,
        property_company_id: refs.propertyCompanyId?.id ?? null,
        property_owner_id: refs.propertyOwnerId?.id ?? null,
        party_committee_id: party.id,
        management_committee_id: management.id,
        comprehensive_party_org_id: refs.comprehensivePartyOrgId?.id ?? null,
        positioning: input.positioning || null,
        industry_focus: input.industryFocus ?? [],
        demo_status: input.demoStatus ?? 'none',
        lng: null,
        lat: null,
        floors_above: null,
        floors_below: null,
        gross_area: null,
        asking_rent: null,
        completed_year: null,
        ...numbers(input),
        office_area: input.officeArea,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const { search: _s, ...after } = created;
    await recordAudit(trx, { actor, action: 'building.create', entity: 'building', entityId: created.id, regionCode: created.region_code, after });
    return created.id;
  });
}

/** Locks the building row: every change to a building, its leases' capacity or its liaisons queues behind it. */
export async function lockWritableBuilding(trx: Trx, actor: Actor, id: string) {
  const row = await trx.selectFrom('building').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  const place = { regionCode: row?.region_code, orgPath: row?.org_path };
  if (!row || !allows(actor, 'building', 'read', place)) throw notFound();
  if (!allows(actor, 'building', 'write', place)) throw forbidden();
  const { search: _s, ...rest } = row;
  return rest;
}

/**
 * REG-1 changes a building. A new party committee moves the building in the
 * organisation tree: its leases and current tenants follow in the same
 * transaction, so building staff keep seeing exactly what is theirs.
 */
export async function updateBuilding(opts: { db: Kysely<Database>; actor: Actor; id: string; patch: BuildingPatch }): Promise<void> {
  const { actor, id, patch } = opts;
  await opts.db.transaction().execute(async (trx) => {
    const before = await lockWritableBuilding(trx, actor, id);
    if (patch.expectedUpdatedAt && new Date(patch.expectedUpdatedAt).getTime() !== before.updated_at.getTime()) throw conflict();
    const regionCode = patch.regionCode ?? before.region_code;
    if (regionCode !== before.region_code) await checkRegion(trx, regionCode);
    const changed: Partial<Record<ReferenceField, string | null>> = {};
    const issues: FieldIssue[] = [];
    let orgPath = before.org_path;
    for (const field of Object.keys(REFERENCE_KINDS) as ReferenceField[]) {
      const value = patch[field];
      if (value === undefined) continue;
      if (value === null) {
        // The two committees are the building's place in the tree: they can be replaced, not removed.
        if (field === 'partyCommitteeId' || field === 'managementCommitteeId') issues.push({ path: field, key: 'field.organisation_kind_mismatch' });
        else changed[field] = null;
        continue;
      }
      const ref = await referencedOrganisation(trx, actor, field, value);
      changed[field] = ref.id;
      if (field === 'partyCommitteeId') orgPath = ref.path;
    }
    if (issues.length) throw new AppError('validation', { fields: issues });
    if (!allows(actor, 'building', 'write', { regionCode, orgPath })) throw outOfScopeField(regionCode !== before.region_code ? 'regionCode' : 'partyCommitteeId');
    const after = await trx
      .updateTable('building')
      .set({
        ...numbers(patch),
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.address !== undefined ? { address: patch.address } : {}),
        ...(patch.ownership !== undefined ? { ownership: patch.ownership } : {}),
        ...(patch.managementMode !== undefined ? { management_mode: patch.managementMode } : {}),
        ...(patch.positioning !== undefined ? { positioning: patch.positioning || null } : {}),
        ...(patch.industryFocus !== undefined ? { industry_focus: patch.industryFocus } : {}),
        ...(patch.demoStatus !== undefined ? { demo_status: patch.demoStatus } : {}),
        ...(changed.propertyCompanyId !== undefined ? { property_company_id: changed.propertyCompanyId } : {}),
        ...(changed.propertyOwnerId !== undefined ? { property_owner_id: changed.propertyOwnerId } : {}),
        ...(changed.partyCommitteeId ? { party_committee_id: changed.partyCommitteeId } : {}),
        ...(changed.managementCommitteeId ? { management_committee_id: changed.managementCommitteeId } : {}),
        ...(changed.comprehensivePartyOrgId !== undefined ? { comprehensive_party_org_id: changed.comprehensivePartyOrgId } : {}),
        region_code: regionCode,
        org_path: orgPath,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (orgPath !== before.org_path || regionCode !== before.region_code) {
      // Leases carry the building's place for scope; enterprises leasing here now carry its path.
      await trx.updateTable('lease').set({ org_path: orgPath, region_code: regionCode }).where('building_id', '=', id).execute();
      await trx.updateTable('enterprise').set({ building_path: orgPath }).where('current_building_id', '=', id).execute();
    }
    const { search: _s, ...afterRow } = after;
    await recordAudit(trx, { actor, action: 'building.update', entity: 'building', entityId: id, regionCode, before, after: afterRow });
  });
}

/** REG-1 adds units (floor, number, area) to a building; a number already used is a field error. */
export async function addUnits(opts: { db: Kysely<Database>; actor: Actor; buildingId: string; input: UnitsInput }): Promise<void> {
  const { actor, buildingId, input } = opts;
  await opts.db.transaction().execute(async (trx) => {
    const building = await lockWritableBuilding(trx, actor, buildingId);
    const numbersWanted = input.units.map((u) => u.unitNo);
    const existing = new Set(
      (await trx.selectFrom('building_unit').select('unit_no').where('building_id', '=', buildingId).where('unit_no', 'in', numbersWanted).execute()).map((r) => r.unit_no),
    );
    const issues: FieldIssue[] = [];
    const seen = new Set<string>();
    input.units.forEach((u, i) => {
      if (existing.has(u.unitNo) || seen.has(u.unitNo)) issues.push({ path: `units.${i}.unitNo`, key: 'field.unit_taken' });
      seen.add(u.unitNo);
    });
    if (issues.length) throw new AppError('validation', { fields: issues });
    // The building row is locked, so no other request adds units meanwhile: the check above stands.
    const rows = await trx
      .insertInto('building_unit')
      .values(input.units.map((u) => ({ building_id: buildingId, floor: u.floor, unit_no: u.unitNo, area: u.area })))
      .returningAll()
      .execute();
    await trx.updateTable('building').set({ updated_at: new Date() }).where('id', '=', buildingId).execute();
    await recordAudit(trx, { actor, action: 'building.units_add', entity: 'building', entityId: buildingId, regionCode: building.region_code, after: rows });
  });
}
