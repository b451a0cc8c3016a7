/**
 * LST-3 matching through the app over HTTP: `npx tsx bench/lists-api.ts`
 * (PGlite in a temporary directory; with DATABASE_URL also PostgreSQL in a throw-away
 * `hongtu_bench_lists_<random>` database, dropped at the end; BENCH_LISTS_BACKENDS=pglite,postgres
 * to choose).
 *
 * Loads 100,000 resources and 100,000 open needs over 60 of Fuzhou's real streets (15 buildings
 * each, one 楼宇党委 per building) with bulk SQL — the texts come from the same generator as
 * bench/lists-matching.ts — then, with the app listening on a TCP port and a city user's session:
 *   - GET /api/needs/:id/proposals for sampled needs of every street (ranked resources with the
 *     reason of every score), p50/p95/p99, target p95 < 20 ms, each request followed by one to a
 *     bare Fastify route in the same process, so both see the same machine;
 *   - POST /api/matching/plan for a street of 2,000 open needs (many_to_one and one_to_one),
 *     target < 2 s, its total score beside the greedy baseline the response carries; the first
 *     call (which builds the street's resource index) is shown apart.
 * Client and servers share this process's event loop; the bare route pays the same client cost.
 *
 * Knobs: BENCH_LIST_RESOURCES (100000), BENCH_LIST_NEEDS (100000), BENCH_LIST_SAMPLES (1000),
 * BENCH_PLAN_NEEDS (2000), BENCH_LISTS_KEEP=1 (leave the PostgreSQL database for EXPLAIN).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { Kysely, PostgresDialect, type LogEvent } from 'kysely';
import pg from 'pg';
import { CATEGORY_LABELS } from '../src/domain/lists/categories.ts';
import { generateListNeeds, generateListResources, type ListPlace } from '../src/domain/lists/generate.ts';
import type { ListNeed, ListResource } from '../src/domain/lists/types.ts';
import { hashPassword } from '../src/server/auth/password.ts';
import { createSecrets } from '../src/server/auth/secrets.ts';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { openDatabase, type Db } from '../src/server/db/index.ts';
import type { Database } from '../src/server/db/schema.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { loadRegions } from '../src/server/regions/load.ts';
import { seededRandom } from '../src/server/seed/random.ts';
import { fixed, formatTable, machine, onInterrupt, percentile, writeResult } from './lib.ts';

const RESOURCES = Number(process.env.BENCH_LIST_RESOURCES ?? 100_000);
const NEEDS = Number(process.env.BENCH_LIST_NEEDS ?? 100_000);
const SAMPLES = Number(process.env.BENCH_LIST_SAMPLES ?? 1_000);
const PLAN_NEEDS = Number(process.env.BENCH_PLAN_NEEDS ?? 2_000);
const PLAN_RUNS = Number(process.env.BENCH_PLAN_RUNS ?? 3);
const WARMUP = Math.max(50, Math.round(SAMPLES / 5));
const CITY = '350100';
const BUILDINGS_PER_STREET = 15;
const RANK_TARGET_MS = 20;
const PLAN_TARGET_MS = 2_000;
const BATCH = 5_000;

type Backend = 'pglite' | 'postgres';

interface Stats {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

function stats(ms: number[]): Stats {
  const s = Float64Array.from(ms).sort();
  return { p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), max: s[s.length - 1] ?? Number.NaN };
}

/** The app's "today" as the generator's validity dates see it. */
const AS_OF = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** Six districts, ten streets each, fifteen buildings a street, each building with its 楼宇党委. */
async function loadPlaces(db: Db): Promise<{ places: ListPlace[]; committeeOf: Map<string, { id: string; path: string }> }> {
  const q = (text: string, values: unknown[] = []) => db.pool.query(text, values);
  const districts = (await q(`SELECT code FROM region WHERE level = 'county' AND parent_code = $1 ORDER BY code`, [CITY])).rows as {
    code: string;
  }[];
  const streets: string[] = [];
  for (const d of districts) {
    const rows = (await q(`SELECT code FROM region WHERE level = 'township' AND parent_code = $1 ORDER BY code LIMIT 10`, [d.code]))
      .rows as { code: string }[];
    if (rows.length >= 5) streets.push(...rows.map((r) => r.code));
    if (streets.length >= 60) break;
  }
  streets.length = Math.min(streets.length, 60);
  const streetArr = `ARRAY[${streets.map((s) => `'${s}'`).join(',')}]::text[]`;
  await q(
    `WITH o AS (
       INSERT INTO organisation (kind, name, region_code)
       SELECT 'building_party_committee', 'L' || n || '楼宇党委', (${streetArr})[1 + (n - 1) / ${BUILDINGS_PER_STREET}]
       FROM generate_series(1, $1::int) n RETURNING id)
     UPDATE organisation SET path = '/' || id || '/' WHERE id IN (SELECT id FROM o)`,
    [streets.length * BUILDINGS_PER_STREET],
  );
  await q(`
    INSERT INTO building (name, address, region_code, org_path, office_area, ownership, management_mode, party_committee_id)
    SELECT 'L' || id || '号楼', '路' || id || '号', region_code, path, 20000, 'multiple', 'entrusted', id
    FROM organisation WHERE kind = 'building_party_committee' ORDER BY id`);
  const buildings = (
    await q(`SELECT b.id::text AS id, b.region_code, o.id::text AS org_id, o.path FROM building b JOIN organisation o ON o.id = b.party_committee_id
             ORDER BY b.id`)
  ).rows as { id: string; region_code: string; org_id: string; path: string }[];
  const committeeOf = new Map(buildings.map((b) => [b.id, { id: b.org_id, path: b.path }]));
  const places = streets.map((code) => ({
    regionCode: code,
    buildingIds: buildings.filter((b) => b.region_code === code).map((b) => b.id),
  }));
  return { places, committeeOf };
}

