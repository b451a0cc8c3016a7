import { sql, type Kysely } from 'kysely';
import { regionPrefix } from '../../../domain/regions.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Action } from '../../auth/policy.ts';
import type { Database, LiaisonRole } from '../../db/schema.ts';
import { scopeWhere } from '../../db/scoped.ts';
import { leasedAreaByBuilding } from '../leases/facts.ts';
import type { BuildingQuery } from './schemas.ts';

/** The building a building account works for (the first in its scope): where its own matters and needs sit. */
export async function ownBuildingId(db: Kysely<Database>, actor: Actor): Promise<string | null> {
  const own = await db
    .selectFrom('building')
    .select('id')
    .where(scopeWhere(actor, 'building', 'read'))
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return own?.id ?? null;
}

/** A column of the organisation a building column refers to, or null: a scalar subquery. */
function orgColumn(
  reference: 'property_company_id' | 'property_owner_id' | 'party_committee_id' | 'management_committee_id' | 'comprehensive_party_org_id',
  column: 'name' | 'path',
) {
  return sql<string | null>`(SELECT o.${sql.ref(column)} FROM organisation o WHERE o.id = building.${sql.ref(reference)})`;
}

/**
 * A building with the names of the organisations it refers to; the search document stays in the database.
 * The names are scalar subqueries rather than six left joins: each is one primary-key read either way,
 * but a seven-table join had the planner weigh join orders for longer than the page takes to run
 * (2.8 ms of planning against 1.3 ms of execution for a list page on PostgreSQL, 0.9 ms this way).
 */
export function buildingBase(db: Kysely<Database>, actor: Actor, action: Action = 'read') {
  return db
    .selectFrom('building')
    .select([
      'building.id',
      'building.name',
      'building.address',
      'building.region_code',
      'building.org_path',
      'building.lng',
      'building.lat',
      'building.floors_above',
      'building.floors_below',
      'building.gross_area',
      'building.office_area',
      'building.ownership',
      'building.management_mode',
      'building.property_company_id',
      'building.property_owner_id',
      'building.party_committee_id',
      'building.management_committee_id',
      'building.comprehensive_party_org_id',
      'building.positioning',
      'building.industry_focus',
      'building.demo_status',
      'building.asking_rent',
      'building.completed_year',
      'building.created_at',
      'building.updated_at',
      sql<string | null>`(SELECT r.name FROM region r WHERE r.code = building.region_code)`.as('region_name'),
      orgColumn('property_company_id', 'name').as('property_company_name'),
      orgColumn('property_company_id', 'path').as('property_company_path'),
      orgColumn('property_owner_id', 'name').as('property_owner_name'),
      orgColumn('property_owner_id', 'path').as('property_owner_path'),
      orgColumn('party_committee_id', 'name').as('party_committee_name'),
      orgColumn('management_committee_id', 'name').as('management_committee_name'),
      orgColumn('management_committee_id', 'path').as('management_committee_path'),
      orgColumn('comprehensive_party_org_id', 'name').as('comprehensive_party_org_name'),
      orgColumn('comprehensive_party_org_id', 'path').as('comprehensive_party_org_path'),
    ])
    .where(scopeWhere(actor, 'building', action));
}
export type BuildingRow = Awaited<ReturnType<ReturnType<typeof buildingBase>['executeTakeFirstOrThrow']>>;

export function findBuilding(db: Kysely<Database>, actor: Actor, id: string, action: Action = 'read'): Promise<BuildingRow | undefined> {
  return buildingBase(db, actor, action).where('building.id', '=', id).executeTakeFirst();
}

/**
 * The buildings a list query selects, in list order, each with the number of all of them: one
 * statement, so the occupancy aggregate (when filtered by vacancy) and the bigram match (when
 * searched) run once for the page and its total, not once for each.
 */
