import { createHmac } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RetryPolicy } from '../../../domain/notifications/delivery.ts';
import { openDatabase, type Db } from '../../db/index.ts';
import { enqueueNotification, type NotificationInput } from '../notifications/enqueue.ts';
import { raiseLeaseWarnings } from '../leases/warnings.ts';
import { createTestApp, login, type TestContext } from '../../../../tests/support/app.ts';
import { TEST_BACKEND } from '../../../../tests/support/db.ts';
import { createOrganisation, createRegionTree, createUser, type RegionTree } from '../../../../tests/support/factories.ts';
import { deadPort, startHttpReceiver, startSmtpReceiver, type HttpReceiver } from '../../../../tests/support/receivers.ts';
import { createBuilding, createEnterprise, createLease, dayFromToday } from '../../../../tests/support/registry-factories.ts';
import { serverUrl } from '../../../../tests/support/template.ts';
import { createNotificationTarget, deleteNotificationTarget } from './commands.ts';
import { deliverOutbox, type DeliveryOptions } from './deliver.ts';
import type { TargetInput } from './schemas.ts';
import { SYSTEM_ACTOR } from '../../auth/actor.ts';

let ctx: TestContext;
let tree: RegionTree;
const receivers: HttpReceiver[] = [];
const FAST: RetryPolicy = { maxAttempts: 3, baseMs: 200, capMs: 400 };

beforeAll(async () => {
  ctx = await createTestApp();
  tree = await createRegionTree(ctx.db.kysely);
});
afterAll(async () => {
  for (const r of receivers) await r.close();
  await ctx.close();
});

async function receiver(opts: Parameters<typeof startHttpReceiver>[0] = {}) {
  const r = await startHttpReceiver(opts);
  receivers.push(r);
  return r;
}

const addTarget = (input: Partial<TargetInput> & Pick<TargetInput, 'kind' | 'address'>) =>
  createNotificationTarget({
    db: ctx.db.kysely,
    actor: SYSTEM_ACTOR,
    secrets: ctx.deps.secrets,
    input: { name: `渠道${Math.random().toString(36).slice(2, 6)}`, regionCode: tree.townships[0], ...input },
  });

const enqueue = (input: NotificationInput) => ctx.db.kysely.transaction().execute((trx) => enqueueNotification(trx, input));

/** Delivers only the given rows: other tests' rows in this database are parked meanwhile. */
async function deliverOnly(ids: string[], opts: Partial<DeliveryOptions> = {}) {
  const db = ctx.db.kysely;
  const parked = await db
    .updateTable('outbox')
    .set({ next_attempt_at: sql<Date>`next_attempt_at + interval '100 years'` })
    .where('status', 'in', ['pending', 'sending'])
    .where('id', 'not in', ids)
    .returning('id')
    .execute();
  try {
    return await deliverOutbox({
      db,
      secrets: ctx.deps.secrets,
      config: { ...ctx.deps.config, publicUrl: 'https://hongtu.example.org' },
      ...opts,
    });
  } finally {
    if (parked.length) {
      await db
        .updateTable('outbox')
        .set({ next_attempt_at: sql<Date>`next_attempt_at - interval '100 years'` })
        .where(
          'id',
          'in',
          parked.map((p) => p.id),
        )
        .execute();
    }
  }
}

