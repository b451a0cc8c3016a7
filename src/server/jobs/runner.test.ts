import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecrets } from '../auth/secrets.ts';
import { loadConfig } from '../config.ts';
import { openDatabase, type Db } from '../db/index.ts';
import type { Deps } from '../http/context.ts';
import { createTestDb, TEST_BACKEND } from '../../../tests/support/db.ts';
import { serverUrl } from '../../../tests/support/template.ts';
import { startJobs, type Sweep } from './runner.ts';

let db: Db;
let deps: Deps;
const opened: Db[] = [];

beforeAll(async () => {
  db = await createTestDb();
  deps = { config: { ...loadConfig({}), logLevel: 'silent' }, db, kysely: db.kysely, secrets: createSecrets(randomBytes(32)) };
});
afterAll(async () => {
  for (const d of opened) await d.close();
  await db.close();
});

/**
 * A second application instance on the same database. On PostgreSQL it has
 * its own pools (the application's and pg-boss's); PGlite admits one process,
 * so there the second instance shares the connection, which is all it can do.
 */
async function anotherInstance(): Promise<Deps> {
  if (TEST_BACKEND !== 'postgres') return deps;
  const { rows } = await sql<{ name: string }>`SELECT current_database() AS name`.execute(db.kysely);
  const databaseUrl = serverUrl(process.env.DATABASE_URL!, rows[0]!.name);
  const other = await openDatabase({ databaseUrl, poolSize: 4 });
  opened.push(other);
  return { ...deps, config: { ...deps.config, databaseUrl }, db: other, kysely: other.kysely };
}

function countingSweep(name: string, everySeconds: number, ms: number) {
  const stats = { runs: 0, active: 0, maxActive: 0 };
  const sweep: Sweep = {
    name,
    everySeconds,
    run: async () => {
      stats.runs += 1;
      stats.active += 1;
      stats.maxActive = Math.max(stats.maxActive, stats.active);
      await new Promise((r) => setTimeout(r, ms));
      stats.active -= 1;
      return { processed: 1 };
    },
  };
  return { sweep, stats };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check() && Date.now() < end) await sleep(50);
}

describe('OPS-2 NTF-1 the job runner', () => {
  it('OPS-2 a sweep runs once per period, one pass at a time, across two instances', async () => {
    const { sweep, stats } = countingSweep('count-two', 2, 400);
    const other = await anotherInstance();
    const [a, b] = await Promise.all([startJobs({ deps, sweeps: [sweep] }), startJobs({ deps: other, sweeps: [sweep] })]);
    const t0 = Date.now();
    await until(() => stats.runs >= 3, 15_000);
    await sleep(1000);
    const elapsed = (Date.now() - t0) / 1000;
    await Promise.all([a.stop(), b.stop()]);
    expect(stats.maxActive).toBe(1);
    expect(stats.runs).toBeGreaterThanOrEqual(3);
    // One run per 2 s period (the first period may be cut short), however many instances offer it.
    expect(stats.runs).toBeLessThanOrEqual(Math.ceil(elapsed / 2) + 1);
  });

  it('OPS-2 a restart inside a period does not run the sweep again; stop waits for a running pass', async () => {
    // Keep clear of the hour's edge, where a new period would rightly start.
    const intoHour = (Date.now() / 1000) % 3600;
    if (intoHour > 3590) await sleep((3601 - intoHour) * 1000);
    const { sweep, stats } = countingSweep('hourly-once', 3600, 300);
    const first = await startJobs({ deps, sweeps: [sweep] });
    await until(() => stats.runs >= 1, 10_000);
    await first.stop();
    expect(stats.active).toBe(0);
    const second = await startJobs({ deps, sweeps: [sweep] });
    await sleep(2500);
    await second.stop();
    expect(stats.runs).toBe(1);
  });

  it('OPS-2 a failing sweep is logged and runs again next period', async () => {
    let runs = 0;
    const errors: string[] = [];
    const sweep: Sweep = {
      name: 'always-fails',
      everySeconds: 1,
      run: async () => {
        runs += 1;
        throw new Error('boom');
      },
    };
    const jobs = await startJobs({ deps, sweeps: [sweep], logger: { info: () => {}, error: (_o, msg) => errors.push(msg) } });
    await until(() => runs >= 2, 10_000);
    await jobs.stop();
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(errors).toContain('sweep failed');
  });

  it('OPS-2 sweep names are checked before anything starts', async () => {
    const bad: Sweep = { name: 'Bad Name', everySeconds: 5, run: async () => ({ processed: 0 }) };
    await expect(startJobs({ deps, sweeps: [bad] })).rejects.toThrow(/sweep name/);
  });
});
