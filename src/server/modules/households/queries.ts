import { sql, type Kysely } from 'kysely';
import { regionPrefix } from '../../../domain/regions.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';
import { scopeWhere } from '../../db/scoped.ts';

type Db = Kysely<Database>;
const likeEscape = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Households the actor sees, with their grid, member, head (masked), last visit and open hazards. */
function base(db: Db, actor: Actor) {
  return db
    .selectFrom('household')
    .leftJoin('region', 'region.code', 'household.village_code')
    .leftJoin('grid', 'grid.id', 'household.grid_id')
    .leftJoin('person as member', 'member.id', 'household.member_person_id')
    .selectAll('household')
    .select([
      'region.name as village_name',
      'grid.name as grid_name',
      'member.name as member_name',
      (eb) =>
        eb
          .selectFrom('household_resident')
          .select('household_resident.name_masked')
          .whereRef('household_resident.household_id', '=', 'household.id')
          .where('household_resident.relation', '=', 'head')
          .limit(1)
          .as('head_masked'),
      (eb) =>
        eb
          .selectFrom('household_resident')
          .select('household_resident.name_enc')
          .whereRef('household_resident.household_id', '=', 'household.id')
          .where('household_resident.relation', '=', 'head')
          .limit(1)
          .as('head_enc'),
      (eb) =>
        eb
          .selectFrom('household_resident')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('household_resident.household_id', '=', 'household.id')
          .as('resident_count'),
      (eb) =>
        eb
          .selectFrom('visit')
          .select(sql<string>`max(visited_on)::text`.as('d'))
          .whereRef('visit.household_id', '=', 'household.id')
          .as('last_visit_on'),
      (eb) =>
        eb
          .selectFrom('hazard')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('hazard.household_id', '=', 'household.id')
          .where('hazard.status', '=', 'open')
          .as('open_hazards'),
    ])
    .where(scopeWhere(actor, 'household'));
}
export type HouseholdListRow = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

export function findHousehold(db: Db, actor: Actor, id: string) {
  return base(db, actor).where('household.id', '=', id).executeTakeFirst();
}

export async function listHouseholds(
  db: Db,
  actor: Actor,
  f: {
    regionCode?: string | undefined;
    gridId?: string | undefined;
    memberId?: string | undefined;
    unassigned?: 'true' | 'false' | undefined;
    q?: string | undefined;
    limit: number;
    offset: number;
  },
) {
  let q = base(db, actor);
  if (f.regionCode) q = q.where('household.village_code', 'like', `${regionPrefix(f.regionCode)}%`);
  if (f.gridId) q = q.where('household.grid_id', '=', f.gridId);
  if (f.memberId) q = q.where('household.member_person_id', '=', f.memberId);
  if (f.unassigned) q = q.where('household.member_person_id', f.unassigned === 'true' ? 'is' : 'is not', null);
  if (f.q) q = q.where('household.address', 'like', likeEscape(f.q));
  const [rows, count] = await Promise.all([
    q.orderBy('household.village_code').orderBy('household.id').limit(f.limit).offset(f.offset).execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function listResidents(db: Db, householdId: string) {
  return db.selectFrom('household_resident').selectAll().where('household_id', '=', householdId).orderBy('sort').orderBy('id').execute();
}

export function recentVisits(db: Db, actor: Actor, householdId: string) {
  return db
    .selectFrom('visit')
    .leftJoin('person', 'person.id', 'visit.member_person_id')
    .select(['visit.id', 'visit.visited_on', 'visit.topics', 'visit.notes', 'person.name as member_name'])
    .where('visit.household_id', '=', householdId)
    .where(scopeWhere(actor, 'field_record', 'read', 'visit'))
    .orderBy('visit.visited_on', 'desc')
    .orderBy('visit.id', 'desc')
    .limit(20)
    .execute();
}

/**
 * GRD-2 households whose last visit is `days` or more days before `today` (or never visited),
 * grouped by their member — the list a member works through, a village its members by.
 */
export async function notVisited(
  db: Db,
  actor: Actor,
  f: { days: number; regionCode?: string | undefined; memberId?: string | undefined; today: string },
) {
  let q = db
    .selectFrom('household')
    .leftJoin('person as member', 'member.id', 'household.member_person_id')
    .select([
      'household.id',
      'household.address',
      'household.member_person_id',
      'member.name as member_name',
      (eb) =>
        eb
          .selectFrom('household_resident')
          .select('household_resident.name_masked')
          .whereRef('household_resident.household_id', '=', 'household.id')
          .where('household_resident.relation', '=', 'head')
          .limit(1)
          .as('head_masked'),
      (eb) =>
        eb
          .selectFrom('visit')
          .select(sql<string>`max(visited_on)::text`.as('d'))
          .whereRef('visit.household_id', '=', 'household.id')
          .as('last_visit_on'),
    ])
    .where(scopeWhere(actor, 'household'));
  if (f.regionCode) q = q.where('household.village_code', 'like', `${regionPrefix(f.regionCode)}%`);
  if (f.memberId) q = q.where('household.member_person_id', '=', f.memberId);
  const since = sql<string>`(${f.today}::date - ${f.days}::int)`;
  q = q.where((eb) =>
    eb.not(
      eb.exists(
        eb
          .selectFrom('visit')
          .select(sql`1`.as('x'))
          .whereRef('visit.household_id', '=', 'household.id')
          .where('visit.visited_on', '>', since),
      ),
    ),
  );
  return q
    .orderBy('member.name')
    .orderBy('household.member_person_id')
    .orderBy('last_visit_on', (ob) => ob.asc().nullsFirst())
    .orderBy('household.id')
    .limit(5000)
    .execute();
}