const outboxRows = (targetId: string) =>
  ctx.db.kysely.selectFrom('outbox').selectAll().where('target_id', '=', targetId).orderBy('id').execute();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('NTF-1 enqueueNotification', () => {
  it('NTF-1 writes the notifications and one outbox row per matching channel in the caller’s transaction; a rollback writes neither', async () => {
    const r = await receiver();
    const street = await addTarget({ kind: 'wecom', address: `${r.url}/street?key=k1` });
    const otherStreet = await addTarget({ kind: 'wecom', address: `${r.url}/other?key=k2`, regionCode: tree.townships[1] });
    const user = await createUser(ctx.db.kysely, { role: 'street', regionCode: tree.townships[0] });
    const input: NotificationInput = {
      kind: 'test.rollback',
      title: '回滚测试',
      body: '不应送达',
      regionCode: tree.villages[0][0],
      userIds: [user.id],
      dedupeKey: `rollback:${user.id}`,
    };
    await expect(
      ctx.db.kysely.transaction().execute(async (trx) => {
        await enqueueNotification(trx, input);
        throw new Error('the transition fails');
      }),
    ).rejects.toThrow('the transition fails');
    expect(await outboxRows(street)).toHaveLength(0);
    expect(await ctx.db.kysely.selectFrom('notification').select('id').where('user_id', '=', user.id).execute()).toHaveLength(0);

    expect(await enqueue(input)).toEqual({ notified: 1, outbox: 1 });
    const [row] = await outboxRows(street);
    expect(row).toMatchObject({
      topic: 'test.rollback',
      status: 'pending',
      attempts: 0,
      recipients: [user.id],
      region_code: tree.townships[0],
    });
    expect(row!.payload).toEqual({ title: '回滚测试', body: '不应送达', link: null });
    expect(await outboxRows(otherStreet)).toHaveLength(0);
  });

  it('NTF-1 the same fact raised again notifies no one twice and queues nothing twice; a channel added later gets no backlog', async () => {
    const r = await receiver();
    const own = await createRegionTree(ctx.db.kysely);
    const first = await addTarget({ kind: 'webhook', address: `${r.url}/a`, regionCode: own.townships[0] });
    const user = await createUser(ctx.db.kysely, { role: 'street', regionCode: own.townships[0] });
    const input: NotificationInput = {
      kind: 'test.dedupe',
      title: 't',
      body: 'b',
      regionCode: own.townships[0],
      userIds: [user.id],
      dedupeKey: `d:${user.id}`,
    };
    expect(await enqueue(input)).toEqual({ notified: 1, outbox: 1 });
    expect(await enqueue(input)).toEqual({ notified: 0, outbox: 0 });
    const later = await addTarget({ kind: 'webhook', address: `${r.url}/b`, regionCode: own.townships[0] });
    expect(await enqueue(input)).toEqual({ notified: 0, outbox: 0 });
    expect(await outboxRows(first)).toHaveLength(1);
    expect(await outboxRows(later)).toHaveLength(0);
    // A fact that is news to a new reader is news again for channels that have not had it, and only for them.
    const newcomer = await createUser(ctx.db.kysely, { role: 'street', regionCode: own.townships[0] });
    expect(await enqueue({ ...input, userIds: [user.id, newcomer.id] })).toEqual({ notified: 1, outbox: 1 });
    expect(await outboxRows(first)).toHaveLength(1);
    expect(await outboxRows(later)).toHaveLength(1);
  });

  it('NTF-1 channels hear their organisation subtree and their topics; targets "none" stays in-app; messages in each reader’s language', async () => {
    const r = await receiver();
    const org = await createOrganisation(ctx.db.kysely, {
      name: '某楼宇党委',
      kind: 'building_party_committee',
      regionCode: tree.villages[0][1],
    });
    const orgTarget = await addTarget({
      kind: 'dingtalk',
      address: `${r.url}/org?access_token=t`,
      organisationId: org.id,
      regionCode: undefined,
    });
    const topical = await addTarget({ kind: 'webhook', address: `${r.url}/topic`, topics: ['matter.*'] });
    const user = await createUser(ctx.db.kysely, { role: 'street', regionCode: tree.townships[0] });
    await ctx.db.kysely.updateTable('app_user').set({ locale: 'en' }).where('id', '=', user.id).execute();
    const localised: NotificationInput = {
      kind: 'lease_move_out',
      title: { key: 'notification.lease_move_out.title', params: { enterprise: '甲公司', building: '乙大厦' } },
      body: '正文',
      regionCode: tree.villages[0][1],
      orgPath: `${org.path}9/`,
      userIds: [user.id],
    };
    expect(await enqueue(localised)).toMatchObject({ notified: 1 });
    const [orgRow] = await outboxRows(orgTarget);
    expect(orgRow!.payload).toMatchObject({ title: '企业迁出：甲公司（乙大厦）' });
    expect(orgRow!.region_code).toBe(tree.villages[0][1]);
    const note = await ctx.db.kysely.selectFrom('notification').select('title').where('user_id', '=', user.id).executeTakeFirstOrThrow();
    expect(note.title).toBe('Move-out: 甲公司 (乙大厦)');
    expect(await outboxRows(topical)).toHaveLength(0);
    await enqueue({ ...localised, kind: 'matter.overdue', orgPath: null, dedupeKey: undefined });
    expect(await outboxRows(topical)).toHaveLength(1);
    expect(await outboxRows(orgTarget)).toHaveLength(1);
    await enqueue({ ...localised, kind: 'matter.overdue', targets: 'none' });
    expect(await outboxRows(topical)).toHaveLength(1);
  });

  it('REG-3 NTF-1 lease warnings reach the street’s channel once through the outbox', async () => {
    const r = await receiver();
    const target = await addTarget({ kind: 'wecom', address: `${r.url}/lease?key=z`, regionCode: tree.townships[1] });
    const village = tree.villages[1][1];
    const b = await createBuilding(ctx.db.kysely, { regionCode: village, name: '渠道大厦' });
    const e = await createEnterprise(ctx.db.kysely, { regionCode: village, name: '渠道公司' });
    await createLease(ctx.db.kysely, { building: b, enterprise: e, area: 80, startOn: dayFromToday(-100), endOn: dayFromToday(30) });
    await createUser(ctx.db.kysely, { role: 'street', regionCode: tree.townships[1] });
    await raiseLeaseWarnings({ db: ctx.db.kysely, today: dayFromToday(0) });
    await raiseLeaseWarnings({ db: ctx.db.kysely, today: dayFromToday(0) });
    const rows = await outboxRows(target);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.payload).toMatchObject({ title: '租约即将到期：渠道公司（渠道大厦）', link: `/buildings/${b.id}` });
  });
});