async function insertResources(
  db: Db,
  resources: ListResource[],
  places: ListPlace[],
  committeeOf: Map<string, { id: string; path: string }>,
) {
  const firstOf = new Map(places.map((p) => [p.regionCode, committeeOf.get(p.buildingIds[0]!)!]));
  for (let i = 0; i < resources.length; i += BATCH) {
    const part = resources.slice(i, i + BATCH);
    const provider = part.map((r) => (r.buildingId ? committeeOf.get(r.buildingId)! : firstOf.get(r.regionCode)!));
    await db.pool.query(
      `INSERT INTO resource (code, title, description, category, provider_kind, provider_org_id, org_path, building_id, region_code,
                             capacity, capacity_left, served_building_id, served_region_code, valid_from, valid_until)
       SELECT 'ZYB' || lpad(n::text, 7, '0'), t, d, c, 'party_org', p, pp, b, rc, cap, cap, sb, sr, vf, vu
       FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::text[], $7::bigint[], $8::text[],
                   $9::int[], $10::bigint[], $11::text[], $12::date[], $13::date[])
         AS x(n, t, d, c, p, pp, b, rc, cap, sb, sr, vf, vu)`,
      [
        part.map((_, k) => i + k + 1),
        part.map((r) => `${CATEGORY_LABELS[r.category].zh}资源`),
        part.map((r) => r.description),
        part.map((r) => r.category),
        provider.map((p) => p.id),
        provider.map((p) => p.path),
        part.map((r) => r.buildingId),
        part.map((r) => r.regionCode),
        part.map((r) => r.capacityLeft),
        part.map((r) => r.servedBuildingId),
        part.map((r) => r.servedRegionCode),
        part.map((r) => r.validFrom),
        part.map((r) => r.validUntil),
      ],
    );
  }
}

async function insertNeeds(db: Db, needs: ListNeed[], places: ListPlace[], committeeOf: Map<string, { id: string; path: string }>) {
  const firstOf = new Map(places.map((p) => [p.regionCode, committeeOf.get(p.buildingIds[0]!)!]));
  for (let i = 0; i < needs.length; i += BATCH) {
    const part = needs.slice(i, i + BATCH);
    await db.pool.query(
      `INSERT INTO need (code, title, description, category, requester_kind, requester_name, quantity, building_id, region_code, org_path,
                         created_at)
       SELECT 'XQB' || lpad(n::text, 7, '0'), t, d, c, 'enterprise', '企业' || n, qn, b, rc, op, now() - make_interval(secs => n)
       FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::int[], $6::bigint[], $7::text[], $8::text[])
         AS x(n, t, d, c, qn, b, rc, op)`,
      [
        part.map((_, k) => i + k + 1),
        part.map((r) => `${CATEGORY_LABELS[r.category].zh}需求`),
        part.map((r) => r.description),
        part.map((r) => r.category),
        part.map((r) => r.quantity),
        part.map((r) => r.buildingId),
        part.map((r) => r.regionCode),
        part.map((r) => (r.buildingId ? committeeOf.get(r.buildingId)! : firstOf.get(r.regionCode)!).path),
      ],
    );
  }
}

