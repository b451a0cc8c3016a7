/**
 * EXPLAIN ANALYZE of the registry's search, building list and occupancy queries, as a city user,
 * against a database left by `BENCH_REGISTRY_KEEP=1 … bench/registry.ts`:
 * `EXPLAIN_DATABASE_URL=postgres://…/hongtu_bench_… npx tsx bench/explain-registry.ts [terms…]`.
 */
import { CompiledQuery, type Compilable } from 'kysely';
import { chinaDate } from '../src/domain/time.ts';
import type { Actor } from '../src/server/auth/actor.ts';
import { openDatabase } from '../src/server/db/index.ts';
import { listBuildingsQuery } from '../src/server/modules/buildings/queries.ts';
import { buildingSearchQuery, enterpriseSearchQuery, peopleSearchQuery, searchTerms } from '../src/server/modules/search/queries.ts';

const url = process.env.EXPLAIN_DATABASE_URL;
if (!url) throw new Error('EXPLAIN_DATABASE_URL names the kept benchmark database');
const city: Actor = {
  userId: '1',
  username: 'bench_city',
  displayName: '基准测试',
  role: 'city',
  locale: 'zh-CN',
  regionCode: '350100',
  organisationId: null,
  orgPath: null,
  personId: null,
};
const terms = process.argv.slice(2).length ? process.argv.slice(2) : ['有限公司', '科技', '海峡', '正祥中心'];
const db = await openDatabase({ databaseUrl: url, poolSize: 2 });

async function explain(title: string, query: Compilable) {
  const compiled = query.compile();
  const res = await db.kysely.executeQuery<{ 'QUERY PLAN': string }>(
    CompiledQuery.raw(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${compiled.sql}`, [...compiled.parameters]),
  );
  console.log(`\n── ${title}\n${res.rows.map((r) => r['QUERY PLAN']).join('\n')}`);
}

try {
  for (const q of terms) {
    const t = searchTerms(q, 10);
    await explain(`search buildings "${q}"`, buildingSearchQuery(db.kysely, city, t));
    await explain(`search enterprises "${q}"`, enterpriseSearchQuery(db.kysely, city, t));
    await explain(`search people "${q}"`, peopleSearchQuery(db.kysely, city, t));
  }
  const today = chinaDate();
  for (const q of terms) await explain(`building list ?q=${q}`, listBuildingsQuery(db.kysely, city, { q, limit: 20, offset: 0, today }));
  await explain(
    'building list ?vacancyRateMin=0.5',
    listBuildingsQuery(db.kysely, city, { vacancyRateMin: 0.5, limit: 50, offset: 0, today }),
  );
} finally {
  await db.close();
}
