/**
 * REG-1 / search / SVC-1 registry benchmark: `DATABASE_URL=postgres://… npx tsx bench/registry.ts`
 * (PostgreSQL when DATABASE_URL is set, else the embedded PGlite; BENCH_REGISTRY_BACKENDS to pick).
 *
 * Loads 10,000 buildings (each with its 楼宇党委) and 200,000 enterprises over Fuzhou's real
 * streets into a throw-away database, each enterprise leasing in a building with a year of events
 * (area changes, move-outs, lapsed contracts). Then, in process through the app (session cookie,
 * scope, validation, serialisation — no TCP), as a city user who sees everything:
 *   - GET /api/search?q=…            one search box (bigram phrase over buildings, enterprises, people)
 *   - GET /api/buildings?q=…         the building list searched by name
 *   - GET /api/buildings/:id/page    the building page (target p95 < 30 ms)
 *   - GET /api/buildings?vacancyRateMin=0.5   the occupancy filter over every building in scope
 * each beside a bare query on the same pool (the same index, no app), p50/p95/p99 over
 * BENCH_REGISTRY_SAMPLES requests after a warm-up, with the CPU each request cost (this process and the
 * PostgreSQL backends) and the load average when it was measured. A bare Fastify route through the same
 * `inject`, measured before and after, is the baseline the p95s are divided by. Finally the SVC-1 instructor assignment of
 * 3,182 enterprises to 1,827 instructors (the article's figures) with the greedy baseline's
 * cost beside the optimised plan's (target < 2 s).
 *
 * Knobs: BENCH_REGISTRY_BUILDINGS, BENCH_REGISTRY_ENTERPRISES, BENCH_REGISTRY_SAMPLES, BENCH_REGISTRY_BACKENDS;
 * BENCH_REGISTRY_KEEP=1 leaves the PostgreSQL database in place (its name is printed) for EXPLAIN ANALYZE.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import pg from 'pg';
import { assignToAgents, planarKm, type AssignmentAgent, type AssignmentItem } from '../src/domain/registry/assignment.ts';
import { hashPassword } from '../src/server/auth/password.ts';
import { createSecrets } from '../src/server/auth/secrets.ts';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { openDatabase, type Db } from '../src/server/db/index.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { loadRegions } from '../src/server/regions/load.ts';
import { seededRandom } from '../src/server/seed/random.ts';
import { fixed, formatTable, machine, onInterrupt, percentile, processCpuUs, writeResult } from './lib.ts';

const BUILDINGS = Number(process.env.BENCH_REGISTRY_BUILDINGS ?? 10_000);
const ENTERPRISES = Number(process.env.BENCH_REGISTRY_ENTERPRISES ?? 200_000);
const SAMPLES = Number(process.env.BENCH_REGISTRY_SAMPLES ?? 1_000);
const WARMUP = Math.max(50, Math.round(SAMPLES / 5));
const PAGE_TARGET_MS = 30;
const SEARCH_TARGET_MS = 30;
const ASSIGN_TARGET_MS = 2_000;
const CITY = '3501';
const KEEP = process.env.BENCH_REGISTRY_KEEP === '1';

/** Name parts, so that two-character terms hit a realistic share of the rows. */
const STEMS = [
  '海峡',
  '世茂',
  '正祥',
  '泰禾',
  '阳光',
  '融侨',
  '万达',
  '恒力',
  '升龙',
  '中庚',
  '宇洋',
  '天元',
  '金融',
  '创业',
  '软件',
  '东街',
  '五四',
  '鼓楼',
  '台江',
  '仓山',
];
const KINDS = ['国际中心', '商务大厦', '金融广场', '总部大楼', '科技园', '写字楼', '中心大厦', '创意园'];
const TERMS = ['海峡', '世茂国际', '金融', '科技', '正祥中心', '阳光', '五四', '软件园', '有限公司', '鼓楼商务', '大厦', '创业'];

async function withAdmin<T>(url: string, f: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await f(c);
  } finally {
    await c.end();
  }
}

