import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Agent, type TestContext } from '../../../../tests/support/app.ts';
import { createOrganisation, createPerson, createRegionTree, createUser, type RegionTree } from '../../../../tests/support/factories.ts';
import { createBuilding, createEnterprise, createLease, dayFromToday } from '../../../../tests/support/registry-factories.ts';
import { databaseFingerprint } from '../../../../tests/support/scope.ts';

let ctx: TestContext;
let tree: RegionTree;
let street: Agent;
let admin: Agent;

beforeAll(async () => {
  ctx = await createTestApp();
  tree = await createRegionTree(ctx.db.kysely);
  const s = await createUser(ctx.db.kysely, { role: 'street', regionCode: tree.townships[0] });
  const a = await createUser(ctx.db.kysely, { role: 'admin' });
  [street, admin] = await Promise.all([login(ctx.app, s.username, s.password), login(ctx.app, a.username, a.password)]);
});
afterAll(() => ctx.close());

describe('REG-1 buildings', () => {
  it('REG-1 registers a building with its fields; its 楼宇两委 are set up with it, and the change is audited', async () => {
    const company = await createOrganisation(ctx.db.kysely, { name: '红色物业公司', kind: 'property_company', regionCode: tree.townships[0] });
    const res = await street.request('POST', '/api/buildings', {
      name: '世茂国际中心',
      address: '五四路 158 号',
      regionCode: tree.villages[0][0],
      lng: 119.3,
      lat: 26.08,
      floorsAbove: 45,
      floorsBelow: 3,
      grossArea: 120000,
      officeArea: 80000,
      ownership: 'multiple',
      managementMode: 'entrusted',
      propertyCompanyId: company.id,
      positioning: '总部经济楼',
      industryFocus: ['j', '72'],
      demoStatus: 'cultivating',
      askingRent: 120,
      completedYear: 2012,
    });
    expect(res.statusCode, res.body).toBe(201);
    const b = res.json();
    expect(b).toMatchObject({
      name: '世茂国际中心',
      officeArea: 80000,
      ownership: 'multiple',
      propertyCompany: { id: company.id, name: '红色物业公司' },
      partyCommittee: { name: '世茂国际中心楼宇党委' },
      managementCommittee: { name: '世茂国际中心楼宇管委会' },
      positioning: '总部经济楼',
      industryFocus: ['J', '72'],
      demoStatus: 'cultivating',
      occupancy: { leasedArea: 0, occupancyRate: 0, vacancyRate: 1 },
      coverage: { mode: 'none', enterprises: 0, enterpriseRate: null },
      units: [],
    });
    const committees = await ctx.db.kysely.selectFrom('organisation').select(['id', 'kind', 'parent_id', 'path']).where('id', 'in', [b.partyCommittee.id, b.managementCommittee.id]).execute();
    const party = committees.find((c) => c.kind === 'building_party_committee')!;
    expect(committees.find((c) => c.kind === 'building_management_committee')!.parent_id).toBe(party.id);
    const row = await ctx.db.kysely.selectFrom('building').select('org_path').where('id', '=', b.id).executeTakeFirstOrThrow();
    expect(row.org_path).toBe(party.path);
    const audit = await ctx.db.kysely.selectFrom('audit_log').select(['action', 'entity']).where('entity_id', 'in', [b.id, party.id]).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['building.create', 'organisation.create']);
  });

  it('SEC-3 bad input gets field errors and changes nothing: unknown region, wrong kind of organisation, bad industry code', async () => {
    const enterprise = await createOrganisation(ctx.db.kysely, { kind: 'enterprise', regionCode: tree.villages[0][0] });
    const before = await databaseFingerprint(ctx);
    const unknownRegion = await street.request('POST', '/api/buildings', { name: '甲', address: '乙', regionCode: '350102001999', officeArea: 1, ownership: 'single', managementMode: 'owner_managed' });
    expect(unknownRegion.statusCode).toBe(400);
    expect(unknownRegion.json().error.fields).toEqual([{ path: 'regionCode', message: '行政区划代码不存在' }]);
    const wrongKind = await street.request('POST', '/api/buildings', {
      name: '甲',
      address: '乙',
      regionCode: tree.villages[0][0],
      officeArea: 100,
      ownership: 'single',
      managementMode: 'entrusted',
      propertyCompanyId: enterprise.id,
    });
    expect(wrongKind.statusCode).toBe(400);
    expect(wrongKind.json().error.fields[0]).toEqual({ path: 'propertyCompanyId', message: '所选组织的类型不符合要求' });
    const badIndustry = await street.request('POST', '/api/buildings', { name: '甲', address: '乙', regionCode: tree.villages[0][0], officeArea: 100, ownership: 'single', managementMode: 'owner_managed', industryFocus: ['Z9'] }, { 'x-locale': 'en' });
    expect(badIndustry.json().error.fields).toEqual([{ path: 'industryFocus.0', message: 'Unknown GB/T 4754 industry code' }]);
    const otherStreet = await street.request('POST', '/api/buildings', { name: '甲', address: '乙', regionCode: tree.villages[1][0], officeArea: 100, ownership: 'single', managementMode: 'owner_managed' });
    expect(otherStreet.statusCode).toBe(403);
    expect(await databaseFingerprint(ctx)).toBe(before);
  });

  it('REG-1 list filters by region, positioning, demonstration status and a part of the name; rows carry today’s occupancy', async () => {
    const b1 = await createBuilding(ctx.db.kysely, { regionCode: tree.villages[0][1], name: '钱隆金融大厦', positioning: '保险楼', officeArea: 2000 });
    await createBuilding(ctx.db.kysely, { regionCode: tree.villages[0][1], name: '正祥中心', positioning: '律师楼' });
    const e = await createEnterprise(ctx.db.kysely, { regionCode: tree.villages[0][1] });
    await createLease(ctx.db.kysely, { building: b1, enterprise: e, area: 500, startOn: dayFromToday(-30), endOn: dayFromToday(300) });
    const byName = (await street.request('GET', `/api/buildings?q=${encodeURIComponent('金融')}`)).json();
    expect(byName.items.map((i: { id: string }) => i.id)).toEqual([b1.id]);
    expect(byName.items[0].occupancy).toEqual({ leasedArea: 500, vacantArea: 1500, occupancyRate: 0.25, vacancyRate: 0.75 });
    const byPositioning = (await street.request('GET', `/api/buildings?positioning=${encodeURIComponent('律师楼')}&regionCode=${tree.villages[0][1]}`)).json();
    expect(byPositioning.items.map((i: { name: string }) => i.name)).toEqual(['正祥中心']);
    const region = (await street.request('GET', `/api/buildings?regionCode=${tree.villages[0][1]}&limit=1`)).json();
    expect(region).toMatchObject({ total: 2 });
    expect(region.items).toHaveLength(1);
    expect((await street.request('GET', '/api/buildings?demoStatus=named')).json().total).toBe(0);
  });

  it('REG-1 PATCH changes fields; a stale expectedUpdatedAt is a conflict; a new party committee moves leases and tenants along', async () => {
    const b = await createBuilding(ctx.db.kysely, { regionCode: tree.villages[0][0] });
    const e = await createEnterprise(ctx.db.kysely, { regionCode: tree.villages[0][0] });
    await createLease(ctx.db.kysely, { building: b, enterprise: e, area: 100, startOn: dayFromToday(-10), endOn: dayFromToday(100) });
    const current = (await street.request('GET', `/api/buildings/${b.id}`)).json();
    const newCommittee = await createOrganisation(ctx.db.kysely, { name: '新楼宇党委', kind: 'building_party_committee', regionCode: tree.villages[0][0] });
    const res = await street.request('PATCH', `/api/buildings/${b.id}`, { demoStatus: 'named', partyCommitteeId: newCommittee.id, expectedUpdatedAt: current.updatedAt });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ demoStatus: 'named', partyCommittee: { id: newCommittee.id } });
    const lease = await ctx.db.kysely.selectFrom('lease').select('org_path').where('building_id', '=', b.id).executeTakeFirstOrThrow();
    const ent = await ctx.db.kysely.selectFrom('enterprise').select('building_path').where('organisation_id', '=', e.id).executeTakeFirstOrThrow();
    expect([lease.org_path, ent.building_path]).toEqual([newCommittee.path, newCommittee.path]);
    const stale = await street.request('PATCH', `/api/buildings/${b.id}`, { name: '改名', expectedUpdatedAt: current.updatedAt });
    expect(stale.statusCode).toBe(409);
  });

  it('REG-1 units are added with floor, number and area; a number used twice is a field error', async () => {
    const b = await createBuilding(ctx.db.kysely, { regionCode: tree.villages[0][0] });
    const ok = await street.request('POST', `/api/buildings/${b.id}/units`, { units: [{ floor: 12, unitNo: '1201', area: 180.5 }, { floor: 12, unitNo: '1202', area: 220 }] });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().units).toEqual([expect.objectContaining({ floor: 12, unitNo: '1201', area: 180.5 }), expect.objectContaining({ unitNo: '1202' })]);
    const dup = await street.request('POST', `/api/buildings/${b.id}/units`, { units: [{ floor: 13, unitNo: '1301', area: 100 }, { floor: 12, unitNo: '1202', area: 1 }] });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.fields).toEqual([{ path: 'units.1.unitNo', message: '该单元编号已存在' }]);
  });
});

