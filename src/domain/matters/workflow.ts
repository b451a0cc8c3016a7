import { MATTER_LEVELS, type MatterLevel } from './limits.ts';

/**
 * MAT-2 / MAT-3 / MAT-5 / MAT-7 the life of a matter (楼宇事项) as data.
 *
 * The article's six steps are the spine: 收集 collect → 登记 register → 分派
 * dispatch → 解决 (the handler signs for it and works on it) → 反馈 report back →
 * 回复 reply to the enterprise; then 评价 rating and 办结 close. Real practice adds
 * the side paths: 签收/退回 accept or return a dispatch (returns are capped, so a
 * matter cannot bounce for ever), 一线处置 resolve on the spot at the building,
 * 逐级上报 escalate one level up, waiting for the enterprise (pauses the clocks),
 * 延期 extensions approved by the level above, 督办 supervision, 重办 reopen
 * when the enterprise is dissatisfied, and withdrawal by the enterprise.
 *
 * The table below is the whole truth: the server refuses anything it does not
 * list, and `replayMatter` rebuilds a matter from its events with it (MAT-8).
 */

export const MATTER_STATUSES = [
  'collected',
  'registered',
  'dispatched',
  'accepted',
  'waiting_enterprise',
  'reported_back',
  'replied',
  'closed',
  'withdrawn',
] as const;
export type MatterStatus = (typeof MATTER_STATUSES)[number];

export const FINAL_STATUSES: readonly MatterStatus[] = ['closed', 'withdrawn'];
export const OPEN_STATUSES: readonly MatterStatus[] = MATTER_STATUSES.filter((s) => !FINAL_STATUSES.includes(s));

export const MATTER_ACTIONS = [
  'collect',
  'register',
  'dispatch',
  'accept',
  'return',
  'resolve_on_site',
  'escalate',
  'request_info',
  'provide_info',
  'report_back',
  'reply',
  'rate',
  'reopen',
  'close',
  'withdraw',
  'supervise',
  'request_extension',
  'approve_extension',
  'refuse_extension',
  'deliberate',
] as const;
export type MatterAction = (typeof MATTER_ACTIONS)[number];

/** Who takes a step: the coordinating office at the matter's level, the department it was dispatched to, the enterprise, or the platform. */
export type MatterParty = 'coordinator' | 'handler' | 'enterprise' | 'supervisor' | 'system';

export interface Transition {
  from: readonly MatterStatus[];
  /** The status after the step; `null` keeps the status (an annotation such as 督办). */
  to: MatterStatus | null;
  /** Who may take it; the server maps parties to roles and scopes. */
  by: readonly MatterParty[];
  /** A note is required (a reason for returns, escalations, withdrawals …). */
  needsNote: boolean;
}

const OPEN_BEFORE_REPLY: readonly MatterStatus[] = [
  'collected',
  'registered',
  'dispatched',
  'accepted',
  'waiting_enterprise',
  'reported_back',
];

