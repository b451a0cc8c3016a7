import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestContext } from '../../../tests/support/app.ts';
import { createUser } from '../../../tests/support/factories.ts';
import type { VillageDashboard } from '../modules/villages/schemas-dashboard.ts';
import { seedVillagesDemo } from './villages.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

describe('DSH-3 the traditional-village demo reproduces the article’s figures', () => {
  it('DSH-3 VIL-2 VIL-3 VIL-4 9 villages, 7 above ¥300,000 and 5 above ¥500,000 in 2022, ¥20M+ funds, 45,000+ visitors and 6 guides at Guantian, 30+ performances this year; seeded once', async () => {
    const today = '2026-11-26';
    const counts = await ctx.db.kysely.transaction().execute((trx) => seedVillagesDemo(trx, { today }));
    expect(counts).toEqual({ villages: 9, fundEntries: expect.any(Number), performances: 32, visitors: 45_860 });
    expect(await ctx.db.kysely.transaction().execute((trx) => seedVillagesDemo(trx, { today }))).toBeNull();

    const county = await createUser(ctx.db.kysely, { role: 'district', regionCode: '360732' });
    const agent = await login(ctx.app, county.username, county.password);
    const res = await agent.request('GET', '/api/village-dashboard?regionCode=360732&year=2026');
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json() as VillageDashboard;
    expect(d.villages).toBe(9);
    expect(d.incomeByYear.find((y) => y.year === 2022)?.counts).toEqual([
      { threshold: 300_000, villages: 7 },
      { threshold: 500_000, villages: 5 },
    ]);
    expect(d.funds.received).toBe(20_460_000);
    expect(d.funds.balance).toBeGreaterThan(0);
    expect(d.heritage.performances).toBe(32);
    expect(d.heritage.byItem.map((i) => i.name).sort()).toEqual(['兴国山歌', '兴国提线木偶', '兴国端戏'].sort());
    expect(d.tourism.sites).toEqual([
      expect.objectContaining({ name: '官田中央兵工厂旧址', villageName: '官田村', guides: 6, visitorsSincePreviousYear: 45_860 }),
    ]);
    const dongshao = d.perVillage.find((v) => v.name === '东韶村');
    expect(dongshao?.income).toBeGreaterThan(500_000);
    // Every ledger balances: no project spent more than it was given.
    const overdrawn = await ctx.db.kysely
      .selectFrom('fund_entry')
      .select(['project_id'])
      .where('project_id', 'is not', null)
      .groupBy('project_id')
      .having((eb) =>
        eb(
          eb.fn.sum<string>(eb.case().when('kind', '=', 'spending').then(eb.ref('amount')).else(0).end()),
          '>',
          eb.fn.sum<string>(eb.case().when('kind', '=', 'allocation').then(eb.ref('amount')).else(0).end()),
        ),
      )
      .execute();
    expect(overdrawn).toEqual([]);
  });
});
