import { sql, type Kysely } from 'kysely';
import { regionPrefix } from '../../../domain/regions.ts';
import type { Actor } from '../../auth/actor.ts';
import { OUTBOX_STATUSES, type Database, type OutboxStatus } from '../../db/schema.ts';
import { scopeWhere } from '../../db/scoped.ts';
import type { OutboxQuery, TargetQuery } from './schemas.ts';

function targets(db: Kysely<Database>, actor: Actor) {
  return db
    .selectFrom('notification_target')
    .where(scopeWhere(actor, 'notification_target'))
    .select([
      'notification_target.id',
      'name',
      'kind',
      'address_masked',
      'secret_enc',
      'region_code',
      'organisation_id',
      'topics',
      'enabled',
      'created_at',
      'updated_at',
      (eb) =>
        eb
          .selectFrom('outbox')
          .whereRef('outbox.target_id', '=', 'notification_target.id')
          .where('outbox.status', 'in', ['pending', 'sending'])
          .select((e) => e.fn.countAll<string>().as('n'))
          .as('pending'),
      (eb) =>
        eb
          .selectFrom('outbox')
          .whereRef('outbox.target_id', '=', 'notification_target.id')
          .where('outbox.status', '=', 'failed')
          .select((e) => e.fn.countAll<string>().as('n'))
          .as('failed'),
    ]);
}

export async function listTargets(db: Kysely<Database>, actor: Actor, q: TargetQuery) {
  let query = targets(db, actor);
  let count = db.selectFrom('notification_target').where(scopeWhere(actor, 'notification_target'));
  if (q.regionCode) {
    const pattern = `${regionPrefix(q.regionCode)}%`;
    query = query.where('region_code', 'like', pattern);
    count = count.where('region_code', 'like', pattern);
  }
  const [rows, total] = await Promise.all([
    query.orderBy('notification_target.id', 'desc').limit(q.limit).offset(q.offset).execute(),
    count.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export function findTarget(db: Kysely<Database>, actor: Actor, id: string) {
  return targets(db, actor).where('notification_target.id', '=', id).executeTakeFirst();
}

function outbox(db: Kysely<Database>, actor: Actor) {
  return db
    .selectFrom('outbox')
    .leftJoin('notification_target', 'notification_target.id', 'outbox.target_id')
    .where(scopeWhere(actor, 'outbox'));
}

const OUTBOX_COLUMNS = [
  'outbox.id',
  'outbox.topic',
  'outbox.payload',
  'outbox.target_id',
  'notification_target.name as target_name',
  'outbox.target_kind',
  'outbox.region_code',
  'outbox.status',
  'outbox.attempts',
  'outbox.next_attempt_at',
  'outbox.last_error',
  'outbox.created_at',
  'outbox.delivered_at',
] as const;

export async function listOutbox(db: Kysely<Database>, actor: Actor, q: OutboxQuery) {
  let query = outbox(db, actor);
  if (q.targetId) query = query.where('outbox.target_id', '=', q.targetId);
  const filtered = q.status ? query.where('outbox.status', '=', q.status) : query;
  const [rows, byStatus] = await Promise.all([
    filtered.select(OUTBOX_COLUMNS).orderBy('outbox.id', 'desc').limit(q.limit).offset(q.offset).execute(),
    query
      .select(['outbox.status', sql<string>`count(*)`.as('n')])
      .groupBy('outbox.status')
      .execute(),
  ]);
  const counts = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as Record<OutboxStatus, number>;
  for (const r of byStatus) counts[r.status] = Number(r.n);
  const total = q.status ? counts[q.status] : Object.values(counts).reduce((a, b) => a + b, 0);
  return { rows, total, counts };
}

export function findOutbox(db: Kysely<Database>, actor: Actor, id: string) {
  return outbox(db, actor).select(OUTBOX_COLUMNS).where('outbox.id', '=', id).executeTakeFirst();
}
