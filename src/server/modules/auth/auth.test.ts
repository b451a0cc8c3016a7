import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestContext } from '../../../../tests/support/app.ts';
import { createRegionTree, createUser, TEST_PASSWORD } from '../../../../tests/support/factories.ts';
import { databaseFingerprint } from '../../../../tests/support/scope.ts';
import { MAX_FAILED_ATTEMPTS } from './commands.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

describe('SEC-1 sign-in, sessions, lockout, CSRF', () => {
  it('SEC-1 signs in with the right password and sets an httpOnly session cookie', async () => {
    const tree = await createRegionTree(ctx.db.kysely);
    const user = await createUser(ctx.db.kysely, { role: 'street', regionCode: tree.townships[0] });
    const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: TEST_PASSWORD } });
    expect(res.statusCode).toBe(200);
    const session = res.cookies.find((c) => c.name === 'hongtu_session');
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Lax');
    const body = res.json();
    expect(body.user).toMatchObject({ username: user.username, role: 'street', regionCode: tree.townships[0] });
    expect(JSON.stringify(body)).not.toMatch(/password|scrypt/);
    // The token itself is never stored, only its hash.
    const stored = await ctx.db.kysely.selectFrom('user_session').select('token_hash').execute();
    expect(stored.map((s) => s.token_hash)).not.toContain(session!.value);
  });

  it('SEC-1 refuses a wrong password in the caller’s language, without telling whether the user exists', async () => {
    const tree = await createRegionTree(ctx.db.kysely);
    const user = await createUser(ctx.db.kysely, { role: 'street', regionCode: tree.townships[0] });
    const wrong = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: 'nope12345' } });
    const unknown = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody_here', password: 'nope12345' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.message).toBe('用户名或密码错误');
    expect(unknown.json().error.message).toBe(wrong.json().error.message);
    const en = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'accept-language': 'en-US,en;q=0.9' },
      payload: { username: user.username, password: 'nope12345' },
    });
    expect(en.json().error.message).toBe('Wrong username or password');
  });

  it('SEC-1 locks the account after repeated failures, even for the right password, and an admin can unlock it', async () => {
    const tree = await createRegionTree(ctx.db.kysely);
    const user = await createUser(ctx.db.kysely, { role: 'street', regionCode: tree.townships[0] });
    const attempts = await Promise.all(
      Array.from({ length: MAX_FAILED_ATTEMPTS }, () =>
        ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: 'wrong-pass-1' } }),
      ),
    );
    expect(attempts.every((a) => a.statusCode === 401)).toBe(true);
    const locked = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: TEST_PASSWORD } });
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.message).toMatch(/锁定/);
    const lockAudit = await ctx.db.kysely.selectFrom('audit_log').selectAll().where('action', '=', 'auth.lockout').where('entity_id', '=', user.id).execute();
    expect(lockAudit).toHaveLength(1);

    const admin = await createUser(ctx.db.kysely, { role: 'admin' });
    const adminAgent = await login(ctx.app, admin.username, admin.password);
    const unlock = await adminAgent.request('POST', `/api/users/${user.id}/unlock`);
    expect(unlock.statusCode).toBe(200);
    expect(unlock.json().locked).toBe(false);
    await login(ctx.app, user.username, TEST_PASSWORD);
  });

  it('SEC-1 refuses a cookie-authenticated write without the CSRF header, changing nothing', async () => {
    const tree = await createRegionTree(ctx.db.kysely);
    const user = await createUser(ctx.db.kysely, { role: 'street', regionCode: tree.townships[0] });
    const agent = await login(ctx.app, user.username, user.password);
    const before = await databaseFingerprint(ctx);
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/organisations',
      headers: { cookie: agent.cookie },
      payload: { name: '某企业', kind: 'enterprise', regionCode: tree.townships[0] },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf');
    const forged = await agent.request('POST', '/api/organisations', { name: '某企业', kind: 'enterprise', regionCode: tree.townships[0] }, { 'x-csrf-token': 'forged' });
    expect(forged.statusCode).toBe(403);
    expect(await databaseFingerprint(ctx)).toBe(before);
  });

  it('SEC-1 requires a session for API reads and forgets it at logout', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/api/organisations' })).statusCode).toBe(401);
    const tree = await createRegionTree(ctx.db.kysely);
    const user = await createUser(ctx.db.kysely, { role: 'street', regionCode: tree.townships[0] });
    const agent = await login(ctx.app, user.username, user.password);
    expect((await agent.request('GET', '/api/auth/me')).statusCode).toBe(200);
    expect((await agent.request('POST', '/api/auth/logout')).statusCode).toBe(204);
    expect((await agent.request('GET', '/api/auth/me')).statusCode).toBe(401);
  });

  it('SEC-1 changing one’s own password needs the current one and ends old sessions', async () => {
    const tree = await createRegionTree(ctx.db.kysely);
    const user = await createUser(ctx.db.kysely, { role: 'street', regionCode: tree.townships[0] });
    const agent = await login(ctx.app, user.username, user.password);
    const other = await login(ctx.app, user.username, user.password);
    const bad = await agent.request('POST', '/api/auth/password', { currentPassword: 'not-it-123', newPassword: 'N3w-password' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('currentPassword');
    const weak = await agent.request('POST', '/api/auth/password', { currentPassword: user.password, newPassword: 'short' });
    expect(weak.json().error.fields[0]).toMatchObject({ path: 'newPassword', message: '密码至少 8 位，且须同时包含字母和数字' });
    const ok = await agent.request('POST', '/api/auth/password', { currentPassword: user.password, newPassword: 'N3w-password' });
    expect(ok.statusCode).toBe(200);
    expect((await other.request('GET', '/api/auth/me')).statusCode).toBe(401);
    await login(ctx.app, user.username, 'N3w-password');
  });
});
