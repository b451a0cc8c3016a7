/**
 * Shared by the matters benchmarks: a throw-away PostgreSQL database, migrated,
 * with a made-up city (13 districts × 10 streets, five departments a district)
 * and matters generated in SQL (generate_series), so a million rows take
 * seconds, not an hour of API calls.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import type { WorkCalendar } from '../src/domain/calendar/work-calendar.ts';
import { applyClockOps, dueClockActions, type MatterClocks } from '../src/domain/matters/matter-clocks.ts';
import type { Actor } from '../src/server/auth/actor.ts';
import { openDatabase, type Db } from '../src/server/db/index.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { limitsFor } from '../src/server/modules/matters/state.ts';
import { onInterrupt } from './lib.ts';

export const CITY = '359100';
export const DISTRICTS = 13;
export const STREETS = 10;

export interface BenchDb {
  db: Db;
  drop(): Promise<void>;
}

export async function throwAwayPostgres(): Promise<BenchDb> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('set DATABASE_URL to a PostgreSQL server (the benchmark creates and drops its own database)');
  const name = `hongtu_bench_${randomBytes(5).toString('hex')}`;
  const admin = async (text: string) => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    try {
      await c.query(text);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  let dropped = false;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString() });
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    forget();
    await db.close().catch(() => undefined);
    // BENCH_KEEP_DB=1 leaves the database for a look with psql afterwards (drop it yourself).
    if (process.env.BENCH_KEEP_DB === '1') return console.log(`kept database ${name}`);
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  };
  const forget = onInterrupt(drop);
  await migrate(db.pool);
  return { db, drop };
}

/** The city, its districts and streets, and five departments in every district. */
export async function createCity(db: Db): Promise<void> {
  await sql`INSERT INTO region (code, name, level, parent_code, prefix) VALUES
    ('350000', '福建省', 'province', NULL, '35') ON CONFLICT DO NOTHING`.execute(db.kysely);
  await sql`INSERT INTO region (code, name, level, parent_code, prefix) VALUES (${CITY}, '基准市', 'city', '350000', '3591')`.execute(
    db.kysely,
  );
  await sql`INSERT INTO region (code, name, level, parent_code, prefix)
    SELECT '3591' || lpad(d::text, 2, '0'), '基准区' || d, 'county', ${CITY}, '3591' || lpad(d::text, 2, '0')
    FROM generate_series(1, ${DISTRICTS}) d`.execute(db.kysely);
  await sql`INSERT INTO region (code, name, level, parent_code, prefix)
    SELECT '3591' || lpad(d::text, 2, '0') || lpad(s::text, 3, '0'), '基准区' || d || '街道' || s, 'township',
      '3591' || lpad(d::text, 2, '0'), '3591' || lpad(d::text, 2, '0') || lpad(s::text, 3, '0')
    FROM generate_series(1, ${DISTRICTS}) d, generate_series(1, ${STREETS}) s`.execute(db.kysely);
  await sql`INSERT INTO organisation (name, kind, department_kind, region_code, path)
    SELECT '基准区' || d || k, 'department', k, '3591' || lpad(d::text, 2, '0'), ''
    FROM generate_series(1, ${DISTRICTS}) d, unnest(ARRAY['tax', 'talent', 'market_regulation', 'police', 'commerce']) k`.execute(
    db.kysely,
  );
  await sql`UPDATE organisation SET path = '/' || id || '/' WHERE path = ''`.execute(db.kysely);
}

/**
 * `count` matters spread over the last year in the city: ~90 % closed, 3 % withdrawn,
 * the rest open; 40 % dispatched to the district department of their category; most at
 * the building, some escalated. Triggers are off while loading; the rollup is rebuilt after.
 */
