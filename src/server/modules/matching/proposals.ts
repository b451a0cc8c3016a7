import { sql, type Kysely, type SqlBool } from 'kysely';
import { needCategoriesFor } from '../../../domain/lists/categories.ts';
import { rankNeeds } from '../../../domain/lists/need-index.ts';
import { rankResources } from '../../../domain/lists/resource-index.ts';
import type { MatchScore } from '../../../domain/lists/types.ts';
import { chinaDate } from '../../../domain/time.ts';
import { regionPrefix } from '../../../domain/regions.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Database, Locale } from '../../db/schema.ts';
import { scopeWhere } from '../../db/scoped.ts';
import { notFound } from '../../http/errors.ts';
import { rankWithChanges, resourceIndexCacheFor } from './cache.ts';
import { candidateResources, matchingAreaOf, toListNeed, toListResource, usableCategories, MATCHING_RESOURCE_COLUMNS } from './engine.ts';

type Db = Kysely<Database>;

export const MATCHABLE_NEED_STATUSES = ['open', 'matched', 'in_project'] as const;

/** A score as the API shows it: the figures and each reason in the caller's language (both kept for the UI). */
export function presentScore(s: MatchScore, locale: Locale) {
  const say = (r: { zh: string; en: string }) => (locale === 'en' ? r.en : r.zh);
  return {
    score: Math.round(s.score * 100) / 100,
    eligible: s.eligible,
    components: s.components.map((c) => ({
      factor: c.factor,
      weight: c.weight,
      value: Math.round(c.value * 1000) / 1000,
      points: Math.round(c.points * 100) / 100,
      code: c.reason.code,
      reason: say(c.reason),
    })),
    ineligible: s.ineligible.map(say),
  };
}

/**
 * The need, the resources a person already decided for it and the resources' change sequence,
 * in one statement: on PGlite a round trip costs more than these lookups (bench/lists-api.ts).
 */
async function matchableNeed(db: Db, actor: Actor, needId: string) {
  const need = await db
    .selectFrom('need')
    .select(['id', 'category', 'title', 'description', 'quantity', 'building_id', 'region_code', 'status'])
    .select(() => [
      sql<string | null>`(SELECT max(r.change_seq)::text FROM resource r)`.as('resource_seq'),
      sql<string[] | null>`(SELECT array_agg(m.resource_id::text) FROM need_match m
        WHERE m.need_id = need.id AND m.status IN ('rejected', 'confirmed'))`.as('decided'),
    ])
    .where('id', '=', needId)
    .where(scopeWhere(actor, 'need', 'read'))
    .executeTakeFirst();
  if (!need) throw notFound();
  return need;
}

/**
 * LST-3 for a need, the best resources with the explanation of every score, from the cached
 * resource index and the rows changed since it was built (cache.ts); `fresh` builds one from
 * the need's candidate resources instead. Pairs a person rejected or confirmed are never
 * proposed.
 */
