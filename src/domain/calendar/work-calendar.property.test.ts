import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createWorkCalendar } from './work-calendar.ts';

const calendar = createWorkCalendar({ overrides: [{ date: '2025-10-04', working: true }] });
// Instants from 2024 to 2027, to the second, so holidays, make-up days, summer hours and year ends all come up.
const instant = fc.integer({ min: Date.UTC(2024, 0, 1) / 1000, max: Date.UTC(2027, 11, 1) / 1000 }).map((s) => new Date(s * 1000));
const minutes = fc.integer({ min: 0, max: 40 * 390 });

describe('MAT-4 working-time arithmetic (properties)', () => {
  it('MAT-4 workingMinutesBetween(a, addWorkingMinutes(a, m)) is m', () => {
    fc.assert(
      fc.property(instant, minutes, (a, m) => {
        expect(calendar.workingMinutesBetween(a, calendar.addWorkingMinutes(a, m))).toBeCloseTo(m, 6);
      }),
      { numRuns: 2000 },
    );
  });

  it('MAT-4 addWorkingMinutes never goes back and grows with the minutes', () => {
    fc.assert(
      fc.property(instant, minutes, minutes, (a, m1, m2) => {
        const [lo, hi] = m1 <= m2 ? [m1, m2] : [m2, m1];
        const dueLo = calendar.addWorkingMinutes(a, lo).getTime();
        const dueHi = calendar.addWorkingMinutes(a, hi).getTime();
        expect(dueLo).toBeGreaterThanOrEqual(a.getTime());
        expect(dueHi).toBeGreaterThanOrEqual(dueLo);
        if (hi > lo) expect(dueHi).toBeGreaterThan(dueLo);
      }),
      { numRuns: 2000 },
    );
  });

  it('MAT-4 workingMinutesBetween grows with the end, is antisymmetric, and adds up over a middle instant', () => {
    fc.assert(
      fc.property(instant, instant, instant, (a, b, c) => {
        const [x, y] = b.getTime() <= c.getTime() ? [b, c] : [c, b];
        expect(calendar.workingMinutesBetween(a, y)).toBeGreaterThanOrEqual(calendar.workingMinutesBetween(a, x));
        expect(calendar.workingMinutesBetween(b, a) + calendar.workingMinutesBetween(a, b)).toBe(0);
        expect(calendar.workingMinutesBetween(a, b) + calendar.workingMinutesBetween(b, c)).toBeCloseTo(
          calendar.workingMinutesBetween(a, c),
          6,
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('MAT-4 adding the working time between a and b lands no later than b, and at b when b is in a session', () => {
    fc.assert(
      fc.property(instant, instant, (a, b) => {
        const [from, to] = a.getTime() <= b.getTime() ? [a, b] : [b, a];
        const back = calendar.addWorkingMinutes(from, calendar.workingMinutesBetween(from, to));
        expect(back.getTime()).toBeLessThanOrEqual(to.getTime());
        expect(calendar.workingMinutesBetween(back, to)).toBeCloseTo(0, 6);
      }),
      { numRuns: 2000 },
    );
  });

  it('MAT-4 n working days is n day-lengths of working time, landing on a working day', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 30 }), (a, n) => {
        const due = calendar.addWorkingDays(a, n);
        const date = new Date(due.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
        expect(calendar.isWorkingDay(date)).toBe(true);
        // Summer and winter days are both 390 minutes, so a day is always the same working time.
        expect(calendar.workingMinutesBetween(a, due)).toBeCloseTo(n * 390, 6);
      }),
      { numRuns: 1000 },
    );
  });
});
