import type { WorkCalendar } from '../../domain/calendar/work-calendar.ts';
import { isBreached } from '../../domain/matters/clock.ts';
import type { CategoryKind, MatterLevel, MatterPriority } from '../../domain/matters/limits.ts';
import { applyClockOps, dueClockActions, markClock, supervisionCard, type MatterClocks } from '../../domain/matters/matter-clocks.ts';
import { closedOnTime } from '../../domain/matters/reporting.ts';
import {
  MAX_REOPENS,
  applyMatterEvent,
  nextLevel,
  type MatterAction,
  type MatterEventData,
  type MatterSnapshot,
  type Satisfaction,
  checkTransition,
} from '../../domain/matters/workflow.ts';
import { columnsOf, limitsFor } from '../modules/matters/state.ts';
import type { Random } from './random.ts';

/**
 * Item 12 of the matters issue: one demo matter's life, lived through the
 * workflow's own functions (applyMatterEvent, applyClockOps, columnsOf) the
 * way takeMatterStep lives it, so replaying the events gives the row. Pure:
 * the caller writes the rows in bulk. Steps that would fall after `now`
 * do not happen, which leaves the recent matters open at a natural step.
 */
export type Party = 'enterprise' | 'coordinator' | 'handler' | 'supervisor' | 'system';

export interface Handler {
  id: string;
  path: string;
  name: string;
}

export interface LifeEvent {
  action: MatterAction;
  from: string | null;
  to: string;
  level: MatterLevel;
  party: Party;
  note: string | null;
  data: MatterEventData & Record<string, unknown>;
  at: Date;
}

export interface LifeSlip {
  level: MatterLevel;
  handler: Handler;
  instructions: string | null;
  dispatchedAt: Date;
  signForDueAt: Date | null;
  acceptedAt: Date | null;
  returnedAt: Date | null;
  returnReason: string | null;
}

export type Outcome = 'on_site' | 'dispatch' | 'escalate' | 'reopen' | 'returned' | 'info' | 'extension' | 'withdraw';

export interface LifePlan {
  createdAt: Date;
  categoryKind: CategoryKind;
  priority: MatterPriority;
  staffEntry: boolean;
  outcome: Outcome;
  /** Levels climbed for 'escalate'. */
  climbs: number;
  /** The department of the category's kind serving the matter; none: the desk resolves it itself. */
  handler: Handler | null;
  /** Stop after this many steps whatever the time (a stalled matter, for the red clocks). */
  stallAfter: number | null;
}

export interface Life {
  snapshot: MatterSnapshot;
  clocks: MatterClocks;
  events: LifeEvent[];
  slips: LifeSlip[];
  columns: ReturnType<typeof columnsOf> & {
    responded_at: Date | null;
    responded_on_time: boolean | null;
    replied_at: Date | null;
    replied_on_time: boolean | null;
    closed_at: Date | null;
    working_minutes_to_close: number | null;
    closed_on_time: boolean | null;
    handler_path: string;
    updated_at: Date;
  };
}

const NOTES: Partial<Record<MatterAction, readonly string[]>> = {
  resolve_on_site: ['楼宇服务站现场协调，当场解决', '联系物业现场处理完毕', '党群服务站工作人员现场答复政策'],
  escalate: ['楼宇层面无法协调，提请街道统筹', '涉及多个部门，需上级统筹协调', '需区级层面研究解决'],
  return: ['不属于本部门职责，请重新分派', '材料不全，请补充后再派'],
  request_info: ['请企业补充相关证明材料', '请提供具体发生时间和联系人'],
  provide_info: ['企业已补充材料', '企业已提供联系人及材料'],
  report_back: ['已按政策办理完毕', '已协调解决并电话告知企业', '已出具书面答复意见'],
  reply: ['已电话回复企业办理结果', '已当面向企业反馈办理情况', '已书面回复企业'],
  request_extension: ['需跨部门会商，申请延期'],
  withdraw: ['问题已自行解决，撤回事项', '重复提交，撤回'],
  reopen: ['企业评价不满意，自动重办'],
  dispatch: ['请按职责办理并按时反馈', '请及时签收办理'],
};

