import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import { regionPrefix } from '../../../domain/regions.ts';
import type { Actor } from '../../auth/actor.ts';
import { scopeRule } from '../../auth/policy.ts';
import type { Database, Region } from '../../db/schema.ts';
import { scopeWhere } from '../../db/scoped.ts';

/**
 * Regions a caller may browse: their own subtree plus the chain of ancestors
 * above it (so the browser can start at the province), nothing beside it.
 */
function browsable(actor: Actor, alias = 'region'): Expression<SqlBool> {
  const rule = scopeRule(actor, 'region', 'read');
  if (rule.kind === 'all') return sql<SqlBool>`true`;
  if (rule.kind === 'none' || rule.regionCode === undefined) return sql<SqlBool>`false`;
  const own = regionPrefix(rule.regionCode);
  const prefix = sql.ref(`${alias}.prefix`);
  return sql<SqlBool>`(${prefix} LIKE ${own + '%'} OR ${own} LIKE ${prefix} || '%')`;
}

export interface RegionSummaryRow extends Region {
  child_count: string;
  organisation_count: string;
  person_count: string;
  user_count: string;
}

/** Counts below each region, limited to what the caller may see; ranges on text_pattern_ops indexes. */
function summaries(db: Kysely<Database>, actor: Actor) {
  const inSubtree = (column: string) =>
    sql`${sql.ref(column)} ~>=~ region.prefix AND ${sql.ref(column)} ~<~ (region.prefix || ':')`;
  return db
    .selectFrom('region')
    .selectAll('region')
    .select([
      sql<string>`(SELECT count(*) FROM region c WHERE c.parent_code = region.code AND ${browsable(actor, 'c')})`.as('child_count'),
      sql<string>`(SELECT count(*) FROM organisation WHERE ${inSubtree('organisation.region_code')} AND ${scopeWhere(actor, 'organisation')})`.as(
        'organisation_count',
      ),
      sql<string>`(SELECT count(*) FROM person WHERE ${inSubtree('person.region_code')} AND ${scopeWhere(actor, 'person')})`.as('person_count'),
      sql<string>`(SELECT count(*) FROM app_user WHERE ${inSubtree('app_user.region_code')} AND ${scopeWhere(actor, 'app_user')})`.as('user_count'),
    ])
    .where(browsable(actor));
}

export function findRegion(db: Kysely<Database>, actor: Actor, code: string): Promise<RegionSummaryRow | undefined> {
  return summaries(db, actor).where('region.code', '=', code).executeTakeFirst();
}

export function listChildren(db: Kysely<Database>, actor: Actor, code: string): Promise<RegionSummaryRow[]> {
  return summaries(db, actor).where('region.parent_code', '=', code).orderBy('region.code').execute();
}

export function listRoots(db: Kysely<Database>, actor: Actor): Promise<RegionSummaryRow[]> {
  return summaries(db, actor).where('region.parent_code', 'is', null).orderBy('region.code').execute();
}

export function listAncestors(db: Kysely<Database>, codes: string[]): Promise<Region[]> {
  if (codes.length === 0) return Promise.resolve([]);
  return db.selectFrom('region').selectAll().where('code', 'in', codes).orderBy(sql`length(prefix)`).execute();
}

/** Search by part of a name or by code prefix, within what the caller may browse; higher levels first. */
export function searchRegions(db: Kysely<Database>, actor: Actor, q: string, limit: number): Promise<RegionSummaryRow[]> {
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  // A query of digits is a code prefix; anything else is a part of a name.
  const byCode = /^\d{2,12}$/.test(q);
  return summaries(db, actor)
    .where((eb) => (byCode ? eb('region.code', 'like', `${q}%`) : eb('region.name', 'like', like)))
    .orderBy(sql`length(region.prefix)`)
    .orderBy('region.code')
    .limit(limit)
    .execute();
}

/** True when the code names a loaded region. */
export async function regionExists(db: Kysely<Database>, code: string): Promise<boolean> {
  return (await db.selectFrom('region').select('code').where('code', '=', code).executeTakeFirst()) !== undefined;
}