export async function generateMatters(db: Db, count: number): Promise<void> {
  await sql`ALTER TABLE matter DISABLE TRIGGER USER`.execute(db.kysely);
  const chunk = 100_000;
  for (let start = 1; start <= count; start += chunk) {
    const end = Math.min(count, start + chunk - 1);
    await sql`
      INSERT INTO matter (code, title, description, category_id, source, priority, status, level, region_code,
        handler_org_id, handler_path, escalation_count, reopen_count, satisfaction, responded_at, responded_on_time,
        replied_at, replied_on_time, closed_at, working_minutes_to_close, closed_on_time, resolution_due_at, overdue, created_at, updated_at)
      SELECT 'B' || g, '基准事项', '基准事项', c.id, 'portal', CASE WHEN g % 20 = 0 THEN 'key_enterprise' ELSE 'normal' END,
        st.status, lv.level, '3591' || lpad((1 + g % ${DISTRICTS})::text, 2, '0') || lpad((1 + (g / ${DISTRICTS}) % ${STREETS})::text, 3, '0'),
        h.id, coalesce(h.path, ''), lv.esc, CASE WHEN g % 50 = 0 THEN 1 ELSE 0 END,
        CASE WHEN st.status = 'closed' THEN (ARRAY['satisfied', 'satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied'])[1 + g % 5] END,
        t.at + interval '2 hours', g % 9 <> 0, t.at + interval '3 days', g % 11 <> 0,
        CASE WHEN st.status IN ('closed', 'withdrawn') THEN t.at + interval '4 days' END,
        CASE WHEN st.status IN ('closed', 'withdrawn') THEN 300 + g % 3000 END,
        CASE WHEN st.status = 'closed' THEN g % 13 <> 0 END,
        CASE WHEN st.status NOT IN ('closed', 'withdrawn') THEN t.at + interval '5 days' END,
        -- As the sweep leaves them: in hand and past the resolution deadline (matter.overdue, migration 019).
        st.status NOT IN ('closed', 'withdrawn', 'waiting_enterprise') AND t.at + interval '5 days' < now(),
        t.at, t.at
      FROM generate_series(${start}::int, ${end}::int) g
      CROSS JOIN LATERAL (SELECT now() - (g % 36500) * interval '864 seconds' - interval '10 minutes' AS at) t
      CROSS JOIN LATERAL (SELECT CASE WHEN g % 100 < 90 THEN 'closed' WHEN g % 100 < 93 THEN 'withdrawn'
        ELSE (ARRAY['collected', 'registered', 'dispatched', 'accepted', 'waiting_enterprise', 'reported_back', 'replied'])[1 + g % 7] END AS status) st
      CROSS JOIN LATERAL (SELECT CASE WHEN g % 100 < 85 THEN 'building' WHEN g % 100 < 95 THEN 'street' WHEN g % 100 < 99 THEN 'district' ELSE 'city' END AS level) lv0
      CROSS JOIN LATERAL (SELECT lv0.level, CASE lv0.level WHEN 'building' THEN 0 WHEN 'street' THEN 1 WHEN 'district' THEN 2 ELSE 3 END AS esc) lv
      JOIN matter_category c ON c.id = 1 + g % 14
      LEFT JOIN organisation h ON g % 5 < 2 AND h.kind = 'department' AND h.department_kind = c.department_kind
        AND h.region_code = '3591' || lpad((1 + g % ${DISTRICTS})::text, 2, '0')`.execute(db.kysely);
  }
  await sql`ALTER TABLE matter ENABLE TRIGGER USER`.execute(db.kysely);
}

export function cityActor(role: Actor['role'] = 'city', regionCode: string = CITY): Actor {
  return {
    userId: '1',
    username: 'bench',
    displayName: '基准',
    role,
    locale: 'zh-CN',
    regionCode,
    organisationId: null,
    orgPath: null,
    personId: null,
  };
}

/** Nearest-rank percentile of numbers (ms). */
export function pct(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Clocks of a matter collected, registered, dispatched and accepted at the street at `at` (a consultation). */
export function streetClocksFrom(calendar: WorkCalendar, at: Date): MatterClocks {
  const limits = limitsFor({ overrides: null, categoryKind: 'consultation', level: 'street', priority: 'normal', calendar });
  let clocks: MatterClocks = {};
  for (const action of ['collect', 'register', 'dispatch', 'accept'] as const)
    clocks = applyClockOps({ calendar, clocks, action, at, limits });
  return clocks;
}

/** The latest start (in steps of 10 minutes back) whose clocks, at `now`, are all due for a yellow card and none for a red one. */
export function warningMarginStart(calendar: WorkCalendar, now: Date): Date {
  for (let minutes = 10; minutes < 14 * 24 * 60; minutes += 10) {
    const at = new Date(now.getTime() - minutes * 60_000);
    const dues = dueClockActions({ calendar, clocks: streetClocksFrom(calendar, at), now });
    if (dues.length > 0 && dues.every((d) => d.due === 'warn')) return at;
  }
  throw new Error('no start time gives a clock in its warning margin');
}
