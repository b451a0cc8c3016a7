import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';
import { scopeWhere } from '../../db/scoped.ts';
import type { LeaseQuery } from './schemas.ts';

function base(db: Kysely<Database>, actor: Actor) {
  return db
    .selectFrom('lease')
    .innerJoin('building', 'building.id', 'lease.building_id')
    .innerJoin('organisation', 'organisation.id', 'lease.enterprise_id')
    .select([
      'lease.id',
      'lease.building_id',
      'building.name as building_name',
      'lease.enterprise_id',
      'organisation.name as enterprise_name',
      'lease.units',
      'lease.area',
      'lease.start_on',
      'lease.end_on',
      'lease.ended_on',
      'lease.monthly_rent',
      'lease.external_ref',
      'lease.created_at',
      'lease.updated_at',
    ])
    .where(scopeWhere(actor, 'lease'));
}
export type LeaseRow = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

export function findLease(db: Kysely<Database>, actor: Actor, id: string): Promise<LeaseRow | undefined> {
  return base(db, actor).where('lease.id', '=', id).executeTakeFirst();
}

export async function listLeases(db: Kysely<Database>, actor: Actor, f: LeaseQuery): Promise<{ rows: LeaseRow[]; total: number }> {
  let query = base(db, actor);
  if (f.buildingId) query = query.where('lease.building_id', '=', f.buildingId);
  if (f.enterpriseId) query = query.where('lease.enterprise_id', '=', f.enterpriseId);
  if (f.state === 'open') query = query.where('lease.ended_on', 'is', null);
  if (f.state === 'ended') query = query.where('lease.ended_on', 'is not', null);
  const [rows, count] = await Promise.all([
    query.orderBy('lease.start_on', 'desc').orderBy('lease.id', 'desc').limit(f.limit).offset(f.offset).execute(),
    query.clearSelect().select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** A lease's events in the order they take effect (the caller has read the lease through its scope). */
export function leaseEvents(db: Kysely<Database>, leaseId: string) {
  return db
    .selectFrom('lease_event')
    .select(['id', 'kind', 'effective_on', 'area_after', 'end_on_after', 'note', 'created_at'])
    .where('lease_id', '=', leaseId)
    .orderBy('effective_on')
    .orderBy('id')
    .execute();
}
