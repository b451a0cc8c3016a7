import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../../tests/support/app.ts';
import { databaseFingerprint } from '../../../../tests/support/scope.ts';
import {
  createVillageWorld,
  DONGSHAO,
  GUANTIAN,
  ok,
  XINGGUO,
  XINGLIAN,
  type VillageWorld,
} from '../../../../tests/support/village-factories.ts';
import type { FundLedger } from './schemas-funds.ts';
import type { VillageDashboard } from './schemas-dashboard.ts';
import type { IncomeOverview } from './schemas-heritage.ts';
import type { VillageDetail } from './schemas.ts';

let ctx: TestContext;
let w: VillageWorld;

beforeAll(async () => {
  ctx = await createTestApp();
  w = await createVillageWorld(ctx);
  await ok(w.as.county, 'POST', '/api/villages', {
    regionCode: GUANTIAN,
    partyOrgId: w.branch.id,
    isTraditional: true,
    listingLevel: 'national',
    listingBatch: 5,
    listedOn: '2019-06-06',
    summary: '中央兵工厂旧址所在地',
    households: 412,
  });
  await ok(w.as.county, 'POST', '/api/villages', { regionCode: DONGSHAO, isTraditional: true, listingLevel: 'national', listingBatch: 5 });
});
afterAll(() => ctx.close());

