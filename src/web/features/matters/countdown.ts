import { warningMinutes } from '../../../domain/matters/clock.ts';
import type { Session } from '../../../domain/calendar/office-hours.ts';
import type { ClockColour, MatterClock, WorkTimeInfo } from '../../api/matters.ts';

/**
 * MAT-5 the countdowns of a matter's clocks in the browser. The server states
 * each clock's working minutes left when it answered; between answers the page
 * subtracts the working time that has passed since, on the same calendar (the
 * year's working days and the office hours from GET /api/calendar), so the
 * count stands still at night and on holidays just as the server's does.
 */

/** The unit "one working day" when the calendar has not answered yet (08:30–12:00 + 14:30–17:30). */
export const DEFAULT_DAY_MINUTES = 390;

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

function minutesOfDay(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

/** The sessions of a working day (summer hours between their MM-DD bounds, inclusive). */
function sessionsOf(date: string, hours: WorkTimeInfo['officeHours']): Session[] {
  const monthDay = date.slice(5);
  const summer = hours.summer;
  if (!summer) return hours.sessions;
  const inSummer =
    summer.from <= summer.to ? monthDay >= summer.from && monthDay <= summer.to : monthDay >= summer.from || monthDay <= summer.to;
  return inSummer ? summer.sessions : hours.sessions;
}

const lookups = new WeakMap<WorkTimeInfo, Map<string, boolean>>();

/** A lookup of working days; a date the calendar did not send counts as Monday–Friday. */
export function workingDayLookup(work: WorkTimeInfo): (date: string, day: number) => boolean {
  let known = lookups.get(work);
  if (!known) {
    known = new Map(work.days.map((d) => [d.date, d.working]));
    lookups.set(work, known);
  }
  const table = known;
  return (date, day) => {
    const listed = table.get(date);
    if (listed !== undefined) return listed;
    // Day 0 (1970-01-01) was a Thursday.
    const weekday = (day + 4) % 7;
    return weekday !== 0 && weekday !== 6;
  };
}

/** Working minutes from `fromMs` to `toMs` (0 when `toMs` is not later), fractional. */
export function workingMinutesBetween(fromMs: number, toMs: number, work: WorkTimeInfo): number {
  if (!(toMs > fromMs)) return 0;
  const isWorking = workingDayLookup(work);
  let total = 0;
  const firstDay = Math.floor((fromMs + CHINA_OFFSET_MS) / DAY_MS);
  const lastDay = Math.floor((toMs + CHINA_OFFSET_MS) / DAY_MS);
  for (let day = firstDay; day <= lastDay; day += 1) {
    const date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (!isWorking(date, day)) continue;
    const start = day * DAY_MS - CHINA_OFFSET_MS;
    for (const s of sessionsOf(date, work.officeHours)) {
      const a = Math.max(fromMs, start + minutesOfDay(s.start) * MINUTE_MS);
      const b = Math.min(toMs, start + minutesOfDay(s.end) * MINUTE_MS);
      if (b > a) total += b - a;
    }
  }
  return total / MINUTE_MS;
}

export interface LiveClock {
  clock: MatterClock;
  /** Working minutes left now; negative once breached. */
  remaining: number;
  colour: ClockColour;
}

/** A clock as it stands at `nowMs`, given the server's answer at `answeredMs`. */
export function liveClock(clock: MatterClock, answeredMs: number, nowMs: number, work: WorkTimeInfo | null): LiveClock {
  if (clock.colour === 'paused' || clock.colour === 'stopped' || !work) {
    return { clock, remaining: clock.remainingMinutes, colour: clock.colour };
  }
  const remaining = clock.remainingMinutes - workingMinutesBetween(answeredMs, nowMs, work);
  // The due instant itself is still on time; red is after it (as the server's clockStatus).
  const colour: ClockColour =
    remaining < 0 || clock.colour === 'red' ? 'red' : remaining <= warningMinutes(clock.limitMinutes) ? 'yellow' : 'green';
  return { clock, remaining, colour };
}

const URGENCY: Record<ClockColour, number> = { red: 0, yellow: 1, green: 2, paused: 3, stopped: 4 };

/** The clock that colours a row: the running one closest to (or furthest past) its deadline, else a paused one. */
export function mostUrgent(clocks: readonly LiveClock[]): LiveClock | null {
  let best: LiveClock | null = null;
  for (const c of clocks) {
    if (c.colour === 'stopped') continue;
    if (!best || URGENCY[c.colour] < URGENCY[best.colour] || (URGENCY[c.colour] === URGENCY[best.colour] && c.remaining < best.remaining)) {
      best = c;
    }
  }
  return best;
}

export interface Remaining {
  overdue: boolean;
  days: number;
  hours: number;
  minutes: number;
}

/** Working minutes as working days of `dayMinutes`, hours and minutes ("1 个工作日 3 小时"). */
export function splitWorkingMinutes(minutes: number, dayMinutes: number): Remaining {
  const overdue = minutes < 0;
  // Whole minutes towards the deadline's side, as the server rounds them.
  const whole = overdue ? Math.ceil(-minutes) : Math.ceil(minutes);
  const perDay = dayMinutes > 0 ? dayMinutes : DEFAULT_DAY_MINUTES;
  const days = Math.floor(whole / perDay);
  const rest = whole - days * perDay;
  return { overdue, days, hours: Math.floor(rest / 60), minutes: rest % 60 };
}
