import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Agent, type TestContext } from '../../../../tests/support/app.ts';
import { createRegionTree, createUser, type RegionTree } from '../../../../tests/support/factories.ts';
import { databaseFingerprint } from '../../../../tests/support/scope.ts';

let ctx: TestContext;
let tree: RegionTree;
let street: Agent;

beforeAll(async () => {
  ctx = await createTestApp();
  tree = await createRegionTree(ctx.db.kysely);
  const s = await createUser(ctx.db.kysely, { role: 'street', regionCode: tree.townships[0] });
  street = await login(ctx.app, s.username, s.password);
});
afterAll(() => ctx.close());

const account = (over: Record<string, unknown> = {}) => ({
  username: `m_${Math.random().toString(36).slice(2, 8)}`,
  displayName: '社区党员',
  role: 'member',
  regionCode: tree.villages[0][0],
  password: 'Passw0rd-x',
  ...over,
});

describe('SEC-1 accounts, roles and scope', () => {
  it('SEC-1 street staff create member and enterprise accounts in their street; the new user signs in with that scope', async () => {
    const input = account();
    const res = await street.request('POST', '/api/users', input);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ username: input.username, role: 'member', regionCode: tree.villages[0][0], locked: false, disabled: false });
    const me = await login(ctx.app, input.username, input.password);
    expect((await me.request('GET', '/api/auth/me')).json().user.role).toBe('member');
  });

  it('SEC-1 street staff cannot hand out a role above theirs (403 on the role field)', async () => {
    const before = await databaseFingerprint(ctx);
    for (const role of ['admin', 'district', 'city', 'street']) {
      const res = await street.request('POST', '/api/users', account({ role, regionCode: tree.townships[0] }));
      expect(res.statusCode).toBe(403);
      expect(res.json().error.fields[0].path).toBe('role');
    }
    expect(await databaseFingerprint(ctx)).toBe(before);
  });

  it('SEC-3 weak password, bad username and a role without scope are field errors; nothing is written', async () => {
    const before = await databaseFingerprint(ctx);
    const weak = await street.request('POST', '/api/users', account({ password: 'abc' }));
    expect(weak.json().error.fields).toEqual([{ path: 'password', message: '密码至少 8 位，且须同时包含字母和数字' }]);
    const bad = await street.request('POST', '/api/users', account({ username: 'A!' }));
    expect(bad.json().error.fields[0].path).toBe('username');
    const noScope = await street.request('POST', '/api/users', account({ regionCode: null }));
    expect(noScope.json().error.fields[0]).toEqual({ path: 'regionCode', message: '该角色须指定管辖区划或所属组织' });
    expect(await databaseFingerprint(ctx)).toBe(before);
  });

  it('SEC-1 two concurrent requests for one username create exactly one account', async () => {
    const input = account();
    const results = await Promise.all([street.request('POST', '/api/users', input), street.request('POST', '/api/users', input)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 400]);
    const loser = results.find((r) => r.statusCode === 400)!;
    expect(loser.json().error.fields[0]).toEqual({ path: 'username', message: '用户名已被使用' });
    const rows = await ctx.db.kysely.selectFrom('app_user').select('id').where('username', '=', input.username).execute();
    expect(rows).toHaveLength(1);
  });

  it('SEC-1 disabling an account ends its sessions at once', async () => {
    const input = account();
    const created = (await street.request('POST', '/api/users', input)).json();
    const them = await login(ctx.app, input.username, input.password);
    const res = await street.request('PATCH', `/api/users/${created.id}`, { disabled: true });
    expect(res.json().disabled).toBe(true);
    expect((await them.request('GET', '/api/auth/me')).statusCode).toBe(401);
    const again = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: input.username, password: input.password } });
    expect(again.statusCode).toBe(403);
  });

  it('SEC-1 one cannot edit one’s own account through user administration', async () => {
    const me = (await street.request('GET', '/api/auth/me')).json().user;
    expect((await street.request('PATCH', `/api/users/${me.id}`, { role: 'district' })).statusCode).toBe(403);
  });
});
