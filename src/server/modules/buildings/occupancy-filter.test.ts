import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Agent, type TestContext } from '../../../../tests/support/app.ts';
import { createRegionTree, createUser, type RegionTree } from '../../../../tests/support/factories.ts';
import { createBuilding, createEnterprise, createLease } from '../../../../tests/support/service-factories.ts';

/** REG-3 REG-8 the building list filtered by today's occupancy, for investment and building staff. */
let ctx: TestContext;
let tree: RegionTree;
let street: Agent;
const ids: Record<'full' | 'half' | 'lapsed', string> = { full: '', half: '', lapsed: '' };

beforeAll(async () => {
  ctx = await createTestApp();
  const db = ctx.db.kysely;
  tree = await createRegionTree(db);
  const u = await createUser(db, { role: 'street', regionCode: tree.townships[0] });
  street = await login(ctx.app, u.username, u.password);
  const region = tree.villages[0][0];
  const tenant = () => createEnterprise(db, { regionCode: region });
  // 900 of 1,000㎡ leased: vacancy 0.1.
  const full = await createBuilding(db, { regionCode: region, officeArea: 1000 });
  await createLease(db, { building: full, enterprise: await tenant(), area: 900, startOn: '2022-01-01', endOn: '2099-12-31' });
  // 400 of 1,000㎡ after an area change and a move-out: vacancy 0.6.
  const half = await createBuilding(db, { regionCode: region, officeArea: 1000 });
  await createLease(db, {
    building: half,
    enterprise: await tenant(),
    area: 300,
    startOn: '2022-01-01',
    endOn: '2099-12-31',
    events: [{ kind: 'area_change', effectiveOn: '2023-01-01', areaAfter: 400 }],
  });
  await createLease(db, {
    building: half,
    enterprise: await tenant(),
    area: 500,
    startOn: '2022-01-01',
    endOn: '2099-12-31',
    events: [{ kind: 'move_out', effectiveOn: '2023-06-30', areaAfter: 0 }],
  });
  // 2,000㎡ whose only lease ran out in 2021 with nothing recorded: wholly vacant.
  const lapsed = await createBuilding(db, { regionCode: region, officeArea: 2000 });
  await createLease(db, { building: lapsed, enterprise: await tenant(), area: 1500, startOn: '2020-01-01', endOn: '2021-12-31' });
  Object.assign(ids, { full: full.id, half: half.id, lapsed: lapsed.id });
});
afterAll(() => ctx.close());

async function listed(query: string): Promise<string[]> {
  const res = await street.request('GET', `/api/buildings?regionCode=${tree.townships[0]}&${query}`);
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json() as { items: { id: string }[]; total: number };
  expect(body.total).toBe(body.items.length);
  const names = Object.fromEntries(Object.entries(ids).map(([k, v]) => [v, k]));
  return body.items.map((b) => names[b.id] ?? b.id).sort();
}

describe('REG-3 REG-8 building list by occupancy', () => {
  it('REG-3 REG-8 vacancy-rate bounds and a least vacant area select buildings by today’s leases (a lapsed lease counts as vacant)', async () => {
    expect(await listed('vacancyRateMin=0.5')).toEqual(['half', 'lapsed']);
    expect(await listed('vacancyRateMax=0.2')).toEqual(['full']);
    expect(await listed('vacancyRateMin=0.5&vacancyRateMax=0.9')).toEqual(['half']);
    expect(await listed('vacantAreaMin=600')).toEqual(['half', 'lapsed']);
    expect(await listed('vacantAreaMin=601')).toEqual(['lapsed']);
    expect(await listed('vacantAreaMin=100')).toEqual(['full', 'half', 'lapsed']);
  });

  it('SEC-3 a vacancy rate outside 0–1 is a field error', async () => {
    const res = await street.request('GET', '/api/buildings?vacancyRateMin=1.5&vacantAreaMin=-1', undefined, { 'x-locale': 'en' });
    expect(res.statusCode).toBe(400);
    expect((res.json().error.fields as { path: string }[]).map((f) => f.path).sort()).toEqual([
      'query.vacancyRateMin',
      'query.vacantAreaMin',
    ]);
  });
});
