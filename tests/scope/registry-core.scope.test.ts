import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Agent, type TestContext } from '../support/app.ts';
import { createRegionTree, createUser, randomCreditCode, type RegionTree } from '../support/factories.ts';
import {
  assignLiaisonRow,
  createBuilding,
  createDepartmentPerson,
  createEnterprise,
  createLease,
  dayFromToday,
} from '../support/registry-factories.ts';
import { expectInScope, expectOutOfScope, type ScopeCase } from '../support/scope.ts';

/**
 * ORG-4 for the building registry (REG-1…6) and the notification centre
 * (NTF-1): for every endpoint, a street user of another street and an
 * enterprise user of another enterprise are refused (403/404) and nothing
 * changes; the street user of the record's own street succeeds.
 */
let ctx: TestContext;
let tree: RegionTree;
let insider: Agent;
let outsider: Agent;
let otherEnterprise: Agent;
let ownEnterprise: Agent;
let rec: {
  buildingId: string;
  enterpriseId: string;
  newTenantId: string;
  leaseId: string;
  personId: string;
  notificationId: string;
  village: string;
  township: string;
};

const PREFIXES = ['/api/buildings', '/api/enterprises', '/api/leases', '/api/coverage', '/api/liaisons', '/api/notifications'];

beforeAll(async () => {
  ctx = await createTestApp();
  const db = ctx.db.kysely;
  tree = await createRegionTree(db);
  const [t0, t1] = tree.townships;
  const village = tree.villages[0][0];
  const building = await createBuilding(db, { regionCode: village, name: '甲街道大厦' });
  const enterprise = await createEnterprise(db, { regionCode: village, name: '甲街道租户' });
  const newTenant = await createEnterprise(db, { regionCode: village, name: '甲街道新租户' });
  const lease = await createLease(db, { building, enterprise, area: 100, startOn: dayFromToday(-30), endOn: dayFromToday(300) });
  const police = await createDepartmentPerson(db, { regionCode: t0, departmentKind: 'police' });
  const tax = await createDepartmentPerson(db, { regionCode: t0, departmentKind: 'tax' });
  await assignLiaisonRow(db, { buildingId: building.id, role: 'tax_officer', personId: tax.personId, organisationId: tax.organisationId });

  const inside = await createUser(db, { role: 'street', regionCode: t0 });
  const outside = await createUser(db, { role: 'street', regionCode: t1 });
  const otherEnt = await createEnterprise(db, { regionCode: tree.villages[1][0], name: '乙街道企业' });
  const otherEntUser = await createUser(db, { role: 'enterprise', regionCode: t1, organisationId: otherEnt.id, orgPath: otherEnt.path });
  const ownEntUser = await createUser(db, { role: 'enterprise', regionCode: t0, organisationId: enterprise.id, orgPath: enterprise.path });
  const note = await db
    .insertInto('notification')
    .values({
      user_id: inside.id,
      kind: 'lease_expiry',
      title: '租约即将到期',
      body: null,
      link: `/buildings/${building.id}`,
      region_code: village,
      org_path: building.orgPath,
      dedupe_key: 'scope-test',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  rec = {
    buildingId: building.id,
    enterpriseId: enterprise.id,
    newTenantId: newTenant.id,
    leaseId: lease.id,
    personId: police.personId,
    notificationId: note.id,
    village,
    township: t0,
  };
  [insider, outsider, otherEnterprise, ownEnterprise] = await Promise.all([
    login(ctx.app, inside.username, inside.password),
    login(ctx.app, outside.username, outside.password),
    login(ctx.app, otherEntUser.username, otherEntUser.password),
    login(ctx.app, ownEntUser.username, ownEntUser.password),
  ]);
});
afterAll(() => ctx.close());

/** Every endpoint that addresses a record or a region, as the insider may call it. */
function recordCases(): (ScopeCase & { name: string })[] {
  const b = `/api/buildings/${rec.buildingId}`;
  return [
    { name: 'building', method: 'GET', url: b },
    { name: 'building update', method: 'PATCH', url: b, payload: { demoStatus: 'cultivating' } },
    { name: 'building page', method: 'GET', url: `${b}/page` },
    { name: 'building occupancy', method: 'GET', url: `${b}/occupancy?on=${dayFromToday(0)}` },
    { name: 'building units', method: 'POST', url: `${b}/units`, payload: { units: [{ floor: 1, unitNo: '101', area: 50 }] } },
    { name: 'liaison appoint', method: 'PUT', url: `${b}/liaisons/police_officer`, payload: { personId: rec.personId } },
    { name: 'liaison vacate', method: 'DELETE', url: `${b}/liaisons/tax_officer` },
    {
      name: 'building create',
      method: 'POST',
      url: '/api/buildings',
      payload: {
        name: '甲街道新楼',
        address: '甲路 1 号',
        regionCode: rec.village,
        officeArea: 5000,
        ownership: 'single',
        managementMode: 'owner_managed',
      },
    },
    { name: 'enterprise', method: 'GET', url: `/api/enterprises/${rec.enterpriseId}` },
    { name: 'enterprise update', method: 'PATCH', url: `/api/enterprises/${rec.enterpriseId}`, payload: { staffCount: 60 } },
    {
      name: 'enterprise create',
      method: 'POST',
      url: '/api/enterprises',
      payload: { name: '甲街道新企业', creditCode: randomCreditCode(), regionCode: rec.village },
    },
    { name: 'lease', method: 'GET', url: `/api/leases/${rec.leaseId}` },
    {
      name: 'lease event',
      method: 'POST',
      url: `/api/leases/${rec.leaseId}/events`,
      payload: { kind: 'area_change', effectiveOn: dayFromToday(0), area: 150 },
    },
    {
      name: 'move-in',
      method: 'POST',
      url: '/api/leases',
      payload: { buildingId: rec.buildingId, enterpriseId: rec.newTenantId, area: 80, startOn: dayFromToday(0), endOn: dayFromToday(365) },
    },
    { name: 'coverage', method: 'GET', url: `/api/coverage?regionCode=${rec.township}` },
    { name: 'vacancies', method: 'GET', url: `/api/liaisons/vacancies?regionCode=${rec.township}` },
    { name: 'notification read', method: 'POST', url: `/api/notifications/${rec.notificationId}/read` },
  ];
}

describe('ORG-4 scope of the building registry and notifications', () => {
  it('REG-1…6 NTF-1 another street and another enterprise get 403/404 on every endpoint and nothing changes; the insider succeeds', async () => {
    for (const c of recordCases()) {
      await expectOutOfScope(ctx, outsider, c);
      await expectOutOfScope(ctx, otherEnterprise, c);
    }
    for (const c of recordCases()) await expectInScope(insider, c);
  });

  it('REG-1…3 NTF-1 lists never show another street’s or another enterprise’s records', async () => {
    const lists: [string, string][] = [
      ['/api/buildings?limit=200', rec.buildingId],
      // The occupancy filter reads every lease of a building; the buildings it returns are still the caller's.
      ['/api/buildings?limit=200&vacancyRateMin=0&vacantAreaMin=0', rec.buildingId],
      ['/api/enterprises?limit=200', rec.enterpriseId],
      [`/api/leases?buildingId=${rec.buildingId}`, rec.leaseId],
      [`/api/leases?enterpriseId=${rec.enterpriseId}`, rec.leaseId],
      ['/api/liaisons/vacancies?limit=200', rec.buildingId],
      ['/api/notifications', rec.notificationId],
    ];
    for (const agent of [outsider, otherEnterprise]) {
      for (const [url, id] of lists) {
        const res = await agent.request('GET', url);
        expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
        const items = (res.json() as { items: { id?: string; buildingId?: string }[] }).items;
        expect(
          items.map((i) => i.id ?? i.buildingId),
          `${url} as ${agent.username}`,
        ).not.toContain(id);
      }
    }
    const inside = (await insider.request('GET', '/api/buildings?limit=200')).json() as { items: { id: string }[] };
    expect(inside.items.map((i) => i.id)).toContain(rec.buildingId);
    const filtered = (await insider.request('GET', '/api/buildings?limit=200&vacancyRateMin=0&vacantAreaMin=0')).json() as {
      items: { id: string }[];
    };
    expect(filtered.items.map((i) => i.id)).toContain(rec.buildingId);
  });

  it('REG-2 ORG-4 an enterprise sees its own profile and lease, never its building’s other records', async () => {
    expect((await ownEnterprise.request('GET', `/api/enterprises/${rec.enterpriseId}`)).statusCode).toBe(200);
    expect((await ownEnterprise.request('GET', `/api/leases/${rec.leaseId}`)).statusCode).toBe(200);
    await expectOutOfScope(ctx, ownEnterprise, { method: 'GET', url: `/api/buildings/${rec.buildingId}/page` });
    await expectOutOfScope(ctx, ownEnterprise, {
      method: 'POST',
      url: `/api/leases/${rec.leaseId}/events`,
      payload: { kind: 'move_out', effectiveOn: dayFromToday(0) },
    });
    await expectOutOfScope(ctx, ownEnterprise, { method: 'GET', url: `/api/enterprises/${rec.newTenantId}` });
  });

  it('ORG-4 every authenticated endpoint under the registry’s prefixes is covered by a scope case here', () => {
    const key = (method: string, url: string) =>
      `${method} ${url
        .split('?')[0]!
        .replace(/\/\d+(?=\/|$)/g, '/:id')
        .replace(/(\/buildings\/:id\/liaisons\/)[a-z_]+$/, '$1:id')}`;
    const covered = new Set(recordCases().map((c) => key(String(c.method), c.url)));
    // Lists filtered by the query layer (checked above).
    const listed = new Set(['GET /api/buildings', 'GET /api/enterprises', 'GET /api/leases', 'GET /api/notifications']);
    // Endpoints other modules hang under these prefixes; their own scope tests cover them.
    const elsewhere = new Set([
      'PUT /api/enterprises/:id/instructor',
      'DELETE /api/enterprises/:id/instructor',
      // POL-2 an enterprise's policies and its policy profile: tests/scope/policies.scope.test.ts.
      'GET /api/enterprises/:id/policies',
      'GET /api/enterprises/:id/policy-profile',
      'PUT /api/enterprises/:id/policy-profile',
    ]);
    const uncovered = ctx.app.routeTable
      .filter((r) => PREFIXES.some((p) => r.url === p || r.url.startsWith(`${p}/`)) && r.auth !== 'public')
      .map((r) => `${r.method} ${r.url.replace(/:\w+/g, ':id')}`)
      .filter((k) => !covered.has(k) && !listed.has(k) && !elsewhere.has(k));
    expect(uncovered).toEqual([]);
  });
});
