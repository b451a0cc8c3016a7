import { sql, type Kysely, type SqlBool } from 'kysely';
import { chinaDate } from '../../../domain/time.ts';
import { regionPrefix } from '../../../domain/regions.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';
import { scopeWhere } from '../../db/scoped.ts';
import type { ResourceQuery } from './schemas.ts';

type Db = Kysely<Database>;

/** LST-2 resources with the names a list shows, through the caller's read scope. */
export function resourcesWithNames(db: Db, actor: Actor) {
  return db
    .selectFrom('resource')
    .innerJoin('organisation as po', 'po.id', 'resource.provider_org_id')
    .leftJoin('building as pb', 'pb.id', 'resource.building_id')
    .leftJoin('building as sb', 'sb.id', 'resource.served_building_id')
    .leftJoin('region as sr', 'sr.code', 'resource.served_region_code')
    .leftJoin('region', 'region.code', 'resource.region_code')
    .select([
      'resource.id',
      'resource.code',
      'resource.title',
      'resource.description',
      'resource.category',
      'resource.provider_kind',
      'resource.provider_org_id',
      'resource.org_path',
      'resource.building_id',
      'resource.region_code',
      'resource.capacity',
      'resource.capacity_left',
      'resource.conditions',
      'resource.contact',
      'resource.served_building_id',
      'resource.served_region_code',
      'resource.valid_from',
      'resource.valid_until',
      'resource.status',
      'resource.version',
      'resource.created_at',
      'po.name as provider_name',
      'pb.name as building_name',
      'sb.name as served_building_name',
      'sr.name as served_region_name',
      'region.name as region_name',
    ])
    .where(scopeWhere(actor, 'resource', 'read'));
}

export type ResourceRow = Awaited<ReturnType<ReturnType<typeof resourcesWithNames>['executeTakeFirstOrThrow']>>;

function filtered(db: Db, actor: Actor, query: Omit<ResourceQuery, 'limit' | 'offset'>) {
  let q = resourcesWithNames(db, actor);
  if (query.status) q = q.where('resource.status', '=', query.status);
  if (query.category) q = q.where('resource.category', '=', query.category);
  if (query.providerKind) q = q.where('resource.provider_kind', '=', query.providerKind);
  if (query.providerOrgId) q = q.where('resource.provider_org_id', '=', query.providerOrgId);
  if (query.regionCode) q = q.where(sql<SqlBool>`resource.region_code LIKE ${regionPrefix(query.regionCode) + '%'}`);
  if (query.available) {
    const today = chinaDate();
    q = q
      .where('resource.status', '=', 'active')
      .where((eb) => eb.or([eb('resource.capacity_left', 'is', null), eb('resource.capacity_left', '>', 0)]))
      .where((eb) => eb.or([eb('resource.valid_from', 'is', null), eb('resource.valid_from', '<=', today)]))
      .where((eb) => eb.or([eb('resource.valid_until', 'is', null), eb('resource.valid_until', '>=', today)]));
  }
  const term = query.q?.trim();
  if (term)
    q = q.where((eb) =>
      eb.or([eb('resource.code', '=', term.toUpperCase()), sql<SqlBool>`resource.search @@ hongtu_bigram_query(${term})`]),
    );
  return q;
}

export async function listResources(db: Db, actor: Actor, query: ResourceQuery): Promise<{ rows: ResourceRow[]; total: number }> {
  const q = filtered(db, actor, query);
  const [rows, count] = await Promise.all([
    q.orderBy('resource.created_at', 'desc').orderBy('resource.id', 'desc').limit(query.limit).offset(query.offset).execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function exportResources(db: Db, actor: Actor, query: Omit<ResourceQuery, 'limit' | 'offset'>, max: number) {
  return filtered(db, actor, query).orderBy('resource.created_at', 'desc').orderBy('resource.id', 'desc').limit(max).execute();
}

export function findResource(db: Db, actor: Actor, id: string): Promise<ResourceRow | undefined> {
  return resourcesWithNames(db, actor).where('resource.id', '=', id).executeTakeFirst();
}

/** The needs this resource was confirmed for (LST-4 links). */
export function resourceMatches(db: Db, resourceId: string) {
  return db
    .selectFrom('need_match')
    .innerJoin('need', 'need.id', 'need_match.need_id')
    .select(['need.id', 'need.code', 'need.title', 'need_match.status', 'need_match.quantity', 'need_match.project_id'])
    .where('need_match.resource_id', '=', resourceId)
    .where('need_match.status', '=', 'confirmed')
    .orderBy('need_match.id')
    .execute();
}
