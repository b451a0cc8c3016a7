import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../../../domain/time.ts';
import { createTestApp, type TestContext } from '../../../../tests/support/app.ts';
import { createPolicyWorld, json, policyBody, type PolicyWorld } from '../../../../tests/support/policy-factories.ts';
import { randomCreditCode } from '../../../../tests/support/factories.ts';
import { createBuilding } from '../../../../tests/support/registry-factories.ts';
import { appendRows, download, importFile } from '../imports/testing.ts';
import { platformSweeps, policyDateSweep } from '../../jobs/sweeps.ts';
import { recomputeForDate } from './date-run.ts';
import { loadMatches } from './match.ts';

let ctx: TestContext;
let w: PolicyWorld;

beforeAll(async () => {
  ctx = await createTestApp();
  w = await createPolicyWorld(ctx);
});
afterAll(async () => ctx?.close());

interface ForYou {
  items: { policy: { id: string }; gap: number }[];
  counts: { met: number; nearly: number };
}

const notices = (userId: string, policyId: string) =>
  ctx.db.kysely
    .selectFrom('notification')
    .select('id')
    .where('user_id', '=', userId)
    .where('kind', '=', 'policy.eligible')
    .where('link', '=', `/policies/${policyId}`)
    .execute();

async function publish(body: Record<string, unknown>): Promise<string> {
  const draft = await json<{ id: string; version: number }>(w.as.officer, 'POST', '/api/policies', body);
  await json(w.as.officer, 'POST', `/api/policies/${draft.id}/publish`, { expectedVersion: draft.version });
  return draft.id;
}

const matchOf = async (enterpriseId: string) => (await loadMatches(ctx.db.kysely, { enterpriseIds: [enterpriseId] })).get(enterpriseId);

/** The next 1 March after today, and the years since the world's registration day (2019-03-01) it completes. */
function nextAnniversary(): { day: string; years: number; year: number } {
  const today = chinaDate();
  const y = Number(today.slice(0, 4));
  const year = today < `${y}-03-01` ? y : y + 1;
  return { day: `${year}-03-01`, years: year - 2019, year };
}

