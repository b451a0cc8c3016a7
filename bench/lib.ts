import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const RESULTS_DIR = path.join(ROOT, 'bench/results');

/** A port nobody listens on right now (the kernel picks it; we release it for the child). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    // The child leads its own process group (spawned detached); npm and tsx run the program in a grandchild.
    process.kill(-child.pid, signal);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
  }
}

function groupAlive(child: ChildProcess): boolean {
  if (child.pid === undefined) return false;
  try {
    process.kill(-child.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Stops a child spawned with `detached: true` and everything it started:
 * SIGTERM to the group, SIGKILL to whatever is left of it after `graceMs`.
 * The whole group counts, not just the leader: npm exits on SIGTERM while the
 * server it started is still closing its database. Resolves with how long
 * the group took to go and whether it had to be killed.
 */
export async function stopGroup(child: ChildProcess, graceMs = 5000): Promise<{ ms: number; forced: boolean }> {
  const t0 = performance.now();
  if (!groupAlive(child)) {
    await exited(child);
    return { ms: 0, forced: false };
  }
  signalGroup(child, 'SIGTERM');
  while (groupAlive(child) && performance.now() - t0 < graceMs) await sleep(10);
  const forced = groupAlive(child);
  if (forced) signalGroup(child, 'SIGKILL');
  await exited(child);
  while (groupAlive(child) && performance.now() - t0 < graceMs + 5000) await sleep(10);
  return { ms: performance.now() - t0, forced };
}

/** Fields of /proc/<pid>/stat after the parenthesised command name (which may contain spaces). */
function procStat(pid: number | string): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

// utime and stime (fields 14 and 15) count clock ticks, 100 a second on Linux.
const TICK_US = 10_000;

/** User + system CPU time of a process in microseconds (Linux); null when unreadable. */
export function processCpuUs(pid: number): number | null {
  const fields = procStat(pid);
  return fields ? (Number(fields[11]) + Number(fields[12])) * TICK_US : null;
}

/**
 * User + system CPU time of every live process in a child's process group, in
 * microseconds (Linux; null elsewhere). Unlike wall time it hardly moves when
 * other work competes for the cores.
 */
export function groupCpuUs(child: ChildProcess): number | null {
  if (child.pid === undefined) return null;
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return null;
  }
  let total = 0;
  for (const pid of entries) {
    const fields = procStat(pid);
    // Field 5, the process group, is the third after the name.
    if (fields && Number(fields[2]) === child.pid) total += (Number(fields[11]) + Number(fields[12])) * TICK_US;
  }
  return total;
}

