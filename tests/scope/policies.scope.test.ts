import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestContext } from '../support/app.ts';
import { createPolicyWorld, json, policyBody, type PolicyWorld } from '../support/policy-factories.ts';
import { expectInScope, expectOutOfScope, type ScopeCase } from '../support/scope.ts';

/**
 * ORG-4 for policies (POL-1 … POL-4): another street's officer and another
 * enterprise are refused (403/404) on every endpoint addressing a policy kept by
 * the street, an enterprise's results, profile and applications, or a meeting —
 * and nothing changes; the street's officer (or the enterprise itself) succeeds.
 */
let ctx: TestContext;
let w: PolicyWorld;
let rec: Record<string, string>;

const PREFIXES = ['/api/policies', '/api/policy-applications', '/api/policy-meetings', '/api/policy-dashboard'];
const OWN_ROUTES = [
  'GET /api/enterprises/:id/policies',
  'GET /api/enterprises/:id/policy-profile',
  'PUT /api/enterprises/:id/policy-profile',
];

beforeAll(async () => {
  ctx = await createTestApp();
  w = await createPolicyWorld(ctx);
  const published = await json<{ id: string; version: number }>(w.as.officer, 'POST', '/api/policies', policyBody(w.street));
  await json(w.as.officer, 'POST', `/api/policies/${published.id}/publish`, {});
  const draft = await json<{ id: string }>(w.as.officer, 'POST', '/api/policies', policyBody(w.street, { title: '草稿政策' }));
  const spare = await json<{ id: string }>(w.as.officer, 'POST', '/api/policies', policyBody(w.street, { title: '待发布政策' }));
  const application = await json<{ id: string }>(w.as.ready, 'POST', `/api/policies/${published.id}/applications`, {});
  const meeting = await json<{ id: string }>(w.as.officer, 'POST', '/api/policy-meetings', {
    title: '甲街道政策对接会',
    heldAt: '2025-07-10T09:30:00+08:00',
    regionCode: w.street,
    policyIds: [published.id],
  });
  rec = { published: published.id, draft: draft.id, spare: spare.id, application: application.id, meeting: meeting.id };
});
afterAll(() => ctx?.close());

/** Cases the street's officer may call; refused to the other street's officer and to another enterprise. */
function officerCases(): (ScopeCase & { name: string })[] {
  return [
    { name: 'POL-1 draft', method: 'GET', url: `/api/policies/${rec.draft}` },
    { name: 'POL-1 change', method: 'PATCH', url: `/api/policies/${rec.draft}`, payload: { expectedVersion: 1, benefit: '新的扶持标准' } },
    { name: 'POL-1 publish', method: 'POST', url: `/api/policies/${rec.spare}/publish`, payload: {} },
    { name: 'POL-1 withdraw', method: 'POST', url: `/api/policies/${rec.spare}/withdraw`, payload: {} },
    { name: 'POL-1 create', method: 'POST', url: '/api/policies', payload: policyBody(w.street, { title: '新政策' }) },
    { name: 'POL-2 results', method: 'GET', url: `/api/policies/${rec.published}/results` },
    { name: 'POL-2 enterprise policies', method: 'GET', url: `/api/enterprises/${w.ent.short}/policies` },
    { name: 'POL-2 profile', method: 'GET', url: `/api/enterprises/${w.ent.short}/policy-profile` },
    {
      name: 'POL-2 profile change',
      method: 'PUT',
      url: `/api/enterprises/${w.ent.short}/policy-profile`,
      payload: { revenue: 31_000_000 },
    },
    {
      name: 'POL-3 application for an enterprise',
      method: 'POST',
      url: `/api/policies/${rec.published}/applications`,
      payload: { enterpriseId: w.ent.short },
    },
    {
      name: 'POL-3 application move',
      method: 'POST',
      url: `/api/policy-applications/${rec.application}/transition`,
      payload: { to: 'submitted' },
    },
    {
      name: 'POL-3 question for an enterprise',
      method: 'POST',
      url: `/api/policies/${rec.published}/questions`,
      payload: { question: '如何申报？', enterpriseId: w.ent.short },
    },
    { name: 'POL-4 meeting', method: 'GET', url: `/api/policy-meetings/${rec.meeting}` },
    {
      name: 'POL-4 attendance',
      method: 'PATCH',
      url: `/api/policy-meetings/${rec.meeting}/invites/${w.ent.ready}`,
      payload: { attended: true },
    },
    {
      name: 'POL-4 meeting create',
      method: 'POST',
      url: '/api/policy-meetings',
      payload: { title: '对接会', heldAt: '2025-08-01T09:00:00+08:00', regionCode: w.street, policyIds: [rec.published] },
    },
  ];
}

