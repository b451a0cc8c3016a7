import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import { regionPrefix } from '../../../domain/regions.ts';
import type { Actor } from '../../auth/actor.ts';
import { mayDecidePolicyApplication } from '../../auth/policy.ts';
import type { Database } from '../../db/schema.ts';
import { scopeWhere } from '../../db/scoped.ts';
import { forbidden } from '../../http/errors.ts';

/**
 * POL-3 dashboard: pushes, eligible vs applied vs granted and amounts granted,
 * by policy, by issuer and by street — over the enterprises in the officer's
 * scope. Applications count those the enterprises made (免申即享 grants are
 * counted as granted, not as applied).
 */
export interface PolicyFigures {
  pushes: number;
  eligible: number;
  applied: number;
  granted: number;
  grantedAmount: number;
}

const zero = (): PolicyFigures => ({ pushes: 0, eligible: 0, applied: 0, granted: 0, grantedAmount: 0 });

async function figuresBy(db: Kysely<Database>, scope: Expression<SqlBool>, key: (alias: string) => RawBuilder<string>) {
  const [pushes, eligible, applications] = await Promise.all([
    sql<{ k: string; n: string }>`SELECT ${key('x')} AS k, count(*) AS n FROM policy_push x
      JOIN enterprise e ON e.organisation_id = x.enterprise_id WHERE ${scope} GROUP BY 1`.execute(db),
    sql<{ k: string; n: string }>`SELECT ${key('r')} AS k, count(*) AS n FROM policy_result r
      JOIN enterprise e ON e.organisation_id = r.enterprise_id WHERE r.gap = 0 AND ${scope} GROUP BY 1`.execute(db),
    sql<{ k: string; applied: string; granted: string; amount: string | null }>`SELECT ${key('a')} AS k,
        count(*) FILTER (WHERE NOT a.automatic AND a.status IN ('submitted', 'granted', 'rejected')) AS applied,
        count(*) FILTER (WHERE a.status = 'granted') AS granted,
        sum(a.granted_amount) FILTER (WHERE a.status = 'granted') AS amount
      FROM policy_application a JOIN enterprise e ON e.organisation_id = a.enterprise_id WHERE ${scope} GROUP BY 1`.execute(db),
  ]);
  const out = new Map<string, PolicyFigures>();
  const at = (k: string) => out.get(k) ?? out.set(k, zero()).get(k)!;
  for (const r of pushes.rows) at(r.k).pushes = Number(r.n);
  for (const r of eligible.rows) at(r.k).eligible = Number(r.n);
  for (const r of applications.rows) {
    const f = at(r.k);
    f.applied = Number(r.applied);
    f.granted = Number(r.granted);
    f.grantedAmount = Number(r.amount ?? 0);
  }
  return out;
}

function add(into: PolicyFigures, f: PolicyFigures): PolicyFigures {
  into.pushes += f.pushes;
  into.eligible += f.eligible;
  into.applied += f.applied;
  into.granted += f.granted;
  into.grantedAmount += f.grantedAmount;
  return into;
}

export async function policyDashboard(opts: { db: Kysely<Database>; actor: Actor; regionCode?: string | undefined }) {
  const { db, actor } = opts;
  if (!mayDecidePolicyApplication(actor)) throw forbidden();
  const parts = [scopeWhere(actor, 'enterprise', 'read', 'e')];
  if (opts.regionCode) parts.push(sql<SqlBool>`e.region_code LIKE ${regionPrefix(opts.regionCode) + '%'}`);
  const scope = sql<SqlBool>`(${sql.join(parts, sql` AND `)})`;
  const [byPolicyId, byStreetCode] = await Promise.all([
    figuresBy(db, scope, (a) => sql<string>`${sql.ref(`${a}.policy_id`)}::text`),
    figuresBy(db, scope, () => sql<string>`substr(e.region_code, 1, 9)`),
  ]);
  const ids = [...byPolicyId.keys()];
  const codes = [...byStreetCode.keys()];
  const [policies, regions] = await Promise.all([
    ids.length ? db.selectFrom('policy').select(['id', 'title', 'issuer', 'mode', 'status']).where('id', 'in', ids).execute() : [],
    codes.length ? db.selectFrom('region').select(['code', 'name']).where('code', 'in', codes).execute() : [],
  ]);
  const names = new Map(regions.map((r) => [r.code, r.name]));
  const byPolicy = policies
    .map((p) => ({ id: p.id, title: p.title, issuer: p.issuer, mode: p.mode, status: p.status, ...byPolicyId.get(p.id)! }))
    .sort((a, b) => b.eligible - a.eligible || b.grantedAmount - a.grantedAmount || Number(a.id) - Number(b.id));
  const issuers = new Map<string, PolicyFigures & { policies: number }>();
  for (const p of byPolicy) {
    const f = issuers.get(p.issuer) ?? { ...zero(), policies: 0 };
    add(f, p);
    f.policies++;
    issuers.set(p.issuer, f);
  }
  const totals = byPolicy.reduce((t, p) => add(t, p), zero());
  const published = await db
    .selectFrom('policy')
    .select(sql<string>`count(*)`.as('n'))
    .where('status', '=', 'published')
    .where(scopeWhere(actor, 'policy', 'read'))
    .executeTakeFirstOrThrow();
  return {
    totals: { ...totals, policies: Number(published.n) },
    byPolicy,
    byIssuer: [...issuers].map(([issuer, f]) => ({ issuer, ...f })).sort((a, b) => b.eligible - a.eligible),
    byStreet: [...byStreetCode]
      .map(([code, f]) => ({ regionCode: code, name: names.get(code) ?? code, ...f }))
      .sort((a, b) => b.eligible - a.eligible),
  };
}

export type PolicyDashboard = Awaited<ReturnType<typeof policyDashboard>>;
