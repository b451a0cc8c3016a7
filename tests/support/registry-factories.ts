import type { Kysely } from 'kysely';
import { addDays } from '../../src/domain/registry/occupancy.ts';
import { chinaDate } from '../../src/domain/time.ts';
import type { Database, LiaisonRole } from '../../src/server/db/schema.ts';
import { createOrganisation, randomCreditCode } from './factories.ts';

/**
 * Registry factories (REG-1…6): buildings with their two committees,
 * enterprises (organisation + profile) and leases with their move-in event,
 * written straight to the database so tests set up in one step.
 */
let counter = 0;
const next = () => ++counter;

export interface TestBuilding {
  id: string;
  regionCode: string;
  orgPath: string;
  partyCommitteeId: string;
  managementCommitteeId: string;
}

export async function createBuilding(
  db: Kysely<Database>,
  b: {
    regionCode: string;
    name?: string;
    officeArea?: number;
    ownership?: 'single' | 'multiple';
    managementMode?: 'owner_managed' | 'entrusted';
    propertyCompanyId?: string;
    propertyOwnerId?: string;
    comprehensivePartyOrgId?: string;
    positioning?: string;
  },
): Promise<TestBuilding> {
  const name = b.name ?? `测试大厦${next()}`;
  const party = await createOrganisation(db, { name: `${name}楼宇党委`, kind: 'building_party_committee', regionCode: b.regionCode });
  const management = await createOrganisation(db, { name: `${name}楼宇管委会`, kind: 'building_management_committee', regionCode: b.regionCode, parentId: party.id });
  const row = await db
    .insertInto('building')
    .values({
      name,
      address: `${name}路${next()}号`,
      region_code: b.regionCode,
      org_path: party.path,
      lng: null,
      lat: null,
      floors_above: 20,
      floors_below: 2,
      gross_area: null,
      office_area: b.officeArea ?? 10_000,
      ownership: b.ownership ?? 'multiple',
      management_mode: b.managementMode ?? 'entrusted',
      property_company_id: b.propertyCompanyId ?? null,
      property_owner_id: b.propertyOwnerId ?? null,
      party_committee_id: party.id,
      management_committee_id: management.id,
      comprehensive_party_org_id: b.comprehensivePartyOrgId ?? null,
      positioning: b.positioning ?? null,
      asking_rent: null,
      completed_year: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, regionCode: b.regionCode, orgPath: party.path, partyCommitteeId: party.id, managementCommitteeId: management.id };
}

export interface TestEnterprise {
  id: string;
  path: string;
  creditCode: string;
  regionCode: string;
}

export async function createEnterprise(
  db: Kysely<Database>,
  e: { regionCode: string; name?: string; partyOrgStatus?: 'own' | 'joint' | 'instructor' | 'none'; industryCode?: string; isKeyEnterprise?: boolean },
): Promise<TestEnterprise> {
  const creditCode = randomCreditCode();
  const org = await createOrganisation(db, { name: e.name ?? `测试企业${next()}有限公司`, kind: 'enterprise', regionCode: e.regionCode });
  await db.updateTable('organisation').set({ credit_code: creditCode }).where('id', '=', org.id).execute();
  await db
    .insertInto('enterprise')
    .values({
      organisation_id: org.id,
      credit_code: creditCode,
      industry_code: e.industryCode ?? null,
      size_class: 'small',
      staff_count: 50,
      party_member_count: 3,
      is_key_enterprise: e.isKeyEnterprise ?? false,
      party_org_status: e.partyOrgStatus ?? 'none',
      registered_on: null,
      legal_representative: null,
      region_code: e.regionCode,
      org_path: org.path,
      current_building_id: null,
      lng: null,
      lat: null,
    })
    .execute();
  return { id: org.id, path: org.path, creditCode, regionCode: e.regionCode };
}

/** A lease with its move-in event; the enterprise moves into the building. */
export async function createLease(
  db: Kysely<Database>,
  l: { building: TestBuilding; enterprise: TestEnterprise; area: number; startOn: string; endOn: string; units?: string },
): Promise<{ id: string }> {
  const lease = await db
    .insertInto('lease')
    .values({
      building_id: l.building.id,
      enterprise_id: l.enterprise.id,
      units: l.units ?? '',
      area: l.area,
      start_on: l.startOn,
      end_on: l.endOn,
      ended_on: null,
      monthly_rent: null,
      external_ref: null,
      region_code: l.building.regionCode,
      org_path: l.building.orgPath,
      tenant_path: l.enterprise.path,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('lease_event')
    .values({ lease_id: lease.id, kind: 'move_in', effective_on: l.startOn, area_after: l.area, end_on_after: l.endOn, note: null, actor_user_id: null })
    .execute();
  await db.updateTable('enterprise').set({ current_building_id: l.building.id, building_path: l.building.orgPath }).where('organisation_id', '=', l.enterprise.id).execute();
  return lease;
}

/** A functional department (police, tax, market_regulation, talent …) and a person working there. */
export async function createDepartmentPerson(
  db: Kysely<Database>,
  d: { regionCode: string; departmentKind: string; kind?: 'department' | 'government' },
): Promise<{ organisationId: string; personId: string }> {
  const org = await createOrganisation(db, { name: `测试${d.departmentKind}${next()}`, kind: d.kind ?? 'department', regionCode: d.regionCode });
  if ((d.kind ?? 'department') === 'department') await db.updateTable('organisation').set({ department_kind: d.departmentKind }).where('id', '=', org.id).execute();
  const person = await db
    .insertInto('person')
    .values({
      name: `测试干部${next()}`,
      gender: null,
      birth_date: null,
      region_code: d.regionCode,
      organisation_id: org.id,
      org_path: org.path,
      phone_enc: null,
      phone_masked: null,
      phone_hash: null,
      id_number_enc: null,
      id_number_masked: null,
      id_number_hash: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { organisationId: org.id, personId: person.id };
}

export async function assignLiaisonRow(db: Kysely<Database>, a: { buildingId: string; role: LiaisonRole; personId: string; organisationId: string; startedOn?: string }) {
  return db
    .insertInto('liaison_assignment')
    .values({ building_id: a.buildingId, role: a.role, person_id: a.personId, organisation_id: a.organisationId, started_on: a.startedOn ?? '2024-01-01' })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** 'YYYY-MM-DD' `days` from today in China. */
export function dayFromToday(days: number): string {
  return addDays(chinaDate(), days);
}
