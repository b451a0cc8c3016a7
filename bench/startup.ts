/**
 * Time from launching `hongtu serve --demo` to GET /healthz answering 200:
 * once on an empty data directory (migrations, region load, demo seed), then
 * warm on the same directory. The web bundle is brought up to date first and
 * not counted, so the warm start measures the server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleState, webBuildPaths } from '../src/cli/web-build.ts';
import { captureOutput, exited, freePort, groupCpuUs, median, NODE_TSX, readJsonLine, ROOT, spawnTs, stopGroup, track } from './lib.ts';

export interface StartupRun {
  label: string;
  /** 'rebuilt': a warm start that rebuilt the web bundle (a source changed meanwhile), not counted. */
  kind: 'first' | 'warm' | 'npm' | 'rebuilt';
  command: string;
  /** Launch to the first 200 from /healthz, measured here. */
  healthyMs: number;
  /** The server's own "Ready in … s since process start" (its node process only, without the launcher). */
  readyLog: number | null;
  /** CPU time the launched process group had used by then (Linux): what the start costs, whatever else the machine was doing. */
  cpuMs: number | null;
  stopMs: number;
  forcedStop: boolean;
  /** The server released its data directory on the way out (no stale hongtu.pid, so it was not killed). */
  cleanExit: boolean;
  /** What the server reported doing on the way up (migrations, regions, seed, database). */
  notes: string[];
}

export interface StartupResult {
  runs: StartupRun[];
  coldMs: number;
  warmRuns: number;
  warmMedianMs: number;
  warmMedianCpuMs: number | null;
  warmTargetMs: number;
  webBundle: string;
}

export const WARM_TARGET_MS = 3000;
const WARM_RUNS = 3;
const COLD_TIMEOUT_MS = 10 * 60_000;
const WARM_TIMEOUT_MS = 60_000;

