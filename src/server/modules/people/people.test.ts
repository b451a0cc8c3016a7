import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Agent, type TestContext } from '../../../../tests/support/app.ts';
import { createOrganisation, createRegionTree, createUser, type RegionTree } from '../../../../tests/support/factories.ts';
import { databaseFingerprint } from '../../../../tests/support/scope.ts';

let ctx: TestContext;
let tree: RegionTree;
let street: Agent;
let admin: Agent;

beforeAll(async () => {
  ctx = await createTestApp();
  tree = await createRegionTree(ctx.db.kysely);
  const s = await createUser(ctx.db.kysely, { role: 'street', regionCode: tree.townships[0] });
  const a = await createUser(ctx.db.kysely, { role: 'admin' });
  [street, admin] = await Promise.all([login(ctx.app, s.username, s.password), login(ctx.app, a.username, a.password)]);
});
afterAll(() => ctx.close());

describe('ORG-3 people, posts and personal data', () => {
  it('ORG-3 phone and ID number are encrypted at rest, masked for street staff, shown in full to admins', async () => {
    const res = await street.request('POST', '/api/people', {
      name: '陈红',
      gender: 'female',
      birthDate: '1949-12-31',
      isPartyMember: true,
      regionCode: tree.villages[0][0],
      phone: '13812345678',
      idNumber: '11010519491231002x',
    });
    expect(res.statusCode, res.body).toBe(201);
    const person = res.json();
    expect(person).toMatchObject({ phone: '138****5678', idNumber: '1101**********002X', personalDataMasked: true });
    const row = await ctx.db.kysely.selectFrom('person').selectAll().where('id', '=', person.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain('13812345678');
    expect(JSON.stringify(row)).not.toContain('11010519491231002X');
    const full = (await admin.request('GET', `/api/people/${person.id}`)).json();
    expect(full).toMatchObject({ phone: '13812345678', idNumber: '11010519491231002X', personalDataMasked: false });
    const audit = await ctx.db.kysely.selectFrom('audit_log').select('after').where('entity', '=', 'person').where('entity_id', '=', person.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.after)).not.toContain('13812345678');
  });

  it('ORG-3 a person holds posts in the building party committee and the management committee at once (交叉任职)', async () => {
    const committee = await createOrganisation(ctx.db.kysely, { name: '某大厦楼宇党委', kind: 'building_party_committee', regionCode: tree.villages[0][0] });
    const management = await createOrganisation(ctx.db.kysely, { name: '某大厦楼宇管委会', kind: 'building_management_committee', regionCode: tree.villages[0][0] });
    const person = (await street.request('POST', '/api/people', { name: '林书记', regionCode: tree.villages[0][0], organisationId: committee.id, isPartyMember: true })).json();
    expect((await street.request('POST', `/api/people/${person.id}/posts`, { organisationId: committee.id, title: '书记', startedOn: '2024-01-01' })).statusCode).toBe(201);
    const both = await street.request('POST', `/api/people/${person.id}/posts`, { organisationId: management.id, title: '主任', startedOn: '2024-01-01' });
    expect(both.statusCode).toBe(201);
    expect(both.json().posts.map((p: { title: string; organisationId: string }) => [p.organisationId, p.title])).toEqual([
      [committee.id, '书记'],
      [management.id, '主任'],
    ]);
    const mgmt = (await street.request('GET', `/api/organisations/${management.id}`)).json();
    expect(mgmt.posts[0]).toMatchObject({ personName: '林书记', title: '主任' });
    const postId = both.json().posts[1].id;
    const ended = await street.request('DELETE', `/api/people/${person.id}/posts/${postId}`);
    expect(ended.json().posts[1].endedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await street.request('DELETE', `/api/people/${person.id}/posts/${postId}`)).statusCode).toBe(409);
  });

  it('SEC-3 bad phone, bad ID number and reversed post dates are field errors that change nothing', async () => {
    const before = await databaseFingerprint(ctx);
    const res = await street.request('POST', '/api/people', { name: '赵六', regionCode: tree.villages[0][0], phone: '12345', idNumber: '110105194912310021' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([
      { path: 'phone', message: '手机号码格式不正确（11 位，以 1 开头）' },
      { path: 'idNumber', message: '身份证号码无效（18 位，校验码不符）' },
    ]);
    const p = (await ctx.db.kysely.selectFrom('person').select('id').limit(1).executeTakeFirst())!;
    const org = await createOrganisation(ctx.db.kysely, { regionCode: tree.villages[0][0] });
    const mid = await databaseFingerprint(ctx);
    const dates = await street.request('POST', `/api/people/${p.id}/posts`, { organisationId: org.id, title: '委员', startedOn: '2024-05-01', endedOn: '2024-01-01' });
    expect(dates.statusCode).toBe(400);
    expect(dates.json().error.fields[0]).toEqual({ path: 'endedOn', message: '结束日期不能早于开始日期' });
    expect(await databaseFingerprint(ctx)).toBe(mid);
    expect(before).not.toBe(mid);
  });

  it('ORG-4 a member sees only their own person record', async () => {
    const me = (await street.request('POST', '/api/people', { name: '党员甲', regionCode: tree.villages[0][0], isPartyMember: true, phone: '13900001111' })).json();
    const other = (await street.request('POST', '/api/people', { name: '党员乙', regionCode: tree.villages[0][0], isPartyMember: true })).json();
    const u = await createUser(ctx.db.kysely, { role: 'member', regionCode: tree.villages[0][0], personId: me.id });
    const member = await login(ctx.app, u.username, u.password);
    const list = (await member.request('GET', '/api/people')).json();
    expect(list.items.map((p: { id: string }) => p.id)).toEqual([me.id]);
    expect(list.items[0].phone).toBe('13900001111');
    expect((await member.request('GET', `/api/people/${other.id}`)).statusCode).toBe(404);
    expect((await member.request('PATCH', `/api/people/${me.id}`, { name: '改名' })).statusCode).toBe(403);
  });
});