async function withAdmin<T>(url: string, f: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await f(c);
  } finally {
    await c.end();
  }
}

async function openBackend(backend: Backend): Promise<{ db: Db; cleanup: () => Promise<void>; where: string }> {
  if (backend === 'pglite') {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hongtu-bench-lists-'));
    const db = await openDatabase({ dataDir: path.join(dir, 'pglite') });
    return {
      db,
      where: 'PGlite (temporary directory)',
      cleanup: async () => {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required for postgres');
  const name = `hongtu_bench_lists_${randomBytes(4).toString('hex')}`;
  await withAdmin(url, (c) => c.query(`CREATE DATABASE ${name}`));
  const target = new URL(url);
  target.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: target.toString(), poolSize: 10 });
  const keep = process.env.BENCH_LISTS_KEEP === '1';
  return {
    db,
    where: `PostgreSQL (${name}${keep ? ', kept' : ''})`,
    cleanup: async () => {
      await db.close();
      if (keep) console.log(`kept ${target.toString()}`);
      else await withAdmin(url, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

interface BackendResult {
  backend: Backend;
  loadSeconds: number;
  proposals: Stats;
  bare: Stats;
  firstProposalMs: number;
  itemsMean: number;
  plans: {
    mode: string;
    firstMs: number;
    ms: Stats;
    serverPlanMs: number;
    serverLoadMs: number;
    needs: number;
    matched: number;
    total: number;
    greedyTotal: number;
    greedyMatched: number;
    upperBound: number;
  }[];
  loadAverage: number[];
}

async function run(backend: Backend): Promise<BackendResult> {
  const { db, cleanup, where } = await openBackend(backend);
  const forget = onInterrupt(cleanup);
  try {
    await migrate(db.pool);
    await loadRegions(db.kysely, [CITY]);
    const t0 = performance.now();
    const { places, committeeOf } = await loadPlaces(db);
    const rnd = seededRandom(2026);
    const resources = generateListResources({ random: rnd.next, count: RESOURCES, places, asOf: AS_OF });
    // The plan's street gets exactly PLAN_NEEDS open needs; the others share the rest.
    const planStreet = places[0]!;
    const needs = [
      ...generateListNeeds({ random: rnd.next, count: PLAN_NEEDS, places: [planStreet], idPrefix: 'p' }),
      ...generateListNeeds({ random: rnd.next, count: NEEDS - PLAN_NEEDS, places: places.slice(1), idPrefix: 'n' }),
    ];
    await insertResources(db, resources, places, committeeOf);
    await insertNeeds(db, needs, places, committeeOf);
    await db.pool.query('ANALYZE');
    const loadSeconds = (performance.now() - t0) / 1000;
    const counts = (
      await db.pool.query(
        `SELECT (SELECT count(*) FROM resource)::int AS r, (SELECT count(*) FROM need WHERE status = 'open')::int AS n,
                (SELECT count(*) FROM need WHERE status = 'open' AND region_code LIKE $1)::int AS s`,
        [planStreet.regionCode + '%'],
      )
    ).rows[0] as { r: number; n: number; s: number };
    console.log(
      `\n${where}: ${counts.r.toLocaleString('en')} resources, ${counts.n.toLocaleString('en')} open needs over ${places.length} streets ` +
        `(${counts.s.toLocaleString('en')} in ${planStreet.regionCode}) loaded in ${fixed(loadSeconds, 1)} s`,
    );

    await db.kysely
      .insertInto('app_user')
      .values({
        username: 'bench_city',
        display_name: '基准测试',
        role: 'city',
        region_code: CITY,
        password_hash: await hashPassword('Bench-pass1'),
      })
      .execute();
    const config = { ...loadConfig({}), seedDemo: false, logLevel: 'silent' };
    // BENCH_LISTS_PROFILE=1: every query the app sends is timed, and the costliest are printed.
    const queries = new Map<string, { count: number; ms: number; parameters: readonly unknown[] }>();
    const kysely =
      process.env.BENCH_LISTS_PROFILE === '1'
        ? new Kysely<Database>({
            dialect: new PostgresDialect({ pool: db.pool }),
            log: (e: LogEvent) => {
              const q = queries.get(e.query.sql) ?? { count: 0, ms: 0, parameters: e.query.parameters };
              q.count++;
              q.ms += e.queryDurationMillis;
              queries.set(e.query.sql, q);
            },
          })
        : db.kysely;
    const app = await buildApp({ config, db, kysely, secrets: createSecrets(randomBytes(32)) }, { logger: false, serveWeb: false });
    const bareApp = Fastify({ logger: false });
    bareApp.get<{ Params: { id: string } }>('/bare/:id/proposals', async (request) => ({ needId: request.params.id, items: [] }));
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    const bareBase = await bareApp.listen({ host: '127.0.0.1', port: 0 });
    try {
      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'bench_city', password: 'Bench-pass1' }),
      });
      if (login.status !== 200) throw new Error(`login answered ${login.status}: ${await login.text()}`);
      const cookie = login.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
      const headers = { cookie, 'x-csrf-token': csrf };

      // Sampled needs of every street, in a seeded order, so each street's index is used as in life.
      const ids = ((await db.pool.query(`SELECT id::text AS id FROM need WHERE status = 'open' ORDER BY id`)).rows as { id: string }[]).map(
        (r) => r.id,
      );
      const pick = seededRandom(7);
      const sample = Array.from({ length: WARMUP + SAMPLES }, () => ids[pick.int(0, ids.length - 1)]!);
      let items = 0;
      const get = async (url: string) => {
        const res = await fetch(url, { headers });
        const body = await res.text();
        if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${body.slice(0, 300)}`);
        return body;
      };
      const tf = performance.now();
      await get(`${base}/api/needs/${sample[0]}/proposals`);
      const firstProposalMs = performance.now() - tf;
      const ours: number[] = [];
      const bare: number[] = [];
      for (let i = 0; i < sample.length; i++) {
        const id = sample[i]!;
        let t = performance.now();
        const body = await get(`${base}/api/needs/${id}/proposals`);
        const ms = performance.now() - t;
        t = performance.now();
        await get(`${bareBase}/bare/${id}/proposals`);
        const bareMs = performance.now() - t;
        if (i >= WARMUP) {
          ours.push(ms);
          bare.push(bareMs);
          items += (JSON.parse(body) as { items: unknown[] }).items.length;
        }
      }

      if (queries.size > 0) {
        console.log('queries during the proposals, costliest first (count, mean ms):');
        for (const [text, q] of [...queries].sort((a, b) => b[1].ms - a[1].ms).slice(0, 8))
          console.log(`  ${q.count}  ${fixed(q.ms / q.count, 2)}  ${text.slice(0, 160)}`);
        // The plans of the per-request queries, with the last request's parameters.
        for (const [text, q] of [...queries]
          .filter((e) => e[1].count >= SAMPLES)
          .sort((a, b) => b[1].ms - a[1].ms)
          .slice(0, 4)) {
          const plan = (await db.pool.query(`EXPLAIN ANALYZE ${text}`, [...q.parameters])).rows as Record<string, string>[];
          console.log(`\n${text}\n${plan.map((r) => Object.values(r)[0]).join('\n')}`);
        }
        queries.clear();
      }
      const plans: BackendResult['plans'] = [];
      for (const mode of ['many_to_one', 'one_to_one']) {
        const times: number[] = [];
        let first = 0;
        let last: {
          needs: number;
          matched: number;
          totalScore: number;
          upperBound: number;
          greedy: { totalScore: number; matched: number };
          ms: { load: number; plan: number };
        } | null = null;
        for (let i = 0; i <= PLAN_RUNS; i++) {
          const t = performance.now();
          const res = await fetch(`${base}/api/matching/plan`, {
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/json' },
            body: JSON.stringify({ regionCode: planStreet.regionCode, mode }),
          });
          const text = await res.text();
          const ms = performance.now() - t;
          if (res.status !== 200) throw new Error(`plan answered ${res.status}: ${text.slice(0, 300)}`);
          last = JSON.parse(text) as NonNullable<typeof last>;
          if (i === 0) first = ms;
          else times.push(ms);
        }
        plans.push({
          mode,
          firstMs: first,
          ms: stats(times),
          serverPlanMs: last!.ms.plan,
          serverLoadMs: last!.ms.load,
          needs: last!.needs,
          matched: last!.matched,
          total: last!.totalScore,
          greedyTotal: last!.greedy.totalScore,
          greedyMatched: last!.greedy.matched,
          upperBound: last!.upperBound,
        });
      }
      return {
        backend,
        loadSeconds,
        proposals: stats(ours),
        bare: stats(bare),
        firstProposalMs,
        itemsMean: items / SAMPLES,
        plans,
        loadAverage: os.loadavg().map((x) => Number(x.toFixed(2))),
      };
    } finally {
      await app.close();
      await bareApp.close();
    }
  } finally {
    forget();
    await cleanup();
  }
}

async function main(): Promise<void> {
  const backends = (process.env.BENCH_LISTS_BACKENDS ?? (process.env.DATABASE_URL ? 'pglite,postgres' : 'pglite'))
    .split(',')
    .map((b) => b.trim()) as Backend[];
  const m = machine();
  console.log(
    `LST-3 matching over HTTP — ${m.cpu}, ${m.cores} cores, Node ${m.node}, commit ${m.commit}, load ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  const results: BackendResult[] = [];
  for (const backend of backends) results.push(await run(backend));

  console.log(`\nranked proposals, GET /api/needs/:id/proposals (${SAMPLES} sampled needs after ${WARMUP} to warm up), ms`);
  console.log(
    formatTable(
      [
        { title: 'backend', align: 'left' },
        { title: 'route', align: 'left' },
        { title: 'p50' },
        { title: 'p95' },
        { title: 'p99' },
        { title: 'max' },
        { title: 'p95 ÷ bare' },
        { title: 'first (cold)' },
        { title: 'load avg' },
        { title: 'target' },
      ],
      results.flatMap((r) => [
        [
          r.backend,
          'ours',
          fixed(r.proposals.p50, 2),
          fixed(r.proposals.p95, 2),
          fixed(r.proposals.p99, 2),
          fixed(r.proposals.max, 1),
          fixed(r.proposals.p95 / r.bare.p95, 1),
          fixed(r.firstProposalMs, 0),
          r.loadAverage.join(' '),
          `p95 < ${RANK_TARGET_MS}: ${r.proposals.p95 < RANK_TARGET_MS ? 'met' : 'MISSED'}`,
        ],
        [
          r.backend,
          'bare Fastify',
          fixed(r.bare.p50, 2),
          fixed(r.bare.p95, 2),
          fixed(r.bare.p99, 2),
          fixed(r.bare.max, 1),
          '1.0',
          '',
          '',
          '',
        ],
      ]),
    ),
  );
  console.log(`\nstreet plan, POST /api/matching/plan (${PLAN_NEEDS} open needs; median of ${PLAN_RUNS} after the first), ms`);
  console.log(
    formatTable(
      [
        { title: 'backend', align: 'left' },
        { title: 'mode', align: 'left' },
        { title: 'first (builds index)' },
        { title: 'p50' },
        { title: 'max' },
        { title: 'server load / plan' },
        { title: 'matched' },
        { title: 'total score' },
        { title: 'greedy matched' },
        { title: 'greedy total' },
        { title: 'plan ÷ greedy' },
        { title: 'upper bound' },
        { title: 'target' },
      ],
      results.flatMap((r) =>
        r.plans.map((p) => [
          r.backend,
          p.mode,
          fixed(p.firstMs, 0),
          fixed(p.ms.p50, 0),
          fixed(p.ms.max, 0),
          `${p.serverLoadMs} / ${p.serverPlanMs}`,
          p.matched,
          fixed(p.total, 1),
          p.greedyMatched,
          fixed(p.greedyTotal, 1),
          fixed(p.total / Math.max(1e-9, p.greedyTotal), 4),
          fixed(p.upperBound, 1),
          `< ${PLAN_TARGET_MS}: ${p.ms.max < PLAN_TARGET_MS ? 'met' : 'MISSED'}`,
        ]),
      ),
    ),
  );
  const file = writeResult('lists-api', {
    settings: { resources: RESOURCES, needs: NEEDS, samples: SAMPLES, planNeeds: PLAN_NEEDS },
    results,
  });
  console.log(`written to ${file}`);
}

await main();
