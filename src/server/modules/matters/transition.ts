import type { Kysely, Transaction, Updateable } from 'kysely';
import type { WorkCalendar } from '../../../domain/calendar/work-calendar.ts';
import { isBreached } from '../../../domain/matters/clock.ts';
import { MATTER_ACTION_LABELS, MATTER_STATUS_LABELS } from '../../../domain/matters/labels.ts';
import { applyClockOps, type MatterClocks } from '../../../domain/matters/matter-clocks.ts';
import type { CategoryKind, LimitsOverrides } from '../../../domain/matters/limits.ts';
import { closedOnTime } from '../../../domain/matters/reporting.ts';
import {
  MAX_REOPENS,
  MAX_RETURNS,
  applyMatterEvent,
  checkTransition,
  type MatterAction,
  type MatterEventInput,
  type MatterSnapshot,
  type MatterStatus,
  type Satisfaction,
  type TransitionProblem,
} from '../../../domain/matters/workflow.ts';
import { isWithinRegion } from '../../../domain/regions.ts';
import type { Actor } from '../../auth/actor.ts';
import { SYSTEM_ACTOR } from '../../auth/actor.ts';
import type { Database, MatterTable } from '../../db/schema.ts';
import { scopeWhere } from '../../db/scoped.ts';
import { AppError, invalidField, notFound } from '../../http/errors.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import { recordAudit, type AuditEntryInput } from '../audit/chain.ts';
import { loadWorkCalendar } from '../calendar/load.ts';
import { notifyMatters, type Audience, type MatterNotice } from './notify.ts';
import { levelRegion, mayTakeStep } from './policy.ts';
import {
  appendEvents,
  clocksOf,
  columnsOf,
  limitsFor,
  readLimitsOverrides,
  snapshotOf,
  type EventToWrite,
  type MatterCore,
  type MatterRow,
} from './state.ts';

export interface StepInput {
  action: Exclude<MatterAction, 'collect'>;
  /** The version the user acted on: a step on a matter that changed meanwhile is refused (409), never applied twice. */
  version: number;
  note?: string | null | undefined;
  handlerOrgId?: string | null | undefined;
  extensionMinutes?: number | undefined;
  satisfaction?: Satisfaction | undefined;
  colour?: 'yellow' | 'red' | undefined;
}

type Db = Kysely<Database>;

const HANDLER_KINDS = new Set([
  'department',
  'property_company',
  'party_organisation',
  'government',
  'building_management_committee',
  'building_party_committee',
]);

/** Problems of a step that are about one field of the form, shown under it. */
const FIELD_OF_PROBLEM: Partial<Record<TransitionProblem, [string, MessageKey]>> = {
  note_required: ['note', 'field.note_required'],
  handler_required: ['handlerOrgId', 'field.handler_required'],
  extension_minutes_required: ['extensionMinutes', 'field.extension_minutes_required'],
  satisfaction_required: ['satisfaction', 'field.satisfaction_required'],
  colour_required: ['colour', 'field.colour_required'],
};

function refuse(problem: TransitionProblem, snapshot: MatterSnapshot, action: MatterAction, locale: 'zh-CN' | 'en' = 'zh-CN'): AppError {
  const field = FIELD_OF_PROBLEM[problem];
  if (field) return invalidField(field[0], field[1]);
  if (problem === 'illegal_transition') {
    return new AppError('conflict', {
      key: 'matter.illegal_transition',
      params: { status: MATTER_STATUS_LABELS[snapshot.status][locale], action: MATTER_ACTION_LABELS[action][locale] },
    });
  }
  return new AppError('conflict', { key: `matter.${problem}` as MessageKey, params: { max: MAX_RETURNS } });
}

/** The department (or property company …) a matter may be dispatched to: one that serves the matter's area at its level. */
async function checkHandler(trx: Transaction<Database>, matter: MatterRow, handlerOrgId: string) {
  const org = await trx
    .selectFrom('organisation')
    .select(['id', 'kind', 'path', 'region_code', 'name'])
    .where('id', '=', handlerOrgId)
    .executeTakeFirst();
  const serves =
    org &&
    HANDLER_KINDS.has(org.kind) &&
    (isWithinRegion(matter.region_code, org.region_code) || isWithinRegion(org.region_code, levelRegion(matter.region_code, matter.level)));
  if (!org || !serves) throw invalidField('handlerOrgId', 'field.handler_invalid');
  return org;
}

