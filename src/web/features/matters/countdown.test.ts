import { describe, expect, it } from 'vitest';
import { translate } from '../../app/i18n.ts';
import type { MatterClock, WorkTimeInfo } from '../../api/matters.ts';
import { durationText, remainingText } from './clockText.ts';
import { liveClock, mostUrgent, splitWorkingMinutes, workingMinutesBetween } from './countdown.ts';

const WORK: WorkTimeInfo = {
  dayMinutes: 390,
  officeHours: {
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
  },
  // National Day 2026: 1–7 October off, Saturday 10 October a make-up working day.
  days: [
    ...['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ date: `2026-10-${d}`, working: false })),
    { date: '2026-10-10', working: true },
  ],
};

/** An instant on China's clock. */
const at = (local: string) => new Date(`${local}+08:00`).getTime();

function clock(over: Partial<MatterClock> = {}): MatterClock {
  return {
    kind: 'resolution',
    startedAt: '2026-11-02T00:30:00.000Z',
    dueAt: '2026-11-06T09:30:00.000Z',
    limitMinutes: 4 * 390,
    remainingMinutes: 600,
    colour: 'green',
    pausedAt: null,
    stoppedAt: null,
    late: false,
    ...over,
  };
}

const zh = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate('zh-CN', key, params);
const en = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate('en', key, params);

describe('matter countdowns in the browser (MAT-4, MAT-5)', () => {
  it('MAT-4 counts office hours only: a working morning, a lunch break, an evening', () => {
    expect(workingMinutesBetween(at('2026-11-26T08:00'), at('2026-11-26T12:30'), WORK)).toBe(210);
    expect(workingMinutesBetween(at('2026-11-26T11:00'), at('2026-11-26T15:00'), WORK)).toBe(90);
    expect(workingMinutesBetween(at('2026-11-26T18:00'), at('2026-11-27T08:30'), WORK)).toBe(0);
    expect(workingMinutesBetween(at('2026-11-26T12:00'), at('2026-11-26T11:00'), WORK)).toBe(0);
  });

  it('MAT-4 skips weekends and holidays and counts a make-up Saturday; summer afternoons run 15:00–18:00', () => {
    // Friday 17:00 → Monday 09:00: half an hour on Friday, half an hour on Monday.
    expect(workingMinutesBetween(at('2026-11-27T17:00'), at('2026-11-30T09:00'), WORK)).toBe(60);
    // 30 September 17:00 → 8 October 09:00: the holiday week counts nothing.
    expect(workingMinutesBetween(at('2026-09-30T17:00'), at('2026-10-08T09:00'), WORK)).toBe(60 + 30);
    // The make-up Saturday 10 October is a whole working day.
    expect(workingMinutesBetween(at('2026-10-10T00:00'), at('2026-10-11T00:00'), WORK)).toBe(390);
    expect(workingMinutesBetween(at('2026-07-01T14:30'), at('2026-07-01T15:30'), WORK)).toBe(30);
  });

  it('MAT-5 a running clock counts down from the server’s answer and turns yellow, then red after the due instant', () => {
    const answered = at('2026-11-26T09:00');
    const c = clock({ remainingMinutes: 500, limitMinutes: 1560 });
    expect(liveClock(c, answered, at('2026-11-26T10:00'), WORK)).toMatchObject({ remaining: 440, colour: 'green' });
    // Yellow for the last quarter (390 of 1,560 minutes).
    expect(liveClock(c, answered, at('2026-11-26T16:00'), WORK)).toMatchObject({ remaining: 500 - 180 - 90, colour: 'yellow' });
    expect(liveClock(c, answered, at('2026-11-27T11:00'), WORK).colour).toBe('red');
    expect(liveClock(c, answered, at('2026-11-27T11:00'), WORK).remaining).toBeLessThan(0);
  });

  it('MAT-5 a paused or stopped clock stands still, and so does any clock until the calendar has arrived', () => {
    const answered = at('2026-11-26T09:00');
    const later = at('2026-11-26T16:00');
    expect(liveClock(clock({ colour: 'paused' }), answered, later, WORK)).toMatchObject({ remaining: 600, colour: 'paused' });
    expect(liveClock(clock({ colour: 'stopped' }), answered, later, WORK)).toMatchObject({ remaining: 600, colour: 'stopped' });
    expect(liveClock(clock(), answered, later, null)).toMatchObject({ remaining: 600, colour: 'green' });
  });

  it('MAT-5 the row takes its colour from the most urgent running clock; stopped clocks do not count', () => {
    const live = (colour: MatterClock['colour'], remaining: number) => ({ clock: clock({ colour }), remaining, colour });
    expect(mostUrgent([live('green', 100), live('yellow', 300), live('stopped', -50)])?.colour).toBe('yellow');
    expect(mostUrgent([live('green', 300), live('green', 100)])?.remaining).toBe(100);
    expect(mostUrgent([live('paused', 10), live('green', 900)])?.colour).toBe('green');
    expect(mostUrgent([live('paused', 10)])?.colour).toBe('paused');
    expect(mostUrgent([live('stopped', 10)])).toBeNull();
  });

  it('MAT-5 working minutes read as working days of the calendar’s length, hours and minutes', () => {
    expect(splitWorkingMinutes(390 + 180, 390)).toEqual({ overdue: false, days: 1, hours: 3, minutes: 0 });
    expect(splitWorkingMinutes(-125.5, 390)).toEqual({ overdue: true, days: 0, hours: 2, minutes: 6 });
    expect(remainingText(zh, 390 + 180, 390)).toBe('剩余 1 个工作日 3 小时');
    expect(remainingText(zh, 2 * 420 + 59, 420)).toBe('剩余 2 个工作日');
    expect(remainingText(zh, 65, 390)).toBe('剩余 1 小时 5 分钟');
    expect(remainingText(zh, -125, 390)).toBe('超时 2 小时 5 分钟');
    expect(remainingText(zh, 0, 390)).toBe('即将到期');
    expect(remainingText(en, 390 * 2 + 60, 390)).toBe('2 working days 1 h left');
    expect(durationText(zh, 780, 390)).toBe('2 个工作日');
  });
});