/** Officer-only endpoints over the actor's own scope: an enterprise is refused outright. */
const OFFICER_ONLY: ScopeCase[] = [
  { method: 'POST', url: '/api/policies/preview', payload: { rule: { kind: 'condition', field: 'inBuilding', op: 'is_true' } } },
  { method: 'GET', url: '/api/policy-dashboard' },
  { method: 'GET', url: '/api/policy-dashboard.xlsx' },
];

/** Lists and the catalogue, filtered by the query layer; proven below not to leak. */
const LISTED = [
  'GET /api/policies',
  'GET /api/policy-applications',
  'GET /api/policy-meetings',
  'POST /api/policies/preview',
  'GET /api/policy-dashboard',
  'GET /api/policy-dashboard.xlsx',
];
const COVERED_ELSEWHERE = ['GET /api/policies/:id', 'POST /api/policies/:id/questions'];

describe('ORG-4 scope of policies: another street and another enterprise are refused on every endpoint', () => {
  it('POL-1 POL-2 POL-3 POL-4 the other street’s officer and another enterprise get 403/404 and nothing changes; the insider succeeds', async () => {
    for (const c of officerCases()) {
      await expectOutOfScope(ctx, w.as.outsider, c);
      await expectOutOfScope(ctx, w.as.elsewhere, c);
    }
    for (const c of OFFICER_ONLY) await expectOutOfScope(ctx, w.as.elsewhere, c);
    for (const c of officerCases()) await expectInScope(w.as.officer, c);
  });

  it('POL-1 POL-3 an enterprise reads published policies of its line only, and its own results, applications and questions', async () => {
    // The published street policy is not on the other street's line.
    await expectOutOfScope(ctx, w.as.elsewhere, { method: 'GET', url: `/api/policies/${rec.published}` });
    await expectOutOfScope(ctx, w.as.elsewhere, {
      method: 'POST',
      url: `/api/policies/${rec.published}/questions`,
      payload: { question: '如何申报？' },
    });
    await expectOutOfScope(ctx, w.as.short, { method: 'GET', url: `/api/policies/${rec.draft}` });
    await expectOutOfScope(ctx, w.as.short, { method: 'GET', url: `/api/enterprises/${w.ent.ready}/policies` });
    await expectOutOfScope(ctx, w.as.short, {
      method: 'POST',
      url: `/api/policy-applications/${rec.application}/transition`,
      payload: { to: 'submitted' },
    });
    await expectInScope(w.as.short, { method: 'GET', url: `/api/policies/${rec.published}` });
  });

  it('POL-1 POL-3 POL-4 lists never show another street’s policies, applications or meetings', async () => {
    const lists = ['/api/policies?limit=200', '/api/policy-applications?limit=200', '/api/policy-meetings?limit=200'];
    const agents: Agent[] = [w.as.outsider, w.as.elsewhere];
    for (const url of lists) {
      for (const agent of agents) {
        const res = await agent.request('GET', url);
        expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
        for (const id of [rec.published, rec.draft, rec.application, rec.meeting])
          expect(res.body, `${url} leaks ${id}`).not.toContain(`"id":"${id}"`);
      }
    }
    const preview = await json<{ total: number; sample: { enterpriseId: string }[] }>(w.as.outsider, 'POST', '/api/policies/preview', {
      rule: policyBody(w.street).rule,
    });
    expect(preview.sample.map((s) => s.enterpriseId)).not.toContain(w.ent.ready);
    const dashboard = await w.as.outsider.request('GET', '/api/policy-dashboard');
    expect(dashboard.body).not.toContain(w.street);
  });

  it('ORG-4 every authenticated endpoint of policies is covered by a scope case here', () => {
    const normalise = (method: string, url: string) => `${method} ${url.split('?')[0]!.replace(/\/\d+(?=\/|$)/g, '/:id')}`;
    const covered = new Set([...officerCases(), ...OFFICER_ONLY].map((c) => normalise(String(c.method), c.url)));
    const uncovered = ctx.app.routeTable
      .map((r) => `${r.method} ${r.url.replace(/:\w+/g, ':id')}`)
      .filter((key) => {
        const url = key.split(' ')[1]!;
        return PREFIXES.some((p) => url === p || url.startsWith(`${p}/`) || url.startsWith(`${p}.`)) || OWN_ROUTES.includes(key);
      })
      .filter((key) => !covered.has(key) && !LISTED.includes(key) && !COVERED_ELSEWHERE.includes(key));
    expect(uncovered).toEqual([]);
    expect(ctx.app.routeTable.filter((r) => PREFIXES.some((p) => r.url.startsWith(p))).length).toBeGreaterThanOrEqual(17);
  });
});
