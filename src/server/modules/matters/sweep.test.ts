import { sql } from 'kysely';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../../tests/support/app.ts';
import { TEST_BACKEND } from '../../../../tests/support/db.ts';
import { createMatterWorld, raiseMatter, stepOk, view, type MatterWorld } from '../../../../tests/support/matter-factories.ts';
import { isOverdue } from '../../../domain/matters/matter-clocks.ts';
import { openDatabase } from '../../db/index.ts';
import { verifyAuditChain } from '../audit/chain.ts';
import { ROLLUP_COUNT_COLUMNS } from '../matter-dashboard/figures.ts';
import { foldMatterRollup } from '../matter-dashboard/fold.ts';
import { clocksOf } from './state.ts';
import { sweepMatterClocks } from './sweep.ts';

let ctx: TestContext;
let w: MatterWorld;

beforeAll(async () => {
  ctx = await createTestApp();
  w = await createMatterWorld(ctx);
});
afterAll(async () => ctx?.close());

const minutesAfter = (iso: string, minutes: number) => new Date(new Date(iso).getTime() + minutes * 60_000);

async function dispatchedMatter(): Promise<string> {
  const id = await raiseMatter(w, { enterpriseId: w.enterprise.id }, w.as.building);
  await stepOk(w.as.building, id, { action: 'dispatch', handlerOrgId: w.taxOrgId });
  await stepOk(w.as.tax, id, { action: 'accept' });
  return id;
}

async function eventActions(id: string): Promise<string[]> {
  const rows = await ctx.db.kysely.selectFrom('matter_event').select('action').where('matter_id', '=', id).orderBy('seq').execute();
  return rows.map((r) => r.action);
}

