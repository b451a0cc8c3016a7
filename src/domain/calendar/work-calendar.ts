import {
  CHINA_OFFSET_MS,
  DAY_MS,
  chinaDayOf,
  chinaDayStart,
  dayOfIsoDate,
  firstDayOfYear,
  isoDateOfDay,
  monthDayOfDay,
  packageYear,
  yearOfDay,
  type PackageDayKind,
} from './days.ts';
import { DEFAULT_OFFICE_HOURS, checkOfficeHours, minutesOfDay, sessionMinutes, type OfficeHours, type Session } from './office-hours.ts';

/**
 * MAT-4 the working calendar every deadline is counted on: PRC working days
 * (holidays and 调休 make-up days from `chinese-days`), the administrator's
 * overrides, and the office hours of each working day, all in Asia/Shanghai.
 *
 * Working time is measured as a position on one line: P(t) is the working time
 * (ms) from an anchor up to instant t. P stands still outside office hours, so a
 * duration is a difference of positions and a deadline is the earliest instant
 * at a position. Positions come from per-year tables (a cumulative sum per day),
 * so each call costs a table look-up and a binary search, not a walk over time.
 */

export interface CalendarOverride {
  date: string;
  working: boolean;
  note?: string | null;
}

export type DaySource = 'package' | 'override' | 'weekday';

export interface CalendarDay {
  date: string;
  working: boolean;
  /** Who decided: the package's arrangement, an override, or plain Monday–Friday for a year the package does not know. */
  source: DaySource;
  /** What the package alone says, so an override can be shown against it. */
  packageWorking: boolean;
  kind: PackageDayKind;
  holiday: { 'zh-CN': string; en: string } | null;
  note: string | null;
  /** Working minutes of the day (0 when not working). */
  minutes: number;
}

export interface WorkCalendar {
  readonly officeHours: OfficeHours;
  /** Working minutes of an ordinary (non-summer) working day: the unit "one working day" is measured in for limits. */
  readonly dayMinutes: number;
  isWorkingDay(date: string): boolean;
  addWorkingMinutes(start: Date, minutes: number): Date;
  addWorkingDays(start: Date, days: number): Date;
  /** Working minutes from a to b; negative when b is before a. Exact (fractional when the instants carry seconds). */
  workingMinutesBetween(a: Date, b: Date): number;
  /** The instant the next session starts at or after t (t itself when inside a session). */
  nextWorkingInstant(t: Date): Date;
  /** A year's days with their working flag and where it came from. */
  yearDays(year: number): CalendarDay[];
}

/** Years the calendar accepts; beyond them an instant is almost surely a bad input. */
export const MIN_YEAR = 1970;
export const MAX_YEAR = 2199;

interface SessionSet {
  /** [start, end) in ms from midnight, in the day's order. */
  bounds: Float64Array;
  total: number;
}

interface YearTable {
  year: number;
  firstDay: number;
  working: Uint8Array;
  /** Which session set a day uses: 0 all year, 1 summer. */
  set: Uint8Array;
  /** cum[i] = working ms of days 0..i-1 of the year; length days + 1. */
  cum: Float64Array;
  base: number;
  source: DaySource[];
}

function sessionSet(sessions: readonly Session[]): SessionSet {
  const bounds = new Float64Array(sessions.length * 2);
  sessions.forEach((s, i) => {
    bounds[2 * i] = minutesOfDay(s.start) * 60_000;
    bounds[2 * i + 1] = minutesOfDay(s.end) * 60_000;
  });
  return { bounds, total: sessionMinutes(sessions) * 60_000 };
}

/** Worked ms of a working day before ms-of-day `at`. */
function workedBefore(set: SessionSet, at: number): number {
  let worked = 0;
  const b = set.bounds;
  for (let i = 0; i < b.length; i += 2) {
    const start = b[i] as number;
    const end = b[i + 1] as number;
    if (at <= start) break;
    worked += Math.min(at, end) - start;
  }
  return worked;
}

/** The earliest ms-of-day at which `worked` ms (0 < worked ≤ total) have been worked. */
function instantOfWork(set: SessionSet, worked: number): number {
  let left = worked;
  const b = set.bounds;
  for (let i = 0; i < b.length; i += 2) {
    const start = b[i] as number;
    const length = (b[i + 1] as number) - start;
    if (left <= length) return start + left;
    left -= length;
  }
  return b[b.length - 1] as number;
}

