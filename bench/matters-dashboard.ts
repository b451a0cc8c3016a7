/**
 * DSH-1 the matters dashboard over a million matters in one city, on
 * PostgreSQL (DATABASE_URL; a throw-away database is created and dropped).
 * Target: city figures p95 < 100 ms. Also shown: a period with partial months
 * (their days read from the matters), a district, a street (read from the
 * matters), and the city read entirely from the matters — what the rollup saves.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/matters-dashboard.ts
 *   BENCH_MATTERS=1000000 BENCH_RUNS=40
 */
import os from 'node:os';
import { sql } from 'kysely';
import { chinaDate } from '../src/domain/time.ts';
import { scopeWhere } from '../src/server/db/scoped.ts';
import { matterDashboard, type MatterDashboardQuery } from '../src/server/modules/matter-dashboard/dashboard.ts';
import { groupedCounts } from '../src/server/modules/matter-dashboard/figures.ts';
import { fixed, formatTable, machine, processCpuUs, writeResult } from './lib.ts';
import { CITY, cityActor, createCity, generateMatters, pct, throwAwayPostgres, type BenchDb } from './matters-lib.ts';

const COUNT = Number(process.env.BENCH_MATTERS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 40);

/**
 * CPU time of this process and of the PostgreSQL backends serving the benchmark database, in µs.
 * On a shared machine wall times stretch with the load average; the CPU a call costs hardly does.
 */
async function cpuNow(db: BenchDb['db']): Promise<number> {
  const { rows } = await sql<{ pid: number }>`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`.execute(db.kysely);
  const own = process.cpuUsage();
  return own.user + own.system + rows.reduce((a, r) => a + (processCpuUs(r.pid) ?? 0), 0);
}

async function time(db: BenchDb['db'], run: () => Promise<unknown>): Promise<{ p50: number; p95: number; max: number; cpuMs: number }> {
  for (let i = 0; i < 3; i++) await run();
  const ms: number[] = [];
  const cpu0 = await cpuNow(db);
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await run();
    ms.push(performance.now() - t0);
  }
  const cpuMs = ((await cpuNow(db)) - cpu0) / 1000 / RUNS;
  return { p50: pct(ms, 50), p95: pct(ms, 95), max: Math.max(...ms), cpuMs };
}

const bench = await throwAwayPostgres();
try {
  const { db } = bench;
  const t0 = performance.now();
  await createCity(db);
  await generateMatters(db, COUNT);
  const tGen = performance.now();
  await sql`SELECT matter_rollup_rebuild()`.execute(db.kysely);
  // As autovacuum leaves a table of a year's matters: statistics, and the visibility map index-only scans rely on.
  await sql`VACUUM ANALYZE`.execute(db.kysely);
  const rollupRows = Number((await sql<{ n: string }>`SELECT count(*)::text AS n FROM matter_rollup`.execute(db.kysely)).rows[0]!.n);
  console.log(
    `${COUNT.toLocaleString()} matters generated in ${fixed((tGen - t0) / 1000)} s; rollup rebuilt in ${fixed((performance.now() - tGen) / 1000)} s (${rollupRows.toLocaleString()} rows)`,
  );

  const today = chinaDate();
  const d = new Date(`${today}T00:00:00Z`);
  const sixMonthsAgo = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 6, 15)).toISOString().slice(0, 10);
  const city = cityActor();
  const dash =
    (query: MatterDashboardQuery, actor = city) =>
    () =>
      matterDashboard({ db: db.kysely, actor, query });
  const cases: [string, () => Promise<unknown>][] = [
    ['city, last 12 months (default)', dash({})],
    [`city, ${sixMonthsAgo} … today (partial first month)`, dash({ from: sixMonthsAgo, to: today })],
    ['district, last 12 months', dash({ regionCode: `${CITY.slice(0, 4)}01` }, cityActor('district', `${CITY.slice(0, 4)}01`))],
    [
      'street, last 12 months (from the matters)',
      dash({ regionCode: `${CITY.slice(0, 4)}01001` }, cityActor('street', `${CITY.slice(0, 4)}01001`)),
    ],
    [
      'city counts read from the matters (no rollup)',
      () =>
        groupedCounts(db.kysely, {
          prefix: CITY.slice(0, 4),
          childLength: 6,
          handlerPath: null,
          scope: scopeWhere(city, 'matter', 'read'),
          months: [],
          ranges: [{ start: new Date(Date.now() - 366 * 86_400_000), end: new Date() }],
        }),
    ],
  ];
  const loadBefore = os.loadavg()[0]!;
  const rows: (string | number)[][] = [];
  const results: Record<string, unknown>[] = [];
  for (const [name, run] of cases) {
    const r = await time(db, run);
    rows.push([name, fixed(r.p50), fixed(r.p95), fixed(r.max), fixed(r.cpuMs), r.p95 < 100 ? 'yes' : 'no']);
    results.push({ name, ...r });
  }
  console.log(
    `\nMatters dashboard over ${COUNT.toLocaleString()} matters, ${RUNS} runs each (load before ${loadBefore.toFixed(2)}, after ${machine().loadAverage1m})`,
  );
  console.log(
    formatTable(
      [
        { title: 'query', align: 'left' },
        { title: 'p50 ms' },
        { title: 'p95 ms' },
        { title: 'max ms' },
        { title: 'CPU ms/call (node + PG)' },
        { title: '< 100 ms' },
      ],
      rows,
    ),
  );
  writeResult('matters-dashboard', { matters: COUNT, rollupRows, runs: RUNS, results });
} finally {
  await bench.drop();
}
