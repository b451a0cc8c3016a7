/**
 * MAT-5 the supervision sweep with 1,000,000 open matters of which 1,000 are
 * due, on PostgreSQL (DATABASE_URL; a throw-away database). Target: < 100 ms
 * per pass. The due matters were dispatched to a district department and
 * accepted two weeks ago at the street: their resolution and reply clocks are
 * long breached, so each gets two red cards and one escalation to the district,
 * with their events, audit rows, the returned 派发单 and the notices to the
 * department's and the street's accounts. Printed: that pass, the next pass
 * when nothing is due (the steady state, every minute), and the indexed
 * selection of the due rows alone; and beside them, in the same run, the floor:
 * the least any sweep must write for those matters (rows moved up, two events
 * each) as bare SQL, so the pass reads as a ratio on whatever machine runs it.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/matters-sweep.ts
 */
import { Kysely, PostgresDialect, sql, type LogEvent } from 'kysely';
import type { Database } from '../src/server/db/schema.ts';
import { createWorkCalendar } from '../src/domain/calendar/index.ts';
import { clocksToJson } from '../src/domain/matters/matter-clocks.ts';
import { sweepMatterClocks } from '../src/server/modules/matters/sweep.ts';
import { cpuSpeedMs, fixed, formatTable, machine, writeResult } from './lib.ts';
import { CITY, DISTRICTS, STREETS, createCity, pct, streetClocksFrom, throwAwayPostgres, warningMarginStart } from './matters-lib.ts';

const OPEN = Number(process.env.BENCH_MATTERS ?? 1_000_000);
const DUE = Number(process.env.BENCH_DUE ?? 1_000);
/** Passes over the same 1,000 due matters (restored between): the table shows their median. */
const PASSES = Number(process.env.BENCH_PASSES ?? 5);
/** Connections a pass works with (BENCH_WORKERS; default: the sweep's own). */
const WORKERS = process.env.BENCH_WORKERS ? Number(process.env.BENCH_WORKERS) : undefined;