export function listBuildingsQuery(db: Kysely<Database>, actor: Actor, f: BuildingQuery & { today: string }) {
  let matching = db.selectFrom('building').where(scopeWhere(actor, 'building'));
  if (f.regionCode) matching = matching.where('building.region_code', 'like', `${regionPrefix(f.regionCode)}%`);
  if (f.positioning) matching = matching.where('building.positioning', '=', f.positioning);
  if (f.demoStatus) matching = matching.where('building.demo_status', '=', f.demoStatus);
  // Chinese names: a phrase of character bigrams finds any part of the name, address or positioning.
  if (f.q) matching = matching.where(sql<boolean>`building.search @@ hongtu_bigram_query(${f.q})`);
  // The window counts every selected row before the page is cut from them.
  const columns = [sql<string>`building.id`.as('id'), sql<string>`count(*) OVER ()`.as('total')];
  const listOrder = sql`building.region_code, building.id`;
  if (f.vacancyRateMin === undefined && f.vacancyRateMax === undefined && f.vacantAreaMin === undefined)
    return matching.select(columns).orderBy(listOrder).limit(f.limit).offset(f.offset);
  // Only a filtered list pays for the leased area of the buildings it selects; the rule is occupancy.ts's.
  const leased = leasedAreaByBuilding(db, { on: f.today, buildings: matching.select('building.id') }).as('leased');
  let occupied = matching.leftJoin(leased, 'leased.building_id', 'building.id');
  const area = sql<number>`coalesce(leased.leased_area, 0)`;
  const vacancyRate = sql<number>`(1 - least(1, ${area} / building.office_area::float8))`;
  if (f.vacancyRateMin !== undefined) occupied = occupied.where(sql<boolean>`${vacancyRate} >= ${f.vacancyRateMin}`);
  if (f.vacancyRateMax !== undefined) occupied = occupied.where(sql<boolean>`${vacancyRate} <= ${f.vacancyRateMax}`);
  if (f.vacantAreaMin !== undefined) occupied = occupied.where(sql<boolean>`building.office_area::float8 - ${area} >= ${f.vacantAreaMin}`);
  return occupied.select(columns).orderBy(listOrder).limit(f.limit).offset(f.offset);
}

/**
 * A page of the building list with each building's area leased today (the leases the actor may
 * read, as before), aggregated in the database: twenty numbers travel instead of every event of
 * every lease of the page.
 */
export async function listBuildings(
  db: Kysely<Database>,
  actor: Actor,
  f: BuildingQuery & { today: string },
): Promise<{ rows: (BuildingRow & { leased_area: number })[]; total: number }> {
  const page = await listBuildingsQuery(db, actor, f).execute();
  if (page.length === 0) {
    // Past the last page the window has no row to report the total on.
    const first = f.offset === 0 ? undefined : (await listBuildingsQuery(db, actor, { ...f, offset: 0, limit: 1 }).execute())[0];
    return { rows: [], total: Number(first?.total ?? 0) };
  }
  // Only the page's rows are joined to their organisations' names.
  const ids = page.map((r) => r.id);
  const leased = leasedAreaByBuilding(db, {
    on: f.today,
    buildings: db.selectFrom('building').select('building.id').where('building.id', 'in', ids),
    visibleTo: actor,
  }).as('leased');
  const rows = await buildingBase(db, actor)
    .leftJoin(leased, 'leased.building_id', 'building.id')
    .select(sql<number>`coalesce(leased.leased_area, 0)`.as('leased_area'))
    .where('building.id', 'in', ids)
    .orderBy('building.region_code')
    .orderBy('building.id')
    .execute();
  return { rows, total: Number(page[0]!.total) };
}

export function listUnits(db: Kysely<Database>, buildingId: string) {
  return db
    .selectFrom('building_unit')
    .select(['id', 'floor', 'unit_no', 'area'])
    .where('building_id', '=', buildingId)
    .orderBy('floor')
    .orderBy('unit_no')
    .execute();
}

export interface LiaisonHolderRow {
  role: LiaisonRole;
  assignmentId: string;
  buildingId: string;
  personId: string;
  personName: string;
  organisationId: string | null;
  organisationName: string | null;
  startedOn: string;
}

/**
 * Current holders of the eight roles for these buildings. The callers have read
 * the buildings through their scope; who holds a building's liaison posts is
 * part of the building's record (the article has them published), so names
 * come with it — contact details do not.
 */
export async function currentLiaisons(db: Kysely<Database>, buildingIds: readonly string[]): Promise<LiaisonHolderRow[]> {
  if (buildingIds.length === 0) return [];
  const rows = await db
    .selectFrom('liaison_assignment as la')
    .innerJoin('person', 'person.id', 'la.person_id')
    .leftJoin('organisation', 'organisation.id', 'la.organisation_id')
    .select([
      'la.id',
      'la.building_id',
      'la.role',
      'la.person_id',
      'person.name as person_name',
      'la.organisation_id',
      'organisation.name as organisation_name',
      'la.started_on',
    ])
    .where('la.building_id', 'in', buildingIds)
    .where('la.ended_on', 'is', null)
    .execute();
  return rows.map((r) => ({
    role: r.role,
    assignmentId: r.id,
    buildingId: r.building_id,
    personId: r.person_id,
    personName: r.person_name,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    startedOn: r.started_on,
  }));
}

export interface CommitteePostRow {
  postId: string;
  organisationId: string;
  personId: string;
  personName: string;
  title: string;
  startedOn: string | null;
}
