import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/server/auth/actor.ts';
import { enqueueNotification } from '../../src/server/modules/notifications/enqueue.ts';
import { createNotificationTarget } from '../../src/server/modules/outbox/commands.ts';
import { createTestApp, login, type Agent, type TestContext } from '../support/app.ts';
import { createOrganisation, createRegionTree, createUser, type RegionTree } from '../support/factories.ts';
import { startHttpReceiver, type HttpReceiver } from '../support/receivers.ts';
import { expectInScope, expectOutOfScope, type ScopeCase } from '../support/scope.ts';

/**
 * ORG-4 for NTF-1 channels and the outbox: a street user of another street,
 * and a role without channels (an enterprise), are refused on every endpoint
 * that addresses a channel or a message, and nothing changes; the street's own
 * user succeeds; lists never show another street's channels or messages.
 */
let ctx: TestContext;
let tree: RegionTree;
let robot: HttpReceiver;
let insider: Agent;
let outsider: Agent;
let enterprise: Agent;
let rec: Record<string, string>;

const PREFIXES = ['/api/notification-targets', '/api/outbox'];
const LISTED = ['GET /api/notification-targets', 'GET /api/outbox'];

beforeAll(async () => {
  ctx = await createTestApp();
  const db = ctx.db.kysely;
  tree = await createRegionTree(db);
  robot = await startHttpReceiver();
  const [t0, t1] = tree.townships;
  const add = (name: string, path: string) =>
    createNotificationTarget({
      db,
      actor: SYSTEM_ACTOR,
      secrets: ctx.deps.secrets,
      input: { name, kind: 'wecom', address: `${robot.url}/${path}?key=secret-key`, secret: null, regionCode: t0 },
    });
  const target = await add('甲街道企业微信群', 'a');
  const spare = await add('甲街道备用群', 'b');
  await db
    .transaction()
    .execute((trx) => enqueueNotification(trx, { kind: 'scope.test', title: '甲街道通知', body: '正文', regionCode: t0, userIds: [] }));
  const message = await db.selectFrom('outbox').select('id').where('target_id', '=', target).executeTakeFirstOrThrow();
  await db.updateTable('outbox').set({ status: 'failed', attempts: 8, last_error: 'HTTP 502' }).where('id', '=', message.id).execute();
  const org = await createOrganisation(db, { name: '甲街道某楼宇党委', kind: 'building_party_committee', regionCode: tree.villages[0][0] });
  rec = { t0, target, spare, message: message.id, org: org.id };

  const inside = await createUser(db, { role: 'street', regionCode: t0 });
  const outside = await createUser(db, { role: 'street', regionCode: t1 });
  const ent = await createOrganisation(db, { name: '乙街道某企业', kind: 'enterprise', regionCode: tree.villages[1][0] });
  const entUser = await createUser(db, { role: 'enterprise', regionCode: t1, organisationId: ent.id, orgPath: ent.path });
  [insider, outsider, enterprise] = await Promise.all([
    login(ctx.app, inside.username, inside.password),
    login(ctx.app, outside.username, outside.password),
    login(ctx.app, entUser.username, entUser.password),
  ]);
});
afterAll(async () => {
  await robot.close();
  await ctx.close();
});

/** Every endpoint that addresses a channel or a message or writes, as the insider may call it (in this order, each once). */
function recordCases(): (ScopeCase & { name: string })[] {
  return [
    { name: 'channel', method: 'GET', url: `/api/notification-targets/${rec.target}` },
    {
      name: 'channel create',
      method: 'POST',
      url: '/api/notification-targets',
      payload: { name: '甲街道钉钉群', kind: 'dingtalk', address: `${robot.url}/d?access_token=t`, secret: 'SEC1', regionCode: rec.t0 },
    },
    {
      name: 'channel update',
      method: 'PATCH',
      url: `/api/notification-targets/${rec.target}`,
      payload: { name: '甲街道工作群', topics: ['lease_*'] },
    },
    { name: 'channel test', method: 'POST', url: `/api/notification-targets/${rec.target}/test` },
    { name: 'message retry', method: 'POST', url: `/api/outbox/${rec.message}/retry` },
    { name: 'channel delete', method: 'DELETE', url: `/api/notification-targets/${rec.spare}` },
  ];
}

describe('ORG-4 NTF-1 scope of notification channels and the outbox', () => {
  it('NTF-1 another street and an enterprise get 403/404 on every channel and message endpoint and nothing changes; the street succeeds', async () => {
    for (const c of recordCases()) {
      await expectOutOfScope(ctx, outsider, c);
      await expectOutOfScope(ctx, enterprise, c);
    }
    expect(robot.received).toHaveLength(0);
    for (const c of recordCases()) await expectInScope(insider, c);
    // The test message really went out, once, to the insider's channel.
    expect(robot.received.map((r) => r.url)).toEqual(['/a?key=secret-key']);
  });

  it('NTF-1 a channel cannot be placed outside one’s region, nor installation-wide by region staff', async () => {
    const outsideRegion = await insider.request('POST', '/api/notification-targets', {
      name: '乙街道群',
      kind: 'wecom',
      address: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x',
      regionCode: tree.townships[1],
    });
    expect(outsideRegion.statusCode).toBe(403);
    const everywhere = await insider.request('POST', '/api/notification-targets', {
      name: '全市群',
      kind: 'wecom',
      address: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x',
    });
    expect(everywhere.statusCode).toBe(400);
  });

  it('NTF-1 lists never show another street’s channels or messages, and never an address’s token or a secret', async () => {
    for (const agent of [outsider, enterprise]) {
      for (const url of ['/api/notification-targets?limit=200', '/api/outbox?limit=200']) {
        const res = await agent.request('GET', url);
        expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
        expect(res.body).not.toContain('甲街道');
        for (const id of [rec.target, rec.message]) expect(res.body).not.toContain(`"${id}"`);
      }
    }
    const own = await insider.request('GET', '/api/notification-targets');
    expect(own.body).toContain(`"${rec.target}"`);
    expect(own.body).not.toContain('secret-key');
    expect(own.body).not.toContain('SEC1');
    expect((await insider.request('GET', '/api/outbox')).body).toContain(`"${rec.message}"`);
  });

  it('ORG-4 every authenticated endpoint of channels and the outbox is covered by a scope case here', () => {
    const normalise = (method: string, url: string) => `${method} ${url.split('?')[0]!.replace(/\/\d+(?=\/|$)/g, '/:id')}`;
    const covered = new Set(recordCases().map((c) => normalise(String(c.method), c.url)));
    const routes = ctx.app.routeTable
      .map((r) => `${r.method} ${r.url.replace(/:\w+/g, ':id')}`)
      .filter((key) => PREFIXES.some((p) => key.split(' ')[1] === p || key.split(' ')[1]!.startsWith(`${p}/`)));
    expect(routes.filter((key) => !covered.has(key) && !LISTED.includes(key))).toEqual([]);
    expect(routes.length).toBeGreaterThanOrEqual(8);
  });
});
