/**
 * MAT-1 reliability: the real server (`src/cli/main.ts serve`) on a fresh
 * PostgreSQL database takes concurrent intake, is SIGKILLed mid-load and
 * restarted. Every matter that got a 201 must be there afterwards, and
 * retrying every key — acknowledged or cut off by the kill — must give exactly
 * one matter per key (the first one for the acknowledged keys).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/matters-crash.ts
 *   BENCH_CRASH_WORKERS=20 BENCH_CRASH_MS=3000
 */
import { randomBytes } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { sql } from 'kysely';
import { createRegionTree, createUser } from '../tests/support/factories.ts';
import { createBuilding, createEnterprise, createLease } from '../tests/support/registry-factories.ts';
import { captureOutput, exited, freePort, spawnTs } from './lib.ts';
import { throwAwayPostgres } from './matters-lib.ts';

const WORKERS = Number(process.env.BENCH_CRASH_WORKERS ?? 20);
const LOAD_MS = Number(process.env.BENCH_CRASH_MS ?? 3000);

async function startServer(url: string, port: number, secretKey: string): Promise<ChildProcess> {
  const { DATABASE_URL: _ignored, ...env } = process.env;
  const child = spawnTs(['src/cli/main.ts', 'serve'], {
    ...env,
    DATABASE_URL: url,
    PORT: String(port),
    HOST: '127.0.0.1',
    HONGTU_SECRET_KEY: secretKey,
    HONGTU_SEED_DEMO: 'false',
    HONGTU_JOBS: 'off',
    HONGTU_REGION_SCOPE: '350100',
  });
  const output = captureOutput(child);
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the server exited:\n${output.text()}`);
    if (Date.now() > deadline) throw new Error(`the server did not answer /healthz:\n${output.text()}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

type Outcome = { key: string; status: number | 'cut'; id?: string };

const bench = await throwAwayPostgres();
let server: ChildProcess | null = null;
try {
  const db = bench.db.kysely;
  const tree = await createRegionTree(db);
  const building = await createBuilding(db, { regionCode: tree.townships[0], name: '断电测试大厦' });
  const enterprise = await createEnterprise(db, { regionCode: tree.townships[0] });
  await createLease(db, { building, enterprise, area: 300, startOn: '2024-01-01', endOn: '2030-12-31' });
  const user = await createUser(db, {
    role: 'enterprise',
    organisationId: enterprise.id,
    orgPath: enterprise.path,
    regionCode: tree.townships[0],
  });
  const category = await db.selectFrom('matter_category').select('id').where('code', '=', 'tax_consultation').executeTakeFirstOrThrow();
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${(await sql<{ d: string }>`SELECT current_database() AS d`.execute(db)).rows[0]!.d}`;
  const port = await freePort();
  const secretKey = randomBytes(32).toString('hex');
  server = await startServer(url.toString(), port, secretKey);
  const base = `http://127.0.0.1:${port}`;

  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: user.username, password: user.password }),
  });
  const cookies = login.headers.getSetCookie().map((c) => c.split(';')[0]!);
  const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
  const headers = { 'content-type': 'application/json', cookie: cookies.join('; '), 'x-csrf-token': csrf };
  const submit = async (key: string): Promise<Outcome> => {
    try {
      const res = await fetch(`${base}/api/matters`, {
        method: 'POST',
        headers: { ...headers, 'idempotency-key': key },
        body: JSON.stringify({ categoryId: category.id, title: '断电测试', description: `幂等键 ${key}` }),
      });
      const body = (await res.json()) as { id?: string };
      return { key, status: res.status, ...(body.id ? { id: body.id } : {}) };
    } catch {
      return { key, status: 'cut' };
    }
  };

  // Load: each worker submits its next key as soon as the last one answered; the kill lands mid-flight.
  const outcomes: Outcome[] = [];
  let stop = false;
  const workers = Array.from({ length: WORKERS }, async (_, w) => {
    for (let i = 0; !stop; i++) outcomes.push(await submit(`crash-${w}-${i}`));
  });
  await new Promise((r) => setTimeout(r, LOAD_MS));
  const killedAt = outcomes.length;
  process.kill(-server.pid!, 'SIGKILL');
  await exited(server);
  stop = true;
  await Promise.all(workers);
  const acked = outcomes.filter((o) => o.status === 201);
  const cut = outcomes.filter((o) => o.status === 'cut');
  const other = outcomes.filter((o) => o.status !== 201 && o.status !== 'cut');

  server = await startServer(url.toString(), port, secretKey);
  const stored = await db.selectFrom('matter').select(['id', 'idempotency_key']).where('submitted_by', '=', user.id).execute();
  const byKey = new Map(stored.map((m) => [m.idempotency_key, m.id]));
  const lost = acked.filter((o) => byKey.get(o.key) !== o.id);
  // Retry every key once more: acknowledged ones must answer 200 with their matter; cut-off ones 200 or 201.
  const retried = await Promise.all(outcomes.map(async (o) => ({ before: o, after: await submit(o.key) })));
  const wrongRetry = retried.filter(
    ({ before, after }) =>
      (before.status === 201 && (after.status !== 200 || after.id !== before.id)) || (after.status !== 200 && after.status !== 201),
  );
  const counts = await sql<{
    keys: string;
    matters: string;
  }>`SELECT count(DISTINCT idempotency_key)::text AS keys, count(*)::text AS matters
    FROM matter WHERE submitted_by = ${user.id}`.execute(db);
  const { keys, matters } = counts.rows[0]!;

  console.log(`requests before the kill: ${killedAt} answered; after: ${outcomes.length} in all`);
  console.log(`  201: ${acked.length}   cut by the kill: ${cut.length}   other: ${other.length}`);
  console.log(`  acknowledged matters missing after restart: ${lost.length}`);
  console.log(`  retries answering wrongly: ${wrongRetry.length}`);
  console.log(`  keys: ${outcomes.length}, distinct keys stored: ${keys}, matters stored: ${matters}`);
  const ok =
    lost.length === 0 &&
    wrongRetry.length === 0 &&
    Number(keys) === outcomes.length &&
    Number(matters) === outcomes.length &&
    other.length === 0;
  console.log(ok ? 'PASS every 201 survived the SIGKILL; one matter per key' : 'FAIL');
  if (!ok) process.exitCode = 1;
} finally {
  if (server && server.exitCode === null && server.signalCode === null) {
    process.kill(-server.pid!, 'SIGTERM');
    await exited(server);
  }
  await bench.drop();
}
