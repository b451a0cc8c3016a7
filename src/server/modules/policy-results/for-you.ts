import type { Kysely } from 'kysely';
import { applicationsClosed } from '../../../domain/policies/deadline.ts';
import { FIELD_LABELS } from '../../../domain/policies/messages.ts';
import type { ProfileField } from '../../../domain/policies/profile.ts';
import type { Database, Locale } from '../../db/schema.ts';
import { POLICY_COLUMNS } from '../policies/queries.ts';
import { presentPolicySummary } from '../policies/presenter.ts';
import { explain, namesFor } from './explain.ts';
import { judge, prepare } from './match.ts';
import { loadForMatching } from './profiles.ts';
import { inForce, publishedCatalogue, type LivePolicy } from './rules.ts';

/**
 * POL-2 "policies for you" (为您推荐的政策), judged when asked: the enterprise's
 * profile against the compiled rules of its catalogue's published policies in force
 * (microseconds each), so the list is never behind the profile or the date — met
 * first, then one condition away (an unreported field before an unmet condition),
 * each open for application by the nearest deadline first and those past their
 * deadline last — with only the page read in full and explained.
 */
export async function policiesForEnterprise(opts: {
  db: Kysely<Database>;
  enterpriseId: string;
  offset: number;
  limit: number;
  asOf: string;
  locale: Locale;
}) {
  const { db, enterpriseId, locale, asOf } = opts;
  const found = await loadForMatching(db, enterpriseId);
  if (!found) return { items: [], total: 0, counts: { met: 0, nearly: 0 }, missingFields: [] };
  const { row } = found;
  const policies = (await publishedCatalogue(db, found.stamp)).filter((p) => inForce(p, asOf));
  const match = judge(prepare(policies), row.regionCode, row.profile, asOf);
  const byId = new Map(policies.map((p) => [p.id, p]));
  const order = (ids: string[]) => ids.map((id) => byId.get(id)!).sort(byDeadline(asOf));
  const ranked = [
    ...order(match.met).map((p) => ({ p, gap: 0 })),
    ...order(match.unknown).map((p) => ({ p, gap: 1 })),
    ...order(match.unmet).map((p) => ({ p, gap: 1 })),
  ];
  const page = ranked.slice(opts.offset, opts.offset + opts.limit);
  const ids = page.map((x) => x.p.id);
  const rows = ids.length
    ? await db
        .selectFrom('policy')
        .leftJoin('region', 'region.code', 'policy.region_code')
        .leftJoin('policy_application as a', (j) => j.onRef('a.policy_id', '=', 'policy.id').on('a.enterprise_id', '=', enterpriseId))
        .select([
          ...POLICY_COLUMNS,
          'region.name as region_name',
          'a.id as application_id',
          'a.status as application_status',
          'a.granted_amount',
        ])
        .where('policy.id', 'in', ids)
        .execute()
    : [];
  const rowOf = new Map(rows.map((r) => [r.id, r]));
  const names = await namesFor(
    db,
    page.map((x) => x.p.rule),
  );
  const missing = new Set<ProfileField>();
  const items = page.flatMap(({ p, gap }) => {
    const r = rowOf.get(p.id);
    // Withdrawn between the two reads: left out of this page.
    if (!r) return [];
    const explanation = explain({ rule: p.rule, profile: row.profile, asOf, names, locale });
    for (const f of explanation.missingFields) missing.add(f.field);
    return [
      {
        policy: presentPolicySummary(r, null),
        gap,
        explanation,
        application: r.application_id
          ? {
              id: r.application_id,
              status: r.application_status!,
              grantedAmount: r.granted_amount === null ? null : Number(r.granted_amount),
            }
          : null,
      },
    ];
  });
  return {
    items,
    total: ranked.length,
    counts: { met: match.met.length, nearly: match.unknown.length + match.unmet.length },
    missingFields: [...missing].map((f) => ({ field: f, label: FIELD_LABELS[f][locale] })),
  };
}

/**
 * Still open for application, the nearest deadline first; then those without a deadline;
 * last those whose deadline has passed (in force, but too late to apply), latest first.
 * Ties: the newest policy.
 */
function byDeadline(asOf: string): (a: LivePolicy, b: LivePolicy) => number {
  const rank = (p: LivePolicy) => (p.deadline === null ? 1 : applicationsClosed(p.deadline, asOf) ? 2 : 0);
  return (a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    if (ra !== rb) return ra - rb;
    if (a.deadline !== b.deadline && a.deadline !== null && b.deadline !== null) {
      if (ra === 0) return a.deadline < b.deadline ? -1 : 1;
      return a.deadline > b.deadline ? -1 : 1;
    }
    return Number(b.id) - Number(a.id);
  };
}
