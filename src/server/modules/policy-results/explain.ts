import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import { evaluatePolicy, type LeafResult, type NameLookup } from '../../../domain/policies/evaluate.ts';
import { FIELD_LABELS } from '../../../domain/policies/messages.ts';
import type { EnterpriseProfile, ProfileField } from '../../../domain/policies/profile.ts';
import type { EligibilityRule } from '../../../domain/policies/rule.ts';
import type { Database, Locale } from '../../db/schema.ts';
import { STATUS_NAMES } from './status.ts';

/**
 * POL-2 explanations for what a page shows: the stored results say which
 * policies are met or nearly met (compiled, at write time); only the rows of
 * the page are explained, each condition with its sentence and what would
 * need to change.
 */
export interface ExplainedCondition {
  path: number[];
  field: string;
  status: 'met' | 'unmet' | 'unknown';
  text: string;
  change: string | null;
}

export interface Explanation {
  status: 'met' | 'unmet' | 'unknown';
  conditions: ExplainedCondition[];
  missingFields: { field: ProfileField; label: string }[];
}

/** Region and building names for the codes and ids a set of rules mentions, so sentences name places. */
export async function namesFor(db: Kysely<Database>, rules: readonly EligibilityRule[]): Promise<NameLookup> {
  const text = JSON.stringify(rules);
  const codes = [...new Set(text.match(/"\d{6}(?:\d{3})?"/g) ?? [])].map((c) => c.slice(1, -1));
  const buildingIds = new Set<string>();
  const walk = (r: EligibilityRule) => {
    if (r.kind === 'and' || r.kind === 'or') r.rules.forEach(walk);
    else if (r.kind === 'condition' && r.field === 'buildingId') r.values.forEach((v) => buildingIds.add(v));
  };
  rules.forEach(walk);
  const [regions, buildings] = await Promise.all([
    codes.length ? db.selectFrom('region').select(['code', 'name']).where('code', 'in', codes).execute() : [],
    buildingIds.size
      ? db
          .selectFrom('building')
          .select(['id', 'name'])
          .where(
            'id',
            'in',
            [...buildingIds].filter((b) => /^\d+$/.test(b)),
          )
          .execute()
      : [],
  ]);
  const regionNames = new Map(regions.map((r) => [r.code, r.name]));
  const buildingNames = new Map(buildings.map((b) => [b.id, b.name]));
  return { region: (c) => regionNames.get(c) ?? null, building: (id) => buildingNames.get(id) ?? null };
}

export function explain(options: {
  rule: EligibilityRule;
  profile: EnterpriseProfile;
  asOf: string;
  names: NameLookup;
  locale: Locale;
}): Explanation {
  const e = evaluatePolicy(options);
  const { locale } = options;
  return {
    status: e.status,
    conditions: e.leaves.map((l: LeafResult) => ({
      path: l.path,
      field: l.field,
      status: l.status,
      text: l.text[locale],
      change: l.change?.[locale] ?? null,
    })),
    missingFields: e.missingFields.map((f) => ({ field: f, label: FIELD_LABELS[f][locale] })),
  };
}

/**
 * Stored results of one policy within a scope of enterprises (aliased `e`), met or nearly
 * met, paged: the enterprises whose match holds the policy's id (`@>` over the arrays).
 */
export async function policyResultPage(
  db: Kysely<Database>,
  options: { policyId: string; scope: Expression<SqlBool>; gap: 0 | 1; offset: number; limit: number },
) {
  const one = [options.policyId];
  const holds =
    options.gap === 0
      ? sql<SqlBool>`r.met @> ${one}::bigint[]`
      : sql<SqlBool>`(r.unknown @> ${one}::bigint[] OR r.unmet @> ${one}::bigint[])`;
  const rows = await db
    .selectFrom('policy_match as r')
    .innerJoin('enterprise as e', 'e.organisation_id', 'r.enterprise_id')
    .innerJoin('organisation as o', 'o.id', 'r.enterprise_id')
    .select([
      'r.enterprise_id',
      sql<number>`CASE WHEN r.met @> ${one}::bigint[] THEN 2 WHEN r.unknown @> ${one}::bigint[] THEN 1 ELSE 0 END`.as('status'),
      sql<number>`${options.gap}::int`.as('gap'),
      'o.name',
      'e.region_code',
      sql<number>`count(*) OVER ()`.as('total'),
    ])
    .where(holds)
    .where(options.scope)
    .orderBy('o.name')
    .orderBy('r.enterprise_id')
    .offset(options.offset)
    .limit(options.limit)
    .execute();
  return { rows, total: rows.length ? Number(rows[0]!.total) : 0 };
}

export { STATUS_NAMES };