interface Notice {
  audience: Audience;
  key: MessageKey;
  params?: Record<string, string | number>;
}

function noticesFor(action: MatterAction, after: MatterSnapshot, input: StepInput): Notice[] {
  switch (action) {
    case 'dispatch':
      return [{ audience: 'handler', key: 'notice.matter_dispatched' }];
    case 'return':
      return [{ audience: 'coordinator', key: 'notice.matter_returned' }];
    case 'escalate':
      return [{ audience: 'coordinator', key: 'notice.matter_escalated' }];
    case 'request_info':
      return [{ audience: 'enterprise', key: 'notice.matter_info_requested' }];
    case 'report_back':
      return [{ audience: 'coordinator', key: 'notice.matter_reported_back' }];
    case 'reply':
      return [{ audience: 'enterprise', key: 'notice.matter_replied' }];
    case 'reopen':
      return [{ audience: 'coordinator', key: 'notice.matter_reopened' }];
    case 'request_extension':
      return [{ audience: 'supervisor', key: 'notice.matter_extension_requested' }];
    case 'approve_extension':
    case 'refuse_extension':
      return [
        {
          audience: 'handler',
          key: 'notice.matter_extension_decided',
          params: { decision: action === 'approve_extension' ? '批准' : '驳回' },
        },
      ];
    case 'supervise': {
      const params = { card: input.colour === 'red' ? '红牌' : '黄牌' };
      const audiences: Audience[] = after.handlerOrgId ? ['handler', 'coordinator'] : ['coordinator'];
      return audiences.map((audience) => ({ audience, key: 'notice.matter_supervised' as const, params }));
    }
    default:
      return [];
  }
}

/**
 * MAT-2 … MAT-8 one step on a matter, all or nothing: the status change, its
 * clocks, the immutable event(s), the dispatch slip, the audit row and the
 * notices are written in one transaction. The row is locked and its version
 * checked, so of two concurrent steps exactly one wins; the other gets 409.
 */
export async function takeMatterStep(opts: {
  db: Db;
  actor: Actor;
  matterId: string;
  input: StepInput;
  calendar?: WorkCalendar;
  now?: Date;
  locale?: 'zh-CN' | 'en';
}): Promise<{ version: number }> {
  const { db, actor, input } = opts;
  const calendar = opts.calendar ?? (await loadWorkCalendar(db));
  const now = opts.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const matter = await trx
      .selectFrom('matter')
      .selectAll()
      .where('id', '=', opts.matterId)
      .where(scopeWhere(actor, 'matter', 'read'))
      .forUpdate()
      .executeTakeFirst();
    if (!matter) throw notFound();
    if (!mayTakeStep(actor, matter, input.action)) {
      throw new AppError('forbidden', {
        key: 'matter.not_your_step',
        params: { action: MATTER_ACTION_LABELS[input.action][opts.locale ?? 'zh-CN'] },
      });
    }
    if (matter.version !== input.version) throw new AppError('conflict', { key: 'matter.version_conflict' });
    return applyStep(trx, { matter, actor, input, calendar, now, locale: opts.locale ?? 'zh-CN' });
  });
}

/** What a step on a matter writes, worked out without touching the database (the sweeper plans many, then writes them at once). */
export interface PlannedStep<R extends MatterCore = MatterRow> {
  /** The matter as it will be stored (its clocks kept as objects until written). */
  row: R;
  /** The columns that change. */
  set: MatterColumns;
  events: EventToWrite[];
  audit: AuditEntryInput;
  notices: MatterNotice[];
}

type MatterColumns = Updateable<MatterTable> & { version: number; updated_at: Date };

export interface StepContext {
  categoryKind: CategoryKind;
  overrides: LimitsOverrides | null;
  /** The organisation a dispatch goes to, already checked (`checkHandler`). */
  handler: { id: string; name: string; path: string } | null;
}

