import type { EligibilityRule } from '../../src/domain/policies/rule.ts';
import { login, type Agent, type TestContext } from './app.ts';
import { createRegionTree, createUser, type RegionTree } from './factories.ts';
import { createEnterprise } from './service-factories.ts';

/**
 * POL-1 … POL-4 a small world: a street with three enterprises (one high-tech
 * candidate, one short of R&D, one with nothing reported), another street with
 * one, the street's officer, the other street's officer, and an account for the
 * first two enterprises.
 */
export interface PolicyWorld {
  tree: RegionTree;
  street: string;
  otherStreet: string;
  ent: { ready: string; short: string; blank: string; elsewhere: string };
  paths: Record<string, string>;
  users: { ready: string; short: string };
  as: { officer: Agent; outsider: Agent; ready: Agent; short: Agent; elsewhere: Agent };
}

/** 高新技术企业培育: R&D ratio by revenue band (5 % up to ¥50M, 4 % up to ¥200M, else 3 %), a year registered, in the street. */
export function cultivationRule(street: string): EligibilityRule {
  return {
    kind: 'and',
    rules: [
      {
        kind: 'bracket',
        field: 'rdRatio',
        op: 'gte',
        by: 'revenue',
        bands: [
          { upTo: 50_000_000, inclusive: true, threshold: 5 },
          { upTo: 200_000_000, inclusive: true, threshold: 4 },
        ],
        otherwise: 3,
      },
      { kind: 'condition', field: 'registeredOn', op: 'years_at_least', value: 1 },
      { kind: 'condition', field: 'regionCode', op: 'within', values: [street] },
    ],
  };
}

export async function createPolicyWorld(ctx: TestContext): Promise<PolicyWorld> {
  const db = ctx.db.kysely;
  const tree = await createRegionTree(db);
  const [street, otherStreet] = tree.townships;
  const v0 = tree.villages[0][0];
  const ready = await createEnterprise(db, { regionCode: v0, name: '甲街道研发科技有限公司', industryCode: '65' });
  const short = await createEnterprise(db, { regionCode: v0, name: '甲街道软件服务有限公司', industryCode: '65' });
  const blank = await createEnterprise(db, { regionCode: tree.villages[0][1], name: '甲街道商贸有限公司', industryCode: '51' });
  const elsewhere = await createEnterprise(db, { regionCode: tree.villages[1][0], name: '乙街道研发科技有限公司', industryCode: '65' });
  for (const e of [ready, short, elsewhere]) {
    await db
      .updateTable('enterprise')
      .set({ registered_on: '2019-03-01', size_class: 'small', staff_count: 40 })
      .where('organisation_id', '=', e.id)
      .execute();
  }
  await db
    .insertInto('enterprise_profile')
    .values([
      // ¥30M revenue, ¥1.8M R&D: 6 % ≥ 5 %.
      { enterprise_id: ready.id, revenue: 30_000_000, rd_spending: 1_800_000, qualifications: ['tech_sme'] },
      // ¥30M revenue, ¥1.2M R&D: 4 % < 5 %.
      { enterprise_id: short.id, revenue: 30_000_000, rd_spending: 1_200_000, qualifications: [] },
      { enterprise_id: elsewhere.id, revenue: 30_000_000, rd_spending: 3_000_000, qualifications: [] },
    ])
    .execute();
  const officer = await createUser(db, { role: 'street', regionCode: street });
  const outsider = await createUser(db, { role: 'street', regionCode: otherStreet });
  const readyUser = await createUser(db, { role: 'enterprise', organisationId: ready.id, orgPath: ready.path });
  const shortUser = await createUser(db, { role: 'enterprise', organisationId: short.id, orgPath: short.path });
  const elsewhereUser = await createUser(db, { role: 'enterprise', organisationId: elsewhere.id, orgPath: elsewhere.path });
  const [o, out, r, s, e] = await Promise.all([
    login(ctx.app, officer.username, officer.password),
    login(ctx.app, outsider.username, outsider.password),
    login(ctx.app, readyUser.username, readyUser.password),
    login(ctx.app, shortUser.username, shortUser.password),
    login(ctx.app, elsewhereUser.username, elsewhereUser.password),
  ]);
  return {
    tree,
    street,
    otherStreet,
    ent: { ready: ready.id, short: short.id, blank: blank.id, elsewhere: elsewhere.id },
    paths: { [ready.id]: ready.path, [short.id]: short.path, [blank.id]: blank.path, [elsewhere.id]: elsewhere.path },
    users: { ready: readyUser.id, short: shortUser.id },
    as: { officer: o, outsider: out, ready: r, short: s, elsewhere: e },
  };
}

/** A policy body as the editor posts it. */
export function policyBody(street: string, extra: Record<string, unknown> = {}) {
  return {
    title: '高新技术企业培育库入库奖励',
    issuer: '测试区科学技术局',
    regionCode: street,
    mode: 'fast_track',
    benefit: '入库企业给予 10 万元研发补助',
    benefitAmount: 100_000,
    fullText: '对纳入高新技术企业培育库的科技型中小企业，给予一次性研发经费补助。',
    rule: cultivationRule(street),
    ...extra,
  };
}

export async function json<T>(
  agent: Agent,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT',
  url: string,
  payload?: unknown,
  expected = [200, 201],
): Promise<T> {
  const res = await agent.request(method, url, payload);
  if (!expected.includes(res.statusCode)) throw new Error(`${method} ${url} answered ${res.statusCode}: ${res.body}`);
  return res.json() as T;
}
