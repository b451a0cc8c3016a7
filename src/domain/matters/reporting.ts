import { isBreached } from './clock.ts';
import type { MatterClocks } from './matter-clocks.ts';
import type { MatterStatus } from './workflow.ts';

/**
 * DSH-1 按时办结: a matter closed (办结, not withdrawn) whose promise to the
 * enterprise was kept — its first reply came within the reply clock
 * (`replied_on_time`), and the last run of its resolution and reply clocks
 * (the runs after the last escalation or reopening) ended by their due time,
 * extensions included. Null for a matter that is not closed.
 */
export function closedOnTime(opts: {
  status: MatterStatus | string;
  clocks: MatterClocks;
  repliedOnTime: boolean | null;
  now: Date;
}): boolean | null {
  if (opts.status !== 'closed') return null;
  if (opts.repliedOnTime === false) return false;
  for (const kind of ['resolution', 'reply'] as const) {
    const clock = opts.clocks[kind];
    if (clock && (clock.breached || isBreached({ clock, now: opts.now }))) return false;
  }
  return true;
}

/** The counts the dashboard adds up (one matter contributes 0 or 1 to each, minutes aside). */
export interface MatterCounts {
  received: number;
  keyEnterprise: number;
  withdrawn: number;
  open: number;
  responded: number;
  respondedOnTime: number;
  closed: number;
  closedOnTime: number;
  closeMinutes: number;
  rated: number;
  satisfied: number;
  reopened: number;
}

export interface MatterRates {
  /** 响应率: signed for (registered, resolved on the spot or accepted) within the sign-for clock, over received. */
  responseRate: number | null;
  /** 办结率: closed over received. */
  closureRate: number | null;
  /** 按时办结率: closed on time (see closedOnTime) over closed. */
  onTimeClosureRate: number | null;
  /** 满意率: satisfied or basically satisfied over rated. */
  satisfactionRate: number | null;
  /** Working minutes from intake to close over closed matters, in working days of the calendar's office hours. */
  averageWorkingDaysToClose: number | null;
}

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

export function matterRates(counts: MatterCounts, dayMinutes: number): MatterRates {
  return {
    responseRate: ratio(counts.respondedOnTime, counts.received),
    closureRate: ratio(counts.closed, counts.received),
    onTimeClosureRate: ratio(counts.closedOnTime, counts.closed),
    satisfactionRate: ratio(counts.satisfied, counts.rated),
    averageWorkingDaysToClose: counts.closed > 0 && dayMinutes > 0 ? counts.closeMinutes / counts.closed / dayMinutes : null,
  };
}

const DAY_MS = 86_400_000;
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const monthStart = (day: number) => dayNumber(`${isoOf(day).slice(0, 7)}-01`);
function nextMonthStart(day: number): number {
  const d = new Date(monthStart(day) * DAY_MS);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / DAY_MS;
}

/** A reporting period split into whole months (served by the monthly rollup) and the days left over at its edges. */
export interface PeriodSplit {
  /** First days ('YYYY-MM-01') of the months covered whole, in order. */
  months: string[];
  /** Inclusive date ranges not covered by those months. */
  edges: { from: string; to: string }[];
}

/**
 * Splits [from, to] (China dates, inclusive). A month counts as whole when the
 * period holds all of it — or holds it from its first day up to `today` or
 * later, since no matter is received after today.
 */
export function splitPeriod(opts: { from: string; to: string; today: string }): PeriodSplit {
  const from = dayNumber(opts.from);
  const to = dayNumber(opts.to);
  const today = dayNumber(opts.today);
  const months: string[] = [];
  const edges: { from: string; to: string }[] = [];
  let edgeStart: number | null = null;
  for (let m = monthStart(from); m <= to; m = nextMonthStart(m)) {
    const end = nextMonthStart(m) - 1;
    const lo = Math.max(m, from);
    const hi = Math.min(end, to);
    const whole = lo === m && (hi === end || to >= today);
    if (whole) {
      if (edgeStart !== null) edges.push({ from: isoOf(edgeStart), to: isoOf(m - 1) });
      edgeStart = null;
      months.push(isoOf(m));
    } else if (edgeStart === null) {
      edgeStart = lo;
    }
    if (!whole && hi === to) edges.push({ from: isoOf(edgeStart ?? lo), to: isoOf(hi) });
  }
  return { months, edges };
}
