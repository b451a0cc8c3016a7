import { CompiledQuery, sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Actor } from '../../auth/actor.ts';
import { scopeRule } from '../../auth/policy.ts';
import type { Database } from '../../db/schema.ts';
import { scopeWhere } from '../../db/scoped.ts';

/**
 * One search box over buildings, enterprises and people (DEVELOPERS.md, Chinese search).
 * Every kind is scope-filtered and ranked: exact name first, then names starting with the
 * term, names containing it, other matches (address, credit code…), shorter names first.
 *
 * The cost is bounded by the page, not by the number of matches — a term such as 有限公司
 * matches every enterprise. Hits are gathered in two stages of at most `candidates` rows each,
 * and only those are ranked:
 *  1. names starting with the term, read in name order from a btree (016_search_speed.sql),
 *     so an exact name is always among them (it sorts before every longer name it begins);
 *  2. only when stage 1 found fewer hits than the page holds (every stage-1 hit outranks every
 *     other hit): the GIN-indexed bigram phrase (`search @@ hongtu_bigram_query(q)`), which finds
 *     any substring of two or more characters, stopped after `candidates` rows.
 * A single character is a prefix of bigrams, which misses it as the last character of a field,
 * so a LIKE on the name (and address) covers that. An exact credit code goes straight to its
 * unique index. When a stage has more matches than `candidates`, "shorter first" holds among
 * the candidates read, while exact > prefix > contains holds always.
 */
export interface SearchTerms {
  q: string;
  like: string;
  /** `q%`, escaped: names starting with the term. */
  prefix: string;
  single: boolean;
  creditCode: string;
  limit: number;
  /** How many rows each stage reads at most before ranking. */
  candidates: number;
}

const PUNCTUATION = /[\s\p{P}\p{S}]/gu;
/** Enough for the largest page (50 + 1) several times over; each is a cheap index read. */
export const SEARCH_CANDIDATES = 100;

export function searchTerms(q: string, limit: number, candidates = SEARCH_CANDIDATES): SearchTerms {
  const cleaned = q.replace(PUNCTUATION, '');
  const escaped = q.trim().replace(/[\\%_]/g, (c) => `\\${c}`);
  return {
    q: q.trim(),
    like: `%${escaped}%`,
    prefix: `${escaped}%`,
    single: [...cleaned].length <= 1,
    creditCode: q.trim().toUpperCase(),
    limit,
    candidates: Math.max(candidates, limit + 1),
  };
}

function rank(name: string, q: string) {
  return [
    sql`(${sql.ref(name)} = ${q}) DESC`,
    sql`(strpos(${sql.ref(name)}, ${q}) = 1) DESC`,
    sql`(strpos(lower(${sql.ref(name)}), lower(${q})) > 0) DESC`,
    sql`length(${sql.ref(name)})`,
  ];
}

function matches(vector: string, t: SearchTerms, likeColumns: string[]): Expression<SqlBool> {
  const bigrams = sql<SqlBool>`${sql.ref(vector)} @@ hongtu_bigram_query(${t.q})`;
  if (!t.single) return bigrams;
  return sql<SqlBool>`(${bigrams} OR ${sql.join(
    likeColumns.map((c) => sql`${sql.ref(c)} LIKE ${t.like}`),
    sql` OR `,
  )})`;
}

/** Byte order, the order of the text_pattern_ops indexes: the exact name comes first of its prefix range. */
const inNameOrder = (column: string) => sql`${sql.ref(column)} USING ~<~`;

/** Stage 2 runs only when stage 1 (the CTE `named`) left room on the page: a one-time filter, never evaluated per row. */
const roomLeft = (t: SearchTerms) => sql<SqlBool>`(SELECT count(*) FROM named) <= ${t.limit}`;

