import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';
import { scopeWhere } from '../../db/scoped.ts';

type Db = Kysely<Database>;

/** The standard's default window when a client names no dates, and its cap on one answer. */
export const DEFAULT_WINDOW_DAYS = 90;
export const MAX_RESULTS = 1000;

export interface RequestFilters {
  codes?: string[] | undefined;
  serviceCodes?: string[] | undefined;
  start?: Date | undefined;
  end?: Date | undefined;
  status?: ('open' | 'closed')[] | undefined;
}

/** Matters as the key's account sees them (scope 'matter'), with what a service request shows. */
function requestsQuery(db: Db, actor: Actor) {
  return db
    .selectFrom('matter')
    .innerJoin('matter_category as c', 'c.id', 'matter.category_id')
    .leftJoin('organisation as h', 'h.id', 'matter.handler_org_id')
    .select([
      'matter.id',
      'matter.code',
      'matter.status',
      'matter.description',
      'matter.address',
      'matter.lat',
      'matter.lng',
      'matter.created_at',
      'matter.updated_at',
      'matter.resolution_due_at',
      'matter.reply_due_at',
      'c.code as service_code',
      'c.name as service_name',
      'c.name_en as service_name_en',
      'h.name as handler_name',
    ])
    .select((eb) =>
      eb
        .selectFrom('matter_event as ev')
        .select('ev.note')
        .whereRef('ev.matter_id', '=', 'matter.id')
        .where('ev.note', 'is not', null)
        .orderBy('ev.seq', 'desc')
        .limit(1)
        .as('last_note'),
    )
    .where(scopeWhere(actor, 'matter', 'read'));
}

export type ServiceRequestRow = Awaited<ReturnType<ReturnType<typeof requestsQuery>['executeTakeFirstOrThrow']>>;

const CLOSED = ['closed', 'withdrawn'];

/**
 * GET requests: by ids (which override every other filter, as the standard says),
 * else by service codes, status and the window of requested_datetime — the last
 * 90 days up to end_date (or now) when no start is given.
 */
export async function listServiceRequests(db: Db, actor: Actor, f: RequestFilters, now = new Date()): Promise<ServiceRequestRow[]> {
  let q = requestsQuery(db, actor);
  if (f.codes?.length) {
    q = q.where(
      'matter.code',
      'in',
      f.codes.map((c) => c.toUpperCase()),
    );
  } else {
    const end = f.end ?? now;
    const start = f.start ?? new Date(end.getTime() - DEFAULT_WINDOW_DAYS * 86_400_000);
    q = q.where('matter.created_at', '>=', start).where('matter.created_at', '<=', end);
    if (f.serviceCodes?.length) q = q.where('c.code', 'in', f.serviceCodes);
    const status = new Set(f.status ?? []);
    if (status.size === 1) q = q.where('matter.status', status.has('closed') ? 'in' : 'not in', CLOSED);
  }
  return q.orderBy('matter.created_at', 'desc').orderBy('matter.id', 'desc').limit(MAX_RESULTS).execute();
}

export async function findServiceRequest(db: Db, actor: Actor, code: string): Promise<ServiceRequestRow | undefined> {
  return requestsQuery(db, actor).where('matter.code', '=', code.toUpperCase()).executeTakeFirst();
}

export async function listServices(db: Db) {
  return db.selectFrom('matter_category').selectAll().where('active', '=', true).orderBy('sort').orderBy('id').execute();
}

export async function findService(db: Db, code: string) {
  return db.selectFrom('matter_category').selectAll().where('code', '=', code).where('active', '=', true).executeTakeFirst();
}
