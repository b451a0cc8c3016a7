import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Agent, type TestContext } from '../../../../tests/support/app.ts';
import { createOrganisation, createPerson, createRegionTree, createUser, type RegionTree } from '../../../../tests/support/factories.ts';
import { createBuilding, createDepartmentPerson, createEnterprise, createLease, dayFromToday } from '../../../../tests/support/registry-factories.ts';
import { databaseFingerprint } from '../../../../tests/support/scope.ts';

let ctx: TestContext;
let tree: RegionTree;
let street: Agent;
let county: Agent;

beforeAll(async () => {
  ctx = await createTestApp();
  tree = await createRegionTree(ctx.db.kysely);
  const s = await createUser(ctx.db.kysely, { role: 'street', regionCode: tree.townships[0] });
  const c = await createUser(ctx.db.kysely, { role: 'district', regionCode: tree.county });
  [street, county] = await Promise.all([login(ctx.app, s.username, s.password), login(ctx.app, c.username, c.password)]);
});
afterAll(() => ctx.close());

describe('REG-6 一楼八员', () => {
  it('REG-6 each role is filled from the right department; a wrong one is a field error and changes nothing', async () => {
    const company = await createOrganisation(ctx.db.kysely, { name: '物业公司', kind: 'property_company', regionCode: tree.townships[0] });
    const b = await createBuilding(ctx.db.kysely, { regionCode: tree.villages[0][0], propertyCompanyId: company.id });
    const police = await createDepartmentPerson(ctx.db.kysely, { regionCode: tree.townships[0], departmentKind: 'police' });
    const tax = await createDepartmentPerson(ctx.db.kysely, { regionCode: tree.townships[0], departmentKind: 'tax' });
    const liaison = await createPerson(ctx.db.kysely, { name: '物业联络员', regionCode: tree.townships[0], organisationId: company.id, orgPath: `/${company.id}/` });

    const ok = await street.request('PUT', `/api/buildings/${b.id}/liaisons/police_officer`, { personId: police.personId, startedOn: '2025-01-01' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().items.find((s: { role: string }) => s.role === 'police_officer').holder).toMatchObject({ personId: police.personId, organisationId: police.organisationId, startedOn: '2025-01-01' });
    expect((await street.request('PUT', `/api/buildings/${b.id}/liaisons/property_liaison`, { personId: liaison.id })).statusCode).toBe(200);

    const before = await databaseFingerprint(ctx);
    const wrong = await street.request('PUT', `/api/buildings/${b.id}/liaisons/tax_officer`, { personId: police.personId });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields).toEqual([{ path: 'personId', message: '税务专管员须来自辖区税务部门' }]);
    const badRole = await street.request('PUT', `/api/buildings/${b.id}/liaisons/janitor`, { personId: tax.personId });
    expect(badRole.statusCode).toBe(400);
    expect(badRole.json().error.fields[0].path).toBe('params.role');
    expect(await databaseFingerprint(ctx)).toBe(before);
  });

  it('REG-6 a new holder ends the previous term; naming the same holder again changes nothing; vacating leaves 空缺, twice is a conflict', async () => {
    const b = await createBuilding(ctx.db.kysely, { regionCode: tree.villages[0][0] });
    const first = await createDepartmentPerson(ctx.db.kysely, { regionCode: tree.county, departmentKind: 'tax' });
    const second = await createDepartmentPerson(ctx.db.kysely, { regionCode: tree.county, departmentKind: 'tax' });
    expect((await county.request('PUT', `/api/buildings/${b.id}/liaisons/tax_officer`, { personId: first.personId, startedOn: '2025-01-01' })).statusCode).toBe(200);
    const early = await county.request('PUT', `/api/buildings/${b.id}/liaisons/tax_officer`, { personId: second.personId, startedOn: '2024-06-01' });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.fields[0]).toEqual({ path: 'startedOn', message: '任职日期不能早于现任人员的任职日期（2025-01-01）' });
    expect((await county.request('PUT', `/api/buildings/${b.id}/liaisons/tax_officer`, { personId: second.personId, startedOn: '2025-03-01' })).statusCode).toBe(200);
    const again = await databaseFingerprint(ctx);
    expect((await county.request('PUT', `/api/buildings/${b.id}/liaisons/tax_officer`, { personId: second.personId })).statusCode).toBe(200);
    expect(await databaseFingerprint(ctx)).toBe(again);
    const history = await ctx.db.kysely.selectFrom('liaison_assignment').select(['person_id', 'started_on', 'ended_on']).where('building_id', '=', b.id).orderBy('id').execute();
    expect(history).toEqual([
      { person_id: first.personId, started_on: '2025-01-01', ended_on: '2025-03-01' },
      { person_id: second.personId, started_on: '2025-03-01', ended_on: null },
    ]);
    const vacated = await county.request('DELETE', `/api/buildings/${b.id}/liaisons/tax_officer`);
    expect(vacated.statusCode).toBe(200);
    expect(vacated.json().items.every((s: { holder: unknown }) => s.holder === null)).toBe(true);
    expect((await county.request('DELETE', `/api/buildings/${b.id}/liaisons/tax_officer`)).statusCode).toBe(409);
    const ids = (await ctx.db.kysely.selectFrom('liaison_assignment').select('id').where('building_id', '=', b.id).execute()).map((r) => r.id);
    const audit = await ctx.db.kysely.selectFrom('audit_log').select('action').where('entity', '=', 'liaison_assignment').where('entity_id', 'in', ids).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['liaison.assign', 'liaison.assign', 'liaison.vacate']);
  });

  it('REG-6 two appointments to one role at once: both succeed in turn and exactly one holder remains', async () => {
    const b = await createBuilding(ctx.db.kysely, { regionCode: tree.villages[0][0] });
    const people = await Promise.all([1, 2, 3].map(() => createDepartmentPerson(ctx.db.kysely, { regionCode: tree.county, departmentKind: 'talent' })));
    const results = await Promise.all(people.map((p) => county.request('PUT', `/api/buildings/${b.id}/liaisons/talent_officer`, { personId: p.personId, startedOn: '2025-05-01' })));
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    const open = await ctx.db.kysely.selectFrom('liaison_assignment').select('id').where('building_id', '=', b.id).where('ended_on', 'is', null).execute();
    expect(open).toHaveLength(1);
  });

  it('REG-6 the vacancy table: buildings × eight roles with holders or 空缺, counted over every matching building', async () => {
    const region = tree.villages[1][1];
    const full = await createBuilding(ctx.db.kysely, { regionCode: region, name: '空缺表甲' });
    const empty = await createBuilding(ctx.db.kysely, { regionCode: region, name: '空缺表乙' });
    const police = await createDepartmentPerson(ctx.db.kysely, { regionCode: tree.townships[1], departmentKind: 'police' });
    expect((await county.request('PUT', `/api/buildings/${full.id}/liaisons/police_officer`, { personId: police.personId })).statusCode).toBe(200);
    const table = (await county.request('GET', `/api/liaisons/vacancies?regionCode=${region}`)).json();
    expect(table.total).toBe(2);
    expect(table.vacantByRole).toMatchObject({ police_officer: 1, tax_officer: 2, building_head: 2 });
    const row = table.items.find((i: { buildingId: string }) => i.buildingId === full.id);
    expect(row.vacant).toBe(7);
    expect(row.slots.map((s: { role: string }) => s.role)).toEqual([
      'building_head',
      'building_instructor',
      'property_liaison',
      'police_officer',
      'market_section_head',
      'tax_officer',
      'talent_officer',
      'building_officer',
    ]);
    const vacantPolice = (await county.request('GET', `/api/liaisons/vacancies?regionCode=${region}&role=police_officer`)).json();
    expect(vacantPolice.items.map((i: { buildingId: string }) => i.buildingId)).toEqual([empty.id]);
    expect((await street.request('GET', `/api/liaisons/vacancies?regionCode=${region}`)).statusCode).toBe(404);
  });
});