describe('REG-5 楼宇两委 on the building page', () => {
  it('REG-5 lists both committees’ members and the people holding posts in both (双向进入、交叉任职)', async () => {
    const b = await createBuilding(ctx.db.kysely, { regionCode: tree.villages[0][0] });
    const secretary = await createPerson(ctx.db.kysely, { name: '林书记', regionCode: tree.villages[0][0] });
    const manager = await createPerson(ctx.db.kysely, { name: '陈主任', regionCode: tree.villages[0][0] });
    await ctx.db.kysely
      .insertInto('post')
      .values([
        { person_id: secretary.id, organisation_id: b.partyCommitteeId, title: '书记' },
        { person_id: secretary.id, organisation_id: b.managementCommitteeId, title: '主任' },
        { person_id: manager.id, organisation_id: b.managementCommitteeId, title: '副主任' },
        { person_id: manager.id, organisation_id: b.partyCommitteeId, title: '委员', ended_on: '2020-01-01' },
      ])
      .execute();
    const page = (await street.request('GET', `/api/buildings/${b.id}/page`)).json();
    expect(page.committees.partyCommittee.members.map((m: { personName: string; title: string }) => [m.personName, m.title])).toEqual([['林书记', '书记']]);
    expect(page.committees.managementCommittee.members.map((m: { personName: string }) => m.personName)).toEqual(['林书记', '陈主任']);
    expect(page.committees.crossAppointed).toEqual([{ personId: secretary.id, personName: '林书记', partyTitles: ['书记'], managementTitles: ['主任'] }]);
  });
});

