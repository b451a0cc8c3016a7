import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import { regionPrefix } from '../../../domain/regions.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';
import { scopeWhere } from '../../db/scoped.ts';
import type { z } from 'zod';
import type { policyQuery } from './schemas.ts';

type Db = Kysely<Database>;

/**
 * POL-1 the reader of the catalogue: accounts without a region of their own (an
 * enterprise's, a building's) read on the line of their organisation's region.
 */
export async function catalogueReader(db: Db, actor: Actor): Promise<Actor> {
  if (actor.regionCode || !actor.organisationId) return actor;
  const org = await db.selectFrom('organisation').select('region_code').where('id', '=', actor.organisationId).executeTakeFirst();
  return org ? { ...actor, regionCode: org.region_code } : actor;
}

/** Published policies on the reader's line, and every policy (drafts too) the actor keeps. */
export function visiblePolicies(actor: Actor, reader: Actor): Expression<SqlBool> {
  return sql<SqlBool>`((policy.status = 'published' AND ${scopeWhere(reader, 'policy', 'read')}) OR ${scopeWhere(actor, 'policy', 'write')})`;
}

export const POLICY_COLUMNS = [
  'policy.id',
  'policy.title',
  'policy.issuer',
  'policy.level',
  'policy.region_code',
  'policy.mode',
  'policy.status',
  'policy.benefit',
  'policy.benefit_amount',
  'policy.valid_from',
  'policy.valid_to',
  'policy.deadline',
  'policy.version',
  'policy.published_at',
] as const;

export async function listPolicies(db: Db, actor: Actor, reader: Actor, query: z.infer<typeof policyQuery>) {
  let q = db.selectFrom('policy').leftJoin('region', 'region.code', 'policy.region_code').where(visiblePolicies(actor, reader));
  if (query.q) q = q.where(sql<SqlBool>`policy.search @@ hongtu_bigram_query(${query.q})`);
  if (query.level) q = q.where('policy.level', '=', query.level);
  if (query.mode) q = q.where('policy.mode', '=', query.mode);
  if (query.status) q = q.where('policy.status', '=', query.status);
  if (query.issuer) q = q.where('policy.issuer', 'like', `%${query.issuer.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
  if (query.regionCode) q = q.where('policy.region_code', 'like', `${regionPrefix(query.regionCode)}%`);
  const [rows, count] = await Promise.all([
    q
      .select([...POLICY_COLUMNS, 'region.name as region_name'])
      .orderBy(sql`policy.published_at DESC NULLS LAST`)
      .orderBy('policy.id', 'desc')
      .offset(query.offset)
      .limit(query.limit)
      .execute(),
    q.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export type PolicySummaryRow = Awaited<ReturnType<typeof listPolicies>>['rows'][number];

/** Enterprises in the actor's scope meeting each policy (stored results). */
export async function eligibleCounts(db: Db, actor: Actor, policyIds: readonly string[]): Promise<Map<string, number>> {
  if (policyIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('policy_result as r')
    .innerJoin('enterprise as e', 'e.organisation_id', 'r.enterprise_id')
    .select(['r.policy_id', sql<string>`count(*)`.as('n')])
    .where('r.policy_id', 'in', policyIds)
    .where('r.gap', '=', 0)
    .where(scopeWhere(actor, 'enterprise', 'read', 'e'))
    .groupBy('r.policy_id')
    .execute();
  return new Map(rows.map((r) => [r.policy_id, Number(r.n)]));
}

/** One policy the actor may see, with everything the policy page shows. */
export async function findPolicy(db: Db, actor: Actor, reader: Actor, id: string) {
  return db
    .selectFrom('policy')
    .leftJoin('region', 'region.code', 'policy.region_code')
    .selectAll('policy')
    .select('region.name as region_name')
    .where('policy.id', '=', id)
    .where(visiblePolicies(actor, reader))
    .executeTakeFirst();
}

export type PolicyRow = NonNullable<Awaited<ReturnType<typeof findPolicy>>>;

export async function policyHistory(db: Db, id: string) {
  return db
    .selectFrom('policy_history')
    .select(['version', 'action', 'actor_name', 'created_at'])
    .where('policy_id', '=', id)
    .orderBy('id')
    .execute();
}
