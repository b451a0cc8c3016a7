import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestContext } from '../support/app.ts';
import { expectInScope, expectOutOfScope, type ScopeCase } from '../support/scope.ts';
import { createVillageWorld, GUANTIAN, ok, XINGGUO, XINGLIAN, type VillageWorld } from '../support/village-factories.ts';

/**
 * ORG-4 for the traditional villages (VIL-1 … VIL-4): another village's staff and another
 * township's staff are refused on every endpoint that addresses 官田村's records, and nothing
 * changes; 兴莲乡's own staff (the county for county settings) succeed; lists never leak.
 */
let ctx: TestContext;
let w: VillageWorld;
let rec: Record<string, string>;

const PREFIXES = [
  '/api/villages',
  '/api/collective-income',
  '/api/heritage-items',
  '/api/performances',
  '/api/tourism-sites',
  '/api/village-dashboard',
];
const LISTED = [
  'GET /api/villages',
  'GET /api/collective-income',
  'GET /api/heritage-items',
  'GET /api/performances',
  'GET /api/tourism-sites',
];

beforeAll(async () => {
  ctx = await createTestApp();
  w = await createVillageWorld(ctx);
  const v = `/api/villages/${GUANTIAN}`;
  await ok(w.as.county, 'POST', '/api/villages', {
    regionCode: GUANTIAN,
    partyOrgId: w.branch.id,
    isTraditional: true,
    listingLevel: 'national',
    listingBatch: 5,
  });
  const plan = await ok<{ plans: { id: string }[] }>(w.as.village, 'POST', `${v}/plans`, { title: '官田村保护规划', status: 'drafting' });
  const b = await ok<{ traditionalBuildings: { id: string }[] }>(w.as.village, 'POST', `${v}/buildings`, {
    name: '官田祠堂',
    condition: 'poor',
  });
  const post = await ok<{ posts: { id: string }[] }>(w.as.village, 'POST', `${v}/posts`, { kind: 'pioneer_post', name: '先锋岗' });
  await ok(w.as.village, 'POST', `${v}/rules`, { title: '村规民约', body: '第一条', adoptedOn: '2020-01-01' });
  await ok(w.as.village, 'POST', `${v}/rules`, { title: '村规民约', body: '第一条 第二条', adoptedOn: '2023-01-01' });
  const chain = await ok<{ chain: { id: string }[] }>(w.as.county, 'POST', `${v}/chain`, {
    level: 'department',
    organisationId: w.departmentId,
  });
  const ledger = await ok<{ projects: { id: string }[] }>(w.as.village, 'POST', `${v}/fund-projects`, {
    name: '祠堂修缮',
    purpose: 'building_protection',
  });
  await ok(w.as.village, 'POST', `${v}/fund-entries`, { kind: 'source', amount: 100_000, entryOn: '2024-01-01', sourceKind: 'county' });
  await ok(w.as.village, 'POST', `${v}/fund-entries`, {
    kind: 'allocation',
    amount: 100_000,
    entryOn: '2024-01-02',
    projectId: ledger.projects[0]!.id,
  });
  const item = await ok<{ id: string }>(w.as.village, 'POST', '/api/heritage-items', {
    regionCode: GUANTIAN,
    name: '官田村灯彩',
    category: '传统舞蹈',
    level: 'county',
  });
  const site = await ok<{ id: string }>(w.as.village, 'POST', '/api/tourism-sites', {
    regionCode: GUANTIAN,
    name: '官田中央兵工厂旧址',
    kind: 'red_education',
  });
  await ok(w.as.village, 'POST', '/api/performances', {
    heritageItemId: item.id,
    regionCode: GUANTIAN,
    title: '官田灯彩展演',
    performedOn: '2026-02-01',
    place: '官田村',
    audience: 100,
  });
  rec = {
    plan: plan.plans[0]!.id,
    building: b.traditionalBuildings[0]!.id,
    post: post.posts[0]!.id,
    chain: chain.chain[0]!.id,
    project: ledger.projects[0]!.id,
    item: item.id,
    site: site.id,
  };
});
afterAll(() => ctx.close());

