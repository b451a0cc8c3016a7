/**
 * MAT-4 working-time benchmark: `npx tsx bench/calendar.ts`.
 * A sweeper or a dashboard computes the clocks of many matters at once: this times
 * clockStatus, addWorkingMinutes and workingMinutesBetween over 100,000 clocks
 * started at random instants of 2025–2026 with the default limits, beside a plain
 * minute-by-minute walk over the same calendar for a sample (the ratio is the point).
 * Knob: BENCH_CLOCKS.
 */
import { createWorkCalendar, type WorkCalendar } from '../src/domain/calendar/index.ts';
import { clockStatus, startClock } from '../src/domain/matters/clock.ts';
import { CATEGORY_KINDS, DEFAULT_LIMITS, MATTER_LEVELS, MATTER_PRIORITIES } from '../src/domain/matters/limits.ts';
import { seededRandom } from '../src/server/seed/random.ts';
import { fixed, formatTable } from './lib.ts';

const CLOCKS = Number(process.env.BENCH_CLOCKS ?? 100_000);
const WALK_SAMPLE = 200;
const FROM = Date.parse('2025-01-01T00:00:00+08:00');
const SPAN = Date.parse('2026-12-01T00:00:00+08:00') - FROM;

/** The baseline: step a minute at a time and count the minutes inside office hours. */
function walkMinutes(calendar: WorkCalendar, start: Date, minutes: number): Date {
  let t = Math.ceil(start.getTime() / 60_000) * 60_000;
  let left = minutes;
  while (left > 0) {
    if (calendar.workingMinutesBetween(new Date(t), new Date(t + 60_000)) > 0) left -= 1;
    t += 60_000;
  }
  return new Date(t);
}

function timed(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

const random = seededRandom(4);
const coldMs = timed(() => createWorkCalendar().addWorkingDays(new Date(FROM), 500));
const calendar = createWorkCalendar();
const rows = Array.from({ length: CLOCKS }, () => {
  // Whole minutes, as the minute walk counts them.
  const at = new Date(FROM + Math.floor((random.next() * SPAN) / 60_000) * 60_000);
  const limit = DEFAULT_LIMITS[random.pick(CATEGORY_KINDS)][random.pick(MATTER_LEVELS)][random.pick(MATTER_PRIORITIES)].resolutionMinutes;
  return { at, limit };
});
let clocks: ReturnType<typeof startClock>[] = [];
const startMs = timed(() => {
  clocks = rows.map((r) => startClock({ calendar, kind: 'resolution', at: r.at, limitMinutes: r.limit }));
});
const now = new Date(FROM + SPAN / 2);
let yellow = 0;
const statusMs = timed(() => {
  for (const clock of clocks) if (clockStatus({ calendar, clock, now }).colour === 'yellow') yellow += 1;
});
const betweenMs = timed(() => {
  for (const r of rows) calendar.workingMinutesBetween(r.at, now);
});
const sample = rows.slice(0, WALK_SAMPLE);
const fastSampleMs = timed(() => {
  for (const r of sample) calendar.addWorkingMinutes(r.at, r.limit);
});
let mismatches = 0;
const walkMs = timed(() => {
  for (const r of sample)
    if (walkMinutes(calendar, r.at, r.limit).getTime() !== calendar.addWorkingMinutes(r.at, r.limit).getTime()) mismatches += 1;
});

const perRow = (ms: number, n: number) => fixed((ms * 1e6) / n / 1000, 2);
console.log(
  formatTable(
    [{ title: 'operation', align: 'left' }, { title: 'rows' }, { title: 'total (ms)' }, { title: 'per row (µs)' }],
    [
      ['calendar built and first deadline (cold)', 1, fixed(coldMs, 1), fixed(coldMs * 1000, 0)],
      ['startClock (addWorkingMinutes)', CLOCKS, fixed(startMs, 1), perRow(startMs, CLOCKS)],
      ['clockStatus', CLOCKS, fixed(statusMs, 1), perRow(statusMs, CLOCKS)],
      ['workingMinutesBetween', CLOCKS, fixed(betweenMs, 1), perRow(betweenMs, CLOCKS)],
      ['addWorkingMinutes, sample', WALK_SAMPLE, fixed(fastSampleMs, 2), perRow(fastSampleMs, WALK_SAMPLE)],
      ['minute-by-minute walk, same sample', WALK_SAMPLE, fixed(walkMs, 1), perRow(walkMs, WALK_SAMPLE)],
    ],
  ),
);
console.log(
  `walk ÷ table: ${fixed(walkMs / fastSampleMs, 0)}×; walk and table disagree on ${mismatches} of ${WALK_SAMPLE}; ${yellow} clocks yellow at ${now.toISOString()}`,
);