/** The step on a row as it stands: refused with the user's message when the workflow forbids it. */
export function planStep<R extends MatterCore>(opts: {
  matter: R;
  actor: Actor;
  input: StepInput;
  calendar: WorkCalendar;
  now: Date;
  locale: 'zh-CN' | 'en';
  context: StepContext;
}): PlannedStep<R> {
  const { matter, actor, input, calendar, now } = opts;
  const { categoryKind, overrides, handler } = opts.context;
  const before = snapshotOf(matter);
  const event: MatterEventInput = { action: input.action, note: input.note ?? null, data: stepData(input) };
  const check = checkTransition(before, event);
  if (!check.ok) throw refuse(check.problem, before, input.action, opts.locale);

  const events: EventToWrite[] = [];
  let snapshot = before;
  let clocks: MatterClocks = clocksOf(matter);
  const step = (e: MatterEventInput, extra: Record<string, unknown> = {}) => {
    const from = snapshot.status;
    const pending = snapshot.pendingExtensionMinutes ?? 0;
    snapshot = applyMatterEvent(snapshot, e);
    const limits = limitsFor({ overrides, categoryKind, level: snapshot.level, priority: matter.priority, calendar });
    clocks = applyClockOps({ calendar, clocks, action: e.action, at: now, limits, extensionMinutes: pending });
    events.push({
      action: e.action,
      from,
      to: snapshot.status,
      level: snapshot.level,
      note: e.note ?? null,
      data: { ...(e.data ?? {}), ...extra },
    });
  };

  const signForBefore = clocks.sign_for;
  const replyBefore = clocks.reply;
  step(event, {
    ...(handler ? { handlerName: handler.name } : {}),
    ...(input.action === 'escalate' ? { fromLevel: before.level } : {}),
    ...(input.action === 'approve_extension' ? { extensionMinutes: before.pendingExtensionMinutes } : {}),
  });
  // MAT-7 a rating settles the matter: dissatisfied reopens it (up to a cap), anything else closes it.
  if (input.action === 'rate') {
    if (snapshot.satisfaction === 'dissatisfied' && snapshot.reopenCount < MAX_REOPENS)
      step({ action: 'reopen', note: '企业评价不满意，自动重办' });
    else step({ action: 'close', note: null });
  }

  const firstResponse =
    matter.responded_at === null && (input.action === 'register' || input.action === 'resolve_on_site' || input.action === 'accept');
  const closing = snapshot.status === 'closed' || snapshot.status === 'withdrawn';
  const set: MatterColumns = {
    ...columnsOf(snapshot, clocks, calendar),
    handler_path: handler ? handler.path : snapshot.handlerOrgId === null ? '' : matter.handler_path,
    ...(firstResponse ? { responded_at: now, responded_on_time: !(signForBefore && isBreached({ clock: signForBefore, now })) } : {}),
    ...(input.action === 'reply' && matter.replied_at === null
      ? { replied_at: now, replied_on_time: !(replyBefore && isBreached({ clock: replyBefore, now })) }
      : {}),
    ...(closing
      ? {
          closed_at: now,
          working_minutes_to_close: Math.round(calendar.workingMinutesBetween(matter.created_at, now)),
          closed_on_time: closedOnTime({ status: snapshot.status, clocks, repliedOnTime: matter.replied_on_time, now }),
        }
      : {}),
    ...(input.action === 'deliberate' ? { deliberation: input.note ?? null } : {}),
    version: matter.version + 1,
    updated_at: now,
  };
  // The clocks stay objects in memory (JSON.stringify writes their Dates as ISO strings, as clocksToJson would).
  const row = { ...matter, ...set, clocks } as R;
  const audit: AuditEntryInput = {
    actor,
    action: `matter.${input.action}`,
    entity: 'matter',
    entityId: matter.id,
    regionCode: matter.region_code,
    before: { status: before.status, level: before.level, handlerOrgId: before.handlerOrgId, version: matter.version },
    after: {
      status: snapshot.status,
      level: snapshot.level,
      handlerOrgId: snapshot.handlerOrgId,
      version: row.version,
      events: events.map((e) => e.action),
    },
  };
  const seq = `${matter.id}:${row.version}`;
  const notices = events
    .flatMap((e) => noticesFor(e.action as MatterAction, snapshot, input))
    .map((n) => ({
      matter: row,
      audience: n.audience,
      key: n.key,
      ...(n.params ? { params: n.params } : {}),
      dedupeKey: `matter:${seq}:${n.key}:${n.audience}`,
      statusLabel: MATTER_STATUS_LABELS[snapshot.status]['zh-CN'],
    }));
  return { row, set, events, audit, notices };
}

