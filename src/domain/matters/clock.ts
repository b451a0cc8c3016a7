import type { WorkCalendar } from '../calendar/work-calendar.ts';

/**
 * MAT-4 / MAT-5 the deadline clocks of a matter. Each runs in working time on
 * the work calendar: 签收 sign-for, 办理 resolution, and 规定时间反馈企业 reply
 * to the enterprise. A clock pauses while the matter waits for the enterprise;
 * on resuming, its due time moves by the working time spent waiting. Its status
 * is green, yellow (warning, 黄牌) near the end, red (红牌) at breach.
 *
 * Clocks are values: every function returns a new clock, so the workflow can
 * store the columns and replay events into the same values.
 */

export const CLOCK_KINDS = ['sign_for', 'resolution', 'reply'] as const;
export type ClockKind = (typeof CLOCK_KINDS)[number];

export const CLOCK_KIND_LABELS: Readonly<Record<ClockKind, { 'zh-CN': string; en: string }>> = {
  sign_for: { 'zh-CN': '签收', en: 'sign-for' },
  resolution: { 'zh-CN': '办理', en: 'resolution' },
  reply: { 'zh-CN': '答复', en: 'reply to the enterprise' },
};

export interface Clock {
  kind: ClockKind;
  startedAt: Date;
  /** The limit in working minutes, extensions included. */
  limitMinutes: number;
  /** startedAt + limit + every finished pause, in working time. */
  dueAt: Date;
  pausedAt: Date | null;
  /** Working minutes of finished pauses. */
  pausedMinutes: number;
  stoppedAt: Date | null;
}

export type ClockColour = 'green' | 'yellow' | 'red' | 'paused' | 'stopped';

export interface ClockStatus {
  /** Working minutes left; negative once breached. Whole minutes, rounded towards the deadline's side (ceil). */
  remainingMinutes: number;
  /** Working minutes the clock has run, pauses excluded. Whole minutes (floor). */
  elapsedMinutes: number;
  colour: ClockColour;
  /** When the clock turns yellow if it keeps running; the index a sweeper watches (it skips paused and stopped clocks). */
  warnAt: Date;
}

export interface WarningPolicy {
  /** Yellow once this share of the limit or less is left. */
  share: number;
  /** …but never later than this many working minutes before the due time. */
  minimumMinutes: number;
}

/** Yellow for the last quarter of the limit, and for at least the last working hour. */
export const DEFAULT_WARNING: WarningPolicy = { share: 0.25, minimumMinutes: 60 };

export type ClockProblem = 'clock_paused' | 'clock_not_paused' | 'clock_stopped' | 'clock_time_order';

/** A move the clock's state does not allow; `problem` names it for the workflow to translate. */
export class ClockStateError extends Error {
  readonly problem: ClockProblem;
  constructor(problem: ClockProblem) {
    super(problem);
    this.name = 'ClockStateError';
    this.problem = problem;
  }
}

function assertLimit(minutes: number): void {
  if (!Number.isFinite(minutes) || minutes <= 0) throw new RangeError('limitMinutes must be a finite number > 0');
}

function assertAfter(at: Date, earlier: Date): void {
  if (at.getTime() < earlier.getTime()) throw new ClockStateError('clock_time_order');
}

function dueOf(calendar: WorkCalendar, clock: Pick<Clock, 'startedAt' | 'limitMinutes' | 'pausedMinutes'>): Date {
  return calendar.addWorkingMinutes(clock.startedAt, clock.limitMinutes + clock.pausedMinutes);
}

/** Starts a clock at `at`; outside office hours it first counts at the next session. */
export function startClock(opts: { calendar: WorkCalendar; kind: ClockKind; at: Date; limitMinutes: number }): Clock {
  assertLimit(opts.limitMinutes);
  const startedAt = new Date(opts.at);
  const dueAt = opts.calendar.addWorkingMinutes(startedAt, opts.limitMinutes);
  // One literal in the field order of Clock: clocks are started in bulk by imports and replays.
  return { kind: opts.kind, startedAt, limitMinutes: opts.limitMinutes, dueAt, pausedAt: null, pausedMinutes: 0, stoppedAt: null };
}

