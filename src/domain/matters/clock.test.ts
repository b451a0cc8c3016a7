import { describe, expect, it } from 'vitest';
import { createWorkCalendar } from '../calendar/work-calendar.ts';
import {
  ClockStateError,
  clockStatus,
  extendClock,
  isBreached,
  pauseClock,
  resumeClock,
  startClock,
  stopClock,
  warningMinutes,
  type Clock,
} from './clock.ts';

const cn = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const wall = (t: Date) => new Date(t.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
const calendar = createWorkCalendar();
const DAY = 390;

function problemOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (err) {
    return err instanceof ClockStateError ? err.problem : String(err);
  }
}

describe('MAT-4 matter clocks', () => {
  it('MAT-4 a sign-for clock of one working day started before a make-up Saturday is due on it', () => {
    const clock = startClock({ calendar, kind: 'sign_for', at: cn('2025-10-10 10:00'), limitMinutes: DAY });
    expect(wall(clock.dueAt)).toBe('2025-10-11 10:00');
    expect(clock).toMatchObject({ kind: 'sign_for', limitMinutes: DAY, pausedAt: null, pausedMinutes: 0, stoppedAt: null });
  });

  it('MAT-4 a clock started outside office hours first counts at the next session', () => {
    const clock = startClock({ calendar, kind: 'reply', at: cn('2025-11-12 20:00'), limitMinutes: 60 });
    expect(wall(clock.dueAt)).toBe('2025-11-13 09:30');
    const early = clockStatus({ calendar, clock, now: cn('2025-11-13 08:00') });
    expect(early).toMatchObject({ elapsedMinutes: 0, remainingMinutes: 60 });
  });

  it('MAT-4 waiting for the enterprise over a night and the National Day moves the due time by the working time waited', () => {
    // Four working days from Monday 29 September 2025, 09:00: 30 Sep, 9, 10 and 11 Oct (the make-up Saturday).
    let clock = startClock({ calendar, kind: 'resolution', at: cn('2025-09-29 09:00'), limitMinutes: 4 * DAY });
    expect(wall(clock.dueAt)).toBe('2025-10-11 09:00');
    clock = pauseClock({ clock, at: cn('2025-09-30 16:00') });
    const waiting = clockStatus({ calendar, clock, now: cn('2025-10-05 12:00') });
    // Ran 29 Sep 09:00–18:00 (360, summer afternoon) and 30 Sep to 16:00 (270).
    expect(waiting).toMatchObject({ colour: 'paused', elapsedMinutes: 630, remainingMinutes: 4 * DAY - 630 });
    clock = resumeClock({ calendar, clock, at: cn('2025-10-09 09:00') });
    // Waited 30 Sep 16:00–18:00 and 9 Oct 08:30–09:00: 150 working minutes, not nine days.
    expect(clock.pausedMinutes).toBe(150);
    expect(wall(clock.dueAt)).toBe('2025-10-11 11:30');
    expect(clockStatus({ calendar, clock, now: cn('2025-10-09 09:00') })).toMatchObject({ elapsedMinutes: 630, colour: 'green' });
  });

  it('MAT-4 a pause overnight costs only the office hours inside it', () => {
    let clock = startClock({ calendar, kind: 'resolution', at: cn('2025-11-12 09:00'), limitMinutes: DAY });
    expect(wall(clock.dueAt)).toBe('2025-11-13 09:00');
    clock = pauseClock({ clock, at: cn('2025-11-12 17:00') });
    clock = resumeClock({ calendar, clock, at: cn('2025-11-13 09:00') });
    expect(clock.pausedMinutes).toBe(60);
    expect(wall(clock.dueAt)).toBe('2025-11-13 10:00');
  });

  it('MAT-4 a clock stopped while waiting keeps the time it had run when the wait began', () => {
    let clock = startClock({ calendar, kind: 'reply', at: cn('2025-11-12 09:00'), limitMinutes: 2 * DAY });
    clock = pauseClock({ clock, at: cn('2025-11-12 10:00') });
    clock = stopClock({ clock, at: cn('2025-11-20 10:00') });
    expect(clockStatus({ calendar, clock, now: cn('2025-12-01 10:00') })).toMatchObject({ colour: 'stopped', elapsedMinutes: 60 });
    expect(isBreached({ clock, now: cn('2025-12-01 10:00') })).toBe(false);
  });

  it('MAT-4 the clock refuses moves its state does not allow', () => {
    const running = startClock({ calendar, kind: 'sign_for', at: cn('2025-11-12 09:00'), limitMinutes: DAY });
    const paused = pauseClock({ clock: running, at: cn('2025-11-12 10:00') });
    const stopped = stopClock({ clock: running, at: cn('2025-11-12 11:00') });
    expect(problemOf(() => pauseClock({ clock: paused, at: cn('2025-11-12 11:00') }))).toBe('clock_paused');
    expect(problemOf(() => resumeClock({ calendar, clock: running, at: cn('2025-11-12 11:00') }))).toBe('clock_not_paused');
    expect(problemOf(() => stopClock({ clock: stopped, at: cn('2025-11-12 12:00') }))).toBe('clock_stopped');
    expect(problemOf(() => pauseClock({ clock: stopped, at: cn('2025-11-12 12:00') }))).toBe('clock_stopped');
    expect(problemOf(() => resumeClock({ calendar, clock: paused, at: cn('2025-11-12 09:30') }))).toBe('clock_time_order');
    expect(() => startClock({ calendar, kind: 'reply', at: cn('2025-11-12 09:00'), limitMinutes: 0 })).toThrow(RangeError);
  });
});