describe('MAT-5 the supervision sweep', () => {
  it('gives a yellow card before the deadline, a red card and one escalation at breach, each exactly once', async () => {
    const id = await dispatchedMatter();
    const row = await ctx.db.kysely
      .selectFrom('matter')
      .select(['next_check_at', 'resolution_due_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.next_check_at).not.toBeNull();
    const due = (await view(w.as.tax, id)).clocks.find((c) => c.kind === 'resolution')!.dueAt;

    // Just before the deadline: yellow for the resolution clock (and the reply clock, which is shorter, may already be red).
    const early = await sweepMatterClocks({ db: ctx.db.kysely, now: minutesAfter(due, -1) });
    expect(early.warned).toBeGreaterThanOrEqual(1);
    const afterYellow = await eventActions(id);
    expect(afterYellow.filter((a) => a === 'supervise').length).toBeGreaterThanOrEqual(1);
    const again = await sweepMatterClocks({ db: ctx.db.kysely, now: minutesAfter(due, -1) });
    expect(again.warned + again.breached + again.escalated).toBe(0);
    expect(await eventActions(id)).toEqual(afterYellow);

    // Past the deadline: red and one step up the ladder; the handler hears of it.
    const late = await sweepMatterClocks({ db: ctx.db.kysely, now: minutesAfter(due, 5) });
    expect(late.escalated).toBe(1);
    const m = await view(w.as.street, id);
    expect(m.level).toBe('street');
    expect(m.status).toBe('registered');
    expect(m.events.find((e) => e.action === 'escalate')).toMatchObject({
      actorName: '系统',
      note: '办理超时，系统自动逐级上报',
      level: 'street',
    });
    const twice = await sweepMatterClocks({ db: ctx.db.kysely, now: minutesAfter(due, 5) });
    expect(twice.escalated).toBe(0);
    expect((await eventActions(id)).filter((a) => a === 'escalate')).toHaveLength(1);
    const notes = (await w.as.tax.request('GET', '/api/notifications')).json() as { items: { title: string; link: string }[] };
    expect(notes.items.some((n) => n.link === `/matters/${id}` && n.title.includes('黄牌'))).toBe(true);
  });

  it('leaves paused clocks alone while the matter waits for the enterprise', async () => {
    const id = await dispatchedMatter();
    await stepOk(w.as.tax, id, { action: 'request_info', note: '请补充材料' });
    const row = await ctx.db.kysely.selectFrom('matter').select(['next_check_at', 'clocks']).where('id', '=', id).executeTakeFirstOrThrow();
    // Resolution and reply pause; only a sign-for clock could still run, and it stopped at sign-for.
    expect(row.next_check_at).toBeNull();
    const before = await eventActions(id);
    await sweepMatterClocks({ db: ctx.db.kysely, now: new Date(Date.now() + 400 * 24 * 3_600_000) });
    expect(await eventActions(id)).toEqual(before);
  });

  it('acts on many due matters in batches: each escalated once, events in sequence, one audit row per step, the chain intact', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(await dispatchedMatter());
    const dues = await Promise.all(ids.map(async (id) => (await view(w.as.tax, id)).clocks.find((c) => c.kind === 'resolution')!.dueAt));
    const latest = dues.reduce((a, b) => (a > b ? a : b));

    // Batches of 5 over 12 matters (and whatever else of this file is due): three transactions or more.
    const result = await sweepMatterClocks({ db: ctx.db.kysely, now: minutesAfter(latest, 5), batch: 5 });
    expect(result.escalated).toBeGreaterThanOrEqual(12);
    for (const id of ids) {
      const events = await ctx.db.kysely
        .selectFrom('matter_event')
        .select(['seq', 'action', 'actor_name'])
        .where('matter_id', '=', id)
        .orderBy('seq')
        .execute();
      expect(events.map((e) => Number(e.seq))).toEqual(events.map((_, i) => i + 1));
      expect(events.filter((e) => e.action === 'escalate')).toHaveLength(1);
      expect(events.filter((e) => e.action === 'supervise').every((e) => e.actor_name === '系统')).toBe(true);
      const m = await view(w.as.street, id);
      expect(m).toMatchObject({ level: 'street', status: 'registered' });
      const slip = await ctx.db.kysely
        .selectFrom('dispatch_slip')
        .select(['returned_at', 'return_reason'])
        .where('matter_id', '=', id)
        .executeTakeFirstOrThrow();
      expect(slip.returned_at).not.toBeNull();
      expect(slip.return_reason).toBe('办理超时，系统自动逐级上报');
    }
    // One audit row per matter for what the pass did, naming its events, with the matter's before and after.
    const audits = await ctx.db.kysely
      .selectFrom('audit_log')
      .select(['entity_id', 'action', 'actor_name', 'before', 'after'])
      .where('entity', '=', 'matter')
      .where('entity_id', 'in', ids)
      .where('action', '=', 'matter.sweep')
      .execute();
    expect(audits.map((a) => a.entity_id).sort()).toEqual([...ids].sort());
    for (const a of audits) {
      expect(a.before).toMatchObject({ status: 'accepted', level: 'building' });
      expect(a.after).toMatchObject({ status: 'registered', level: 'street', events: expect.arrayContaining(['supervise', 'escalate']) });
    }
    expect((await verifyAuditChain(ctx.db.kysely)).ok).toBe(true);
    // Each card says which deadline it is about, in the words of the countdown the staff see.
    const cards = await ctx.db.kysely
      .selectFrom('matter_event')
      .select('note')
      .where('matter_id', 'in', ids)
      .where('action', '=', 'supervise')
      .execute();
    expect(cards.length).toBe(ids.length);
    for (const c of cards) expect(c.note).toMatch(/^(\S+，)?办理已超时(，\S+)?（系统督办）$/);

    // DSH-1 当前超期: each matter's stored flag follows its clocks, and the rollup the dashboard reads agrees with the matters.
    const swept = await ctx.db.kysely.selectFrom('matter').select(['status', 'clocks', 'overdue']).where('id', 'in', ids).execute();
    for (const m of swept) expect(m.overdue).toBe(isOverdue(m.status, clocksOf(m)));
    const direct = await sql<{ n: number }>`SELECT count(*)::int AS n FROM matter
      WHERE overdue AND status NOT IN ('closed', 'withdrawn', 'waiting_enterprise')`.execute(ctx.db.kysely);
    const rolled = await sql<{ n: number }>`SELECT coalesce(sum(overdue), 0)::int AS n FROM matter_rollup_now`.execute(ctx.db.kysely);
    expect(direct.rows[0]!.n).toBeGreaterThan(0);
    expect(rolled.rows[0]!.n).toBe(direct.rows[0]!.n);
    // The batch kept the whole rollup itself (deltas, migration 023): folded, it equals one counted afresh from the matters.
    await foldMatterRollup(ctx.db.kysely);
    const cols = sql.join(ROLLUP_COUNT_COLUMNS.map((c) => sql`${sql.ref(c)}::bigint AS ${sql.ref(c)}`));
    const sums = sql.join(ROLLUP_COUNT_COLUMNS.map((c) => sql`sum(r.${sql.ref(c)})::bigint AS ${sql.ref(c)}`));
    const kept = await sql<Record<string, unknown>>`SELECT month, region9, category_id, handler_org_id, ${cols} FROM matter_rollup
      WHERE received <> 0 ORDER BY 1, 2, 3, 4`.execute(ctx.db.kysely);
    const fresh = await sql<Record<string, unknown>>`SELECT r.month, r.region9, r.category_id, r.handler_org_id, ${sums}
      FROM matter m CROSS JOIN LATERAL matter_rollup_of(m) r GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`.execute(ctx.db.kysely);
    expect(JSON.stringify(kept.rows)).toBe(JSON.stringify(fresh.rows));

    // The handler heard of the red card once per matter, however often the sweep runs: one notice
    // naming every clock breached at that look.
    await sweepMatterClocks({ db: ctx.db.kysely, now: minutesAfter(latest, 5), batch: 5 });
    const notes = (await w.as.tax.request('GET', '/api/notifications?limit=200')).json() as { items: { title: string; link: string }[] };
    for (const id of ids) {
      const red = notes.items.filter((n) => n.link === `/matters/${id}` && n.title.includes('已超时（红牌）'));
      expect(red).toHaveLength(1);
      expect(red[0]!.title).toMatch(/^(\S+、)?办理(、\S+)?已超时/);
    }
  });

  it.runIf(TEST_BACKEND === 'postgres')('two app instances sweeping at once escalate an overdue matter once', async () => {
    const id = await dispatchedMatter();
    const due = (await view(w.as.tax, id)).clocks.find((c) => c.kind === 'resolution')!.dueAt;
    const url = (ctx.db.pool as pg.Pool).options.connectionString!;
    const second = await openDatabase({ databaseUrl: url, poolSize: 4 });
    try {
      const now = minutesAfter(due, 5);
      const [a, b] = await Promise.all([
        sweepMatterClocks({ db: ctx.db.kysely, now, batch: 1 }),
        sweepMatterClocks({ db: second.kysely, now, batch: 1 }),
      ]);
      expect(a.escalated + b.escalated).toBeGreaterThanOrEqual(1);
      expect((await eventActions(id)).filter((x) => x === 'escalate')).toHaveLength(1);
    } finally {
      await second.close();
    }
  });
});