/** Every endpoint that addresses a record or writes, as the insider may call it (in this order, each once). */
function recordCases(): (ScopeCase & { name: string; insider?: 'county' })[] {
  const v = `/api/villages/${GUANTIAN}`;
  return [
    { name: 'VIL-1 profile', method: 'GET', url: v },
    { name: 'VIL-1 open profile', method: 'POST', url: '/api/villages', payload: { regionCode: '360732203200', isTraditional: false } },
    { name: 'VIL-1 update profile', method: 'PATCH', url: v, payload: { summary: '红色古村' } },
    { name: 'VIL-1 plan', method: 'POST', url: `${v}/plans`, payload: { title: '修编规划', status: 'drafting' } },
    {
      name: 'VIL-1 plan status',
      method: 'PATCH',
      url: `${v}/plans/${rec.plan}`,
      payload: { status: 'approved', approvedOn: '2024-05-01' },
    },
    { name: 'VIL-1 building', method: 'POST', url: `${v}/buildings`, payload: { name: '古井', condition: 'good' } },
    { name: 'VIL-1 building condition', method: 'PATCH', url: `${v}/buildings/${rec.building}`, payload: { condition: 'dangerous' } },
    {
      name: 'VIL-1 repair',
      method: 'POST',
      url: `${v}/buildings/${rec.building}/repairs`,
      payload: { repairedOn: '2024-06-01', description: '加固' },
    },
    { name: 'VIL-1 building matter', method: 'POST', url: `${v}/buildings/${rec.building}/matter`, payload: { description: '墙体开裂' } },
    { name: 'VIL-1 post', method: 'POST', url: `${v}/posts`, payload: { kind: 'model_post', name: '示范岗' } },
    {
      name: 'VIL-1 post holder',
      method: 'POST',
      url: `${v}/posts/${rec.post}/holders`,
      payload: { personId: w.memberPersonId, since: '2024-01-01' },
    },
    {
      name: 'VIL-1 post holder end',
      method: 'POST',
      url: `${v}/posts/${rec.post}/holders/${w.memberPersonId}/end`,
      payload: { until: '2024-12-31' },
    },
    { name: 'VIL-1 rules versions', method: 'GET', url: `${v}/rules` },
    { name: 'VIL-1 rules adopt', method: 'POST', url: `${v}/rules`, payload: { title: '村规民约', body: '三条', adoptedOn: '2025-01-01' } },
    { name: 'VIL-1 rules reinstate', method: 'POST', url: `${v}/rules/1/current`, payload: {} },
    { name: 'VIL-1 chain add', method: 'POST', url: `${v}/chain`, payload: { level: 'village_secretary', personId: w.memberPersonId } },
    { name: 'VIL-1 chain remove', method: 'DELETE', url: `${v}/chain/${rec.chain}` },
    { name: 'VIL-2 ledger', method: 'GET', url: `${v}/funds` },
    { name: 'VIL-2 project', method: 'POST', url: `${v}/fund-projects`, payload: { name: '规划编制', purpose: 'planning' } },
    {
      name: 'VIL-2 spending',
      method: 'POST',
      url: `${v}/fund-entries`,
      payload: { kind: 'spending', amount: 1000, entryOn: '2024-03-01', projectId: rec.project, counterparty: '施工队', voucherNo: 'S-1' },
    },
    { name: 'VIL-2 funds matter', method: 'POST', url: `${v}/funds/matter`, payload: { description: '凭证不全' } },
    { name: 'VIL-3 income', method: 'PUT', url: `${v}/income/2022`, payload: { operatingIncome: 320_000 } },
    {
      name: 'VIL-3 thresholds',
      method: 'PUT',
      url: '/api/collective-income/thresholds',
      payload: { regionCode: XINGGUO, amounts: [300_000, 500_000] },
      insider: 'county',
    },
    {
      name: 'VIL-4 heritage item',
      method: 'POST',
      url: '/api/heritage-items',
      payload: { regionCode: GUANTIAN, name: '官田村山歌队', category: '传统音乐', level: 'county' },
    },
    {
      name: 'VIL-4 inheritor',
      method: 'POST',
      url: `/api/heritage-items/${rec.item}/inheritors`,
      payload: { name: '钟师傅', level: 'county' },
    },
    {
      name: 'VIL-4 performance',
      method: 'POST',
      url: '/api/performances',
      payload: {
        heritageItemId: rec.item,
        regionCode: GUANTIAN,
        title: '春节展演',
        performedOn: '2026-02-10',
        place: '祠堂',
        audience: 200,
      },
    },
    {
      name: 'VIL-4 site',
      method: 'POST',
      url: '/api/tourism-sites',
      payload: { regionCode: GUANTIAN, name: '兵工博物馆', kind: 'museum' },
    },
    { name: 'VIL-4 guide', method: 'POST', url: `/api/tourism-sites/${rec.site}/guides`, payload: { name: '讲解员' } },
    { name: 'VIL-4 visitors', method: 'PUT', url: `/api/tourism-sites/${rec.site}/visitors/2026-01`, payload: { visitors: 1200 } },
    { name: 'DSH-1 dashboard', method: 'GET', url: `/api/village-dashboard?regionCode=${XINGLIAN}` },
    { name: 'DSH-2 dashboard export', method: 'GET', url: `/api/village-dashboard.xlsx?regionCode=${XINGLIAN}` },
  ];
}

