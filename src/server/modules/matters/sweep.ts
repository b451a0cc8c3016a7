import { sql, type Kysely, type Transaction } from 'kysely';
import type { WorkCalendar } from '../../../domain/calendar/work-calendar.ts';
import { CLOCK_KIND_LABELS } from '../../../domain/matters/clock.ts';
import { MATTER_STATUS_LABELS } from '../../../domain/matters/labels.ts';
import type { CategoryKind, LimitsOverrides } from '../../../domain/matters/limits.ts';
import { dueClockActions, markClock, nextCheckAt, supervisionCard } from '../../../domain/matters/matter-clocks.ts';
import { checkTransition, nextLevel, type MatterStatus } from '../../../domain/matters/workflow.ts';
import { SYSTEM_ACTOR } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';
import type { Sweep } from '../../jobs/runner.ts';
import { recordAuditBatch, type AuditEntryInput } from '../audit/chain.ts';
import { loadWorkCalendar } from '../calendar/load.ts';
import { ROLLUP_COUNT_COLUMNS } from '../matter-dashboard/figures.ts';
import { notifyMatters, type Audience, type MatterNotice } from './notify.ts';
import {
  MATTER_CORE_COLUMNS,
  appendEventsOfMany,
  clocksOf,
  columnsOf,
  readLimitsOverrides,
  snapshotOf,
  type EventToWrite,
  type MatterCore,
} from './state.ts';
import { SLIP_OPEN_IN, planStep, type StepInput } from './transition.ts';

/** Statuses in which a missed resolution time moves the matter one level up (MAT-5 自动上报). */
const ESCALATE_ON_BREACH: readonly MatterStatus[] = ['registered', 'dispatched', 'accepted'];
const ESCALATE_NOTE = '办理超时，系统自动逐级上报';

interface Totals {
  processed: number;
  warned: number;
  breached: number;
  escalated: number;
}

/**
 * MAT-5 the supervision sweep: selects matters whose `next_check_at` has come
 * (an indexed column), locks them with SKIP LOCKED so several instances share
 * the work without doubling it, and acts once per clock run: a yellow card
 * before the deadline; at breach a red card, and for the resolution clock an
 * escalation one level up. The acted-on flags are stored with the clock in
 * the same transaction, so no card is given twice.
 *
 * A batch is worked out in memory (the same `planStep` a person's step uses)
 * and written with one statement per kind of row — matters, events, slips,
 * audit rows, notices — so a pass costs a few round trips, not a few per matter.
 */
export async function sweepMatterClocks(opts: {
  db: Kysely<Database>;
  now?: Date;
  batch?: number;
  /** Batches worked at once, each on its own connection (default 2: one plans while another writes). */
  workers?: number;
  calendar?: WorkCalendar;
}): Promise<Totals> {
  const calendar = opts.calendar ?? (await loadWorkCalendar(opts.db));
  const batch = opts.batch ?? 250;
  const totals: Totals = { processed: 0, warned: 0, breached: 0, escalated: 0 };
  // SKIP LOCKED hands each worker rows no other holds, so workers here share a pass as instances share the work.
  const worker = async () => {
    for (;;) {
      const now = opts.now ?? new Date();
      const done = await opts.db.transaction().execute(async (trx) => {
        const rows = await trx
          .selectFrom('matter')
          .select(MATTER_CORE_COLUMNS)
          .where('next_check_at', '<=', now)
          .orderBy('next_check_at')
          .limit(batch)
          .forUpdate()
          .skipLocked()
          .execute();
        if (rows.length === 0) return true;
        const categoryIds = [...new Set(rows.map((r) => r.category_id))];
        const [categories, overrides] = await Promise.all([
          trx.selectFrom('matter_category').select(['id', 'kind']).where('id', 'in', categoryIds).execute(),
          readLimitsOverrides(trx),
        ]);
        const kindOf = new Map(categories.map((c) => [c.id, c.kind]));
        const plan = planSweep({ rows, calendar, now, kindOf, overrides, totals });
        await writeSweep(trx, plan, now);
        return rows.length < batch;
      });
      if (done) return;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.workers ?? 2) }, worker));
  return totals;
}

interface SweepPlan {
  /** Every selected matter as it will be stored. */
  matters: MatterCore[];
  events: { matterId: string; events: EventToWrite[] }[];
  /** Escalated matters whose open 派发单 the escalation returns. */
  slipsToReturn: string[];
  audits: AuditEntryInput[];
  notices: MatterNotice[];
}

