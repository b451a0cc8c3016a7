import { sql, type SqlBool, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { enqueueNotification } from '../notifications/enqueue.ts';
import type { LivePolicy } from './rules.ts';

/** An enterprise that has just come to meet a policy. */
export interface NewlyEligible {
  enterpriseId: string;
  regionCode: string;
  orgPath: string;
}

export interface PushSummary {
  /** Enterprises told for the first time about this version of the policy. */
  pushed: number;
  /** 免申即享 benefits recorded as granted. */
  granted: number;
  /** In-app notifications written. */
  notified: number;
}

/**
 * POL-3 tells newly eligible enterprises once: a `policy_push` row per enterprise ×
 * policy × version (unique), an in-app notification to the enterprise's accounts
 * deduplicated by the same triple, and for 免申即享 the benefit recorded as granted.
 * Runs inside the caller's transaction: a recomputation that rolls back tells no one.
 */
export async function pushPolicy(opts: {
  trx: Transaction<Database>;
  policy: Pick<LivePolicy, 'id' | 'version' | 'title' | 'mode' | 'regionCode' | 'benefitAmount'>;
  enterprises: readonly NewlyEligible[];
  asOf: string;
}): Promise<PushSummary> {
  const { trx, policy, enterprises, asOf } = opts;
  if (enterprises.length === 0) return { pushed: 0, granted: 0, notified: 0 };
  const ids = enterprises.map((e) => e.enterpriseId);
  const fresh = await sql<{ enterprise_id: string }>`
    INSERT INTO policy_push (policy_id, enterprise_id, version)
    SELECT ${policy.id}, e, ${policy.version} FROM unnest(${ids}::bigint[]) AS t(e)
    ON CONFLICT (enterprise_id, policy_id, version) DO NOTHING
    RETURNING enterprise_id::text`.execute(trx);
  const pushedIds = fresh.rows.map((r) => r.enterprise_id);
  let granted = 0;
  if (policy.mode === 'automatic' && pushedIds.length > 0) {
    const place = new Map(enterprises.map((e) => [e.enterpriseId, e]));
    const chosen = pushedIds.map((id) => place.get(id)!);
    const written = await sql<{ id: string }>`
      INSERT INTO policy_application (policy_id, enterprise_id, status, automatic, granted_amount, granted_on, region_code, org_path)
      SELECT ${policy.id}, e, 'granted', true, ${policy.benefitAmount}::numeric, ${asOf}::date, r, o
      FROM unnest(${chosen.map((c) => c.enterpriseId)}::bigint[], ${chosen.map((c) => c.regionCode)}::text[], ${chosen.map((c) => c.orgPath)}::text[]) AS t(e, r, o)
      ON CONFLICT (policy_id, enterprise_id) DO NOTHING
      RETURNING id::text`.execute(trx);
    granted = written.rows.length;
  }
  let notified = 0;
  if (pushedIds.length > 0) {
    // Only enterprises with accounts hear of it; one call each, so every notice is keyed by enterprise × policy × version.
    const users = await trx
      .selectFrom('app_user')
      .select(['id', 'organisation_id'])
      .where('role', '=', 'enterprise')
      .where('disabled', '=', false)
      // One array parameter: a broad policy can make tens of thousands of enterprises eligible at once.
      .where(sql<SqlBool>`organisation_id = ANY(${pushedIds}::bigint[])`)
      .execute();
    const byEnterprise = new Map<string, string[]>();
    for (const u of users) byEnterprise.set(u.organisation_id!, [...(byEnterprise.get(u.organisation_id!) ?? []), u.id]);
    const place = new Map(enterprises.map((e) => [e.enterpriseId, e]));
    for (const [enterpriseId, userIds] of byEnterprise) {
      const result = await enqueueNotification(trx, {
        kind: 'policy.eligible',
        title: { key: 'notice.policy_eligible_title', params: { title: policy.title } },
        body: {
          key: policy.mode === 'automatic' ? 'notice.policy_granted_body' : 'notice.policy_eligible_body',
          params: { title: policy.title },
        },
        link: `/policies/${policy.id}`,
        regionCode: place.get(enterpriseId)?.regionCode ?? null,
        orgPath: place.get(enterpriseId)?.orgPath ?? null,
        userIds,
        dedupeKey: `policy:${policy.id}:v${policy.version}:e${enterpriseId}`,
      });
      notified += result.notified;
    }
  }
  return { pushed: pushedIds.length, granted, notified };
}

type PushedPolicy = Pick<LivePolicy, 'id' | 'version' | 'title' | 'mode' | 'regionCode' | 'benefitAmount'>;

/**
 * POL-3 the same for one enterprise that has just come to meet several policies (a
 * profile or lease change): the pushes, the 免申即享 grants and the accounts are one
 * statement each however many policies were gained, so the incremental path stays a
 * handful of round trips; notices are still one per policy (each its own dedupe key).
 */
export async function pushEnterprise(opts: {
  trx: Transaction<Database>;
  enterprise: NewlyEligible;
  policies: readonly PushedPolicy[];
  asOf: string;
}): Promise<PushSummary> {
  const { trx, enterprise, policies, asOf } = opts;
  if (policies.length === 0) return { pushed: 0, granted: 0, notified: 0 };
  const fresh = await sql<{ policy_id: string }>`
    INSERT INTO policy_push (policy_id, enterprise_id, version)
    SELECT p, ${enterprise.enterpriseId}::bigint, v FROM unnest(${policies.map((p) => p.id)}::bigint[], ${policies.map((p) => p.version)}::int[]) AS t(p, v)
    ON CONFLICT (enterprise_id, policy_id, version) DO NOTHING
    RETURNING policy_id::text`.execute(trx);
  const pushedIds = new Set(fresh.rows.map((r) => r.policy_id));
  const pushed = policies.filter((p) => pushedIds.has(p.id));
  let granted = 0;
  const automatic = pushed.filter((p) => p.mode === 'automatic');
  if (automatic.length > 0) {
    const written = await sql<{ id: string }>`
      INSERT INTO policy_application (policy_id, enterprise_id, status, automatic, granted_amount, granted_on, region_code, org_path)
      SELECT p, ${enterprise.enterpriseId}::bigint, 'granted', true, a, ${asOf}::date, ${enterprise.regionCode}, ${enterprise.orgPath}
      FROM unnest(${automatic.map((p) => p.id)}::bigint[], ${automatic.map((p) => p.benefitAmount)}::numeric[]) AS t(p, a)
      ON CONFLICT (policy_id, enterprise_id) DO NOTHING
      RETURNING id::text`.execute(trx);
    granted = written.rows.length;
  }
  let notified = 0;
  if (pushed.length > 0) {
    const users = await trx
      .selectFrom('app_user')
      .select('id')
      .where('role', '=', 'enterprise')
      .where('disabled', '=', false)
      .where('organisation_id', '=', enterprise.enterpriseId)
      .execute();
    if (users.length > 0) {
      for (const policy of pushed) {
        const result = await enqueueNotification(trx, {
          kind: 'policy.eligible',
          title: { key: 'notice.policy_eligible_title', params: { title: policy.title } },
          body: {
            key: policy.mode === 'automatic' ? 'notice.policy_granted_body' : 'notice.policy_eligible_body',
            params: { title: policy.title },
          },
          link: `/policies/${policy.id}`,
          regionCode: enterprise.regionCode,
          orgPath: enterprise.orgPath,
          userIds: users.map((u) => u.id),
          dedupeKey: `policy:${policy.id}:v${policy.version}:e${enterprise.enterpriseId}`,
        });
        notified += result.notified;
      }
    }
  }
  return { pushed: pushed.length, granted, notified };
}
