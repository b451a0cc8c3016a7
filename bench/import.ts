/**
 * REG-9 import benchmark: `npx tsx bench/import.ts` (PostgreSQL when
 * DATABASE_URL is set, else the embedded PGlite). Generates a workbook of
 * 50,000 enterprises in the export's layout (valid GB 32100 credit codes, real
 * 鼓楼区 street codes), uploads it through the API as a street user with
 * ?wait=true, then uploads it again (every row unchanged). Target: the first
 * import of 50,000 rows under 60 s on PostgreSQL. Peak RSS is sampled to show
 * that the streaming reader keeps memory flat.
 *
 * Knobs: BENCH_IMPORT_ROWS (default 50000), BENCH_IMPORT_BACKENDS (pglite,postgres).
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { PassThrough } from 'node:stream';
import pg from 'pg';
import { creditCodeCheckChar } from '../src/domain/identity/codes.ts';
import { formatRow } from '../src/domain/registry/import-rows.ts';
import { hashPassword } from '../src/server/auth/password.ts';
import { createSecrets } from '../src/server/auth/secrets.ts';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { openDatabase, type Db } from '../src/server/db/index.ts';
import { migrate } from '../src/server/db/migrate.ts';
import type { ImportJobView } from '../src/server/modules/imports/schemas.ts';
import { multipartFile } from '../src/server/modules/imports/testing.ts';
import { exportWriter } from '../src/server/modules/imports/workbook.ts';
import { loadRegions } from '../src/server/regions/load.ts';
import { seededRandom } from '../src/server/seed/random.ts';
import { fixed, formatTable, onInterrupt, writeResult } from './lib.ts';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 50_000);
const TARGET_MS = 60_000;
const STREETS = ['350102001', '350102002', '350102003', '350102004', '350102005', '350102006', '350102007', '350102008', '350102009'];
const INDUSTRIES = ['65', '64', '72', '51', '74', '70', '66', '67', '68', '52'];
const SIZES = ['micro', 'small', 'medium', 'large'] as const;

/** The workbook as an export would write it, so the benchmark reads what users upload. */
async function generate(file: string): Promise<number> {
  const rnd = seededRandom(4754);
  const seen = new Set<string>();
  const out = new PassThrough();
  const done = pipeline(out, createWriteStream(file));
  const writer = exportWriter('enterprises', 'zh-CN', out);
  for (let i = 0; i < ROWS; i++) {
    let code = '';
    while (!code || seen.has(code)) {
      const body = `91350102${rnd.digits(8)}${rnd.pick([...'0123456789ABCDEFGHJKLMNPQRTUWXY'])}`;
      code = body + creditCodeCheckChar(body)!;
    }
    seen.add(code);
    const staff = rnd.int(3, 400);
    writer.addRow(
      formatRow('enterprises', {
        name: `福州基准测试${i + 1}号科技有限公司`,
        creditCode: code,
        regionCode: rnd.pick(STREETS),
        industryCode: rnd.pick(INDUSTRIES),
        sizeClass: rnd.pick(SIZES),
        staffCount: staff,
        partyMemberCount: Math.floor(staff * rnd.next() * 0.2),
        isKeyEnterprise: rnd.next() < 0.05,
        isNonPublic: true,
        partyOrgStatus: rnd.pick(['own', 'joint', 'instructor', 'none'] as const),
        registeredOn: `20${String(rnd.int(0, 24)).padStart(2, '0')}-0${rnd.int(1, 9)}-1${rnd.int(0, 9)}`,
        legalRepresentative: `林${rnd.pick([...'建国华明伟强丽芳'])}`,
        lng: 119.28 + rnd.next() * 0.04,
        lat: 26.06 + rnd.next() * 0.04,
      }),
    );
  }
  await writer.finish();
  await done;
  return (await stat(file)).size;
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

interface Run {
  backend: string;
  rows: number;
  firstMs: number;
  againMs: number;
  job: Omit<ImportJobView, 'errors'>;
  again: Omit<ImportJobView, 'errors'>;
  peakRssMb: number;
}

async function runOn(backend: 'pglite' | 'postgres', file: string): Promise<Run> {
  let db: Db;
  let drop = async () => {};
  if (backend === 'postgres') {
    const url = process.env.DATABASE_URL!;
    const name = `hongtu_bench_${randomBytes(4).toString('hex')}`;
    await withAdmin(url, (c) => c.query(`CREATE DATABASE ${name}`));
    drop = () => withAdmin(url, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined);
    const target = new URL(url);
    target.pathname = `/${name}`;
    db = await openDatabase({ databaseUrl: target.toString(), poolSize: 4 });
  } else {
    db = await openDatabase({ dataDir: path.join(os.tmpdir(), `hongtu-bench-import-${randomBytes(4).toString('hex')}`) });
  }
  const forget = onInterrupt(async () => {
    await db.close();
    await drop();
  });
  try {
    await migrate(db.pool);
    await loadRegions(db.kysely, ['350102']);
    const username = 'bench_street';
    await db.kysely
      .insertInto('app_user')
      .values({
        username,
        display_name: '基准测试',
        role: 'street',
        region_code: '350102',
        password_hash: await hashPassword('Bench-pass1'),
      })
      .execute();
    const config = { ...loadConfig({}), seedDemo: false, logLevel: 'silent' };
    const app = await buildApp(
      { config, db, kysely: db.kysely, secrets: createSecrets(randomBytes(32)) },
      { logger: false, serveWeb: false },
    );
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'Bench-pass1' } });
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const csrf = (login.json() as { csrfToken: string }).csrfToken;
    const { payload, headers } = multipartFile('enterprises.xlsx', await readFile(file));
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
    const upload = async () => {
      const t0 = performance.now();
      const res = await app.inject({
        method: 'POST',
        url: '/api/imports/enterprises?wait=true',
        payload,
        headers: { ...headers, cookie, 'x-csrf-token': csrf },
      });
      if (res.statusCode !== 200) throw new Error(`import answered ${res.statusCode}: ${res.body.slice(0, 500)}`);
      const { errors, ...job } = res.json() as ImportJobView;
      if (errors.length) console.log('first errors:', JSON.stringify(errors.slice(0, 5)));
      return { ms: performance.now() - t0, job };
    };
    const first = await upload();
    const again = await upload();
    clearInterval(sampler);
    await app.close();
    return {
      backend,
      rows: ROWS,
      firstMs: first.ms,
      againMs: again.ms,
      job: first.job,
      again: again.job,
      peakRssMb: Math.round(peak / 1e6),
    };
  } finally {
    forget();
    await db.close();
    await drop();
  }
}

