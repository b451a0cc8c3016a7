import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Agent, type TestContext } from '../support/app.ts';
import { createOrganisation, createPerson, createRegionTree, createUser, type RegionTree } from '../support/factories.ts';
import { expectInScope, expectOutOfScope, type ScopeCase } from '../support/scope.ts';

/**
 * ORG-4: a street user cannot read or change anything of another street, and
 * an enterprise cannot see another enterprise — for every endpoint of the
 * foundation, through the one reusable helper.
 */
let ctx: TestContext;
let tree: RegionTree;
let insider: Agent;
let outsider: Agent;
let otherEnterprise: Agent;
let rec: { orgId: string; childOrgId: string; personId: string; postId: string; userId: string; village: string; township: string };

beforeAll(async () => {
  ctx = await createTestApp();
  const db = ctx.db.kysely;
  tree = await createRegionTree(db);
  const [t0, t1] = tree.townships;
  const org = await createOrganisation(db, { name: '甲街道某企业', kind: 'enterprise', regionCode: tree.villages[0][0] });
  const child = await createOrganisation(db, { name: '甲街道某企业党支部', kind: 'party_org', regionCode: tree.villages[0][0], parentId: org.id });
  const person = await createPerson(db, { name: '张三', regionCode: tree.villages[0][0], organisationId: org.id, orgPath: org.path });
  const post = await db.insertInto('post').values({ person_id: person.id, organisation_id: org.id, title: '联络员' }).returning('id').executeTakeFirstOrThrow();
  const member = await createUser(db, { role: 'enterprise', regionCode: t0, organisationId: org.id, orgPath: org.path });
  rec = { orgId: org.id, childOrgId: child.id, personId: person.id, postId: post.id, userId: member.id, village: tree.villages[0][0], township: t0 };

  const inside = await createUser(db, { role: 'street', regionCode: t0 });
  const outside = await createUser(db, { role: 'street', regionCode: t1 });
  const otherOrg = await createOrganisation(db, { name: '乙街道另一企业', kind: 'enterprise', regionCode: tree.villages[1][0] });
  const otherEnt = await createUser(db, { role: 'enterprise', regionCode: t1, organisationId: otherOrg.id, orgPath: otherOrg.path });
  [insider, outsider, otherEnterprise] = await Promise.all([
    login(ctx.app, inside.username, inside.password),
    login(ctx.app, outside.username, outside.password),
    login(ctx.app, otherEnt.username, otherEnt.password),
  ]);
});
afterAll(() => ctx.close());

/** Every endpoint that addresses a record, as the insider may call it. */
function recordCases(): (ScopeCase & { name: string })[] {
  return [
    { name: 'region', method: 'GET', url: `/api/regions/${rec.township}` },
    { name: 'village', method: 'GET', url: `/api/regions/${rec.village}` },
    { name: 'organisation', method: 'GET', url: `/api/organisations/${rec.orgId}` },
    { name: 'organisation update', method: 'PATCH', url: `/api/organisations/${rec.orgId}`, payload: { name: '甲街道某企业（更名）' } },
    { name: 'organisation create under parent', method: 'POST', url: '/api/organisations', payload: { name: '新支部', kind: 'party_org', partyOrgKind: 'branch', regionCode: rec.village, parentId: rec.orgId } },
    { name: 'person', method: 'GET', url: `/api/people/${rec.personId}` },
    { name: 'person update', method: 'PATCH', url: `/api/people/${rec.personId}`, payload: { name: '张三丰' } },
    { name: 'person create', method: 'POST', url: '/api/people', payload: { name: '李四', regionCode: rec.village } },
    { name: 'post add', method: 'POST', url: `/api/people/${rec.personId}/posts`, payload: { organisationId: rec.childOrgId, title: '支部委员' } },
    { name: 'post end', method: 'DELETE', url: `/api/people/${rec.personId}/posts/${rec.postId}` },
    { name: 'user', method: 'GET', url: `/api/users/${rec.userId}` },
    { name: 'user update', method: 'PATCH', url: `/api/users/${rec.userId}`, payload: { displayName: '企业联系人' } },
    { name: 'user password', method: 'POST', url: `/api/users/${rec.userId}/password`, payload: { password: 'An0ther-pass' } },
    { name: 'user unlock', method: 'POST', url: `/api/users/${rec.userId}/unlock` },
    { name: 'user create', method: 'POST', url: '/api/users', payload: { username: 'new_member_x', displayName: '新党员', role: 'member', regionCode: rec.township, password: 'Passw0rd-new' } },
  ];
}

