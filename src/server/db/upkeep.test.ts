import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../tests/support/db.ts';
import { platformSweeps } from '../jobs/sweeps.ts';
import type { Db } from './index.ts';
import { needsOwnUpkeep, upkeepDatabase } from './upkeep.ts';

let db: Db;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db?.close();
});

const pagesOf = async (table: string) =>
  Number((await sql<{ n: string }>`SELECT (pg_relation_size(${table}::regclass) / 8192)::text AS n`.execute(db.kysely)).rows[0]!.n);

describe('DSH-1 MAT-5 the database is vacuumed where nothing else does it', () => {
  it('knows when it must: always on PGlite, on a server only with autovacuum off', async () => {
    const autovacuum = (await sql<{ v: string }>`SELECT current_setting('autovacuum') AS v`.execute(db.kysely)).rows[0]!.v;
    expect(await needsOwnUpkeep(db)).toBe(db.backend === 'pglite' || autovacuum === 'off');
    expect(platformSweeps().map((s) => s.name)).toContain('database-upkeep');
  });

  it('gives back the pages of the dashboard’s emptied delta queue by day, and vacuums the whole database once a night', async () => {
    // What the fold leaves behind: many deltas appended, then all of them deleted.
    await sql`INSERT INTO matter_rollup_delta (month, region9, category_id, handler_org_id, received)
      SELECT date '2026-11-01', '350102001', 1, 0, 1 FROM generate_series(1, 20000)`.execute(db.kysely);
    await sql`DELETE FROM matter_rollup_delta`.execute(db.kysely);
    expect(await pagesOf('matter_rollup_delta')).toBeGreaterThan(50);

    // 10:00 in China: the churning tables only.
    const day = await upkeepDatabase({ db: db.kysely, now: new Date('2026-11-27T02:00:00Z') });
    expect(day.full).toBe(false);
    expect(await pagesOf('matter_rollup_delta')).toBe(0);

    // 03:00 in China: the whole database, once that night — statistics for a table nobody analysed.
    await sql`CREATE TABLE upkeep_probe AS SELECT g AS n FROM generate_series(1, 1000) g`.execute(db.kysely);
    const stats = async () =>
      Number(
        (await sql<{ n: string }>`SELECT count(*)::text AS n FROM pg_stats WHERE tablename = 'upkeep_probe'`.execute(db.kysely)).rows[0]!.n,
      );
    expect(await stats()).toBe(0);
    const night = await upkeepDatabase({ db: db.kysely, now: new Date('2026-11-27T19:00:00Z') });
    expect(night.full).toBe(true);
    const again = await upkeepDatabase({ db: db.kysely, now: new Date('2026-11-27T19:10:00Z') });
    expect(again.full).toBe(false);
    expect(await stats()).toBeGreaterThan(0);
  });
});