/** Waiting for the enterprise (待企业补充): the clock stands still until resumed. */
export function pauseClock(opts: { clock: Clock; at: Date }): Clock {
  const { clock, at } = opts;
  if (clock.stoppedAt) throw new ClockStateError('clock_stopped');
  if (clock.pausedAt) throw new ClockStateError('clock_paused');
  assertAfter(at, clock.startedAt);
  return { ...clock, pausedAt: new Date(at) };
}

/** Runs again; the due time moves by the working time the pause lasted (nights and holidays cost nothing). */
export function resumeClock(opts: { calendar: WorkCalendar; clock: Clock; at: Date }): Clock {
  const { calendar, clock, at } = opts;
  if (clock.stoppedAt) throw new ClockStateError('clock_stopped');
  if (!clock.pausedAt) throw new ClockStateError('clock_not_paused');
  assertAfter(at, clock.pausedAt);
  const pausedMinutes = clock.pausedMinutes + calendar.workingMinutesBetween(clock.pausedAt, at);
  const next = { ...clock, pausedAt: null, pausedMinutes };
  return { ...next, dueAt: dueOf(calendar, next) };
}

/**
 * The step is done (signed for, resolved, replied): the clock freezes. A clock
 * stopped while paused keeps its pausedAt, so its elapsed time stays what it was
 * when the pause began.
 */
export function stopClock(opts: { clock: Clock; at: Date }): Clock {
  const { clock, at } = opts;
  if (clock.stoppedAt) throw new ClockStateError('clock_stopped');
  assertAfter(at, clock.pausedAt ?? clock.startedAt);
  return { ...clock, stoppedAt: new Date(at) };
}

/** MAT-5 an approved extension (延期) lengthens the limit; the due time follows. */
export function extendClock(opts: { calendar: WorkCalendar; clock: Clock; extraMinutes: number }): Clock {
  const { calendar, clock } = opts;
  if (clock.stoppedAt) throw new ClockStateError('clock_stopped');
  assertLimit(opts.extraMinutes);
  const next = { ...clock, limitMinutes: clock.limitMinutes + opts.extraMinutes };
  return { ...next, dueAt: dueOf(calendar, next) };
}

/** Working minutes before the due time at which the clock turns yellow. */
export function warningMinutes(limitMinutes: number, policy: WarningPolicy = DEFAULT_WARNING): number {
  return Math.min(limitMinutes, Math.max(limitMinutes * policy.share, policy.minimumMinutes));
}

/** The instant the clock stopped counting by `now`: now, or an earlier pause or stop. */
function countedUntil(clock: Clock, now: Date): Date {
  let end = now;
  for (const t of [clock.pausedAt, clock.stoppedAt]) if (t && t.getTime() < end.getTime()) end = t;
  return end;
}

/**
 * Where a clock stands at `now`: what is left, what has run, its colour and when
 * it turns yellow. The due instant itself is still on time; red is after it.
 */
export function clockStatus(opts: { calendar: WorkCalendar; clock: Clock; now: Date; warning?: WarningPolicy }): ClockStatus {
  const { calendar, clock, now } = opts;
  const elapsed = Math.max(0, calendar.workingMinutesBetween(clock.startedAt, countedUntil(clock, now)) - clock.pausedMinutes);
  const remaining = clock.limitMinutes - elapsed;
  const warnBefore = warningMinutes(clock.limitMinutes, opts.warning);
  const warnAt = calendar.addWorkingMinutes(clock.startedAt, clock.limitMinutes - warnBefore + clock.pausedMinutes);
  let colour: ClockColour;
  if (clock.stoppedAt && clock.stoppedAt.getTime() <= now.getTime()) colour = 'stopped';
  else if (clock.pausedAt && clock.pausedAt.getTime() <= now.getTime()) colour = 'paused';
  else if (now.getTime() > clock.dueAt.getTime()) colour = 'red';
  else if (remaining <= warnBefore) colour = 'yellow';
  else colour = 'green';
  return { remainingMinutes: Math.ceil(remaining), elapsedMinutes: Math.floor(elapsed), colour, warnAt };
}

/** Whether the clock has run past its due instant by `now` (for a stopped clock: whether the step was done late). */
export function isBreached(opts: { clock: Clock; now: Date }): boolean {
  return countedUntil(opts.clock, opts.now).getTime() > opts.clock.dueAt.getTime();
}