export const TRANSITIONS: Readonly<Record<MatterAction, Transition>> = {
  // Creation is an event too, so a matter's whole life replays from its events.
  collect: { from: [], to: 'collected', by: ['enterprise', 'coordinator', 'system'], needsNote: false },
  register: { from: ['collected'], to: 'registered', by: ['coordinator'], needsNote: false },
  dispatch: { from: ['registered'], to: 'dispatched', by: ['coordinator'], needsNote: false },
  accept: { from: ['dispatched'], to: 'accepted', by: ['handler'], needsNote: false },
  return: { from: ['dispatched', 'accepted'], to: 'registered', by: ['handler'], needsNote: true },
  resolve_on_site: { from: ['collected', 'registered'], to: 'reported_back', by: ['coordinator'], needsNote: true },
  escalate: { from: ['registered', 'dispatched', 'accepted'], to: 'registered', by: ['coordinator', 'system'], needsNote: true },
  request_info: { from: ['accepted'], to: 'waiting_enterprise', by: ['handler'], needsNote: true },
  provide_info: { from: ['waiting_enterprise'], to: 'accepted', by: ['enterprise', 'coordinator'], needsNote: true },
  report_back: { from: ['accepted'], to: 'reported_back', by: ['handler'], needsNote: true },
  reply: { from: ['reported_back'], to: 'replied', by: ['coordinator'], needsNote: true },
  rate: { from: ['replied'], to: null, by: ['enterprise', 'coordinator'], needsNote: false },
  reopen: { from: ['replied'], to: 'registered', by: ['system', 'coordinator'], needsNote: true },
  close: { from: ['replied'], to: 'closed', by: ['coordinator', 'system'], needsNote: false },
  withdraw: { from: OPEN_BEFORE_REPLY, to: 'withdrawn', by: ['enterprise'], needsNote: true },
  supervise: { from: OPEN_BEFORE_REPLY, to: null, by: ['supervisor', 'system'], needsNote: true },
  request_extension: { from: ['accepted', 'waiting_enterprise'], to: null, by: ['handler'], needsNote: true },
  approve_extension: { from: ['accepted', 'waiting_enterprise'], to: null, by: ['supervisor'], needsNote: false },
  refuse_extension: { from: ['accepted', 'waiting_enterprise'], to: null, by: ['supervisor'], needsNote: true },
  deliberate: { from: OPEN_BEFORE_REPLY, to: null, by: ['coordinator', 'supervisor'], needsNote: true },
};

/** A dispatch may be returned this many times in a matter's life; then it must be handled or escalated. */
export const MAX_RETURNS = 3;
/** A matter may be reopened this many times; the next dissatisfaction is recorded and the matter closes as dissatisfied. */
export const MAX_REOPENS = 2;

export const SATISFACTION = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type Satisfaction = (typeof SATISFACTION)[number];

/** What the workflow needs to know of a matter; the projection of its events. */
export interface MatterSnapshot {
  status: MatterStatus;
  level: MatterLevel;
  returnCount: number;
  reopenCount: number;
  escalationCount: number;
  /** The department the current dispatch went to, if any. */
  handlerOrgId: string | null;
  /** An extension asked for and not yet answered, in working minutes. */
  pendingExtensionMinutes: number | null;
  supervision: 'yellow' | 'red' | null;
  satisfaction: Satisfaction | null;
}

/** Data some actions carry; the server validates it, the workflow checks what the table depends on. */
export interface MatterEventData {
  handlerOrgId?: string | null;
  extensionMinutes?: number;
  satisfaction?: Satisfaction;
  colour?: 'yellow' | 'red';
}

export interface MatterEventInput {
  action: MatterAction;
  note?: string | null;
  data?: MatterEventData;
}

export type TransitionProblem =
  | 'illegal_transition'
  | 'note_required'
  | 'return_cap_reached'
  | 'top_level'
  | 'not_building_level'
  | 'handler_required'
  | 'extension_pending'
  | 'no_extension_pending'
  | 'extension_minutes_required'
  | 'satisfaction_required'
  | 'colour_required'
  | 'already_rated'
  | 'not_dissatisfied';

export type TransitionCheck = { ok: true; to: MatterStatus } | { ok: false; problem: TransitionProblem };

export function nextLevel(level: MatterLevel): MatterLevel | null {
  const i = MATTER_LEVELS.indexOf(level);
  return i < MATTER_LEVELS.length - 1 ? MATTER_LEVELS[i + 1]! : null;
}

export function initialSnapshot(level: MatterLevel = 'building'): MatterSnapshot {
  return {
    status: 'collected',
    level,
    returnCount: 0,
    reopenCount: 0,
    escalationCount: 0,
    handlerOrgId: null,
    pendingExtensionMinutes: null,
    supervision: null,
    satisfaction: null,
  };
}