/** The registry at scale, written in a few set-based statements (what an import would leave behind). */
async function load(db: Db, streets: string[]): Promise<void> {
  const q = (text: string, values: unknown[] = []) => db.pool.query(text, values);
  const stems = `ARRAY[${STEMS.map((s) => `'${s}'`).join(',')}]`;
  const kinds = `ARRAY[${KINDS.map((s) => `'${s}'`).join(',')}]`;
  const streetArr = `ARRAY[${streets.map((s) => `'${s}'`).join(',')}]`;
  await q(`CREATE TEMP TABLE IF NOT EXISTS _b (n int, committee bigint)`);
  await q(
    `
    WITH o AS (
      INSERT INTO organisation (kind, name, region_code)
      SELECT 'building_party_committee', 'B' || n || '楼宇党委', (${streetArr})[1 + n % ${streets.length}]
      FROM generate_series(1, $1::int) n RETURNING id)
    UPDATE organisation SET path = '/' || id || '/' WHERE id IN (SELECT id FROM o)`,
    [BUILDINGS],
  );
  await q(`
    INSERT INTO building (name, address, region_code, org_path, lng, lat, floors_above, office_area, ownership, management_mode,
                          party_committee_id, positioning, industry_focus, demo_status, asking_rent)
    SELECT (${stems})[1 + n % 20] || (${kinds})[1 + (n / 20) % 8] || n || '号楼',
           (${stems})[1 + (n / 7) % 20] || '路' || (n % 300) || '号',
           o.region_code, o.path, 119.2 + (n % 97) * 0.002, 26.0 + (n % 89) * 0.002, 10 + n % 40,
           20000 + (n % 10) * 2000, CASE WHEN n % 3 = 0 THEN 'single' ELSE 'multiple' END,
           CASE WHEN n % 3 = 0 THEN 'owner_managed' ELSE 'entrusted' END, o.id,
           CASE n % 5 WHEN 0 THEN '总部经济楼' WHEN 1 THEN '律师楼' WHEN 2 THEN '软件楼' ELSE NULL END,
           ARRAY['65'], CASE WHEN n % 500 = 0 THEN 'named' WHEN n % 100 = 0 THEN 'cultivating' ELSE 'none' END, 60 + n % 80
    FROM (SELECT id, region_code, path, row_number() OVER (ORDER BY id)::int AS n FROM organisation WHERE kind = 'building_party_committee') o`);
  await q(
    `
    WITH o AS (
      INSERT INTO organisation (kind, name, region_code, credit_code)
      SELECT 'enterprise', '福州' || (${stems})[1 + n % 20] || (${stems})[1 + (n / 20) % 20] || n || '号科技有限公司',
             (${streetArr})[1 + n % ${streets.length}], '91350100' || lpad(n::text, 10, '0')
      FROM generate_series(1, $1::int) n RETURNING id)
    UPDATE organisation SET path = '/' || id || '/' WHERE id IN (SELECT id FROM o)`,
    [ENTERPRISES],
  );
  // Every enterprise leases in one building (about 20 a building, 400–1,000 m² each).
  await q(
    `
    INSERT INTO enterprise (organisation_id, credit_code, industry_code, size_class, staff_count, party_member_count, is_key_enterprise,
                            party_org_status, region_code, org_path, building_path, current_building_id)
    SELECT e.id, e.credit_code, '65', 'small', 20 + e.n % 200, e.n % 15, e.n % 50 = 0,
           (ARRAY['own','joint','instructor','none'])[1 + e.n % 4], e.region_code, e.path, b.org_path, b.id
    FROM (SELECT id, credit_code, region_code, path, row_number() OVER (ORDER BY id)::int AS n FROM organisation WHERE kind = 'enterprise') e
    JOIN (SELECT id, org_path, row_number() OVER (ORDER BY id)::int - 1 AS k FROM building) b ON b.k = e.n % $1::int`,
    [BUILDINGS],
  );
  await q(`
    INSERT INTO lease (building_id, enterprise_id, units, area, start_on, end_on, ended_on, region_code, org_path, tenant_path)
    SELECT e.current_building_id, e.organisation_id, '', 400 + (e.organisation_id % 7) * 100,
           date '2024-01-01' + (e.organisation_id % 300)::int,
           CASE WHEN e.organisation_id % 20 = 0 THEN date '2025-06-30' ELSE date '2028-12-31' END,
           CASE WHEN e.organisation_id % 10 = 1 THEN date '2025-09-30' ELSE NULL END,
           e.region_code, e.building_path, e.org_path
    FROM enterprise e`);
  await q(`
    INSERT INTO lease_event (lease_id, kind, effective_on, area_after, end_on_after)
    SELECT id, 'move_in', start_on, area, end_on FROM lease`);
  await q(`
    INSERT INTO lease_event (lease_id, kind, effective_on, area_after, end_on_after)
    SELECT id, 'area_change', date '2025-03-01', area + 100, end_on FROM lease WHERE id % 10 = 3`);
  await q(`
    INSERT INTO lease_event (lease_id, kind, effective_on, area_after, end_on_after)
    SELECT id, 'move_out', ended_on, 0, end_on FROM lease WHERE ended_on IS NOT NULL`);
  await q(
    `UPDATE enterprise SET current_building_id = NULL, building_path = '' WHERE organisation_id IN (SELECT enterprise_id FROM lease WHERE ended_on IS NOT NULL)`,
  );
  await q('ANALYZE');
}

