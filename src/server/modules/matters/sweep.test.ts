import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../../tests/support/app.ts';
import { TEST_BACKEND } from '../../../../tests/support/db.ts';
import { createMatterWorld, raiseMatter, stepOk, view, type MatterWorld } from '../../../../tests/support/matter-factories.ts';
import { openDatabase } from '../../db/index.ts';
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
    const row = await ctx.db.kysely.selectFrom('matter').select(['next_check_at', 'resolution_due_at']).where('id', '=', id).executeTakeFirstOrThrow();
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
    expect(m.events.find((e) => e.action === 'escalate')).toMatchObject({ actorName: '系统', note: '办理超时，系统自动逐级上报', level: 'street' });
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

  it.runIf(TEST_BACKEND === 'postgres')('two app instances sweeping at once escalate an overdue matter once', async () => {
    const id = await dispatchedMatter();
    const due = (await view(w.as.tax, id)).clocks.find((c) => c.kind === 'resolution')!.dueAt;
    const url = (ctx.db.pool as pg.Pool).options.connectionString!;
    const second = await openDatabase({ databaseUrl: url, poolSize: 4 });
    try {
      const now = minutesAfter(due, 5);
      const [a, b] = await Promise.all([sweepMatterClocks({ db: ctx.db.kysely, now, batch: 1 }), sweepMatterClocks({ db: second.kysely, now, batch: 1 })]);
      expect(a.escalated + b.escalated).toBeGreaterThanOrEqual(1);
      expect((await eventActions(id)).filter((x) => x === 'escalate')).toHaveLength(1);
    } finally {
      await second.close();
    }
  });
});
