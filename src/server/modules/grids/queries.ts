import { sql, type Kysely } from 'kysely';
import type { Household, HouseholdMember } from '../../../domain/villages/index.ts';
import { regionPrefix } from '../../../domain/regions.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';
import { scopeWhere } from '../../db/scoped.ts';

type Db = Kysely<Database>;

/** GRD-1 grids of a region the actor sees, with their households and members counted. */
export function listGrids(db: Db, actor: Actor, regionCode: string | undefined) {
  let q = db
    .selectFrom('grid')
    .leftJoin('region', 'region.code', 'grid.village_code')
    .select([
      'grid.id',
      'grid.village_code',
      'region.name as village_name',
      'grid.name',
      'grid.lng',
      'grid.lat',
      (eb) =>
        eb
          .selectFrom('household')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('household.grid_id', '=', 'grid.id')
          .as('households'),
      (eb) =>
        eb
          .selectFrom('grid_member')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('grid_member.grid_id', '=', 'grid.id')
          .as('members'),
    ])
    .where(scopeWhere(actor, 'grid'));
  if (regionCode) q = q.where('grid.village_code', 'like', `${regionPrefix(regionCode)}%`);
  return q.orderBy('grid.village_code').orderBy('grid.name').execute();
}

export interface MemberRow {
  person_id: string;
  name: string;
  birth_date: string | null;
  village_code: string;
  grid_id: string | null;
  grid_name: string | null;
  lng: number | null;
  lat: number | null;
  exempt: boolean | null;
  exempt_note: string | null;
}

export interface HouseholdRow {
  id: string;
  village_code: string;
  grid_id: string | null;
  address: string;
  lng: number | null;
  lat: number | null;
  member_person_id: string | null;
  pinned: boolean;
}

/**
 * What an assignment or a coverage check of a region works on: the party members registered on
 * its grids and its households, both as the actor may read them (`read`) or change them (`write`).
 */
export async function loadRegionHouseholds(db: Db, actor: Actor, regionCode: string, action: 'read' | 'write' = 'read') {
  const prefix = `${regionPrefix(regionCode)}%`;
  const [members, households] = await Promise.all([
    db
      .selectFrom('grid_member')
      .innerJoin('person', 'person.id', 'grid_member.person_id')
      .leftJoin('grid', 'grid.id', 'grid_member.grid_id')
      .select([
        'grid_member.person_id',
        'person.name',
        'person.birth_date',
        'grid_member.village_code',
        'grid_member.grid_id',
        'grid.name as grid_name',
        'grid_member.lng',
        'grid_member.lat',
        'grid_member.exempt',
        'grid_member.exempt_note',
      ])
      .where('grid_member.village_code', 'like', prefix)
      .where('person.is_party_member', '=', true)
      .where(scopeWhere(actor, 'grid_member', action))
      .orderBy('grid_member.person_id')
      .execute() satisfies Promise<MemberRow[]>,
    db
      .selectFrom('household')
      .select(['id', 'village_code', 'grid_id', 'address', 'lng', 'lat', 'member_person_id', 'pinned'])
      .where('village_code', 'like', prefix)
      .where(scopeWhere(actor, 'household', action))
      .orderBy('id')
      .execute() satisfies Promise<HouseholdRow[]>,
  ]);
  return { members, households };
}

export const toDomainMember = (m: MemberRow, exempt?: boolean | null): HouseholdMember => ({
  id: m.person_id,
  location: m.lng !== null && m.lat !== null ? { lng: m.lng, lat: m.lat } : null,
  birthDate: m.birth_date,
  exempt: exempt === undefined ? m.exempt : exempt,
  villageCode: m.village_code,
  gridId: m.grid_id,
});

export const toDomainHousehold = (h: HouseholdRow, pinnedMemberId?: string): Household => ({
  id: h.id,
  location: h.lng !== null && h.lat !== null ? { lng: h.lng, lat: h.lat } : null,
  villageCode: h.village_code,
  gridId: h.grid_id,
  pinnedMemberId: pinnedMemberId ?? (h.pinned ? h.member_person_id : null),
});

/** The last visit of each member (for the coverage list) — one grouped scan of the region's visits. */
export async function lastVisitByMember(db: Db, regionCode: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('visit')
    .select(['member_person_id', sql<string>`max(visited_on)::text`.as('last')])
    .where('village_code', 'like', `${regionPrefix(regionCode)}%`)
    .where('member_person_id', 'is not', null)
    .groupBy('member_person_id')
    .execute();
  return new Map(rows.map((r) => [r.member_person_id!, r.last]));
}