export function liveMatter(opts: { calendar: WorkCalendar; rnd: Random; plan: LifePlan; level: MatterLevel; now: Date }): Life {
  const { calendar, rnd, plan, now } = opts;
  const limitsAt = (level: MatterLevel) =>
    limitsFor({ overrides: null, categoryKind: plan.categoryKind, level, priority: plan.priority, calendar });
  let snapshot: MatterSnapshot | null = null;
  let clocks: MatterClocks = {};
  let at = plan.createdAt;
  const events: LifeEvent[] = [];
  const slips: LifeSlip[] = [];
  const cols = {
    responded_at: null as Date | null,
    responded_on_time: null as boolean | null,
    replied_at: null as Date | null,
    replied_on_time: null as boolean | null,
    closed_at: null as Date | null,
    working_minutes_to_close: null as number | null,
    closed_on_time: null as boolean | null,
    handler_path: '',
  };
  let stopped = false;

  /** One step at `when` (if it is not in the future), as applyStep takes it. */
  const take = (
    action: MatterAction,
    party: Party,
    when: Date,
    data: MatterEventData & Record<string, unknown> = {},
    note?: string,
  ): boolean => {
    if (stopped) return false;
    if (when.getTime() > now.getTime() || (plan.stallAfter !== null && events.length >= plan.stallAfter && action !== 'collect')) {
      stopped = true;
      return false;
    }
    at = when;
    const from = snapshot?.status ?? null;
    const pending = snapshot?.pendingExtensionMinutes ?? 0;
    const text = note ?? (NOTES[action] ? rnd.pick(NOTES[action]) : null);
    const before: MatterSnapshot | null = snapshot;
    snapshot = applyMatterEvent(snapshot, { action, note: text, data, level: opts.level });
    const signForBefore = clocks.sign_for;
    const replyBefore = clocks.reply;
    clocks = applyClockOps({ calendar, clocks, action, at, limits: limitsAt(snapshot.level), extensionMinutes: pending });
    events.push({ action, from, to: snapshot.status, level: snapshot.level, party, note: text, data, at });
    if (
      before &&
      !(plan.staffEntry && events.length === 2) &&
      cols.responded_at === null &&
      (action === 'register' || action === 'resolve_on_site' || action === 'accept')
    ) {
      cols.responded_at = at;
      cols.responded_on_time = !(signForBefore && isBreached({ clock: signForBefore, now: at }));
    }
    if (action === 'reply' && cols.replied_at === null) {
      cols.replied_at = at;
      cols.replied_on_time = !(replyBefore && isBreached({ clock: replyBefore, now: at }));
    }
    if (snapshot.status === 'closed' || snapshot.status === 'withdrawn') {
      cols.closed_at = at;
      cols.working_minutes_to_close = Math.round(calendar.workingMinutesBetween(plan.createdAt, at));
      cols.closed_on_time = closedOnTime({ status: snapshot.status, clocks, repliedOnTime: cols.replied_on_time, now: at });
    }
    if (action === 'dispatch' && plan.handler) cols.handler_path = plan.handler.path;
    if (snapshot.handlerOrgId === null) cols.handler_path = '';
    return true;
  };
  /** `share` of a limit later in working time, now and then late. */
  const after = (limitMinutes: number, lo: number, hi: number, lateChance = 0.1): Date => {
    const share = rnd.next() < lateChance ? 1.02 + rnd.next() * 0.8 : lo + rnd.next() * (hi - lo);
    return calendar.addWorkingMinutes(at, Math.max(5, Math.round(limitMinutes * share)));
  };
  const minutes = (lo: number, hi: number) => calendar.addWorkingMinutes(at, rnd.int(lo, hi));
  const limits = () => limitsAt(snapshot!.level);

  take('collect', 'enterprise', plan.createdAt, { source: plan.staffEntry ? 'staff' : 'portal' });
  if (plan.staffEntry) take('register', 'coordinator', plan.createdAt);
  else take('register', 'coordinator', after(limits().signForMinutes, 0.05, 0.9, 0.12));

  if (plan.outcome === 'withdraw') {
    take('withdraw', 'enterprise', minutes(30, 900));
  } else {
    for (let i = 0; i < (plan.outcome === 'escalate' ? plan.climbs : 0); i++) {
      if (!nextLevel(snapshot!.level)) break;
      take('escalate', 'coordinator', minutes(60, 1200), { fromLevel: snapshot!.level });
    }
    work();
    reply();
    let satisfaction: Satisfaction =
      plan.outcome === 'reopen'
        ? 'dissatisfied'
        : rnd.next() < 0.06
          ? 'dissatisfied'
          : rnd.next() < 0.25
            ? 'basically_satisfied'
            : 'satisfied';
    // A reopened matter is handled and rated again; past the reopen cap a dissatisfied rating closes it as such.
    while (rate(satisfaction) === 'reopened') {
      work();
      reply();
      satisfaction = rnd.next() < 0.3 ? 'dissatisfied' : rnd.next() < 0.7 ? 'basically_satisfied' : 'satisfied';
    }
  }

  /** MAT-7 the enterprise rates the reply; like applyStep, dissatisfaction reopens (up to the cap), anything else closes. */
  function rate(satisfaction: Satisfaction): 'reopened' | 'closed' | null {
    if (snapshot!.status !== 'replied' || !take('rate', 'enterprise', minutes(60, 4800), { satisfaction })) return null;
    if (satisfaction === 'dissatisfied' && snapshot!.reopenCount < MAX_REOPENS) {
      take('reopen', 'system', at);
      return 'reopened';
    }
    take('close', 'system', at);
    return 'closed';
  }

  // The dispatch-and-handle part of a life (or the on-the-spot resolution at the building).
  function work(): void {
    const onSite = !plan.handler || plan.outcome === 'on_site' || (plan.outcome === 'reopen' && rnd.next() < 0.5);
    if (snapshot!.level === 'building' && onSite) {
      take('resolve_on_site', 'coordinator', after(limits().resolutionMinutes, 0.05, 0.5, 0.05));
      return;
    }
    if (!plan.handler) return;
    dispatch();
    if (plan.outcome === 'returned' && take('return', 'handler', minutes(30, 600))) {
      markSlip({ returnedAt: at, returnReason: events[events.length - 1]!.note });
      dispatch();
    }
    if (!take('accept', 'handler', after(limits().signForMinutes, 0.05, 0.8, 0.1))) return;
    markSlip({ acceptedAt: at });
    if (plan.outcome === 'info' && take('request_info', 'handler', minutes(60, 900)))
      take('provide_info', 'enterprise', minutes(120, 2400));
    if (plan.outcome === 'extension') {
      const extensionMinutes = calendar.dayMinutes * rnd.int(2, 5);
      if (take('request_extension', 'handler', minutes(60, 1200), { extensionMinutes }))
        take('approve_extension', 'supervisor', minutes(30, 480), { extensionMinutes });
    }
    take('report_back', 'handler', after(limits().resolutionMinutes, 0.15, 0.85, 0.1));
  }
  function dispatch(): void {
    const handler = plan.handler!;
    if (!take('dispatch', 'coordinator', minutes(10, 240), { handlerOrgId: handler.id, handlerName: handler.name })) return;
    slips.push({
      level: snapshot!.level,
      handler,
      instructions: events[events.length - 1]!.note,
      dispatchedAt: at,
      signForDueAt: clocks.sign_for?.dueAt ?? null,
      acceptedAt: null,
      returnedAt: null,
      returnReason: null,
    });
  }
  function markSlip(change: Partial<LifeSlip>): void {
    const slip = slips[slips.length - 1];
    if (slip) Object.assign(slip, change);
  }
  function reply(): void {
    if (snapshot!.status !== 'reported_back') return;
    const reply = limits().replyMinutes;
    // The reply clock has run since intake: answer within what is left of it, now and then late.
    const left = Math.max(30, calendar.workingMinutesBetween(at, clocks.reply?.dueAt ?? at));
    const share = rnd.next() < 0.08 ? 1.1 + rnd.next() : 0.1 + rnd.next() * 0.8;
    take('reply', 'coordinator', calendar.addWorkingMinutes(at, Math.round(Math.min(left, reply) * share)));
  }

  // What the supervision sweep would have done by now to an open matter: one card naming the clocks due.
  let current: MatterSnapshot = snapshot!;
  const dues = dueClockActions({ calendar, clocks, now });
  for (const due of dues) clocks = markClock(clocks, due.kind, due.due);
  const card = supervisionCard(dues);
  const supervise = { action: 'supervise', note: card.note, data: { colour: card.colour } } as const;
  if (dues.length > 0 && checkTransition(current, supervise).ok) {
    const from = current.status;
    current = applyMatterEvent(current, supervise);
    events.push({
      action: 'supervise',
      from,
      to: current.status,
      level: current.level,
      party: 'system',
      note: supervise.note,
      data: supervise.data,
      at: now,
    });
    at = now;
  }
  snapshot = current;
  return { snapshot, clocks, events, slips, columns: { ...columnsOf(snapshot, clocks, calendar), ...cols, updated_at: at } };
}