describe('ORG-4 scope of the traditional villages: another village and another township are refused on every record endpoint', () => {
  it('VIL-1 VIL-2 VIL-3 VIL-4 the outsiders get 403/404 and nothing changes; the township (or county) succeeds', async () => {
    for (const c of recordCases()) {
      await expectOutOfScope(ctx, w.as.otherVillage, c);
      await expectOutOfScope(ctx, w.as.otherTownship, c);
    }
    for (const c of recordCases()) await expectInScope(c.insider === 'county' ? w.as.county : w.as.township, c);
  }, 300_000);

  it('VIL-1 VIL-2 VIL-3 VIL-4 lists never show another village’s records', async () => {
    const lists = [
      '/api/villages',
      '/api/collective-income?year=2022',
      '/api/performances',
      '/api/tourism-sites',
      `/api/heritage-items?regionCode=${'360732205211'}`,
    ];
    for (const url of lists) {
      for (const agent of [w.as.otherVillage, w.as.otherTownship] as Agent[]) {
        const res = await agent.request('GET', url);
        expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
        for (const leak of [GUANTIAN, '官田']) expect(res.body, `${url} as ${agent.username} leaks ${leak}`).not.toContain(leak);
        for (const id of [rec.site, rec.item]) expect(res.body, `${url} leaks ${id}`).not.toContain(`"id":"${id}"`);
      }
    }
    const inside = await w.as.township.request('GET', '/api/tourism-sites');
    expect(inside.body).toContain('官田中央兵工厂旧址');
  });

  it('ORG-4 every authenticated endpoint of the villages is covered by a scope case here', () => {
    const normalise = (method: string, url: string) => `${method} ${url.split('?')[0]!.replace(/\/[\d-]+(?=\/|$)/g, '/:id')}`;
    const covered = new Set(recordCases().map((c) => normalise(String(c.method), c.url)));
    const routes = ctx.app.routeTable.filter((r) =>
      PREFIXES.some((p) => r.url === p || r.url.startsWith(`${p}/`) || r.url.startsWith(`${p}.`)),
    );
    const uncovered = routes
      .filter((r) => r.auth !== 'public')
      .map((r) => `${r.method} ${r.url.replace(/:\w+/g, ':id')}`)
      .filter((key) => !covered.has(key) && !LISTED.includes(key));
    expect(uncovered).toEqual([]);
    expect(routes.length).toBeGreaterThanOrEqual(35);
  });
});
