import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { emptyMatch, gainedIds, judgeInto, loadMatches, merge, prepare, sameMatch, writeMatches, type Match } from './match.ts';
import { loadProfiles, type ProfileRow } from './profiles.ts';
import { pushPolicy, type NewlyEligible, type PushSummary } from './push.ts';
import { livePolicies, type LivePolicy } from './rules.ts';

/**
 * POL-2/POL-3 recomputation of stored results for a set of policies (one just
 * published, those the date moved, or all of them): every enterprise of their
 * regions is judged by the compiled rules, its stored match is rebuilt (the
 * other policies' ids kept), and only the enterprises whose match changed are
 * written — whole rows, twenty thousand per statement. Enterprises that have just
 * come to meet a policy are pushed.
 */
export interface RecomputeSummary extends PushSummary {
  /** Enterprise × policy pairs judged. */
  evaluated: number;
  met: number;
  nearly: number;
  /** Enterprises whose stored match was written. */
  written: number;
  /** Enterprise × policy pairs no longer met or nearly met. */
  removed: number;
}

type Trx = Transaction<Database>;

const zero = (): RecomputeSummary => ({ evaluated: 0, met: 0, nearly: 0, written: 0, removed: 0, pushed: 0, granted: 0, notified: 0 });

/**
 * Judges `profiles` by `policies` and rewrites the stored matches where they changed.
 * `recomputed` is every policy whose stored ids are replaced — the judged ones and any
 * no longer live (withdrawn, out of force), whose ids are dropped; `null` means all of them.
 */
export async function rematch(opts: {
  trx: Trx;
  policies: readonly LivePolicy[];
  recomputed: ReadonlySet<string> | null;
  profiles: readonly ProfileRow[];
  asOf: string;
  /** Skip the pushes (the demo seed records its own history). */
  push?: boolean;
}): Promise<RecomputeSummary> {
  const { trx, profiles, asOf, recomputed } = opts;
  const judged = prepare(opts.policies);
  const stored = await loadMatches(
    trx,
    recomputed === null ? {} : { enterpriseIds: profiles.map((p) => p.enterpriseId), containing: [...recomputed] },
  );
  const summary = zero();
  const writes: { enterpriseId: string; match: Match }[] = [];
  const newly = new Map<string, NewlyEligible[]>();
  const consider = (enterpriseId: string, before: Match, after: Match, place: NewlyEligible | null) => {
    if (sameMatch(before, after)) return;
    writes.push({ enterpriseId, match: after });
    const now = new Set([...after.met, ...after.unknown, ...after.unmet]);
    summary.removed += [...before.met, ...before.unknown, ...before.unmet].filter((id) => !now.has(id)).length;
    if (!place) return;
    for (const id of gainedIds(before, after)) {
      const list = newly.get(id);
      if (list) list.push(place);
      else newly.set(id, [place]);
    }
  };
  for (const row of profiles) {
    const before = stored.get(row.enterpriseId) ?? emptyMatch();
    stored.delete(row.enterpriseId);
    const fresh = judgeInto(emptyMatch(), judged, row.regionCode, row.profile, asOf);
    summary.evaluated += judged.length;
    summary.met += fresh.met.length;
    summary.nearly += fresh.unknown.length + fresh.unmet.length;
    const after = recomputed === null ? fresh : merge(before, recomputed, fresh);
    consider(row.enterpriseId, before, after, { enterpriseId: row.enterpriseId, regionCode: row.regionCode, orgPath: row.orgPath });
  }
  // Stored matches of enterprises not judged now (outside the policies' regions): the recomputed ids leave them.
  for (const [enterpriseId, before] of stored) {
    const after = recomputed === null ? emptyMatch() : merge(before, recomputed, emptyMatch());
    consider(enterpriseId, before, after, null);
  }
  await writeMatches(trx, writes);
  summary.written = writes.length;
  if (opts.push !== false) {
    for (const judgedPolicy of judged) {
      const enterprises = newly.get(judgedPolicy.policy.id);
      if (!enterprises) continue;
      const pushed = await pushPolicy({ trx, policy: judgedPolicy.policy, enterprises, asOf });
      summary.pushed += pushed.pushed;
      summary.granted += pushed.granted;
      summary.notified += pushed.notified;
    }
  }
  return summary;
}

/** One policy after it was published, changed or withdrawn; a policy not published or not in force keeps no results. */
export async function recomputePolicyResults(opts: { trx: Trx; policyId: string; asOf: string }): Promise<RecomputeSummary> {
  const { trx, policyId, asOf } = opts;
  const [policy] = await livePolicies(trx, { ids: [policyId], asOf });
  const recomputed = new Set([policyId]);
  if (!policy) return rematch({ trx, policies: [], recomputed, profiles: [], asOf });
  const profiles = await loadProfiles(trx, { regionCode: policy.regionCode });
  return rematch({ trx, policies: [policy], recomputed, profiles, asOf });
}

/**
 * Every published policy in force against every enterprise (profiles read once): after
 * a bulk import, to build the results at seed, or when stored results may be stale.
 */
export async function recomputeAllPolicyResults(opts: {
  trx: Trx;
  asOf: string;
  push?: boolean;
}): Promise<RecomputeSummary & { policies: number }> {
  const { trx, asOf } = opts;
  const profiles = await loadProfiles(trx);
  const policies = await livePolicies(trx, { asOf });
  const summary = await rematch({ trx, policies, recomputed: null, profiles, asOf, ...(opts.push === false ? { push: false } : {}) });
  return { policies: policies.length, ...summary };
}
