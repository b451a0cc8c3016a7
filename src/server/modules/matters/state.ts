import { sql, type Insertable, type RawBuilder, type Selectable, type SqlBool, type Transaction } from 'kysely';
import type { WorkCalendar } from '../../../domain/calendar/work-calendar.ts';
import {
  resolveLimits,
  validateLimitsOverrides,
  type CategoryKind,
  type Limits,
  type LimitsOverrides,
  type MatterLevel,
  type MatterPriority,
} from '../../../domain/matters/limits.ts';
import { clocksFromJson, clocksToJson, isOverdue, nextCheckAt, type MatterClocks } from '../../../domain/matters/matter-clocks.ts';
import type { MatterEventData, MatterSnapshot, MatterStatus } from '../../../domain/matters/workflow.ts';
import type { Database, MatterEventTable, MatterTable } from '../../db/schema.ts';

export type MatterRow = Selectable<MatterTable>;

/** What a matter's texts, contact, place on the map and search vector are: columns no workflow step reads. */
type MatterDetailColumn =
  | 'description'
  | 'contact_name'
  | 'contact_phone_enc'
  | 'contact_phone_mask'
  | 'address'
  | 'lat'
  | 'lng'
  | 'deliberation'
  | 'idempotency_key'
  | 'search';
/** A matter as the workflow reads it (the sweep reads no more: a long description or search vector would only be parsed). */
export type MatterCore = Omit<MatterRow, MatterDetailColumn>;
export const MATTER_CORE_COLUMNS = [
  'id',
  'code',
  'title',
  'category_id',
  'source',
  'priority',
  'status',
  'level',
  'enterprise_id',
  'building_id',
  'region_code',
  'org_path',
  'enterprise_path',
  'handler_org_id',
  'handler_path',
  'return_count',
  'reopen_count',
  'escalation_count',
  'supervision',
  'pending_extension_minutes',
  'satisfaction',
  'clocks',
  'sign_for_due_at',
  'resolution_due_at',
  'reply_due_at',
  'next_check_at',
  'overdue',
  'responded_at',
  'responded_on_time',
  'replied_at',
  'replied_on_time',
  'closed_at',
  'closed_on_time',
  'working_minutes_to_close',
  'submitted_by',
  'version',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof MatterCore)[];
/** Fails to compile while a column of the table is neither read above nor named a detail. */
type Unread = Exclude<keyof MatterCore, (typeof MATTER_CORE_COLUMNS)[number]>;
export const MATTER_CORE_COMPLETE: [Unread] extends [never] ? true : Unread = true;

/** The workflow's view of a stored matter. */
export function snapshotOf(row: MatterCore): MatterSnapshot {
  return {
    status: row.status as MatterStatus,
    level: row.level,
    returnCount: row.return_count,
    reopenCount: row.reopen_count,
    escalationCount: row.escalation_count,
    handlerOrgId: row.handler_org_id,
    pendingExtensionMinutes: row.pending_extension_minutes,
    supervision: row.supervision,
    satisfaction: row.satisfaction,
  };
}

/** The columns a snapshot and its clocks project onto. */
export function columnsOf(snapshot: MatterSnapshot, clocks: MatterClocks, calendar: WorkCalendar) {
  return {
    status: snapshot.status,
    level: snapshot.level,
    return_count: snapshot.returnCount,
    reopen_count: snapshot.reopenCount,
    escalation_count: snapshot.escalationCount,
    handler_org_id: snapshot.handlerOrgId,
    pending_extension_minutes: snapshot.pendingExtensionMinutes,
    supervision: snapshot.supervision,
    satisfaction: snapshot.satisfaction,
    clocks: JSON.stringify(clocksToJson(clocks)),
    sign_for_due_at: clocks.sign_for && !clocks.sign_for.stoppedAt ? clocks.sign_for.dueAt : null,
    resolution_due_at: clocks.resolution && !clocks.resolution.stoppedAt ? clocks.resolution.dueAt : null,
    reply_due_at: clocks.reply && !clocks.reply.stoppedAt ? clocks.reply.dueAt : null,
    next_check_at: nextCheckAt({ calendar, clocks }),
    overdue: isOverdue(snapshot.status, clocks),
  };
}

export function clocksOf(row: Pick<MatterRow, 'clocks'>): MatterClocks {
  return clocksFromJson(row.clocks);
}

export const LIMITS_SETTING_KEY = 'matters.limits';

