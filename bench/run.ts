/**
 * `npm run bench [-- http | startup]`: runs the benchmarks, prints plain-text
 * tables and writes the JSON results to bench/results/.
 */
import os from 'node:os';
import path from 'node:path';
import { runHttp, type HttpResult, type LoadResult } from './http.ts';
import { fixed, formatTable, machine, ROOT, writeResult } from './lib.ts';
import { runProfile, type ProfileResult } from './profile.ts';
import { runStartup, type StartupResult } from './startup.ts';

const SUITES = ['startup', 'http', 'profile'] as const;
type Suite = (typeof SUITES)[number];
/** `profile` takes minutes and answers "why", so it runs only when asked for. */
const DEFAULT_SUITES: Suite[] = ['startup', 'http'];

function parseSuites(args: string[]): Suite[] {
  if (args.length === 0) return DEFAULT_SUITES;
  const unknown = args.filter((a) => !(SUITES as readonly string[]).includes(a));
  if (unknown.length > 0) {
    console.error(`unknown benchmark: ${unknown.join(', ')} (choose from: ${SUITES.join(', ')})`);
    process.exit(2);
  }
  return SUITES.filter((s) => args.includes(s));
}

const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');

export function startupTable(r: StartupResult): string {
  const rows = r.runs.map((run) => [
    run.label,
    fixed(run.healthyMs / 1000, 2),
    run.readyLog === null ? '—' : fixed(run.readyLog, 2),
    run.cpuMs === null ? '—' : fixed(run.cpuMs / 1000, 2),
    fixed(run.stopMs / 1000, 2),
    run.forcedStop ? 'SIGKILL' : 'SIGTERM',
    run.cleanExit ? 'yes' : 'NO',
  ]);
  const table = formatTable(
    [{ title: 'run', align: 'left' }, { title: 'healthz 200 (s)' }, { title: 'server says ready (s)' }, { title: 'CPU used (s)' }, { title: 'stop (s)' }, { title: 'stopped by', align: 'left' }, { title: 'clean exit', align: 'left' }],
    rows,
  );
  const summary = [
    `first run (empty data directory): ${fixed(r.coldMs / 1000, 2)} s`,
    `command: ${r.runs[0]?.command ?? ''} (as bin/hongtu.js runs it); the last row goes through npm start and tsx for reference`,
    `warm start, median of ${r.warmRuns}: ${fixed(r.warmMedianMs / 1000, 2)} s (target < ${r.warmTargetMs / 1000} s: ${verdict(r.warmMedianMs < r.warmTargetMs)})` +
      (r.warmMedianCpuMs === null ? '' : `; CPU used by then ${fixed(r.warmMedianCpuMs / 1000, 2)} s`),
  ];
  return `${table}\n\n${summary.join('\n')}`;
}

export function httpTable(r: HttpResult): string {
  const bareRow = (connections: number) => r.rows.find((b) => b.target === 'bare' && b.connections === connections);
  const rows = r.rows.map((row) => {
    const bare = bareRow(row.connections);
    return [
      row.target === 'bare' ? 'GET /bare/:id' : 'GET /api/organisations/:id',
      row.backend === 'none' ? '—' : row.backend,
      row.connections,
      fixed(row.rps, 0),
      fixed(row.p50Ms, 2),
      fixed(row.p99Ms, 2),
      row.errors + row.non2xx,
      row.target === 'bare' || !bare ? '' : `${fixed((100 * row.rps) / bare.rps, 1)} %`,
      row.serverCpuUs === null ? '—' : fixed(row.serverCpuUs, 0),
      row.dbCpuUs === null ? '—' : fixed(row.dbCpuUs, 0),
      row.serverCpuPercent === null ? '—' : `${fixed(row.serverCpuPercent, 0)} %`,
    ];
  });
  const table = formatTable(
    [
      { title: 'route', align: 'left' },
      { title: 'database', align: 'left' },
      { title: 'conns' },
      { title: 'req/s' },
      { title: 'p50 ms' },
      { title: 'p99 ms' },
      { title: 'errors' },
      { title: 'ours/bare' },
      { title: 'server CPU µs/req' },
      { title: 'PG CPU µs/req' },
      { title: 'server CPU' },
    ],
    rows,
  );
  const worst = Math.min(...r.ratios.map((x) => x.ratio));
  const notes = [
    `${r.settings.durationSeconds} s per row in ${r.settings.rounds} interleaved rounds, after a ${r.settings.warmupSeconds} s warm-up. CPU columns: the server process (PGlite runs inside it) and the PostgreSQL backends, per answered request.`,
    `target: ours ≥ ${r.targetRatio * 100} % of bare req/s — ${verdict(worst >= r.targetRatio)} (lowest ${fixed(worst * 100, 1)} %)`,
  ];
  return `${table}\n\n${notes.join('\n')}`;
}

const us = (v: number | null) => (v === null ? '—' : fixed(v, 0));