describe('REG-4 coverage rates', () => {
  it('REG-4 per building, street, district: comprehensive party organisations and enterprises leasing today, an instructor counting as coverage', async () => {
    const county2 = await createRegionTree(ctx.db.kysely);
    const [s0, s1] = county2.townships;
    const owner = await createOrganisation(ctx.db.kysely, { name: '产权单位', kind: 'property_owner', regionCode: s0 });
    const comprehensive = await createOrganisation(ctx.db.kysely, { name: '综合党委', kind: 'party_org', regionCode: s0, parentId: owner.id });
    const b1 = await createBuilding(ctx.db.kysely, { regionCode: county2.villages[0][0], ownership: 'single', propertyOwnerId: owner.id, comprehensivePartyOrgId: comprehensive.id });
    const b2 = await createBuilding(ctx.db.kysely, { regionCode: county2.villages[1][0] });
    const own = await createEnterprise(ctx.db.kysely, { regionCode: s0, partyOrgStatus: 'own' });
    const instructed = await createEnterprise(ctx.db.kysely, { regionCode: s0 });
    const uncovered = await createEnterprise(ctx.db.kysely, { regionCode: s1 });
    const gone = await createEnterprise(ctx.db.kysely, { regionCode: s1, partyOrgStatus: 'joint' });
    const instructor = await createPerson(ctx.db.kysely, { regionCode: s0 });
    await ctx.db.kysely.insertInto('instructor').values({ person_id: instructor.id, region_code: s0 }).execute();
    await ctx.db.kysely.insertInto('instructor_assignment').values({ enterprise_id: instructed.id, person_id: instructor.id }).execute();
    await createLease(ctx.db.kysely, { building: b1, enterprise: own, area: 100, startOn: dayFromToday(-10), endOn: dayFromToday(100) });
    await createLease(ctx.db.kysely, { building: b1, enterprise: instructed, area: 100, startOn: dayFromToday(-10), endOn: dayFromToday(100) });
    // The same enterprise in two buildings counts once in the district.
    await createLease(ctx.db.kysely, { building: b2, enterprise: own, area: 100, startOn: dayFromToday(-10), endOn: dayFromToday(100) });
    await createLease(ctx.db.kysely, { building: b2, enterprise: uncovered, area: 100, startOn: dayFromToday(-10), endOn: dayFromToday(100) });
    await createLease(ctx.db.kysely, { building: b2, enterprise: gone, area: 100, startOn: dayFromToday(-400), endOn: dayFromToday(-1) });

    const admin = await createUser(ctx.db.kysely, { role: 'admin' });
    const agent = await login(ctx.app, admin.username, admin.password);
    const res = await agent.request('GET', `/api/coverage?regionCode=${county2.county}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.totals).toEqual({
      buildings: 2,
      coveredBuildings: 1,
      buildingRate: 0.5,
      enterprises: 3,
      coveredEnterprises: 2,
      enterpriseRate: 0.6667,
      byStatus: { own: 1, joint: 0, instructor: 1, none: 1 },
    });
    expect(body.children.map((c: { code: string; enterprises: number; coveredEnterprises: number; buildingRate: number | null }) => [c.code, c.enterprises, c.coveredEnterprises, c.buildingRate])).toEqual([
      [s0, 2, 2, 1],
      [s1, 2, 1, 0],
    ]);
    const page = (await agent.request('GET', `/api/buildings/${b1.id}/page`)).json();
    expect(page.building.coverage).toMatchObject({ mode: 'property_owner', anchored: true, enterprises: 2, enterpriseRate: 1 });
    const street = (await agent.request('GET', `/api/coverage?regionCode=${s1}`)).json();
    expect(street.totals).toMatchObject({ enterprises: 2, coveredEnterprises: 1, enterpriseRate: 0.5 });
    expect(street.children.map((c: { code: string }) => c.code)).toEqual(county2.villages[1]);
    expect((await agent.request('GET', '/api/coverage')).json().error.fields[0]).toMatchObject({ path: 'query.regionCode' });
  });
});
