import type { WorkCalendar } from '../calendar/work-calendar.ts';
import {
  CLOCK_KIND_LABELS,
  CLOCK_KINDS,
  clockStatus,
  extendClock,
  pauseClock,
  resumeClock,
  startClock,
  stopClock,
  type Clock,
  type ClockKind,
} from './clock.ts';
import type { Limits } from './limits.ts';
import type { MatterAction } from './workflow.ts';

/**
 * MAT-4 / MAT-5 which of a matter's three clocks each step starts, stops,
 * pauses or extends. 签收 runs while a desk owes a sign-for (the building for a
 * new matter, a department for a dispatch); 办理 runs from registration until the
 * result is reported back, restarting with the new level's limit on escalation;
 * 反馈企业 runs from intake until the enterprise has its answer. Waiting for the
 * enterprise pauses whatever runs.
 */

export interface StoredClock extends Clock {
  /** The yellow warning has been given (once per clock run). */
  warned: boolean;
  /** The breach has been acted on (once per clock run). */
  breached: boolean;
}

export type MatterClocks = Partial<Record<ClockKind, StoredClock>>;

type Op = { kind: ClockKind; op: 'start' | 'stop' | 'pause' | 'resume' } | { kind: ClockKind; op: 'extend'; minutes: number };

export function clockOpsFor(action: MatterAction, extensionMinutes = 0): Op[] {
  switch (action) {
    case 'collect':
      return [
        { kind: 'sign_for', op: 'start' },
        { kind: 'reply', op: 'start' },
      ];
    case 'register':
      return [
        { kind: 'sign_for', op: 'stop' },
        { kind: 'resolution', op: 'start' },
      ];
    case 'dispatch':
      return [{ kind: 'sign_for', op: 'start' }];
    case 'accept':
    case 'return':
      return [{ kind: 'sign_for', op: 'stop' }];
    case 'escalate':
      return [
        { kind: 'sign_for', op: 'stop' },
        { kind: 'resolution', op: 'start' },
      ];
    case 'resolve_on_site':
      return [
        { kind: 'sign_for', op: 'stop' },
        { kind: 'resolution', op: 'stop' },
      ];
    case 'request_info':
      return [
        { kind: 'resolution', op: 'pause' },
        { kind: 'reply', op: 'pause' },
      ];
    case 'provide_info':
      return [
        { kind: 'resolution', op: 'resume' },
        { kind: 'reply', op: 'resume' },
      ];
    case 'report_back':
      return [{ kind: 'resolution', op: 'stop' }];
    case 'reply':
      return [{ kind: 'reply', op: 'stop' }];
    case 'reopen':
      return [
        { kind: 'resolution', op: 'start' },
        { kind: 'reply', op: 'start' },
      ];
    case 'approve_extension':
      // The promise to the enterprise moves with the work it waits for.
      return [
        { kind: 'resolution', op: 'extend', minutes: extensionMinutes },
        { kind: 'reply', op: 'extend', minutes: extensionMinutes },
      ];
    case 'close':
    case 'withdraw':
      return CLOCK_KINDS.map((kind) => ({ kind, op: 'stop' as const }));
    case 'rate':
    case 'supervise':
    case 'request_extension':
    case 'refuse_extension':
    case 'deliberate':
      return [];
  }
}

const LIMIT_OF: Record<ClockKind, keyof Limits> = {
  sign_for: 'signForMinutes',
  resolution: 'resolutionMinutes',
  reply: 'replyMinutes',
};

/** The clocks after `action` at `at`, with `limits` for the matter's (new) level. */
export function applyClockOps(opts: {
  calendar: WorkCalendar;
  clocks: MatterClocks;
  action: MatterAction;
  at: Date;
  limits: Limits;
  extensionMinutes?: number;
}): MatterClocks {
  const next: MatterClocks = { ...opts.clocks };
  for (const op of clockOpsFor(opts.action, opts.extensionMinutes)) {
    const clock = next[op.kind];
    const running = clock && clock.stoppedAt === null;
    switch (op.op) {
      case 'start':
        next[op.kind] = {
          ...startClock({ calendar: opts.calendar, kind: op.kind, at: opts.at, limitMinutes: opts.limits[LIMIT_OF[op.kind]] }),
          warned: false,
          breached: false,
        };
        break;
      case 'stop':
        if (running) next[op.kind] = { ...clock, ...stopClock({ clock, at: opts.at }) };
        break;
      case 'pause':
        if (running && clock.pausedAt === null) next[op.kind] = { ...clock, ...pauseClock({ clock, at: opts.at }) };
        break;
      case 'resume':
        if (running && clock.pausedAt !== null)
          next[op.kind] = { ...clock, ...resumeClock({ calendar: opts.calendar, clock, at: opts.at }) };
        break;
      case 'extend':
        if (running && op.minutes > 0) {
          // A later deadline earns a fresh warning.
          next[op.kind] = {
            ...clock,
            ...extendClock({ calendar: opts.calendar, clock, extraMinutes: op.minutes }),
            warned: false,
            breached: false,
          };
        }
        break;
    }
  }
  return next;
}