/**
 * The columns a sweep may change on a matter, with their SQL types: supervise and escalate
 * steps and the clock flags touch no others. One list for the check and the batch update.
 */
const SWEPT_COLUMNS = [
  ['status', 'text'],
  ['level', 'text'],
  ['return_count', 'int'],
  ['reopen_count', 'int'],
  ['escalation_count', 'int'],
  ['handler_org_id', 'bigint'],
  ['handler_path', 'text'],
  ['pending_extension_minutes', 'int'],
  ['supervision', 'text'],
  ['satisfaction', 'text'],
  ['clocks', 'jsonb'],
  ['sign_for_due_at', 'timestamptz'],
  ['resolution_due_at', 'timestamptz'],
  ['reply_due_at', 'timestamptz'],
  ['next_check_at', 'timestamptz'],
  ['overdue', 'boolean'],
  ['version', 'int'],
  ['updated_at', 'timestamptz'],
] as const satisfies readonly (readonly [keyof MatterCore, string])[];
const SWEPT = new Set<string>(SWEPT_COLUMNS.map(([c]) => c));

/** Exported for bench/matters-sweep-plan.ts, which measures it without a database. */
export function planSweep(opts: {
  rows: MatterCore[];
  calendar: WorkCalendar;
  now: Date;
  kindOf: Map<string, CategoryKind>;
  overrides: LimitsOverrides | null;
  totals: Totals;
}): SweepPlan {
  const { calendar, now, totals } = opts;
  const plan: SweepPlan = { matters: [], events: [], slipsToReturn: [], audits: [], notices: [] };
  for (const row of opts.rows) {
    const context = { categoryKind: opts.kindOf.get(row.category_id)!, overrides: opts.overrides, handler: null };
    const events: EventToWrite[] = [];
    const step = (matter: MatterCore, input: StepInput, notify: boolean): MatterCore => {
      const planned = planStep({ matter, actor: SYSTEM_ACTOR, input, calendar, now, locale: 'zh-CN', context });
      for (const column of Object.keys(planned.set)) {
        if (!SWEPT.has(column)) throw new Error(`the sweep does not write matter.${column}`);
      }
      events.push(...planned.events);
      if (notify) plan.notices.push(...planned.notices);
      return planned.row;
    };

    let clocks = clocksOf(row);
    const dues = dueClockActions({ calendar, clocks, now });
    if (dues.length === 0) {
      // Nothing owed yet (a pause or an extension moved the clock): look again when it is.
      plan.matters.push({ ...row, next_check_at: nextCheckAt({ calendar, clocks }) });
      totals.processed += 1;
      continue;
    }
    // The flags with the card, in this transaction: whatever follows, these clock runs are not acted on again.
    for (const due of dues) clocks = markClock(clocks, due.kind, due.due);
    // The clocks stay objects in memory (JSON.stringify writes their Dates as ISO strings, as clocksToJson would).
    let current = { ...row, clocks } as MatterCore;
    const breaches = dues.filter((d) => d.due === 'breach');
    const warnings = dues.filter((d) => d.due === 'warn');
    totals.breached += breaches.length;
    totals.warned += warnings.length;
    // Clocks due at the same look get one card, naming each (two cards at one instant would say the same twice).
    const { colour, note } = supervisionCard(dues);
    if (checkTransition(snapshotOf(current), { action: 'supervise', note, data: { colour } }).ok) {
      current = step(current, { action: 'supervise', version: current.version, note, colour }, false);
    } else {
      current = { ...current, ...columnsOf(snapshotOf(current), clocks, calendar), clocks } as MatterCore;
    }
    // One notice of the warnings and one of the breaches, naming their clocks, to each desk concerned
    // (the step's own 督办 notice would say less).
    const audiences: Audience[] = current.handler_path ? ['handler', 'coordinator'] : ['coordinator'];
    for (const group of [warnings, breaches]) {
      if (group.length === 0) continue;
      const kind = group[0]!.due;
      const runs = group.map((d) => `${d.kind}:${clocks[d.kind]?.startedAt.getTime() ?? 0}`).join('+');
      for (const audience of audiences) {
        plan.notices.push({
          matter: current,
          audience,
          key: kind === 'warn' ? 'notice.matter_clock_warning' : 'notice.matter_clock_breach',
          params: { clock: group.map((d) => CLOCK_KIND_LABELS[d.kind]['zh-CN']).join('、') },
          dedupeKey: `matter:${current.id}:${runs}:${kind}`,
          statusLabel: MATTER_STATUS_LABELS[current.status as MatterStatus]['zh-CN'],
        });
      }
    }
    if (
      breaches.some((d) => d.kind === 'resolution') &&
      ESCALATE_ON_BREACH.includes(current.status as MatterStatus) &&
      nextLevel(current.level)
    ) {
      const from = current.status as MatterStatus;
      current = step(current, { action: 'escalate', version: current.version, note: ESCALATE_NOTE }, true);
      // Only a matter in a department's hands has an open 派发单 for the escalation to return.
      if (SLIP_OPEN_IN.includes(from)) plan.slipsToReturn.push(current.id);
      totals.escalated += 1;
    }
    plan.matters.push(current);
    if (events.length > 0) {
      plan.events.push({ matterId: row.id, events });
      // One audit row for what this pass did to the matter (its events name each card and step).
      plan.audits.push({
        actor: SYSTEM_ACTOR,
        action: 'matter.sweep',
        entity: 'matter',
        entityId: row.id,
        regionCode: row.region_code,
        before: { status: row.status, level: row.level, handlerOrgId: row.handler_org_id, version: row.version },
        after: {
          status: current.status,
          level: current.level,
          handlerOrgId: current.handler_org_id,
          version: current.version,
          events: events.map((e) => e.action),
        },
      });
    }
    totals.processed += 1;
  }
  return plan;
}

