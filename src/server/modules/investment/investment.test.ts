import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Agent, type TestContext } from '../../../../tests/support/app.ts';
import { createRegionTree, createUser, randomCreditCode, type RegionTree } from '../../../../tests/support/factories.ts';
import { databaseFingerprint } from '../../../../tests/support/scope.ts';
import { createBuilding, createEnterprise, createLease } from '../../../../tests/support/service-factories.ts';

let ctx: TestContext;
let tree: RegionTree;
let district: Agent;
let software: { id: string; orgPath: string; regionCode: string };
let lawyers: { id: string; orgPath: string; regionCode: string };

beforeAll(async () => {
  ctx = await createTestApp();
  const db = ctx.db.kysely;
  tree = await createRegionTree(db);
  const u = await createUser(db, { role: 'district', regionCode: tree.county });
  district = await login(ctx.app, u.username, u.password);
  // 软件园大厦: 5,000㎡ with 3,000 leased today, 800 more from next year, and a tenant that left.
  software = await createBuilding(db, {
    regionCode: tree.villages[0][0],
    name: '软件园大厦',
    officeArea: 5000,
    industryFocus: ['65'],
    positioning: '软件信息楼',
    askingRent: 80,
    demoStatus: 'named',
  });
  const a = await createEnterprise(db, { regionCode: tree.villages[0][0] });
  const b = await createEnterprise(db, { regionCode: tree.villages[0][0] });
  const c = await createEnterprise(db, { regionCode: tree.villages[0][0] });
  await createLease(db, {
    building: software,
    enterprise: a,
    area: 2000,
    startOn: '2022-01-01',
    events: [{ kind: 'area_change', effectiveOn: '2023-01-01', areaAfter: 2500 }],
  });
  await createLease(db, { building: software, enterprise: b, area: 500, startOn: '2022-01-01' });
  await createLease(db, {
    building: software,
    enterprise: c,
    area: 900,
    startOn: '2021-01-01',
    events: [{ kind: 'move_out', effectiveOn: '2023-06-30', areaAfter: 0 }],
  });
  await createLease(db, {
    building: software,
    enterprise: await createEnterprise(db, { regionCode: tree.villages[0][0] }),
    area: 800,
    startOn: '2099-01-01',
    endOn: '2100-01-01',
  });
  lawyers = await createBuilding(db, {
    regionCode: tree.villages[1][0],
    name: '律师大厦',
    officeArea: 1500,
    industryFocus: ['L'],
    positioning: '律师楼',
    askingRent: 120,
  });
});
afterAll(() => ctx.close());

interface Match {
  rank: number;
  building: { id: string; vacantArea: number; leasedArea: number };
  score: number;
  fitsArea: boolean;
  reasons: { factor: string; points: number; text: string }[];
}

describe('REG-8 vacancy and matching buildings to an investor', () => {
  it('REG-8 vacancy comes from the latest lease event effective today: area changes count, move-outs free space, future move-ins wait', async () => {
    const res = await district.request('GET', '/api/investment/vacancies');
    expect(res.statusCode, res.body).toBe(200);
    const items = (res.json() as { items: { id: string; leasedArea: number; vacantArea: number; vacancyRate: number }[] }).items;
    expect(items.find((i) => i.id === software.id)).toMatchObject({ leasedArea: 3000, vacantArea: 2000, vacancyRate: 0.4 });
    expect(items.find((i) => i.id === lawyers.id)).toMatchObject({ leasedArea: 0, vacantArea: 1500 });
  });

  it('REG-8 a software investor is shown the software building first, every component explained in Chinese', async () => {
    const res = await district.request('POST', '/api/investment/match', {
      industryCode: '65',
      area: 1200,
      budget: 100,
      preferredRegionCode: tree.townships[0],
    });
    expect(res.statusCode, res.body).toBe(200);
    const [first, second] = (res.json() as { items: Match[] }).items;
    expect(first!.building.id).toBe(software.id);
    expect(first!.reasons.map((r) => r.text)).toEqual([
      '空置面积 2,000㎡ 满足需求 1,200㎡',
      '行业「65 软件和信息技术服务业」与楼宇主导产业一致',
      '楼宇定位「软件信息楼」契合「软件」',
      '租金 ¥80/㎡·月 在预算 ¥100/㎡·月 以内',
      '位于意向区域内',
      '已命名示范楼宇',
    ]);
    expect(first!.score).toBe(95);
    expect(second!.building.id).toBe(lawyers.id);
  });

  it('REG-8 too little space ranks last, or drops out with strictArea', async () => {
    const loose = (
      await district.request('POST', '/api/investment/match', { industryCode: '72', area: 1800, keywords: ['律师'] })
    ).json() as { items: Match[] };
    const lawyerMatch = loose.items.find((m) => m.building.id === lawyers.id)!;
    expect(lawyerMatch.fitsArea).toBe(false);
    expect(lawyerMatch.reasons[0]!.text).toBe('空置面积 1,500㎡ 不足需求 1,800㎡');
    expect(loose.items.at(-1)!.building.id).toBe(lawyers.id);
    const strict = (
      await district.request('POST', '/api/investment/match', { industryCode: '72', area: 1800, strictArea: true })
    ).json() as { items: Match[] };
    expect(strict.items.map((m) => m.building.id)).not.toContain(lawyers.id);
  });

  it('SEC-3 an unknown industry code and a non-positive area are field errors', async () => {
    const res = await district.request('POST', '/api/investment/match', { industryCode: 'Z9', area: 0 }, { 'x-locale': 'en' });
    expect(res.statusCode).toBe(400);
    const fields = Object.fromEntries((res.json().error.fields as { path: string; message: string }[]).map((f) => [f.path, f.message]));
    expect(Object.keys(fields).sort()).toEqual(['area', 'industryCode']);
    expect(fields.industryCode).toBe('Unknown GB/T 4754 industry code');
  });
});