describe('ORG-4 scope: another street is refused on every record endpoint', () => {
  it('ORG-4 the outsider street user gets 403/404 and nothing changes; the insider succeeds', async () => {
    for (const c of recordCases()) {
      await expectOutOfScope(ctx, outsider, c);
      await expectOutOfScope(ctx, otherEnterprise, c);
    }
    for (const c of recordCases()) await expectInScope(insider, c);
  });

  it('ORG-4 lists and searches never show another street’s records', async () => {
    const lists = ['/api/organisations?limit=200', '/api/people?limit=200', '/api/users?limit=200', `/api/regions?q=${encodeURIComponent('甲')}`];
    for (const url of lists) {
      const body = (await outsider.request('GET', url)).json() as { items: { id?: string; code?: string }[] };
      const ids = body.items.map((i) => i.id ?? i.code);
      for (const id of [rec.orgId, rec.childOrgId, rec.personId, rec.userId, rec.township, rec.village]) expect(ids, url).not.toContain(id);
    }
    const inside = (await insider.request('GET', '/api/organisations?limit=200')).json() as { items: { id: string }[] };
    expect(inside.items.map((i) => i.id)).toContain(rec.orgId);
  });

  it('ORG-4 region browser shows the path to one’s own street and nothing beside it', async () => {
    const county = (await outsider.request('GET', `/api/regions/${tree.county}`)).json() as { children: { code: string }[] };
    expect(county.children.map((c) => c.code)).toEqual([tree.townships[1]]);
    const roots = (await outsider.request('GET', '/api/regions')).json() as { items: { code: string }[] };
    expect(roots.items.map((r) => r.code)).toEqual(['990000']);
  });

  it('ORG-4 counts in the region browser only count what the viewer may see', async () => {
    const county = (await outsider.request('GET', `/api/regions/${tree.county}`)).json() as { region: { organisationCount: number } };
    expect(county.region.organisationCount).toBe(1);
  });

  it('SEC-2 the audit log is refused to everyone but admins', async () => {
    await expectOutOfScope(ctx, insider, { method: 'GET', url: '/api/audit' });
    await expectOutOfScope(ctx, insider, { method: 'GET', url: '/api/audit/verify' });
  });

  // Each module's scope test covers its own prefixes (tests/scope/*.scope.test.ts).
  const FOUNDATION_PREFIXES = ['/api/auth', '/api/regions', '/api/organisations', '/api/people', '/api/users', '/api/audit'];

  it('ORG-4 every authenticated foundation endpoint is covered by a scope case here', () => {
    const covered = new Set(
      [...recordCases(), { method: 'GET', url: '/api/audit' }, { method: 'GET', url: '/api/audit/verify' }].map(
        (c) => `${c.method} ${c.url.split('?')[0]!.replace(/\/\d+(?=\/|$)/g, '/:id')}`,
      ),
    );
    // Endpoints that only ever address the caller's own account, or lists filtered by the query layer (checked above).
    const selfOrListed = new Set([
      'GET /api/auth/me',
      'PATCH /api/auth/me',
      'POST /api/auth/logout',
      'POST /api/auth/password',
      'GET /api/regions',
      'GET /api/organisations',
      'GET /api/people',
      'GET /api/users',
    ]);
    const uncovered = ctx.app.routeTable
        .filter((r) => FOUNDATION_PREFIXES.some((p) => r.url.startsWith(p)) && r.auth !== 'public')
      .map((r) => `${r.method} ${r.url.replace(/:\w+/g, ':id')}`)
      .filter((key) => !covered.has(key) && !selfOrListed.has(key));
    expect(uncovered).toEqual([]);
  });
});
