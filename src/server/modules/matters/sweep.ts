import type { Kysely, Transaction } from 'kysely';
import type { WorkCalendar } from '../../../domain/calendar/work-calendar.ts';
import { CLOCK_KIND_LABELS, type ClockKind } from '../../../domain/matters/clock.ts';
import { MATTER_STATUS_LABELS } from '../../../domain/matters/labels.ts';
import { dueClockActions, markClock, type ClockDue } from '../../../domain/matters/matter-clocks.ts';
import { checkTransition, nextLevel, type MatterStatus } from '../../../domain/matters/workflow.ts';
import { SYSTEM_ACTOR } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';
import type { Sweep } from '../../jobs/runner.ts';
import { loadWorkCalendar } from '../calendar/load.ts';
import { notifyMatter } from './notify.ts';
import { clocksOf, columnsOf, snapshotOf, type MatterRow } from './state.ts';
import { applyStep, type StepInput } from './transition.ts';

/** Statuses in which a missed resolution time moves the matter one level up (MAT-5 自动上报). */
const ESCALATE_ON_BREACH: readonly MatterStatus[] = ['registered', 'dispatched', 'accepted'];

/**
 * MAT-5 the supervision sweep: selects matters whose `next_check_at` has come
 * (an indexed column), locks them with SKIP LOCKED so several instances share
 * the work without doubling it, and acts once per clock run: a yellow card
 * before the deadline; at breach a red card, and for the resolution clock an
 * escalation one level up. The acted-on flags are stored with the clock in
 * the same transaction, so no card is given twice.
 */
export async function sweepMatterClocks(opts: {
  db: Kysely<Database>;
  now?: Date;
  batch?: number;
  calendar?: WorkCalendar;
}): Promise<{ processed: number; warned: number; breached: number; escalated: number }> {
  const calendar = opts.calendar ?? (await loadWorkCalendar(opts.db));
  const batch = opts.batch ?? 200;
  const totals = { processed: 0, warned: 0, breached: 0, escalated: 0 };
  for (;;) {
    const now = opts.now ?? new Date();
    const done = await opts.db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('matter')
        .selectAll()
        .where('next_check_at', '<=', now)
        .orderBy('next_check_at')
        .limit(batch)
        .forUpdate()
        .skipLocked()
        .execute();
      for (const row of rows) {
        const dues = dueClockActions({ calendar, clocks: clocksOf(row), now });
        let current: MatterRow = row;
        for (const due of dues) current = await actOn(trx, current, due, calendar, now, totals);
        if (dues.length === 0) {
          // Nothing owed yet (a pause or an extension moved the clock): look again when it is.
          const columns = columnsOf(snapshotOf(current), clocksOf(current), calendar);
          await trx.updateTable('matter').set({ next_check_at: columns.next_check_at }).where('id', '=', current.id).execute();
        }
        totals.processed += 1;
      }
      return rows.length < batch;
    });
    if (done) return totals;
  }
}

async function actOn(
  t: Transaction<Database>,
  row: MatterRow,
  due: ClockDue,
  calendar: WorkCalendar,
  now: Date,
  totals: { warned: number; breached: number; escalated: number },
): Promise<MatterRow> {
  // The flag first, in this transaction: whatever follows, this clock run is not acted on again.
  const clocks = markClock(clocksOf(row), due.kind, due.due);
  const columns = columnsOf(snapshotOf(row), clocks, calendar);
  let current = await t
    .updateTable('matter')
    .set({ clocks: columns.clocks, next_check_at: columns.next_check_at })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const colour = due.due === 'warn' ? 'yellow' : 'red';
  const note = `${CLOCK_KIND_LABELS[due.kind]['zh-CN']}${due.due === 'warn' ? '时限将至' : '已超时'}（系统督办）`;
  if (due.due === 'warn') totals.warned += 1;
  else totals.breached += 1;
  const supervise: StepInput = { action: 'supervise', version: current.version, note, colour };
  if (checkTransition(snapshotOf(current), { action: 'supervise', note, data: { colour } }).ok) {
    await applyStep(t, { matter: current, actor: SYSTEM_ACTOR, input: supervise, calendar, now, locale: 'zh-CN' });
    current = await t.selectFrom('matter').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
  }
  await notifyClock(t, current, due.kind, due.due);
  if (
    due.due === 'breach' &&
    due.kind === 'resolution' &&
    ESCALATE_ON_BREACH.includes(current.status as MatterStatus) &&
    nextLevel(current.level)
  ) {
    const escalate: StepInput = { action: 'escalate', version: current.version, note: '办理超时，系统自动逐级上报' };
    await applyStep(t, { matter: current, actor: SYSTEM_ACTOR, input: escalate, calendar, now, locale: 'zh-CN' });
    totals.escalated += 1;
    current = await t.selectFrom('matter').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
  }
  return current;
}

async function notifyClock(trx: Transaction<Database>, matter: MatterRow, kind: ClockKind, due: 'warn' | 'breach'): Promise<void> {
  // The desk that owes the step hears first: the handler while a dispatch is open, else the coordinator.
  const audience = matter.handler_path ? 'handler' : 'coordinator';
  const runStart = clocksOf(matter)[kind]?.startedAt.getTime() ?? 0;
  await notifyMatter(trx, {
    matter,
    audience,
    key: due === 'warn' ? 'notice.matter_clock_warning' : 'notice.matter_clock_breach',
    params: { clock: CLOCK_KIND_LABELS[kind]['zh-CN'] },
    dedupeKey: `matter:${matter.id}:${kind}:${runStart}:${due}`,
    statusLabel: MATTER_STATUS_LABELS[matter.status as MatterStatus]['zh-CN'],
  });
}

export const matterClockSweep: Sweep = {
  name: 'matter-clocks',
  everySeconds: 60,
  async run(deps) {
    const result = await sweepMatterClocks({ db: deps.kysely });
    return { processed: result.processed };
  },
};
