import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestContext } from '../support/app.ts';
import { createOrganisation } from '../support/factories.ts';
import { addNeed, addResource, createListWorld, evidenceUpload, type ListWorld } from '../support/list-factories.ts';
import { raiseMatter } from '../support/matter-factories.ts';
import { databaseFingerprint, expectInScope, expectOutOfScope, type ScopeCase } from '../support/scope.ts';

/**
 * ORG-4 for the three lists (LST-1 … LST-4): another street's office and another enterprise
 * are refused on every endpoint that addresses a need, resource, project, matter link, plan
 * or funnel, and nothing changes; the street's own office succeeds; lists never leak.
 */
let ctx: TestContext;
let w: ListWorld;
let rec: Record<string, string>;
let insider: Agent;
let outsiders: Agent[];

const PREFIXES = ['/api/needs', '/api/resources', '/api/projects', '/api/matching', '/api/lists'];
const OWN_ROUTES = ['POST /api/matters/:id/need', 'GET /api/matters/:id/needs'];
const LISTED = [
  'GET /api/needs',
  'GET /api/needs/export',
  'GET /api/resources',
  'GET /api/resources/export',
  'GET /api/projects',
  'GET /api/projects/export',
];
/** Checked in their own case below (a multipart body). */
const SPECIAL = ['POST /api/projects/:id/evidence'];

const created = async (agent: Agent, method: 'POST', url: string, body: unknown) => {
  const res = await agent.request(method, url, body);
  if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; projectId?: string };
};

