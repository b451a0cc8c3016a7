import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Agent, type TestContext } from '../../../../tests/support/app.ts';
import { createRegionTree, createUser, type RegionTree } from '../../../../tests/support/factories.ts';
import { createBuilding, createEnterprise, createLease, dayFromToday } from '../../../../tests/support/registry-factories.ts';
import { databaseFingerprint } from '../../../../tests/support/scope.ts';
import { raiseLeaseWarnings } from './warnings.ts';

let ctx: TestContext;
let tree: RegionTree;
let street: Agent;

beforeAll(async () => {
  ctx = await createTestApp();
  tree = await createRegionTree(ctx.db.kysely);
  const s = await createUser(ctx.db.kysely, { role: 'street', regionCode: tree.townships[0] });
  street = await login(ctx.app, s.username, s.password);
});
afterAll(() => ctx.close());

describe('REG-3 leases as events', () => {
  it('REG-3 a move-in creates the lease and its first event; the enterprise now sits in the building and its staff see it', async () => {
    const b = await createBuilding(ctx.db.kysely, { regionCode: tree.villages[0][0], officeArea: 1000 });
    const e = await createEnterprise(ctx.db.kysely, { regionCode: tree.villages[0][0] });
    const res = await street.request('POST', '/api/leases', { buildingId: b.id, enterpriseId: e.id, area: 300, units: '1201,1202', startOn: dayFromToday(-1), endOn: dayFromToday(364), monthlyRent: 30000 });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ area: 300, status: 'current', units: '1201,1202', events: [{ kind: 'move_in', areaAfter: 300 }] });
    const buildingUser = await createUser(ctx.db.kysely, { role: 'building', organisationId: b.partyCommitteeId, orgPath: b.orgPath });
    const staff = await login(ctx.app, buildingUser.username, buildingUser.password);
    expect((await staff.request('GET', `/api/enterprises/${e.id}`)).json()).toMatchObject({ currentBuilding: { id: b.id } });
    expect((await staff.request('GET', `/api/leases?buildingId=${b.id}`)).json().total).toBe(1);
  });

  it('REG-3 SEC-3 leasing more than the office area, reversed dates and a second running lease are field errors that change nothing', async () => {
    const b = await createBuilding(ctx.db.kysely, { regionCode: tree.villages[0][0], officeArea: 1000 });
    const [e1, e2] = await Promise.all([createEnterprise(ctx.db.kysely, { regionCode: tree.villages[0][0] }), createEnterprise(ctx.db.kysely, { regionCode: tree.villages[0][0] })]);
    await createLease(ctx.db.kysely, { building: b, enterprise: e1, area: 800, startOn: dayFromToday(-100), endOn: dayFromToday(100) });
    const before = await databaseFingerprint(ctx);
    const tooBig = await street.request('POST', '/api/leases', { buildingId: b.id, enterpriseId: e2.id, area: 300, startOn: dayFromToday(50), endOn: dayFromToday(400) });
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.json().error.fields).toEqual([{ path: 'area', message: '租赁面积超出楼宇办公面积（届时已租 1100 ㎡，办公面积 1000 ㎡）' }]);
    const reversed = await street.request('POST', '/api/leases', { buildingId: b.id, enterpriseId: e2.id, area: 10, startOn: dayFromToday(5), endOn: dayFromToday(1) });
    expect(reversed.json().error.fields).toEqual([{ path: 'endOn', message: '结束日期不能早于开始日期' }]);
    const twice = await street.request('POST', '/api/leases', { buildingId: b.id, enterpriseId: e1.id, area: 10, startOn: dayFromToday(5), endOn: dayFromToday(50) });
    expect(twice.json().error.fields).toEqual([{ path: 'enterpriseId', message: '该企业在本楼宇已有未结束的租约' }]);
    expect(await databaseFingerprint(ctx)).toBe(before);
    // After the first lease ends, the space is free.
    const later = await street.request('POST', '/api/leases', { buildingId: b.id, enterpriseId: e2.id, area: 300, startOn: dayFromToday(101), endOn: dayFromToday(400) });
    expect(later.statusCode, later.body).toBe(201);
  });

  it('REG-3 area change, renewal and expiry follow the rules; events in order; occupancy follows the events', async () => {
    const b = await createBuilding(ctx.db.kysely, { regionCode: tree.villages[0][0], officeArea: 1000 });
    const e = await createEnterprise(ctx.db.kysely, { regionCode: tree.villages[0][0] });
    const lease = await createLease(ctx.db.kysely, { building: b, enterprise: e, area: 200, startOn: dayFromToday(-300), endOn: dayFromToday(-10) });
    const url = `/api/leases/${lease.id}/events`;
    expect((await street.request('POST', url, { kind: 'area_change', effectiveOn: dayFromToday(-5), area: 300 })).json().error.fields[0]).toEqual({
      path: 'effectiveOn',
      message: `租约已于 ${dayFromToday(-10)} 到期，请先续租`,
    });
    const renewal = await street.request('POST', url, { kind: 'renewal', effectiveOn: dayFromToday(-10), endOn: dayFromToday(355), area: 250 });
    expect(renewal.statusCode, renewal.body).toBe(201);
    expect(renewal.json()).toMatchObject({ area: 250, endOn: dayFromToday(355), status: 'current' });
    const grow = await street.request('POST', url, { kind: 'area_change', effectiveOn: dayFromToday(0), area: 400 });
    expect(grow.statusCode).toBe(201);
    const order = await street.request('POST', url, { kind: 'area_change', effectiveOn: dayFromToday(-1), area: 100 });
    expect(order.json().error.fields[0]).toEqual({ path: 'effectiveOn', message: `生效日期不能早于上一事件的生效日期（${dayFromToday(0)}）` });
    const early = await street.request('POST', url, { kind: 'expiry', effectiveOn: dayFromToday(10) });
    expect(early.json().error.fields[0].path).toBe('effectiveOn');
    const occ = (on: number) => street.request('GET', `/api/buildings/${b.id}/occupancy?on=${dayFromToday(on)}`).then((r) => r.json().leasedArea as number);
    expect([await occ(-100), await occ(-5), await occ(-1), await occ(0), await occ(400)]).toEqual([200, 250, 250, 400, 0]);
    const expired = await street.request('POST', url, { kind: 'expiry', effectiveOn: dayFromToday(356) });
    expect(expired.json()).toMatchObject({ endedOn: dayFromToday(356), events: [{ kind: 'move_in' }, { kind: 'renewal' }, { kind: 'area_change' }, { kind: 'expiry', areaAfter: 0 }] });
    const ent = await ctx.db.kysely.selectFrom('enterprise').select(['current_building_id', 'building_path']).where('organisation_id', '=', e.id).executeTakeFirstOrThrow();
    expect(ent).toEqual({ current_building_id: null, building_path: '' });
  });

  it('REG-3 two move-outs of one lease at once: one wins, the other is a conflict', async () => {
    const b = await createBuilding(ctx.db.kysely, { regionCode: tree.villages[0][0] });
    const e = await createEnterprise(ctx.db.kysely, { regionCode: tree.villages[0][0] });
    const lease = await createLease(ctx.db.kysely, { building: b, enterprise: e, area: 100, startOn: dayFromToday(-30), endOn: dayFromToday(300) });
    const both = await Promise.all([0, 1].map(() => street.request('POST', `/api/leases/${lease.id}/events`, { kind: 'move_out', effectiveOn: dayFromToday(0) })));
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const events = await ctx.db.kysely.selectFrom('lease_event').select('kind').where('lease_id', '=', lease.id).execute();
    expect(events.map((x) => x.kind)).toEqual(['move_in', 'move_out']);
  });

  it('REG-3 concurrent move-ins that together overfill the building: only what fits is accepted', async () => {
    const b = await createBuilding(ctx.db.kysely, { regionCode: tree.villages[0][0], officeArea: 1000 });
    const tenants = await Promise.all([1, 2, 3].map(() => createEnterprise(ctx.db.kysely, { regionCode: tree.villages[0][0] })));
    const results = await Promise.all(
      tenants.map((t) => street.request('POST', '/api/leases', { buildingId: b.id, enterpriseId: t.id, area: 400, startOn: dayFromToday(0), endOn: dayFromToday(100) })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 201, 400]);
    expect((await street.request('GET', `/api/buildings/${b.id}/occupancy`)).json().leasedArea).toBe(800);
  });
});

