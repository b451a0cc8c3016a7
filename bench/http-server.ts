/**
 * The server side of bench/http.ts, run in its own process so that the load
 * generator and the server each get a core instead of sharing one event loop.
 *
 *   tsx bench/http-server.ts bare   a bare Fastify route, no database
 *   tsx bench/http-server.ts app    our app on a private database (PGlite in a
 *                                   temp directory, or BENCH_DATABASE_URL)
 *
 * When listening it writes one JSON line to stdout: { ready, url, path, headers, … }.
 * It stops on SIGTERM. For bench/profile.ts: BENCH_PROFILE=1 times every
 * query and writes { queries } to stdout on the way out; BENCH_LOG_LEVEL turns
 * on Fastify's request log (to /dev/null), to price it; BENCH_CPU_PROFILE=<file>
 * records a V8 CPU profile; both count from SIGUSR2 (sent after the warm-up); BENCH_PREPARE=1 sends every
 * statement as a named prepared statement (a what-if, the app does not).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { Kysely, PostgresDialect, sql, type LogEvent, type PostgresPool, type PostgresPoolClient } from 'kysely';
import type pg from 'pg';
import pino from 'pino';
import { buildApp } from '../src/server/app.ts';
import { createSecrets } from '../src/server/auth/secrets.ts';
import { loadConfig } from '../src/server/config.ts';
import { openDatabase, type Db } from '../src/server/db/index.ts';
import { migrate } from '../src/server/db/migrate.ts';
import type { Database } from '../src/server/db/schema.ts';
import type { Deps } from '../src/server/http/context.ts';
import { createOrganisation, createPerson, createRegionTree, createUser } from '../tests/support/factories.ts';

export interface ReadyLine {
  ready: true;
  pid: number;
  url: string;
  /** The route under test. */
  path: string;
  /** Cheaper routes of the same app, to take its cost apart (app mode only). */
  ladder: Record<string, string>;
  headers: Record<string, string>;
  backend: string;
  rows: Record<string, number>;
}

export interface QueryStat {
  sql: string;
  count: number;
  totalMs: number;
}

const mode = process.argv[2];
const stopHandlers: (() => Promise<void>)[] = [];
/** Run on SIGUSR2, which the benchmark sends once the server is warm: from then on is what gets measured. */
const measureHandlers: (() => Promise<void>)[] = [];

type Built = Omit<ReadyLine, 'ready' | 'url' | 'pid'> & { app: FastifyInstance };

async function bare(): Promise<Built> {
  const app = Fastify({ logger: false });
  app.get<{ Params: { id: string } }>('/bare/:id', async (request) => ({ id: request.params.id, name: '测试组织', kind: 'party_org', childCount: 3 }));
  return { app, path: '/bare/42', ladder: {}, headers: {}, backend: 'none', rows: {} };
}

/** The fixture: a street-level user and an organisation in their street with a parent, children and posts, among filler rows. */
async function seed(kysely: Kysely<Database>): Promise<{ orgId: string; username: string; password: string; rows: Record<string, number> }> {
  const tree = await createRegionTree(kysely);
  const street = tree.townships[0];
  const committee = await createOrganisation(kysely, { name: '甲街道党工委', kind: 'party_org', partyOrgKind: 'committee', regionCode: street });
  const org = await createOrganisation(kysely, {
    name: '甲一社区党委',
    kind: 'party_org',
    partyOrgKind: 'committee',
    regionCode: tree.villages[0][0],
    parentId: committee.id,
  });
  for (let i = 0; i < 3; i++) {
    await createOrganisation(kysely, { name: `甲一社区第${i + 1}支部`, kind: 'party_org', partyOrgKind: 'branch', regionCode: tree.villages[0][0], parentId: org.id });
  }
  const titles = ['书记', '副书记', '委员'];
  for (const title of titles) {
    const person = await createPerson(kysely, { regionCode: tree.villages[0][0], organisationId: org.id, orgPath: org.path, isPartyMember: true });
    await kysely.insertInto('post').values({ person_id: person.id, organisation_id: org.id, title, started_on: '2024-01-01', ended_on: null }).execute();
  }
  // Enough rows elsewhere that the planner answers from indexes, as it would on a real installation.
  const villages = tree.villages.flat();
  await sql`
    INSERT INTO organisation (name, kind, region_code, path)
    SELECT '填充企业' || g, 'enterprise', (${sql.val(villages)}::text[])[1 + g % 4], '/f' || g || '/'
    FROM generate_series(1, 2000) g`.execute(kysely);
  await sql`
    INSERT INTO person (name, region_code, org_path)
    SELECT '填充人员' || g, (${sql.val(villages)}::text[])[1 + g % 4], '/f' || g || '/'
    FROM generate_series(1, 5000) g`.execute(kysely);
  await sql`ANALYZE`.execute(kysely);
  const user = await createUser(kysely, { role: 'street', regionCode: street });
  return { orgId: org.id, username: user.username, password: user.password, rows: { organisations: 2005, people: 5003, posts: 3 } };
}

/**
 * What-if for the profile: every statement Kysely sends becomes a named
 * prepared statement, so each connection parses and plans it once instead of
 * on every request. Kysely's SQL text is stable (values travel as
 * parameters), so a hash of it names the statement.
 */