async function writeSweep(trx: Transaction<Database>, plan: SweepPlan, now: Date): Promise<void> {
  const matters = plan.matters.map((m) => Object.fromEntries([['id', m.id], ...SWEPT_COLUMNS.map(([c]) => [c, m[c]])]));
  // The rollup follows the batch in one statement of deltas (migration 023): the per-row
  // trigger is off for this transaction.
  await sql`SELECT set_config('hongtu.rollup_by_batch', 'on', true)`.execute(trx);
  const counts = sql.join(ROLLUP_COUNT_COLUMNS.map((c) => sql.ref(c)));
  const sums = sql.join(ROLLUP_COUNT_COLUMNS.map((c) => sql`sum(d.sign * d.${sql.ref(c)})`));
  await sql`
    WITH old AS (SELECT m AS row FROM matter m WHERE m.id = ANY (${plan.matters.map((m) => m.id)}::bigint[])),
    upd AS (
      UPDATE matter m SET ${sql.join(SWEPT_COLUMNS.map(([c]) => sql`${sql.ref(c)} = v.${sql.ref(c)}`))}
      FROM jsonb_to_recordset(${JSON.stringify(matters)}::jsonb)
        AS v(id bigint, ${sql.join(SWEPT_COLUMNS.map(([c, type]) => sql`${sql.ref(c)} ${sql.raw(type)}`))})
      WHERE m.id = v.id
      RETURNING m AS row),
    d AS (
      SELECT (matter_rollup_of(old.row)).*, -1 AS sign FROM old
      UNION ALL
      SELECT (matter_rollup_of(upd.row)).*, 1 AS sign FROM upd)
    INSERT INTO matter_rollup_delta (month, region9, category_id, handler_org_id, ${counts})
    SELECT d.month, d.region9, d.category_id, d.handler_org_id, ${sums}
    FROM d GROUP BY d.month, d.region9, d.category_id, d.handler_org_id
    -- A card changes nothing the dashboard counts: its matter's old and new contributions cancel.
    HAVING ${sql.join(
      ROLLUP_COUNT_COLUMNS.map((c) => sql`sum(d.sign * d.${sql.ref(c)}) <> 0`),
      sql` OR `,
    )}`.execute(trx);

  await appendEventsOfMany(trx, { matters: plan.events, actor: null, at: now });

  if (plan.slipsToReturn.length > 0) {
    // An escalation takes the matter from the desk it was dispatched to: its open 派发单 is returned with the reason.
    await sql`
      UPDATE dispatch_slip d SET returned_at = ${now}, return_reason = ${ESCALATE_NOTE}
      FROM (SELECT DISTINCT ON (matter_id) id FROM dispatch_slip
            WHERE matter_id = ANY (${plan.slipsToReturn}::bigint[]) AND returned_at IS NULL
            ORDER BY matter_id, id DESC) open
      WHERE d.id = open.id`.execute(trx);
  }
  await recordAuditBatch(trx, plan.audits);
  await notifyMatters(trx, plan.notices);
}

export const matterClockSweep: Sweep = {
  name: 'matter-clocks',
  everySeconds: 60,
  async run(deps) {
    const result = await sweepMatterClocks({ db: deps.kysely });
    return { processed: result.processed };
  },
};