describe('NTF-1 delivery', () => {
  it('NTF-1 a WeCom robot down twice gets the message on the third attempt, after growing waits; nothing is lost', async () => {
    const r = await receiver({ failFirst: 2, failWith: { status: 502 } });
    const target = await addTarget({ kind: 'wecom', address: `${r.url}/cgi-bin/webhook/send?key=abc` });
    await enqueue({
      kind: 'test.wecom',
      title: '事项超时',
      body: '请尽快处理',
      link: '/matters/1',
      regionCode: tree.townships[0],
      userIds: [],
    });
    const [row] = await outboxRows(target);
    const ids = [row!.id];

    expect(await deliverOnly(ids, { policy: FAST })).toMatchObject({ processed: 1, retrying: 1 });
    let [after] = await outboxRows(target);
    expect(after).toMatchObject({ status: 'pending', attempts: 1, last_error: 'HTTP 502 down' });
    const wait1 = after!.next_attempt_at.getTime() - Date.now();
    expect(wait1).toBeGreaterThan(0);
    // Not due yet: the backoff is respected.
    expect(await deliverOnly(ids, { policy: FAST })).toMatchObject({ processed: 0 });
    await sleep(Math.max(0, after!.next_attempt_at.getTime() - Date.now()) + 50);
    expect(await deliverOnly(ids, { policy: FAST })).toMatchObject({ retrying: 1 });
    [after] = await outboxRows(target);
    expect(after!.attempts).toBe(2);
    await sleep(Math.max(0, after!.next_attempt_at.getTime() - Date.now()) + 50);
    expect(await deliverOnly(ids, { policy: FAST })).toMatchObject({ delivered: 1 });
    [after] = await outboxRows(target);
    expect(after).toMatchObject({ status: 'delivered', attempts: 3, last_error: null });
    expect(after!.delivered_at).not.toBeNull();

    expect(r.received).toHaveLength(3);
    expect(r.received[2]!.url).toBe('/cgi-bin/webhook/send?key=abc');
    expect(JSON.parse(r.received[2]!.body)).toEqual({
      msgtype: 'markdown',
      markdown: { content: '### 事项超时\n请尽快处理\n[查看详情](https://hongtu.example.org/matters/1)' },
    });
  });

  it('NTF-1 DingTalk messages are signed with the secret (timestamp + HMAC-SHA256 sign); a robot errcode is a failure', async () => {
    const r = await receiver({ failFirst: 1, failWith: { errcode: 310000 } });
    const target = await addTarget({ kind: 'dingtalk', address: `${r.url}/robot/send?access_token=tok`, secret: 'SECabc' });
    await enqueue({ kind: 'test.ding', title: '标题', body: '内容', regionCode: tree.townships[0], userIds: [] });
    const ids = (await outboxRows(target)).map((x) => x.id);
    expect(await deliverOnly(ids, { policy: { ...FAST, baseMs: 1, capMs: 1 } })).toMatchObject({ retrying: 1 });
    expect((await outboxRows(target))[0]!.last_error).toBe('errcode 310000: refused');
    await sleep(20);
    expect(await deliverOnly(ids)).toMatchObject({ delivered: 1 });
    const url = new URL(r.received[1]!.url, r.url);
    expect(url.searchParams.get('access_token')).toBe('tok');
    const timestamp = url.searchParams.get('timestamp')!;
    expect(Math.abs(Number(timestamp) - Date.now())).toBeLessThan(60_000);
    const expected = createHmac('sha256', 'SECabc').update(`${timestamp}\nSECabc`).digest('base64');
    expect(url.searchParams.get('sign')).toBe(expected);
    expect(JSON.parse(r.received[1]!.body)).toEqual({ msgtype: 'markdown', markdown: { title: '标题', text: '### 标题\n内容' } });
  });

  it('NTF-1 a generic webhook gets JSON signed with its secret; a robot that says "too fast" is asked again later without using an attempt', async () => {
    const hook = await receiver({ robot: false });
    const target = await addTarget({ kind: 'webhook', address: `${hook.url}/hook`, secret: 'hook-key' });
    await enqueue({ kind: 'test.hook', title: 'T', body: 'B', link: '/x', regionCode: tree.townships[0], userIds: [] });
    const [row] = await outboxRows(target);
    expect(await deliverOnly([row!.id])).toMatchObject({ delivered: 1 });
    const got = hook.received[0]!;
    expect(got.headers['x-hongtu-signature']).toBe(`sha256=${createHmac('sha256', 'hook-key').update(got.body).digest('hex')}`);
    expect(JSON.parse(got.body)).toMatchObject({
      id: row!.id,
      topic: 'test.hook',
      title: 'T',
      body: 'B',
      link: 'https://hongtu.example.org/x',
    });

    const busy = await receiver({ failFirst: 5, failWith: { errcode: 45009 } });
    const robot = await addTarget({ kind: 'wecom', address: `${busy.url}/send?key=q` });
    await enqueue({ kind: 'test.busy', title: 'T', body: 'B', regionCode: tree.townships[0], userIds: [] });
    const [busyRow] = await outboxRows(robot);
    expect(await deliverOnly([busyRow!.id], { policy: FAST })).toMatchObject({ retrying: 1 });
    const after = (await outboxRows(robot))[0]!;
    expect(after).toMatchObject({ status: 'pending', attempts: 0 });
    expect(after.next_attempt_at.getTime() - Date.now()).toBeGreaterThan(50_000);
  });

  it('NTF-1 e-mail: a dead SMTP server fails the row after the last attempt; an administrator’s retry sends it once the server is up', async () => {
    const port = await deadPort();
    const dead = { ...ctx.deps.config, smtpUrl: `smtp://127.0.0.1:${port}` };
    const target = await addTarget({ kind: 'email', address: 'office@example.org' });
    await enqueue({ kind: 'test.mail', title: '邮件标题', body: '邮件正文', link: '/m/1', regionCode: tree.townships[0], userIds: [] });
    const ids = (await outboxRows(target)).map((x) => x.id);
    const policy = { maxAttempts: 2, baseMs: 1, capMs: 1 };
    expect(await deliverOnly(ids, { policy, config: dead })).toMatchObject({ retrying: 1 });
    await sleep(20);
    expect(await deliverOnly(ids, { policy, config: dead })).toMatchObject({ failed: 1 });
    const failed = (await outboxRows(target))[0]!;
    expect(failed).toMatchObject({ status: 'failed', attempts: 2 });
    expect(failed.last_error).toMatch(/ECONNREFUSED|connect/i);
    // Failed rows wait for a person: the sweep leaves them alone.
    expect(await deliverOnly(ids, { policy })).toMatchObject({ processed: 0 });

    const admin = await createUser(ctx.db.kysely, { role: 'admin' });
    const agent = await login(ctx.app, admin.username, admin.password);
    const res = await agent.request('POST', `/api/outbox/${failed.id}/retry`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'pending', attempts: 0, lastError: failed.last_error });
    expect((await agent.request('POST', `/api/outbox/${failed.id}/retry`)).statusCode).toBe(409);

    const smtp = await startSmtpReceiver();
    try {
      expect(
        await deliverOnly(ids, { config: { ...ctx.deps.config, smtpUrl: smtp.url, publicUrl: 'https://hongtu.example.org' } }),
      ).toMatchObject({
        delivered: 1,
      });
      expect(smtp.messages).toHaveLength(1);
      expect(smtp.messages[0]!.to).toEqual(['RCPT TO:<office@example.org>']);
      expect(smtp.messages[0]!.data).toContain('https://hongtu.example.org/m/1');
    } finally {
      await smtp.close();
    }
  });

  it('NTF-1 removing a channel cancels its undelivered messages', async () => {
    const r = await receiver();
    const target = await addTarget({ kind: 'wecom', address: `${r.url}/gone?key=g` });
    await enqueue({ kind: 'test.gone', title: 'T', body: 'B', regionCode: tree.townships[0], userIds: [] });
    const [row] = await outboxRows(target);
    await deleteNotificationTarget({ db: ctx.db.kysely, actor: SYSTEM_ACTOR, id: target });
    const gone = await ctx.db.kysely.selectFrom('outbox').selectAll().where('id', '=', row!.id).executeTakeFirstOrThrow();
    expect(gone).toMatchObject({ status: 'cancelled', target_id: null, last_error: 'target removed' });
    expect(await deliverOnly([row!.id])).toMatchObject({ processed: 0 });
    expect(r.received).toHaveLength(0);
  });

  it('NTF-1 OPS-2 two instances delivering at once send every message exactly once', async () => {
    const hook = await receiver({ robot: false });
    const target = await addTarget({ kind: 'webhook', address: `${hook.url}/many` });
    for (let i = 0; i < 30; i++)
      await enqueue({ kind: 'test.many', title: `#${i}`, body: 'B', regionCode: tree.townships[0], userIds: [] });
    const ids = (await outboxRows(target)).map((x) => x.id);
    let other: Db | undefined;
    if (TEST_BACKEND === 'postgres') {
      const { rows } = await sql<{ name: string }>`SELECT current_database() AS name`.execute(ctx.db.kysely);
      other = await openDatabase({ databaseUrl: serverUrl(process.env.DATABASE_URL!, rows[0]!.name), poolSize: 4 });
    }
    try {
      const parked = await ctx.db.kysely
        .updateTable('outbox')
        .set({ next_attempt_at: sql<Date>`next_attempt_at + interval '100 years'` })
        .where('status', 'in', ['pending', 'sending'])
        .where('id', 'not in', ids)
        .returning('id')
        .execute();
      const run = (db: Db) => deliverOutbox({ db: db.kysely, secrets: ctx.deps.secrets, config: ctx.deps.config, batchSize: 4 });
      const results = await Promise.all([run(ctx.db), run(other ?? ctx.db), run(ctx.db)]);
      if (parked.length) {
        await ctx.db.kysely
          .updateTable('outbox')
          .set({ next_attempt_at: sql<Date>`next_attempt_at - interval '100 years'` })
          .where(
            'id',
            'in',
            parked.map((p) => p.id),
          )
          .execute();
      }
      expect(results.reduce((n, r) => n + r.delivered, 0)).toBe(30);
      if (other) expect(results[1]!.delivered).toBeGreaterThan(0);
    } finally {
      await other?.close();
    }
    const seen = hook.received.map((r) => (JSON.parse(r.body) as { id: string }).id).sort();
    expect(seen).toEqual([...ids].sort());
    expect((await outboxRows(target)).every((r) => r.status === 'delivered' && r.attempts === 1)).toBe(true);
  });
});
