import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/actor.ts';
import { mayConfigureCalendar } from '../../auth/policy.ts';
import type { Database } from '../../db/schema.ts';
import { forbidden, invalidField, notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/chain.ts';
import { OFFICE_HOURS_SETTING_KEY, invalidateWorkCalendar, readOfficeHours } from './load.ts';
import type { OfficeHoursInput, OverrideInput, YearOverridesInput } from './schemas.ts';

/** MAT-4 the administrator's changes to the working calendar; each is audited and drops the cached calendar once committed. */

function assertMayConfigure(actor: Actor): void {
  if (!mayConfigureCalendar(actor)) throw forbidden();
}

/** Makes one date a working day or a day off, whatever the package says. */
export async function setCalendarOverride(opts: { db: Kysely<Database>; actor: Actor; date: string; input: OverrideInput }): Promise<void> {
  const { db, actor, date, input } = opts;
  assertMayConfigure(actor);
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('calendar_override').selectAll().where('date', '=', date).forUpdate().executeTakeFirst();
    const values = {
      working: input.working,
      note: input.note || null,
      updated_by: actor.userId === '0' ? null : actor.userId,
      updated_at: new Date(),
    };
    const after = await trx
      .insertInto('calendar_override')
      .values({ date, ...values })
      .onConflict((oc) => oc.column('date').doUpdateSet(values))
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      action: 'calendar.override.set',
      entity: 'calendar_override',
      entityId: date,
      before: before ?? null,
      after,
    });
  });
  invalidateWorkCalendar(db);
}

/** Gives a date back to the package's arrangement. */
export async function deleteCalendarOverride(opts: { db: Kysely<Database>; actor: Actor; date: string }): Promise<void> {
  const { db, actor, date } = opts;
  assertMayConfigure(actor);
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('calendar_override').selectAll().where('date', '=', date).forUpdate().executeTakeFirst();
    if (!before) throw notFound();
    await trx.deleteFrom('calendar_override').where('date', '=', date).execute();
    await recordAudit(trx, { actor, action: 'calendar.override.delete', entity: 'calendar_override', entityId: date, before, after: null });
  });
  invalidateWorkCalendar(db);
}

/**
 * A year's overrides at once, replacing that year's earlier ones: how an
 * administrator enters the State Council's notice for a year the package does
 * not know yet. One audit row holds the year's list before and after.
 */
export async function replaceYearOverrides(opts: {
  db: Kysely<Database>;
  actor: Actor;
  year: number;
  input: YearOverridesInput;
}): Promise<void> {
  const { db, actor, year, input } = opts;
  assertMayConfigure(actor);
  input.overrides.forEach((o, i) => {
    if (Number(o.date.slice(0, 4)) !== year) throw invalidField(`overrides.${i}.date`, 'field.override_outside_year', { year });
  });
  const [from, to] = [`${year}-01-01`, `${year}-12-31`];
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('calendar_override')
      .selectAll()
      .where('date', '>=', from)
      .where('date', '<=', to)
      .orderBy('date')
      .forUpdate()
      .execute();
    await trx.deleteFrom('calendar_override').where('date', '>=', from).where('date', '<=', to).execute();
    const updatedBy = actor.userId === '0' ? null : actor.userId;
    const after =
      input.overrides.length === 0
        ? []
        : await trx
            .insertInto('calendar_override')
            .values(input.overrides.map((o) => ({ date: o.date, working: o.working, note: o.note || null, updated_by: updatedBy })))
            .returningAll()
            .execute();
    after.sort((a, b) => (a.date < b.date ? -1 : 1));
    await recordAudit(trx, { actor, action: 'calendar.year.replace', entity: 'calendar_override', entityId: String(year), before, after });
  });
  invalidateWorkCalendar(db);
}

/** Sets the office hours every working day's clock runs in. */
export async function setOfficeHours(opts: { db: Kysely<Database>; actor: Actor; input: OfficeHoursInput }): Promise<void> {
  const { db, actor, input } = opts;
  assertMayConfigure(actor);
  const value = { sessions: input.sessions, summer: input.summer };
  await db.transaction().execute(async (trx) => {
    await trx.selectFrom('app_setting').select('key').where('key', '=', OFFICE_HOURS_SETTING_KEY).forUpdate().executeTakeFirst();
    const { officeHours: before, stored } = await readOfficeHours(trx);
    await trx
      .insertInto('app_setting')
      .values({ key: OFFICE_HOURS_SETTING_KEY, value: JSON.stringify(value) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: (eb) => eb.ref('excluded.value') }))
      .execute();
    await recordAudit(trx, {
      actor,
      action: 'calendar.office_hours.set',
      entity: 'app_setting',
      entityId: OFFICE_HOURS_SETTING_KEY,
      before: stored ? before : null,
      after: value,
    });
  });
  invalidateWorkCalendar(db);
}