describe('VIL-1 village profile (一村一档)', () => {
  it('VIL-1 opens a profile only on a village code in scope; field errors are in the user’s language', async () => {
    const township = await w.as.county.request('POST', '/api/villages', { regionCode: XINGLIAN, isTraditional: false });
    expect(township.statusCode).toBe(400);
    expect(township.json().error.fields).toEqual([{ path: 'regionCode', message: '请选择村（社区）一级的行政区划' }]);
    const en = await w.as.county.request('POST', '/api/villages', { regionCode: XINGLIAN }, { 'x-locale': 'en' });
    expect(en.json().error.fields[0].message).toBe('Choose a village or community (a 12-digit code)');
    const twice = await w.as.county.request('POST', '/api/villages', { regionCode: GUANTIAN });
    expect(twice.statusCode).toBe(409);
    const listing = await w.as.county.request('POST', '/api/villages', {
      regionCode: '360732203200',
      isTraditional: false,
      listingBatch: 3,
    });
    expect(listing.json().error.fields[0].path).toBe('listingLevel');
  });

  it('VIL-1 the village keeps its profile but the listing is designated by the township or above', async () => {
    const before = await databaseFingerprint(ctx);
    const res = await w.as.village.request('PATCH', `/api/villages/${GUANTIAN}`, { listingBatch: 1 });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.fields[0]).toEqual({ path: 'isTraditional', message: '传统村落名录信息由乡镇及以上填报' });
    expect(await databaseFingerprint(ctx)).toBe(before);
    const patched = await ok<VillageDetail>(w.as.village, 'PATCH', `/api/villages/${GUANTIAN}`, { population: 1650 });
    expect(patched.population).toBe(1650);
    expect(patched.listingBatch).toBe(5);
    expect(patched.may).toEqual({ write: true, designate: false, books: true });
  });

  it('VIL-1 buildings with condition and repairs, plans, posts with holders, the five-level chain', async () => {
    let v = await ok<VillageDetail>(w.as.village, 'POST', `/api/villages/${GUANTIAN}/buildings`, {
      name: '中央兵工厂旧址',
      era: '1931',
      condition: 'fair',
    });
    const building = v.traditionalBuildings[0]!;
    v = await ok(w.as.village, 'POST', `/api/villages/${GUANTIAN}/buildings/${building.id}/repairs`, {
      repairedOn: '2022-05-01',
      description: '屋面翻修',
      cost: 386000.5,
    });
    expect(v.traditionalBuildings[0]!.repairs).toEqual([expect.objectContaining({ description: '屋面翻修', cost: 386000.5 })]);
    v = await ok(w.as.village, 'PATCH', `/api/villages/${GUANTIAN}/buildings/${building.id}`, {
      condition: 'good',
      inspectedOn: '2023-01-10',
    });
    expect(v.traditionalBuildings[0]).toMatchObject({ condition: 'good', inspectedOn: '2023-01-10', era: '1931' });
    v = await ok(w.as.village, 'POST', `/api/villages/${GUANTIAN}/plans`, {
      title: '官田村传统村落保护发展规划',
      status: 'approved',
      approvedOn: '2020-03-01',
      periodFrom: 2020,
      periodTo: 2035,
    });
    expect(v.plans[0]).toMatchObject({ status: 'approved', periodFrom: 2020, periodTo: 2035 });
    const badPeriod = await w.as.village.request('POST', `/api/villages/${GUANTIAN}/plans`, {
      title: '倒序',
      status: 'drafting',
      periodFrom: 2030,
      periodTo: 2020,
    });
    expect(badPeriod.json().error.fields).toEqual([{ path: 'periodTo', message: '结束日期不能早于开始日期' }]);
    v = await ok(w.as.village, 'POST', `/api/villages/${GUANTIAN}/posts`, {
      kind: 'pioneer_post',
      name: '古建筑巡查先锋岗',
      duty: '每周巡查古建筑',
    });
    const post = v.posts[0]!;
    v = await ok(w.as.village, 'POST', `/api/villages/${GUANTIAN}/posts/${post.id}/holders`, {
      personId: w.memberPersonId,
      since: '2023-01-01',
    });
    expect(v.posts[0]!.holders).toEqual([{ personId: w.memberPersonId, name: '钟党员', since: '2023-01-01', until: null }]);
    const again = await w.as.village.request('POST', `/api/villages/${GUANTIAN}/posts/${post.id}/holders`, {
      personId: w.memberPersonId,
      since: '2023-02-01',
    });
    expect(again.statusCode).toBe(409);
    v = await ok(w.as.village, 'POST', `/api/villages/${GUANTIAN}/posts/${post.id}/holders/${w.memberPersonId}/end`, {
      until: '2024-12-31',
    });
    expect(v.posts[0]!.holders[0]!.until).toBe('2024-12-31');
    // The county enters its own leader and paired department; the village its secretary.
    await ok(w.as.county, 'POST', `/api/villages/${GUANTIAN}/chain`, {
      level: 'county_leader',
      personId: w.countyLeaderId,
      duty: '包乡联村',
    });
    await ok(w.as.county, 'POST', `/api/villages/${GUANTIAN}/chain`, {
      level: 'department',
      organisationId: w.departmentId,
      duty: '结对帮扶',
    });
    v = await ok(w.as.village, 'POST', `/api/villages/${GUANTIAN}/chain`, { level: 'village_secretary', personId: w.memberPersonId });
    expect(v.chain.map((c) => c.level)).toEqual(['county_leader', 'department', 'village_secretary']);
    const hidden = await w.as.village.request('POST', `/api/villages/${GUANTIAN}/chain`, {
      level: 'county_leader',
      personId: w.countyLeaderId,
    });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.fields[0].path).toBe('personId');
    const empty = await w.as.village.request('POST', `/api/villages/${GUANTIAN}/chain`, { level: 'social' });
    expect(empty.json().error.fields[0]).toEqual({ path: 'personId', message: '请填写责任人或责任单位' });
  });

  it('VIL-1 village rules keep every version with one current; an earlier one can be reinstated', async () => {
    await ok(w.as.village, 'POST', `/api/villages/${GUANTIAN}/rules`, {
      title: '官田村村规民约',
      body: '一、爱护古建筑。',
      adoptedOn: '2019-01-10',
      adoptedBy: '村民代表大会',
    });
    let v = await ok<VillageDetail>(w.as.village, 'POST', `/api/villages/${GUANTIAN}/rules`, {
      title: '官田村村规民约（修订）',
      body: '一、爱护古建筑。二、禁止乱搭乱建。',
      adoptedOn: '2023-03-01',
    });
    expect(v.rules).toMatchObject({ version: 2, body: '一、爱护古建筑。二、禁止乱搭乱建。' });
    expect(v.rulesVersions.map((r) => [r.version, r.isCurrent])).toEqual([
      [2, true],
      [1, false],
    ]);
    v = await ok(w.as.village, 'POST', `/api/villages/${GUANTIAN}/rules/1/current`, {});
    expect(v.rules?.version).toBe(1);
    const versions = await ok<{ items: { version: number; body: string; isCurrent: boolean }[] }>(
      w.as.member,
      'GET',
      `/api/villages/${GUANTIAN}/rules`,
    );
    expect(versions.items.map((r) => [r.version, r.isCurrent])).toEqual([
      [2, false],
      [1, true],
    ]);
    const missing = await w.as.village.request('POST', `/api/villages/${GUANTIAN}/rules/9/current`, {});
    expect(missing.statusCode).toBe(404);
  });

  it('VIL-1 a party member of the village reads its public record, not its books, and changes nothing', async () => {
    const v = await ok<VillageDetail>(w.as.member, 'GET', `/api/villages/${GUANTIAN}`);
    expect(v.name).toBe('官田村');
    expect(v.may).toEqual({ write: false, designate: false, books: false });
    expect((await w.as.member.request('GET', `/api/villages/${DONGSHAO}`)).statusCode).toBe(404);
    expect((await w.as.member.request('GET', `/api/villages/${GUANTIAN}/funds`)).statusCode).toBe(404);
    expect((await w.as.member.request('POST', `/api/villages/${GUANTIAN}/posts`, { kind: 'model_post', name: '示范岗' })).statusCode).toBe(
      403,
    );
    const list = await ok<{ items: { regionCode: string }[] }>(w.as.member, 'GET', '/api/villages');
    expect(list.items.map((i) => i.regionCode)).toEqual([GUANTIAN]);
  });
});