/** Whether `event` may happen to `matter` now, and the status it leads to. */
export function checkTransition(matter: MatterSnapshot | null, event: MatterEventInput): TransitionCheck {
  const rule = TRANSITIONS[event.action];
  if (matter === null) return event.action === 'collect' ? { ok: true, to: 'collected' } : { ok: false, problem: 'illegal_transition' };
  if (!rule.from.includes(matter.status)) return { ok: false, problem: 'illegal_transition' };
  if (rule.needsNote && !event.note?.trim()) return { ok: false, problem: 'note_required' };
  const data = event.data ?? {};
  switch (event.action) {
    case 'return':
      if (matter.returnCount >= MAX_RETURNS) return { ok: false, problem: 'return_cap_reached' };
      break;
    case 'escalate':
      if (nextLevel(matter.level) === null) return { ok: false, problem: 'top_level' };
      break;
    case 'resolve_on_site':
      if (matter.level !== 'building') return { ok: false, problem: 'not_building_level' };
      break;
    case 'dispatch':
      if (!data.handlerOrgId) return { ok: false, problem: 'handler_required' };
      break;
    case 'request_extension':
      if (matter.pendingExtensionMinutes !== null) return { ok: false, problem: 'extension_pending' };
      if (!data.extensionMinutes || data.extensionMinutes <= 0) return { ok: false, problem: 'extension_minutes_required' };
      break;
    case 'approve_extension':
    case 'refuse_extension':
      if (matter.pendingExtensionMinutes === null) return { ok: false, problem: 'no_extension_pending' };
      break;
    case 'rate':
      if (!data.satisfaction) return { ok: false, problem: 'satisfaction_required' };
      if (matter.satisfaction !== null) return { ok: false, problem: 'already_rated' };
      break;
    case 'reopen':
      if (matter.satisfaction !== 'dissatisfied') return { ok: false, problem: 'not_dissatisfied' };
      break;
    case 'supervise':
      if (!data.colour) return { ok: false, problem: 'colour_required' };
      break;
    default:
      break;
  }
  return { ok: true, to: rule.to ?? matter.status };
}

/** The matter after `event`; the event must have passed `checkTransition`. */
export function applyMatterEvent(matter: MatterSnapshot | null, event: MatterEventInput & { level?: MatterLevel }): MatterSnapshot {
  const check = checkTransition(matter, event);
  if (!check.ok) throw new Error(`illegal matter event ${event.action}: ${check.problem}`);
  const base = matter ?? initialSnapshot(event.level ?? 'building');
  const next: MatterSnapshot = { ...base, status: check.to };
  const data = event.data ?? {};
  switch (event.action) {
    case 'dispatch':
      next.handlerOrgId = data.handlerOrgId ?? null;
      break;
    case 'return':
      next.returnCount += 1;
      next.handlerOrgId = null;
      next.pendingExtensionMinutes = null;
      break;
    case 'escalate':
      next.level = nextLevel(base.level) ?? base.level;
      next.escalationCount += 1;
      next.handlerOrgId = null;
      next.pendingExtensionMinutes = null;
      // A new level starts with a clean card; supervision is about the desk that missed the time.
      next.supervision = null;
      break;
    case 'request_extension':
      next.pendingExtensionMinutes = data.extensionMinutes ?? null;
      break;
    case 'approve_extension':
    case 'refuse_extension':
      next.pendingExtensionMinutes = null;
      break;
    case 'supervise':
      // Red stays red until the matter moves on; a later yellow does not soften it.
      next.supervision = base.supervision === 'red' ? 'red' : (data.colour ?? base.supervision);
      break;
    case 'rate':
      next.satisfaction = data.satisfaction ?? null;
      break;
    case 'reopen':
      next.reopenCount += 1;
      next.satisfaction = null;
      next.handlerOrgId = null;
      next.supervision = null;
      break;
    case 'report_back':
    case 'resolve_on_site':
      next.supervision = null;
      break;
    default:
      break;
  }
  return next;
}

/** MAT-8 a matter rebuilt from its events alone. */
export function replayMatter(events: readonly (MatterEventInput & { level?: MatterLevel })[]): MatterSnapshot | null {
  let matter: MatterSnapshot | null = null;
  for (const event of events) matter = applyMatterEvent(matter, event);
  return matter;
}

/** The actions the table allows from a status (for buttons); guards are checked when taken. */
export function actionsFrom(status: MatterStatus): MatterAction[] {
  return MATTER_ACTIONS.filter((a) => TRANSITIONS[a].from.includes(status));
}