async function main(): Promise<void> {
  const backends = (process.env.BENCH_IMPORT_BACKENDS ?? (process.env.DATABASE_URL ? 'postgres' : 'pglite')).split(',') as (
    'pglite' | 'postgres'
  )[];
  const file = path.join(os.tmpdir(), `hongtu-bench-enterprises-${ROWS}.xlsx`);
  const t0 = performance.now();
  const bytes = await generate(file);
  console.log(`generated ${ROWS} enterprise rows (${fixed(bytes / 1e6, 1)} MB) in ${fixed((performance.now() - t0) / 1000, 1)} s: ${file}`);
  const runs: Run[] = [];
  try {
    for (const backend of backends) runs.push(await runOn(backend, file));
  } finally {
    await rm(file, { force: true });
  }
  const table = formatTable(
    [
      { title: 'backend', align: 'left' },
      { title: 'rows' },
      { title: 'first import (s)' },
      { title: 'rows/s' },
      { title: 'created' },
      { title: 're-import (s)' },
      { title: 'unchanged' },
      { title: 'peak RSS (MB)' },
    ],
    runs.map((r) => [
      r.backend,
      r.rows,
      fixed(r.firstMs / 1000, 1),
      fixed(r.rows / (r.firstMs / 1000), 0),
      r.job.created,
      fixed(r.againMs / 1000, 1),
      r.again.unchanged,
      r.peakRssMb,
    ]),
  );
  console.log(`\n${table}\n`);
  for (const r of runs.filter((r) => r.backend === 'postgres')) {
    console.log(
      `PostgreSQL, ${r.rows} rows: ${fixed(r.firstMs / 1000, 1)} s (target < ${TARGET_MS / 1000} s for 50,000: ${r.rows >= 50_000 ? (r.firstMs < TARGET_MS ? 'met' : 'MISSED') : 'not measured at this size'})`,
    );
  }
  console.log(
    `load average: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(writeResult('import', { rows: ROWS, runs }));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
