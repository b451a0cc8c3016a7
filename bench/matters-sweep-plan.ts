/**
 * MAT-5 the sweep's work in the server process alone: planning a batch of due
 * matters (cards, steps, notices, audit rows) without a database, so a change
 * to the planning code can be measured apart from the statements
 * (bench/matters-sweep.ts measures whole passes). 1,000 matters accepted at the
 * street two weeks ago, each breached on two clocks and escalated; and the same
 * matters in their warning margin.
 *
 *   npx tsx bench/matters-sweep-plan.ts
 */
import { createWorkCalendar } from '../src/domain/calendar/index.ts';
import { clocksToJson, type MatterClocks } from '../src/domain/matters/matter-clocks.ts';
import type { MatterCore } from '../src/server/modules/matters/state.ts';
import { planSweep } from '../src/server/modules/matters/sweep.ts';
import { cpuSpeedMs, fixed, formatTable, writeResult } from './lib.ts';
import { streetClocksFrom, warningMarginStart } from './matters-lib.ts';

const MATTERS = 1_000;
const RUNS = 50;
const calendar = createWorkCalendar({ overrides: [] });
function rowsWith(clocks: MatterClocks, started: Date): MatterCore[] {
  const stored = JSON.stringify(clocksToJson(clocks));
  return Array.from({ length: MATTERS }, (_, i) => ({
    id: String(i + 1),
    code: `S${i + 1}`,
    title: '督办基准',
    category_id: '1',
    source: 'portal',
    priority: 'normal',
    status: 'accepted',
    level: 'street',
    enterprise_id: null,
    building_id: null,
    region_code: '359101001',
    org_path: '',
    enterprise_path: '',
    handler_org_id: '9',
    handler_path: '/1/9/',
    return_count: 0,
    reopen_count: 0,
    escalation_count: 0,
    supervision: null,
    pending_extension_minutes: null,
    satisfaction: null,
    clocks: JSON.parse(stored) as unknown,
    sign_for_due_at: null,
    resolution_due_at: clocks.resolution?.dueAt ?? null,
    reply_due_at: clocks.reply?.dueAt ?? null,
    next_check_at: new Date(),
    overdue: false,
    responded_at: started,
    responded_on_time: true,
    replied_at: null,
    replied_on_time: null,
    closed_at: null,
    closed_on_time: null,
    working_minutes_to_close: null,
    submitted_by: null,
    version: 4,
    created_at: started,
    updated_at: started,
  }));
}

const now = new Date();
const longAgo = new Date(now.getTime() - 14 * 86_400_000);
const warnAt = warningMarginStart(calendar, now);

const scenarios = [
  { name: 'each warned on its clocks (yellow card)', rows: rowsWith(streetClocksFrom(calendar, warnAt), warnAt) },
  { name: 'each breached on two clocks and escalated', rows: rowsWith(streetClocksFrom(calendar, longAgo), longAgo) },
];
const kindOf = new Map([['1', 'consultation' as const]]);
const results = scenarios.map(({ name, rows }) => {
  const ms: number[] = [];
  let totals = { processed: 0, warned: 0, breached: 0, escalated: 0 };
  for (let run = 0; run < RUNS + 10; run++) {
    totals = { processed: 0, warned: 0, breached: 0, escalated: 0 };
    const t = performance.now();
    planSweep({ rows, calendar, now, kindOf, overrides: null, totals });
    if (run >= 10) ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { name, totals, p50: ms[Math.floor(ms.length / 2)]!, p95: ms[Math.floor(ms.length * 0.95)]! };
});

console.log(
  `Planning a sweep batch of ${MATTERS} due matters in the server process (CPU speed loop ${cpuSpeedMs()} ms; ${RUNS} runs after 10 warm-up)`,
);
console.log(
  formatTable(
    [{ title: 'batch', align: 'left' }, { title: 'p50 ms' }, { title: 'p95 ms' }, { title: 'per matter µs' }],
    results.map((r) => [
      `${r.name}: ${r.totals.warned} warnings, ${r.totals.breached} breaches, ${r.totals.escalated} escalations`,
      fixed(r.p50),
      fixed(r.p95),
      fixed((r.p50 * 1000) / MATTERS, 0),
    ]),
  ),
);
writeResult('matters-sweep-plan', { matters: MATTERS, runs: RUNS, results });