/** What the sweeper owes a clock at `now`. */
export type ClockDue = { kind: ClockKind; due: 'warn' | 'breach' };

/**
 * MAT-5 the card the sweep gives for the clocks due at one look: red if any is breached, else yellow,
 * its note naming each clock ("办理已超时，答复时限将至（系统督办）"). The sweep and the demo
 * seed both word it here, so a card always says which deadline it is about.
 */
export function supervisionCard(dues: readonly ClockDue[]): { colour: 'yellow' | 'red'; note: string } {
  const colour = dues.some((d) => d.due === 'breach') ? 'red' : 'yellow';
  const named = dues.map((d) => `${CLOCK_KIND_LABELS[d.kind]['zh-CN']}${d.due === 'warn' ? '时限将至' : '已超时'}`);
  return { colour, note: `${named.join('，')}（系统督办）` };
}

export function dueClockActions(opts: { calendar: WorkCalendar; clocks: MatterClocks; now: Date }): ClockDue[] {
  const out: ClockDue[] = [];
  for (const kind of CLOCK_KINDS) {
    const clock = opts.clocks[kind];
    if (!clock || clock.stoppedAt !== null || clock.pausedAt !== null) continue;
    const status = clockStatus({ calendar: opts.calendar, clock, now: opts.now });
    if (status.colour === 'red' && !clock.breached) out.push({ kind, due: 'breach' });
    else if (status.colour === 'yellow' && !clock.warned) out.push({ kind, due: 'warn' });
  }
  return out;
}

/**
 * The next instant the sweeper must look at this matter: the earliest warning
 * or due time not yet acted on among running clocks; null when nothing runs.
 * This is the indexed column the sweeper selects by.
 */
export function nextCheckAt(opts: { calendar: WorkCalendar; clocks: MatterClocks }): Date | null {
  let next: number | null = null;
  for (const kind of CLOCK_KINDS) {
    const clock = opts.clocks[kind];
    if (!clock || clock.stoppedAt !== null || clock.pausedAt !== null || clock.breached) continue;
    // Red is strictly after the due instant, so the breach is looked at one second past it.
    const effective = clock.warned
      ? clock.dueAt.getTime() + 1000
      : clockStatus({ calendar: opts.calendar, clock, now: clock.startedAt }).warnAt.getTime();
    if (next === null || effective < next) next = effective;
  }
  return next === null ? null : new Date(next);
}

/** Marks a clock's warning or breach as acted on. */
export function markClock(clocks: MatterClocks, kind: ClockKind, due: 'warn' | 'breach'): MatterClocks {
  const clock = clocks[kind];
  if (!clock) return clocks;
  return { ...clocks, [kind]: { ...clock, warned: true, breached: due === 'breach' ? true : clock.breached } };
}

export function clocksToJson(clocks: MatterClocks): Record<string, unknown> {
  // Field by field, not a spread: the sweep serialises thousands of these a pass.
  const out: Record<string, unknown> = {};
  for (const kind of CLOCK_KINDS) {
    const c = clocks[kind];
    if (!c) continue;
    out[kind] = {
      kind: c.kind,
      startedAt: c.startedAt.toISOString(),
      limitMinutes: c.limitMinutes,
      dueAt: c.dueAt.toISOString(),
      pausedAt: c.pausedAt === null ? null : c.pausedAt.toISOString(),
      pausedMinutes: c.pausedMinutes,
      stoppedAt: c.stoppedAt === null ? null : c.stoppedAt.toISOString(),
      warned: c.warned,
      breached: c.breached,
    };
  }
  return out;
}

/** Stored JSON holds ISO strings; a row planned in memory (the sweep) may still hold the Dates. */
function date(v: unknown): Date | null {
  return v instanceof Date ? v : typeof v === 'string' ? new Date(v) : null;
}

export function clocksFromJson(value: unknown): MatterClocks {
  const out: MatterClocks = {};
  if (!value || typeof value !== 'object') return out;
  const raw = value as Record<string, Record<string, unknown> | undefined>;
  for (const kind of CLOCK_KINDS) {
    const c = raw[kind];
    if (!c) continue;
    out[kind] = {
      kind,
      startedAt: date(c.startedAt)!,
      dueAt: date(c.dueAt)!,
      limitMinutes: Number(c.limitMinutes),
      pausedAt: date(c.pausedAt),
      pausedMinutes: Number(c.pausedMinutes ?? 0),
      stoppedAt: date(c.stoppedAt),
      warned: c.warned === true,
      breached: c.breached === true,
    };
  }
  return out;
}

/** Statuses in which nobody owes the matter a step against a clock: 当前超期 never counts them. */
const NOT_IN_HAND = new Set(['closed', 'withdrawn', 'waiting_enterprise']);

/**
 * DSH-1 当前超期: the matter is in hand and one of its running clocks has been
 * found breached by the supervision sweep (which flags each breach once, within
 * a minute of it). Stored on the matter, so the dashboard sums it from the rollup.
 */
export function isOverdue(status: string, clocks: MatterClocks): boolean {
  if (NOT_IN_HAND.has(status)) return false;
  return Object.values(clocks).some((c) => c !== undefined && c.stoppedAt === null && c.pausedAt === null && c.breached);
}
