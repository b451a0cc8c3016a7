/**
 * Throughput and latency of our authenticated, scope-checked organisation read
 * against a bare Fastify route on the same machine. Each server runs in its
 * own process (bench/http-server.ts); this process only generates load.
 *
 * The servers being compared are all started first and loaded in turns, in
 * short rounds, so that a change in what else the machine is doing hits all
 * of them alike instead of whichever happened to run last.
 */
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import pg from 'pg';
import { migrate } from '../src/server/db/migrate.ts';
import type { QueryStat, ReadyLine } from './http-server.ts';
import { captureOutput, onInterrupt, percentile, processCpuUs, readJsonLine, spawnTs, stopGroup } from './lib.ts';

export type Target = 'bare' | 'ours';
export type Backend = 'none' | 'pglite' | 'postgres';

export interface LoadResult {
  connections: number;
  /** Seconds of load, over all rounds. */
  seconds: number;
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  errors: number;
  non2xx: number;
  /** CPU time of the server process per answered request (PGlite runs inside it). */
  serverCpuUs: number | null;
  /** Share of one core the server process used: near 100 % means it, not the load generator, was the limit. */
  serverCpuPercent: number | null;
  /** CPU time of the PostgreSQL backends serving the benchmark database, per request. */
  dbCpuUs: number | null;
}

export interface HttpRow extends LoadResult {
  target: Target;
  backend: Backend;
}

export interface HttpSettings {
  durationSeconds: number;
  warmupSeconds: number;
  rounds: number;
  connections: number[];
}

export interface HttpResult {
  rows: HttpRow[];
  /** ours / bare requests per second, per backend and connection count. */
  ratios: { backend: Backend; connections: number; ratio: number }[];
  targetRatio: number;
  settings: HttpSettings;
}

export const TARGET_RATIO = 0.4;

export function httpSettings(env: NodeJS.ProcessEnv = process.env): HttpSettings {
  return {
    durationSeconds: Number(env.BENCH_DURATION ?? 10),
    warmupSeconds: Number(env.BENCH_WARMUP ?? 3),
    rounds: Number(env.BENCH_ROUNDS ?? 3),
    connections: (env.BENCH_CONNECTIONS ?? '10,50').split(',').map(Number),
  };
}

export interface Server {
  ready: ReadyLine;
  /** PostgreSQL backend processes serving this server, sampled for their CPU time. */
  dbPids: () => Promise<number[]>;
  /** Tells the server the warm-up is over: query timing and CPU profiling count from here. */
  startMeasuring(): Promise<void>;
  /** Stops the server (and drops its database); resolves with the end of what it wrote. */
  stop(): Promise<string>;
}

async function startServer(mode: 'bare' | 'app', env: NodeJS.ProcessEnv, dbPids: () => Promise<number[]> = async () => []): Promise<Server> {
  const child = spawnTs(['bench/http-server.ts', mode], env);
  const output = captureOutput(child);
  const ready = await readJsonLine<ReadyLine>(child, 'ready', 180_000, output).catch(async (err: unknown) => {
    await stopGroup(child);
    throw err;
  });
  const probe = await fetch(ready.url + ready.path, { headers: ready.headers });
  if (probe.status !== 200) {
    await stopGroup(child);
    throw new Error(`GET ${ready.path} answered ${probe.status}: ${await probe.text()}`);
  }
  return {
    ready,
    dbPids,
    startMeasuring: async () => {
      const ack = readJsonLine<{ measuring: true }>(child, 'measuring', 30_000, output);
      child.kill('SIGUSR2');
      await ack;
    },
    stop: async () => {
      // A loaded machine can take seconds to close PGlite (it checkpoints); a kill would lose the profile output.
      await stopGroup(child, 20_000);
      return output.text();
    },
  };
}

/**
 * The environment for the server children: no DATABASE_URL (each is told its
 * database explicitly) plus `extra`.
 */
function serverEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const { DATABASE_URL: _serverUrl, ...env } = process.env;
  return { ...env, ...extra };
}

export function startBare(): Promise<Server> {
  return startServer('bare', serverEnv());
}

