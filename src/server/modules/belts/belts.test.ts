import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Agent, type TestContext } from '../../../../tests/support/app.ts';
import { createRegionTree, createUser, type RegionTree } from '../../../../tests/support/factories.ts';
import { databaseFingerprint } from '../../../../tests/support/scope.ts';
import { createBuilding } from '../../../../tests/support/service-factories.ts';

let ctx: TestContext;
let tree: RegionTree;
let county: Agent;

beforeAll(async () => {
  ctx = await createTestApp();
  tree = await createRegionTree(ctx.db.kysely);
  const u = await createUser(ctx.db.kysely, { role: 'district', regionCode: tree.county });
  county = await login(ctx.app, u.username, u.password);
});
afterAll(() => ctx.close());

interface Belt {
  id: string;
  buildings: { buildingId: string; status: string; progress: number }[];
  points: unknown[];
  violations: { rule: string; message: string }[];
}

async function newBelt(name = '五四路楼宇示范带') {
  const res = await county.request('POST', '/api/belts', { name, level: 'county', regionCode: tree.county });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Belt;
}

describe('REG-7 demonstration belts', () => {
  it('REG-7 a new belt shows what it lacks: 3–5 buildings and 8 points, in the caller’s language', async () => {
    const belt = await newBelt();
    expect(belt.violations.map((v) => v.rule)).toEqual(['too_few_buildings', 'too_few_points']);
    expect(belt.violations[0]!.message).toBe('示范楼宇仅 0 栋，每条示范带应确立和培育 3—5 栋');
    const en = (await county.request('GET', `/api/belts/${belt.id}`, undefined, { 'x-locale': 'en' })).json() as Belt;
    expect(en.violations[1]!.message).toBe('Only 0 city/county demonstration points; at least 8 are needed');
  });

  it('REG-7 buildings are cultivated then named; naming completes progress and marks the building itself', async () => {
    const belt = await newBelt('江滨示范带');
    const buildings = await Promise.all(
      [0, 1, 2].map((i) => createBuilding(ctx.db.kysely, { regionCode: tree.villages[i % 2 === 0 ? 0 : 1][0], name: `示范大厦${i}` })),
    );
    for (const b of buildings) {
      const res = await county.request('POST', `/api/belts/${belt.id}/buildings`, {
        buildingId: b.id,
        status: 'cultivating',
        progress: 40,
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const named = await county.request('PATCH', `/api/belts/${belt.id}/buildings/${buildings[0]!.id}`, {
      status: 'named',
      since: '2024-06-01',
    });
    expect(named.statusCode, named.body).toBe(200);
    const body = named.json() as Belt;
    expect(body.buildings.find((b) => b.buildingId === buildings[0]!.id)).toMatchObject({ status: 'named', progress: 100 });
    expect(body.violations.map((v) => v.rule)).toEqual(['too_few_points']);
    const statuses = await ctx.db.kysely
      .selectFrom('building')
      .select(['id', 'demo_status'])
      .where(
        'id',
        'in',
        buildings.map((b) => b.id),
      )
      .execute();
    expect(Object.fromEntries(statuses.map((s) => [s.id, s.demo_status]))).toEqual({
      [buildings[0]!.id]: 'named',
      [buildings[1]!.id]: 'cultivating',
      [buildings[2]!.id]: 'cultivating',
    });
    const audit = await ctx.db.kysely.selectFrom('audit_log').select('action').where('entity_id', '=', belt.id).execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['demo_belt.create', 'demo_belt.building_add', 'demo_belt.building_update']),
    );
  });

  it('REG-7 eight points at city and county level satisfy the rule; a sixth building is flagged', async () => {
    const belt = await newBelt('三坊七巷示范带');
    for (let i = 0; i < 8; i++) {
      const res = await county.request('POST', `/api/belts/${belt.id}/points`, {
        name: `示范点${i}`,
        level: i % 2 ? 'city' : 'county',
        regionCode: tree.villages[0][0],
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    for (let i = 0; i < 6; i++) {
      const b = await createBuilding(ctx.db.kysely, { regionCode: tree.villages[0][1] });
      await county.request('POST', `/api/belts/${belt.id}/buildings`, { buildingId: b.id, status: 'cultivating' });
    }
    const detail = (await county.request('GET', `/api/belts/${belt.id}`)).json() as Belt;
    expect(detail.points).toHaveLength(8);
    expect(detail.violations).toEqual([
      { rule: 'too_many_buildings', actual: 6, limit: 5, message: '示范楼宇 6 栋，超过每条示范带 5 栋的上限' },
    ]);
  });

  it('REG-7 the list carries totals over every visible belt: city-level belts and named buildings counted once', async () => {
    const city = await createUser(ctx.db.kysely, { role: 'city', regionCode: tree.city });
    const cityAgent = await login(ctx.app, city.username, city.password);
    const shared = await createBuilding(ctx.db.kysely, { regionCode: tree.villages[1][1], name: '共享示范楼' });
    for (const name of ['市级一号带', '市级二号带']) {
      const belt = (await cityAgent.request('POST', '/api/belts', { name, level: 'city', regionCode: tree.city })).json() as Belt;
      await cityAgent.request('POST', `/api/belts/${belt.id}/buildings`, { buildingId: shared.id, status: 'named' });
    }
    const list = (await cityAgent.request('GET', '/api/belts?level=city')).json() as {
      items: Belt[];
      total: number;
      totals: { cityBelts: number; namedBuildings: number };
    };
    expect(list.total).toBe(2);
    expect(list.totals).toMatchObject({ cityBelts: 2, namedBuildings: 1 });
    // The county user does not see city-level belts registered at the city.
    const countyList = (await county.request('GET', '/api/belts?level=city')).json() as { total: number };
    expect(countyList.total).toBe(0);
  });

  it('SEC-3 a building twice, an unknown region and a bad progress are field errors and change nothing', async () => {
    const belt = await newBelt('校验示范带');
    const b = await createBuilding(ctx.db.kysely, { regionCode: tree.villages[0][0] });
    await county.request('POST', `/api/belts/${belt.id}/buildings`, { buildingId: b.id, status: 'cultivating' });
    const before = await databaseFingerprint(ctx);
    const twice = await county.request('POST', `/api/belts/${belt.id}/buildings`, { buildingId: b.id, status: 'named' });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.fields).toEqual([{ path: 'buildingId', message: '该楼宇已在本示范带中' }]);
    const region = await county.request('POST', `/api/belts/${belt.id}/points`, { name: '点', level: 'city', regionCode: '990199999999' });
    expect(region.json().error.fields).toEqual([{ path: 'regionCode', message: '行政区划代码不存在' }]);
    const progress = await county.request('PATCH', `/api/belts/${belt.id}/buildings/${b.id}`, { progress: 140 });
    expect(progress.statusCode).toBe(400);
    expect(progress.json().error.fields[0].path).toBe('progress');
    expect(await databaseFingerprint(ctx)).toBe(before);
  });

  it('REG-7 a demonstration point can be removed again; the rule check counts one fewer and the removal is audited', async () => {
    const belt = await newBelt('移除示范点测试带');
    const added = await county.request('POST', `/api/belts/${belt.id}/points`, {
      name: '党群服务驿站',
      level: 'county',
      regionCode: tree.county,
    });
    expect(added.statusCode, added.body).toBe(201);
    const point = (added.json() as { points: { id: string }[] }).points[0]!;
    const res = await county.request('DELETE', `/api/belts/${belt.id}/points/${point.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as Belt).points).toEqual([]);
    const audit = await ctx.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', belt.id)
      .where('action', '=', 'demo_belt.point_remove')
      .execute();
    expect(audit).toHaveLength(1);
    expect((await county.request('DELETE', `/api/belts/${belt.id}/points/${point.id}`)).statusCode).toBe(404);
  });
});