/** Builds the web bundle when `serve` would, so that no measured start includes a Vite build. */
async function prepareWebBundle(log: (line: string) => void): Promise<string> {
  const state = bundleState(webBuildPaths(ROOT));
  if (state !== 'missing' && state !== 'stale') return state;
  log(`  web bundle ${state}: running npm run build:web first (not counted)…`);
  const child = spawn('npm', ['run', 'build:web', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`npm run build:web failed (exit ${code})`);
  return `${state}, rebuilt`;
}

async function waitHealthy(url: string, child: ChildProcess, output: { text(): string }, timeoutMs: number, t0: number): Promise<number> {
  let gone = false;
  void exited(child).then(() => {
    gone = true;
  });
  for (;;) {
    if (gone) throw new Error(`the server exited (${child.signalCode ?? child.exitCode}) before /healthz answered:\n${output.text()}`);
    if (performance.now() - t0 > timeoutMs) throw new Error(`/healthz did not answer 200 within ${timeoutMs / 1000} s:\n${output.text()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200) return performance.now() - t0;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const NOTE = /^(Migrated|Loaded \d+ regions|Seeded|Database ready|Building the web app|Web sources changed|Web app built)/;

async function launch(label: string, kind: StartupRun['kind'], dataDir: string, timeoutMs: number): Promise<StartupRun> {
  const viaNpm = kind === 'npm';
  const port = await freePort();
  // The embedded database is what `npm start` uses out of the box; a DATABASE_URL in the shell would measure something else.
  const { DATABASE_URL: _ignored, ...env } = process.env;
  const childEnv = { ...env, HONGTU_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' };
  const [node, ...flags] = NODE_TSX;
  const [command, args] = viaNpm ? ['npm', ['start', '--silent']] : [node, [...flags, 'src/cli/main.ts', 'serve', '--demo']];
  const t0 = performance.now();
  const child = track(spawn(command, args, { cwd: ROOT, env: childEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] }));
  const output = captureOutput(child, 200_000);
  let healthyMs: number;
  let cpuUs: number | null = null;
  try {
    healthyMs = await waitHealthy(`http://127.0.0.1:${port}/healthz`, child, output, timeoutMs, t0);
    cpuUs = groupCpuUs(child);
  } catch (err) {
    await stopGroup(child);
    throw err;
  }
  const stop = await stopGroup(child);
  const cleanExit = !existsSync(path.join(dataDir, 'hongtu.pid'));
  const text = output.text();
  const ready = /Ready in ([\d.]+) s since process start/.exec(text);
  const notes = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => NOTE.test(l));
  return {
    label,
    kind,
    command: viaNpm ? 'npm start' : 'node --import tsx src/cli/main.ts serve --demo',
    healthyMs,
    readyLog: ready ? Number(ready[1]) : null,
    cpuMs: cpuUs === null ? null : cpuUs / 1000,
    stopMs: stop.ms,
    forcedStop: stop.forced,
    cleanExit,
    notes,
  };
}

/**
 * One retry: on a shared machine a server has been seen to die of a SIGTERM
 * nobody here sent, seconds into its start. The retry is noted with the run.
 */
async function withRetry(label: string, log: (line: string) => void, attempt: () => Promise<StartupRun>, beforeRetry?: () => void): Promise<StartupRun> {
  try {
    return await attempt();
  } catch (err) {
    log(`  ${label} failed, retrying once: ${(err as Error).message.split('\n')[0]}`);
    beforeRetry?.();
    const run = await attempt();
    run.notes.push('second attempt');
    return run;
  }
}

export async function runStartup(log: (line: string) => void = console.log): Promise<StartupResult> {
  const webBundle = await prepareWebBundle(log);
  const dirs: string[] = [];
  const freshDir = () => {
    dirs.push(mkdtempSync(path.join(os.tmpdir(), 'hongtu-bench-startup-')));
    return dirs[dirs.length - 1]!;
  };
  let dataDir = freshDir();
  const runs: StartupRun[] = [];
  const record = (run: StartupRun) => {
    runs.push(run);
    log(`  ${run.label}: /healthz 200 after ${(run.healthyMs / 1000).toFixed(2)} s${run.notes.length ? ` (${run.notes.join('; ')})` : ''}`);
  };
  const rebuilt = (run: StartupRun) => run.notes.some((n) => n.startsWith('Building') || n.startsWith('Web sources changed'));
  try {
    log(`  first run on an empty data directory (${dataDir})…`);
    record(
      await withRetry(
        'first run',
        log,
        () => launch('first run', 'first', dataDir, COLD_TIMEOUT_MS),
        // A first run cut short leaves a half-made directory; the retry starts empty again.
        () => (dataDir = freshDir()),
      ),
    );
    for (let i = 1, discarded = 0; i <= WARM_RUNS; i++) {
      const run = await withRetry(`warm ${i}`, log, () => launch(`warm ${i}`, 'warm', dataDir, WARM_TIMEOUT_MS));
      if (rebuilt(run) && discarded < 3) {
        // Someone edited a web source after the bundle was brought up to date: that start measured Vite, not the server.
        record({ ...run, kind: 'rebuilt', label: `${run.label}, rebuilt the web bundle (not counted)` });
        discarded++;
        i--;
        continue;
      }
      if (rebuilt(run)) log('  warning: the web sources keep changing; this counted start includes a Vite build');
      record(run);
    }
    // For reference only: what npm itself adds on top of the server's own start.
    record(await withRetry('npm start', log, () => launch('warm, via npm start', 'npm', dataDir, WARM_TIMEOUT_MS)));
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
  const warm = runs.filter((r) => r.kind === 'warm');
  return {
    runs,
    coldMs: runs[0]!.healthyMs,
    warmRuns: warm.length,
    warmMedianMs: median(warm.map((r) => r.healthyMs)),
    warmMedianCpuMs: warm.every((r) => r.cpuMs !== null) ? median(warm.map((r) => r.cpuMs!)) : null,
    warmTargetMs: WARM_TARGET_MS,
    webBundle,
  };
}

export interface Phase {
  name: string;
  ms: number;
}

export interface StartupPhases {
  /** Median of each step over the warm runs. */
  warm: Phase[];
  warmCpuMs: number;
  runs: number;
}

async function phasesOnce(dataDir: string, timeoutMs: number): Promise<{ phases: Phase[]; cpuMs: number }> {
  const child = spawnTs(['bench/startup-phases.ts', dataDir], process.env);
  const output = captureOutput(child);
  try {
    return await readJsonLine<{ phases: Phase[]; cpuMs: number }>(child, 'phases', timeoutMs, output);
  } finally {
    await stopGroup(child, 20_000);
  }
}

/** A warm start taken apart (bench/startup-phases.ts): one run to make the data directory, then `runs` measured ones. */
export async function runStartupPhases(log: (line: string) => void = console.log, runs = 3): Promise<StartupPhases> {
  await prepareWebBundle(log);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hongtu-bench-phases-'));
  try {
    log('  startup phases: making a data directory…');
    await phasesOnce(dataDir, COLD_TIMEOUT_MS);
    const measured: { phases: Phase[]; cpuMs: number }[] = [];
    for (let i = 1; i <= runs; i++) {
      log(`  startup phases: warm run ${i} of ${runs}…`);
      measured.push(await phasesOnce(dataDir, WARM_TIMEOUT_MS));
    }
    const names = measured[0]!.phases.map((p) => p.name);
    return {
      warm: names.map((name) => ({ name, ms: median(measured.map((m) => m.phases.find((p) => p.name === name)?.ms ?? Number.NaN)) })),
      warmCpuMs: median(measured.map((m) => m.cpuMs)),
      runs,
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
