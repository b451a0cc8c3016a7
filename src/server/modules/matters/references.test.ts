import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../../tests/support/app.ts';
import { createMatterWorld, raiseMatter, type MatterWorld } from '../../../../tests/support/matter-factories.ts';

let ctx: TestContext;
let w: MatterWorld;
beforeAll(async () => {
  ctx = await createTestApp();
  w = await createMatterWorld(ctx);
});
afterAll(async () => {
  await ctx?.close();
});

/** Runs a delete and returns the database error it raised (none: null), changing nothing either way. */
async function deleting(statement: ReturnType<typeof sql>): Promise<{ code?: string; message: string } | null> {
  try {
    await ctx.db.kysely.transaction().execute(async (trx) => {
      await statement.execute(trx);
      throw new Error('rolled back');
    });
  } catch (err) {
    const e = err as { code?: string; message: string };
    return e.message === 'rolled back' ? null : e;
  }
  return null;
}

describe('MAT-1 a matter’s references stay whole though the busiest ones are guarded from the parent’s side (migration 026)', () => {
  it('refuses to delete a category, street, building, enterprise or account a matter points at, with the foreign-key error', async () => {
    const id = await raiseMatter(w);
    const m = await ctx.db.kysely
      .selectFrom('matter')
      .select(['category_id', 'region_code', 'building_id', 'enterprise_id', 'submitted_by'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const notified = await ctx.db.kysely
      .selectFrom('notification')
      .select('user_id')
      .where('dedupe_key', 'like', `matter:${id}:new%`)
      .executeTakeFirstOrThrow();
    const attempts = [
      sql`DELETE FROM matter_category WHERE id = ${m.category_id}`,
      sql`DELETE FROM region WHERE code = ${m.region_code}`,
      sql`DELETE FROM building WHERE id = ${m.building_id}`,
      sql`DELETE FROM enterprise WHERE organisation_id = ${m.enterprise_id}`,
      sql`DELETE FROM organisation WHERE id = ${m.enterprise_id}`,
      sql`DELETE FROM app_user WHERE id = ${m.submitted_by}`,
      sql`DELETE FROM app_user WHERE id = ${notified.user_id}`,
    ];
    for (const attempt of attempts) {
      const error = await deleting(attempt);
      expect(error?.code, attempt.compile(ctx.db.kysely).sql).toBe('23503');
    }
    // The guard answers first (before the delete), so the message names the matter's tables.
    expect((await deleting(attempts[0]!))!.message).toMatch(/referenc.*"matter"/);
    expect((await deleting(attempts[6]!))!.message).toMatch(/"notification"/);
  });

  it('lets a row no matter points at go', async () => {
    await sql`INSERT INTO matter_category (code, name, name_en, kind, grp) VALUES ('unused_for_test', '未用', 'Unused', 'service', 'other')`.execute(
      ctx.db.kysely,
    );
    expect(await deleting(sql`DELETE FROM matter_category WHERE code = 'unused_for_test'`)).toBeNull();
  });
});