async function newLead(body: Record<string, unknown> = {}) {
  const res = await district.request('POST', '/api/investment/leads', {
    name: '某软件公司',
    industryCode: '65',
    areaNeeded: 600,
    budget: 90,
    regionCode: tree.county,
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; status: string; nextStatuses: string[] };
}

const settleBody = (creditCode = randomCreditCode(), name = '福州某软件有限公司') => ({
  to: 'settled',
  buildingId: software.id,
  enterprise: { name, creditCode },
  lease: { startOn: '2024-01-01', endOn: '2026-12-31', units: '1201' },
});

describe('REG-8 investment leads: 潜在 → 洽谈 → 入驻', () => {
  it('REG-8 a lead starts as a prospect and may only move along the table; an illegal move is 409 and changes nothing', async () => {
    const lead = await newLead();
    expect(lead).toMatchObject({ status: 'prospect', nextStatuses: ['negotiating', 'dropped'] });
    const before = await databaseFingerprint(ctx);
    const jump = await district.request('POST', `/api/investment/leads/${lead.id}/transition`, settleBody());
    expect(jump.statusCode).toBe(409);
    expect(jump.json().error.message).toBe('线索当前为「潜在」，不能转为「入驻」');
    expect(await databaseFingerprint(ctx)).toBe(before);
  });

  it('REG-8 settling creates the enterprise, its lease in the building and the move-in event, in one transaction with audit rows', async () => {
    const lead = await newLead({ name: '入驻测试公司' });
    const talks = await district.request('POST', `/api/investment/leads/${lead.id}/transition`, {
      to: 'negotiating',
      buildingId: software.id,
    });
    expect(talks.statusCode, talks.body).toBe(200);
    const code = randomCreditCode();
    const res = await district.request('POST', `/api/investment/leads/${lead.id}/transition`, settleBody(code));
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { status: string; enterprise: { id: string }; building: { id: string }; leaseId: string };
    expect(body.status).toBe('settled');
    const db = ctx.db.kysely;
    const enterprise = await db
      .selectFrom('enterprise')
      .selectAll()
      .where('organisation_id', '=', body.enterprise.id)
      .executeTakeFirstOrThrow();
    const building = await db
      .selectFrom('building')
      .select(['org_path', 'region_code'])
      .where('id', '=', software.id)
      .executeTakeFirstOrThrow();
    expect(enterprise).toMatchObject({
      credit_code: code,
      industry_code: '65',
      current_building_id: software.id,
      building_path: building.org_path,
    });
    const org = await db.selectFrom('organisation').select(['kind', 'path']).where('id', '=', body.enterprise.id).executeTakeFirstOrThrow();
    expect(org.kind).toBe('enterprise');
    const lease = await db.selectFrom('lease').selectAll().where('id', '=', body.leaseId).executeTakeFirstOrThrow();
    expect(lease).toMatchObject({
      building_id: software.id,
      enterprise_id: body.enterprise.id,
      org_path: building.org_path,
      tenant_path: org.path,
      region_code: building.region_code,
    });
    expect(Number(lease.area)).toBe(600);
    const events = await db.selectFrom('lease_event').select(['kind', 'effective_on']).where('lease_id', '=', body.leaseId).execute();
    expect(events).toEqual([{ kind: 'move_in', effective_on: '2024-01-01' }]);
    const actions = await db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', 'in', [lead.id, body.enterprise.id, body.leaseId])
      .execute();
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['investment_lead.settled', 'organisation.create', 'enterprise.create', 'lease.create']),
    );
    // Settled is final.
    const again = await district.request('POST', `/api/investment/leads/${lead.id}/transition`, { to: 'dropped' });
    expect(again.statusCode).toBe(409);
  });

  it('REG-8 two concurrent settle calls: one wins, the other gets 409; one enterprise, one lease', async () => {
    const lead = await newLead({ name: '并发测试公司' });
    await district.request('POST', `/api/investment/leads/${lead.id}/transition`, { to: 'negotiating' });
    const [a, b] = await Promise.all([
      district.request('POST', `/api/investment/leads/${lead.id}/transition`, settleBody(randomCreditCode(), '并发入驻有限公司')),
      district.request('POST', `/api/investment/leads/${lead.id}/transition`, settleBody(randomCreditCode(), '并发入驻有限公司')),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const leases = await ctx.db.kysely
      .selectFrom('lease')
      .innerJoin('organisation', 'organisation.id', 'lease.enterprise_id')
      .select('lease.id')
      .where('organisation.name', '=', '并发入驻有限公司')
      .execute();
    const settled = await ctx.db.kysely
      .selectFrom('investment_lead')
      .select('lease_id')
      .where('id', '=', lead.id)
      .executeTakeFirstOrThrow();
    expect(leases.map((l) => l.id)).toEqual([settled.lease_id]);
  });

  it('SEC-3 settling without its parts, beyond the vacancy or with a taken credit code is refused per field and changes nothing', async () => {
    const lead = await newLead({ name: '校验测试公司' });
    await district.request('POST', `/api/investment/leads/${lead.id}/transition`, { to: 'negotiating' });
    const before = await databaseFingerprint(ctx);
    const bare = await district.request('POST', `/api/investment/leads/${lead.id}/transition`, { to: 'settled' });
    expect(bare.statusCode).toBe(400);
    expect((bare.json().error.fields as { path: string }[]).map((f) => f.path)).toEqual(['buildingId', 'enterprise', 'lease']);
    const tooBig = await district.request('POST', `/api/investment/leads/${lead.id}/transition`, {
      ...settleBody(),
      buildingId: lawyers.id,
      lease: { area: 5000, startOn: '2024-01-01', endOn: '2025-01-01' },
    });
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.json().error.fields).toEqual([
      { path: 'lease.area', message: '租赁面积超出楼宇办公面积（届时已租 5000 ㎡，办公面积 1500 ㎡）' },
    ]);
    const existing = await createEnterprise(ctx.db.kysely, { regionCode: tree.villages[0][0] });
    const beforeTaken = await databaseFingerprint(ctx);
    const taken = await district.request('POST', `/api/investment/leads/${lead.id}/transition`, settleBody(existing.creditCode));
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.fields[0].path).toBe('enterprise.creditCode');
    const badCode = await district.request('POST', `/api/investment/leads/${lead.id}/transition`, settleBody('91350100M000100Y44'));
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json().error.fields[0]).toEqual({ path: 'enterprise.creditCode', message: '统一社会信用代码无效（18 位，校验码不符）' });
    expect(await databaseFingerprint(ctx)).toBe(beforeTaken);
    expect(before).not.toBe(beforeTaken);
  });

  it('REG-8 leads are listed by status with their next moves', async () => {
    const lead = await newLead({ name: '列表测试公司' });
    await district.request('POST', `/api/investment/leads/${lead.id}/transition`, { to: 'dropped', note: '投资方转投他市' });
    const list = (await district.request('GET', '/api/investment/leads?status=dropped')).json() as {
      items: { id: string; note: string; nextStatuses: string[]; statusLabel: string }[];
    };
    expect(list.items.find((l) => l.id === lead.id)).toMatchObject({
      note: '投资方转投他市',
      nextStatuses: ['prospect'],
      statusLabel: '放弃',
    });
  });
});
