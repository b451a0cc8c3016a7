import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Agent, type TestContext } from '../../../../tests/support/app.ts';
import { expectOutOfScope } from '../../../../tests/support/scope.ts';
import { loadRegions } from '../../regions/load.ts';
import { DEMO_PASSWORD, seedDemo } from '../../seed/demo.ts';
import type { Overview } from './schemas.ts';

/** DSH-3 the registry overview shows the article's figures, computed from the demo data, within each caller's scope. */
let ctx: TestContext;
let city: Agent;
let street: Agent;

beforeAll(async () => {
  ctx = await createTestApp();
  await loadRegions(ctx.db.kysely, ['350100']);
  await seedDemo(ctx.deps);
  [city, street] = await Promise.all([login(ctx.app, 'city', DEMO_PASSWORD), login(ctx.app, 'dongjie', DEMO_PASSWORD)]);
}, 120_000);
afterAll(() => ctx.close());

const overview = async (agent: Agent, query = '') => {
  const res = await agent.request('GET', `/api/registry/overview${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Overview;
};

describe('DSH-3 registry overview', () => {
  it('DSH-3 the demo seed reproduces 7 city belts, 4 named buildings, 119 cadres, 1,827 instructors for 3,182 enterprises', async () => {
    const o = await overview(city);
    expect(o).toMatchObject({
      cityBelts: 7,
      namedDemoBuildings: 4,
      stationedCadres: 119,
      instructors: 1827,
      instructorsServing: 1827,
      instructedEnterprises: 3182,
      nonPublicEnterprises: 3182,
    });
    expect(o.buildings).toBeGreaterThanOrEqual(110);
    expect(o.enterprises).toBeGreaterThan(3182);
    expect(o.cultivatingDemoBuildings).toBeGreaterThan(10);
    expect(o.occupancyRate).toBeGreaterThan(0.5);
    expect(o.occupancyRate).toBeLessThan(1);
    expect(o.buildingCoverageRate).toBeGreaterThan(0.8);
    expect(o.enterpriseCoverageRate).toBeGreaterThan(0.9);
    expect(o.enterpriseCoverageRate).toBeLessThan(1);
  });

  it('DSH-3 ORG-4 a district filter and a street user see only their part', async () => {
    const all = await overview(city);
    const gulou = await overview(city, '?regionCode=350102');
    expect(gulou.region).toMatchObject({ code: '350102', name: '鼓楼区' });
    expect(gulou.buildings).toBeLessThan(all.buildings);
    expect(gulou.cityBelts).toBe(2);
    const own = await overview(street);
    expect(own.buildings).toBeGreaterThan(0);
    expect(own.buildings).toBeLessThan(gulou.buildings);
    expect(own.nonPublicEnterprises).toBeLessThan(gulou.nonPublicEnterprises);
    expect(await overview(street, '?regionCode=350102004')).toMatchObject({ buildings: own.buildings, enterprises: own.enterprises });
    const building = await overview(await login(ctx.app, 'building', DEMO_PASSWORD));
    expect(building).toMatchObject({ buildings: 1, namedDemoBuildings: 1, instructors: 0 });
  });

  it('ORG-4 another street or district cannot be asked for; an unknown region is not found', async () => {
    await expectOutOfScope(ctx, street, { method: 'GET', url: '/api/registry/overview?regionCode=350102001' });
    await expectOutOfScope(ctx, street, { method: 'GET', url: '/api/registry/overview?regionCode=350102' });
    await expectOutOfScope(ctx, city, { method: 'GET', url: '/api/registry/overview?regionCode=350102999' });
    expect((await street.request('GET', '/api/registry/overview?regionCode=abc')).statusCode).toBe(400);
  });
});