interface Stats {
  p50: number;
  p95: number;
  p99: number;
  /**
   * CPU per request: this process (the app, and PGlite inside it) plus the PostgreSQL backends of
   * the benchmark database. Unlike latency it hardly moves when other work competes for the cores.
   */
  cpuMs: number;
}

/** CPU microseconds of the benchmark database's backends, by pid (none for PGlite, which runs in this process). */
let backendCpu: () => Promise<Map<number, number>> = async () => new Map();

async function cpuNow(): Promise<{ own: number; backends: Map<number, number> }> {
  const u = process.cpuUsage();
  return { own: u.user + u.system, backends: await backendCpu() };
}

function cpuSince(before: { own: number; backends: Map<number, number> }, after: { own: number; backends: Map<number, number> }): number {
  let us = after.own - before.own;
  for (const [pid, v] of after.backends) us += v - (before.backends.get(pid) ?? 0);
  return us / 1000;
}

async function measure(run: (i: number) => Promise<void>, samples = SAMPLES, warmup = WARMUP): Promise<Stats> {
  for (let i = 0; i < warmup; i++) await run(i);
  const ms = new Float64Array(samples);
  const cpu0 = await cpuNow();
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    await run(warmup + i);
    ms[i] = performance.now() - t0;
  }
  const cpu = cpuSince(cpu0, await cpuNow());
  ms.sort();
  return { p50: percentile(ms, 50), p95: percentile(ms, 95), p99: percentile(ms, 99), cpuMs: cpu / samples };
}

interface Row {
  backend: string;
  what: string;
  ours: Stats;
  bare: Stats | null;
  target: number | null;
  /** os.loadavg()[0] when the row's measurement finished: other engineers share the machine. */
  load: number;
}

/**
 * The machine's speed right now: a bare Fastify route (no database, no hooks) through the same
 * `inject` path as ours, measured in each backend's run. Ours ÷ this p95 moves much less with load
 * than either number alone.
 */
async function bareRoute(): Promise<Stats> {
  const app = Fastify({ logger: false });
  app.get('/bare/:id', async (request) => ({ id: (request.params as { id: string }).id, name: 'bare', ok: true }));
  await app.ready();
  try {
    return await measure(async (i) => {
      const res = await app.inject({ method: 'GET', url: `/bare/${i}` });
      if (res.statusCode !== 200) throw new Error(`bare route answered ${res.statusCode}`);
    });
  } finally {
    await app.close();
  }
}

