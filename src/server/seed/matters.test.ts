import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestContext } from '../../../tests/support/app.ts';
import { MATTER_STATUSES, replayMatter, type MatterAction, type MatterEventData } from '../../domain/matters/workflow.ts';
import type { MatterLevel } from '../../domain/matters/limits.ts';
import { verifyAuditChain } from '../modules/audit/chain.ts';
import { foldMatterRollup } from '../modules/matter-dashboard/fold.ts';
import { snapshotOf } from '../modules/matters/state.ts';
import { loadRegions } from '../regions/load.ts';
import { DEMO_PASSWORD, seedDemo } from './demo.ts';
import { MATTERS_SETTING_KEY, seedMattersDemo } from './matters.ts';

/** Item 12 (MAT, DSH-1): a year of demo matters whose events replay to their rows, alive for every demo desk. */
let ctx: TestContext;
let seedMs = 0;

beforeAll(async () => {
  ctx = await createTestApp();
  await loadRegions(ctx.db.kysely, ['350100']);
  const t0 = performance.now();
  await seedDemo(ctx.deps);
  seedMs = Math.round(performance.now() - t0);
}, 600_000);
afterAll(() => ctx?.close());

const q = () => ctx.db.kysely;

describe('MAT DSH-1 matters demo seed', () => {
  it('MAT-8 DSH-1 seeds 3,000–6,000 matters over a year, each row reproduced by replaying its events', async () => {
    const matters = await q().selectFrom('matter').selectAll().orderBy('id').execute();
    expect(matters.length).toBeGreaterThanOrEqual(3000);
    expect(matters.length).toBeLessThanOrEqual(6000);
    const events = await q()
      .selectFrom('matter_event')
      .select(['matter_id', 'seq', 'action', 'level', 'note', 'data'])
      .orderBy('matter_id')
      .orderBy('seq')
      .execute();
    const byMatter = new Map<string, typeof events>();
    for (const e of events) byMatter.set(e.matter_id, [...(byMatter.get(e.matter_id) ?? []), e]);
    for (const m of matters) {
      const replayed = replayMatter(
        (byMatter.get(m.id) ?? []).map((e) => ({
          action: e.action as MatterAction,
          note: e.note,
          data: e.data as MatterEventData,
          level: e.level as MatterLevel,
        })),
      );
      expect(replayed, m.code).toEqual(snapshotOf(m));
    }
    const days = matters.map((m) => m.created_at.getTime());
    expect((Math.max(...days) - Math.min(...days)) / 86_400_000).toBeGreaterThan(350);
    console.info(`demo seed with matters: ${seedMs} ms`);
  });

  it('DSH-1 a realistic mix: mostly resolved at the building, dispatched, escalated to every level, returned, reopened, withdrawn, open with yellow and red cards', async () => {
    const count = async (where: string) =>
      Number((await sql<{ n: string }>`SELECT count(*)::text AS n FROM matter WHERE ${sql.raw(where)}`.execute(q())).rows[0]!.n);
    const total = await count('true');
    const onSite = Number(
      (
        await sql<{ n: string }>`SELECT count(DISTINCT matter_id)::text AS n FROM matter_event WHERE action = 'resolve_on_site'`.execute(
          q(),
        )
      ).rows[0]!.n,
    );
    expect(onSite / total).toBeGreaterThan(0.4);
    expect(await count(`handler_org_id IS NOT NULL`)).toBeGreaterThan(total * 0.15);
    for (const level of ['street', 'district', 'city']) expect(await count(`level = '${level}'`), level).toBeGreaterThan(0);
    expect(await count('return_count > 0')).toBeGreaterThan(0);
    expect(await count('reopen_count > 0')).toBeGreaterThan(0);
    expect(await count(`status = 'withdrawn'`)).toBeGreaterThan(0);
    expect(await count(`satisfaction = 'dissatisfied'`)).toBeGreaterThan(0);
    expect(await count(`priority = 'key_enterprise'`)).toBeGreaterThan(0);
    expect(await count(`supervision = 'red'`)).toBeGreaterThan(0);
    expect(await count(`supervision = 'yellow'`)).toBeGreaterThan(0);
    expect(await count(`status NOT IN ('closed', 'withdrawn')`)).toBeGreaterThan(20);
    expect(await count(`status = 'closed' AND closed_on_time`)).toBeGreaterThan(total * 0.5);
    expect(await count(`status = 'closed' AND NOT closed_on_time`)).toBeGreaterThan(0);
  });

  it('DSH-1 the demo enterprise has a matter in every state; the demo tax bureau has open matters to handle; the dashboard is alive', async () => {
    const enterprise = await login(ctx.app, 'enterprise', DEMO_PASSWORD);
    const statuses = new Set<string>();
    for (let offset = 0; ; offset += 100) {
      const page = (await enterprise.request('GET', `/api/matters?queue=all&limit=100&offset=${offset}`)).json() as {
        items: { status: string }[];
      };
      for (const m of page.items) statuses.add(m.status);
      if (page.items.length < 100) break;
    }
    expect([...statuses].sort()).toEqual([...MATTER_STATUSES].sort());
    const tax = await login(ctx.app, 'tax', DEMO_PASSWORD);
    const todo = (await tax.request('GET', '/api/matters?queue=todo')).json() as { items: { status: string }[]; total: number };
    expect(todo.total).toBeGreaterThan(0);
    expect(todo.items.map((m) => m.status)).toEqual(expect.arrayContaining(['dispatched', 'accepted']));
    // The 派发单 of the demo building's matters name who dispatched them, as the 分派 step does.
    const slips = await ctx.db.kysely
      .selectFrom('dispatch_slip as s')
      .innerJoin('matter_event as e', (j) => j.onRef('e.matter_id', '=', 's.matter_id').onRef('e.created_at', '=', 's.dispatched_at'))
      .select(['s.dispatched_by', 'e.actor_user_id'])
      .where('e.action', '=', 'dispatch')
      .execute();
    expect(slips.filter((x) => x.actor_user_id !== null).length).toBeGreaterThan(0);
    for (const x of slips) expect(x.dispatched_by).toBe(x.actor_user_id);
    const city = await login(ctx.app, 'city', DEMO_PASSWORD);
    const d = (await city.request('GET', '/api/matter-dashboard')).json() as {
      totals: { received: number; closureRate: number; satisfactionRate: number; overdue: number };
      regionRanking: unknown[];
      byMonth: unknown[];
    };
    expect(d.totals.received).toBeGreaterThan(3000);
    expect(d.totals.closureRate).toBeGreaterThan(0.8);
    expect(d.totals.satisfactionRate).toBeGreaterThan(0.8);
    expect(d.totals.overdue).toBeGreaterThan(0);
    expect(d.regionRanking.length).toBeGreaterThanOrEqual(4);
    expect(d.byMonth.length).toBe(12);
  });

  it('DSH-1 seeding again changes nothing; the rollup equals a rebuild; the audit chain holds; search vectors match the trigger’s', async () => {
    const before = Number((await sql<{ n: string }>`SELECT count(*)::text AS n FROM matter`.execute(q())).rows[0]!.n);
    const again = await q()
      .transaction()
      .execute((trx) => seedMattersDemo(trx));
    expect(again.seeded).toBe(false);
    expect(Number((await sql<{ n: string }>`SELECT count(*)::text AS n FROM matter`.execute(q())).rows[0]!.n)).toBe(before);
    expect(await q().selectFrom('app_setting').select('key').where('key', '=', MATTERS_SETTING_KEY).executeTakeFirst()).toBeDefined();
    const snapshot = async () =>
      (
        await sql<{
          r: string;
        }>`SELECT md5(string_agg(t::text, ';' ORDER BY t::text)) AS r FROM matter_rollup t WHERE received <> 0`.execute(q())
      ).rows[0]!.r;
    await foldMatterRollup(q());
    const kept = await snapshot();
    await sql`SELECT matter_rollup_rebuild()`.execute(q());
    expect(await snapshot()).toBe(kept);
    expect((await verifyAuditChain(q())).ok).toBe(true);
    // The seed computes the search vectors itself; they must be what the database's trigger makes.
    const differing = await sql<{ n: string }>`SELECT count(*)::text AS n FROM matter
      WHERE search IS DISTINCT FROM hongtu_bigrams(coalesce(code, '') || ' ' || coalesce(title, '') || ' ' || coalesce(description, ''))`.execute(
      q(),
    );
    expect(differing.rows[0]!.n).toBe('0');
  });
});