describe('REG-3 the building page', () => {
  it('REG-3 one call: a twelve-month timeline, current enterprises with areas, warnings for expiring leases and move-outs', async () => {
    const b = await createBuilding(ctx.db.kysely, { regionCode: tree.villages[0][0], officeArea: 1000 });
    const [e1, e2, e3, e4] = await Promise.all([1, 2, 3, 4].map((i) => createEnterprise(ctx.db.kysely, { regionCode: tree.villages[0][0], name: `页面企业${i}`, partyOrgStatus: i === 1 ? 'own' : 'none' })));
    await createLease(ctx.db.kysely, { building: b, enterprise: e1!, area: 400, startOn: dayFromToday(-400), endOn: dayFromToday(30) });
    await createLease(ctx.db.kysely, { building: b, enterprise: e2!, area: 100, startOn: dayFromToday(-100), endOn: dayFromToday(700) });
    const leaving = await createLease(ctx.db.kysely, { building: b, enterprise: e3!, area: 200, startOn: dayFromToday(-200), endOn: dayFromToday(500) });
    await createLease(ctx.db.kysely, { building: b, enterprise: e4!, area: 50, startOn: dayFromToday(-300), endOn: dayFromToday(-5) });
    const out = await admin.request('POST', `/api/leases/${leaving.id}/events`, { kind: 'move_out', effectiveOn: dayFromToday(-3) });
    expect(out.statusCode, out.body).toBe(201);

    const res = await street.request('GET', `/api/buildings/${b.id}/page`);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json();
    expect(page.timeline).toHaveLength(12);
    expect(page.timeline.at(-1)).toMatchObject({ on: page.today, leasedArea: 500, occupancyRate: 0.5 });
    expect(page.building.occupancy).toMatchObject({ leasedArea: 500, vacantArea: 500 });
    expect(page.enterprises.map((e: { name: string; area: number; coverage: string }) => [e.name, e.area, e.coverage])).toEqual([
      ['页面企业1', 400, 'own'],
      ['页面企业2', 100, 'none'],
    ]);
    expect(page.building.coverage).toMatchObject({ enterprises: 2, coveredEnterprises: 1, enterpriseRate: 0.5 });
    expect(page.warnings.map((w: { kind: string; enterpriseName: string; days: number; area: number }) => [w.kind, w.enterpriseName, w.days, w.area])).toEqual([
      ['overdue', '页面企业4', -5, 50],
      ['moved_out', '页面企业3', -3, 200],
      ['expiring', '页面企业1', 30, 400],
    ]);
    expect(page.liaisons).toHaveLength(8);
    expect(page.liaisons.every((s: { holder: unknown }) => s.holder === null)).toBe(true);
    const shortWindow = (await street.request('GET', `/api/buildings/${b.id}/page?warningDays=10`)).json();
    expect(shortWindow.warnings.map((w: { kind: string }) => w.kind)).toEqual(['overdue', 'moved_out']);

    const past = (await street.request('GET', `/api/buildings/${b.id}/occupancy?on=${dayFromToday(-150)}`)).json();
    expect(past).toMatchObject({ leasedArea: 650, occupancyRate: 0.65 });
    expect(past.leases.map((l: { area: number }) => l.area).sort()).toEqual([200, 400, 50].sort());
    const bad = await street.request('GET', `/api/buildings/${b.id}/occupancy?on=2024-13-01`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('query.on');
  });
});
