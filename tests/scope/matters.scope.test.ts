import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestContext } from '../support/app.ts';
import { createUser } from '../support/factories.ts';
import { createMatterWorld, raiseMatter, view, type MatterWorld } from '../support/matter-factories.ts';
import { expectInScope, expectOutOfScope, type ScopeCase } from '../support/scope.ts';

/**
 * ORG-4 for matters (MAT): a street user of another street, another enterprise
 * (a neighbour in the same building) and a department the matter was never
 * dispatched to are refused on every endpoint that addresses a matter, and
 * nothing changes; lists never show the matter to them.
 */
let ctx: TestContext;
let w: MatterWorld;
let matterId: string;
let version: number;

const PREFIXES = ['/api/matters', '/api/matter-categories', '/api/matter-settings'];
/** Endpoints without a record to address: any signed-in user reads them. */
const LISTED = ['GET /api/matters', 'GET /api/matter-categories', 'GET /api/matter-settings/limits'];
/** LST: the needs a matter spawned hang under the matter; tests/scope/lists.scope.test.ts covers them. */
const ELSEWHERE = ['POST /api/matters/:id/need', 'GET /api/matters/:id/needs'];
const LIMITS: ScopeCase = {
  method: 'PUT',
  url: '/api/matter-settings/limits',
  payload: { overrides: { consultation: { building: { normal: { replyMinutes: 600 } } } } },
};

beforeAll(async () => {
  ctx = await createTestApp();
  w = await createMatterWorld(ctx);
  matterId = await raiseMatter(w);
  version = (await view(w.as.building, matterId)).version;
});
afterAll(() => ctx.close());

function recordCases(): (ScopeCase & { name: string })[] {
  return [
    { name: 'MAT-8 matter detail', method: 'GET', url: `/api/matters/${matterId}` },
    { name: 'MAT-2 step', method: 'POST', url: `/api/matters/${matterId}/steps`, payload: { action: 'register', version } },
    {
      name: 'MAT-1 raise for an enterprise',
      method: 'POST',
      url: '/api/matters',
      payload: { categoryId: '1', title: '越权代录', description: '为他人企业提交', enterpriseId: w.enterprise.id },
    },
  ];
}

describe('ORG-4 scope of matters', () => {
  it('MAT-1 MAT-2 MAT-8 another street, another enterprise and an uninvolved department get 403/404 and nothing changes; the building succeeds', async () => {
    for (const c of recordCases()) {
      await expectOutOfScope(ctx, w.as.outsideStreet, c);
      await expectOutOfScope(ctx, w.as.otherEnterprise, c);
      await expectOutOfScope(ctx, w.as.talent, c);
    }
    for (const c of recordCases()) await expectInScope(w.as.building, c);
  });

  it('MAT-5 queues and lists never show the matter outside its scope', async () => {
    for (const agent of [w.as.outsideStreet, w.as.otherEnterprise, w.as.talent]) {
      for (const queue of ['all', 'todo', 'overdue', 'supervised']) {
        const res = await agent.request('GET', `/api/matters?queue=${queue}&limit=200`);
        expect(res.statusCode).toBe(200);
        expect(res.body, `${agent.username} ${queue}`).not.toContain(`"${matterId}"`);
      }
    }
    for (const agent of [w.as.enterprise, w.as.building, w.as.street, w.as.district, w.as.city]) {
      const res = await agent.request('GET', '/api/matters?queue=all&limit=200');
      expect(res.body, agent.username).toContain(`"${matterId}"`);
    }
  });

  it('MAT-4 only administrators change the limits table; every other role is refused and nothing changes', async () => {
    for (const agent of Object.values(w.as)) await expectOutOfScope(ctx, agent, LIMITS);
    const admin = await createUser(ctx.db.kysely, { role: 'admin' });
    const adminAgent = await login(ctx.app, admin.username, admin.password);
    await expectInScope(adminAgent, LIMITS);
    const read = (await w.as.enterprise.request('GET', '/api/matter-settings/limits')).json() as { overrides: Record<string, unknown> };
    expect(read.overrides).toEqual({ consultation: { building: { normal: { replyMinutes: 600 } } } });
    const bad = await adminAgent.request('PUT', LIMITS.url, {
      overrides: { consultation: { building: { normal: { replyMinutes: -5 } } } },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('ORG-4 every authenticated matters endpoint is covered by a scope case here', () => {
    const normalise = (method: string, url: string) => `${method} ${url.split('?')[0]!.replace(/\/\d+(?=\/|$)/g, '/:id')}`;
    const covered = new Set([...recordCases(), LIMITS].map((c) => normalise(String(c.method), c.url)));
    const uncovered = ctx.app.routeTable
      .map((r) => `${r.method} ${r.url.replace(/:\w+/g, ':id')}`)
      .filter((key) => PREFIXES.some((p) => key.split(' ')[1] === p || key.split(' ')[1]!.startsWith(`${p}/`)))
      .filter((key) => !covered.has(key) && !LISTED.includes(key) && !ELSEWHERE.includes(key));
    expect(uncovered).toEqual([]);
    expect(ctx.app.routeTable.filter((r) => PREFIXES.some((p) => r.url.startsWith(p))).length).toBeGreaterThanOrEqual(5);
  });
});
