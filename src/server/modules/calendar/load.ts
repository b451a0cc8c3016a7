import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  DEFAULT_OFFICE_HOURS,
  checkOfficeHours,
  createWorkCalendar,
  type OfficeHours,
  type WorkCalendar,
} from '../../../domain/calendar/index.ts';
import type { Database } from '../../db/schema.ts';

/**
 * MAT-4 the installation's work calendar: the package's holidays, the overrides
 * table and the office hours setting. Built once and kept in process, because the
 * sweeper and dashboards compute deadlines for many rows; a write here drops it.
 * Other app instances see a write within CACHE_TTL_MS.
 */
export const OFFICE_HOURS_SETTING_KEY = 'work_calendar.office_hours';
export const CACHE_TTL_MS = 60_000;

interface Entry {
  calendar: Promise<WorkCalendar>;
  loadedAt: number;
}

const cache = new WeakMap<Kysely<Database>, Entry>();

const storedHours = z.object({
  sessions: z.array(z.object({ start: z.string(), end: z.string() })),
  summer: z.object({ from: z.string(), to: z.string(), sessions: z.array(z.object({ start: z.string(), end: z.string() })) }).nullable(),
});

/** The stored office hours, or the defaults when none are stored (or the row is unusable). */
export async function readOfficeHours(db: Kysely<Database>): Promise<{ officeHours: OfficeHours; stored: boolean }> {
  const row = await db.selectFrom('app_setting').select('value').where('key', '=', OFFICE_HOURS_SETTING_KEY).executeTakeFirst();
  const parsed = storedHours.safeParse(row?.value);
  if (!parsed.success || checkOfficeHours(parsed.data).length > 0) return { officeHours: DEFAULT_OFFICE_HOURS, stored: false };
  return { officeHours: parsed.data, stored: true };
}

async function readWorkCalendar(db: Kysely<Database>): Promise<WorkCalendar> {
  const [overrides, { officeHours }] = await Promise.all([
    db.selectFrom('calendar_override').select(['date', 'working', 'note']).execute(),
    readOfficeHours(db),
  ]);
  return createWorkCalendar({ overrides, officeHours });
}

/**
 * The work calendar the matter clocks run on. Pass the app's Kysely: inside a
 * transaction the calendar is read afresh (it sees the transaction's own writes).
 */
export async function loadWorkCalendar(db: Kysely<Database>): Promise<WorkCalendar> {
  if (db.isTransaction) return readWorkCalendar(db);
  const hit = cache.get(db);
  if (hit && Date.now() - hit.loadedAt < CACHE_TTL_MS) return hit.calendar;
  const entry: Entry = { calendar: readWorkCalendar(db), loadedAt: Date.now() };
  cache.set(db, entry);
  entry.calendar.catch(() => {
    if (cache.get(db) === entry) cache.delete(db);
  });
  return entry.calendar;
}

/**
 * Drops the cached calendar; call after the write has committed. A load that
 * began before the commit was cached at its start, so it is dropped too.
 */
export function invalidateWorkCalendar(db: Kysely<Database>): void {
  cache.delete(db);
}