/** The step itself, on a locked row: planned, then written. */
export async function applyStep(
  trx: Transaction<Database>,
  opts: { matter: MatterRow; actor: Actor; input: StepInput; calendar: WorkCalendar; now: Date; locale: 'zh-CN' | 'en' },
): Promise<{ version: number }> {
  const { matter, actor, input, now } = opts;
  // Refuse an illegal step before reading anything for it.
  const check = checkTransition(snapshotOf(matter), { action: input.action, note: input.note ?? null, data: stepData(input) });
  if (!check.ok) throw refuse(check.problem, snapshotOf(matter), input.action, opts.locale);
  const handler = input.action === 'dispatch' ? await checkHandler(trx, matter, input.handlerOrgId!) : null;
  const category = await trx.selectFrom('matter_category').select('kind').where('id', '=', matter.category_id).executeTakeFirstOrThrow();
  const overrides = await readLimitsOverrides(trx);
  const plan = planStep({ ...opts, context: { categoryKind: category.kind, overrides, handler } });
  const updated = await trx.updateTable('matter').set(plan.set).where('id', '=', matter.id).returningAll().executeTakeFirstOrThrow();
  await appendEvents(trx, { matterId: matter.id, actor: actor === SYSTEM_ACTOR ? null : actor, events: plan.events, at: now });
  await writeSlip(trx, {
    matter: updated,
    from: matter.status as MatterStatus,
    action: input.action,
    handlerOrgId: handler?.id ?? null,
    note: input.note ?? null,
    actor,
    now,
    clocks: clocksOf(plan.row),
  });
  await recordAudit(trx, plan.audit);
  await notifyMatters(trx, plan.notices);
  return { version: updated.version };
}

function stepData(input: StepInput): MatterEventInput['data'] {
  return {
    handlerOrgId: input.handlerOrgId ?? null,
    ...(input.extensionMinutes !== undefined ? { extensionMinutes: input.extensionMinutes } : {}),
    ...(input.satisfaction ? { satisfaction: input.satisfaction } : {}),
    ...(input.colour ? { colour: input.colour } : {}),
  };
}

/** While a matter is in one of these, its last 派发单 is open: a return or an escalation closes it. */
export const SLIP_OPEN_IN: readonly MatterStatus[] = ['dispatched', 'accepted'];

/** MAT-2 the 楼宇事项派发单: written on dispatch, answered by sign-for or return. */
async function writeSlip(
  trx: Transaction<Database>,
  opts: {
    matter: MatterRow;
    /** The status before the step: only a matter in a department's hands has a 派发单 open. */
    from: MatterStatus;
    action: MatterAction;
    handlerOrgId: string | null;
    note: string | null;
    actor: Actor;
    now: Date;
    clocks: MatterClocks;
  },
): Promise<void> {
  const { matter, action, now } = opts;
  if (action === 'dispatch' && opts.handlerOrgId) {
    const count = await trx
      .selectFrom('dispatch_slip')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('matter_id', '=', matter.id)
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('dispatch_slip')
      .values({
        matter_id: matter.id,
        code: `${matter.code}-P${Number(count.n) + 1}`,
        level: matter.level,
        handler_org_id: opts.handlerOrgId,
        instructions: opts.note,
        dispatched_by: opts.actor.userId === '0' ? null : opts.actor.userId,
        dispatched_at: now,
        sign_for_due_at: opts.clocks.sign_for?.dueAt ?? null,
      })
      .execute();
    return;
  }
  if (action !== 'accept' && action !== 'return' && action !== 'escalate') return;
  // A reopened matter escalated from 已登记 leaves its earlier, answered 派发单 as it was (not "returned").
  if (!SLIP_OPEN_IN.includes(opts.from)) return;
  const open = await trx
    .selectFrom('dispatch_slip')
    .select('id')
    .where('matter_id', '=', matter.id)
    .where('returned_at', 'is', null)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!open) return;
  if (action === 'accept')
    await trx.updateTable('dispatch_slip').set({ accepted_at: now }).where('id', '=', open.id).where('accepted_at', 'is', null).execute();
  else await trx.updateTable('dispatch_slip').set({ returned_at: now, return_reason: opts.note }).where('id', '=', open.id).execute();
}
