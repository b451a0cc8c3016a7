/**
 * MAT-1 intake throughput: authenticated intake over HTTP — POST /api/matters
 * by an enterprise session with its CSRF token and a fresh Idempotency-Key per
 * request — beside a bare Fastify route doing one INSERT into the same
 * database, at 10 and 50 connections, on PostgreSQL (a throw-away
 * hongtu_bench_<random> database on DATABASE_URL's server, dropped at the end)
 * and on PGlite (a temporary directory per server).
 *
 * Target on PostgreSQL: ≥ 1,000 matters/s and p99 < 50 ms at 10 connections.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/matters-intake.ts
 *   BENCH_DURATION=10 BENCH_WARMUP=3 BENCH_ROUNDS=2 BENCH_CONNECTIONS=10,50 BENCH_BACKENDS=postgres,pglite
 *
 * Every server runs in its own process (bench/matters-intake-server.ts) and they
 * are loaded in turns (rounds), so a change in what else the machine does hits
 * all of them alike. Each matter is a transaction of the matter row, its event,
 * the audit row, the coordinator's notification and an outbox row.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import autocannon from 'autocannon';
import pg from 'pg';
import { migrate } from '../src/server/db/migrate.ts';
import {
  cpuSpeedMs,
  captureOutput,
  fixed,
  formatTable,
  onInterrupt,
  percentile,
  processCpuUs,
  readJsonLine,
  spawnTs,
  stopGroup,
  writeResult,
} from './lib.ts';
import type { IntakeReadyLine } from './matters-intake-server.ts';

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 2));
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '10,50').split(',').map(Number);
const TARGET_RPS = 1000;
const TARGET_P99_MS = 50;

type Backend = 'postgres' | 'pglite';
type Kind = 'bare' | 'ours';

interface Server {
  kind: Kind;
  backend: Backend;
  ready: IntakeReadyLine;
  stop(): Promise<number | null>;
  /** PostgreSQL backends of this server's database (shared by bare and ours on PostgreSQL). */
  dbPids(): Promise<number[]>;
}

const serverUrl = process.env.DATABASE_URL;
const wanted = (process.env.BENCH_BACKENDS ?? 'postgres,pglite').split(',').map((b) => b.trim());
const backends = (['postgres', 'pglite'] as const).filter((b) => wanted.includes(b) && (b === 'pglite' || serverUrl));

async function admin<T>(run: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    return await run(c);
  } finally {
    await c.end();
  }
}

async function startServer(kind: Kind, backend: Backend, databaseUrl: string | null, database: string | null): Promise<Server> {
  const { DATABASE_URL: _ignored, ...env } = process.env;
  // BENCH_SERVER_CPU_PROF=dir: a V8 CPU profile of each of our servers, written there when it stops (bench/cpu-profile.ts reads it).
  const profile = process.env.BENCH_SERVER_CPU_PROF;
  const child = spawnTs(
    ['bench/matters-intake-server.ts', kind === 'bare' ? 'bare' : 'app'],
    { ...env, ...(databaseUrl ? { BENCH_DATABASE_URL: databaseUrl } : {}) },
    profile && kind !== 'bare' ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [],
  );
  const output = captureOutput(child);
  const ready = await readJsonLine<IntakeReadyLine>(child, 'ready', 180_000, output).catch(async (err: unknown) => {
    await stopGroup(child);
    throw err;
  });
  const finalCount = readJsonLine<{ matters: number }>(child, 'matters', 24 * 3_600_000, output).catch(() => null);
  return {
    kind,
    backend,
    ready,
    dbPids: async () =>
      database
        ? admin(async (c) =>
            (await c.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [database])).rows.map((r) => r.pid),
          ).catch(() => [])
        : [],
    stop: async () => {
      await stopGroup(child, 20_000);
      return (await finalCount)?.matters ?? null;
    },
  };
}

interface Sample {
  created: number;
  ok: number;
  errors: number;
  non2xx: number;
  wallUs: number;
  serverCpuUs: number | null;
  dbCpuUs: number | null;
  latencies: Float64Array;
}

async function dbCpu(server: Server): Promise<Map<number, number>> {
  const cpu = new Map<number, number>();
  for (const pid of await server.dbPids()) {
    const us = processCpuUs(pid);
    if (us !== null) cpu.set(pid, us);
  }
  return cpu;
}

