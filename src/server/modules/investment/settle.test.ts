import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Agent, type TestContext } from '../../../../tests/support/app.ts';
import { createRegionTree, createUser, randomCreditCode, type RegionTree } from '../../../../tests/support/factories.ts';
import { databaseFingerprint } from '../../../../tests/support/scope.ts';
import { createBuilding, createEnterprise, createLease } from '../../../../tests/support/service-factories.ts';

/** REG-3 and REG-8 speak of one vacancy: the investment pages and settling a lead follow the lease rules. */
let ctx: TestContext;
let tree: RegionTree;
let district: Agent;

beforeAll(async () => {
  ctx = await createTestApp();
  tree = await createRegionTree(ctx.db.kysely);
  const u = await createUser(ctx.db.kysely, { role: 'district', regionCode: tree.county });
  district = await login(ctx.app, u.username, u.password);
});
afterAll(() => ctx.close());

async function negotiatingLead(name: string): Promise<string> {
  const res = await district.request('POST', '/api/investment/leads', {
    name,
    industryCode: '65',
    areaNeeded: 600,
    regionCode: tree.county,
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = (res.json() as { id: string }).id;
  expect((await district.request('POST', `/api/investment/leads/${id}/transition`, { to: 'negotiating' })).statusCode).toBe(200);
  return id;
}

const settle = (leadId: string, buildingId: string, lease: { area: number; startOn: string; endOn: string }) =>
  district.request('POST', `/api/investment/leads/${leadId}/transition`, {
    to: 'settled',
    buildingId,
    enterprise: { name: `入驻企业${leadId}有限公司`, creditCode: randomCreditCode() },
    lease,
  });

describe('REG-3 REG-8 one vacancy definition for buildings and investment', () => {
  it('REG-3 REG-8 a lease past its end with nothing recorded frees its space in the investment vacancy exactly as on the building list', async () => {
    const db = ctx.db.kysely;
    const building = await createBuilding(db, { regionCode: tree.villages[0][0], name: '过期租约大厦', officeArea: 2000 });
    await createLease(db, {
      building,
      enterprise: await createEnterprise(db, { regionCode: tree.villages[0][0] }),
      area: 800,
      startOn: '2020-01-01',
      endOn: '2021-12-31',
    });
    await createLease(db, {
      building,
      enterprise: await createEnterprise(db, { regionCode: tree.villages[0][0] }),
      area: 500,
      startOn: '2020-01-01',
      endOn: '2099-12-31',
    });
    const vacancies = (await district.request('GET', '/api/investment/vacancies')).json() as {
      items: { id: string; leasedArea: number; vacantArea: number }[];
    };
    const listed = (await district.request('GET', `/api/buildings?q=${encodeURIComponent('过期租约')}`)).json() as {
      items: { id: string; occupancy: { leasedArea: number; vacantArea: number } }[];
    };
    const investment = vacancies.items.find((i) => i.id === building.id)!;
    const registry = listed.items.find((i) => i.id === building.id)!;
    expect({ leasedArea: investment.leasedArea, vacantArea: investment.vacantArea }).toEqual({ leasedArea: 500, vacantArea: 1500 });
    expect(registry.occupancy).toMatchObject({ leasedArea: 500, vacantArea: 1500 });
  });

  it('REG-3 REG-8 settling passes the lease capacity check over the whole period: space promised to a future tenant is refused, nothing is written', async () => {
    const db = ctx.db.kysely;
    const building = await createBuilding(db, { regionCode: tree.villages[1][0], name: '预租大厦', officeArea: 1000 });
    // Empty today, but 700㎡ are let from 2099: today's vacancy alone would let the lead in.
    await createLease(db, {
      building,
      enterprise: await createEnterprise(db, { regionCode: tree.villages[1][0] }),
      area: 700,
      startOn: '2099-01-01',
      endOn: '2100-12-31',
    });
    const lead = await negotiatingLead('长租意向公司');
    const before = await databaseFingerprint(ctx);
    const refused = await settle(lead, building.id, { area: 600, startOn: '2024-01-01', endOn: '2099-06-30' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields).toEqual([
      { path: 'lease.area', message: '租赁面积超出楼宇办公面积（届时已租 1300 ㎡，办公面积 1000 ㎡）' },
    ]);
    expect(await databaseFingerprint(ctx)).toBe(before);

    const settled = await settle(lead, building.id, { area: 600, startOn: '2024-01-01', endOn: '2098-12-31' });
    expect(settled.statusCode, settled.body).toBe(200);
    const leaseId = (settled.json() as { leaseId: string }).leaseId;
    const events = await db.selectFrom('lease_event').select(['kind', 'note']).where('lease_id', '=', leaseId).execute();
    expect(events).toEqual([{ kind: 'move_in', note: '招商线索 长租意向公司 入驻' }]);
  });
});

describe('REG-8 deleting leads', () => {
  it('REG-8 a lead that has not settled can be deleted; a settled one is kept (409) with its enterprise and lease', async () => {
    const db = ctx.db.kysely;
    const prospect = await district.request('POST', '/api/investment/leads', {
      name: '误录线索',
      areaNeeded: 100,
      regionCode: tree.county,
    });
    const id = (prospect.json() as { id: string }).id;
    expect((await district.request('DELETE', `/api/investment/leads/${id}`)).statusCode).toBe(204);
    expect((await district.request('GET', `/api/investment/leads/${id}`)).statusCode).toBe(404);

    const building = await createBuilding(db, { regionCode: tree.villages[0][1], officeArea: 1000 });
    const lead = await negotiatingLead('已入驻公司');
    expect((await settle(lead, building.id, { area: 100, startOn: '2024-01-01', endOn: '2025-12-31' })).statusCode).toBe(200);
    const refused = await district.request('DELETE', `/api/investment/leads/${lead}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe('已入驻的线索不能删除（企业与租约已登记）');
  });
});
