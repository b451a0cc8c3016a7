import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Agent, type TestContext } from '../../../../tests/support/app.ts';
import { createRegionTree, createUser, randomCreditCode, type RegionTree } from '../../../../tests/support/factories.ts';
import { databaseFingerprint } from '../../../../tests/support/scope.ts';

let ctx: TestContext;
let tree: RegionTree;
let street: Agent;

beforeAll(async () => {
  ctx = await createTestApp();
  tree = await createRegionTree(ctx.db.kysely);
  const u = await createUser(ctx.db.kysely, { role: 'street', regionCode: tree.townships[0] });
  street = await login(ctx.app, u.username, u.password);
});
afterAll(() => ctx.close());

async function create(body: Record<string, unknown>) {
  const res = await street.request('POST', '/api/organisations', { regionCode: tree.villages[0][0], ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; updatedAt: string };
}

describe('ORG-2 one organisation tree with types', () => {
  it('ORG-2 holds every kind in one tree: building committees, a comprehensive party branch, enterprise, property company', async () => {
    const committee = await create({ name: '某大厦楼宇党委', kind: 'building_party_committee' });
    const management = await create({ name: '某大厦楼宇管委会', kind: 'building_management_committee', parentId: committee.id });
    const branch = await create({ name: '某大厦综合党支部', kind: 'party_org', partyOrgKind: 'branch', formation: 'comprehensive', parentId: committee.id });
    const enterprise = await create({ name: '福州某科技有限公司', kind: 'enterprise', creditCode: randomCreditCode(), parentId: branch.id });
    await create({ name: '某物业服务有限公司', kind: 'property_company' });
    const children = (await street.request('GET', `/api/organisations?parentId=${committee.id}`)).json() as { items: { id: string }[] };
    expect(children.items.map((c) => c.id).sort()).toEqual([management.id, branch.id].sort());
    const detail = (await street.request('GET', `/api/organisations/${enterprise.id}`)).json();
    expect(detail.parent).toEqual({ id: branch.id, name: '某大厦综合党支部' });
  });

  it('SEC-3 a party organisation without its kind gets a field error in zh-CN or en and nothing is written', async () => {
    const before = await databaseFingerprint(ctx);
    const res = await street.request('POST', '/api/organisations', { name: '无类别党组织', kind: 'party_org', regionCode: tree.villages[0][0] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([{ path: 'partyOrgKind', message: '党组织须注明类别（党委/党总支/党支部）' }]);
    const en = await street.request('POST', '/api/organisations', { name: 'x', kind: 'party_org', regionCode: tree.villages[0][0] }, { 'x-locale': 'en' });
    expect(en.json().error.fields[0].message).toBe('A party organisation needs its kind');
    expect(await databaseFingerprint(ctx)).toBe(before);
  });

  it('SEC-3 a wrong credit code check digit, an empty name and an unknown kind are each reported on their field', async () => {
    const before = await databaseFingerprint(ctx);
    const res = await street.request('POST', '/api/organisations', { name: '  ', kind: 'shop', regionCode: tree.villages[0][0], creditCode: '91350100M000100Y44' });
    expect(res.statusCode).toBe(400);
    const fields = Object.fromEntries((res.json().error.fields as { path: string; message: string }[]).map((f) => [f.path, f.message]));
    expect(fields.creditCode).toBe('统一社会信用代码无效（18 位，校验码不符）');
    expect(Object.keys(fields).sort()).toEqual(['creditCode', 'kind', 'name']);
    expect(await databaseFingerprint(ctx)).toBe(before);
  });

  it('SEC-3 an unknown region code and malformed JSON change nothing', async () => {
    const before = await databaseFingerprint(ctx);
    const unknown = await street.request('POST', '/api/organisations', { name: '某企业', kind: 'enterprise', regionCode: '990199999999' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields[0]).toEqual({ path: 'regionCode', message: '行政区划代码不存在' });
    const broken = await street.request('POST', '/api/organisations', '{"name": ', { 'content-type': 'application/json' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe('validation');
    expect(await databaseFingerprint(ctx)).toBe(before);
  });

  it('ORG-2 moving an organisation carries its subtree, people and accounts; a cycle is refused', async () => {
    const a = await create({ name: '甲党委', kind: 'party_org', partyOrgKind: 'committee' });
    const b = await create({ name: '乙党总支', kind: 'party_org', partyOrgKind: 'general_branch', parentId: a.id });
    const c = await create({ name: '丙党支部', kind: 'party_org', partyOrgKind: 'branch', parentId: b.id });
    const other = await create({ name: '丁党委', kind: 'party_org', partyOrgKind: 'committee' });
    const person = await street.request('POST', '/api/people', { name: '王五', regionCode: tree.villages[0][0], organisationId: c.id, isPartyMember: true });
    expect(person.statusCode).toBe(201);
    const cycle = await street.request('PATCH', `/api/organisations/${a.id}`, { parentId: c.id });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().error.fields[0].path).toBe('parentId');
    const move = await street.request('PATCH', `/api/organisations/${b.id}`, { parentId: other.id });
    expect(move.statusCode).toBe(200);
    const rows = await ctx.db.kysely.selectFrom('organisation').select(['id', 'path']).where('id', 'in', [b.id, c.id, other.id]).execute();
    const path = Object.fromEntries(rows.map((r) => [r.id, r.path]));
    expect(path[b.id]).toBe(`${path[other.id]}${b.id}/`);
    expect(path[c.id]).toBe(`${path[b.id]}${c.id}/`);
    const moved = await ctx.db.kysely.selectFrom('person').select('org_path').where('id', '=', person.json().id).executeTakeFirstOrThrow();
    expect(moved.org_path).toBe(path[c.id]);
  });

  it('SEC-2 a change is audited with before and after in the same transaction; a stale edit is a conflict', async () => {
    const org = await create({ name: '旧名称企业', kind: 'enterprise' });
    const ok = await street.request('PATCH', `/api/organisations/${org.id}`, { name: '新名称企业', expectedUpdatedAt: org.updatedAt });
    expect(ok.statusCode).toBe(200);
    const stale = await street.request('PATCH', `/api/organisations/${org.id}`, { name: '又一个名称', expectedUpdatedAt: org.updatedAt });
    expect(stale.statusCode).toBe(409);
    const audit = await ctx.db.kysely.selectFrom('audit_log').selectAll().where('entity', '=', 'organisation').where('entity_id', '=', org.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['organisation.create', 'organisation.update']);
    expect(audit[1]!.before).toMatchObject({ name: '旧名称企业' });
    expect(audit[1]!.after).toMatchObject({ name: '新名称企业' });
    expect(audit[1]!.actor_name).toBe(street.username);
  });

  it('ORG-4 a department user reads organisations in its region but cannot change them', async () => {
    const org = await create({ name: '某区企业', kind: 'enterprise' });
    const d = await createUser(ctx.db.kysely, { role: 'dept', regionCode: tree.county });
    const dept = await login(ctx.app, d.username, d.password);
    expect((await dept.request('GET', `/api/organisations/${org.id}`)).statusCode).toBe(200);
    expect((await dept.request('PATCH', `/api/organisations/${org.id}`, { name: '改名' })).statusCode).toBe(403);
  });
});