const bench = await throwAwayPostgres();
try {
  const { db } = bench;
  await createCity(db);
  const t0 = performance.now();
  // Clocks of a matter collected, registered, dispatched and accepted at the street two weeks ago: long breached.
  const calendar = createWorkCalendar({ overrides: [] });
  const started = new Date(Date.now() - 14 * 86_400_000);
  const dueClocks = JSON.stringify(clocksToJson(streetClocksFrom(calendar, started)));
  // The same matters accepted just long enough ago that a clock has turned yellow and none red: the common look.
  const warnClocks = JSON.stringify(clocksToJson(streetClocksFrom(calendar, warningMarginStart(calendar, new Date(Date.now() + 60_000)))));
  // Who hears: one account per street office and per district department.
  await sql`INSERT INTO app_user (username, display_name, role, region_code, password_hash)
    SELECT 'street' || code, name, 'street', code, 'x' FROM region WHERE level = 'township' AND code LIKE ${CITY.slice(0, 4) + '%'}`.execute(
    db.kysely,
  );
  await sql`INSERT INTO app_user (username, display_name, role, organisation_id, org_path, password_hash)
    SELECT 'dept' || id, name, 'dept', id, path, 'x' FROM organisation WHERE kind = 'department'`.execute(db.kysely);
  await sql`ALTER TABLE matter DISABLE TRIGGER USER`.execute(db.kysely);
  for (let start = 1; start <= OPEN; start += 100_000) {
    const end = Math.min(OPEN, start + 99_999);
    await sql`
      INSERT INTO matter (code, title, description, category_id, source, priority, status, level, region_code, clocks,
        handler_org_id, handler_path, next_check_at, created_at, updated_at)
      SELECT 'S' || g, '督办基准', '督办基准', 1, 'portal', 'normal',
        'accepted', CASE WHEN g <= ${DUE} THEN 'street' ELSE 'building' END,
        '3591' || lpad((1 + g % ${DISTRICTS})::text, 2, '0') || lpad((1 + (g / ${DISTRICTS}) % ${STREETS})::text, 3, '0'),
        CASE WHEN g <= ${DUE} THEN ${dueClocks}::jsonb ELSE '{}'::jsonb END,
        CASE WHEN g <= ${DUE} THEN (SELECT id FROM organisation WHERE kind = 'department' AND region_code = '3591' || lpad((1 + g % ${DISTRICTS})::text, 2, '0') LIMIT 1) END,
        CASE WHEN g <= ${DUE} THEN (SELECT path FROM organisation WHERE kind = 'department' AND region_code = '3591' || lpad((1 + g % ${DISTRICTS})::text, 2, '0') LIMIT 1) ELSE '' END,
        CASE WHEN g <= ${DUE} THEN now() - interval '1 minute' ELSE now() + (1 + g % 30) * interval '1 day' END,
        ${started}, ${started}
      FROM generate_series(${start}::int, ${end}::int) g`.execute(db.kysely);
  }
  await sql`ALTER TABLE matter ENABLE TRIGGER USER`.execute(db.kysely);
  // Their 派发单, signed for: an escalation returns it.
  await sql`INSERT INTO dispatch_slip (matter_id, code, level, handler_org_id, dispatched_at, accepted_at)
    SELECT id, code || '-P1', 'street', handler_org_id, created_at, created_at FROM matter WHERE handler_org_id IS NOT NULL`.execute(
    db.kysely,
  );
  await sql`SELECT matter_rollup_rebuild()`.execute(db.kysely);
  await sql`ANALYZE`.execute(db.kysely);
  console.log(`${OPEN.toLocaleString()} open matters (${DUE} due) in ${fixed((performance.now() - t0) / 1000)} s; city ${CITY}`);

  const selectDue = async () => {
    const t = performance.now();
    await db.kysely
      .transaction()
      .execute((trx) =>
        trx
          .selectFrom('matter')
          .selectAll()
          .where('next_check_at', '<=', new Date())
          .orderBy('next_check_at')
          .limit(200)
          .forUpdate()
          .skipLocked()
          .execute(),
      );
    return performance.now() - t;
  };
  const selectMs: number[] = [];
  for (let i = 0; i < 20; i++) selectMs.push(await selectDue());

  // The due matters as they were, so a pass can be repeated on the same work (one pass is one sample).
  await sql`CREATE TABLE bench_due AS SELECT * FROM matter WHERE next_check_at <= now()`.execute(db.kysely);
  await sql`CREATE TABLE bench_due_warn AS SELECT * FROM bench_due`.execute(db.kysely);
  await sql`UPDATE bench_due_warn SET clocks = ${warnClocks}::jsonb`.execute(db.kysely);
  const columns = (
    await sql<{ c: string }>`SELECT column_name AS c FROM information_schema.columns
      WHERE table_name = 'matter' AND table_schema = current_schema() AND column_name NOT IN ('id', 'search') ORDER BY ordinal_position`.execute(
      db.kysely,
    )
  ).rows.map((r) => sql.ref(r.c));
  const marks = async () =>
    (
      await sql<{ e: string; n: string; o: string }>`SELECT (SELECT coalesce(max(id), 0) FROM matter_event)::text AS e,
        (SELECT coalesce(max(id), 0) FROM notification)::text AS n, (SELECT coalesce(max(id), 0) FROM outbox)::text AS o`.execute(db.kysely)
    ).rows[0]!;
  const restore = async (m: { e: string; n: string; o: string }, from: 'bench_due' | 'bench_due_warn') => {
    await db.kysely.transaction().execute(async (trx) => {
      await sql`UPDATE matter m SET (${sql.join(columns)}) = (SELECT ${sql.join(columns.map((c) => sql`b.${c}`))} FROM ${sql.table(from)} b WHERE b.id = m.id)
        WHERE m.id IN (SELECT id FROM bench_due)`.execute(trx);
      await sql`ALTER TABLE matter_event DISABLE TRIGGER matter_event_no_update`.execute(trx);
      await sql`DELETE FROM matter_event WHERE id > ${m.e}`.execute(trx);
      await sql`ALTER TABLE matter_event ENABLE TRIGGER matter_event_no_update`.execute(trx);
      await sql`DELETE FROM notification WHERE id > ${m.n}`.execute(trx);
      await sql`DELETE FROM outbox WHERE id > ${m.o}`.execute(trx);
      await sql`UPDATE dispatch_slip SET returned_at = NULL, return_reason = NULL WHERE matter_id IN (SELECT id FROM bench_due)`.execute(
        trx,
      );
    });
    await sql`SELECT matter_rollup_fold(100000)`.execute(db.kysely);
    await sql`VACUUM matter, matter_event, notification, outbox, dispatch_slip`.execute(db.kysely);
  };
  const before = await marks();

  // Each statement's time in the last pass, to say where a pass goes.
  const statements = new Map<string, { count: number; ms: number }>();
  let logging = false;
  const logged = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: db.pool }),
    log: (e: LogEvent) => {
      if (!logging) return;
      const key = e.query.sql.replace(/\s+/g, ' ').trim().slice(0, 110);
      const s = statements.get(key) ?? { count: 0, ms: 0 };
      s.count += 1;
      s.ms += e.queryDurationMillis;
      statements.set(key, s);
    },
  });
  /** PASSES passes over the due matters as `from` holds them, each restored first; the last pass's statements logged. */
  const scenario = async (from: 'bench_due' | 'bench_due_warn', log: boolean) => {
    const passMs: number[] = [];
    let totals = { processed: 0, warned: 0, breached: 0, escalated: 0 };
    for (let pass = 0; pass < PASSES; pass++) {
      await restore(before, from);
      logging = log && pass === PASSES - 1;
      const t = performance.now();
      totals = await sweepMatterClocks({ db: logging ? logged : db.kysely, ...(WORKERS ? { workers: WORKERS } : {}) });
      passMs.push(performance.now() - t);
      logging = false;
    }
    const written = (
      await sql<{ e: string; n: string }>`SELECT (SELECT count(*) FROM matter_event WHERE id > ${before.e})::text AS e,
        (SELECT count(*) FROM notification WHERE id > ${before.n})::text AS n`.execute(db.kysely)
    ).rows[0]!;
    return { passMs, ms: pct(passMs, 50), totals, events: Number(written.e), notices: Number(written.n) };
  };
  /**
   * The floor under the escalating pass, on the same machine in the same run: the least any sweep must
   * write for these matters — each due matter's row moved one level up with new clocks, and its two
   * events (red card, escalation) — as two bare statements per connection, with no planning in Node,
   * no notices, no audit rows and no 派发单. `connections` split the matters as the sweep's workers do.
   */
  const floor = async (connections: number) => {
    const passMs: number[] = [];
    for (let pass = 0; pass < PASSES; pass++) {
      await restore(before, 'bench_due');
      const t = performance.now();
      await Promise.all(
        Array.from({ length: connections }, async (_, part) => {
          const client = await db.pool.connect();
          try {
            await client.query('BEGIN');
            const picked = await client.query<{ id: string }>(
              `UPDATE matter m SET level = 'district', supervision = 'red', escalation_count = m.escalation_count + 1,
                 version = m.version + 2, clocks = m.clocks || '{"resolution": null}'::jsonb,
                 next_check_at = now() + interval '1 day', updated_at = now()
               WHERE m.id IN (SELECT id FROM matter WHERE next_check_at <= now() AND id % $1 = $2
                              ORDER BY next_check_at FOR UPDATE SKIP LOCKED)
               RETURNING m.id`,
              [connections, part],
            );
            await client.query(
              `INSERT INTO matter_event (matter_id, seq, action, from_status, to_status, level, actor_name, note, created_at)
               SELECT id, 1000 + step, CASE step WHEN 1 THEN 'supervise' ELSE 'escalate' END, 'accepted', 'accepted',
                 'district', '系统', '办理超时，系统自动逐级上报', now()
               FROM unnest($1::bigint[]) id CROSS JOIN generate_series(1, 2) step`,
              [picked.rows.map((r) => r.id)],
            );
            await client.query('COMMIT');
          } finally {
            client.release();
          }
        }),
      );
      passMs.push(performance.now() - t);
    }
    return pct(passMs, 50);
  };
  const floor1 = await floor(1);
  const floor2 = await floor(2);
  const warn = await scenario('bench_due_warn', false);
  const worst = await scenario('bench_due', true);
  const idleMs: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    await sweepMatterClocks({ db: db.kysely });
    idleMs.push(performance.now() - t);
  }

  console.log(
    `\nSupervision sweep over ${OPEN.toLocaleString()} open matters (load ${machine().loadAverage1m}; CPU speed loop ${cpuSpeedMs()} ms)`,
  );
  console.log(
    formatTable(
      [{ title: 'pass', align: 'left' }, { title: 'ms' }, { title: 'per due matter ms' }, { title: '< 100 ms' }],
      [
        ...[
          ['each warned (yellow card) on one clock', warn] as const,
          ['each breached on two clocks (red card) and escalated', worst] as const,
        ].map(([what, r]) => [
          `${DUE} due, ${what} (p50 of ${PASSES} passes): ${r.totals.processed} processed, ${r.totals.warned} warnings, ${r.totals.breached} breaches, ${r.totals.escalated} escalations, ${r.events} events, ${r.notices} notices`,
          fixed(r.ms),
          fixed(r.ms / DUE, 2),
          r.ms < 100 ? 'yes' : 'no',
        ]),
        ...[
          [1, floor1],
          [2, floor2],
        ].map(([n, ms]) => [
          `floor: the matters' rows moved up and 2 events each, bare SQL on ${n} connection${n === 1 ? '' : 's'} (p50 of ${PASSES}; the escalating pass is ${fixed(worst.ms / ms!, 1)}× this)`,
          fixed(ms!),
          fixed(ms! / DUE, 2),
          ms! < 100 ? 'yes' : 'no',
        ]),
        ['nothing due (p50 of 20)', fixed(pct(idleMs, 50), 2), '', pct(idleMs, 50) < 100 ? 'yes' : 'no'],
        ['nothing due (p95 of 20)', fixed(pct(idleMs, 95), 2), '', pct(idleMs, 95) < 100 ? 'yes' : 'no'],
        ['selecting 200 due rows FOR UPDATE SKIP LOCKED (p50, before the pass)', fixed(pct(selectMs, 50), 2), '', 'yes'],
      ],
    ),
  );
  const inStatements = [...statements.values()].reduce((sum, x) => sum + x.ms, 0);
  console.log(
    `\nWhere the last escalating pass's ${fixed(worst.passMs.at(-1)!)} ms went: ${fixed(inStatements)} ms in statements (below), the rest in planning and the driver`,
  );
  console.log(
    formatTable(
      [{ title: 'calls' }, { title: 'ms' }, { title: 'statement', align: 'left' }],
      [...statements].sort((x, y) => y[1].ms - x[1].ms).map(([q, x]) => [String(x.count), fixed(x.ms), q]),
    ),
  );
  writeResult('matters-sweep', {
    open: OPEN,
    due: DUE,
    passes: PASSES,
    workers: WORKERS ?? null,
    warn,
    worst,
    floor1,
    floor2,
    idleMs,
    selectMs,
  });
} finally {
  await bench.drop();
}