export function profileTables(r: ProfileResult): string {
  const parts: string[] = [];
  const startTotal = r.startup.warm.reduce((a, p) => a + p.ms, 0);
  parts.push(
    `warm start of serve --demo, step by step (median of ${r.startup.runs}; CPU used ${fixed(r.startup.warmCpuMs / 1000, 2)} s)\n` +
      formatTable(
        [{ title: 'step', align: 'left' }, { title: 's' }, { title: 'share' }],
        [
          ...r.startup.warm.map((p) => [p.name, fixed(p.ms / 1000, 2), `${fixed((100 * p.ms) / startTotal, 0)} %`]),
          ['total', fixed(startTotal / 1000, 2), ''],
        ],
      ),
  );
  const cpuColumns = [{ title: 'req/s' }, { title: 'p50 ms' }, { title: 'server CPU µs/req' }, { title: 'PG CPU µs/req' }];
  const cpuCells = (x: LoadResult) => [fixed(x.rps, 0), fixed(x.p50Ms, 2), us(x.serverCpuUs), us(x.dbCpuUs)];
  const total = (x: LoadResult) => (x.serverCpuUs ?? 0) + (x.dbCpuUs ?? 0);
  for (const b of r.backends) {
    parts.push(
      `${b.backend}: each step adds a layer (${r.connections} connections, ${r.durationSeconds} s each in ${r.rounds} interleaved rounds)\n` +
        formatTable(
          [{ title: 'route', align: 'left' }, ...cpuColumns, { title: 'added CPU µs' }],
          b.ladder.map((row, i) => [row.route, ...cpuCells(row), i > 0 ? `+${fixed(total(row) - total(b.ladder[i - 1]!), 0)}` : '']),
        ),
    );
    const { asTested, logInfo, prepared } = b.variants;
    parts.push(
      `${b.backend}: GET /api/organisations/:id, variants (each on a server of its own, interleaved with the ladder)\n` +
        formatTable(
          [{ title: 'variant', align: 'left' }, ...cpuColumns],
          [
            ['as the tests build it (request log off)', ...cpuCells(asTested)],
            ['request log at info, as npm start runs', ...cpuCells(logInfo)],
            ['what-if: every statement prepared', ...cpuCells(prepared)],
          ],
        ),
    );
    const served = Math.max(1, b.queries.served);
    const queries = [...b.queries.stats]
      .sort((x, y) => y.totalMs - x.totalMs)
      .map((q) => [fixed(q.count / served, 2), fixed((q.totalMs * 1000) / q.count, 0), q.sql.replace(/\s+/g, ' ').slice(0, 120)]);
    parts.push(
      `${b.backend}: queries per request of GET /api/organisations/:id (over ${b.queries.served} requests; time = Kysely's, from send to rows)\n` +
        formatTable([{ title: 'per req' }, { title: 'µs each' }, { title: 'sql', align: 'left' }], queries),
    );
    const perReq = (ms: number) => fixed((ms * 1000) / Math.max(1, b.cpu.requests), 0);
    parts.push(
      `${b.backend}: server CPU profile, self time by library (${fixed(b.cpu.busyMs, 0)} ms busy, ${fixed(b.cpu.idleMs, 0)} ms idle, ${b.cpu.requests} requests)\n` +
        formatTable(
          [{ title: 'where', align: 'left' }, { title: 'ms' }, { title: '% busy' }, { title: 'µs/req' }],
          b.cpu.categories.map((c) => [c.name, fixed(c.ms, 0), fixed(c.percent, 1), perReq(c.ms)]),
        ) +
        '\n\ntop functions by self time\n' +
        formatTable(
          [{ title: 'function', align: 'left' }, { title: '% busy' }, { title: 'µs/req' }],
          b.cpu.functions.map((f) => [f.name.slice(0, 110), fixed(f.percent, 1), perReq(f.ms)]),
        ),
    );
  }
  return parts.join('\n\n');
}

async function main(): Promise<void> {
  const suites = parseSuites(process.argv.slice(2));
  const m = machine();
  console.log(`Hongtu benchmarks — ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, ${m.platform}, Node ${m.node}, commit ${m.commit}`);
  const log = (line: string) => console.log(line);
  const busy = os.loadavg()[0]! / os.cpus().length;
  if (busy > 0.5) {
    console.log(`warning: the machine is busy (1-minute load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores): expect slower, noisier numbers`);
  }
  for (const suite of suites) {
    console.log(`\n== ${suite} ==`);
    const loadAverageAtStart = Number(os.loadavg()[0]!.toFixed(2));
    if (suite === 'startup') {
      const result = await runStartup(log);
      const file = writeResult('startup', { loadAverageAtStart, ...result });
      console.log(`\n${startupTable(result)}\n\nwritten to ${path.relative(ROOT, file)}`);
    } else if (suite === 'http') {
      const result = await runHttp(undefined, log);
      const file = writeResult('http', { loadAverageAtStart, ...result });
      console.log(`\n${httpTable(result)}\n\nwritten to ${path.relative(ROOT, file)}`);
    } else {
      const result = await runProfile(log);
      const file = writeResult('profile', { loadAverageAtStart, ...result });
      console.log(`\n${profileTables(result)}\n\nwritten to ${path.relative(ROOT, file)}`);
    }
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
