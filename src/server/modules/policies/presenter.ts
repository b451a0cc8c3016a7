import type { Explanation } from '../policy-results/explain.ts';
import type { PolicyRow, PolicySummaryRow } from './queries.ts';

const num = (v: string | null): number | null => (v === null ? null : Number(v));
const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** POL-1 a catalogue row as the list shows it. */
export function presentPolicySummary(r: PolicySummaryRow | PolicyRow, eligible: number | null) {
  return {
    id: r.id,
    title: r.title,
    issuer: r.issuer,
    level: r.level,
    regionCode: r.region_code,
    regionName: r.region_name,
    mode: r.mode,
    status: r.status,
    benefit: r.benefit,
    benefitAmount: num(r.benefit_amount),
    validFrom: r.valid_from,
    validTo: r.valid_to,
    deadline: r.deadline,
    version: r.version,
    publishedAt: iso(r.published_at),
    eligible,
  };
}

export function presentPolicy(
  r: PolicyRow,
  extra: {
    eligible: number | null;
    mayEdit: boolean;
    mine: Explanation | null;
    history: { version: number; action: string; actor_name: string; created_at: Date }[];
  },
) {
  return {
    ...presentPolicySummary(r, extra.eligible),
    beneficiaries: r.beneficiaries,
    benefitRate: num(r.benefit_rate),
    benefitCap: num(r.benefit_cap),
    fullText: r.full_text,
    contact: r.contact,
    rule: r.rule,
    fieldsUsed: r.fields_used,
    mayEdit: extra.mayEdit,
    mine: extra.mine,
    history: extra.history.map((h) => ({ version: h.version, action: h.action, actorName: h.actor_name, at: h.created_at.toISOString() })),
  };
}