async function runOn(backend: 'pglite' | 'postgres'): Promise<Row[]> {
  let db: Db;
  let drop = async () => {};
  if (backend === 'postgres') {
    const url = process.env.DATABASE_URL!;
    const name = `hongtu_bench_${randomBytes(4).toString('hex')}`;
    await withAdmin(url, (c) => c.query(`CREATE DATABASE ${name}`));
    if (KEEP) console.log(`postgres: keeping database ${name} (drop it with DROP DATABASE ${name})`);
    else drop = () => withAdmin(url, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined);
    const target = new URL(url);
    target.pathname = `/${name}`;
    db = await openDatabase({ databaseUrl: target.toString(), poolSize: 10 });
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    backendCpu = async () => {
      const r = await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [name]);
      return new Map(r.rows.map((row) => [row.pid, processCpuUs(row.pid) ?? 0]));
    };
    const dropDatabase = drop;
    drop = async () => {
      backendCpu = async () => new Map();
      await admin.end();
      await dropDatabase();
    };
  } else {
    const dataDir = path.join(os.tmpdir(), `hongtu-bench-registry-${randomBytes(4).toString('hex')}`);
    db = await openDatabase({ dataDir });
    // 1.2 GB a run: kept only when asked for.
    if (KEEP) console.log(`pglite: keeping ${dataDir}`);
    else drop = async () => rmSync(dataDir, { recursive: true, force: true });
  }
  const forget = onInterrupt(async () => {
    await db.close();
    await drop();
  });
  try {
    await migrate(db.pool);
    await loadRegions(db.kysely, [CITY]);
    const streets = (
      await db.kysely
        .selectFrom('region')
        .select('code')
        .where('level', '=', 'township')
        .where('code', 'like', `${CITY}%`)
        .orderBy('code')
        .execute()
    ).map((r) => r.code);
    const t0 = performance.now();
    await load(db, streets);
    console.log(
      `${backend}: loaded ${BUILDINGS.toLocaleString('en')} buildings and ${ENTERPRISES.toLocaleString('en')} enterprises with leases over ${streets.length} streets in ${fixed((performance.now() - t0) / 1000, 1)} s`,
    );
    await db.kysely
      .insertInto('app_user')
      .values({
        username: 'bench_city',
        display_name: '基准测试',
        role: 'city',
        region_code: '350100',
        password_hash: await hashPassword('Bench-pass1'),
      })
      .execute();
    const config = { ...loadConfig({}), seedDemo: false, logLevel: 'silent' };
    const app = await buildApp(
      { config, db, kysely: db.kysely, secrets: createSecrets(randomBytes(32)) },
      { logger: false, serveWeb: false },
    );
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'bench_city', password: 'Bench-pass1' },
    });
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const get = async (url: string) => {
      const res = await app.inject({ method: 'GET', url, headers: { cookie } });
      if (res.statusCode !== 200) throw new Error(`${url} answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
    };
    const ids = (await db.kysely.selectFrom('building').select('id').orderBy('id').execute()).map((r) => r.id);
    const pick = seededRandom(30);
    const buildingAt = () => ids[pick.int(0, ids.length - 1)]!;
    const term = (i: number) => TERMS[i % TERMS.length]!;
    const bare = (text: string, values: unknown[]) => db.pool.query(text, values).then(() => undefined);
    const rows: Row[] = [];
    const add = (what: string, ours: Stats, bareStats: Stats | null, target: number | null) =>
      rows.push({ backend, what, ours, bare: bareStats, target, load: os.loadavg()[0]! });

    add('baseline: bare Fastify route (inject, no database)', await bareRoute(), null, null);

    add(
      'search box: GET /api/search?q=',
      await measure((i) => get(`/api/search?q=${encodeURIComponent(term(i))}`)),
      await measure((i) => bare(`SELECT id, name FROM building WHERE search @@ hongtu_bigram_query($1) LIMIT 6`, [term(i)])),
      SEARCH_TARGET_MS,
    );
    add(
      'building list: GET /api/buildings?q=',
      await measure((i) => get(`/api/buildings?q=${encodeURIComponent(term(i))}&limit=20`)),
      await measure((i) =>
        bare(`SELECT id, name FROM building WHERE search @@ hongtu_bigram_query($1) ORDER BY region_code, id LIMIT 20`, [term(i)]),
      ),
      SEARCH_TARGET_MS,
    );
    add(
      'building page: GET /api/buildings/:id/page',
      await measure(() => get(`/api/buildings/${buildingAt()}/page`)),
      await measure(() => bare(`SELECT * FROM building WHERE id = $1`, [buildingAt()])),
      PAGE_TARGET_MS,
    );
    const filterSamples = Math.max(20, Math.round(SAMPLES / 20));
    const slow = (f: () => Promise<void>) => measure(f, filterSamples, 1);
    add(
      'occupancy filter: GET /api/buildings?vacancyRateMin=0.5',
      await slow(() => get('/api/buildings?vacancyRateMin=0.5&limit=50')),
      null,
      null,
    );
    add('baseline again, after the requests above', await bareRoute(), null, null);
    await app.close();
    return rows;
  } finally {
    forget();
    await db.close();
    await drop();
  }
}

/** SVC-1 the article's 3,182 enterprises in ~120 buildings and 1,827 instructors over Fuzhou's centre. */
function assignment() {
  const rnd = seededRandom(1827);
  const ref = 26.08;
  const sites = Array.from({ length: 120 }, () => planarKm(119.25 + rnd.next() * 0.12, 26.03 + rnd.next() * 0.1, ref));
  const items: AssignmentItem[] = Array.from({ length: 3182 }, (_, i) => ({
    id: `e${i}`,
    location: sites[rnd.int(0, sites.length - 1)]!,
    pinnedAgentId: null,
  }));
  const agents: AssignmentAgent[] = Array.from({ length: 1827 }, (_, i) => ({
    id: `i${i}`,
    location: planarKm(119.22 + rnd.next() * 0.18, 26.0 + rnd.next() * 0.16, ref),
    capacity: 3,
  }));
  // Sixty manual pins, as a street would have set.
  for (let i = 0; i < 60; i++) items[i * 50]!.pinnedAgentId = agents[i * 30]!.id;
  assignToAgents({ agents, items }); // warm the JIT
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const outcome = assignToAgents({ agents, items });
  const cpu = process.cpuUsage(cpu0);
  return { ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000, outcome };
}

async function main(): Promise<void> {
  const m = machine();
  console.log(`registry — ${m.cpu}, ${m.cores} cores, Node ${m.node}, commit ${m.commit}, load ${m.loadAverage1m}`);
  const backends = (process.env.BENCH_REGISTRY_BACKENDS ?? (process.env.DATABASE_URL ? 'postgres' : 'pglite')).split(',') as (
    'pglite' | 'postgres'
  )[];
  const rows: Row[] = [];
  for (const backend of backends) rows.push(...(await runOn(backend)));
  // The mean of the backend's two baseline runs (before and after its requests).
  const baseline = (backend: string) => {
    const b = rows.filter((r) => r.backend === backend && r.what.startsWith('baseline')).map((r) => r.ours.p95);
    return b.length ? b.reduce((x, y) => x + y, 0) / b.length : null;
  };
  const ratio = (r: Row) => {
    const b = baseline(r.backend);
    return b && !r.what.startsWith('baseline') ? `${fixed(r.ours.p95 / b, 0)}×` : '—';
  };
  const verdict = (r: Row) => (r.target === null ? '' : r.ours.p95 < r.target ? `met (< ${r.target})` : `MISSED (< ${r.target})`);
  console.log(
    `\n${formatTable(
      [
        { title: 'backend', align: 'left' },
        { title: 'request', align: 'left' },
        { title: 'p50 ms' },
        { title: 'p95 ms' },
        { title: 'p99 ms' },
        { title: 'CPU ms/req' },
        { title: 'bare p50' },
        { title: 'bare p95' },
        { title: 'p95 ÷ route p95' },
        { title: 'load 1m' },
        { title: 'p95 target', align: 'left' },
      ],
      rows.map((r) => [
        r.backend,
        r.what,
        fixed(r.ours.p50),
        fixed(r.ours.p95),
        fixed(r.ours.p99),
        fixed(r.ours.cpuMs, 2),
        r.bare ? fixed(r.bare.p50, 2) : '—',
        r.bare ? fixed(r.bare.p95, 2) : '—',
        ratio(r),
        fixed(r.load, 2),
        verdict(r),
      ]),
    )}\n`,
  );
  const a = assignment();
  const plan = (name: string, p: typeof a.outcome.optimised) => [
    name,
    p.stats.assigned,
    fixed(p.stats.totalDistance, 0),
    fixed(p.stats.objective, 0),
    p.stats.maxLoad,
    fixed(p.stats.loadStdDev, 2),
  ];
  console.log(
    `SVC-1 assignment, 3,182 enterprises × 1,827 instructors (capacity 3, 60 pins): ${fixed(a.ms, 0)} ms for both plans (CPU ${fixed(a.cpuMs, 0)} ms), load ${fixed(os.loadavg()[0]!, 2)} ` +
      `(target < ${ASSIGN_TARGET_MS} ms: ${a.ms < ASSIGN_TARGET_MS ? 'met' : 'MISSED'}), proven optimal: ${a.outcome.optimal ? 'yes' : 'no'}, pricing rounds ${a.outcome.rounds}\n`,
  );
  console.log(
    formatTable(
      [
        { title: 'plan', align: 'left' },
        { title: 'assigned' },
        { title: 'total km' },
        { title: 'km + λ·Σload²' },
        { title: 'max load' },
        { title: 'load σ' },
      ],
      [plan('greedy baseline', a.outcome.greedy), plan('optimised', a.outcome.optimised)],
    ),
  );
  console.log(
    writeResult('registry', {
      buildings: BUILDINGS,
      enterprises: ENTERPRISES,
      samples: SAMPLES,
      rows,
      assignment: { load: os.loadavg()[0], ms: a.ms, cpuMs: a.cpuMs, optimised: a.outcome.optimised.stats, greedy: a.outcome.greedy.stats, optimal: a.outcome.optimal },
    }),
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
