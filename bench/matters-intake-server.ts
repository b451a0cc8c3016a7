/**
 * The server side of bench/matters-intake.ts, in its own process so the load
 * generator and the server do not share one event loop.
 *
 *   tsx bench/matters-intake-server.ts bare   a bare Fastify route: POST /bare, one INSERT … RETURNING id
 *   tsx bench/matters-intake-server.ts app    our app: POST /api/matters as an enterprise session
 *
 * The database is BENCH_DATABASE_URL (PostgreSQL) or, without it, PGlite in a
 * temporary directory on disk, as an installation runs. When listening it
 * writes one JSON line to stdout: { ready, pid, url, path, headers, body, … }.
 * It stops on SIGTERM and then prints { matters } (how many rows were stored).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../src/server/app.ts';
import { createSecrets } from '../src/server/auth/secrets.ts';
import { loadConfig } from '../src/server/config.ts';
import { openDatabase, type Db } from '../src/server/db/index.ts';
import { migrate } from '../src/server/db/migrate.ts';
import type { Deps } from '../src/server/http/context.ts';
import { createRegionTree, createUser } from '../tests/support/factories.ts';
import { createBuilding, createEnterprise, createLease } from '../tests/support/registry-factories.ts';

export interface IntakeReadyLine {
  ready: true;
  pid: number;
  url: string;
  path: string;
  /** Headers of every request; `[<id>]` is replaced by autocannon with a fresh id per request. */
  headers: Record<string, string>;
  /** The JSON body; `[<id>]` likewise. */
  body: string;
  backend: string;
}

const mode = process.argv[2];
const stopHandlers: (() => Promise<void>)[] = [];

async function open(): Promise<Db> {
  const databaseUrl = process.env.BENCH_DATABASE_URL;
  if (databaseUrl) return openDatabase({ databaseUrl });
  // On disk like an installation's data directory, not memory://, so PGlite pays its real file I/O.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hongtu-bench-intake-'));
  stopHandlers.push(async () => rmSync(dir, { recursive: true, force: true }));
  return openDatabase({ dataDir: path.join(dir, 'pglite') });
}

type Built = Omit<IntakeReadyLine, 'ready' | 'url' | 'pid'> & { app: FastifyInstance; count: () => Promise<number> };

/**
 * The floor: Fastify parses the same JSON body and the driver runs one INSERT
 * on the same pool size into a table of the same database, no session, no
 * validation, no transaction of several statements.
 */
async function bare(db: Db): Promise<Built> {
  await db.pool.query(`CREATE TABLE IF NOT EXISTS bench_bare_intake (
    id bigserial PRIMARY KEY, title text NOT NULL, description text NOT NULL, key text, created_at timestamptz NOT NULL DEFAULT now())`);
  const app = Fastify({ logger: false });
  app.post<{ Body: { title: string; description: string }; Headers: { 'idempotency-key'?: string } }>('/bare', async (request, reply) => {
    const r = await db.pool.query<{ id: string }>(
      'INSERT INTO bench_bare_intake (title, description, key) VALUES ($1, $2, $3) RETURNING id',
      [request.body.title, request.body.description, request.headers['idempotency-key'] ?? null],
    );
    return reply.status(201).send({ id: r.rows[0]!.id, created: true });
  });
  const count = async () => Number((await db.pool.query<{ n: string }>('SELECT count(*)::text AS n FROM bench_bare_intake')).rows[0]!.n);
  return {
    app,
    path: '/bare',
    headers: { 'content-type': 'application/json', 'idempotency-key': 'bare-[<id>]' },
    body: JSON.stringify({ title: '企业诉求', description: '基准 [<id>]' }),
    backend: db.backend,
    count,
  };
}

/**
 * Our intake as the enterprise portal sends it: an enterprise session (cookie
 * and CSRF token), leasing in a building whose coordinator hears of the new
 * matter, with a WeCom robot on the street so every matter also writes an
 * outbox row — the full transaction: matter, event, audit row, notification, outbox.
 */
async function ours(db: Db): Promise<Built> {
  const k = db.kysely;
  const tree = await createRegionTree(k);
  const street = tree.townships[0];
  const building = await createBuilding(k, { regionCode: street, name: '基准大厦' });
  const enterprise = await createEnterprise(k, { regionCode: street });
  await createLease(k, { building, enterprise, area: 300, startOn: '2024-01-01', endOn: '2030-12-31' });
  const user = await createUser(k, { role: 'enterprise', organisationId: enterprise.id, orgPath: enterprise.path, regionCode: street });
  await createUser(k, { role: 'building', orgPath: building.orgPath, regionCode: street });
  const secrets = createSecrets(randomBytes(32));
  await k
    .insertInto('notification_target')
    .values({
      name: '街道企微群',
      kind: 'wecom',
      address_enc: secrets.encrypt('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=bench'),
      address_masked: 'https://qyapi.weixin.qq.com/…',
      region_code: street,
    })
    .execute();
  const category = await k.selectFrom('matter_category').select('id').where('code', '=', 'tax_consultation').executeTakeFirstOrThrow();
  await sql`ANALYZE`.execute(k);

  const config = { ...loadConfig({}), seedDemo: false, logLevel: 'silent' };
  const deps: Deps = { config, db, kysely: k, secrets };
  const app = await buildApp(deps, { logger: false, serveWeb: false });
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: user.password } });
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.statusCode} ${login.body}`);
  const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrf = (login.json() as { csrfToken: string }).csrfToken;
  const headers = { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf, 'idempotency-key': 'bench-[<id>]' };
  const body = JSON.stringify({ categoryId: category.id, title: '企业诉求', description: '基准 [<id>]' });

  // The fixture must do what the benchmark claims: 201, then 200 with the same matter for the same key, and an outbox row.
  const probe = (key: string) =>
    app.inject({
      method: 'POST',
      url: '/api/matters',
      headers: { ...headers, 'idempotency-key': key },
      payload: body.replace('[<id>]', key),
    });
  const first = await probe('probe-1');
  const again = await probe('probe-1');
  const outbox = await k.selectFrom('outbox').select('id').executeTakeFirst();
  if (
    first.statusCode !== 201 ||
    again.statusCode !== 200 ||
    first.json<{ id: string }>().id !== again.json<{ id: string }>().id ||
    !outbox
  ) {
    throw new Error(
      `intake does not behave as the benchmark assumes: ${first.statusCode} ${first.body} / ${again.statusCode} ${again.body}`,
    );
  }
  const count = async () => Number((await sql<{ n: string }>`SELECT count(*)::text AS n FROM matter`.execute(k)).rows[0]!.n);
  return { app, path: '/api/matters', headers, body, backend: db.backend, count };
}

async function main(): Promise<void> {
  if (mode !== 'bare' && mode !== 'app') throw new Error('usage: tsx bench/matters-intake-server.ts bare|app');
  const db = await open();
  stopHandlers.unshift(() => db.close());
  await migrate(db.pool);
  const built = mode === 'bare' ? await bare(db) : await ours(db);
  const { app, count, ...rest } = built;
  let stopping = false;
  process.on('SIGTERM', () => {
    if (stopping) return;
    stopping = true;
    void (async () => {
      await app.close();
      process.stdout.write(JSON.stringify({ matters: await count() }) + '\n');
      for (const stop of stopHandlers) await stop();
      process.exit(0);
    })();
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const line: IntakeReadyLine = { ready: true, pid: process.pid, url: address, ...rest };
  process.stdout.write(JSON.stringify(line) + '\n');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
