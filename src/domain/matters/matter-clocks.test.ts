import { describe, expect, it } from 'vitest';
import { createWorkCalendar } from '../calendar/index.ts';
import { resolveLimits } from './limits.ts';
import { applyClockOps, dueClockActions, isOverdue, markClock, supervisionCard, type MatterClocks } from './matter-clocks.ts';

const calendar = createWorkCalendar({ overrides: [] });
const limits = resolveLimits({
  table: null,
  categoryKind: 'consultation',
  level: 'building',
  priority: 'normal',
  dayMinutes: calendar.dayMinutes,
});
// Monday 9:00 in China.
const start = new Date('2026-11-23T01:00:00Z');
const collected = (): MatterClocks => applyClockOps({ calendar, clocks: {}, action: 'collect', at: start, limits });
const breachAll = (clocks: MatterClocks, now: Date): MatterClocks =>
  dueClockActions({ calendar, clocks, now }).reduce((c, due) => markClock(c, due.kind, due.due), clocks);

describe('DSH-1 当前超期 follows the clocks the sweep has flagged', () => {
  it('is not overdue before any breach, even past the deadline (the sweep has not looked yet)', () => {
    expect(isOverdue('collected', collected())).toBe(false);
  });

  it('is overdue in hand once a running clock is flagged breached', () => {
    const late = breachAll(collected(), new Date('2026-12-31T01:00:00Z'));
    expect(isOverdue('collected', late)).toBe(true);
    expect(isOverdue('registered', late)).toBe(true);
  });

  it('is never overdue closed, withdrawn or waiting for the enterprise', () => {
    const late = breachAll(collected(), new Date('2026-12-31T01:00:00Z'));
    for (const status of ['closed', 'withdrawn', 'waiting_enterprise']) expect(isOverdue(status, late)).toBe(false);
  });

  it('a stopped or paused clock does not count', () => {
    const late = breachAll(collected(), new Date('2026-12-31T01:00:00Z'));
    const stopped: MatterClocks = Object.fromEntries(
      Object.entries(late).map(([k, c]) => [k, { ...c, stoppedAt: new Date('2026-12-31T02:00:00Z') }]),
    );
    expect(isOverdue('registered', stopped)).toBe(false);
    const paused: MatterClocks = Object.fromEntries(
      Object.entries(late).map(([k, c]) => [k, { ...c, pausedAt: new Date('2026-12-31T02:00:00Z') }]),
    );
    expect(isOverdue('registered', paused)).toBe(false);
  });
});

describe('MAT-5 a supervision card says which deadline it is about', () => {
  it('names each clock due at the look, red when any is breached', () => {
    expect(supervisionCard([{ kind: 'reply', due: 'breach' }])).toEqual({ colour: 'red', note: '答复已超时（系统督办）' });
    expect(supervisionCard([{ kind: 'resolution', due: 'warn' }])).toEqual({ colour: 'yellow', note: '办理时限将至（系统督办）' });
    expect(
      supervisionCard([
        { kind: 'resolution', due: 'breach' },
        { kind: 'reply', due: 'warn' },
      ]),
    ).toEqual({ colour: 'red', note: '办理已超时，答复时限将至（系统督办）' });
  });
});
