import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../tests/support/app.ts';
import { TEST_BACKEND } from '../../../../tests/support/db.ts';
import { createMatterWorld } from '../../../../tests/support/matter-factories.ts';

/**
 * DSH-1 two steps committing at once move matters between the same two rollup rows in
 * opposite directions; each locks the rows in key order (migration 022), so neither waits
 * for the other crosswise. Made deterministic by holding the first row from a third session
 * while both commits queue behind it: in old-then-new order the second step would hold the
 * other row and the two would deadlock when the third lets go.
 */
describe('DSH-1 rollup rows are locked in one order', () => {
  it.runIf(TEST_BACKEND === 'postgres')('two crosswise steps committing together both succeed', async () => {
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

      const [locker, first, second] = [await pool.connect(), await pool.connect(), await pool.connect()];
      clients.push(locker, first, second);
      // The third session holds the lower row (handler 0).
      await locker.query('BEGIN');
      await locker.query(`SELECT 1 FROM matter_rollup WHERE month = '2024-06-01' AND region9 = left($1, 9) AND category_id = $2 AND handler_org_id = 0 FOR UPDATE`, [
        region,
        category,
      ]);
      await first.query('BEGIN');
      await first.query('UPDATE matter SET handler_org_id = $1 WHERE id = $2', [w.taxOrgId, toHandler]);
      await second.query('BEGIN');
      await second.query('UPDATE matter SET handler_org_id = NULL WHERE id = $1', [fromHandler]);
      const firstCommit = first.query('COMMIT');
      await new Promise((r) => setTimeout(r, 300));
      const secondCommit = second.query('COMMIT');
      await new Promise((r) => setTimeout(r, 300));
      await locker.query('COMMIT');
      const results = await Promise.allSettled([firstCommit, secondCommit]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);

      const rows = await ctx.db.kysely
        .selectFrom('matter_rollup')
        .select(['handler_org_id', 'received'])
        .where('month', '=', '2024-06-01')
        .where('category_id', '=', category)
        .orderBy('handler_org_id')
        .execute();
      expect(rows.map((r) => [String(r.handler_org_id), r.received])).toEqual([
        ['0', 1],
        [String(w.taxOrgId), 1],
      ]);
    } finally {
      for (const c of clients) c.release();
      await ctx.close();
    }
  });
});
