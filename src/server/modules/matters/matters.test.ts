import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { replayMatter, type MatterAction } from '../../../domain/matters/workflow.ts';
import { createTestApp, type TestContext } from '../../../../tests/support/app.ts';
import { createMatterWorld, raiseMatter, step, stepOk, view, type MatterWorld } from '../../../../tests/support/matter-factories.ts';
import { snapshotOf } from './state.ts';

let ctx: TestContext;
let w: MatterWorld;

beforeAll(async () => {
  ctx = await createTestApp();
  w = await createMatterWorld(ctx);
});
afterAll(async () => ctx?.close());

describe('matters: the article’s six steps and the side paths', () => {
  it('MAT-1 MAT-2 MAT-7 MAT-8 收集 → 登记 → 分派 → 签收 → 反馈 → 回复 → 评价 → 办结, with slip, timeline and a replay equal to the row', async () => {
    const id = await raiseMatter(w);
    let m = await view(w.as.enterprise, id);
    expect(m.status).toBe('collected');
    expect(m.contactPhone).toBe('138****5678');
    expect(m.clocks.map((c) => c.kind).sort()).toEqual(['reply', 'sign_for']);
    // The enterprise may withdraw but not register its own matter.
    expect(m.actions).toEqual(['withdraw']);

    m = await view(w.as.building, id);
    expect(m.actions).toEqual(expect.arrayContaining(['register', 'resolve_on_site']));
    expect(m.contactPhone).toBe('13812345678');
    await stepOk(w.as.building, id, { action: 'register' });
    m = await stepOk(w.as.building, id, { action: 'dispatch', handlerOrgId: w.taxOrgId, note: '请税务局协调发票额度' });
    expect(m.status).toBe('dispatched');
    expect(m.slips).toHaveLength(1);

    // The tax bureau sees it in its queue and signs for it.
    const queue = (await w.as.tax.request('GET', '/api/matters?queue=todo')).json() as { items: { id: string }[] };
    expect(queue.items.map((i) => i.id)).toContain(id);
    await stepOk(w.as.tax, id, { action: 'accept' });
    await stepOk(w.as.tax, id, { action: 'report_back', note: '已核增月度发票领用额度' });
    await stepOk(w.as.building, id, { action: 'reply', note: '已电话告知企业额度已提高' });
    m = await stepOk(w.as.enterprise, id, { action: 'rate', satisfaction: 'satisfied' });
    expect(m.status).toBe('closed');
    expect(m.satisfaction).toBe('satisfied');
    expect(m.slips[0]!.acceptedAt).not.toBeNull();
    expect(m.events.map((e) => e.action)).toEqual(['collect', 'register', 'dispatch', 'accept', 'report_back', 'reply', 'rate', 'close']);
    expect(m.clocks.every((c) => c.stoppedAt !== null)).toBe(true);

    const row = await ctx.db.kysely.selectFrom('matter').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const events = await ctx.db.kysely.selectFrom('matter_event').selectAll().where('matter_id', '=', id).orderBy('seq').execute();
    const replayed = replayMatter(
      events.map((e) => ({
        action: e.action as MatterAction,
        note: e.note,
        data: e.data as Record<string, never>,
        level: e.level as 'building',
      })),
    );
    expect(replayed).toEqual(snapshotOf(row));
    expect(row.responded_on_time).toBe(true);
    expect(row.replied_on_time).toBe(true);
    expect(row.working_minutes_to_close).not.toBeNull();
  });

  it('MAT-8 events cannot be edited or deleted', async () => {
    const id = await raiseMatter(w);
    await expect(ctx.db.kysely.updateTable('matter_event').set({ note: 'x' }).where('matter_id', '=', id).execute()).rejects.toThrow(
      /immutable/,
    );
    await expect(ctx.db.kysely.deleteFrom('matter_event').where('matter_id', '=', id).execute()).rejects.toThrow(/immutable/);
  });

  it('MAT-3 一线处置 at the building closes the loop without a dispatch', async () => {
    const id = await raiseMatter(w);
    await stepOk(w.as.building, id, { action: 'resolve_on_site', note: '楼宇专员现场协调物业解决' });
    const m = await stepOk(w.as.building, id, { action: 'reply', note: '已当面答复' });
    expect(m.status).toBe('replied');
    expect(m.events.map((e) => e.action)).toEqual(['collect', 'resolve_on_site', 'reply']);
  });

  it('MAT-3 a wrong dispatch is returned with a reason, capped; escalation climbs one level at a time to the city', async () => {
    const id = await raiseMatter(w, { enterpriseId: w.enterprise.id }, w.as.building);
    let m = await view(w.as.building, id);
    expect(m.status).toBe('registered');
    for (let i = 0; i < 3; i += 1) {
      await stepOk(w.as.building, id, { action: 'dispatch', handlerOrgId: w.talentOrgId });
      const noReason = await step(w.as.talent, id, { action: 'return' }, w.as.building);
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().error.fields).toEqual([expect.objectContaining({ path: 'note', message: '请填写说明或理由' })]);
      const returned = await step(w.as.talent, id, { action: 'return', note: '不属于人才办职责' }, w.as.building);
      // Returned, the matter leaves the department's sight: the step succeeds and says so.
      expect(returned.statusCode).toBe(200);
      expect(returned.json().matter).toBeNull();
    }
    await stepOk(w.as.building, id, { action: 'dispatch', handlerOrgId: w.talentOrgId });
    const capped = await step(w.as.talent, id, { action: 'return', note: '再次退回' }, w.as.building);
    expect(capped.statusCode).toBe(409);
    expect(capped.json().error.message).toContain('已被退回 3 次');

    m = await stepOk(w.as.building, id, { action: 'escalate', note: '楼宇层面难以协调，上报街道' });
    expect(m.level).toBe('street');
    // The building no longer coordinates; the street does.
    expect((await view(w.as.building, id)).actions).not.toContain('dispatch');
    await stepOk(w.as.street, id, { action: 'escalate', note: '上报区级' });
    await stepOk(w.as.district, id, { action: 'escalate', note: '上报市级' });
    m = await view(w.as.city, id);
    expect(m.level).toBe('city');
    expect(m.escalationCount).toBe(3);
    expect(m.actions).not.toContain('escalate');
    const top = await step(w.as.city, id, { action: 'escalate', note: '再上报' });
    expect(top.statusCode).toBe(409);
    expect(top.json().error.message).toBe('已是市级，不能再上报');
  });

  it('MAT-7 a dissatisfied rating reopens the matter and is counted', async () => {
    const id = await raiseMatter(w);
    await stepOk(w.as.building, id, { action: 'resolve_on_site', note: '现场处理' });
    await stepOk(w.as.building, id, { action: 'reply', note: '答复企业' });
    const m = await stepOk(w.as.enterprise, id, { action: 'rate', satisfaction: 'dissatisfied' }, w.as.enterprise);
    expect(m.status).toBe('registered');
    expect(m.reopenCount).toBe(1);
    expect(m.events.slice(-2).map((e) => e.action)).toEqual(['rate', 'reopen']);
    expect(m.clocks.find((c) => c.kind === 'resolution')?.stoppedAt).toBeNull();
  });

  it('MAT-2 MAT-3 a reopened matter escalated from 已登记 leaves the answered 派发单 as answered; one escalated from the department’s hands returns it', async () => {
    const id = await raiseMatter(w);
    await stepOk(w.as.building, id, { action: 'register' });
    await stepOk(w.as.building, id, { action: 'dispatch', handlerOrgId: w.taxOrgId, note: '请税务局办理' });
    await stepOk(w.as.tax, id, { action: 'accept' });
    await stepOk(w.as.tax, id, { action: 'report_back', note: '已办理' });
    await stepOk(w.as.building, id, { action: 'reply', note: '答复企业' });
    await stepOk(w.as.enterprise, id, { action: 'rate', satisfaction: 'dissatisfied' }, w.as.enterprise);
    let m = await stepOk(w.as.building, id, { action: 'escalate', note: '企业仍不满意，提请街道协调' });
    expect(m.level).toBe('street');
    expect(m.slips).toHaveLength(1);
    expect(m.slips[0]!.acceptedAt).not.toBeNull();
    expect(m.slips[0]!.returnedAt).toBeNull();

    // Dispatched again at the street and escalated while the department holds it: that slip is returned with the reason.
    await stepOk(w.as.street, id, { action: 'dispatch', handlerOrgId: w.taxOrgId, note: '请税务局再次核实' });
    await stepOk(w.as.tax, id, { action: 'accept' });
    m = await stepOk(w.as.street, id, { action: 'escalate', note: '需区级协调' });
    expect(m.slips.map((s) => s.returnReason)).toEqual([null, '需区级协调']);
  });

  it('MAT-4 waiting for the enterprise pauses the clocks; an approved extension moves the due time', async () => {
    const id = await raiseMatter(w, { enterpriseId: w.enterprise.id }, w.as.building);
    await stepOk(w.as.building, id, { action: 'dispatch', handlerOrgId: w.taxOrgId });
    await stepOk(w.as.tax, id, { action: 'accept' });
    let m = await stepOk(w.as.tax, id, { action: 'request_info', note: '请补充近三个月开票明细' });
    expect(m.status).toBe('waiting_enterprise');
    expect(m.clocks.find((c) => c.kind === 'resolution')?.colour).toBe('paused');
    m = await stepOk(w.as.enterprise, id, { action: 'provide_info', note: '已上传开票明细' });
    expect(m.clocks.find((c) => c.kind === 'resolution')?.pausedAt).toBeNull();
    const dueBefore = m.clocks.find((c) => c.kind === 'resolution')!.dueAt;
    await stepOk(w.as.tax, id, { action: 'request_extension', note: '需实地核查', extensionDays: 2 });
    // The building is not above the matter's level: the street approves.
    expect((await view(w.as.building, id)).actions).not.toContain('approve_extension');
    m = await stepOk(w.as.street, id, { action: 'approve_extension' }, w.as.street);
    const resolution = m.clocks.find((c) => c.kind === 'resolution')!;
    expect(new Date(resolution.dueAt).getTime()).toBeGreaterThan(new Date(dueBefore).getTime());
    expect(m.pendingExtensionMinutes).toBeNull();
  });

  it('MAT-2 illegal steps are refused with the status and step named, and change nothing', async () => {
    const id = await raiseMatter(w);
    const before = await view(w.as.building, id);
    const res = await step(w.as.building, id, { action: 'reply', note: '直接答复' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe('事项当前状态为「已收集」，不能执行「回复企业」');
    const after = await view(w.as.building, id);
    expect(after.version).toBe(before.version);
    expect(after.events).toHaveLength(before.events.length);
  });

  it('MAT-5 two concurrent steps on one matter: exactly one wins, the other gets a conflict', async () => {
    const id = await raiseMatter(w);
    const { version } = await view(w.as.building, id);
    const results = await Promise.all([
      w.as.building.request('POST', `/api/matters/${id}/steps`, { version, action: 'register' }),
      w.as.building.request('POST', `/api/matters/${id}/steps`, { version, action: 'resolve_on_site', note: '现场处理' }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const m = await view(w.as.building, id);
    expect(m.events).toHaveLength(2);
  });

  it('MAT-1 a retried submission with the same Idempotency-Key creates one matter', async () => {
    const body = { categoryId: await w.categoryId('tax_service'), title: '重复提交测试', description: '网络重试' };
    const headers = { 'idempotency-key': `k-${Math.random()}` };
    const [a, b] = await Promise.all([
      w.as.enterprise.request('POST', '/api/matters', body, headers),
      w.as.enterprise.request('POST', '/api/matters', body, headers),
    ]);
    const ids = [a, b].map((r) => (r.json() as { id: string }).id);
    expect(ids[0]).toBe(ids[1]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    const n = await ctx.db.kysely
      .selectFrom('matter')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('title', '=', '重复提交测试')
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
  });

  it('MAT-1 a submitted matter is found by any part of its words, its vector being the database’s own; an edit re-indexes it', async () => {
    const id = await raiseMatter(w, { title: '跨境电商出口退税', description: '出口退（免）税备案后，退税进度如何查询？' });
    const found = async (q: string) =>
      ((await w.as.street.request('GET', `/api/matters?q=${encodeURIComponent(q)}`)).json() as { items: { id: string }[] }).items.map(
        (m) => m.id,
      );
    expect(await found('境电商')).toContain(id);
    expect(await found('退税进度')).toContain(id);
    const same = await ctx.db.kysely
      .selectFrom('matter')
      .select(sql<boolean>`search = hongtu_bigrams(code || ' ' || title || ' ' || description)`.as('same'))
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(same.same).toBe(true);
    // A title changed later is indexed by the trigger, which follows every edit.
    await ctx.db.kysely.updateTable('matter').set({ title: '人才公寓申请' }).where('id', '=', id).execute();
    expect(await found('才公寓')).toContain(id);
    expect(await found('境电商')).not.toContain(id);
  });

  it('MAT-1 SEC-3 bad intake gets field-level errors in the user’s language and creates nothing', async () => {
    const res = await w.as.enterprise.request('POST', '/api/matters', {
      categoryId: await w.categoryId('other'),
      title: '',
      description: 'x',
      contactPhone: '123',
    });
    expect(res.statusCode).toBe(400);
    const paths = (res.json().error.fields as { path: string }[]).map((f) => f.path).sort();
    expect(paths).toEqual(['contactPhone', 'title']);
    const en = await w.as.enterprise.request(
      'POST',
      '/api/matters',
      { categoryId: '999999', title: 't', description: 'd' },
      { 'x-locale': 'en' },
    );
    expect(en.statusCode).toBe(400);
    expect(en.json().error.fields[0]).toMatchObject({ path: 'categoryId', message: 'Unknown category' });
  });

  it('MAT-6 a key enterprise’s matter rides the priority lane with shorter limits', async () => {
    const keyWorld = await createMatterWorld(ctx, { keyEnterprise: true });
    const fast = await view(keyWorld.as.enterprise, await raiseMatter(keyWorld));
    const normal = await view(w.as.enterprise, await raiseMatter(w));
    const limit = (m: typeof fast, kind: string) => m.clocks.find((c) => c.kind === kind)!.limitMinutes;
    expect(limit(fast, 'reply')).toBeLessThan(limit(normal, 'reply'));
    const row = await ctx.db.kysely.selectFrom('matter').select('priority').where('id', '=', fast.id).executeTakeFirstOrThrow();
    expect(row.priority).toBe('key_enterprise');
  });

  it('MAT-5 NTF-1 a dispatch notifies the department in its notification centre, in the same transaction', async () => {
    const id = await raiseMatter(w, { enterpriseId: w.enterprise.id }, w.as.building);
    await stepOk(w.as.building, id, { action: 'dispatch', handlerOrgId: w.taxOrgId });
    const res = await w.as.tax.request('GET', '/api/notifications');
    const items = (res.json() as { items: { title: string; link: string | null }[] }).items;
    expect(items.some((n) => n.link === `/matters/${id}` && n.title.startsWith('新派发事项待签收'))).toBe(true);
  });
  it('MAT-1 NTF-1 a portal submission reaches the building’s desk and the street’s robot in its one write; staff entry tells no one', async () => {
    const target = await ctx.db.kysely
      .insertInto('notification_target')
      .values({
        name: '街道企微群',
        kind: 'wecom',
        address_enc: ctx.deps.secrets.encrypt('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=test'),
        address_masked: 'https://qyapi.weixin.qq.com/…',
        region_code: w.tree.townships[0],
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = await raiseMatter(w, { title: '门禁卡无法办理' });
    const m = await view(w.as.enterprise, id);
    const items = (
      (await w.as.building.request('GET', '/api/notifications?limit=200')).json() as {
        items: { title: string; body: string; link: string }[];
      }
    ).items;
    const notice = items.find((n) => n.link === `/matters/${id}`);
    expect(notice?.title).toBe('新事项待登记：门禁卡无法办理');
    expect(notice?.body).toBe(`事项编号 ${m.code}，当前状态：已收集`);
    const outbox = await ctx.db.kysely
      .selectFrom('outbox')
      .select(['target_id', 'payload', 'recipients', 'status'])
      .where('dedupe_key', '=', `matter:${id}:new`)
      .execute();
    expect(outbox).toHaveLength(1);
    expect(String(outbox[0]!.target_id)).toBe(String(target.id));
    expect(outbox[0]!.status).toBe('pending');
    expect((outbox[0]!.payload as { link: string }).link).toBe(`/matters/${id}`);
    expect(outbox[0]!.recipients.length).toBeGreaterThan(0);
    const written = await ctx.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('entity', '=', 'matter')
      .where('entity_id', '=', id)
      .execute();
    expect(written).toEqual([
      { action: 'matter.submit', after: { code: m.code, status: 'collected', level: 'building', priority: 'normal' } },
    ]);
    expect(m.events.map((e) => e.action)).toEqual(['collect']);

    // Entered by the building's own staff, the matter is in hand at once: no one is told of it.
    const staff = await raiseMatter(w, { enterpriseId: w.enterprise.id, title: '电梯维保' }, w.as.building);
    const staffView = await view(w.as.building, staff);
    expect(staffView.events.map((e) => e.action)).toEqual(['collect', 'register']);
    expect(await ctx.db.kysely.selectFrom('outbox').select('id').where('dedupe_key', '=', `matter:${staff}:new`).execute()).toEqual([]);
    expect(await ctx.db.kysely.selectFrom('notification').select('id').where('link', '=', `/matters/${staff}`).execute()).toEqual([]);
  });
});