beforeAll(async () => {
  ctx = await createTestApp();
  w = await createListWorld(ctx);
  const [t0] = w.tree.townships;
  insider = w.as.street;
  outsiders = [w.as.outsideStreet, w.as.otherEnterprise];
  const streetOrg = await createOrganisation(ctx.db.kysely, {
    name: '甲街道新时代文明实践站',
    kind: 'social_organisation',
    regionCode: t0,
  });
  const fair = await addResource(insider, { title: '甲街道人才招聘会', providerOrgId: streetOrg.id, servedRegionCode: t0 });
  const course = await addResource(insider, {
    title: '甲街道电商培训',
    category: 'training',
    providerOrgId: streetOrg.id,
    servedRegionCode: t0,
  });
  const spare = await addResource(insider, { title: '甲街道备用资源', providerOrgId: streetOrg.id, servedRegionCode: t0 });
  const needA = await addNeed(w.as.enterprise, { title: '甲街道招聘电商人才' });
  const needB = await addNeed(w.as.enterprise, { title: '甲街道误录需求' });
  const needC = await addNeed(w.as.enterprise, { title: '甲街道楼道灯坏', category: 'other' });
  const needD = await addNeed(w.as.enterprise, { title: '甲街道招聘人才二' });
  const matter = await raiseMatter(w);
  const project = await created(insider, 'POST', '/api/projects', {
    name: '甲街道人才项目',
    ownerOrgId: streetOrg.id,
    regionCode: t0,
    milestones: [{ title: '方案' }, { title: '启动' }],
  });
  const closing = (await created(insider, 'POST', `/api/needs/${needD}/confirm`, { resourceId: spare, ownerOrgId: streetOrg.id }))
    .projectId!;
  const { payload, headers } = evidenceUpload('照片.png', Buffer.from('png'));
  const ev = await insider.request('POST', `/api/projects/${closing}/evidence`, payload, headers);
  const projectView = (await insider.request('GET', `/api/projects/${project.id}`)).json() as { milestones: { id: string }[] };
  const category = (await ctx.db.kysely.selectFrom('matter_category').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
  rec = {
    t0,
    streetOrg: streetOrg.id,
    fair,
    course,
    needA,
    needB,
    needC,
    matter,
    project: project.id,
    closing,
    evidence: (ev.json() as { id: string }).id,
    m1: projectView.milestones[0]!.id,
    m2: projectView.milestones[1]!.id,
    category,
  };
});
afterAll(() => ctx?.close());

function recordCases(): (ScopeCase & { name: string })[] {
  return [
    { name: 'LST-1 need', method: 'GET', url: `/api/needs/${rec.needA}` },
    {
      name: 'LST-1 need create',
      method: 'POST',
      url: '/api/needs',
      payload: { title: '新需求', category: 'talent', enterpriseId: w.enterprise.id },
    },
    { name: 'LST-1 need edit', method: 'PATCH', url: `/api/needs/${rec.needA}`, payload: { version: 1, urgency: 'high' } },
    { name: 'LST-3 proposals', method: 'GET', url: `/api/needs/${rec.needA}/proposals` },
    { name: 'LST-3 reject', method: 'POST', url: `/api/needs/${rec.needA}/reject`, payload: { resourceId: rec.course } },
    {
      name: 'LST-3 confirm',
      method: 'POST',
      url: `/api/needs/${rec.needA}/confirm`,
      payload: { resourceId: rec.fair, ownerOrgId: rec.streetOrg },
    },
    { name: 'LST-1 need close', method: 'POST', url: `/api/needs/${rec.needB}/close`, payload: { reason: '重复登记' } },
    { name: 'LST-1 need to matter', method: 'POST', url: `/api/needs/${rec.needC}/matter`, payload: { categoryId: rec.category } },
    { name: 'LST-1 matter to need', method: 'POST', url: `/api/matters/${rec.matter}/need`, payload: { category: 'tax' } },
    { name: 'LST-1 needs of a matter', method: 'GET', url: `/api/matters/${rec.matter}/needs` },
    { name: 'LST-2 resource', method: 'GET', url: `/api/resources/${rec.fair}` },
    {
      name: 'LST-2 resource create',
      method: 'POST',
      url: '/api/resources',
      payload: { title: '新资源', category: 'legal', providerOrgId: rec.streetOrg },
    },
    {
      name: 'LST-2 resource edit',
      method: 'PATCH',
      url: `/api/resources/${rec.fair}`,
      payload: { version: 1, conditions: '限本街道企业' },
    },
    { name: 'LST-3 needs for a resource', method: 'GET', url: `/api/resources/${rec.course}/proposals` },
    { name: 'LST-4 project', method: 'GET', url: `/api/projects/${rec.project}` },
    {
      name: 'LST-4 project create',
      method: 'POST',
      url: '/api/projects',
      payload: { name: '新项目', ownerOrgId: rec.streetOrg, regionCode: rec.t0 },
    },
    { name: 'LST-4 project edit', method: 'PATCH', url: `/api/projects/${rec.project}`, payload: { version: 1, description: '说明' } },
    {
      name: 'LST-4 members',
      method: 'PUT',
      url: `/api/projects/${rec.project}/members`,
      payload: { members: [{ name: '张三', role: 'lead' }] },
    },
    { name: 'LST-4 milestone add', method: 'POST', url: `/api/projects/${rec.project}/milestones`, payload: { title: '验收', weight: 2 } },
    { name: 'LST-4 milestone done', method: 'PATCH', url: `/api/projects/${rec.project}/milestones/${rec.m1}`, payload: { done: true } },
    { name: 'LST-4 milestone remove', method: 'DELETE', url: `/api/projects/${rec.project}/milestones/${rec.m2}` },
    { name: 'LST-4 evidence download', method: 'GET', url: `/api/projects/${rec.closing}/evidence/${rec.evidence}` },
    { name: 'LST-4 close', method: 'POST', url: `/api/projects/${rec.closing}/close`, payload: { outcome: 'done', report: '完成' } },
    { name: 'LST-3 street plan', method: 'POST', url: '/api/matching/plan', payload: { regionCode: rec.t0 } },
    { name: 'LST-3 funnel', method: 'GET', url: `/api/lists/funnel?regionCode=${rec.t0}` },
  ];
}

describe('ORG-4 scope of the three lists: another street and another enterprise are refused everywhere', () => {
  it('LST-1 LST-2 LST-3 LST-4 outsiders get 403/404 and nothing changes; the street’s own office succeeds', async () => {
    for (const c of recordCases()) for (const outsider of outsiders) await expectOutOfScope(ctx, outsider, c);
    for (const c of recordCases()) await expectInScope(insider, c);
  });

  it('LST-4 an outsider’s evidence upload is refused before its body is read, and nothing changes', async () => {
    for (const outsider of outsiders) {
      const before = await databaseFingerprint(ctx);
      const { payload, headers } = evidenceUpload('x.png', Buffer.from('x'));
      const res = await outsider.request('POST', `/api/projects/${rec.project}/evidence`, payload, headers);
      expect([403, 404]).toContain(res.statusCode);
      expect(await databaseFingerprint(ctx)).toBe(before);
    }
    const { payload, headers } = evidenceUpload('ok.png', Buffer.from('ok'));
    expect((await insider.request('POST', `/api/projects/${rec.project}/evidence`, payload, headers)).statusCode).toBe(201);
  });

  it('LST-1 LST-2 LST-4 lists and exports never show the street’s records to outsiders', async () => {
    for (const url of ['/api/needs?limit=200', '/api/resources?limit=200', '/api/projects?limit=200']) {
      for (const outsider of outsiders) {
        const res = await outsider.request('GET', url);
        expect(res.statusCode).toBe(200);
        expect(res.body, url).not.toContain('甲街道');
      }
      expect((await insider.request('GET', url)).body).toContain('甲街道');
    }
  });

  it('ORG-4 every endpoint of the three lists is covered by a scope case here', () => {
    const normalise = (method: string, url: string) => `${method} ${url.split('?')[0]!.replace(/\/\d+(?=\/|$)/g, '/:id')}`;
    const covered = new Set(recordCases().map((c) => normalise(String(c.method), c.url)));
    const uncovered = ctx.app.routeTable
      .map((r) => `${r.method} ${r.url.replace(/:\w+/g, ':id')}`)
      .filter((key) => {
        const url = key.split(' ')[1]!;
        return PREFIXES.some((p) => url === p || url.startsWith(`${p}/`)) || OWN_ROUTES.includes(key);
      })
      .filter((key) => !covered.has(key) && !LISTED.includes(key) && !SPECIAL.includes(key));
    expect(uncovered).toEqual([]);
    expect(ctx.app.routeTable.filter((r) => PREFIXES.some((p) => r.url.startsWith(p))).length).toBeGreaterThanOrEqual(25);
  });
});