describe('VIL-2 protection-funds ledger', () => {
  const url = `/api/villages/${GUANTIAN}`;
  let planning = '';
  let protection = '';

  it('VIL-2 sources, allocations and spendings with vouchers give exact balances per village and project', async () => {
    await ok(w.as.village, 'POST', `${url}/fund-projects`, { name: '保护发展规划编制', purpose: 'planning' });
    const l0 = await ok<FundLedger>(w.as.village, 'POST', `${url}/fund-projects`, {
      name: '兵工厂旧址修缮',
      purpose: 'building_protection',
    });
    planning = l0.projects.find((p) => p.purpose === 'planning')!.id;
    protection = l0.projects.find((p) => p.purpose === 'building_protection')!.id;
    await ok(w.as.village, 'POST', `${url}/fund-entries`, {
      kind: 'source',
      amount: 3_000_000,
      entryOn: '2022-02-01',
      sourceKind: 'central',
      counterparty: '中央财政传统村落补助',
    });
    await ok(w.as.village, 'POST', `${url}/fund-entries`, {
      kind: 'source',
      amount: 500_000.3,
      entryOn: '2022-03-01',
      sourceKind: 'county',
      counterparty: '县财政',
    });
    await ok(w.as.village, 'POST', `${url}/fund-entries`, {
      kind: 'allocation',
      amount: 200_000,
      entryOn: '2022-03-05',
      projectId: planning,
    });
    await ok(w.as.village, 'POST', `${url}/fund-entries`, {
      kind: 'allocation',
      amount: 2_800_000,
      entryOn: '2022-03-05',
      projectId: protection,
    });
    const l = await ok<FundLedger>(w.as.village, 'POST', `${url}/fund-entries`, {
      kind: 'spending',
      amount: 1_234_567.89,
      entryOn: '2022-06-30',
      projectId: protection,
      counterparty: '兴国县古建修缮有限公司',
      voucherNo: 'GT-2022-001',
      attachmentName: '修缮合同及发票.pdf',
    });
    expect(l.totals).toMatchObject({
      received: 3_500_000.3,
      allocated: 3_000_000,
      spent: 1_234_567.89,
      unallocated: 500_000.3,
      balance: 2_265_432.41,
    });
    expect(l.projects.find((p) => p.id === protection)).toMatchObject({ allocated: 2_800_000, spent: 1_234_567.89, balance: 1_565_432.11 });
    expect(l.totals.bySource).toEqual([
      { sourceKind: 'central', amount: 3_000_000 },
      { sourceKind: 'county', amount: 500_000.3 },
    ]);
    expect(l.entries[0]).toMatchObject({
      kind: 'spending',
      voucherNo: 'GT-2022-001',
      attachmentName: '修缮合同及发票.pdf',
      counterparty: '兴国县古建修缮有限公司',
    });
  });

  it('VIL-2 nothing goes below zero without an overdraft note; vouchers are unique and required', async () => {
    const before = await databaseFingerprint(ctx);
    const over = await w.as.village.request('POST', `${url}/fund-entries`, {
      kind: 'spending',
      amount: 200_000.01,
      entryOn: '2022-07-01',
      projectId: planning,
      counterparty: '设计院',
      voucherNo: 'GT-2022-002',
    });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.fields).toEqual([
      { path: 'amount', message: '余额不足：可用 200,000.00 元，本笔 200,000.01 元；确需透支请填写透支说明' },
    ]);
    const dup = await w.as.village.request('POST', `${url}/fund-entries`, {
      kind: 'spending',
      amount: 1,
      entryOn: '2022-07-01',
      projectId: planning,
      counterparty: '设计院',
      voucherNo: 'GT-2022-001',
    });
    expect(dup.statusCode).toBe(409);
    const noVoucher = await w.as.village.request('POST', `${url}/fund-entries`, {
      kind: 'spending',
      amount: 1,
      entryOn: '2022-07-01',
      projectId: planning,
      counterparty: '设计院',
    });
    expect(noVoucher.json().error.fields[0].path).toBe('voucherNo');
    const overAllocate = await w.as.village.request('POST', `${url}/fund-entries`, {
      kind: 'allocation',
      amount: 500_000.31,
      entryOn: '2022-07-01',
      projectId: planning,
    });
    expect(overAllocate.json().error.fields[0].path).toBe('amount');
    const cents = await w.as.village.request('POST', `${url}/fund-entries`, {
      kind: 'source',
      amount: 1.005,
      entryOn: '2022-07-01',
      sourceKind: 'social',
    });
    expect(cents.json().error.fields[0]).toEqual({ path: 'amount', message: '金额须为正数，最多两位小数（元）' });
    expect(await databaseFingerprint(ctx)).toBe(before);
    const l = await ok<FundLedger>(w.as.village, 'POST', `${url}/fund-entries`, {
      kind: 'spending',
      amount: 200_000.01,
      entryOn: '2022-07-01',
      projectId: planning,
      counterparty: '设计院',
      voucherNo: 'GT-2022-002',
      overdraftNote: '县财政追加 0.01 元待拨付',
    });
    expect(l.projects.find((p) => p.id === planning)!.balance).toBe(-0.01);
    expect(l.entries[0]!.overdraftNote).toBe('县财政追加 0.01 元待拨付');
  });

  it('VIL-2 the public summary needs no account, shows only aggregates, and only once published', async () => {
    const hidden = await ctx.app.inject({ method: 'GET', url: `/api/public/villages/${GUANTIAN}/funds` });
    expect(hidden.statusCode).toBe(404);
    await ok(w.as.village, 'PATCH', url, { fundsPublished: true });
    const res = await ctx.app.inject({ method: 'GET', url: `/api/public/villages/${GUANTIAN}/funds` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ name: '官田村', townshipName: '兴莲乡', spendings: 2, asOf: '2022-07-01' });
    expect(body.totals).toMatchObject({ received: 3_500_000.3, spent: 1_434_567.9 });
    for (const secret of ['GT-2022-001', '兴国县古建修缮有限公司', '修缮合同', '透支', 'voucher', 'counterparty'])
      expect(res.body).not.toContain(secret);
  });

  it('VIL-2 a fund irregularity becomes a matter in one step, placed on the village', async () => {
    const res = await w.as.township.request('POST', `${url}/funds/matter`, {
      description: '凭证 GT-2022-002 透支，请核查',
      idempotencyKey: 'fund-1',
    });
    expect(res.statusCode, res.body).toBe(201);
    const again = await w.as.township.request('POST', `${url}/funds/matter`, {
      description: '凭证 GT-2022-002 透支，请核查',
      idempotencyKey: 'fund-1',
    });
    expect(again.json()).toEqual({ matterId: res.json().matterId, created: false });
    const matter = await ctx.db.kysely
      .selectFrom('matter')
      .select(['source', 'region_code', 'title'])
      .where('id', '=', res.json().matterId)
      .executeTakeFirstOrThrow();
    expect(matter).toEqual({ source: 'inspection', region_code: GUANTIAN, title: '保护资金异常：官田村' });
  });
});