function preparingPool(pool: pg.Pool): PostgresPool {
  const names = new Map<string, string>();
  const nameOf = (text: string) => {
    let name = names.get(text);
    if (!name) {
      name = `b_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
      names.set(text, name);
    }
    return name;
  };
  return {
    connect: async () => {
      const client = await pool.connect();
      const query = (text: unknown, values?: readonly unknown[]) => {
        if (typeof text !== 'string') throw new Error('cursors are not used by the app');
        return client.query({ name: nameOf(text), text, values: [...(values ?? [])] });
      };
      return { query: query as unknown as PostgresPoolClient['query'], release: (destroy?: boolean) => client.release(destroy) };
    },
    end: () => pool.end(),
  };
}

/** The app's Kysely, or one that times every query and/or prepares every statement. */
function benchKysely(db: Db, options: { stats: Map<string, QueryStat> | null; prepare: boolean }): Kysely<Database> {
  const { stats, prepare } = options;
  if (!stats && !prepare) return db.kysely;
  const log = (event: LogEvent) => {
    if (!stats) return;
    const text = event.query.sql;
    const stat = stats.get(text) ?? { sql: text, count: 0, totalMs: 0 };
    stat.count++;
    stat.totalMs += event.queryDurationMillis;
    stats.set(text, stat);
  };
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: prepare ? preparingPool(db.pool) : db.pool }), log });
}

async function ours(): Promise<Built> {
  const databaseUrl = process.env.BENCH_DATABASE_URL;
  let db: Db;
  if (databaseUrl) {
    db = await openDatabase({ databaseUrl });
  } else {
    // On disk like an installation's data directory, not memory://, so PGlite pays its real file I/O.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hongtu-bench-http-'));
    stopHandlers.push(async () => rmSync(dir, { recursive: true, force: true }));
    db = await openDatabase({ dataDir: path.join(dir, 'pglite') });
  }
  stopHandlers.unshift(() => db.close());
  await migrate(db.pool);
  const stats = new Map<string, QueryStat>();
  const profile = process.env.BENCH_PROFILE === '1';
  const kysely = benchKysely(db, { stats: profile ? stats : null, prepare: process.env.BENCH_PREPARE === '1' });
  const fixture = await seed(kysely);
  stats.clear();
  measureHandlers.push(async () => stats.clear());
  if (profile) {
    // First, before the slow part of the shutdown (closing the database) can be cut short.
    stopHandlers.unshift(async () => {
      process.stdout.write(JSON.stringify({ queries: [...stats.values()] }) + '\n');
    });
  }

  const config = { ...loadConfig({}), seedDemo: false, logLevel: 'silent' };
  const deps: Deps = { config, db, kysely, secrets: createSecrets(randomBytes(32)) };
  const logLevel = process.env.BENCH_LOG_LEVEL;
  // Synchronous writes, as pino's default stdout destination does in production.
  const logger = logLevel ? { level: logLevel, stream: pino.destination({ dest: '/dev/null', sync: true }) } : false;
  const app = await buildApp(deps, { logger, serveWeb: false });

  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: fixture.username, password: fixture.password } });
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.statusCode} ${login.body}`);
  const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrf = (login.json() as { csrfToken: string }).csrfToken;
  const headers = { cookie, 'x-csrf-token': csrf };
  const url = `/api/organisations/${fixture.orgId}`;
  const check = await app.inject({ method: 'GET', url, headers });
  const body = check.json() as { childCount?: number; posts?: unknown[] };
  if (check.statusCode !== 200 || body.childCount !== 3 || body.posts?.length !== 3) {
    throw new Error(`the fixture does not read back as expected: ${check.statusCode} ${check.body}`);
  }
  stats.clear();
  const ladder = {
    // Public, no database: the app's global hooks, metrics and Zod response serialisation.
    'GET /api/meta': '/api/meta',
    // Public, one trivial query: the price of a database round trip.
    'GET /healthz': '/healthz',
    // Session lookup plus one read by primary key.
    'GET /api/auth/me': '/api/auth/me',
  };
  return { app, path: url, ladder, headers, backend: db.backend, rows: fixture.rows };
}

async function main(): Promise<void> {
  if (mode !== 'bare' && mode !== 'app') throw new Error('usage: tsx bench/http-server.ts bare|app');
  const built = mode === 'bare' ? await bare() : await ours();
  const { app } = built;
  let stopping = false;
  process.on('SIGTERM', () => {
    if (stopping) return;
    stopping = true;
    void (async () => {
      await app.close();
      for (const stop of stopHandlers) await stop();
      process.exit(0);
    })();
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const profileFile = process.env.BENCH_CPU_PROFILE;
  if (profileFile) {
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    measureHandlers.push(async () => {
      await session.post('Profiler.start');
    });
    stopHandlers.unshift(async () => {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(profileFile, JSON.stringify(profile));
      session.disconnect();
    });
  }
  process.on('SIGUSR2', () => {
    void (async () => {
      for (const start of measureHandlers) await start();
      process.stdout.write(JSON.stringify({ measuring: true }) + '\n');
    })();
  });
  const { app: _app, ...rest } = built;
  const line: ReadyLine = { ready: true, pid: process.pid, url: address, ...rest };
  process.stdout.write(JSON.stringify(line) + '\n');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