export function buildingSearchQuery(db: Kysely<Database>, actor: Actor, t: SearchTerms) {
  const scope = scopeWhere(actor, 'building', 'read');
  return db
    .with('named', (qb) =>
      qb
        .selectFrom('building')
        .select(['building.id', 'building.name'])
        .where(scope)
        .where('building.name', 'like', t.prefix)
        .orderBy(inNameOrder('building.name'))
        .limit(t.candidates),
    )
    .with('phrase', (qb) =>
      qb
        .selectFrom('building')
        .select(['building.id', 'building.name'])
        .where(scope)
        .where(matches('building.search', t, ['building.name', 'building.address']))
        .where(roomLeft(t))
        .limit(t.candidates),
    )
    .with('hit', (qb) =>
      qb
        .selectFrom((eb) => eb.selectFrom('named').selectAll().union(eb.selectFrom('phrase').selectAll()).as('c'))
        .select('c.id')
        .orderBy(sql.join(rank('c.name', t.q)))
        .orderBy('c.id')
        .limit(t.limit + 1),
    )
    .selectFrom('hit')
    .innerJoin('building', 'building.id', 'hit.id')
    .leftJoin('region', 'region.code', 'building.region_code')
    .select([sql<string>`building.id::text`.as('id'), 'building.name', 'building.address', 'building.region_code', 'region.name as region_name'])
    .orderBy(sql.join(rank('building.name', t.q)))
    .orderBy('building.id');
}

export function enterpriseSearchQuery(db: Kysely<Database>, actor: Actor, t: SearchTerms) {
  const scope = scopeWhere(actor, 'enterprise', 'read');
  const candidate = ['enterprise.organisation_id as id', 'organisation.name', 'enterprise.credit_code'] as const;
  return db
    .with('named', (qb) =>
      qb
        .selectFrom('organisation')
        .innerJoin('enterprise', 'enterprise.organisation_id', 'organisation.id')
        .select(candidate)
        .where(scope)
        .where('organisation.name', 'like', t.prefix)
        .orderBy(inNameOrder('organisation.name'))
        .limit(t.candidates),
    )
    .with('coded', (qb) =>
      qb
        .selectFrom('enterprise')
        .innerJoin('organisation', 'organisation.id', 'enterprise.organisation_id')
        .select(candidate)
        .where(scope)
        .where('enterprise.credit_code', '=', t.creditCode),
    )
    .with('phrase', (qb) =>
      qb
        .selectFrom('enterprise')
        .innerJoin('organisation', 'organisation.id', 'enterprise.organisation_id')
        .select(candidate)
        .where(scope)
        .where(matches('enterprise.search', t, ['organisation.name']))
        .where(roomLeft(t))
        .limit(t.candidates),
    )
    .with('hit', (qb) =>
      qb
        .selectFrom((eb) =>
          eb.selectFrom('named').selectAll().union(eb.selectFrom('coded').selectAll()).union(eb.selectFrom('phrase').selectAll()).as('c'),
        )
        .select('c.id')
        .orderBy(sql`(c.credit_code = ${t.creditCode}) DESC`)
        .orderBy(sql.join(rank('c.name', t.q)))
        .orderBy('c.id')
        .limit(t.limit + 1),
    )
    .selectFrom('hit')
    .innerJoin('enterprise', 'enterprise.organisation_id', 'hit.id')
    .innerJoin('organisation', 'organisation.id', 'enterprise.organisation_id')
    .leftJoin('building', 'building.id', 'enterprise.current_building_id')
    .select([
      sql<string>`enterprise.organisation_id::text`.as('id'),
      'organisation.name',
      'enterprise.credit_code',
      'enterprise.region_code',
      'building.name as building_name',
    ])
    .orderBy(sql`(enterprise.credit_code = ${t.creditCode}) DESC`)
    .orderBy(sql.join(rank('organisation.name', t.q)))
    .orderBy('enterprise.organisation_id');
}

/** Names and organisations only: the columns of personal data are never selected. */
export function peopleSearchQuery(db: Kysely<Database>, actor: Actor, t: SearchTerms) {
  const scope = scopeWhere(actor, 'person', 'read');
  return db
    .with('named', (qb) =>
      qb
        .selectFrom('person')
        .select(['person.id', 'person.name'])
        .where(scope)
        .where('person.name', 'like', t.prefix)
        .orderBy(inNameOrder('person.name'))
        .limit(t.candidates),
    )
    .with('phrase', (qb) =>
      qb
        .selectFrom('person')
        .select(['person.id', 'person.name'])
        .where(scope)
        .where(matches('person.search', t, ['person.name']))
        .where(roomLeft(t))
        .limit(t.candidates),
    )
    .with('hit', (qb) =>
      qb
        .selectFrom((eb) => eb.selectFrom('named').selectAll().union(eb.selectFrom('phrase').selectAll()).as('c'))
        .select('c.id')
        .orderBy(sql.join(rank('c.name', t.q)))
        .orderBy('c.id')
        .limit(t.limit + 1),
    )
    .selectFrom('hit')
    .innerJoin('person', 'person.id', 'hit.id')
    .leftJoin('organisation', 'organisation.id', 'person.organisation_id')
    .select([sql<string>`person.id::text`.as('id'), 'person.name', 'person.region_code', 'organisation.name as organisation_name'])
    .orderBy(sql.join(rank('person.name', t.q)))
    .orderBy('person.id');
}

