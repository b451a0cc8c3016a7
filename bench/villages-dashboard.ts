/**
 * DSH-1 VIL-2…VIL-4 the county's village dashboard: `npx tsx bench/villages-dashboard.ts`
 * (PGlite in memory; set DATABASE_URL=postgres://… for PostgreSQL into a throw-away database).
 *
 * Loads 兴国县's regions and the traditional-village demo (9 villages, their ledgers, incomes,
 * performances and visitors), then times GET /api/village-dashboard for the county through the
 * app (session, scope, validation, serialisation; no TCP), p50/p95/p99 (target p95 < 50 ms),
 * beside one bare aggregate query over the same ledger and a bare Fastify route.
 * Knobs: BENCH_SAMPLES (300).
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import Fastify from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { hashPassword } from '../src/server/auth/password.ts';
import { createSecrets } from '../src/server/auth/secrets.ts';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { openDatabase, type Db } from '../src/server/db/index.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { loadRegions } from '../src/server/regions/load.ts';
import { seedVillagesDemo } from '../src/server/seed/villages.ts';
import { fixed, formatTable, percentile, writeResult } from './lib.ts';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 300);
const WARMUP = Math.max(20, Math.round(SAMPLES / 5));

async function measure(run: () => Promise<unknown>) {
  for (let i = 0; i < WARMUP; i++) await run();
  const times = new Float64Array(SAMPLES);
  for (let i = 0; i < SAMPLES; i++) {
    const t0 = performance.now();
    await run();
    times[i] = performance.now() - t0;
  }
  times.sort();
  return { p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99) };
}

async function open(): Promise<{ db: Db; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) return { db: await openDatabase({ dataDir: 'memory://' }), drop: async () => {} };
  const name = `hongtu_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    db: await openDatabase({ databaseUrl: target.toString(), poolSize: 4 }),
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

const { db, drop } = await open();
try {
  await migrate(db.pool);
  await loadRegions(db.kysely, ['360732']);
  await db.kysely.transaction().execute((trx) => seedVillagesDemo(trx));
  await db.kysely
    .insertInto('app_user')
    .values({
      username: 'bench.county',
      display_name: '县',
      role: 'district',
      region_code: '360732',
      password_hash: await hashPassword('Bench-pass1'),
    })
    .execute();
  const app = await buildApp(
    { config: { ...loadConfig({}), seedDemo: false, logLevel: 'silent' }, db, kysely: db.kysely, secrets: createSecrets(randomBytes(32)) },
    { logger: false, serveWeb: false },
  );
  await app.ready();
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'bench.county', password: 'Bench-pass1' },
  });
  const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const year = new Date().getFullYear();
  const loadBefore = os.loadavg();
  const dashboard = await measure(async () => {
    const res = await app.inject({ method: 'GET', url: `/api/village-dashboard?regionCode=360732&year=${year}`, headers: { cookie } });
    if (res.statusCode !== 200) throw new Error(res.body);
  });
  const bareQuery = await measure(() =>
    sql`SELECT kind, sum(amount) FROM fund_entry WHERE region_code LIKE '360732%' GROUP BY kind`.execute(db.kysely),
  );
  const bareApp = Fastify();
  bareApp.get('/ping', async () => ({ ok: true }));
  await bareApp.ready();
  const bare = await measure(() => bareApp.inject({ method: 'GET', url: '/ping' }));
  await bareApp.close();
  await app.close();
  const entries = await db.kysely
    .selectFrom('fund_entry')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  // The machine is shared: the load beside the numbers, and the page as a multiple of one bare query of the same run.
  const loadAfter = os.loadavg();
  console.log(
    `village dashboard, ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}, ${SAMPLES} samples, ${entries.n} ledger entries (ms); ` +
      `load ${loadBefore[0]!.toFixed(1)} → ${loadAfter[0]!.toFixed(1)} on ${os.cpus().length} cores; ` +
      `page / bare query p50 ×${(dashboard.p50 / bareQuery.p50).toFixed(1)}, p95 ×${(dashboard.p95 / bareQuery.p95).toFixed(1)}`,
  );
  console.log(
    formatTable(
      [{ title: 'what', align: 'left' }, { title: 'p50' }, { title: 'p95' }, { title: 'p99' }, { title: 'target p95' }],
      [
        ['GET /api/village-dashboard (county)', fixed(dashboard.p50, 2), fixed(dashboard.p95, 2), fixed(dashboard.p99, 2), '< 50'],
        ['  bare ledger aggregate query', fixed(bareQuery.p50, 2), fixed(bareQuery.p95, 2), fixed(bareQuery.p99, 2), ''],
        ['  bare Fastify route', fixed(bare.p50, 3), fixed(bare.p95, 3), fixed(bare.p99, 3), ''],
      ],
    ),
  );
  writeResult('villages-dashboard', {
    samples: SAMPLES,
    backend: process.env.DATABASE_URL ? 'postgres' : 'pglite',
    dashboard,
    bareQuery,
    bare,
    loadavg: { before: loadBefore, after: loadAfter },
  });
} finally {
  await db.close();
  await drop();
}
