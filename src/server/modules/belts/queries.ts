import type { Kysely } from 'kysely';
import { regionPrefix } from '../../../domain/regions.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Action } from '../../auth/policy.ts';
import type { Database } from '../../db/schema.ts';
import { scopeWhere } from '../../db/scoped.ts';
import type { BeltQuery } from './schemas.ts';

function base(db: Kysely<Database>, actor: Actor, action: Action = 'read') {
  return db
    .selectFrom('demo_belt')
    .leftJoin('region', 'region.code', 'demo_belt.region_code')
    .selectAll('demo_belt')
    .select('region.name as region_name')
    .where(scopeWhere(actor, 'demo_belt', action));
}
export type BeltRow = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

export function findBelt(db: Kysely<Database>, actor: Actor, id: string) {
  return base(db, actor).where('demo_belt.id', '=', id).executeTakeFirst();
}

function filtered(db: Kysely<Database>, actor: Actor, f: Pick<BeltQuery, 'regionCode' | 'level'>) {
  let query = base(db, actor);
  if (f.regionCode) query = query.where('demo_belt.region_code', 'like', `${regionPrefix(f.regionCode)}%`);
  if (f.level) query = query.where('demo_belt.level', '=', f.level);
  return query;
}

export async function listBelts(db: Kysely<Database>, actor: Actor, f: BeltQuery): Promise<{ rows: BeltRow[]; total: number }> {
  const query = filtered(db, actor, f);
  const [rows, count] = await Promise.all([
    query.orderBy('demo_belt.level').orderBy('demo_belt.id').limit(f.limit).offset(f.offset).execute(),
    query
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Every belt the filter matches (not only the page), with its memberships: the figures of REG-7 and DSH-3. */
export async function beltFacts(db: Kysely<Database>, actor: Actor, f: Pick<BeltQuery, 'regionCode' | 'level'>) {
  const belts = await filtered(db, actor, f).clearSelect().select(['demo_belt.id', 'demo_belt.level']).execute();
  return {
    belts,
    ...(await beltMembers(
      db,
      belts.map((b) => b.id),
    )),
  };
}

/**
 * The buildings and points of visible belts. Membership is part of the belt record, so a
 * member building's name is shown with the belt it belongs to (the belt was scope-checked).
 */
export async function beltMembers(db: Kysely<Database>, beltIds: string[]) {
  if (beltIds.length === 0) return { buildings: [], points: [] };
  const [buildings, points] = await Promise.all([
    db
      .selectFrom('demo_belt_building')
      .innerJoin('building', 'building.id', 'demo_belt_building.building_id')
      .select([
        'demo_belt_building.belt_id',
        'demo_belt_building.building_id',
        'demo_belt_building.status',
        'demo_belt_building.since',
        'demo_belt_building.progress',
        'building.name',
        'building.address',
        'building.region_code',
      ])
      .where('demo_belt_building.belt_id', 'in', beltIds)
      .orderBy('demo_belt_building.belt_id')
      .orderBy('building.name')
      .execute(),
    db
      .selectFrom('demo_point')
      .leftJoin('building', 'building.id', 'demo_point.building_id')
      .selectAll('demo_point')
      .select('building.name as building_name')
      .where('demo_point.belt_id', 'in', beltIds)
      .orderBy('demo_point.belt_id')
      .orderBy('demo_point.id')
      .execute(),
  ]);
  return { buildings, points };
}
export type BeltMembers = Awaited<ReturnType<typeof beltMembers>>;