/** Every 201 counts; a 200 would be a replayed key, which must not happen with fresh ids. */
async function load(server: Server, connections: number, seconds: number): Promise<Sample> {
  let latencies = new Float64Array(1 << 16);
  let n = 0;
  let created = 0;
  let ok = 0;
  const dbBefore = await dbCpu(server);
  const serverBefore = processCpuUs(server.ready.pid);
  const t0 = performance.now();
  const instance = autocannon({
    url: server.ready.url + server.ready.path,
    method: 'POST',
    connections,
    duration: seconds,
    headers: server.ready.headers,
    body: server.ready.body,
    idReplacement: true,
  });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    if (statusCode === 200) ok++;
    if (statusCode !== 201) return;
    created++;
    if (n === latencies.length) {
      const grown = new Float64Array(latencies.length * 2);
      grown.set(latencies);
      latencies = grown;
    }
    latencies[n++] = responseTime;
  });
  const result = await instance;
  const wallUs = (performance.now() - t0) * 1000;
  const serverAfter = processCpuUs(server.ready.pid);
  const dbAfter = await dbCpu(server);
  let db: number | null = null;
  if (dbAfter.size > 0) {
    db = 0;
    for (const [pid, us] of dbAfter) db += us - (dbBefore.get(pid) ?? 0);
  }
  return {
    created,
    ok,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    wallUs,
    serverCpuUs: serverBefore !== null && serverAfter !== null ? serverAfter - serverBefore : null,
    dbCpuUs: db,
    latencies: latencies.slice(0, n),
  };
}

interface Row {
  kind: Kind;
  backend: Backend;
  connections: number;
  seconds: number;
  created: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  replayed: number;
  serverCpuUs: number | null;
  dbCpuUs: number | null;
}

function combine(server: Server, connections: number, samples: Sample[]): Row {
  const created = samples.reduce((a, s) => a + s.created, 0);
  const wallUs = samples.reduce((a, s) => a + s.wallUs, 0);
  const all = new Float64Array(samples.reduce((a, s) => a + s.latencies.length, 0));
  let offset = 0;
  for (const s of samples) {
    all.set(s.latencies, offset);
    offset += s.latencies.length;
  }
  all.sort();
  const sum = (pick: (s: Sample) => number | null) =>
    samples.every((s) => pick(s) !== null) ? samples.reduce((a, s) => a + pick(s)!, 0) : null;
  const serverCpu = sum((s) => s.serverCpuUs);
  // On PostgreSQL bare and ours share one database: its backends are sampled only while this server is loaded.
  const db = sum((s) => s.dbCpuUs);
  return {
    kind: server.kind,
    backend: server.backend,
    connections,
    seconds: wallUs / 1e6,
    created,
    rps: created / (wallUs / 1e6),
    p50Ms: percentile(all, 50),
    p99Ms: percentile(all, 99),
    errors: samples.reduce((a, s) => a + s.errors, 0),
    non2xx: samples.reduce((a, s) => a + s.non2xx, 0),
    replayed: samples.reduce((a, s) => a + s.ok, 0),
    serverCpuUs: serverCpu !== null && created > 0 ? serverCpu / created : null,
    dbCpuUs: db !== null && created > 0 ? db / created : null,
  };
}

