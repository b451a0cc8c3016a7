/**
 * Why intake costs what it costs (run when bench/matters-intake.ts misses its
 * target): the app in process on a throw-away PostgreSQL database (or PGlite
 * without DATABASE_URL), BENCH_PROFILE_REQUESTS matters submitted through
 * app.inject by an enterprise session, BENCH_PROFILE_CONCURRENCY at a time.
 * Prints every statement with its count per matter and mean time, and the V8
 * CPU profile's self time by library and by function.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/matters-intake-profile.ts
 */
import { randomBytes } from 'node:crypto';
import { Session } from 'node:inspector/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kysely, PostgresDialect, sql, type LogEvent } from 'kysely';
import pg from 'pg';
import { buildApp } from '../src/server/app.ts';
import { createSecrets } from '../src/server/auth/secrets.ts';
import { loadConfig } from '../src/server/config.ts';
import { openDatabase, type Db } from '../src/server/db/index.ts';
import { migrate } from '../src/server/db/migrate.ts';
import type { Database } from '../src/server/db/schema.ts';
import type { Deps } from '../src/server/http/context.ts';
import { createRegionTree, createUser } from '../tests/support/factories.ts';
import { createBuilding, createEnterprise, createLease } from '../tests/support/registry-factories.ts';
import { summariseProfile, type CpuProfile } from './cpu-profile.ts';
import { fixed, formatTable, machine, onInterrupt } from './lib.ts';

const REQUESTS = Number(process.env.BENCH_PROFILE_REQUESTS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_PROFILE_CONCURRENCY ?? 10);
const serverUrl = process.env.DATABASE_URL;
/** BENCH_PROFILE_EXPLAIN=1: also print each statement's plan with its actual times. */
const EXPLAIN = process.env.BENCH_PROFILE_EXPLAIN === '1';

async function admin(text: string): Promise<void> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