function assertInstant(t: Date, what: string): number {
  const ms = t.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`${what} is not a valid date`);
  const year = yearOfDay(chinaDayOf(ms));
  if (year < MIN_YEAR || year > MAX_YEAR) throw new RangeError(`${what} is outside ${MIN_YEAR}–${MAX_YEAR}`);
  return ms;
}

function inSummer(monthDay: string, from: string, to: string): boolean {
  // A season may wrap the new year (e.g. 11-15 … 02-15).
  return from <= to ? monthDay >= from && monthDay <= to : monthDay >= from || monthDay <= to;
}

export function createWorkCalendar(
  options: {
    overrides?: readonly CalendarOverride[];
    /** The same sessions all year (shorthand for officeHours without summer hours). */
    sessions?: readonly Session[];
    officeHours?: OfficeHours;
  } = {},
): WorkCalendar {
  const officeHours: OfficeHours =
    options.officeHours ?? (options.sessions ? { sessions: [...options.sessions], summer: null } : DEFAULT_OFFICE_HOURS);
  const issues = checkOfficeHours(officeHours);
  if (issues.length > 0) throw new RangeError(`invalid office hours: ${issues.map((i) => `${i.path.join('.')} ${i.problem}`).join(', ')}`);
  const sets: SessionSet[] = [sessionSet(officeHours.sessions), sessionSet(officeHours.summer?.sessions ?? officeHours.sessions)];
  const regular = sets[0] as SessionSet;

  const overrides = new Map<number, CalendarOverride>();
  for (const o of options.overrides ?? []) {
    const day = dayOfIsoDate(o.date);
    if (Number.isNaN(day)) throw new RangeError(`override date ${o.date} is not a date`);
    overrides.set(day, o);
  }

  const tables = new Map<number, YearTable>();
  // Positions are measured from the first year asked about, so a calendar only ever builds the years between those it is asked about.
  const bases = new Map<number, number>();
  let knownFrom = 0;
  let knownTo = 0;

  function build(year: number): YearTable {
    const pkg = packageYear(year);
    const firstDay = firstDayOfYear(year);
    const length = pkg.working.length;
    const working = new Uint8Array(length);
    const set = new Uint8Array(length);
    const cum = new Float64Array(length + 1);
    const source: DaySource[] = [];
    const summer = officeHours.summer;
    for (let i = 0; i < length; i += 1) {
      const override = overrides.get(firstDay + i);
      working[i] = override ? (override.working ? 1 : 0) : (pkg.working[i] as number);
      source.push(override ? 'override' : pkg.covered ? 'package' : 'weekday');
      set[i] = summer && inSummer(monthDayOfDay(firstDay + i), summer.from, summer.to) ? 1 : 0;
      cum[i + 1] = (cum[i] as number) + (working[i] ? (sets[set[i] as number] as SessionSet).total : 0);
    }
    return { year, firstDay, working, set, cum, base: Number.NaN, source };
  }

  function rawTable(year: number): YearTable {
    let table = tables.get(year);
    if (!table) {
      table = build(year);
      tables.set(year, table);
    }
    return table;
  }

  function total(year: number): number {
    const cum = rawTable(year).cum;
    return cum[cum.length - 1] as number;
  }

  /** Position of 1 January of a year, summed outwards from the anchor and remembered. */
  function baseOf(year: number): number {
    const known = bases.get(year);
    if (known !== undefined) return known;
    if (bases.size === 0) {
      bases.set(year, 0);
      knownFrom = year;
      knownTo = year;
      return 0;
    }
    // Known bases form one run of years; extend it to this year, remembering each year on the way.
    while (year > knownTo) {
      knownTo += 1;
      bases.set(knownTo, (bases.get(knownTo - 1) as number) + total(knownTo - 1));
    }
    while (year < knownFrom) {
      knownFrom -= 1;
      bases.set(knownFrom, (bases.get(knownFrom + 1) as number) - total(knownFrom));
    }
    return bases.get(year) as number;
  }

  function table(year: number): YearTable {
    const t = rawTable(year);
    if (Number.isNaN(t.base)) t.base = baseOf(year);
    return t;
  }

  function position(ms: number): number {
    const day = chinaDayOf(ms);
    const t = table(yearOfDay(day));
    const i = day - t.firstDay;
    const before = t.base + (t.cum[i] as number);
    if (!t.working[i]) return before;
    return before + workedBefore(sets[t.set[i] as number] as SessionSet, ms + CHINA_OFFSET_MS - day * DAY_MS);
  }

  /** The earliest instant at position x, searching from a year at or before it. */
  function instantAt(x: number, fromYear: number): number {
    let year = fromYear;
    while (x > table(year).base + total(year)) {
      year += 1;
      if (year > MAX_YEAR) throw new RangeError(`deadline beyond ${MAX_YEAR}`);
    }
    while (x <= table(year).base) {
      year -= 1;
      if (year < MIN_YEAR) throw new RangeError(`deadline before ${MIN_YEAR}`);
    }
    const t = table(year);
    const within = x - t.base;
    // Smallest day i with cum[i + 1] >= within: that day is working and holds the position.
    let lo = 0;
    let hi = t.working.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((t.cum[mid + 1] as number) >= within) hi = mid;
      else lo = mid + 1;
    }
    const offset = within - (t.cum[lo] as number);
    return chinaDayStart(t.firstDay + lo) + instantOfWork(sets[t.set[lo] as number] as SessionSet, offset);
  }

  function addMinutes(start: Date, minutes: number): Date {
    const ms = assertInstant(start, 'start');
    if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError('minutes must be a finite number ≥ 0');
    if (minutes === 0) return new Date(ms);
    // Positions are whole milliseconds; rounding keeps fractional minutes (from workingMinutesBetween) from overshooting a session end.
    return new Date(instantAt(position(ms) + Math.round(minutes * 60_000), yearOfDay(chinaDayOf(ms))));
  }

  function dayMinutesAt(t: YearTable, i: number): number {
    return t.working[i] ? (sets[t.set[i] as number] as SessionSet).total : 0;
  }

  return {
    officeHours,
    dayMinutes: regular.total / 60_000,

    isWorkingDay(date) {
      const day = dayOfIsoDate(date);
      if (Number.isNaN(day)) throw new RangeError(`${date} is not a date`);
      const t = table(yearOfDay(day));
      return t.working[day - t.firstDay] === 1;
    },

    addWorkingMinutes: addMinutes,

    addWorkingDays(start, days) {
      const ms = assertInstant(start, 'start');
      if (!Number.isInteger(days) || days < 0) throw new RangeError('days must be a whole number ≥ 0');
      if (days === 0) return new Date(ms);
      // The working day the start falls in (or the next one, outside office hours) and how far into it.
      const x = position(ms);
      let day = chinaDayOf(ms);
      let t = table(yearOfDay(day));
      while (!(t.working[day - t.firstDay] === 1 && x < t.base + (t.cum[day - t.firstDay + 1] as number))) {
        day += 1;
        if (day - t.firstDay >= t.working.length) t = table(yearOfDay(day));
      }
      const offset = x - (t.base + (t.cum[day - t.firstDay] as number));
      for (let n = days; n > 0;) {
        day += 1;
        if (day - t.firstDay >= t.working.length) t = table(yearOfDay(day));
        if (t.working[day - t.firstDay] === 1) n -= 1;
      }
      const i = day - t.firstDay;
      const target = t.base + (t.cum[i] as number) + Math.min(offset, dayMinutesAt(t, i));
      // With nothing worked yet the due position is the day's start, which is first reached at the end of the working day before.
      return new Date(instantAt(target, t.year));
    },

    workingMinutesBetween(a, b) {
      const ms = position(assertInstant(b, 'b')) - position(assertInstant(a, 'a'));
      // No -0 for equal positions: it would print as "-0" on a dashboard.
      return ms === 0 ? 0 : ms / 60_000;
    },

    nextWorkingInstant(at) {
      const ms = assertInstant(at, 'instant');
      const x = position(ms);
      // The instant just after position x is the start of the next stretch of work.
      const end = instantAt(x + 1, yearOfDay(chinaDayOf(ms)));
      return new Date(Math.max(ms, end - 1));
    },

    yearDays(year) {
      if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) throw new RangeError(`year outside ${MIN_YEAR}–${MAX_YEAR}`);
      const t = table(year);
      const pkg = packageYear(year);
      return Array.from(t.working, (w, i) => ({
        date: isoDateOfDay(t.firstDay + i),
        working: w === 1,
        source: t.source[i] as DaySource,
        packageWorking: pkg.working[i] === 1,
        kind: pkg.kind[i] ?? null,
        holiday: pkg.name[i] ?? null,
        note: overrides.get(t.firstDay + i)?.note ?? null,
        minutes: dayMinutesAt(t, i) / 60_000,
      }));
    },
  };
}
