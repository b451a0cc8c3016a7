import type { Kysely } from 'kysely';
import type { Database } from '../../src/server/db/schema.ts';
import { createOrganisation, createPerson, randomCreditCode } from './factories.ts';

/**
 * Factories for the registry services (REG-7, REG-8, SVC-1, SVC-2): buildings, enterprises,
 * leases, instructors and cadres written straight to the database, each test making its own.
 */
let counter = 0;
const next = () => ++counter;

export async function createBuilding(
  db: Kysely<Database>,
  b: {
    regionCode: string;
    name?: string;
    address?: string;
    officeArea?: number;
    lng?: number | null;
    lat?: number | null;
    positioning?: string | null;
    industryFocus?: string[];
    askingRent?: number | null;
    demoStatus?: 'none' | 'cultivating' | 'named';
    /** A building party committee is created for it, so building staff have an organisation path. */
    withCommittee?: boolean;
  },
): Promise<{ id: string; orgPath: string; regionCode: string }> {
  const committee = b.withCommittee
    ? await createOrganisation(db, { name: `${b.name ?? '楼宇'}党委${next()}`, kind: 'building_party_committee', regionCode: b.regionCode })
    : null;
  const row = await db
    .insertInto('building')
    .values({
      name: b.name ?? `测试大厦${next()}`,
      address: b.address ?? `测试路${next()}号`,
      region_code: b.regionCode,
      org_path: committee?.path ?? '',
      party_committee_id: committee?.id ?? null,
      lng: b.lng === undefined ? 119.3 : b.lng,
      lat: b.lat === undefined ? 26.08 : b.lat,
      office_area: b.officeArea ?? 10_000,
      ownership: 'single',
      management_mode: 'owner_managed',
      positioning: b.positioning ?? null,
      industry_focus: b.industryFocus ?? [],
      demo_status: b.demoStatus ?? 'none',
      asking_rent: b.askingRent ?? null,
    })
    .returning(['id', 'org_path'])
    .executeTakeFirstOrThrow();
  return { id: row.id, orgPath: row.org_path, regionCode: b.regionCode };
}

export async function createEnterprise(
  db: Kysely<Database>,
  e: {
    regionCode: string;
    name?: string;
    creditCode?: string;
    industryCode?: string | null;
    isNonPublic?: boolean;
    lng?: number | null;
    lat?: number | null;
    legalRepresentative?: string | null;
    building?: { id: string; orgPath: string };
  },
): Promise<{ id: string; path: string; creditCode: string }> {
  const org = await createOrganisation(db, { name: e.name ?? `测试企业${next()}有限公司`, kind: 'enterprise', regionCode: e.regionCode });
  const creditCode = e.creditCode ?? randomCreditCode();
  await db.updateTable('organisation').set({ credit_code: creditCode }).where('id', '=', org.id).execute();
  await db
    .insertInto('enterprise')
    .values({
      organisation_id: org.id,
      credit_code: creditCode,
      industry_code: e.industryCode ?? null,
      size_class: null,
      staff_count: null,
      party_member_count: null,
      is_non_public: e.isNonPublic ?? true,
      registered_on: null,
      legal_representative: e.legalRepresentative ?? null,
      region_code: e.regionCode,
      org_path: org.path,
      building_path: e.building?.orgPath ?? '',
      current_building_id: e.building?.id ?? null,
      lng: e.lng ?? null,
      lat: e.lat ?? null,
    })
    .execute();
  return { id: org.id, path: org.path, creditCode };
}

/** A lease with its events; the first is the move-in. */
export async function createLease(
  db: Kysely<Database>,
  l: {
    building: { id: string; orgPath: string; regionCode: string };
    enterprise: { id: string; path: string };
    area: number;
    startOn: string;
    endOn?: string;
    events?: { kind: 'move_out' | 'area_change' | 'expiry' | 'renewal'; effectiveOn: string; areaAfter: number }[];
  },
): Promise<{ id: string }> {
  const endOn = l.endOn ?? '2030-12-31';
  const lease = await db
    .insertInto('lease')
    .values({
      building_id: l.building.id,
      enterprise_id: l.enterprise.id,
      area: l.area,
      start_on: l.startOn,
      end_on: endOn,
      region_code: l.building.regionCode,
      org_path: l.building.orgPath,
      tenant_path: l.enterprise.path,
      external_ref: null,
      monthly_rent: null,
      ended_on: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const events = [{ kind: 'move_in' as const, effectiveOn: l.startOn, areaAfter: l.area }, ...(l.events ?? [])];
  await db
    .insertInto('lease_event')
    .values(
      events.map((e) => ({
        lease_id: lease.id,
        kind: e.kind,
        effective_on: e.effectiveOn,
        area_after: e.areaAfter,
        end_on_after: endOn,
        note: null,
        actor_user_id: null,
      })),
    )
    .execute();
  return lease;
}

export async function createInstructor(
  db: Kysely<Database>,
  i: { regionCode: string; name?: string; capacity?: number; lng?: number | null; lat?: number | null; active?: boolean },
): Promise<{ personId: string }> {
  const person = await createPerson(db, { name: i.name ?? `指导员${next()}`, regionCode: i.regionCode, isPartyMember: true });
  await db
    .insertInto('instructor')
    .values({
      person_id: person.id,
      title: null,
      capacity: i.capacity ?? 3,
      lng: i.lng ?? null,
      lat: i.lat ?? null,
      region_code: i.regionCode,
      active: i.active ?? true,
    })
    .execute();
  return { personId: person.id };
}

export async function createCadre(db: Kysely<Database>, c: { regionCode: string; name?: string }): Promise<{ personId: string }> {
  const person = await createPerson(db, { name: c.name ?? `选派干部${next()}`, regionCode: c.regionCode, isPartyMember: true });
  await db
    .insertInto('stationed_cadre')
    .values({ person_id: person.id, region_code: c.regionCode, park_name: null, home_unit: null, started_on: '2023-01-01', ended_on: null })
    .execute();
  return { personId: person.id };
}

export async function createBelt(
  db: Kysely<Database>,
  b: { regionCode: string; level?: 'city' | 'county'; name?: string },
): Promise<{ id: string }> {
  return db
    .insertInto('demo_belt')
    .values({
      name: b.name ?? `示范带${next()}`,
      level: b.level ?? 'county',
      region_code: b.regionCode,
      description: null,
      established_on: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}