let db: Db;
let cleanup: () => Promise<void>;
let benchUrl: string | null = null;
if (serverUrl) {
  const name = `hongtu_bench_${randomBytes(5).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  benchUrl = url.toString();
  db = await openDatabase({ databaseUrl: benchUrl });
  let done = false;
  cleanup = async () => {
    if (done) return;
    done = true;
    await db.close().catch(() => undefined);
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  };
} else {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hongtu-bench-intake-profile-'));
  db = await openDatabase({ dataDir: path.join(dir, 'pglite') });
  cleanup = async () => {
    await db.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
}
const forget = onInterrupt(cleanup);
// Piped into `head`, stdout closes early: the database must still be dropped, not left behind by an EPIPE.
process.stdout.on('error', () => undefined);
try {
  await migrate(db.pool);
  const stats = new Map<string, { count: number; ms: number }>();
  const samples = new Map<string, readonly unknown[]>();
  let counting = false;
  const log = (event: LogEvent) => {
    if (!counting) return;
    const s = stats.get(event.query.sql) ?? { count: 0, ms: 0 };
    s.count++;
    s.ms += event.queryDurationMillis;
    stats.set(event.query.sql, s);
    if (!samples.has(event.query.sql)) samples.set(event.query.sql, event.query.parameters);
  };
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool: db.pool }), log });
  const tree = await createRegionTree(kysely);
  const street = tree.townships[0];
  const building = await createBuilding(kysely, { regionCode: street, name: '基准大厦' });
  const enterprise = await createEnterprise(kysely, { regionCode: street });
  await createLease(kysely, { building, enterprise, area: 300, startOn: '2024-01-01', endOn: '2030-12-31' });
  const user = await createUser(kysely, {
    role: 'enterprise',
    organisationId: enterprise.id,
    orgPath: enterprise.path,
    regionCode: street,
  });
  await createUser(kysely, { role: 'building', orgPath: building.orgPath, regionCode: street });
  const secrets = createSecrets(randomBytes(32));
  await kysely
    .insertInto('notification_target')
    .values({
      name: '街道企微群',
      kind: 'wecom',
      address_enc: secrets.encrypt('https://example.invalid/robot'),
      address_masked: 'https://…',
      region_code: street,
    })
    .execute();
  const category = await kysely.selectFrom('matter_category').select('id').where('code', '=', 'tax_consultation').executeTakeFirstOrThrow();
  await sql`ANALYZE`.execute(kysely);
  const deps: Deps = { config: { ...loadConfig({}), seedDemo: false, logLevel: 'silent' }, db, kysely, secrets };
  const app = await buildApp(deps, { logger: false, serveWeb: false });
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: user.password } });
  const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrf = login.json<{ csrfToken: string }>().csrfToken;
  let seq = 0;
  const submit = async () => {
    const key = `p-${seq++}`;
    const res = await app.inject({
      method: 'POST',
      url: '/api/matters',
      headers: { cookie, 'x-csrf-token': csrf, 'idempotency-key': key },
      payload: { categoryId: category.id, title: '企业诉求', description: `基准 ${key}` },
    });
    if (res.statusCode !== 201) throw new Error(`${res.statusCode} ${res.body}`);
  };
  const run = async (n: number) => {
    let left = n;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (left-- > 0) await submit();
      }),
    );
  };
  await run(Math.min(1000, REQUESTS));
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  counting = true;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await run(REQUESTS);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  counting = false;
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  await app.close();
  if (EXPLAIN && benchUrl) {
    // The plans of one more submission as PostgreSQL ran it, writes and triggers included (auto_explain, sent as notices).
    const name = new URL(benchUrl).pathname.slice(1);
    await sql.raw(`ALTER DATABASE ${name} SET session_preload_libraries = 'auto_explain'`).execute(kysely);
    const traced = await openDatabase({ databaseUrl: benchUrl, poolSize: 1 });
    // The session's first runs compile its functions and plans: only the last of a few is printed.
    let printing = false;
    traced.pool.on('connect', (client) => {
      void client.query(
        "SET auto_explain.log_min_duration = 0; SET auto_explain.log_analyze = on; SET auto_explain.log_buffers = on; SET auto_explain.log_triggers = on; SET auto_explain.log_nested_statements = on; SET auto_explain.log_level = 'notice'",
      );
      client.on('notice', (n) => {
        if (printing) console.log(`\n${n.message}`);
      });
    });
    const tracedApp = await buildApp(
      { ...deps, db: traced, kysely: new Kysely<Database>({ dialect: new PostgresDialect({ pool: traced.pool }) }) },
      { logger: false, serveWeb: false },
    );
    for (let i = 0; i < 20; i++) {
      printing = i === 19;
      const res = await tracedApp.inject({
        method: 'POST',
        url: '/api/matters',
        headers: { cookie, 'x-csrf-token': csrf, 'idempotency-key': `explained-${i}` },
        payload: { categoryId: category.id, title: '企业诉求', description: `基准 explained ${i}` },
      });
      if (printing) console.log(`traced submission: ${res.statusCode}`);
    }
    await tracedApp.close();
    await traced.close();
  }

  console.log(
    `${REQUESTS} matters, ${CONCURRENCY} at a time, in process on ${db.backend}: ${fixed(REQUESTS / (ms / 1000), 0)}/s, ` +
      `node CPU ${fixed((cpu.user + cpu.system) / 1000 / REQUESTS, 2)} ms per matter (load ${machine().loadAverage1m})\n`,
  );
  const rows = [...stats].sort((a, b) => b[1].ms - a[1].ms);
  console.log(
    formatTable(
      [{ title: 'per matter' }, { title: 'mean ms' }, { title: 'statement', align: 'left' }],
      rows.map(([text, s]) => [fixed(s.count / REQUESTS, 2), fixed(s.ms / s.count, 2), text.replace(/\s+/g, ' ').slice(0, 150)]),
    ),
  );
  const summary = summariseProfile(profile as unknown as CpuProfile, 25);
  console.log(`\nCPU profile: ${fixed(summary.busyMs, 0)} ms busy`);
  console.log(
    formatTable(
      [{ title: 'ms' }, { title: '%' }, { title: 'where', align: 'left' }],
      summary.categories.map((c) => [fixed(c.ms, 0), fixed(c.percent, 1), c.name]),
    ),
  );
  console.log('');
  console.log(
    formatTable(
      [{ title: 'ms' }, { title: '%' }, { title: 'function', align: 'left' }],
      summary.functions.map((c) => [fixed(c.ms, 0), fixed(c.percent, 1), c.name]),
    ),
  );
  if (EXPLAIN) {
    // Where the database spends a statement's time: each statement once more, analysed, then rolled back.
    for (const [text, params] of samples) {
      if (/^\s*(begin|commit|rollback)\s*$/i.test(text)) continue;
      const client = await db.pool.connect();
      try {
        await client.query('BEGIN');
        const plan = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, params as unknown[]);
        await client.query('ROLLBACK');
        console.log(`\n${text.replace(/\s+/g, ' ').slice(0, 150)}`);
        for (const r of plan.rows) console.log(`  ${r['QUERY PLAN']}`);
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        console.log(`\n${text.slice(0, 80)}: ${(err as Error).message}`);
      } finally {
        client.release();
      }
    }
  }
} finally {
  forget();
  await cleanup();
}
