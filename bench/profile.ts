/**
 * Takes the cost of GET /api/organisations/:id apart, for when it misses its
 * target (`npm run bench -- profile`). Per database, at 10 connections:
 *
 *  1. a ladder of routes of the same app, each adding one layer: bare Fastify
 *     → the app's global hooks and Zod serialisation (/api/meta) → one trivial
 *     query (/healthz) → session lookup + one read (/api/auth/me) → our route;
 *  2. our route with the request log at info (as `npm start` runs), and a
 *     what-if with every statement prepared once per connection instead of
 *     parsed and planned on every request;
 *  3. every query our route runs, with its count and time per request;
 *  4. a CPU profile of the server under load, added up by library;
 *
 * and, first, a warm start of `serve --demo` taken apart step by step.
 *
 * 1 and 2 are loaded in interleaved rounds so they see the same machine;
 * the variants run on servers of their own, warmed alike.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readProfile, summariseProfile, type ProfileSummary } from './cpu-profile.ts';
import { runStartupPhases, type StartupPhases } from './startup.ts';
import {
  backends,
  httpSettings,
  interleaved,
  loadFor,
  startApp,
  startBare,
  stopAll,
  type Backend,
  type LoadResult,
  type LoadTarget,
  type QueryStat,
  type Server,
  warmUp,
} from './http.ts';

export interface LadderRow extends LoadResult {
  route: string;
}

export interface BackendProfile {
  backend: Backend;
  /** Bare first, then the app's routes, cheapest first. */
  ladder: LadderRow[];
  variants: { asTested: LoadResult; logInfo: LoadResult; prepared: LoadResult };
  queries: { served: number; stats: QueryStat[] };
  cpu: ProfileSummary & { requests: number };
}

export interface ProfileResult {
  startup: StartupPhases;
  connections: number;
  durationSeconds: number;
  rounds: number;
  backends: BackendProfile[];
}

const CONNECTIONS = 10;

async function profileBackend(
  backend: Exclude<Backend, 'none'>,
  settings: ReturnType<typeof httpSettings>,
  tmp: string,
  log: (line: string) => void,
): Promise<BackendProfile> {
  const { durationSeconds: seconds, warmupSeconds, rounds } = settings;
  let bare: Server | undefined;
  let plain: Server | undefined;
  let asTested: Server | undefined;
  let info: Server | undefined;
  let prepared: Server | undefined;
  let ladder: LadderRow[];
  let variants: BackendProfile['variants'];
  try {
    log(`  ${backend}: starting the bare server, one app server for the ladder and three for the variants…`);
    bare = await startBare();
    plain = await startApp(backend);
    // The variants get servers of their own: the ladder's server is warmed by its other routes as well, which would flatter it.
    asTested = await startApp(backend);
    info = await startApp(backend, { BENCH_LOG_LEVEL: 'info' });
    prepared = await startApp(backend, { BENCH_PREPARE: '1' });
    const route = 'GET /api/organisations/:id';
    const at = (label: string, server: Server, p = server.ready.path): LoadTarget => ({ label, server, path: p, connections: CONNECTIONS });
    const ladderTargets = [at('GET /bare/:id', bare), ...Object.entries(plain.ready.ladder).map(([label, p]) => at(label, plain!, p)), at(route, plain)];
    const variantTargets = [at(`${route} (as tested)`, asTested), at(`${route} (log info)`, info), at(`${route} (prepared)`, prepared)];
    log(`  ${backend}: the ladder and the variants, ${rounds} interleaved rounds…`);
    const results = await interleaved([...ladderTargets, ...variantTargets], { seconds, rounds, warmupSeconds }, log);
    ladder = ladderTargets.map((t, i) => ({ route: t.label, ...results[i]! }));
    const [a, b, c] = results.slice(ladderTargets.length);
    variants = { asTested: a!, logInfo: b!, prepared: c! };
  } finally {
    await stopAll([bare, plain, asTested, info, prepared]);
  }

  log(`  ${backend}: every query, timed…`);
  let server = await startApp(backend, { BENCH_PROFILE: '1' });
  let served = 0;
  let output: string;
  try {
    if (warmupSeconds > 0) await warmUp(server, server.ready.path, CONNECTIONS, warmupSeconds);
    await server.startMeasuring();
    served = (await loadFor(server, server.ready.path, CONNECTIONS, seconds)).requests;
  } finally {
    output = await server.stop();
  }
  const line = output.split('\n').find((l) => l.startsWith('{"queries"'));
  const stats = line ? (JSON.parse(line) as { queries: QueryStat[] }).queries : [];

  log(`  ${backend}: CPU profile…`);
  const file = path.join(tmp, `${backend}.cpuprofile`);
  server = await startApp(backend, { BENCH_CPU_PROFILE: file });
  let requests = 0;
  try {
    if (warmupSeconds > 0) await warmUp(server, server.ready.path, CONNECTIONS, warmupSeconds);
    await server.startMeasuring();
    requests = (await loadFor(server, server.ready.path, CONNECTIONS, seconds)).requests;
  } finally {
    await server.stop();
  }
  return { backend, ladder, variants, queries: { served, stats }, cpu: { ...summariseProfile(readProfile(file)), requests } };
}

export async function runProfile(log: (line: string) => void = console.log): Promise<ProfileResult> {
  const startup = await runStartupPhases(log);
  const settings = httpSettings();
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'hongtu-bench-profile-'));
  const results: BackendProfile[] = [];
  try {
    for (const backend of backends()) results.push(await profileBackend(backend, settings, tmp, log));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return { startup, connections: CONNECTIONS, durationSeconds: settings.durationSeconds, rounds: settings.rounds, backends: results };
}
