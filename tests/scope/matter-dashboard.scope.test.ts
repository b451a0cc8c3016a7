import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Agent, type TestContext } from '../support/app.ts';
import { createOrganisation, createRegionTree, createUser, type RegionTree } from '../support/factories.ts';
import { expectInScope, expectOutOfScope, type ScopeCase } from '../support/scope.ts';

/**
 * ORG-4 for the matters dashboard (DSH-1): a street user of another street, a
 * department of another district's tree and an enterprise are refused the
 * street's figures on every endpoint; the street's own user gets them; a user's
 * own dashboard never counts another street's matters.
 */
let ctx: TestContext;
let tree: RegionTree;
let insider: Agent;
let outsider: Agent;
let enterprise: Agent;
let otherDept: Agent;
let deptOrgId: string;

const PREFIX = '/api/matter-dashboard';

beforeAll(async () => {
  ctx = await createTestApp();
  const db = ctx.db.kysely;
  tree = await createRegionTree(db);
  const [t0, t1] = tree.townships;
  const category = await db.selectFrom('matter_category').select('id').where('code', '=', 'tax_consultation').executeTakeFirstOrThrow();
  const dept = await createOrganisation(db, { name: '测试区税务局', kind: 'department', regionCode: tree.county });
  const other = await createOrganisation(db, { name: '另一税务局', kind: 'department', regionCode: tree.county });
  deptOrgId = dept.id;
  await db
    .insertInto('matter')
    .values({
      code: 'DSHSCOPE0001',
      title: '甲街道的事项',
      description: '只应出现在甲街道的统计中',
      category_id: category.id,
      source: 'portal',
      priority: 'normal',
      status: 'closed',
      level: 'building',
      region_code: tree.villages[0][0],
      handler_org_id: dept.id,
      handler_path: dept.path,
      created_at: new Date(),
      updated_at: new Date(),
    })
    .execute();
  const ent = await createOrganisation(db, { name: '甲街道某企业', kind: 'enterprise', regionCode: tree.villages[0][0] });
  const users = await Promise.all([
    createUser(db, { role: 'street', regionCode: t0 }),
    createUser(db, { role: 'street', regionCode: t1 }),
    createUser(db, { role: 'enterprise', regionCode: t0, organisationId: ent.id, orgPath: ent.path }),
    createUser(db, { role: 'dept', regionCode: tree.county, organisationId: other.id, orgPath: other.path }),
  ]);
  const agents = await Promise.all(users.map((u) => login(ctx.app, u.username, u.password)));
  insider = agents[0]!;
  outsider = agents[1]!;
  enterprise = agents[2]!;
  otherDept = agents[3]!;
});
afterAll(() => ctx?.close());

function cases(): (ScopeCase & { name: string })[] {
  const [t0] = tree.townships;
  return [
    { name: 'DSH-1 figures', method: 'GET', url: `${PREFIX}?regionCode=${t0}` },
    { name: 'DSH-1 Excel', method: 'GET', url: `${PREFIX}.xlsx?regionCode=${t0}` },
  ];
}

describe('ORG-4 scope of the matters dashboard', () => {
  it('DSH-1 another street, an enterprise and another department get 403 for the street’s figures and nothing changes; the street succeeds', async () => {
    for (const c of cases()) {
      await expectOutOfScope(ctx, outsider, c);
      await expectOutOfScope(ctx, enterprise, c);
      await expectInScope(insider, c);
    }
    // A department may not read another department's figures, even inside its region.
    for (const url of [`${PREFIX}?organisationId=${deptOrgId}`, `${PREFIX}.xlsx?organisationId=${deptOrgId}`])
      await expectOutOfScope(ctx, otherDept, { method: 'GET', url });
    const res = await outsider.request('GET', `${PREFIX}?regionCode=${tree.townships[0]}`);
    expect(res.statusCode).toBe(403);
  });

  it('DSH-1 a user’s own dashboard never counts another street’s or another department’s matters', async () => {
    const own = (await outsider.request('GET', PREFIX)).json() as { totals: { received: number }; regionRanking: unknown[] };
    expect(own.totals.received).toBe(0);
    expect(JSON.stringify(own)).not.toContain('甲');
    const dept = (await otherDept.request('GET', PREFIX)).json() as { totals: { received: number } };
    expect(dept.totals.received).toBe(0);
    const inside = (await insider.request('GET', PREFIX)).json() as { totals: { received: number } };
    expect(inside.totals.received).toBe(1);
  });

  it('ORG-4 every endpoint of the matters dashboard is covered by a scope case here', () => {
    const covered = new Set(cases().map((c) => `${c.method} ${c.url.split('?')[0]}`));
    const routes = ctx.app.routeTable.filter((r) => r.url.startsWith(PREFIX)).map((r) => `${r.method} ${r.url}`);
    expect(routes.length).toBe(2);
    expect(routes.filter((r) => !covered.has(r))).toEqual([]);
  });
});
