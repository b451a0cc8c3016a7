import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { emptyMatch, gainedIds, judge, lostIds, prepare, sameMatch, writeMatches } from './match.ts';
import { loadForMatching } from './profiles.ts';
import { pushEnterprise, type PushSummary } from './push.ts';
import { inForce, publishedCatalogue } from './rules.ts';

type Trx = Transaction<Database>;

export interface RefreshSummary extends PushSummary {
  /** Policies judged. */
  evaluated: number;
  gained: string[];
  lost: string[];
}

/**
 * POL-3 incremental recomputation after one enterprise's facts changed (its profile,
 * its registry record, a lease moving it into or out of a building): every published
 * policy of its catalogue in force is judged again — compiled closures, a few
 * microseconds each, so judging all of them costs less than finding which ones read
 * the changed fields — the enterprise's one stored row is rewritten only when its
 * results differ, and newly met policies are pushed. Called in the transaction of the
 * change, so the results move with the facts or not at all.
 */
export async function refreshEnterprisePolicies(opts: { trx: Trx; enterpriseId: string; asOf: string }): Promise<RefreshSummary> {
  const { trx, enterpriseId, asOf } = opts;
  const none: RefreshSummary = { evaluated: 0, gained: [], lost: [], pushed: 0, granted: 0, notified: 0 };
  const found = await loadForMatching(trx, enterpriseId);
  if (!found) return none;
  const { row } = found;
  const stored = found.stored ?? emptyMatch();
  const policies = (await publishedCatalogue(trx, found.stamp)).filter((p) => inForce(p, asOf));
  const catalogue = prepare(policies).filter((j) => j.prefix === '' || row.regionCode.startsWith(j.prefix));
  const after = judge(catalogue, row.regionCode, row.profile, asOf);
  const summary: RefreshSummary = { ...none, evaluated: catalogue.length };
  if (sameMatch(stored, after)) return summary;
  await writeMatches(trx, [{ enterpriseId, match: after }]);
  const gained = gainedIds(stored, after);
  const byId = new Map(policies.map((p) => [p.id, p]));
  const pushed = await pushEnterprise({
    trx,
    enterprise: { enterpriseId, regionCode: row.regionCode, orgPath: row.orgPath },
    policies: gained.map((id) => byId.get(id)!),
    asOf,
  });
  return { ...summary, ...pushed, gained, lost: lostIds(stored, after) };
}