/** MAT-4 the installation's overrides of the limits table (admin-set), or none. */
export async function readLimitsOverrides(db: Pick<Transaction<Database>, 'selectFrom'>): Promise<LimitsOverrides | null> {
  const row = await db.selectFrom('app_setting').select('value').where('key', '=', LIMITS_SETTING_KEY).executeTakeFirst();
  return limitsOverridesOf(row?.value);
}

/** The stored setting's value as overrides (none when absent or not valid). */
export function limitsOverridesOf(value: unknown): LimitsOverrides | null {
  if (value === undefined || value === null) return null;
  const checked = validateLimitsOverrides(value);
  return checked.ok ? checked.overrides : null;
}

export function limitsFor(opts: {
  overrides: LimitsOverrides | null;
  categoryKind: CategoryKind;
  level: MatterLevel;
  priority: MatterPriority;
  calendar: WorkCalendar;
}): Limits {
  return resolveLimits({
    table: opts.overrides,
    categoryKind: opts.categoryKind,
    level: opts.level,
    priority: opts.priority,
    dayMinutes: opts.calendar.dayMinutes,
  });
}

export interface EventToWrite {
  action: string;
  from: MatterStatus | null;
  to: MatterStatus;
  level: MatterLevel;
  note: string | null;
  data: MatterEventData & Record<string, unknown>;
}

/** Appends events after the matter's last one; (matter_id, seq) is unique, so a racing writer fails rather than interleaves. */
export async function appendEvents(
  trx: Transaction<Database>,
  opts: {
    matterId: string;
    actor: { userId: string; displayName: string } | null;
    events: EventToWrite[];
    at: Date;
  },
): Promise<void> {
  await appendEventsOfMany(trx, {
    matters: [{ matterId: opts.matterId, events: opts.events }],
    actor: opts.actor,
    at: opts.at,
  });
}

/** The same for many matters (a sweep's batch): one read of their last event numbers, one insert. */
export async function appendEventsOfMany(
  trx: Transaction<Database>,
  opts: {
    matters: readonly { matterId: string; events: readonly EventToWrite[] }[];
    actor: { userId: string; displayName: string } | null;
    at: Date;
  },
): Promise<void> {
  const matters = opts.matters.filter((m) => m.events.length > 0);
  if (matters.length === 0) return;
  const last = await trx
    .selectFrom('matter_event')
    .select(['matter_id', (eb) => eb.fn.max('seq').as('seq')])
    .where(sql<SqlBool>`matter_id = ANY (${matters.map((m) => m.matterId)}::bigint[])`)
    .groupBy('matter_id')
    .execute();
  const lastSeq = new Map(last.map((r) => [String(r.matter_id), Number(r.seq)]));
  const rows = matters.flatMap(({ matterId, events }) =>
    eventRowsOf({ matterId, events, afterSeq: lastSeq.get(matterId) ?? 0, actor: opts.actor, at: opts.at }),
  );
  await insertEventsSql(rows).execute(trx);
}

/**
 * The insert of event rows as one statement of one text however many rows: a recordset,
 * not a VALUES list (a sweep's 3,000 events were 33,000 parameters to parse).
 */
export function insertEventsSql(rows: readonly Insertable<MatterEventTable>[]): RawBuilder<unknown> {
  return sql`
    INSERT INTO matter_event (matter_id, seq, action, from_status, to_status, level, actor_user_id, actor_name, note, data, created_at)
    SELECT matter_id, seq, action, from_status, to_status, level, actor_user_id, actor_name, note, data::jsonb, created_at
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(matter_id bigint, seq integer, action text, from_status text,
      to_status text, level text, actor_user_id bigint, actor_name text, note text, data text, created_at timestamptz)`;
}

/** The rows of a matter's events numbered after `afterSeq` (0 for a new matter). */
export function eventRowsOf(opts: {
  matterId: string;
  events: readonly EventToWrite[];
  afterSeq: number;
  actor: { userId: string; displayName: string } | null;
  at: Date;
}): Insertable<MatterEventTable>[] {
  let seq = opts.afterSeq;
  return opts.events.map((e) => ({
    matter_id: opts.matterId,
    seq: (seq += 1),
    action: e.action,
    from_status: e.from,
    to_status: e.to,
    level: e.level,
    actor_user_id: opts.actor && opts.actor.userId !== '0' ? opts.actor.userId : null,
    actor_name: opts.actor?.displayName ?? '系统',
    note: e.note,
    data: JSON.stringify(e.data),
    created_at: opts.at,
  }));
}
