/**
 * POL-2/POL-3 policies on PostgreSQL: `DATABASE_URL=postgres://… npx tsx bench/policies-api.ts`.
 *
 * Loads 100,000 enterprises over Fuzhou's real streets (registry facts in SQL, revenue, R&D and
 * qualifications from sampleProfiles) and 200 published sample policies into a throw-away
 * database, then measures:
 *   - full recomputation of every policy (recomputeAllPolicyResults): the first one, which writes
 *     every stored result and push, and a later one that finds nothing changed (target < 10 s), beside
 *     the pure judging of the same pairs (no database) in this process;
 *   - the daily date-driven recomputation (recomputeForDate) for the next day;
 *   - incremental recomputation after one enterprise's profile change (refreshEnterprisePolicies
 *     in the change's transaction), p50/p95/p99 (target p95 < 10 ms), and the whole command
 *     (updatePolicyProfile: lock, write, audit, re-match) beside it;
 *   - "policies for you": GET /api/enterprises/:id/policies through the app (session, scope,
 *     validation, serialisation; no TCP), p95 target < 20 ms, beside a bare Fastify route;
 *   - an officer's gap list, GET /api/policies/:id/results?kind=nearly, as the city (all 100,000 in scope).
 * The load average is printed with the table: the machine is shared.
 * Wall and process CPU time are printed: on a busy machine wall time includes waiting.
 *
 * Knobs: BENCH_POLICY_ENTERPRISES (100000), BENCH_POLICY_COUNT (200), BENCH_POLICY_SAMPLES (300);
 * BENCH_POLICY_PUSHES=1 adds a last recomputation from empty that pushes every eligible pair (slow).
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import Fastify from 'fastify';
import pg from 'pg';
import { samplePolicies } from '../src/domain/policies/catalogue-samples.ts';
import { sampleProfile } from '../src/domain/policies/profile-samples.ts';
import { fieldsUsed } from '../src/domain/policies/rule.ts';
import { SYSTEM_ACTOR } from '../src/server/auth/actor.ts';
import { hashPassword } from '../src/server/auth/password.ts';
import { createSecrets } from '../src/server/auth/secrets.ts';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { openDatabase, type Db } from '../src/server/db/index.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { recomputeForDate } from '../src/server/modules/policy-results/date-run.ts';
import { judge, prepare } from '../src/server/modules/policy-results/match.ts';
import { loadProfiles } from '../src/server/modules/policy-results/profiles.ts';
import { recomputeAllPolicyResults } from '../src/server/modules/policy-results/recompute.ts';
import { livePolicies } from '../src/server/modules/policy-results/rules.ts';
import { refreshEnterprisePolicies } from '../src/server/modules/policy-results/refresh.ts';
import { updatePolicyProfile } from '../src/server/modules/policy-results/profile-command.ts';
import { loadRegions } from '../src/server/regions/load.ts';
import { seededRandom } from '../src/server/seed/random.ts';
import { fixed, formatTable, machine, onInterrupt, percentile, processCpuUs, writeResult } from './lib.ts';

const ENTERPRISES = Number(process.env.BENCH_POLICY_ENTERPRISES ?? 100_000);
const POLICIES = Number(process.env.BENCH_POLICY_COUNT ?? 200);
const SAMPLES = Number(process.env.BENCH_POLICY_SAMPLES ?? 300);
const WARMUP = Math.max(20, Math.round(SAMPLES / 5));
const AS_OF = '2025-06-30';
const CITY = '350100';
const INDUSTRIES = ['65', '65', '72', '72', '51', '64', '74', '73', '75', '70', '39', '35', '52', '66'];

interface Stats {
  p50: number;
  p95: number;
  p99: number;
}

async function measure(run: (i: number) => Promise<void>): Promise<Stats> {
  for (let i = 0; i < WARMUP; i++) await run(i);
  const samples = new Float64Array(SAMPLES);
  for (let i = 0; i < SAMPLES; i++) {
    const t = performance.now();
    await run(WARMUP + i);
    samples[i] = performance.now() - t;
  }
  samples.sort();
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), p99: percentile(samples, 99) };
}

async function timed<T>(f: () => Promise<T>): Promise<{ value: T; wallMs: number; cpuMs: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await f();
  const cpu = process.cpuUsage(c0);
  return { value, wallMs: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** CPU of the PostgreSQL backends serving the bench database (same machine), by pid, microseconds. */