const servers: Server[] = [];
let database: { name: string; drop(): Promise<void> } | null = null;
try {
  const load0 = os.loadavg();
  console.log(
    `matters intake benchmark: ${backends.join(', ')}; ${CONNECTIONS.join(' and ')} connections, ${DURATION} s each in ${ROUNDS} rounds (load ${load0.map((l) => l.toFixed(2)).join(' ')})`,
  );
  if (backends.includes('postgres')) {
    const name = `hongtu_bench_${randomBytes(5).toString('hex')}`;
    await admin((c) => c.query(`CREATE DATABASE ${name}`));
    let dropped = false;
    const drop = async () => {
      if (dropped) return;
      dropped = true;
      forget();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    };
    const forget = onInterrupt(drop);
    database = { name, drop };
    const url = new URL(serverUrl!);
    url.pathname = `/${name}`;
    const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
    try {
      await migrate(pool);
    } finally {
      await pool.end();
    }
    console.log(`  PostgreSQL database ${name}: starting bare and ours…`);
    servers.push(await startServer('bare', 'postgres', url.toString(), name));
    servers.push(await startServer('ours', 'postgres', url.toString(), name));
  }
  if (backends.includes('pglite')) {
    console.log('  PGlite: starting bare and ours…');
    servers.push(await startServer('bare', 'pglite', null, null));
    servers.push(await startServer('ours', 'pglite', null, null));
  }

  let acknowledged = new Map<Server, number>(servers.map((s) => [s, 0]));
  const count = (s: Server, sample: Sample) => acknowledged.set(s, acknowledged.get(s)! + sample.created);
  if (WARMUP > 0) {
    console.log(`  warming up each server for ${WARMUP} s at ${Math.max(...CONNECTIONS)} connections…`);
    for (const s of servers) count(s, await load(s, Math.max(...CONNECTIONS), WARMUP));
  }
  const samples = new Map<string, Sample[]>();
  const perRound = DURATION / ROUNDS;
  for (let r = 1; r <= ROUNDS; r++) {
    console.log(`  round ${r} of ${ROUNDS} (load ${os.loadavg()[0]!.toFixed(2)})`);
    for (const connections of CONNECTIONS) {
      for (const [i, s] of servers.entries()) {
        const sample = await load(s, connections, perRound);
        count(s, sample);
        const key = `${i}:${connections}`;
        samples.set(key, [...(samples.get(key) ?? []), sample]);
      }
    }
  }
  const rows = CONNECTIONS.flatMap((connections) => servers.map((s, i) => combine(s, connections, samples.get(`${i}:${connections}`)!)));
  const loadAfter = os.loadavg();

  // Every 201 must be a stored row: the servers count their rows on the way out (ours also holds the fixture's probe).
  const stored: { server: Server; stored: number | null; acknowledged: number }[] = [];
  for (const s of servers) stored.push({ server: s, stored: await s.stop(), acknowledged: acknowledged.get(s)! });
  servers.length = 0;
  acknowledged = new Map();

  const ratio = (row: Row) => {
    const bare = rows.find((b) => b.kind === 'bare' && b.backend === row.backend && b.connections === row.connections);
    return bare ? row.rps / bare.rps : Number.NaN;
  };
  const cpu = (us: number | null) => (us === null ? '—' : fixed(us / 1000, 2));
  console.log(
    `\nMatters intake over HTTP, ${DURATION} s per row (load before ${load0[0]!.toFixed(2)}, after ${loadAfter[0]!.toFixed(2)}; ${os.cpus().length} cores; CPU speed loop ${cpuSpeedMs()} ms)`,
  );
  console.log(
    formatTable(
      [
        { title: 'route', align: 'left' },
        { title: 'db', align: 'left' },
        { title: 'conns' },
        { title: 'created/s' },
        { title: 'p50 ms' },
        { title: 'p99 ms' },
        { title: 'of bare' },
        { title: 'server CPU ms/req' },
        { title: 'PG CPU ms/req' },
        { title: 'errors' },
        { title: 'non-201' },
      ],
      rows.map((r) => [
        r.kind === 'bare' ? 'bare INSERT' : 'POST /api/matters',
        r.backend,
        r.connections,
        fixed(r.rps, 0),
        fixed(r.p50Ms, 2),
        fixed(r.p99Ms, 2),
        r.kind === 'bare' ? '' : `${fixed(100 * ratio(r), 0)} %`,
        cpu(r.serverCpuUs),
        r.backend === 'postgres' ? cpu(r.dbCpuUs) : '',
        r.errors,
        r.non2xx,
      ]),
    ),
  );
  const target = rows.find((r) => r.kind === 'ours' && r.backend === 'postgres' && r.connections === 10);
  if (target) {
    const met = target.rps >= TARGET_RPS && target.p99Ms < TARGET_P99_MS;
    console.log(
      `\nTarget (PostgreSQL, 10 connections): ≥ ${TARGET_RPS} matters/s and p99 < ${TARGET_P99_MS} ms — ${fixed(target.rps, 0)}/s, p99 ${fixed(target.p99Ms, 1)} ms: ${met ? 'met' : 'MISSED'}`,
    );
  }
  for (const s of stored) {
    const expected = s.acknowledged + (s.server.kind === 'ours' ? 1 : 0);
    const ok = s.stored !== null && s.stored >= expected;
    console.log(
      `  ${s.server.kind} ${s.server.backend}: ${s.acknowledged} acknowledged with 201, ${s.stored ?? '?'} rows stored ${ok ? '(all there)' : '— MISSING ROWS'}`,
    );
    if (!ok) process.exitCode = 1;
  }
  const file = writeResult('matters-intake', {
    settings: { durationSeconds: DURATION, warmupSeconds: WARMUP, rounds: ROUNDS, connections: CONNECTIONS },
    loadBefore: load0,
    loadAfter,
    rows,
    stored: stored.map((s) => ({ kind: s.server.kind, backend: s.server.backend, stored: s.stored, acknowledged: s.acknowledged })),
  });
  console.log(`\n${file}`);
} finally {
  await Promise.allSettled(servers.map((s) => s.stop()));
  await database?.drop();
}