function searchAllQuery(db: Kysely<Database>, actor: Actor, t: SearchTerms) {
  return db.selectNoFrom([
    jsonArrayFrom(buildingSearchQuery(db, actor, t)).as('buildings'),
    jsonArrayFrom(enterpriseSearchQuery(db, actor, t)).as('enterprises'),
    jsonArrayFrom(peopleSearchQuery(db, actor, t)).as('people'),
  ]);
}
type SearchAllRow = Awaited<ReturnType<ReturnType<typeof searchAllQuery>['executeTakeFirstOrThrow']>>;

/**
 * Placeholders for the term's values: the statement is compiled once with these and the real values
 * are put in their places. Kysely's immutable builders cost more CPU than the database spends on the
 * search (a quarter of the request's), for three statements that differ only in these values.
 */
const PLACEHOLDER: SearchTerms = {
  q: '\u0000q',
  like: '\u0000like',
  prefix: '\u0000prefix',
  single: false,
  creditCode: '\u0000code',
  limit: -1_000_000,
  candidates: -2_000_000,
};
const compiled = new WeakMap<Kysely<Database>, Map<string, CompiledQuery<SearchAllRow>>>();
const COMPILED_MAX = 500;

/**
 * The three kinds in one statement, each as a JSON array in its rank order. One round trip and one
 * database backend instead of three in parallel: the queries take about a millisecond each, so on a
 * busy machine the search box waits mostly for processes to be scheduled, three times over.
 * The ids are selected as text above, so none passes through a JavaScript number.
 *
 * The SQL depends on the reader's scope rules and on whether the term is a single character, never
 * on the term itself; that is the cache key.
 */
export async function searchAll(db: Kysely<Database>, actor: Actor, t: SearchTerms): Promise<SearchAllRow> {
  const key = JSON.stringify([scopeRule(actor, 'building', 'read'), scopeRule(actor, 'enterprise', 'read'), scopeRule(actor, 'person', 'read'), t.single]);
  let byKey = compiled.get(db);
  if (!byKey) compiled.set(db, (byKey = new Map()));
  let template = byKey.get(key);
  if (!template) {
    template = searchAllQuery(db, actor, { ...PLACEHOLDER, single: t.single }).compile();
    if (byKey.size >= COMPILED_MAX) byKey.clear();
    byKey.set(key, template);
  }
  const values = new Map<unknown, unknown>([
    [PLACEHOLDER.q, t.q],
    [PLACEHOLDER.like, t.like],
    [PLACEHOLDER.prefix, t.prefix],
    [PLACEHOLDER.creditCode, t.creditCode],
    [PLACEHOLDER.limit, t.limit],
    [PLACEHOLDER.limit + 1, t.limit + 1],
    [PLACEHOLDER.candidates, t.candidates],
  ]);
  const parameters = template.parameters.map((p) => (values.has(p) ? values.get(p) : p));
  const { rows } = await db.executeQuery(CompiledQuery.raw(template.sql, parameters) as CompiledQuery<SearchAllRow>);
  return rows[0]!;
}

export const searchBuildings = (db: Kysely<Database>, actor: Actor, t: SearchTerms) => buildingSearchQuery(db, actor, t).execute();
export const searchEnterprises = (db: Kysely<Database>, actor: Actor, t: SearchTerms) => enterpriseSearchQuery(db, actor, t).execute();
export const searchPeople = (db: Kysely<Database>, actor: Actor, t: SearchTerms) => peopleSearchQuery(db, actor, t).execute();
