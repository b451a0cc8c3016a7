import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Agent, type TestContext } from '../../../../tests/support/app.ts';
import { createRegionTree, createUser } from '../../../../tests/support/factories.ts';
import { SYSTEM_ACTOR } from '../../auth/actor.ts';
import { setCalendarOverride } from './commands.ts';
import { loadWorkCalendar } from './load.ts';

let ctx: TestContext;
let admin: Agent;
let street: Agent;

const cn = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const wall = (t: Date) => new Date(t.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

interface Day {
  date: string;
  working: boolean;
  source: string;
  packageWorking: boolean;
  kind: string | null;
  holiday: string | null;
  note: string | null;
  minutes: number;
}
interface Year {
  year: number;
  covered: boolean;
  workingDays: number;
  dayMinutes: number;
  officeHours: { sessions: { start: string; end: string }[]; summer: unknown };
  days: Day[];
}
interface ErrorBody {
  error: { code: string; fields: { path: string; message: string }[] };
}

beforeAll(async () => {
  ctx = await createTestApp();
  const tree = await createRegionTree(ctx.db.kysely);
  const a = await createUser(ctx.db.kysely, { role: 'admin' });
  const s = await createUser(ctx.db.kysely, { role: 'street', regionCode: tree.townships[0] });
  [admin, street] = await Promise.all([login(ctx.app, a.username, a.password), login(ctx.app, s.username, s.password)]);
});
afterAll(() => ctx.close());

async function auditActions(entityId: string) {
  const rows = await ctx.db.kysely
    .selectFrom('audit_log')
    .select(['action', 'before', 'after'])
    .where('entity_id', '=', entityId)
    .orderBy('id')
    .execute();
  return rows;
}

describe('MAT-4 the working calendar API', () => {
  it('MAT-4 any signed-in user reads a year: holidays, make-up days and office hours, in their language', async () => {
    const res = await street.request('GET', '/api/calendar?year=2026');
    expect(res.statusCode, res.body).toBe(200);
    const year = res.json() as Year;
    expect(year).toMatchObject({ year: 2026, covered: true, workingDays: 248, dayMinutes: 390 });
    expect(year.days).toHaveLength(365);
    expect(year.days.find((d) => d.date === '2026-10-01')).toMatchObject({
      working: false,
      source: 'package',
      kind: 'holiday',
      holiday: '国庆节',
    });
    expect(year.days.find((d) => d.date === '2026-10-10')).toMatchObject({ working: true, kind: 'make_up_day', minutes: 390 });
    expect(year.officeHours.sessions).toEqual([
      { start: '08:30', end: '12:00' },
      { start: '14:30', end: '17:30' },
    ]);
    const en = (await street.request('GET', '/api/calendar?year=2026', undefined, { 'x-locale': 'en' })).json() as Year;
    expect(en.days.find((d) => d.date === '2026-02-17')?.holiday).toBe('Spring Festival');
    const later = (await street.request('GET', '/api/calendar?year=2035')).json() as Year;
    expect(later.covered).toBe(false);
    expect(later.days[0]?.source).toBe('weekday');
  });

  it('MAT-4 an administrator opens a holiday and closes a working day; the clocks follow at once; deleting restores the package', async () => {
    const before = await loadWorkCalendar(ctx.db.kysely);
    expect(wall(before.addWorkingDays(cn('2025-09-30 10:00'), 1))).toBe('2025-10-09 10:00');

    const open = await admin.request('PUT', '/api/calendar/overrides/2025-10-02', { working: true, note: '值班受理' });
    expect(open.statusCode, open.body).toBe(200);
    expect(open.json()).toMatchObject({ date: '2025-10-02', working: true, packageWorking: false, source: 'override', note: '值班受理' });
    const opened = await loadWorkCalendar(ctx.db.kysely);
    expect(opened).not.toBe(before);
    expect(wall(opened.addWorkingDays(cn('2025-09-30 10:00'), 1))).toBe('2025-10-02 10:00');

    const close = await admin.request('PUT', '/api/calendar/overrides/2025-10-09', { working: false });
    expect(close.statusCode, close.body).toBe(200);
    const del = await admin.request('DELETE', '/api/calendar/overrides/2025-10-02');
    expect(del.statusCode, del.body).toBe(200);
    expect(del.json()).toMatchObject({ working: false, source: 'package', note: null });
    expect(wall((await loadWorkCalendar(ctx.db.kysely)).addWorkingDays(cn('2025-09-30 10:00'), 1))).toBe('2025-10-10 10:00');

    expect((await auditActions('2025-10-02')).map((r) => r.action)).toEqual(['calendar.override.set', 'calendar.override.delete']);
    const again = await admin.request('DELETE', '/api/calendar/overrides/2025-10-02');
    expect(again.statusCode).toBe(404);
    await admin.request('DELETE', '/api/calendar/overrides/2025-10-09');
  });

  it('MAT-4 a year the package does not know is entered from the State Council notice in one request', async () => {
    const overrides = [
      { date: '2035-10-01', working: false, note: '国庆节' },
      { date: '2035-10-02', working: false, note: '国庆节' },
      { date: '2035-09-29', working: true, note: '国庆节调休上班' },
    ];
    const res = await admin.request('PUT', '/api/calendar/years/2035/overrides', { overrides });
    expect(res.statusCode, res.body).toBe(200);
    const year = res.json() as Year;
    expect(year.days.find((d) => d.date === '2035-09-29')).toMatchObject({ working: true, source: 'override' });
    expect(year.days.find((d) => d.date === '2035-10-01')).toMatchObject({ working: false, source: 'override' });
    // Replacing keeps only the new list.
    const replaced = await admin.request('PUT', '/api/calendar/years/2035/overrides', { overrides: overrides.slice(0, 1) });
    expect((replaced.json() as Year).days.filter((d) => d.source === 'override').map((d) => d.date)).toEqual(['2035-10-01']);
    const audit = await auditActions('2035');
    expect(audit.map((r) => r.action)).toEqual(['calendar.year.replace', 'calendar.year.replace']);
    expect((audit[1]?.before as unknown[]).length).toBe(3);

    const outside = await admin.request('PUT', '/api/calendar/years/2035/overrides', {
      overrides: [{ date: '2036-01-01', working: false }],
    });
    expect(outside.statusCode).toBe(400);
    expect((outside.json() as ErrorBody).error.fields).toEqual([{ path: 'overrides.0.date', message: '该日期不在 2035 年内' }]);
  });

  it('MAT-4 office hours are validated field by field, in the caller’s language, and nothing is written', async () => {
    const bad = {
      sessions: [
        { start: '08:30', end: '12:00' },
        { start: '11:30', end: '17:30' },
        { start: '18:00', end: '17:00' },
      ],
      summer: { from: '6-1', to: '09-30', sessions: [{ start: '8:00', end: '12:00' }] },
    };
    const zh = await admin.request('PUT', '/api/calendar/sessions', bad);
    expect(zh.statusCode).toBe(400);
    expect((zh.json() as ErrorBody).error.fields).toEqual(
      expect.arrayContaining([
        { path: 'sessions.1.start', message: '办公时段须按时间先后排列且互不重叠' },
        { path: 'sessions.2.end', message: '结束时间须晚于开始时间' },
        { path: 'summer.from', message: '日期格式应为 MM-DD' },
        { path: 'summer.sessions.0.start', message: '时间格式应为 HH:MM（24 小时制）' },
      ]),
    );
    const en = await admin.request('PUT', '/api/calendar/sessions', { sessions: [], summer: null }, { 'x-locale': 'en' });
    expect((en.json() as ErrorBody).error.fields).toEqual([{ path: 'sessions', message: 'Enter at least one session' }]);
    const badDate = await admin.request('PUT', '/api/calendar/overrides/2025-02-29', { working: true });
    expect(badDate.statusCode).toBe(400);
    expect((badDate.json() as ErrorBody).error.fields[0]?.path).toBe('params.date');
    expect(await auditActions('work_calendar.office_hours')).toEqual([]);
  });

  it('MAT-4 new office hours move every deadline and are audited', async () => {
    const hours = {
      sessions: [
        { start: '09:00', end: '12:00' },
        { start: '13:30', end: '17:30' },
      ],
      summer: null,
    };
    const res = await admin.request('PUT', '/api/calendar/sessions', hours);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ officeHours: hours, dayMinutes: 420 });
    const calendar = await loadWorkCalendar(ctx.db.kysely);
    expect(wall(calendar.addWorkingMinutes(cn('2025-07-01 11:00'), 120))).toBe('2025-07-01 14:30');
    const audit = await auditActions('work_calendar.office_hours');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'calendar.office_hours.set', before: null, after: hours });
  });

  it('MAT-4 inside a transaction the calendar is read afresh, so a command sees its own override', async () => {
    await setCalendarOverride({ db: ctx.db.kysely, actor: SYSTEM_ACTOR, date: '2026-10-08', input: { working: false } });
    let seen: boolean | null = null;
    const rollback = new Error('rollback');
    await expect(
      ctx.db.kysely.transaction().execute(async (trx) => {
        await trx.updateTable('calendar_override').set({ working: true }).where('date', '=', '2026-10-08').execute();
        seen = (await loadWorkCalendar(trx)).isWorkingDay('2026-10-08');
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect(seen).toBe(true);
    expect((await loadWorkCalendar(ctx.db.kysely)).isWorkingDay('2026-10-08')).toBe(false);
  });
});