describe('REG-3 NTF-1 lease warnings in the notification centre', () => {
  it('REG-3 the sweep warns the building’s staff and its street’s staff once of leases ending within 90 days, however often it runs', async () => {
    const village = tree.villages[1][0];
    const b = await createBuilding(ctx.db.kysely, { regionCode: village, name: '预警大厦' });
    const e = await createEnterprise(ctx.db.kysely, { regionCode: village, name: '即将到期公司' });
    const far = await createEnterprise(ctx.db.kysely, { regionCode: village });
    await createLease(ctx.db.kysely, { building: b, enterprise: e, area: 120, startOn: dayFromToday(-300), endOn: dayFromToday(60) });
    await createLease(ctx.db.kysely, { building: b, enterprise: far, area: 120, startOn: dayFromToday(-300), endOn: dayFromToday(200) });
    const streetUser = await createUser(ctx.db.kysely, { role: 'street', regionCode: tree.townships[1] });
    const buildingUser = await createUser(ctx.db.kysely, { role: 'building', organisationId: b.partyCommitteeId, orgPath: b.orgPath });
    const otherStreet = await createUser(ctx.db.kysely, { role: 'street', regionCode: tree.townships[0] });
    await ctx.db.kysely.updateTable('app_user').set({ locale: 'en' }).where('id', '=', buildingUser.id).execute();

    const runs = await Promise.all([0, 1, 2].map(() => raiseLeaseWarnings({ db: ctx.db.kysely, today: dayFromToday(0), batchSize: 1 })));
    expect(runs.reduce((n, r) => n + r.notifications, 0)).toBe(2);
    await raiseLeaseWarnings({ db: ctx.db.kysely, today: dayFromToday(0) });
    const rows = await ctx.db.kysely.selectFrom('notification').select(['user_id', 'kind', 'title', 'link']).where('link', '=', `/buildings/${b.id}`).orderBy('user_id').execute();
    expect(rows.map((r) => r.user_id).sort()).toEqual([streetUser.id, buildingUser.id].sort());
    expect(rows.find((r) => r.user_id === streetUser.id)!.title).toBe('租约即将到期：即将到期公司（预警大厦）');
    expect(rows.find((r) => r.user_id === buildingUser.id)!.title).toBe('Lease ending soon: 即将到期公司 (预警大厦)');
    expect(rows.some((r) => r.user_id === otherStreet.id)).toBe(false);

    const agent = await login(ctx.app, streetUser.username, streetUser.password);
    const inbox = (await agent.request('GET', '/api/notifications')).json();
    expect(inbox).toMatchObject({ total: 1, unread: 1, items: [{ kind: 'lease_expiry', readAt: null }] });
    const read = await agent.request('POST', `/api/notifications/${inbox.items[0].id}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json().readAt).not.toBeNull();
    expect((await agent.request('GET', '/api/notifications?unreadOnly=true')).json()).toMatchObject({ total: 0, unread: 0 });
  });

  it('REG-3 a move-out is announced at once; inboxes list unread first', async () => {
    const village = tree.villages[1][1];
    const b = await createBuilding(ctx.db.kysely, { regionCode: village, name: '迁出大厦' });
    const [e1, e2] = await Promise.all([createEnterprise(ctx.db.kysely, { regionCode: village, name: '迁出甲' }), createEnterprise(ctx.db.kysely, { regionCode: village, name: '迁出乙' })]);
    const l1 = await createLease(ctx.db.kysely, { building: b, enterprise: e1, area: 10, startOn: dayFromToday(-30), endOn: dayFromToday(300) });
    const l2 = await createLease(ctx.db.kysely, { building: b, enterprise: e2, area: 20, startOn: dayFromToday(-30), endOn: dayFromToday(300) });
    const u = await createUser(ctx.db.kysely, { role: 'street', regionCode: tree.townships[1] });
    const agent = await login(ctx.app, u.username, u.password);
    expect((await agent.request('POST', `/api/leases/${l1.id}/events`, { kind: 'move_out', effectiveOn: dayFromToday(0) })).statusCode).toBe(201);
    const first = (await agent.request('GET', '/api/notifications')).json().items[0];
    await agent.request('POST', `/api/notifications/${first.id}/read`);
    expect((await agent.request('POST', `/api/leases/${l2.id}/events`, { kind: 'move_out', effectiveOn: dayFromToday(1) })).statusCode).toBe(201);
    const inbox = (await agent.request('GET', '/api/notifications')).json();
    expect(inbox.items.map((n: { title: string; readAt: string | null }) => [n.title, n.readAt === null])).toEqual([
      ['企业迁出：迁出乙（迁出大厦）', true],
      ['企业迁出：迁出甲（迁出大厦）', false],
    ]);
    expect(inbox.unread).toBe(1);
  });
});
