/**
 * MAT-4 office hours (作息时间): the sessions of a working day in which a matter's
 * clock runs. Times are wall-clock Asia/Shanghai, 'HH:MM'.
 *
 * The default follows Fuzhou's municipal organs and service centres, where the
 * matters of this platform are handled: 08:30–12:00 and 14:30–17:30, and from
 * 1 June to 30 September (夏令工作时间, announced each year by the Fujian
 * provincial government office) the afternoon moves to 15:00–18:00. Both
 * schedules are 6.5 hours, so a working day has the same length all year.
 */

export interface Session {
  /** 'HH:MM', 24-hour, inclusive. */
  start: string;
  /** 'HH:MM', exclusive; later than start; '24:00' is allowed. */
  end: string;
}

export interface SummerHours {
  /** 'MM-DD', first summer day (inclusive). */
  from: string;
  /** 'MM-DD', last summer day (inclusive). */
  to: string;
  sessions: Session[];
}

export interface OfficeHours {
  sessions: Session[];
  /** Other sessions for a stretch of each year, or null for the same hours all year. */
  summer: SummerHours | null;
}

export const DEFAULT_OFFICE_HOURS: OfficeHours = {
  sessions: [
    { start: '08:30', end: '12:00' },
    { start: '14:30', end: '17:30' },
  ],
  summer: {
    from: '06-01',
    to: '09-30',
    sessions: [
      { start: '08:30', end: '12:00' },
      { start: '15:00', end: '18:00' },
    ],
  },
};

const HH_MM = /^([01]\d|2[0-4]):([0-5]\d)$/;
const MM_DD = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Minutes after midnight of 'HH:MM', or NaN when malformed (24:xx other than 24:00 included). */
export function minutesOfDay(hhmm: string): number {
  const m = HH_MM.exec(hhmm);
  if (!m) return Number.NaN;
  const total = Number(m[1]) * 60 + Number(m[2]);
  return total > 24 * 60 ? Number.NaN : total;
}

export type OfficeHoursProblem = 'time_format' | 'session_order' | 'sessions_overlap' | 'sessions_empty' | 'date_format';

export interface OfficeHoursIssue {
  /** Path inside the office hours, e.g. ['summer', 'sessions', 1, 'end']. */
  path: (string | number)[];
  problem: OfficeHoursProblem;
}

function checkSessions(sessions: readonly Session[], at: (string | number)[]): OfficeHoursIssue[] {
  const issues: OfficeHoursIssue[] = [];
  if (sessions.length === 0) return [{ path: at, problem: 'sessions_empty' }];
  let previousEnd = -1;
  sessions.forEach((s, i) => {
    const start = minutesOfDay(s.start);
    const end = minutesOfDay(s.end);
    if (Number.isNaN(start)) issues.push({ path: [...at, i, 'start'], problem: 'time_format' });
    if (Number.isNaN(end)) issues.push({ path: [...at, i, 'end'], problem: 'time_format' });
    if (Number.isNaN(start) || Number.isNaN(end)) return;
    if (end <= start) issues.push({ path: [...at, i, 'end'], problem: 'session_order' });
    // Sessions are listed in the day's order so the clock can walk them without sorting.
    else if (start < previousEnd) issues.push({ path: [...at, i, 'start'], problem: 'sessions_overlap' });
    previousEnd = Math.max(previousEnd, end);
  });
  return issues;
}

/** Every problem of a set of office hours; empty when the calendar can use them. */
export function checkOfficeHours(hours: OfficeHours): OfficeHoursIssue[] {
  const issues = checkSessions(hours.sessions, ['sessions']);
  if (hours.summer) {
    if (!MM_DD.test(hours.summer.from)) issues.push({ path: ['summer', 'from'], problem: 'date_format' });
    if (!MM_DD.test(hours.summer.to)) issues.push({ path: ['summer', 'to'], problem: 'date_format' });
    issues.push(...checkSessions(hours.summer.sessions, ['summer', 'sessions']));
  }
  return issues;
}

/** Working minutes in a day of these sessions. */
export function sessionMinutes(sessions: readonly Session[]): number {
  return sessions.reduce((sum, s) => sum + minutesOfDay(s.end) - minutesOfDay(s.start), 0);
}
