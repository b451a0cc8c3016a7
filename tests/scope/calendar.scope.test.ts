import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Agent, type TestContext } from '../support/app.ts';
import { createRegionTree, createUser } from '../support/factories.ts';
import { createEnterprise } from '../support/service-factories.ts';
import { expectInScope, expectOutOfScope, type ScopeCase } from '../support/scope.ts';

/**
 * MAT-4 the working calendar is one per installation: every signed-in user reads it
 * (countdowns need it), only administrators change it. Region staff at every level,
 * departments, buildings and enterprises are refused every write, and nothing changes.
 */
let ctx: TestContext;
let admin: Agent;
let others: Agent[];

const PREFIX = '/api/calendar';

beforeAll(async () => {
  ctx = await createTestApp();
  const db = ctx.db.kysely;
  const tree = await createRegionTree(db);
  const enterprise = await createEnterprise(db, { regionCode: tree.villages[0][0], name: '日历测试企业' });
  const users = await Promise.all([
    createUser(db, { role: 'admin' }),
    createUser(db, { role: 'city', regionCode: tree.city }),
    createUser(db, { role: 'district', regionCode: tree.county }),
    createUser(db, { role: 'street', regionCode: tree.townships[0] }),
    createUser(db, { role: 'dept', regionCode: tree.county }),
    createUser(db, { role: 'enterprise', regionCode: tree.townships[0], organisationId: enterprise.id, orgPath: enterprise.path }),
  ]);
  const agents = await Promise.all(users.map((u) => login(ctx.app, u.username, u.password)));
  admin = agents[0]!;
  others = agents.slice(1);
});
afterAll(() => ctx.close());

/** Every write, as an administrator may make it (in this order, each once). */
function writeCases(): (ScopeCase & { name: string })[] {
  return [
    { name: 'override set', method: 'PUT', url: `${PREFIX}/overrides/2026-10-08`, payload: { working: false, note: '测试' } },
    { name: 'override delete', method: 'DELETE', url: `${PREFIX}/overrides/2026-10-08` },
    {
      name: 'year replace',
      method: 'PUT',
      url: `${PREFIX}/years/2035/overrides`,
      payload: { overrides: [{ date: '2035-10-01', working: false }] },
    },
    {
      name: 'office hours',
      method: 'PUT',
      url: `${PREFIX}/sessions`,
      payload: {
        sessions: [
          { start: '08:30', end: '12:00' },
          { start: '14:00', end: '17:30' },
        ],
        summer: null,
      },
    },
  ];
}

const READS = [`GET ${PREFIX}`];

describe('MAT-4 scope of the working calendar', () => {
  it('MAT-4 every role but the administrator is refused every write and nothing changes; the administrator succeeds', async () => {
    for (const c of writeCases()) for (const agent of others) await expectOutOfScope(ctx, agent, c);
    for (const c of writeCases()) await expectInScope(admin, c);
  });

  it('MAT-4 every signed-in user reads the calendar; a visitor without a session does not', async () => {
    for (const agent of [admin, ...others]) await expectInScope(agent, { method: 'GET', url: `${PREFIX}?year=2026` });
    const anonymous = await ctx.app.inject({ method: 'GET', url: `${PREFIX}?year=2026` });
    expect(anonymous.statusCode).toBe(401);
  });

  it('MAT-4 every endpoint of the calendar is covered by a scope case here', () => {
    const normalise = (method: string, url: string) =>
      `${method} ${url
        .split('?')[0]!
        .replace(/\/\d{4}-\d{2}-\d{2}(?=\/|$)/g, '/:date')
        .replace(/\/\d{4}(?=\/|$)/g, '/:year')}`;
    const covered = new Set(writeCases().map((c) => normalise(String(c.method), c.url)));
    const routes = ctx.app.routeTable.filter((r) => r.url === PREFIX || r.url.startsWith(`${PREFIX}/`));
    const uncovered = routes.map((r) => `${r.method} ${r.url}`).filter((key) => !covered.has(key) && !READS.includes(key));
    expect(uncovered).toEqual([]);
    expect(routes.length).toBe(5);
  });
});