async function backendCpu(db: Db, name: string): Promise<Map<number, number>> {
  const pids = (await db.pool.query('SELECT pid FROM pg_stat_activity WHERE datname = $1', [name])).rows as { pid: number }[];
  return new Map(pids.flatMap((r) => (processCpuUs(r.pid) === null ? [] : [[r.pid, processCpuUs(r.pid)!] as [number, number]])));
}

/** As `timed`, with the database backends' CPU beside this process's. */
async function timedDb<T>(db: Db, name: string, f: () => Promise<T>) {
  const before = await backendCpu(db, name);
  const r = await timed(f);
  const after = await backendCpu(db, name);
  let us = 0;
  for (const [pid, cpu] of after) us += cpu - (before.get(pid) ?? 0);
  return { ...r, pgCpuMs: us / 1000 };
}

async function withAdmin<T>(url: string, f: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await f(c);
  } finally {
    await c.end();
  }
}

/** The registry facts in SQL; the reported figures from sampleProfile, so rules meet, miss and lack data as in life. */
async function load(db: Db, streets: string[]): Promise<void> {
  const q = (text: string, values: unknown[] = []) => db.pool.query(text, values);
  const streetArr = `ARRAY[${streets.map((s) => `'${s}'`).join(',')}]`;
  await q(
    `WITH o AS (
       INSERT INTO organisation (kind, name, region_code)
       SELECT 'building_party_committee', 'B' || n || '楼宇党委', (${streetArr})[1 + n % ${streets.length}]
       FROM generate_series(1, $1::int) n RETURNING id)
     UPDATE organisation SET path = '/' || id || '/' WHERE id IN (SELECT id FROM o)`,
    [Math.ceil(ENTERPRISES / 20)],
  );
  await q(`
    INSERT INTO building (name, address, region_code, org_path, office_area, ownership, management_mode, party_committee_id)
    SELECT 'B' || id || '号楼', '路' || id || '号', region_code, path, 20000, 'multiple', 'entrusted', id
    FROM organisation WHERE kind = 'building_party_committee'`);
  await q(
    `WITH o AS (
       INSERT INTO organisation (kind, name, region_code, credit_code)
       SELECT 'enterprise', '福州' || n || '号科技有限公司', (${streetArr})[1 + n % ${streets.length}], '91350100' || lpad(n::text, 10, '0')
       FROM generate_series(1, $1::int) n RETURNING id)
     UPDATE organisation SET path = '/' || id || '/' WHERE id IN (SELECT id FROM o)`,
    [ENTERPRISES],
  );
  const industries = `ARRAY[${INDUSTRIES.map((s) => `'${s}'`).join(',')}]`;
  await q(
    `INSERT INTO enterprise (organisation_id, credit_code, industry_code, size_class, staff_count, is_key_enterprise, party_org_status,
                             registered_on, region_code, org_path, building_path, current_building_id)
     SELECT e.id, e.credit_code, (${industries})[1 + e.n % ${INDUSTRIES.length}],
            CASE WHEN e.n % 10 < 6 THEN 'micro' WHEN e.n % 10 < 9 THEN 'small' ELSE 'medium' END,
            CASE WHEN e.n % 7 = 0 THEN NULL ELSE 3 + e.n % 300 END, e.n % 50 = 0,
            (ARRAY['own','joint','instructor','none'])[1 + e.n % 4],
            CASE WHEN e.n % 9 = 0 THEN NULL ELSE date '2008-01-01' + (e.n * 37 % 6200) END,
            e.region_code, e.path, CASE WHEN e.n % 3 = 0 THEN '' ELSE b.org_path END, CASE WHEN e.n % 3 = 0 THEN NULL ELSE b.id END
     FROM (SELECT id, credit_code, region_code, path, row_number() OVER (ORDER BY id)::int AS n FROM organisation WHERE kind = 'enterprise') e
     JOIN (SELECT id, org_path, row_number() OVER (ORDER BY id)::int - 1 AS k FROM building) b ON b.k = e.n % $1::int`,
    [Math.ceil(ENTERPRISES / 20)],
  );
  await q(`
    INSERT INTO lease (building_id, enterprise_id, units, area, start_on, end_on, region_code, org_path, tenant_path)
    SELECT current_building_id, organisation_id, '', 300, date '2022-01-01' + (organisation_id % 1200)::int, date '2028-12-31',
           region_code, building_path, org_path
    FROM enterprise WHERE current_building_id IS NOT NULL`);
  const ids = (await q('SELECT organisation_id::text AS id FROM enterprise ORDER BY organisation_id')).rows as { id: string }[];
  const random = seededRandom(4754).next;
  for (let i = 0; i < ids.length; i += 20_000) {
    const part = ids.slice(i, i + 20_000).map((r) => ({ id: r.id, p: sampleProfile({ random, asOf: AS_OF }) }));
    await q(
      `INSERT INTO enterprise_profile (enterprise_id, revenue, rd_spending, qualifications)
       SELECT e, r, d, CASE WHEN q IS NULL THEN NULL ELSE string_to_array(q, ',') END
       FROM unnest($1::bigint[], $2::numeric[], $3::numeric[], $4::text[]) AS t(e, r, d, q)`,
      [
        part.map((x) => x.id),
        part.map((x) => x.p.revenue),
        part.map((x) => x.p.rdSpending),
        part.map((x) => x.p.qualifications?.join(',') ?? null),
      ],
    );
  }
  const regions = new Set(((await q('SELECT code FROM region')).rows as { code: string }[]).map((r) => r.code));
  const policies = samplePolicies({ count: POLICIES, random: seededRandom(2017).next });
  await db.kysely
    .insertInto('policy')
    .values(
      policies.map((p) => {
        const m = /"field":"(?:regionCode|buildingRegionCode)","op":"within","values":\["(\d{6})"\]/.exec(JSON.stringify(p.rule));
        const code = m && regions.has(m[1]!) ? m[1]! : null;
        return {
          title: p.title,
          issuer: p.issuer,
          level: code === null ? 'national' : p.level,
          region_code: code,
          benefit: p.benefit,
          mode: p.mode,
          status: 'published' as const,
          rule: JSON.stringify(p.rule),
          fields_used: fieldsUsed(p.rule),
          version: 2,
          published_at: new Date(),
        };
      }),
    )
    .execute();
  await q('ANALYZE');
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL (PostgreSQL) is required');
  const name = `hongtu_bench_policies_${randomBytes(4).toString('hex')}`;
  await withAdmin(url, (c) => c.query(`CREATE DATABASE ${name}`));
  const drop = () => withAdmin(url, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: target.toString(), poolSize: 10 });
  const forget = onInterrupt(async () => {
    await db.close();
    await drop();
  });
  try {
    await migrate(db.pool);
    await loadRegions(db.kysely, [CITY]);
    const streets = (await db.kysely.selectFrom('region').select('code').where('level', '=', 'township').orderBy('code').execute()).map(
      (r) => r.code,
    );
    const tl = performance.now();
    await load(db, streets);
    console.log(
      `loaded ${ENTERPRISES.toLocaleString('en')} enterprises and ${POLICIES} policies in ${fixed((performance.now() - tl) / 1000, 1)} s`,
    );

    const loadAvg: number[][] = [];
    // From empty, results only: the pushes of ~9 % of all pairs (every one newly eligible) are measured apart, last.
    const first = await timedDb(db, name, () =>
      db.kysely.transaction().execute((trx) => recomputeAllPolicyResults({ trx, asOf: AS_OF, push: false })),
    );
    loadAvg.push(os.loadavg());
    const again = await timedDb(db, name, () => db.kysely.transaction().execute((trx) => recomputeAllPolicyResults({ trx, asOf: AS_OF })));
    loadAvg.push(os.loadavg());
    // The same pairs judged with no database: what the recomputation costs beyond reading and writing.
    const allProfiles = await loadProfiles(db.kysely);
    const judged = prepare(await livePolicies(db.kysely, { asOf: AS_OF }));
    const pure = await timed(async () => {
      let n = 0;
      for (const row of allProfiles) n += judge(judged, row.regionCode, row.profile, AS_OF).met.length;
      return n;
    });
    const profilesOnly = await timed(() => loadProfiles(db.kysely));
    await db.pool.query(`INSERT INTO policy_date_run (as_of, policies, changed) VALUES ($1, 0, 0)`, [AS_OF]);
    const nextDay = new Date(Date.parse(`${AS_OF}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const daily = await timedDb(db, name, () => recomputeForDate({ db: db.kysely, asOf: nextDay }));
    loadAvg.push(os.loadavg());
    const storedRows = (
      await db.pool.query(
        'SELECT count(*) AS rows, sum(cardinality(met)) AS met, sum(cardinality(unknown) + cardinality(unmet)) AS nearly FROM policy_match',
      )
    ).rows[0] as { rows: string; met: string; nearly: string };
    const stored = Number(storedRows.met) + Number(storedRows.nearly);
    console.log(
      `first full: ${first.value.met} met, ${first.value.nearly} nearly, ${first.value.written} enterprise rows written; ` +
        `again: ${again.value.written} rows written; ${stored} pairs stored (${storedRows.met} met) in ${storedRows.rows} rows, of ${ENTERPRISES * POLICIES} pairs; ` +
        `next day: ${daily.value.policies} date-driven policies, ${daily.value.written} rows changed`,
    );

    // Incremental: one enterprise's revenue and R&D change; only the policies reading them are judged.
    const ids = (await db.kysely.selectFrom('enterprise').select('organisation_id').orderBy('organisation_id').execute()).map(
      (r) => r.organisation_id,
    );
    const pick = seededRandom(77);
    const some = () => ids[pick.int(0, ids.length - 1)]!;
    const cpuIncr0 = process.cpuUsage();
    const incremental = await measure(async (i) => {
      const id = some();
      await db.kysely.transaction().execute(async (trx) => {
        await trx
          .updateTable('enterprise_profile')
          .set({ revenue: 1_000_000 + (i % 97) * 1_000_000, rd_spending: 50_000 + (i % 13) * 100_000 })
          .where('enterprise_id', '=', id)
          .execute();
        const t = performance.now();
        await refreshEnterprisePolicies({ trx, enterpriseId: id, asOf: AS_OF });
        incrementalOnly.push(performance.now() - t);
      });
    });
    const incrCpu = process.cpuUsage(cpuIncr0);
    const only = Float64Array.from(incrementalOnly.slice(WARMUP)).sort();
    const refreshStats: Stats = { p50: percentile(only, 50), p95: percentile(only, 95), p99: percentile(only, 99) };
    const command = await measure((i) =>
      updatePolicyProfile({
        db: db.kysely,
        actor: SYSTEM_ACTOR,
        enterpriseId: some(),
        input: { qualifications: i % 2 ? ['tech_sme'] : [] },
      }).then(() => undefined),
    );

    // "Policies for you" through the app, beside a bare Fastify route.
    await db.kysely
      .insertInto('app_user')
      .values({
        username: 'bench_city',
        display_name: '基准测试',
        role: 'city',
        region_code: CITY,
        password_hash: await hashPassword('Bench-pass1'),
      })
      .execute();
    const config = { ...loadConfig({}), seedDemo: false, logLevel: 'silent' };
    const app = await buildApp(
      { config, db, kysely: db.kysely, secrets: createSecrets(randomBytes(32)) },
      { logger: false, serveWeb: false },
    );
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'bench_city', password: 'Bench-pass1' },
    });
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const withResults = (await db.pool.query('SELECT enterprise_id::text AS id FROM policy_match WHERE cardinality(met) > 0 LIMIT 5000'))
      .rows as { id: string }[];
    const forYou = await measure(async (i) => {
      const id = withResults[i % withResults.length]!.id;
      const res = await app.inject({ method: 'GET', url: `/api/enterprises/${id}/policies`, headers: { cookie } });
      if (res.statusCode !== 200) throw new Error(`for-you answered ${res.statusCode}: ${res.body.slice(0, 200)}`);
    });
    loadAvg.push(os.loadavg());
    // The officer's gap list of the policies with the most nearly eligible enterprises, as the city.
    const broad = (
      await db.pool.query(`SELECT p::text AS id FROM policy_match, unnest(unknown || unmet) p GROUP BY p ORDER BY count(*) DESC LIMIT 20`)
    ).rows as { id: string }[];
    const gapList = await measure(async (i) => {
      const id = broad[i % broad.length]!.id;
      const res = await app.inject({ method: 'GET', url: `/api/policies/${id}/results?kind=nearly`, headers: { cookie } });
      if (res.statusCode !== 200) throw new Error(`results answered ${res.statusCode}: ${res.body.slice(0, 200)}`);
    });
    // One stored row by key through the same pool: the floor under the incremental path's statements.
    const bareRow = await measure(async (i) => {
      await db.pool.query('SELECT met FROM policy_match WHERE enterprise_id = $1', [withResults[i % withResults.length]!.id]);
    });
    const bareApp = Fastify();
    // Optional (slow): from empty again, now pushing every eligible pair, as the very first computation after an import would.
    let withPushes: (Awaited<ReturnType<typeof timedDb>> & { pushed: number }) | null = null;
    if (process.env.BENCH_POLICY_PUSHES === '1') {
      await db.pool.query('DELETE FROM policy_match');
      await db.pool.query('DELETE FROM policy_push');
      const r = await timedDb(db, name, () => db.kysely.transaction().execute((trx) => recomputeAllPolicyResults({ trx, asOf: AS_OF })));
      withPushes = { ...r, pushed: r.value.pushed };
    }
    bareApp.get('/ping', async () => ({ ok: true }));
    await bareApp.ready();
    const bare = await measure(async () => {
      await bareApp.inject({ method: 'GET', url: '/ping' });
    });
    await app.close();
    await bareApp.close();

    const cpu = (r: { cpuMs: number; pgCpuMs?: number }) =>
      `${fixed(r.cpuMs / 1000, 2)} s` + (r.pgCpuMs === undefined ? '' : ` + ${fixed(r.pgCpuMs / 1000, 2)} s pg`);
    const secs = (r: { wallMs: number }) => fixed(r.wallMs / 1000, 2) + ' s';
    const rows = [
      ['full recomputation, first (from empty, results only)', secs(first), cpu(first), '', '', '< 10 s'],
      ['full recomputation, nothing changed', secs(again), cpu(again), '', '', '< 10 s'],
      ['  of which: the profiles read', secs(profilesOnly), cpu(profilesOnly), '', '', ''],
      ['  pure judging of the same pairs (no database)', secs(pure), cpu(pure), '', '', ''],
      ['daily date-driven recomputation (next day)', secs(daily), cpu(daily), '', '', ''],
      ...(withPushes ? [['full recomputation from empty with every push', secs(withPushes), cpu(withPushes), '', '', '']] : []),
      [
        'incremental re-match after a profile change',
        fixed(refreshStats.p50, 2),
        fixed((incrCpu.user + incrCpu.system) / 1000 / (SAMPLES + WARMUP), 2),
        fixed(refreshStats.p95, 2),
        fixed(refreshStats.p99, 2),
        'p95 < 10 ms',
      ],
      ['  the whole command (lock, write, audit, re-match)', fixed(command.p50, 2), '', fixed(command.p95, 2), fixed(command.p99, 2), ''],
      ['GET /api/enterprises/:id/policies', fixed(forYou.p50, 2), '', fixed(forYou.p95, 2), fixed(forYou.p99, 2), 'p95 < 20 ms'],
      ['  bare Fastify route', fixed(bare.p50, 3), '', fixed(bare.p95, 3), fixed(bare.p99, 3), ''],
      ['  one policy_match row by key (bare pool query)', fixed(bareRow.p50, 3), '', fixed(bareRow.p95, 3), fixed(bareRow.p99, 3), ''],
      ['GET /api/policies/:id/results?kind=nearly (city)', fixed(gapList.p50, 2), '', fixed(gapList.p95, 2), fixed(gapList.p99, 2), ''],
    ];
    console.log(
      formatTable(
        [
          { title: 'what' },
          { title: 'wall / p50 (ms)', align: 'right' },
          { title: 'CPU', align: 'right' },
          { title: 'p95', align: 'right' },
          { title: 'p99', align: 'right' },
          { title: 'target' },
        ],
        rows,
      ),
    );
    console.log(
      `load average (1/5/15 min) after full, again, daily, for-you: ${loadAvg.map((l) => l.map((x) => fixed(x, 1)).join('/')).join('; ')} on ${os.cpus().length} cores`,
    );
    const file = writeResult('policies-api', {
      machine: machine(),
      enterprises: ENTERPRISES,
      policies: POLICIES,
      stored,
      storedRows: Number(storedRows.rows),
      loadAvg,
      pure: { wallMs: pure.wallMs, cpuMs: pure.cpuMs },
      profilesOnly: { wallMs: profilesOnly.wallMs, cpuMs: profilesOnly.cpuMs },
      daily: { wallMs: daily.wallMs, cpuMs: daily.cpuMs, pgCpuMs: daily.pgCpuMs, ...daily.value },
      gapList,
      bareRow,
      first: { wallMs: first.wallMs, cpuMs: first.cpuMs, pgCpuMs: first.pgCpuMs, ...first.value },
      again: { wallMs: again.wallMs, cpuMs: again.cpuMs, pgCpuMs: again.pgCpuMs, ...again.value },
      withPushes: withPushes && {
        wallMs: withPushes.wallMs,
        cpuMs: withPushes.cpuMs,
        pgCpuMs: withPushes.pgCpuMs,
        pushed: withPushes.pushed,
      },
      incremental: refreshStats,
      incrementalWithUpdate: incremental,
      command,
      forYou,
      bare,
    });
    console.log(`written to ${file}`);
  } finally {
    forget();
    await db.close();
    await drop();
  }
}

const incrementalOnly: number[] = [];
await main();