describe('policy results: compact storage, lease moves, the daily date run', () => {
  it('POL-2 POL-3 results are one row per enterprise; the pair view and the officer lists read the same', async () => {
    const id = await publish(policyBody(w.street, { title: '研发投入后补助（存储检查）' }));
    expect((await matchOf(w.ent.ready))?.met).toContain(id);
    expect((await matchOf(w.ent.short))?.unmet).toContain(id);
    // Nothing reported and no registration day: two conditions away, not stored.
    expect((await matchOf(w.ent.blank))?.unknown ?? []).not.toContain(id);
    const pairs = await ctx.db.kysely
      .selectFrom('policy_result')
      .selectAll()
      .where('policy_id', '=', id)
      .orderBy('enterprise_id')
      .execute();
    expect(pairs.map((p) => [p.enterprise_id, p.status, p.gap])).toEqual(
      [
        [w.ent.ready, 2, 0],
        [w.ent.short, 0, 1],
      ].sort((a, b) => Number(a[0]) - Number(b[0])),
    );
    const nearly = await json<{ items: { enterpriseId: string }[]; counts: { met: number; nearly: number } }>(
      w.as.officer,
      'GET',
      `/api/policies/${id}/results?kind=nearly`,
    );
    expect(nearly.counts).toEqual({ met: 1, nearly: 1 });
    expect(nearly.items.map((i) => i.enterpriseId)).toEqual([w.ent.short]);
    // Withdrawing takes the policy out of every stored row.
    const detail = await json<{ version: number }>(w.as.officer, 'GET', `/api/policies/${id}`);
    await json(w.as.officer, 'POST', `/api/policies/${id}/withdraw`, { expectedVersion: detail.version });
    for (const e of [w.ent.ready, w.ent.short, w.ent.blank]) {
      const m = await matchOf(e);
      expect([...(m?.met ?? []), ...(m?.unknown ?? []), ...(m?.unmet ?? [])]).not.toContain(id);
    }
  });

  it('POL-3 enterprises arriving by an Excel import get their results and one notice, like any profile change', async () => {
    const id = await publish(
      policyBody(w.street, {
        title: '街道新入企业服务包（导入检查）',
        rule: { kind: 'condition', field: 'regionCode', op: 'within', values: [w.street] },
      }),
    );
    const code = randomCreditCode();
    const row = [
      '福州导入政策测试有限公司',
      code,
      w.street,
      '65 软件和信息技术服务业',
      '小型',
      30,
      4,
      '否',
      '是',
      '联合建立党组织',
      '2018-03-01',
      '林建华',
      119.3,
      26.08,
    ];
    const file = await appendRows(await download(w.as.officer, '/api/imports/templates/enterprises'), [row]);
    expect(await importFile(w.as.officer, 'enterprises', file)).toMatchObject({ status: 'done', created: 1, failed: 0 });
    const enterprise = await ctx.db.kysely
      .selectFrom('enterprise')
      .select('organisation_id as id')
      .where('credit_code', '=', code)
      .executeTakeFirstOrThrow();
    expect((await matchOf(enterprise.id))?.met).toContain(id);
    // The street's enterprises that already met it are not told again.
    expect(await notices(w.users.ready, id)).toHaveLength(1);
  });

  it('POL-3 a lease move-in gains a building-tenancy policy (one notification); the move-out loses it', async () => {
    const id = await publish(
      policyBody(w.street, {
        title: '入驻楼宇企业租金补贴',
        rule: {
          kind: 'and',
          rules: [
            { kind: 'condition', field: 'inBuilding', op: 'is_true' },
            { kind: 'condition', field: 'regionCode', op: 'within', values: [w.street] },
          ],
        },
      }),
    );
    expect((await matchOf(w.ent.short))?.met ?? []).not.toContain(id);
    expect(await notices(w.users.short, id)).toHaveLength(0);
    const building = await createBuilding(ctx.db.kysely, { regionCode: w.tree.villages[0][0] });
    const lease = await json<{ id: string }>(w.as.officer, 'POST', '/api/leases', {
      buildingId: building.id,
      enterpriseId: w.ent.short,
      area: 200,
      startOn: '2025-01-01',
      endOn: '2030-12-31',
    });
    expect((await matchOf(w.ent.short))?.met).toContain(id);
    expect(await notices(w.users.short, id)).toHaveLength(1);
    const mine = await json<ForYou>(w.as.short, 'GET', `/api/enterprises/${w.ent.short}/policies`);
    expect(mine.items.find((i) => i.policy.id === id)?.gap).toBe(0);

    const out = await w.as.officer.request('POST', `/api/leases/${lease.id}/events`, { kind: 'move_out', effectiveOn: chinaDate() });
    expect(out.statusCode, out.body).toBeLessThan(300);
    const after = await matchOf(w.ent.short);
    expect(after?.met ?? []).not.toContain(id);
    // Out of a building the tenancy condition is unmet, one condition away.
    expect(after?.unmet).toContain(id);
    expect(await notices(w.users.short, id)).toHaveLength(1);
  });

  it('POL-3 the daily date run: an anniversary gains a years rule, a closed validity window drops results, once a day', async () => {
    const { day, years, year } = nextAnniversary();
    const yearsRule = {
      kind: 'and',
      rules: [
        { kind: 'condition', field: 'registeredOn', op: 'years_at_least', value: years },
        { kind: 'condition', field: 'regionCode', op: 'within', values: [w.street] },
      ],
    };
    const anniversary = await publish(policyBody(w.street, { title: `成立满${years}年企业奖励`, rule: yearsRule }));
    const closing = await publish(
      policyBody(w.street, {
        title: '限期稳岗补贴',
        validTo: day,
        rule: { kind: 'condition', field: 'regionCode', op: 'within', values: [w.street] },
      }),
    );
    expect((await matchOf(w.ent.ready))?.unmet).toContain(anniversary);
    expect((await matchOf(w.ent.ready))?.met).toContain(closing);

    const eve = await recomputeForDate({ db: ctx.db.kysely, asOf: `${year}-02-28` });
    expect(eve.ran).toBe(true);
    expect((await matchOf(w.ent.ready))?.met).not.toContain(anniversary);

    const on = await recomputeForDate({ db: ctx.db.kysely, asOf: day });
    expect(on.ran).toBe(true);
    // Judged again: the policies counting years (not the one that only has a window still open).
    expect(on.policies).toBeGreaterThanOrEqual(1);
    expect((await matchOf(w.ent.ready))?.met).toEqual(expect.arrayContaining([anniversary, closing]));
    expect(on.pushed).toBeGreaterThanOrEqual(1);
    expect(await notices(w.users.ready, anniversary)).toHaveLength(1);
    // A second pass for the same day does nothing.
    expect((await recomputeForDate({ db: ctx.db.kysely, asOf: day })).ran).toBe(false);

    const nextDay = `${year}-03-02`;
    const after = await recomputeForDate({ db: ctx.db.kysely, asOf: nextDay });
    expect(after.ran).toBe(true);
    const m = await matchOf(w.ent.ready);
    expect(m?.met).toContain(anniversary);
    expect([...(m?.met ?? []), ...(m?.unknown ?? []), ...(m?.unmet ?? [])]).not.toContain(closing);
    expect(await notices(w.users.ready, anniversary)).toHaveLength(1);
    const runs = await ctx.db.kysely.selectFrom('policy_date_run').select('as_of').orderBy('as_of').execute();
    expect(runs.map((r) => r.as_of)).toEqual([`${year}-02-28`, day, nextDay]);
  });

  it('POL-3 the date run is a platform sweep (policy-date) that finds its day done on a second pass', async () => {
    expect(platformSweeps().map((s) => s.name)).toContain('policy-date');
    // The days above are in the future: today counts as done, so the sweep runs nothing.
    expect(await policyDateSweep.run(ctx.deps)).toEqual({ processed: 0 });
    await ctx.db.kysely.deleteFrom('policy_date_run').execute();
    // With no day recorded (an upgrade), the first pass recomputes every policy in force and records today.
    const first = await recomputeForDate({ db: ctx.db.kysely, asOf: chinaDate() });
    expect(first.ran).toBe(true);
    expect(first.policies).toBeGreaterThanOrEqual(3);
    expect(await policyDateSweep.run(ctx.deps)).toEqual({ processed: 0 });
    expect(await ctx.db.kysely.selectFrom('policy_date_run').select('as_of').execute()).toEqual([{ as_of: chinaDate() }]);
  });
});
