import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../../tests/support/app.ts';
import { createPolicyWorld, json, policyBody, type PolicyWorld } from '../../../../tests/support/policy-factories.ts';

let ctx: TestContext;
let w: PolicyWorld;

beforeAll(async () => {
  ctx = await createTestApp();
  w = await createPolicyWorld(ctx);
});
afterAll(async () => ctx?.close());

interface Policy {
  id: string;
  version: number;
  status: string;
  eligible: number | null;
  history: { action: string; version: number }[];
  mine: { status: string } | null;
}
interface ForYou {
  items: {
    policy: { id: string };
    gap: number;
    explanation: { status: string; conditions: { status: string; text: string; change: string | null }[] };
  }[];
  counts: { met: number; nearly: number };
}

const policyNotices = (userId: string) =>
  ctx.db.kysely.selectFrom('notification').selectAll().where('user_id', '=', userId).where('kind', '=', 'policy.eligible').execute();

describe('policies: catalogue, rules, results and pushes', () => {
  let policyId = '';

  it('POL-2 preview counts who qualifies for a bracketed rule before anything is saved', async () => {
    const preview = await json<{
      total: number;
      met: number;
      unknown: number;
      unmet: number;
      nearly: number;
      sample: { enterpriseId: string; gap: number }[];
    }>(w.as.officer, 'POST', '/api/policies/preview', { rule: policyBody(w.street).rule, regionCode: w.street });
    // ready meets it; short misses the 5 % band; blank reports nothing (unknown); the other street is out of scope.
    expect(preview).toMatchObject({ total: 3, met: 1, unknown: 1, unmet: 1 });
    expect(preview.sample[0]!.enterpriseId).toBe(w.ent.ready);
    expect(preview.sample.find((s) => s.enterpriseId === w.ent.short)?.gap).toBe(1);
    expect(await ctx.db.kysely.selectFrom('policy').select('id').execute()).toHaveLength(0);
  });

  it('POL-1 POL-3 publishing pushes the eligible enterprise exactly once; a change keeps it at one', async () => {
    const draft = await json<Policy>(w.as.officer, 'POST', '/api/policies', policyBody(w.street));
    policyId = draft.id;
    expect(draft.status).toBe('draft');
    expect(await policyNotices(w.users.ready)).toHaveLength(0);
    // An enterprise does not see a draft.
    expect((await w.as.ready.request('GET', `/api/policies/${policyId}`)).statusCode).toBe(404);

    const published = await json<Policy>(w.as.officer, 'POST', `/api/policies/${policyId}/publish`, { expectedVersion: draft.version });
    expect(published.status).toBe('published');
    expect(published.eligible).toBe(1);
    expect(await policyNotices(w.users.ready)).toHaveLength(1);
    expect(await policyNotices(w.users.short)).toHaveLength(0);
    const pushes = await ctx.db.kysely.selectFrom('policy_push').selectAll().where('policy_id', '=', policyId).execute();
    expect(pushes.map((p) => p.enterprise_id)).toEqual([w.ent.ready]);

    // A change (a new version) recomputes; the enterprise was eligible already and is not told again.
    const changed = await json<Policy>(w.as.officer, 'PATCH', `/api/policies/${policyId}`, {
      expectedVersion: published.version,
      benefit: '入库企业给予 20 万元研发补助',
    });
    expect(changed.version).toBe(published.version + 1);
    expect(await policyNotices(w.users.ready)).toHaveLength(1);
    expect(changed.history.map((h) => h.action)).toEqual(['create', 'publish', 'update']);
    // A stale version is refused.
    expect(
      (await w.as.officer.request('PATCH', `/api/policies/${policyId}`, { expectedVersion: published.version, title: 'x' })).statusCode,
    ).toBe(409);
  });

  it('POL-2 the enterprise finds the policy in its list with the reasons; the nearly eligible one sees what is missing', async () => {
    const mine = await json<ForYou>(w.as.ready, 'GET', `/api/enterprises/${w.ent.ready}/policies`);
    expect(mine.counts.met).toBe(1);
    expect(mine.items[0]!.policy.id).toBe(policyId);
    expect(mine.items[0]!.explanation.status).toBe('met');
    expect(mine.items[0]!.explanation.conditions[0]!.text).toContain('研发费用占比');

    const near = await json<ForYou>(w.as.short, 'GET', `/api/enterprises/${w.ent.short}/policies`);
    expect(near.counts).toEqual({ met: 0, nearly: 1 });
    const unmet = near.items[0]!.explanation.conditions.find((c) => c.status === 'unmet')!;
    expect(unmet.text).toContain('5%');
    expect(unmet.change).toContain('150 万元');

    const detail = await json<Policy>(w.as.short, 'GET', `/api/policies/${policyId}`);
    expect(detail.mine?.status).toBe('unmet');
    // Officers see the eligible and the gap list.
    const gaps = await json<{ items: { enterpriseId: string }[]; counts: { met: number; nearly: number } }>(
      w.as.officer,
      'GET',
      `/api/policies/${policyId}/results?kind=nearly`,
    );
    expect(gaps.counts).toEqual({ met: 1, nearly: 1 });
    expect(gaps.items.map((i) => i.enterpriseId)).toEqual([w.ent.short]);
  });

  it('POL-3 a profile change gains the policy (one notification) and loses it again', async () => {
    const gained = await json<{ gained: string[]; lost: string[] }>(w.as.short, 'PUT', `/api/enterprises/${w.ent.short}/policy-profile`, {
      rdSpending: 1_600_000,
    });
    expect(gained.gained).toEqual([policyId]);
    expect(await policyNotices(w.users.short)).toHaveLength(1);
    const lost = await json<{ gained: string[]; lost: string[] }>(w.as.short, 'PUT', `/api/enterprises/${w.ent.short}/policy-profile`, {
      rdSpending: 1_000_000,
    });
    expect(lost.lost).toEqual([policyId]);
    // Gaining it back in the same version tells no one twice.
    await json(w.as.short, 'PUT', `/api/enterprises/${w.ent.short}/policy-profile`, { rdSpending: 1_600_000 });
    expect(await policyNotices(w.users.short)).toHaveLength(1);

    // A registry change through the enterprise profile (REG-2) re-matches in the same transaction.
    const res = await w.as.officer.request('PATCH', `/api/enterprises/${w.ent.short}`, { registeredOn: '2025-12-01' });
    expect(res.statusCode, res.body).toBe(200);
    const after = await json<ForYou>(w.as.short, 'GET', `/api/enterprises/${w.ent.short}/policies`);
    expect(after.counts.met).toBe(0);
    // Fields no policy reads change nothing.
    const row = await ctx.db.kysely
      .selectFrom('policy_result')
      .selectAll()
      .where('enterprise_id', '=', w.ent.short)
      .executeTakeFirstOrThrow();
    await w.as.officer.request('PATCH', `/api/enterprises/${w.ent.short}`, { legalRepresentative: '张三' });
    const again = await ctx.db.kysely
      .selectFrom('policy_result')
      .selectAll()
      .where('enterprise_id', '=', w.ent.short)
      .executeTakeFirstOrThrow();
    expect(again.computed_at).toEqual(row.computed_at);
  });

  it('POL-3 applications move 待申报 → 已申报 → 已兑现; only officers grant; 免申即享 is granted on publishing', async () => {
    const app = await json<{ id: string; status: string }>(w.as.ready, 'POST', `/api/policies/${policyId}/applications`, {});
    expect(app.status).toBe('pending');
    expect((await w.as.ready.request('POST', `/api/policies/${policyId}/applications`, {})).statusCode).toBe(409);
    const submitted = await json<{ status: string; submittedOn: string }>(
      w.as.ready,
      'POST',
      `/api/policy-applications/${app.id}/transition`,
      {
        to: 'submitted',
        amount: 100_000,
      },
    );
    expect(submitted.status).toBe('submitted');
    expect(
      (await w.as.ready.request('POST', `/api/policy-applications/${app.id}/transition`, { to: 'granted', amount: 1 })).statusCode,
    ).toBe(403);
    expect((await w.as.officer.request('POST', `/api/policy-applications/${app.id}/transition`, { to: 'granted' })).statusCode).toBe(400);
    const granted = await json<{ status: string; grantedAmount: number; grantedOn: string }>(
      w.as.officer,
      'POST',
      `/api/policy-applications/${app.id}/transition`,
      { to: 'granted', amount: 100_000, on: '2025-07-01' },
    );
    expect(granted).toMatchObject({ status: 'granted', grantedAmount: 100_000, grantedOn: '2025-07-01' });
    expect((await w.as.officer.request('POST', `/api/policy-applications/${app.id}/transition`, { to: 'submitted' })).statusCode).toBe(409);

    const auto = await json<Policy>(
      w.as.officer,
      'POST',
      '/api/policies',
      policyBody(w.street, { title: '研发投入免申即享补助', mode: 'automatic', benefitAmount: 50_000 }),
    );
    await json(w.as.officer, 'POST', `/api/policies/${auto.id}/publish`, {});
    const grants = await json<{ items: { status: string; automatic: boolean; grantedAmount: number; enterpriseId: string }[] }>(
      w.as.officer,
      'GET',
      `/api/policy-applications?policyId=${auto.id}`,
    );
    expect(grants.items).toEqual([expect.objectContaining({ status: 'granted', automatic: true, grantedAmount: 50_000 })]);
    expect((await w.as.ready.request('POST', `/api/policies/${auto.id}/applications`, {})).statusCode).toBe(409);

    const dashboard = await json<{ totals: { eligible: number; applied: number; granted: number; grantedAmount: number; pushes: number } }>(
      w.as.officer,
      'GET',
      '/api/policy-dashboard',
    );
    expect(dashboard.totals).toMatchObject({ applied: 1, granted: 2, grantedAmount: 150_000 });
    const xlsx = await w.as.officer.request('GET', '/api/policy-dashboard.xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('POL-3 a question about a policy becomes a matter in one click, linked to the policy', async () => {
    const res = await json<{ matterId: string; created: boolean }>(w.as.ready, 'POST', `/api/policies/${policyId}/questions`, {
      question: '培育库入库后研发补助何时拨付？',
    });
    expect(res.created).toBe(true);
    const matter = await ctx.db.kysely
      .selectFrom('matter')
      .innerJoin('matter_category as c', 'c.id', 'matter.category_id')
      .select(['matter.description', 'matter.enterprise_id', 'c.code'])
      .where('matter.id', '=', res.matterId)
      .executeTakeFirstOrThrow();
    expect(matter).toMatchObject({ code: 'policy_consultation', enterprise_id: w.ent.ready });
    expect(matter.description).toContain(`/policies/${policyId}`);
  });

  it('POL-4 a matching meeting invites the eligible and nearly eligible enterprises and records attendance', async () => {
    const meeting = await json<{ id: string; invites: { enterpriseId: string; reason: string }[] }>(
      w.as.officer,
      'POST',
      '/api/policy-meetings',
      {
        title: '甲街道科技企业政策对接会',
        heldAt: '2025-07-10T09:30:00+08:00',
        regionCode: w.street,
        policyIds: [policyId],
      },
    );
    expect(meeting.invites.find((i) => i.enterpriseId === w.ent.ready)?.reason).toBe('eligible');
    expect(meeting.invites.some((i) => i.enterpriseId === w.ent.elsewhere)).toBe(false);
    const updated = await json<{ invites: { enterpriseId: string; attended: boolean | null; followUp: string | null }[] }>(
      w.as.officer,
      'PATCH',
      `/api/policy-meetings/${meeting.id}/invites/${w.ent.ready}`,
      { attended: true, followUp: '协助准备申报材料' },
    );
    expect(updated.invites.find((i) => i.enterpriseId === w.ent.ready)).toMatchObject({ attended: true, followUp: '协助准备申报材料' });
  });

  it('POL-1 Chinese search finds a policy by any substring; withdrawal leaves the lists and is kept in the history', async () => {
    const found = await json<{ items: { id: string }[] }>(w.as.ready, 'GET', `/api/policies?q=${encodeURIComponent('培育库')}`);
    expect(found.items.map((i) => i.id)).toContain(policyId);
    const none = await json<{ items: unknown[] }>(w.as.ready, 'GET', `/api/policies?q=${encodeURIComponent('人才公寓')}`);
    expect(none.items).toHaveLength(0);
    const withdrawn = await json<Policy>(w.as.officer, 'POST', `/api/policies/${policyId}/withdraw`, {});
    expect(withdrawn.history.map((h) => h.action).slice(-1)).toEqual(['withdraw']);
    const mine = await json<ForYou>(w.as.ready, 'GET', `/api/enterprises/${w.ent.ready}/policies`);
    expect(mine.items.map((i) => i.policy.id)).not.toContain(policyId);
  });

  it('POL-1 POL-2 after its 申报截止 a policy still in force cannot be applied for and is listed after the open ones', async () => {
    const day = (offset: number) => new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
    const publish = async (title: string, deadline: string) => {
      const p = await json<Policy>(w.as.officer, 'POST', '/api/policies', policyBody(w.street, { title, deadline }));
      await json(w.as.officer, 'POST', `/api/policies/${p.id}/publish`, {});
      return p.id;
    };
    const closed = await publish('研发投入后补助（已截止）', day(-1));
    const soon = await publish('研发投入后补助（本月截止）', day(10));
    const later = await publish('研发投入后补助（下季度截止）', day(60));

    const mine = await json<{ items: { policy: { id: string } }[] }>(
      w.as.ready,
      'GET',
      `/api/enterprises/${w.ent.ready}/policies?limit=50`,
    );
    const order = mine.items.map((i) => i.policy.id).filter((id) => [closed, soon, later].includes(id));
    expect(order).toEqual([soon, later, closed]);

    const refused = await w.as.ready.request('POST', `/api/policies/${closed}/applications`, {});
    expect(refused.statusCode).toBe(409);
    expect((refused.json() as { error: { message: string } }).error.message).toContain('截止');
    expect(await ctx.db.kysely.selectFrom('policy_application').select('id').where('policy_id', '=', closed).execute()).toHaveLength(0);

    // Marked 待申报 in time, but not sent before the deadline: 已申报 is refused, nothing changes.
    const app = await json<{ id: string }>(w.as.ready, 'POST', `/api/policies/${soon}/applications`, {});
    await ctx.db.kysely
      .updateTable('policy')
      .set({ deadline: day(-1) })
      .where('id', '=', soon)
      .execute();
    const late = await w.as.ready.request('POST', `/api/policy-applications/${app.id}/transition`, { to: 'submitted' });
    expect(late.statusCode).toBe(409);
    const row = await ctx.db.kysely.selectFrom('policy_application').select('status').where('id', '=', app.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('pending');
  });
});