function databaseUrlFor(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withAdmin<T>(serverUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A throw-away, migrated database on the DATABASE_URL server; dropped by `drop`, also on Ctrl-C. */
async function throwAwayDatabase(serverUrl: string): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `hongtu_bench_${randomBytes(5).toString('hex')}`;
  await withAdmin(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  let dropped = false;
  const forget = onInterrupt(() => drop());
  async function drop(): Promise<void> {
    if (dropped) return;
    dropped = true;
    forget();
    await withAdmin(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
  const url = databaseUrlFor(serverUrl, name);
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    await migrate(pool);
  } catch (err) {
    await drop();
    throw err;
  } finally {
    await pool.end();
  }
  return { name, url, drop };
}

/** PGlite always, PostgreSQL when DATABASE_URL is set; BENCH_BACKENDS=postgres (say) narrows that down. */
export function backends(): Exclude<Backend, 'none'>[] {
  const available: Exclude<Backend, 'none'>[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
  const wanted = process.env.BENCH_BACKENDS?.split(',').map((b) => b.trim());
  return wanted ? available.filter((b) => wanted.includes(b)) : available;
}

/**
 * Our app on a database of its own: a PGlite directory, or a throw-away
 * PostgreSQL database that is dropped when the server stops. `extra` is
 * passed to bench/http-server.ts (BENCH_PROFILE, BENCH_PREPARE, …).
 */
export async function startApp(backend: Exclude<Backend, 'none'>, extra: NodeJS.ProcessEnv = {}): Promise<Server> {
  const serverUrl = process.env.DATABASE_URL;
  if (backend === 'pglite') return startServer('app', serverEnv(extra));
  if (!serverUrl) throw new Error('DATABASE_URL is not set');
  const database = await throwAwayDatabase(serverUrl);
  const dbPids = () =>
    withAdmin(serverUrl, async (c) => {
      const r = await c.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [database.name]);
      return r.rows.map((row) => row.pid);
    }).catch(() => []);
  try {
    const server = await startServer('app', serverEnv({ ...extra, BENCH_DATABASE_URL: database.url }), dbPids);
    return {
      ...server,
      stop: async () => {
        try {
          return await server.stop();
        } finally {
          await database.drop();
        }
      },
    };
  } catch (err) {
    await database.drop();
    throw err;
  }
}

/** Stops every server, even when some fail to stop. */
export async function stopAll(servers: (Server | undefined)[]): Promise<string[]> {
  const results = await Promise.allSettled(servers.map((s) => (s ? s.stop() : Promise.resolve(''))));
  return results.map((r) => (r.status === 'fulfilled' ? r.value : ''));
}

/** CPU time of each PostgreSQL backend serving a server's database, by pid. */
async function backendCpu(server: Server): Promise<Map<number, number>> {
  const cpu = new Map<number, number>();
  for (const pid of await server.dbPids()) {
    const us = processCpuUs(pid);
    if (us !== null) cpu.set(pid, us);
  }
  return cpu;
}

/**
 * What the backends used between two samples. The pool closes connections
 * idle for 10 s, so while other servers take their turn a server's backends
 * come and go: one that appeared in between counts from zero (its start
 * included, a real cost), one that left in between is lost (it was idle).
 */
function backendCpuBetween(before: Map<number, number>, after: Map<number, number>): number | null {
  if (after.size === 0) return null;
  let total = 0;
  for (const [pid, us] of after) total += us - (before.get(pid) ?? 0);
  return total;
}

interface Sample {
  requests: number;
  errors: number;
  non2xx: number;
  wallUs: number;
  serverCpuUs: number | null;
  dbCpuUs: number | null;
  /** Every 2xx response time in ms, at full resolution (autocannon's own histogram rounds to whole milliseconds). */
  latencies: Float64Array;
}

async function loadOnce(server: Server, path: string, connections: number, seconds: number): Promise<Sample> {
  let latencies = new Float64Array(1 << 16);
  let n = 0;
  const dbBefore = await backendCpu(server);
  const serverBefore = processCpuUs(server.ready.pid);
  const t0 = performance.now();
  const instance = autocannon({ url: server.ready.url + path, connections, duration: seconds, headers: server.ready.headers });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    if (statusCode < 200 || statusCode > 299) return;
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
  const dbAfter = await backendCpu(server);
  return {
    requests: result['2xx'],
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    wallUs,
    serverCpuUs: serverBefore !== null && serverAfter !== null ? serverAfter - serverBefore : null,
    dbCpuUs: backendCpuBetween(dbBefore, dbAfter),
    latencies: latencies.slice(0, n),
  };
}

function combine(samples: Sample[], connections: number): LoadResult {
  const requests = samples.reduce((a, s) => a + s.requests, 0);
  const wallUs = samples.reduce((a, s) => a + s.wallUs, 0);
  const sumOrNull = (pick: (s: Sample) => number | null) =>
    samples.every((s) => pick(s) !== null) ? samples.reduce((a, s) => a + pick(s)!, 0) : null;
  const serverCpu = sumOrNull((s) => s.serverCpuUs);
  const dbCpu = sumOrNull((s) => s.dbCpuUs);
  const all = new Float64Array(samples.reduce((a, s) => a + s.latencies.length, 0));
  let offset = 0;
  for (const s of samples) {
    all.set(s.latencies, offset);
    offset += s.latencies.length;
  }
  all.sort();
  let sum = 0;
  for (const v of all) sum += v;
  return {
    connections,
    seconds: wallUs / 1e6,
    requests,
    rps: requests / (wallUs / 1e6),
    p50Ms: percentile(all, 50),
    p99Ms: percentile(all, 99),
    meanMs: all.length > 0 ? sum / all.length : Number.NaN,
    errors: samples.reduce((a, s) => a + s.errors, 0),
    non2xx: samples.reduce((a, s) => a + s.non2xx, 0),
    serverCpuUs: serverCpu !== null && requests > 0 ? serverCpu / requests : null,
    serverCpuPercent: serverCpu !== null && wallUs > 0 ? (100 * serverCpu) / wallUs : null,
    dbCpuUs: dbCpu !== null && requests > 0 ? dbCpu / requests : null,
  };
}

const WARMUP_REQUESTS = 3000;
const WARMUP_MAX_SECONDS = 60;

/**
 * At least `seconds` of load and at least WARMUP_REQUESTS requests (within
 * WARMUP_MAX_SECONDS), because V8 optimises hot JavaScript and PGlite's
 * WebAssembly only after many calls: measured here, our route on PGlite costs
 * about three times more CPU per request for its first ~2500 requests than
 * after them. Pools and PostgreSQL's caches warm up too. Nothing here is counted.
 */
export async function warmUp(server: Server, path: string, connections: number, seconds: number): Promise<number> {
  const t0 = performance.now();
  let requests = 0;
  do {
    requests += (await loadOnce(server, path, connections, seconds)).requests;
  } while (requests < WARMUP_REQUESTS && (performance.now() - t0) / 1000 + seconds <= WARMUP_MAX_SECONDS);
  return requests;
}

export interface LoadTarget {
  label: string;
  server: Server;
  path: string;
  connections: number;
}

/**
 * Loads every target for `seconds` in total, split into `rounds` turns taken
 * in order (A B C A B C …), after warming each target up.
 */
export async function interleaved(
  targets: LoadTarget[],
  options: { seconds: number; rounds: number; warmupSeconds: number },
  log: (line: string) => void,
): Promise<LoadResult[]> {
  const warmed = new Set<string>();
  for (const t of targets) {
    const key = `${t.server.ready.url}${t.path}`;
    if (warmed.has(key) || options.warmupSeconds <= 0) continue;
    warmed.add(key);
    await warmUp(t.server, t.path, Math.max(...targets.map((x) => x.connections)), options.warmupSeconds);
  }
  const rounds = Math.max(1, options.rounds);
  const perRound = options.seconds / rounds;
  const samples: Sample[][] = targets.map(() => []);
  for (let r = 1; r <= rounds; r++) {
    log(`  round ${r} of ${rounds}: ${targets.length} × ${fixedSeconds(perRound)} s`);
    for (const [i, t] of targets.entries()) samples[i]!.push(await loadOnce(t.server, t.path, t.connections, perRound));
  }
  return targets.map((t, i) => combine(samples[i]!, t.connections));
}

const fixedSeconds = (s: number) => (Number.isInteger(s) ? String(s) : s.toFixed(1));

/** Loads one target without rounds (the profiled runs, which are not compared with anything). */
export async function loadFor(server: Server, path: string, connections: number, seconds: number): Promise<LoadResult> {
  return combine([await loadOnce(server, path, connections, seconds)], connections);
}

export async function runHttp(settings: HttpSettings = httpSettings(), log: (line: string) => void = console.log): Promise<HttpResult> {
  const servers: { target: Target; backend: Backend; server: Server }[] = [];
  try {
    log('  starting the bare Fastify server…');
    servers.push({ target: 'bare', backend: 'none', server: await startBare() });
    for (const backend of backends()) {
      log(`  starting the app on ${backend}…`);
      servers.push({ target: 'ours', backend, server: await startApp(backend) });
    }
    const targets = settings.connections.flatMap((connections) =>
      servers.map((s) => ({ ...s, label: `${s.target} ${s.backend} ${connections}`, path: s.server.ready.path, connections })),
    );
    const results = await interleaved(targets, { seconds: settings.durationSeconds, rounds: settings.rounds, warmupSeconds: settings.warmupSeconds }, log);
    const rows: HttpRow[] = targets.map((t, i) => ({ target: t.target, backend: t.backend, ...results[i]! }));
    const ratios = rows
      .filter((r) => r.target === 'ours')
      .map((r) => {
        const bare = rows.find((b) => b.target === 'bare' && b.connections === r.connections);
        return { backend: r.backend, connections: r.connections, ratio: bare ? r.rps / bare.rps : Number.NaN };
      });
    // Grouped as the tables read: bare first, then each database.
    const order = (r: HttpRow) => (r.target === 'bare' ? 0 : r.backend === 'pglite' ? 1 : 2);
    rows.sort((a, b) => order(a) - order(b) || a.connections - b.connections);
    return { rows, ratios, targetRatio: TARGET_RATIO, settings };
  } finally {
    await stopAll(servers.map((s) => s.server));
  }
}

export type { QueryStat };
