import { sql, type Kysely, type SqlBool } from 'kysely';
import { regionPrefix } from '../../../domain/regions.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';
import { scopeWhere } from '../../db/scoped.ts';
import type { NeedQuery } from './schemas.ts';

type Db = Kysely<Database>;

/** LST-1 needs with the names a list shows, always through the caller's read scope. */
export function needsWithNames(db: Db, actor: Actor) {
  return db
    .selectFrom('need')
    .leftJoin('organisation as ro', 'ro.id', 'need.requester_org_id')
    .leftJoin('organisation as eo', 'eo.id', 'need.enterprise_id')
    .leftJoin('building', 'building.id', 'need.building_id')
    .leftJoin('region', 'region.code', 'need.region_code')
    .leftJoin('project', 'project.id', 'need.project_id')
    .select([
      'need.id',
      'need.code',
      'need.title',
      'need.description',
      'need.category',
      'need.requester_kind',
      'need.requester_name',
      'need.requester_org_id',
      'need.requester_person_id',
      'need.enterprise_id',
      'need.building_id',
      'need.region_code',
      'need.org_path',
      'need.requester_path',
      'need.quantity',
      'need.urgency',
      'need.status',
      'need.project_id',
      'need.matter_id',
      'need.complaint_matter_id',
      'need.close_reason',
      'need.version',
      'need.created_at',
      'need.matched_at',
      'need.done_at',
      'ro.name as requester_org_name',
      'eo.name as enterprise_name',
      'building.name as building_name',
      'region.name as region_name',
      'project.code as project_code',
      'project.name as project_name',
      'project.status as project_status',
      'project.progress as project_progress',
    ])
    .where(scopeWhere(actor, 'need', 'read'));
}

export type NeedRow = Awaited<ReturnType<ReturnType<typeof needsWithNames>['executeTakeFirstOrThrow']>>;

function filtered(db: Db, actor: Actor, query: Omit<NeedQuery, 'limit' | 'offset'>) {
  let q = needsWithNames(db, actor);
  if (query.status) q = q.where('need.status', '=', query.status);
  if (query.category) q = q.where('need.category', '=', query.category);
  if (query.urgency) q = q.where('need.urgency', '=', query.urgency);
  if (query.requesterKind) q = q.where('need.requester_kind', '=', query.requesterKind);
  if (query.buildingId) q = q.where('need.building_id', '=', query.buildingId);
  if (query.enterpriseId) q = q.where('need.enterprise_id', '=', query.enterpriseId);
  if (query.projectId) q = q.where('need.project_id', '=', query.projectId);
  if (query.regionCode) q = q.where(sql<SqlBool>`need.region_code LIKE ${regionPrefix(query.regionCode) + '%'}`);
  const term = query.q?.trim();
  if (term)
    q = q.where((eb) => eb.or([eb('need.code', '=', term.toUpperCase()), sql<SqlBool>`need.search @@ hongtu_bigram_query(${term})`]));
  return q;
}

export async function listNeeds(db: Db, actor: Actor, query: NeedQuery): Promise<{ rows: NeedRow[]; total: number }> {
  const q = filtered(db, actor, query);
  const [rows, count] = await Promise.all([
    q.orderBy('need.created_at', 'desc').orderBy('need.id', 'desc').limit(query.limit).offset(query.offset).execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Up to `max` rows for an export, newest first. */
export function exportNeeds(db: Db, actor: Actor, query: Omit<NeedQuery, 'limit' | 'offset'>, max: number): Promise<NeedRow[]> {
  return filtered(db, actor, query).orderBy('need.created_at', 'desc').orderBy('need.id', 'desc').limit(max).execute();
}

export function findNeed(db: Db, actor: Actor, id: string): Promise<NeedRow | undefined> {
  return needsWithNames(db, actor).where('need.id', '=', id).executeTakeFirst();
}

export function needDecisions(db: Db, needId: string) {
  return db
    .selectFrom('need_match')
    .innerJoin('resource', 'resource.id', 'need_match.resource_id')
    .innerJoin('organisation', 'organisation.id', 'resource.provider_org_id')
    .leftJoin('app_user', 'app_user.id', 'need_match.decided_by')
    .select([
      'need_match.id',
      'need_match.resource_id',
      'resource.code as resource_code',
      'resource.title as resource_title',
      'organisation.name as provider',
      'need_match.status',
      'need_match.score',
      'need_match.quantity',
      'need_match.note',
      'need_match.project_id',
      'app_user.display_name as decided_by',
      'need_match.decided_at',
    ])
    .where('need_match.need_id', '=', needId)
    .orderBy('need_match.id')
    .execute();
}