/** Keeps the last `max` characters a child wrote, for the error message when it fails. */
export function captureOutput(child: ChildProcess, max = 20_000): { text(): string } {
  let buffer = '';
  const take = (chunk: Buffer) => {
    buffer = (buffer + chunk.toString('utf8')).slice(-max);
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  return { text: () => buffer };
}

/** Children started by the benchmarks, stopped on Ctrl-C so no server is left holding a port or database. */
const running = new Set<ChildProcess>();
let interruptHandlers: (() => Promise<void>)[] = [];

export function track(child: ChildProcess): ChildProcess {
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

/** Cleanup that must also run when the benchmark is interrupted (e.g. dropping a throw-away database). */
export function onInterrupt(handler: () => Promise<void>): () => void {
  interruptHandlers.push(handler);
  return () => {
    interruptHandlers = interruptHandlers.filter((h) => h !== handler);
  };
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: stopping the benchmark servers`);
    void (async () => {
      await Promise.allSettled([...running].map((c) => stopGroup(c, 2000)));
      await Promise.allSettled(interruptHandlers.map((h) => h()));
      process.exit(130);
    })();
  });
}

/**
 * Node with tsx as an in-process loader, as bin/hongtu.js runs the CLI. Not
 * the tsx command: it runs the program in a second process and relays signals
 * to it, and when that process does not acknowledge a signal within 30 ms (a
 * busy event loop) it SIGKILLs it, which would cut every clean shutdown short.
 */
export const NODE_TSX = [process.execPath, '--import', 'tsx'] as const;

export function spawnTs(args: string[], env: NodeJS.ProcessEnv, nodeFlags: string[] = []): ChildProcess {
  const [node, ...flags] = NODE_TSX;
  return track(spawn(node, [...nodeFlags, ...flags, ...args], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] }));
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Nearest-rank percentile of an already sorted array. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export type Cell = string | number;
export interface Column {
  title: string;
  align?: 'left' | 'right';
}

/** A plain-text table: header, rule, rows; numbers right-aligned. */
export function formatTable(columns: Column[], rows: Cell[][]): string {
  const text = rows.map((row) => row.map((cell) => String(cell)));
  const widths = columns.map((c, i) => Math.max(width(c.title), ...text.map((r) => width(r[i] ?? ''))));
  const pad = (s: string, i: number) => {
    const gap = ' '.repeat(Math.max(0, widths[i]! - width(s)));
    return (columns[i]!.align ?? 'right') === 'left' ? s + gap : gap + s;
  };
  const lines = [
    columns.map((c, i) => pad(c.title, i)).join('  '),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...text.map((r) => r.map((s, i) => pad(s, i)).join('  ')),
  ];
  return lines.map((l) => l.trimEnd()).join('\n');
}

/** Display width: CJK characters take two columns in a terminal. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

export function fixed(n: number, digits = 1): string {
  return Number.isFinite(n) ? n.toFixed(digits) : '—';
}

/**
 * How fast this machine runs a fixed loop of integer work now, in ms (about 215 on this
 * project's 2-core machine at its fastest). A shared or virtual machine's speed varies (here
 * by 1.7× within an hour): two runs' numbers compare only at similar speeds, and ratios
 * measured in one run (ours : bare) are the figures to trust.
 */
export function cpuSpeedMs(): number {
  const t0 = performance.now();
  let x = 0;
  for (let i = 0; i < 100_000_000; i++) x += i % 7;
  if (x < 0) throw new Error('unreachable');
  return Number((performance.now() - t0).toFixed(0));
}

export function machine(): Record<string, string | number> {
  const cpus = os.cpus();
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    // Numbers taken on uncommitted server code belong to no commit; say so.
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'db', 'package.json'], { cwd: ROOT, encoding: 'utf8' }).trim();
    if (dirty) commit += ' + uncommitted changes';
  } catch {
    // Not a checkout (e.g. an unpacked release): the numbers still stand on their own.
  }
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.type()} ${os.release()}`,
    node: process.version,
    commit,
    // Other work on the machine skews every number here; the load average says how much there was.
    loadAverage1m: Number(os.loadavg()[0]!.toFixed(2)),
  };
}

export function writeResult(kind: string, data: unknown): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const body = JSON.stringify({ kind, at: new Date().toISOString(), machine: machine(), ...(data as object) }, null, 2) + '\n';
  const file = path.join(RESULTS_DIR, `${kind}-${stamp}.json`);
  writeFileSync(file, body);
  // A stable name, so a script or a colleague can diff against the last run.
  writeFileSync(path.join(RESULTS_DIR, `${kind}-latest.json`), body);
  return file;
}

/** Resolves with the first line a child writes to stdout that parses as JSON with `key`. */
export function readJsonLine<T>(child: ChildProcess, key: string, timeoutMs: number, output: { text(): string }): Promise<T> {
  return new Promise((resolve, reject) => {
    let pending = '';
    const timer = setTimeout(() => finish(new Error(`no '${key}' line from the child in ${timeoutMs} ms:\n${output.text()}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, nl).trim();
        pending = pending.slice(nl + 1);
        if (!line.startsWith('{')) continue;
        try {
          const parsed = JSON.parse(line) as Record<string, unknown>;
          if (key in parsed) return finish(null, parsed as T);
        } catch {
          // A log line that happens to start with a brace.
        }
      }
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
      finish(new Error(`the child exited (${signal ?? code}) before it was ready:\n${output.text()}`));
    function finish(err: Error | null, value?: T) {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve(value!);
    }
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
}
