import { sql, type Kysely, type SqlBool } from 'kysely';
import { planMatches, type PlanMode } from '../../../domain/lists/plan.ts';
import { regionPrefix } from '../../../domain/regions.ts';
import { chinaDate } from '../../../domain/time.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';
import { allows, scopeWhere } from '../../db/scoped.ts';
import { AppError } from '../../http/errors.ts';
import { resourceIndexCacheFor } from './cache.ts';
import { buildResourceIndex, type ResourceIndex } from '../../../domain/lists/resource-index.ts';
import { candidateResources, decidedPairs, matchingAreaOf, toListNeed } from './engine.ts';

type Db = Kysely<Database>;

export const MAX_PLAN_NEEDS = 5000;

/**
 * The installation's cached index when no resource changed since it was built; else one built
 * now from the resources that may serve the street, since the plan's flow reads candidates
 * straight from an index and cannot merge changed rows the way ranked proposals do.
 */
async function streetIndex(db: Db, regionCode: string, asOf: string): Promise<ResourceIndex> {
  const current = await resourceIndexCacheFor(db).current(db, asOf);
  if (!current.changed) return current.index;
  return buildResourceIndex(await candidateResources(db, { areaCode: matchingAreaOf(regionCode), asOf }));
}

/**
 * LST-3 the bulk view of a street: every open need the caller sees there, one proposal
 * each at most, resources used within their capacity, the total score as high as the
 * engine's flow makes it — shown beside the greedy baseline. Nothing is written: a person
 * confirms or rejects each row through the need's own endpoints.
 */
export async function planStreet(opts: { db: Db; actor: Actor; regionCode: string; mode: PlanMode; asOf?: string }) {
  const { db, actor, regionCode, mode } = opts;
  const asOf = opts.asOf ?? chinaDate();
  const region = await db.selectFrom('region').select(['code', 'name']).where('code', '=', regionCode).executeTakeFirst();
  if (!region || !allows(actor, 'need', 'read', { regionCode }))
    throw new AppError('not_found', { fields: [{ path: 'regionCode', key: 'field.region_out_of_scope' }] });
  const t0 = performance.now();
  const needs = await db
    .selectFrom('need')
    .select([
      'need.id',
      'need.code',
      'need.category',
      'need.title',
      'need.description',
      'need.quantity',
      'need.building_id',
      'need.region_code',
    ])
    .where('need.status', '=', 'open')
    .where(sql<SqlBool>`need.region_code LIKE ${regionPrefix(regionCode) + '%'}`)
    .where(scopeWhere(actor, 'need', 'read'))
    .orderBy('need.id')
    .limit(MAX_PLAN_NEEDS + 1)
    .execute();
  if (needs.length > MAX_PLAN_NEEDS)
    throw new AppError('validation', {
      key: 'list.plan_too_large',
      params: { max: MAX_PLAN_NEEDS },
      fields: [{ path: 'regionCode', key: 'list.plan_too_large', params: { max: MAX_PLAN_NEEDS } }],
    });
  const [index, decided] = await Promise.all([
    streetIndex(db, regionCode, asOf),
    decidedPairs(
      db,
      needs.map((n) => n.id),
    ),
  ]);
  const loadedMs = performance.now() - t0;
  const t1 = performance.now();
  const plan = planMatches({ needs: needs.map(toListNeed), resources: index, asOf, rejectedPairs: decided, mode });
  const planMs = performance.now() - t1;
  const needById = new Map(needs.map((n) => [n.id, n]));
  const resourceIds = [...new Set(plan.matches.map((m) => m.resourceId))];
  const resources = resourceIds.length
    ? await db
        .selectFrom('resource')
        .innerJoin('organisation', 'organisation.id', 'resource.provider_org_id')
        .select(['resource.id', 'resource.code', 'resource.title', 'organisation.name as provider', 'resource.capacity_left'])
        .where('resource.id', 'in', resourceIds)
        .execute()
    : [];
  const resourceById = new Map(resources.map((r) => [r.id, r]));
  const round = (v: number) => Math.round(v * 100) / 100;
  return {
    region: { code: region.code, name: region.name },
    mode,
    asOf,
    needs: needs.length,
    matched: plan.matches.length,
    totalScore: round(plan.totalScore),
    upperBound: round(plan.upperBound),
    optimal: plan.optimal,
    method: plan.method,
    greedy: { totalScore: round(plan.greedy.totalScore), matched: plan.greedy.matched },
    ms: { load: Math.round(loadedMs), plan: Math.round(planMs) },
    matches: plan.matches.flatMap((m) => {
      const n = needById.get(m.needId);
      const r = resourceById.get(m.resourceId);
      if (!n || !r) return [];
      return [
        {
          need: { id: n.id, code: n.code, title: n.title, category: n.category, quantity: n.quantity },
          resource: { id: r.id, code: r.code, title: r.title, provider: r.provider, capacityLeft: r.capacity_left },
          score: round(m.score),
          quantity: m.quantity,
        },
      ];
    }),
  };
}
