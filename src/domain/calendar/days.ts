import chineseDays from 'chinese-days';

/**
 * MAT-4 the PRC day calendar as the `chinese-days` package states it (State
 * Council holiday notices: 法定节假日 and 调休 make-up working days), one year at
 * a time, plus the date arithmetic the working calendar is built on.
 *
 * Days are numbered as whole days since 1970-01-01 in Asia/Shanghai (UTC+8, no
 * daylight saving since 1991), so an instant's day is one division.
 */
export const DAY_MS = 86_400_000;
export const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The China day number of an instant. */
export function chinaDayOf(ms: number): number {
  return Math.floor((ms + CHINA_OFFSET_MS) / DAY_MS);
}

/** The instant a China day begins (00:00 Asia/Shanghai). */
export function chinaDayStart(day: number): number {
  return day * DAY_MS - CHINA_OFFSET_MS;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day number of 'YYYY-MM-DD', or NaN when it is not a real date. */
export function dayOfIsoDate(date: string): number {
  const m = ISO_DATE.exec(date);
  if (!m) return Number.NaN;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return Number.NaN;
  return ms / DAY_MS;
}

/** 'YYYY-MM-DD' of a day number. */
export function isoDateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function yearOfDay(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

export function firstDayOfYear(year: number): number {
  return Date.UTC(year, 0, 1) / DAY_MS;
}

/** 'MM-DD' of a day number, for seasonal office hours. */
export function monthDayOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(5, 10);
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekdayOfDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export type PackageDayKind = 'holiday' | 'make_up_day' | null;

export interface PackageYear {
  year: number;
  /** Whether the package holds the State Council's arrangement for this year. */
  covered: boolean;
  /** 1 when a working day, by index from 1 January. */
  working: Uint8Array;
  kind: PackageDayKind[];
  /** The holiday a day belongs to (also for make-up days), in both languages. */
  name: ({ 'zh-CN': string; en: string } | null)[];
}

const packageYears = new Map<number, PackageYear>();

/**
 * One year as the package states it. The package has the arrangements from 2004
 * up to the last year the State Council has announced (2026 in chinese-days
 * 1.5.7); for other years it answers Monday–Friday, and `covered` is false so
 * the administrator knows to enter the year's holidays as overrides.
 */
export function packageYear(year: number): PackageYear {
  const cached = packageYears.get(year);
  if (cached) return cached;
  const first = firstDayOfYear(year);
  const length = firstDayOfYear(year + 1) - first;
  const working = new Uint8Array(length);
  const kind: PackageDayKind[] = [];
  const name: ({ 'zh-CN': string; en: string } | null)[] = [];
  let covered = false;
  for (let i = 0; i < length; i += 1) {
    const utc = new Date((first + i) * DAY_MS);
    // A local-time Date of the same calendar date: the package reads dates with local getters, whatever the server's zone.
    const detail = chineseDays.getDayDetail(new Date(utc.getUTCFullYear(), utc.getUTCMonth(), utc.getUTCDate()));
    working[i] = detail.work ? 1 : 0;
    // Holidays and make-up days are named "National Day,国庆节,3"; ordinary days by their weekday.
    const parts = detail.name.split(',');
    if (parts.length >= 2) {
      covered = true;
      name.push({ en: parts[0] ?? '', 'zh-CN': parts[1] ?? '' });
      kind.push(detail.work ? 'make_up_day' : 'holiday');
    } else {
      name.push(null);
      kind.push(null);
    }
  }
  const entry = { year, covered, working, kind, name };
  packageYears.set(year, entry);
  return entry;
}
