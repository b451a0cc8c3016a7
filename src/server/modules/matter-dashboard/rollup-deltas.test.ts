import type pg from 'pg';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../tests/support/app.ts';
import { TEST_BACKEND } from '../../../../tests/support/db.ts';
import { createMatterWorld } from '../../../../tests/support/matter-factories.ts';
import { foldMatterRollup } from './fold.ts';

/**
 * DSH-1 writers never wait on a rollup row (migration 023). A third session holds the
 * rollup row every step below would have added to; two steps moving matters between the
 * same two rows in opposite directions commit while it is held — they append deltas, they
 * lock no shared row — and the dashboard's view counts them at once. The fold, once the
 * row is let go, leaves the rollup equal to a recount.
 */
describe('DSH-1 rollup upkeep without a hot row', () => {
  it.runIf(TEST_BACKEND === 'postgres')(
    'steps commit while a rollup row is held; the view counts them at once; the fold agrees with a recount',
    async () => {
      const ctx = await createTestApp();
      const pool = ctx.db.pool as pg.Pool;
      const clients: pg.PoolClient[] = [];
      try {
        const w = await createMatterWorld(ctx);
        const category = await w.categoryId('tax_consultation');
        const region = w.tree.townships[0];
        const at = new Date('2024-06-10T02:00:00Z');
        const insert = async (code: string, handler: string | null) =>
          (
            await ctx.db.kysely
              .insertInto('matter')
              .values({
                code,
                title: code,
                description: code,
                category_id: category,
                source: 'portal',
                priority: 'normal',
                status: 'accepted',
                level: 'building',
                region_code: region,
                handler_org_id: handler,
                created_at: at,
                updated_at: at,
              })
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id;
        const toHandler = await insert('LOCK1', null);
        const fromHandler = await insert('LOCK2', w.taxOrgId);
        await foldMatterRollup(ctx.db.kysely);

        const [locker, first, second] = [await pool.connect(), await pool.connect(), await pool.connect()];
        clients.push(locker, first, second);
        await locker.query('BEGIN');
        const held = await locker.query(
          `SELECT 1 FROM matter_rollup WHERE month = '2024-06-01' AND region9 = left($1, 9) AND category_id = $2 AND handler_org_id = 0 FOR UPDATE`,
          [region, category],
        );
        expect(held.rowCount).toBe(1);
        // Each commit must finish while the row is held: a writer that waited on it would time out here.
        for (const c of [first, second]) await c.query(`SET statement_timeout = '3s'`);
        await first.query('BEGIN');
        await first.query('UPDATE matter SET handler_org_id = $1 WHERE id = $2', [w.taxOrgId, toHandler]);
        await second.query('BEGIN');
        await second.query('UPDATE matter SET handler_org_id = NULL WHERE id = $1', [fromHandler]);
        await first.query('COMMIT');
        await second.query('COMMIT');

        const now = await sql<{ handler: string; received: number }>`
        SELECT handler_org_id::text AS handler, sum(received)::int AS received FROM matter_rollup_now
        WHERE month = '2024-06-01' AND region9 = left(${region}, 9) AND category_id = ${category} GROUP BY 1 ORDER BY 1`.execute(
          ctx.db.kysely,
        );
        expect(now.rows.map((r) => [r.handler, r.received])).toEqual([
          ['0', 1],
          [String(w.taxOrgId), 1],
        ]);
        await locker.query('COMMIT');

        expect(await foldMatterRollup(ctx.db.kysely)).toBe(4);
        const rows = await ctx.db.kysely
          .selectFrom('matter_rollup')
          .select(['handler_org_id', 'received'])
          .where('month', '=', '2024-06-01')
          .where('region9', '=', region.slice(0, 9))
          .where('category_id', '=', category)
          .orderBy('handler_org_id')
          .execute();
        expect(rows.map((r) => [String(r.handler_org_id), r.received])).toEqual([
          ['0', 1],
          [String(w.taxOrgId), 1],
        ]);
        expect(await sql`SELECT 1 FROM matter_rollup_delta`.execute(ctx.db.kysely).then((r) => r.rows.length)).toBe(0);
      } finally {
        for (const c of clients) c.release();
        await ctx.close();
      }
    },
  );
});