describe('VIL-1 MAT-1 a building in danger raises a matter', () => {
  it('VIL-1 the matter is an inspection finding on the village code, linked to the building', async () => {
    const v = await ok<VillageDetail>(w.as.village, 'POST', `/api/villages/${GUANTIAN}/buildings`, {
      name: '钟氏宗祠',
      condition: 'dangerous',
    });
    const b = v.traditionalBuildings.find((x) => x.name === '钟氏宗祠')!;
    const res = await w.as.village.request('POST', `/api/villages/${GUANTIAN}/buildings/${b.id}/matter`, {
      description: '东墙开裂，有倒塌危险',
    });
    expect(res.statusCode, res.body).toBe(201);
    const matter = await ctx.db.kysely
      .selectFrom('matter')
      .select(['source', 'region_code', 'priority', 'title'])
      .where('id', '=', res.json().matterId)
      .executeTakeFirstOrThrow();
    expect(matter).toEqual({ source: 'inspection', region_code: GUANTIAN, priority: 'urgent', title: '传统建筑险情：官田村钟氏宗祠' });
    const after = await ok<VillageDetail>(w.as.village, 'GET', `/api/villages/${GUANTIAN}`);
    expect(after.traditionalBuildings.find((x) => x.id === b.id)!.matterId).toBe(res.json().matterId);
    expect(after.dangerousBuildings).toBe(1);
  });
});

