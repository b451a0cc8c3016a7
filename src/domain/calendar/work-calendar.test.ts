import { describe, expect, it } from 'vitest';
import { packageYear } from './days.ts';
import { createWorkCalendar } from './work-calendar.ts';

/** An Asia/Shanghai wall-clock time as an instant. */
const cn = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
/** An instant as Asia/Shanghai wall-clock 'YYYY-MM-DD HH:MM'. */
const wall = (t: Date) => new Date(t.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

const calendar = createWorkCalendar();

describe('MAT-4 PRC working days from chinese-days', () => {
  it('MAT-4 the 2025 National Day holiday runs 1–8 October, with Sunday 28 September and Saturday 11 October worked', () => {
    for (const d of ['2025-10-01', '2025-10-03', '2025-10-06', '2025-10-08']) expect(calendar.isWorkingDay(d), d).toBe(false);
    expect(calendar.isWorkingDay('2025-09-28')).toBe(true);
    expect(calendar.isWorkingDay('2025-10-11')).toBe(true);
    expect(calendar.isWorkingDay('2025-10-12')).toBe(false);
  });

  it('MAT-4 the 2026 National Day holiday runs 1–7 October, with Sunday 20 September and Saturday 10 October worked', () => {
    for (const d of ['2026-10-01', '2026-10-07']) expect(calendar.isWorkingDay(d), d).toBe(false);
    expect(calendar.isWorkingDay('2026-10-08')).toBe(true);
    expect(calendar.isWorkingDay('2026-09-20')).toBe(true);
    expect(calendar.isWorkingDay('2026-10-10')).toBe(true);
  });

  it('MAT-4 the 2026 Spring Festival runs 15–23 February, with Saturdays 14 and 28 February worked', () => {
    for (const d of ['2026-02-15', '2026-02-19', '2026-02-23']) expect(calendar.isWorkingDay(d), d).toBe(false);
    expect(calendar.isWorkingDay('2026-02-14')).toBe(true);
    expect(calendar.isWorkingDay('2026-02-28')).toBe(true);
    expect(calendar.isWorkingDay('2026-02-24')).toBe(true);
  });

  it('MAT-4 a year the package does not know falls back to Monday–Friday and says so', () => {
    const days = calendar.yearDays(2035);
    expect(days.every((d) => d.source === 'weekday')).toBe(true);
    // 1 October 2035 is a Monday: without the State Council's notice it is an ordinary working day.
    expect(calendar.isWorkingDay('2035-10-01')).toBe(true);
    expect(calendar.isWorkingDay('2035-10-06')).toBe(false);
    expect(calendar.yearDays(2026).find((d) => d.date === '2026-10-01')).toMatchObject({
      source: 'package',
      working: false,
      kind: 'holiday',
      holiday: { 'zh-CN': '国庆节', en: 'National Day' },
    });
  });

  it('MAT-4 the package is read the same whatever the server time zone', () => {
    const saved = process.env.TZ;
    try {
      // A zone west of UTC turns a UTC-midnight date into the evening before; the table must not shift.
      process.env.TZ = 'America/New_York';
      const y = packageYear(2024);
      const working = (md: string) =>
        y.working[(Date.UTC(2024, Number(md.slice(0, 2)) - 1, Number(md.slice(3))) - Date.UTC(2024, 0, 1)) / 86_400_000];
      // 2024: National Day 1–7 October, Sunday 29 September and Saturday 12 October worked.
      expect([working('10-01'), working('10-07'), working('09-29'), working('10-12'), working('10-08')]).toEqual([0, 0, 1, 1, 1]);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('MAT-4 rejects a date that does not exist', () => {
    expect(() => calendar.isWorkingDay('2026-02-30')).toThrow(RangeError);
    expect(() => calendar.isWorkingDay('20260101')).toThrow(RangeError);
  });
});

describe('MAT-4 deadlines in working time', () => {
  it('MAT-4 one working day from 16:00 is 16:00 on the next working day (a weekend between)', () => {
    expect(wall(calendar.addWorkingDays(cn('2025-11-14 16:00'), 1))).toBe('2025-11-17 16:00');
    expect(calendar.workingMinutesBetween(cn('2025-11-14 16:00'), cn('2025-11-17 16:00'))).toBe(390);
  });

  it('MAT-4 across the 2025 National Day: due on 9 October, then the make-up Saturday', () => {
    expect(wall(calendar.addWorkingDays(cn('2025-09-30 10:00'), 1))).toBe('2025-10-09 10:00');
    expect(wall(calendar.addWorkingDays(cn('2025-09-30 10:00'), 3))).toBe('2025-10-11 10:00');
    expect(wall(calendar.addWorkingDays(cn('2025-09-30 10:00'), 4))).toBe('2025-10-13 10:00');
    // Saturday 27 September is off; the make-up Sunday the 28th is a summer working day ending 18:00.
    expect(wall(calendar.addWorkingDays(cn('2025-09-27 10:00'), 1))).toBe('2025-09-28 18:00');
  });

  it('MAT-4 across the 2026 National Day: 8, 9, then Saturday 10 October; Sunday 20 September is worked', () => {
    const start = cn('2026-09-30 11:00');
    expect([1, 2, 3, 4].map((n) => wall(calendar.addWorkingDays(start, n)))).toEqual([
      '2026-10-08 11:00',
      '2026-10-09 11:00',
      '2026-10-10 11:00',
      '2026-10-12 11:00',
    ]);
    expect(wall(calendar.addWorkingDays(cn('2026-09-18 16:00'), 1))).toBe('2026-09-20 16:00');
  });

  it('MAT-4 across the 2026 Spring Festival: the make-up Saturday before it, then the 24th', () => {
    expect(wall(calendar.addWorkingDays(cn('2026-02-13 09:00'), 1))).toBe('2026-02-14 09:00');
    expect(wall(calendar.addWorkingDays(cn('2026-02-13 09:00'), 2))).toBe('2026-02-24 09:00');
    // Raised during the holiday: the clock starts at the first session after it.
    expect(wall(calendar.addWorkingDays(cn('2026-02-18 10:00'), 1))).toBe('2026-02-24 17:30');
    expect(wall(calendar.addWorkingMinutes(cn('2026-02-18 10:00'), 30))).toBe('2026-02-24 09:00');
  });

  it('MAT-4 a matter raised outside office hours starts at the next session', () => {
    expect(wall(calendar.addWorkingMinutes(cn('2025-11-12 20:00'), 60))).toBe('2025-11-13 09:30');
    expect(wall(calendar.addWorkingDays(cn('2025-11-12 20:00'), 1))).toBe('2025-11-13 17:30');
    expect(wall(calendar.addWorkingMinutes(cn('2025-11-12 07:00'), 60))).toBe('2025-11-12 09:30');
    // Over lunch the clock waits for the afternoon session.
    expect(wall(calendar.addWorkingMinutes(cn('2025-11-12 13:00'), 30))).toBe('2025-11-12 15:00');
    expect(wall(calendar.nextWorkingInstant(cn('2025-11-15 09:00')))).toBe('2025-11-17 08:30');
    expect(wall(calendar.nextWorkingInstant(cn('2025-11-12 10:00')))).toBe('2025-11-12 10:00');
  });

  it('MAT-4 a limit ending exactly at a session end is due then, not at the next session', () => {
    expect(wall(calendar.addWorkingMinutes(cn('2025-11-12 16:00'), 90))).toBe('2025-11-12 17:30');
    expect(wall(calendar.addWorkingMinutes(cn('2025-11-12 11:00'), 60))).toBe('2025-11-12 12:00');
  });

  it('MAT-4 summer afternoons (15:00–18:00 from June to September) keep the working-day length', () => {
    expect(calendar.yearDays(2025).find((d) => d.date === '2025-07-01')?.minutes).toBe(390);
    expect(wall(calendar.addWorkingMinutes(cn('2025-07-01 11:00'), 120))).toBe('2025-07-01 16:00');
    // A day counted from a summer 16:00 lands at the same working position in winter hours: 15:30.
    expect(wall(calendar.addWorkingDays(cn('2025-09-30 16:00'), 1))).toBe('2025-10-09 15:30');
  });

  it('MAT-4 working minutes between two instants skip nights, lunch, weekends and holidays', () => {
    expect(calendar.workingMinutesBetween(cn('2025-11-12 11:00'), cn('2025-11-12 15:00'))).toBe(90);
    expect(calendar.workingMinutesBetween(cn('2025-09-30 16:00'), cn('2025-10-09 09:00'))).toBe(150);
    expect(calendar.workingMinutesBetween(cn('2025-10-09 09:00'), cn('2025-09-30 16:00'))).toBe(-150);
    expect(calendar.workingMinutesBetween(cn('2025-10-01 09:00'), cn('2025-10-08 17:00'))).toBe(0);
    // A whole year: 2025 has 248 working days (the two extra holiday days of the 2024 reform included), of 6.5 hours each.
    expect(calendar.yearDays(2025).filter((d) => d.working)).toHaveLength(248);
    expect(calendar.workingMinutesBetween(cn('2025-01-01 00:00'), cn('2026-01-01 00:00'))).toBe(248 * 390);
  });
});

describe('MAT-4 overrides and office hours set by the administrator', () => {
  it('MAT-4 an override opening a holiday makes it a working day for deadlines', () => {
    const open = createWorkCalendar({ overrides: [{ date: '2025-10-02', working: true, note: '值班受理' }] });
    expect(open.isWorkingDay('2025-10-02')).toBe(true);
    expect(wall(open.addWorkingDays(cn('2025-09-30 10:00'), 1))).toBe('2025-10-02 10:00');
    expect(open.yearDays(2025).find((d) => d.date === '2025-10-02')).toMatchObject({
      working: true,
      packageWorking: false,
      source: 'override',
      note: '值班受理',
    });
  });

  it('MAT-4 an override closing a working day pushes deadlines past it', () => {
    const closed = createWorkCalendar({ overrides: [{ date: '2025-10-09', working: false }] });
    expect(closed.isWorkingDay('2025-10-09')).toBe(false);
    expect(wall(closed.addWorkingDays(cn('2025-09-30 10:00'), 1))).toBe('2025-10-10 10:00');
    expect(closed.workingMinutesBetween(cn('2025-10-08 12:00'), cn('2025-10-10 12:00'))).toBe(210);
  });

  it('MAT-4 other office hours change the working-day length and the due instants', () => {
    const nineToFive = createWorkCalendar({
      sessions: [
        { start: '09:00', end: '12:00' },
        { start: '13:00', end: '17:00' },
      ],
    });
    expect(nineToFive.dayMinutes).toBe(420);
    expect(wall(nineToFive.addWorkingMinutes(cn('2025-07-01 11:00'), 120))).toBe('2025-07-01 14:00');
    expect(wall(nineToFive.addWorkingDays(cn('2025-11-14 16:00'), 1))).toBe('2025-11-17 16:00');
  });

  it('MAT-4 refuses office hours that overlap or run backwards', () => {
    expect(() =>
      createWorkCalendar({
        sessions: [
          { start: '09:00', end: '12:00' },
          { start: '11:00', end: '17:00' },
        ],
      }),
    ).toThrow(RangeError);
    expect(() => createWorkCalendar({ sessions: [{ start: '12:00', end: '09:00' }] })).toThrow(RangeError);
    expect(() => createWorkCalendar({ overrides: [{ date: '2025-02-29', working: true }] })).toThrow(RangeError);
  });

  it('MAT-4 a deadline crosses into the next year and its New Year make-up Sunday', () => {
    // 2026 New Year: 1–3 January off, Sunday 4 January worked.
    expect(wall(calendar.addWorkingDays(cn('2025-12-31 10:00'), 1))).toBe('2026-01-04 10:00');
    expect(wall(calendar.addWorkingDays(cn('2025-12-31 10:00'), 2))).toBe('2026-01-05 10:00');
  });
});