export async function proposeResources(opts: {
  db: Db;
  actor: Actor;
  needId: string;
  limit?: number;
  asOf?: string;
  fresh?: boolean;
  locale: Locale;
}) {
  const { db, actor } = opts;
  const asOf = opts.asOf ?? chinaDate();
  const row = await matchableNeed(db, actor, opts.needId);
  if (!(MATCHABLE_NEED_STATUSES as readonly string[]).includes(row.status)) return { needId: row.id, asOf, items: [] };
  const need = toListNeed(row);
  const areaCode = matchingAreaOf(row.region_code);
  const limit = opts.limit ?? 10;
  const decided = (row.decided ?? []).map((resourceId) => ({ needId: row.id, resourceId }));
  const current = opts.fresh ? null : await resourceIndexCacheFor(db).current(db, asOf, row.resource_seq ?? '0');
  const ranked = current
    ? rankWithChanges({ need, current, asOf, decided, limit })
    : rankResources({
        need,
        resources: await candidateResources(db, { areaCode, asOf, categories: usableCategories(row.category) }),
        asOf,
        rejectedPairs: decided,
        limit,
      });
  const scores = ranked.filter((s) => s.eligible);
  if (scores.length === 0) return { needId: row.id, asOf, items: [] };
  const info = await db
    .selectFrom('resource')
    .innerJoin('organisation', 'organisation.id', 'resource.provider_org_id')
    .select([
      'resource.id',
      'resource.code',
      'resource.title',
      'resource.category',
      'resource.capacity_left',
      'resource.conditions',
      'resource.valid_until',
      'resource.provider_kind',
      'organisation.name as provider',
    ])
    .where(
      'resource.id',
      'in',
      scores.map((s) => s.resourceId),
    )
    .execute();
  const byId = new Map(info.map((r) => [r.id, r]));
  return {
    needId: row.id,
    asOf,
    items: scores.flatMap((s) => {
      const r = byId.get(s.resourceId);
      if (!r) return [];
      return [
        {
          resource: {
            id: r.id,
            code: r.code,
            title: r.title,
            category: r.category,
            provider: r.provider,
            providerKind: r.provider_kind,
            capacityLeft: r.capacity_left,
            conditions: r.conditions,
            validUntil: r.valid_until,
          },
          ...presentScore(s, opts.locale),
        },
      ];
    }),
  };
}

/** Needs a resource may serve are looked for among this many of the newest open ones in its area. */
const NEED_CANDIDATES = 5000;

/** LST-3 for a resource, the open needs it could serve best (only needs the caller may read), explained. */
export async function proposeNeeds(opts: { db: Db; actor: Actor; resourceId: string; limit?: number; asOf?: string; locale: Locale }) {
  const { db, actor } = opts;
  const asOf = opts.asOf ?? chinaDate();
  const row = await db
    .selectFrom('resource')
    .select(MATCHING_RESOURCE_COLUMNS)
    .select('resource.status')
    .where('resource.id', '=', opts.resourceId)
    .where(scopeWhere(actor, 'resource', 'read'))
    .executeTakeFirst();
  if (!row) throw notFound();
  if (row.status !== 'active') return { resourceId: row.id, asOf, items: [] };
  const resource = toListResource(row);
  let q = db
    .selectFrom('need')
    .select(['need.id', 'need.category', 'need.title', 'need.description', 'need.quantity', 'need.building_id', 'need.region_code'])
    .where('need.status', '=', 'open')
    .where(
      'need.category',
      'in',
      needCategoriesFor(row.category).map((c) => c.category),
    )
    .where(scopeWhere(actor, 'need', 'read'))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('need_match')
            .select('need_match.id')
            .whereRef('need_match.need_id', '=', 'need.id')
            .where('need_match.resource_id', '=', row.id),
        ),
      ),
    );
  if (row.served_building_id) q = q.where('need.building_id', '=', row.served_building_id);
  else if (row.served_region_code) q = q.where(sql<SqlBool>`need.region_code LIKE ${regionPrefix(row.served_region_code) + '%'}`);
  const needs = await q.orderBy('need.created_at', 'desc').limit(NEED_CANDIDATES).execute();
  const scores = rankNeeds({ resource, needs: needs.map(toListNeed), asOf, limit: opts.limit ?? 10 }).filter((s) => s.eligible);
  const byId = new Map(needs.map((n) => [n.id, n]));
  const info = scores.length
    ? await db
        .selectFrom('need')
        .select(['id', 'code', 'requester_name', 'urgency', 'region_code'])
        .where(
          'id',
          'in',
          scores.map((s) => s.needId),
        )
        .execute()
    : [];
  const infoById = new Map(info.map((n) => [n.id, n]));
  return {
    resourceId: row.id,
    asOf,
    items: scores.flatMap((s) => {
      const n = byId.get(s.needId);
      const i = infoById.get(s.needId);
      if (!n || !i) return [];
      return [
        {
          need: {
            id: n.id,
            code: i.code,
            title: n.title,
            category: n.category,
            quantity: n.quantity,
            requesterName: i.requester_name,
            urgency: i.urgency,
          },
          ...presentScore(s, opts.locale),
        },
      ];
    }),
  };
}