describe('VIL-3 collective income', () => {
  it('VIL-3 counts villages strictly above ¥300,000 and ¥500,000; the county may set other thresholds', async () => {
    await ok(w.as.village, 'PUT', `/api/villages/${GUANTIAN}/income/2022`, { operatingIncome: 500_000.01 });
    await ok(w.as.otherVillage, 'PUT', `/api/villages/${DONGSHAO}/income/2022`, { operatingIncome: 500_000 });
    let o = await ok<IncomeOverview>(w.as.county, 'GET', `/api/collective-income?regionCode=${XINGGUO}&year=2022`);
    expect(o).toMatchObject({
      villages: 2,
      reported: 2,
      thresholds: [300_000, 500_000],
      thresholdsFrom: null,
      mayConfigure: true,
      total: 1_000_000.01,
    });
    expect(o.counts).toEqual([
      { threshold: 300_000, villages: 2 },
      { threshold: 500_000, villages: 1 },
    ]);
    expect(o.items[0]).toMatchObject({ name: '官田村', above: [300_000, 500_000] });
    const refused = await w.as.township.request('PUT', '/api/collective-income/thresholds', { regionCode: XINGGUO, amounts: [400_000] });
    expect(refused.statusCode).toBe(403);
    const bad = await w.as.county.request('PUT', '/api/collective-income/thresholds', { regionCode: XINGGUO, amounts: [400_000, 400_000] });
    expect(bad.json().error.fields).toEqual([{ path: 'amounts', message: '请填写 1—5 个不同的正数门槛（元）' }]);
    await ok(w.as.county, 'PUT', '/api/collective-income/thresholds', { regionCode: XINGGUO, amounts: [500_000.01, 100_000] });
    o = await ok<IncomeOverview>(w.as.township, 'GET', `/api/collective-income?year=2022`);
    expect(o.thresholdsFrom).toBe(XINGGUO);
    expect(o.mayConfigure).toBe(false);
    expect(o.items.map((i) => i.name)).toEqual(['官田村']);
    expect(o.counts).toEqual([
      { threshold: 100_000, villages: 1 },
      { threshold: 500_000.01, villages: 0 },
    ]);
    await ok(w.as.county, 'PUT', '/api/collective-income/thresholds', { regionCode: XINGGUO, amounts: [300_000, 500_000] });
  });
});

