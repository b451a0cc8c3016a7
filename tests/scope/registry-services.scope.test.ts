import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Agent, type TestContext } from '../support/app.ts';
import { createPerson, createRegionTree, createUser, type RegionTree } from '../support/factories.ts';
import { expectInScope, expectOutOfScope, type ScopeCase } from '../support/scope.ts';
import { createBelt, createBuilding, createCadre, createEnterprise, createInstructor } from '../support/service-factories.ts';

/**
 * ORG-4 for the registry services (REG-7 belts, REG-8 investment, SVC-1 instructors,
 * SVC-2 cadres and service records, search): a street user of another street — and an
 * enterprise user of another enterprise — is refused on every endpoint that addresses a
 * record and nothing changes; the street's own user succeeds; lists never leak.
 */
let ctx: TestContext;
let tree: RegionTree;
let insider: Agent;
let outsider: Agent;
let otherEnterprise: Agent;
let rec: Record<string, string>;

const PREFIXES = ['/api/belts', '/api/investment', '/api/instructors', '/api/cadres', '/api/service-records', '/api/search'];
const OWN_ROUTES = ['PUT /api/enterprises/:id/instructor', 'DELETE /api/enterprises/:id/instructor'];

beforeAll(async () => {
  ctx = await createTestApp();
  const db = ctx.db.kysely;
  tree = await createRegionTree(db);
  const [t0, t1] = tree.townships;
  const v0 = tree.villages[0][0];
  const belt = await createBelt(db, { regionCode: t0, name: '甲街道示范带' });
  const inBelt = await createBuilding(db, { regionCode: v0, name: '甲街道示范楼', officeArea: 8000 });
  const candidate = await createBuilding(db, { regionCode: v0, name: '甲街道候选楼' });
  await db
    .insertInto('demo_belt_building')
    .values({ belt_id: belt.id, building_id: inBelt.id, status: 'cultivating', since: null, progress: 20 })
    .execute();
  const lead = await db
    .insertInto('investment_lead')
    .values({
      name: '甲街道招商线索',
      contact_name: null,
      industry_code: '65',
      area_needed: 300,
      budget: null,
      preferred_region_code: null,
      building_id: null,
      lease_id: null,
      enterprise_id: null,
      note: null,
      region_code: t0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const spareLead = await db
    .insertInto('investment_lead')
    .values({ name: '甲街道误录线索', area_needed: 100, region_code: t0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const point = await db
    .insertInto('demo_point')
    .values({ belt_id: belt.id, name: '甲街道示范点', level: 'county', region_code: v0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const instructor = await createInstructor(db, { regionCode: v0, name: '甲街道指导员', lng: 119.3, lat: 26.08 });
  const cadre = await createCadre(db, { regionCode: t0, name: '甲街道选派干部' });
  const enterprise = await createEnterprise(db, { regionCode: v0, name: '甲街道某科技公司', lng: 119.31, lat: 26.08 });
  const portfolioEnterprise = await createEnterprise(db, { regionCode: v0, name: '甲街道某贸易公司' });
  const newInstructor = await createPerson(db, { name: '甲街道新指导员', regionCode: v0 });
  const newCadre = await createPerson(db, { name: '甲街道新干部', regionCode: v0 });
  const service = await db
    .insertInto('service_record')
    .values({
      person_id: cadre.personId,
      enterprise_id: enterprise.id,
      kind: 'market',
      served_on: '2024-04-01',
      summary: '对接市场',
      region_code: v0,
      org_path: enterprise.path,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  rec = {
    t0,
    v0,
    belt: belt.id,
    inBelt: inBelt.id,
    candidate: candidate.id,
    lead: lead.id,
    spareLead: spareLead.id,
    point: point.id,
    instructor: instructor.personId,
    cadre: cadre.personId,
    enterprise: enterprise.id,
    portfolioEnterprise: portfolioEnterprise.id,
    newInstructor: newInstructor.id,
    newCadre: newCadre.id,
    service: service.id,
  };

  const inside = await createUser(db, { role: 'street', regionCode: t0 });
  const outside = await createUser(db, { role: 'street', regionCode: t1 });
  const otherEnt = await createEnterprise(db, { regionCode: tree.villages[1][0], name: '乙街道另一企业' });
  const otherEntUser = await createUser(db, { role: 'enterprise', regionCode: t1, organisationId: otherEnt.id, orgPath: otherEnt.path });
  [insider, outsider, otherEnterprise] = await Promise.all([
    login(ctx.app, inside.username, inside.password),
    login(ctx.app, outside.username, outside.password),
    login(ctx.app, otherEntUser.username, otherEntUser.password),
  ]);
});
afterAll(() => ctx.close());

/** Every endpoint that addresses a record or writes, as the insider may call it (in this order, each once). */
function recordCases(): (ScopeCase & { name: string })[] {
  return [
    { name: 'REG-7 belt', method: 'GET', url: `/api/belts/${rec.belt}` },
    {
      name: 'REG-7 belt create',
      method: 'POST',
      url: '/api/belts',
      payload: { name: '甲街道新示范带', level: 'county', regionCode: rec.t0 },
    },
    { name: 'REG-7 belt update', method: 'PATCH', url: `/api/belts/${rec.belt}`, payload: { description: '五四路沿线' } },
    {
      name: 'REG-7 belt building add',
      method: 'POST',
      url: `/api/belts/${rec.belt}/buildings`,
      payload: { buildingId: rec.candidate, status: 'cultivating' },
    },
    {
      name: 'REG-7 belt building progress',
      method: 'PATCH',
      url: `/api/belts/${rec.belt}/buildings/${rec.inBelt}`,
      payload: { progress: 60 },
    },
    {
      name: 'REG-7 belt point add',
      method: 'POST',
      url: `/api/belts/${rec.belt}/points`,
      payload: { name: '党群服务站', level: 'county', regionCode: rec.v0 },
    },
    { name: 'REG-7 belt point remove', method: 'DELETE', url: `/api/belts/${rec.belt}/points/${rec.point}` },
    { name: 'REG-8 lead', method: 'GET', url: `/api/investment/leads/${rec.lead}` },
    {
      name: 'REG-8 lead create',
      method: 'POST',
      url: '/api/investment/leads',
      payload: { name: '新线索', areaNeeded: 200, regionCode: rec.t0 },
    },
    {
      name: 'REG-8 lead transition',
      method: 'POST',
      url: `/api/investment/leads/${rec.lead}/transition`,
      payload: { to: 'negotiating', buildingId: rec.inBelt },
    },
    { name: 'REG-8 lead delete', method: 'DELETE', url: `/api/investment/leads/${rec.spareLead}` },
    { name: 'SVC-1 instructor', method: 'GET', url: `/api/instructors/${rec.instructor}` },
    { name: 'SVC-1 instructor create', method: 'POST', url: '/api/instructors', payload: { personId: rec.newInstructor } },
    { name: 'SVC-1 instructor update', method: 'PATCH', url: `/api/instructors/${rec.instructor}`, payload: { capacity: 5 } },
    { name: 'SVC-1 assignment run', method: 'POST', url: '/api/instructors/assign', payload: { regionCode: rec.t0, dryRun: false } },
    {
      name: 'SVC-1 manual pin',
      method: 'PUT',
      url: `/api/enterprises/${rec.enterprise}/instructor`,
      payload: { personId: rec.instructor },
    },
    { name: 'SVC-1 instructor removal', method: 'DELETE', url: `/api/enterprises/${rec.enterprise}/instructor` },
    { name: 'SVC-2 cadre', method: 'GET', url: `/api/cadres/${rec.cadre}` },
    {
      name: 'SVC-2 cadre create',
      method: 'POST',
      url: '/api/cadres',
      payload: { personId: rec.newCadre, regionCode: rec.t0, startedOn: '2024-01-01' },
    },
    {
      name: 'SVC-2 cadre portfolio',
      method: 'POST',
      url: `/api/cadres/${rec.cadre}/enterprises`,
      payload: { enterpriseId: rec.portfolioEnterprise },
    },
    {
      name: 'SVC-2 service record',
      method: 'POST',
      url: '/api/service-records',
      payload: { personId: rec.cadre, enterpriseId: rec.enterprise, kind: 'policy', servedOn: '2024-05-01', summary: '落实惠企政策' },
    },
    { name: 'SVC-2 service record delete', method: 'DELETE', url: `/api/service-records/${rec.service}` },
  ];
}

/** Lists and searches: filtered by the query layer, proven below never to show the insider's records. */
const LISTED = [
  'GET /api/belts',
  'GET /api/investment/vacancies',
  'POST /api/investment/match',
  'GET /api/investment/leads',
  'GET /api/instructors',
  'GET /api/cadres',
  'GET /api/service-records',
  'GET /api/search',
];

describe('ORG-4 scope of the registry services: another street is refused on every record endpoint', () => {
  it('REG-7 REG-8 SVC-1 SVC-2 the outsider street and another enterprise get 403/404 and nothing changes; the insider succeeds', async () => {
    for (const c of recordCases()) {
      await expectOutOfScope(ctx, outsider, c);
      await expectOutOfScope(ctx, otherEnterprise, c);
    }
    for (const c of recordCases()) await expectInScope(insider, c);
  });

  it('REG-7 REG-8 SVC-1 SVC-2 lists, matches and searches never show another street’s records', async () => {
    const idsOf = async (agent: Agent, method: 'GET' | 'POST', url: string, payload?: unknown) => {
      const res = await agent.request(method, url, payload);
      expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(500);
      // The search echoes its own query; only the hits matter.
      const { q: _q, ...rest } = res.json() as Record<string, unknown>;
      return JSON.stringify(rest);
    };
    const lists: [string, 'GET' | 'POST', unknown?][] = [
      ['/api/belts?limit=200', 'GET'],
      ['/api/investment/vacancies?limit=200', 'GET'],
      ['/api/investment/match', 'POST', { area: 100, limit: 100 }],
      ['/api/investment/leads?limit=200', 'GET'],
      ['/api/instructors?limit=200', 'GET'],
      ['/api/cadres?limit=200', 'GET'],
      ['/api/service-records?limit=200', 'GET'],
      [`/api/search?q=${encodeURIComponent('甲街道')}`, 'GET'],
    ];
    for (const [url, method, payload] of lists) {
      for (const agent of [outsider, otherEnterprise]) {
        const body = await idsOf(agent, method, url, payload);
        for (const id of [rec.belt, rec.inBelt, rec.lead, rec.instructor, rec.cadre, rec.service, rec.enterprise])
          expect(body, `${url} leaks ${id}`).not.toContain(`"${id}"`);
        expect(body, url).not.toContain('甲街道');
      }
    }
    const inside = await idsOf(insider, 'GET', `/api/search?q=${encodeURIComponent('甲街道')}`);
    expect(inside).toContain(`"${rec.inBelt}"`);
    const match = await idsOf(insider, 'POST', '/api/investment/match', { area: 100 });
    expect(match).toContain(`"${rec.inBelt}"`);
  });

  it('REG-8 investment attraction is refused to roles without a lead scope, even on list endpoints', async () => {
    for (const [method, url, payload] of [
      ['GET', '/api/investment/vacancies'],
      ['POST', '/api/investment/match', { area: 100 }],
      ['GET', '/api/investment/leads'],
    ] as const) {
      await expectOutOfScope(ctx, otherEnterprise, { method, url, payload });
    }
  });

  it('ORG-4 every authenticated endpoint of the registry services is covered by a scope case here', () => {
    const normalise = (method: string, url: string) => `${method} ${url.split('?')[0]!.replace(/\/\d+(?=\/|$)/g, '/:id')}`;
    const covered = new Set(recordCases().map((c) => normalise(String(c.method), c.url)));
    const uncovered = ctx.app.routeTable
      .map((r) => `${r.method} ${r.url.replace(/:\w+/g, ':id')}`)
      .filter((key) => {
        const url = key.split(' ')[1]!;
        return PREFIXES.some((p) => url === p || url.startsWith(`${p}/`)) || OWN_ROUTES.includes(key);
      })
      .filter((key) => !covered.has(key) && !LISTED.includes(key));
    expect(uncovered).toEqual([]);
    // The prefixes really do hold routes: a typo here would make the check vacuous.
    expect(ctx.app.routeTable.filter((r) => PREFIXES.some((p) => r.url.startsWith(p))).length).toBeGreaterThanOrEqual(24);
  });
});
