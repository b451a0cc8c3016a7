import { sql, type Insertable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../../tests/support/app.ts';
import { createMatterWorld, raiseMatter, stepOk, type MatterWorld } from '../../../../tests/support/matter-factories.ts';
import type { MatterTable } from '../../db/schema.ts';
import type { MatterDashboard } from './dashboard.ts';
import { foldMatterRollup } from './fold.ts';

let ctx: TestContext;
let w: MatterWorld;
let seq = 0;

type Row = Partial<Omit<Insertable<MatterTable>, 'id' | 'created_at'>> & { at: string; region_code: string; category: string };

/** A matter as it stands after its life, written directly: the dashboard reads rows, not events. */
async function put(r: Row): Promise<void> {
  const { at, category, ...cols } = r;
  seq += 1;
  await ctx.db.kysely
    .insertInto('matter')
    .values({
      code: `DSH${String(seq).padStart(6, '0')}`,
      title: `统计样本${seq}`,
      description: '统计样本',
      category_id: await w.categoryId(category),
      source: 'portal',
      priority: 'normal',
      status: 'collected',
      level: 'building',
      ...cols,
      created_at: new Date(at),
      updated_at: new Date(at),
    })
    .execute();
}

async function dashboard(query: string, agent = w.as.district): Promise<MatterDashboard> {
  const res = await agent.request('GET', `/api/matter-dashboard?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as MatterDashboard;
}

beforeAll(async () => {
  ctx = await createTestApp();
  w = await createMatterWorld(ctx);
  const [t0, t1] = w.tree.townships;
  const v00 = w.tree.villages[0][0];
  const taxPath = (await ctx.db.kysely.selectFrom('organisation').select('path').where('id', '=', w.taxOrgId).executeTakeFirstOrThrow())
    .path;
  const tax = { handler_org_id: w.taxOrgId, handler_path: taxPath };
  const closed = (minutes: number) => ({
    status: 'closed',
    closed_at: new Date('2025-05-20T02:00:00Z'),
    working_minutes_to_close: minutes,
  });
  const responded = (onTime: boolean) => ({ responded_at: new Date('2025-03-01T00:00:00Z'), responded_on_time: onTime });
  // The hand-built year: M1 … M8, two of them outside the period 2025-03-01 … 2025-04-30.
  await put({
    at: '2025-03-03T02:00:00Z',
    region_code: v00,
    category: 'tax_consultation',
    ...closed(480),
    ...responded(true),
    closed_on_time: true,
    satisfaction: 'satisfied',
    ...tax,
  });
  await put({
    at: '2025-03-10T02:00:00Z',
    region_code: t0,
    category: 'tax_consultation',
    ...closed(1440),
    ...responded(false),
    closed_on_time: false,
    satisfaction: 'basically_satisfied',
    level: 'street',
    escalation_count: 1,
    reopen_count: 1,
    ...tax,
  });
  await put({
    at: '2025-04-02T02:00:00Z',
    region_code: v00,
    category: 'property_service',
    status: 'accepted',
    ...responded(true),
    resolution_due_at: new Date('2025-04-05T09:00:00Z'),
    // As the sweep left it when the resolution clock ran out (matter.overdue).
    overdue: true,
  });
  await put({ at: '2025-04-15T02:00:00Z', region_code: t1, category: 'property_service', status: 'withdrawn' });
  await put({
    at: '2025-04-20T02:00:00Z',
    region_code: t1,
    category: 'tax_consultation',
    ...closed(960),
    ...responded(true),
    closed_on_time: true,
    satisfaction: 'dissatisfied',
    level: 'city',
    escalation_count: 3,
    ...tax,
  });
  await put({
    at: '2025-02-28T15:59:00Z',
    region_code: t0,
    category: 'tax_consultation',
    ...closed(100),
    ...responded(true),
    closed_on_time: true,
  });
  // 23:30 on 30 April in China (inside the period); the next one is 00:10 on 1 May (outside).
  await put({
    at: '2025-04-30T15:30:00Z',
    region_code: t1,
    category: 'tax_consultation',
    status: 'waiting_enterprise',
    reply_due_at: new Date('2025-04-01T00:00:00Z'),
  });
  await put({
    at: '2025-04-30T16:10:00Z',
    region_code: t0,
    category: 'tax_consultation',
    status: 'registered',
    sign_for_due_at: new Date('2025-05-01T00:00:00Z'),
    overdue: true,
  });
});
afterAll(async () => ctx?.close());

describe('DSH-1 matters dashboard figures', () => {
  it('DSH-1 a district over whole months: received, 响应率, 办结率, 按时办结率, 满意率, overdue, levels, escalations, breakdowns and rankings', async () => {
    const d = await dashboard(`regionCode=${w.tree.county}&from=2025-03-01&to=2025-04-30`);
    expect(d.source).toEqual({ rollupMonths: 2, matterRanges: 0 });
    const t = d.totals;
    expect(t).toMatchObject({
      received: 6,
      withdrawn: 1,
      open: 2,
      responded: 4,
      respondedOnTime: 3,
      closed: 3,
      closedOnTime: 2,
      closeMinutes: 2880,
      rated: 3,
      satisfied: 2,
      reopened: 1,
      overdue: 1,
      responseRate: 0.5,
      closureRate: 0.5,
    });
    expect(t.onTimeClosureRate).toBeCloseTo(2 / 3, 10);
    expect(t.satisfactionRate).toBeCloseTo(2 / 3, 10);
    expect(t.averageWorkingDaysToClose).toBeCloseTo(960 / d.dayMinutes, 10);
    expect(d.byLevel).toEqual([
      { level: 'building', matters: 4, escalatedTo: 0 },
      { level: 'street', matters: 1, escalatedTo: 2 },
      { level: 'district', matters: 0, escalatedTo: 1 },
      { level: 'city', matters: 1, escalatedTo: 1 },
    ]);
    expect(d.byMonth.map((m) => [m.month, m.received, m.closed])).toEqual([
      ['2025-03', 2, 2],
      ['2025-04', 4, 1],
    ]);
    expect(d.byCategory.map((c) => [c.code, c.received, c.overdue])).toEqual([
      ['tax_consultation', 4, 0],
      ['property_service', 2, 1],
    ]);
    const [t0, t1] = w.tree.townships;
    expect(d.regionRanking.map((r) => [r.code, r.received, r.closedOnTime, r.overdue])).toEqual([
      [t1, 3, 1, 0],
      [t0, 3, 1, 1],
    ]);
    expect(d.regionRanking[0]!.name).toMatch(/^乙街道/);
    expect(d.departmentRanking.map((r) => [r.organisationId, r.received, r.closed, r.satisfied])).toEqual([[w.taxOrgId, 3, 3, 2]]);
  });

  it('DSH-1 days at the period’s edges are read from the matters and agree with the rollup (China dates)', async () => {
    const d = await dashboard(`regionCode=${w.tree.county}&from=2025-03-04&to=2025-04-30`);
    expect(d.source).toEqual({ rollupMonths: 1, matterRanges: 1 });
    expect(d.totals).toMatchObject({ received: 5, closed: 2, closedOnTime: 1, respondedOnTime: 2, overdue: 1 });
    const february = await dashboard(`regionCode=${w.tree.county}&from=2025-02-28&to=2025-02-28`);
    expect(february.totals.received).toBe(1);
    expect(february.source).toEqual({ rollupMonths: 0, matterRanges: 1 });
  });

  it('DSH-1 a street reads its matters directly and ranks its villages; a department sees the matters it handled', async () => {
    const d = await dashboard(`regionCode=${w.tree.townships[0]}&from=2025-03-01&to=2025-04-30`, w.as.street);
    expect(d.source.rollupMonths).toBe(0);
    expect(d.totals).toMatchObject({ received: 3, closed: 2, overdue: 1, escStreet: 1 });
    expect(d.regionRanking.map((r) => [r.code, r.received])).toEqual(
      expect.arrayContaining([
        [w.tree.villages[0][0], 2],
        [w.tree.townships[0], 1],
      ]),
    );
    const tax = await dashboard('from=2025-03-01&to=2025-04-30', w.as.tax);
    expect(tax.organisation?.id).toBe(w.taxOrgId);
    expect(tax.totals).toMatchObject({ received: 3, closed: 3, closedOnTime: 2, rated: 3, satisfied: 2 });
    const byDistrict = await dashboard(`regionCode=${w.tree.county}&organisationId=${w.taxOrgId}&from=2025-03-01&to=2025-04-30`);
    expect(byDistrict.totals).toMatchObject({ received: 3, closed: 3, closedOnTime: 2 });
  });

  it('DSH-1 the period is checked: from after to, or longer than five years, is a field error', async () => {
    for (const q of ['from=2025-05-01&to=2025-04-01', 'from=2018-01-01&to=2025-04-01', 'from=2025-02-30']) {
      const res = await w.as.district.request('GET', `/api/matter-dashboard?regionCode=${w.tree.county}&${q}`);
      expect(res.statusCode, q).toBe(400);
    }
  });

  it('DSH-1 按时办结 is stored by the closing step and the trigger-kept rollup equals a rebuild from the matters', async () => {
    const id = await raiseMatter(w);
    await stepOk(w.as.building, id, { action: 'resolve_on_site', note: '现场协调解决' });
    await stepOk(w.as.building, id, { action: 'reply', note: '已电话回复企业' });
    await stepOk(w.as.enterprise, id, { action: 'rate', satisfaction: 'satisfied' });
    const row = await ctx.db.kysely
      .selectFrom('matter')
      .select(['status', 'closed_on_time', 'responded_on_time'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'closed', closed_on_time: true, responded_on_time: true });
    const withdrawn = await raiseMatter(w);
    await stepOk(w.as.enterprise, withdrawn, { action: 'withdraw', note: '已自行解决' });

    const snapshot = async () =>
      (
        await sql<{ r: string }>`SELECT string_agg(t::text, ';' ORDER BY t::text) AS r FROM (
          SELECT * FROM matter_rollup WHERE received <> 0 OR open <> 0) t`.execute(ctx.db.kysely)
      ).rows[0]!.r;
    // Folded, the deltas the steps appended (migration 023) are the rows a recount gives.
    await foldMatterRollup(ctx.db.kysely);
    const kept = await snapshot();
    await sql`SELECT matter_rollup_rebuild()`.execute(ctx.db.kysely);
    expect(await snapshot()).toBe(kept);
    const today = await dashboard(`regionCode=${w.tree.county}`);
    expect(today.totals.closedOnTime).toBeGreaterThanOrEqual(1);
    expect(today.totals.withdrawn).toBeGreaterThanOrEqual(1);
  });

  it('DSH-1 the Excel export carries the same figures', async () => {
    const res = await w.as.district.request('GET', `/api/matter-dashboard.xlsx?regionCode=${w.tree.county}&from=2025-03-01&to=2025-04-30`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const overview = wb.getWorksheet('概览')!;
    const values = new Map<string, unknown>();
    overview.eachRow((row) => values.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(values.get('受理数')).toBe(6);
    expect(values.get('办结率')).toBe(0.5);
    expect(values.get('当前超期')).toBe(1);
    expect(wb.getWorksheet('区域排名')!.rowCount).toBe(3);
  });
});