describe('MAT-5 warnings before and at breach', () => {
  it('MAT-5 yellow for the last quarter of the limit, and at least the last working hour', () => {
    expect(warningMinutes(4 * DAY)).toBe(DAY);
    expect(warningMinutes(120)).toBe(60);
    expect(warningMinutes(45)).toBe(45);
    expect(warningMinutes(4 * DAY, { share: 0.5, minimumMinutes: 60 })).toBe(2 * DAY);
  });

  it('MAT-5 green, then yellow at warnAt, still yellow at the due instant, red after it', () => {
    // Four working days from Wednesday 12 November 2025, 09:00: due Tuesday 18 November, 09:00; yellow one day earlier.
    const clock = startClock({ calendar, kind: 'resolution', at: cn('2025-11-12 09:00'), limitMinutes: 4 * DAY });
    expect(wall(clock.dueAt)).toBe('2025-11-18 09:00');
    const at = (now: string) => clockStatus({ calendar, clock, now: cn(now) });
    expect(wall(at('2025-11-12 09:00').warnAt)).toBe('2025-11-17 09:00');
    // Ran Wed 360, Thu 390, Fri to 17:00 360: 1,110 of 1,560.
    expect(at('2025-11-14 17:00')).toMatchObject({ colour: 'green', elapsedMinutes: 1110, remainingMinutes: 450 });
    expect(at('2025-11-17 08:59').colour).toBe('green');
    expect(at('2025-11-17 09:00').colour).toBe('yellow');
    expect(at('2025-11-18 09:00')).toMatchObject({ colour: 'yellow', remainingMinutes: 0 });
    expect(at('2025-11-18 09:01')).toMatchObject({ colour: 'red', remainingMinutes: -1 });
    expect(isBreached({ clock, now: cn('2025-11-18 09:00') })).toBe(false);
    expect(isBreached({ clock, now: cn('2025-11-18 09:01') })).toBe(true);
  });

  it('MAT-5 a short urgent clock is yellow for its last working hour and the warning respects lunch', () => {
    const clock = startClock({ calendar, kind: 'sign_for', at: cn('2025-11-12 11:00'), limitMinutes: 120 });
    expect(wall(clock.dueAt)).toBe('2025-11-12 15:30');
    const status = clockStatus({ calendar, clock, now: cn('2025-11-12 11:30') });
    expect(wall(status.warnAt)).toBe('2025-11-12 12:00');
    expect(status.colour).toBe('green');
    expect(clockStatus({ calendar, clock, now: cn('2025-11-12 13:00') }).colour).toBe('yellow');
  });

  it('MAT-5 an approved extension moves the due time and the warning', () => {
    let clock: Clock = startClock({ calendar, kind: 'resolution', at: cn('2025-11-12 09:00'), limitMinutes: 4 * DAY });
    clock = extendClock({ calendar, clock, extraMinutes: 2 * DAY });
    expect(clock.limitMinutes).toBe(6 * DAY);
    expect(wall(clock.dueAt)).toBe('2025-11-20 09:00');
    expect(clockStatus({ calendar, clock, now: cn('2025-11-18 09:01') }).colour).toBe('green');
  });

  it('MAT-5 the status of a stopped clock tells whether the step was done late', () => {
    const clock = startClock({ calendar, kind: 'sign_for', at: cn('2025-11-12 09:00'), limitMinutes: DAY });
    const onTime = stopClock({ clock, at: cn('2025-11-13 09:00') });
    const late = stopClock({ clock, at: cn('2025-11-13 10:00') });
    expect(isBreached({ clock: onTime, now: cn('2025-12-01 09:00') })).toBe(false);
    expect(isBreached({ clock: late, now: cn('2025-12-01 09:00') })).toBe(true);
    expect(clockStatus({ calendar, clock: late, now: cn('2025-12-01 09:00') })).toMatchObject({ colour: 'stopped', remainingMinutes: -60 });
  });
});