describe('VIL-4 heritage and tourism, and the county dashboard', () => {
  it('VIL-4 items, inheritors, performances, sites, guides and visitors add up on the dashboard per village and county', async () => {
    const song = await ok<{ id: string }>(w.as.county, 'POST', '/api/heritage-items', {
      regionCode: XINGGUO,
      name: '兴国山歌',
      category: '传统音乐',
      level: 'national',
      listedYear: 2006,
    });
    await ok(w.as.county, 'POST', `/api/heritage-items/${song.id}/inheritors`, { name: '传承人甲', level: 'national' });
    expect(
      (await w.as.village.request('POST', `/api/heritage-items/${song.id}/inheritors`, { name: '乙', level: 'county' })).statusCode,
    ).toBe(403);
    const items = await ok<{ items: { name: string; inheritors: unknown[] }[] }>(w.as.village, 'GET', '/api/heritage-items');
    expect(items.items.map((i) => [i.name, i.inheritors.length])).toEqual([['兴国山歌', 1]]);
    await ok(w.as.village, 'POST', '/api/performances', {
      heritageItemId: song.id,
      regionCode: GUANTIAN,
      title: '山歌进古村',
      performedOn: '2026-03-08',
      place: '官田村文化广场',
      audience: 320,
    });
    await ok(w.as.otherVillage, 'POST', '/api/performances', {
      heritageItemId: song.id,
      regionCode: DONGSHAO,
      title: '山歌对唱',
      performedOn: '2026-03-20',
      place: '东韶村祠堂',
      audience: 180,
    });
    await ok(w.as.county, 'POST', '/api/performances', {
      heritageItemId: song.id,
      regionCode: XINGGUO,
      title: '去年的展演',
      performedOn: '2025-12-31',
      place: '县城',
      audience: 1000,
    });
    const site = await ok<{ id: string }>(w.as.village, 'POST', '/api/tourism-sites', {
      regionCode: GUANTIAN,
      name: '官田中央兵工厂旧址',
      kind: 'red_education',
    });
    for (const name of ['讲解员一', '讲解员二']) await ok(w.as.village, 'POST', `/api/tourism-sites/${site.id}/guides`, { name });
    await ok(w.as.village, 'PUT', `/api/tourism-sites/${site.id}/visitors/2025-10`, { visitors: 3000 });
    await ok(w.as.village, 'PUT', `/api/tourism-sites/${site.id}/visitors/2026-02`, { visitors: 999 });
    await ok(w.as.village, 'PUT', `/api/tourism-sites/${site.id}/visitors/2026-02`, { visitors: 1500 });
    const badMonth = await w.as.village.request('PUT', `/api/tourism-sites/${site.id}/visitors/2026-13`, { visitors: 1 });
    expect(badMonth.json().error.fields[0]).toEqual({ path: 'params.month', message: '月份格式应为 YYYY-MM' });

    const d = await ok<VillageDashboard>(w.as.county, 'GET', `/api/village-dashboard?regionCode=${XINGGUO}&year=2026`);
    expect(d.villages).toBe(2);
    expect(d.incomeByYear).toEqual([
      {
        year: 2022,
        reported: 2,
        total: 1_000_000.01,
        counts: [
          { threshold: 300_000, villages: 2 },
          { threshold: 500_000, villages: 1 },
        ],
      },
    ]);
    expect(d.heritage).toMatchObject({ performances: 2, audience: 500, byItem: [{ name: '兴国山歌', performances: 2 }] });
    expect(d.heritage.byMonth.find((m) => m.month === '2026-03')).toEqual({ month: '2026-03', performances: 2, audience: 500 });
    expect(d.tourism).toMatchObject({ visitors: 1500, visitorsSincePreviousYear: 4500, guides: 2 });
    expect(d.funds).toMatchObject({ received: 3_500_000.3, spent: 1_434_567.9 });
    expect(d.funds.byPurpose).toEqual([
      { purpose: 'planning', allocated: 200_000, spent: 200_000.01 },
      { purpose: 'infrastructure', allocated: 0, spent: 0 },
      { purpose: 'building_protection', allocated: 2_800_000, spent: 1_234_567.89 },
    ]);
    expect(d.perVillage.find((v) => v.regionCode === GUANTIAN)).toMatchObject({
      income: 500_000.01,
      incomeYear: 2022,
      performances: 1,
      visitors: 1500,
      dangerousBuildings: 1,
    });
    const township = await ok<VillageDashboard>(w.as.township, 'GET', '/api/village-dashboard?year=2026');
    expect(township.perVillage.map((v) => v.name)).toEqual(['官田村']);
    expect(township.heritage.performances).toBe(1);

    const xlsx = await w.as.county.request('GET', `/api/village-dashboard.xlsx?regionCode=${XINGGUO}&year=2026`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
