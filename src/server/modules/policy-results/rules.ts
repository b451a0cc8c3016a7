import { sql, type Kysely, type SqlBool } from 'kysely';
import { compileRuleCode, type CompiledRuleCode } from '../../../domain/policies/compile.ts';
import { compileRuleGap, type CompiledGap } from '../../../domain/policies/gap.ts';
import type { ProfileField } from '../../../domain/policies/profile.ts';
import type { EligibilityRule } from '../../../domain/policies/rule.ts';
import { ancestorCodes } from '../../../domain/regions.ts';
import type { Database } from '../../db/schema.ts';
import type { ApplicationMode } from '../../db/schema-policies.ts';

/**
 * POL-2 published policies with their rules compiled once per version: the
 * closures are kept across requests (a policy's version changes with every
 * edit, so a cached entry is never stale), and evaluating 200 policies for one
 * enterprise costs microseconds.
 */
export interface LivePolicy {
  id: string;
  version: number;
  title: string;
  mode: ApplicationMode;
  regionCode: string | null;
  benefitAmount: string | null;
  validFrom: string | null;
  validTo: string | null;
  deadline: string | null;
  fields: ProfileField[];
  rule: EligibilityRule;
  status: CompiledRuleCode;
  gap: CompiledGap;
}

const MAX_CACHED = 5_000;
const compiled = new Map<string, { rule: EligibilityRule; status: CompiledRuleCode; gap: CompiledGap }>();

export function compiledRule(id: string, version: number, rule: unknown) {
  const key = `${id}:${version}`;
  let hit = compiled.get(key);
  if (!hit) {
    if (compiled.size >= MAX_CACHED) compiled.clear();
    const r = rule as EligibilityRule;
    hit = { rule: r, status: compileRuleCode(r), gap: compileRuleGap(r) };
    compiled.set(key, hit);
  }
  return hit;
}

/**
 * What the published catalogue is, in 32 characters: the published policies' ids and
 * versions (every edit bumps a version; publishing and withdrawing change the set), and
 * their update times, which tell apart two databases one process may hold (tests).
 * Read inside another statement, so a cached catalogue is checked without a round trip.
 */
export const catalogueStamp = sql<string>`(SELECT md5(coalesce(string_agg(id::text || ':' || version::text || ':' || updated_at::text, ',' ORDER BY id), '')) FROM policy WHERE status = 'published')`;

let cached: { stamp: string; policies: LivePolicy[] } | null = null;

/**
 * Every published policy (compiled), re-read only when `stamp` (read by the caller with
 * `catalogueStamp`) differs from the cached one's: the incremental path and "policies for
 * you" then cost no catalogue query at all. Callers filter by region and `inForce`.
 */
export async function publishedCatalogue(db: Kysely<Database>, stamp: string): Promise<LivePolicy[]> {
  if (cached?.stamp === stamp) return cached.policies;
  const policies = await livePolicies(db);
  cached = { stamp, policies };
  return policies;
}

/** Whether a policy is in force on `asOf` ('YYYY-MM-DD'): results are kept only for those. */
export function inForce(p: Pick<LivePolicy, 'validFrom' | 'validTo'>, asOf: string): boolean {
  return (p.validFrom === null || p.validFrom <= asOf) && (p.validTo === null || p.validTo >= asOf);
}

/** The regions whose catalogue covers an enterprise of `regionCode`: itself and the regions above it. */
export function catalogueLine(regionCode: string): string[] {
  return [regionCode, ...ancestorCodes(regionCode)];
}

export async function livePolicies(
  db: Kysely<Database>,
  options: {
    ids?: readonly string[];
    /** Only policies reading one of these fields. */
    fields?: readonly ProfileField[];
    /** Only policies in the catalogue of an enterprise of this region (national ones included). */
    forRegion?: string;
    /** Only policies in force on this day (within their validity window): the others keep no results. */
    asOf?: string;
  } = {},
): Promise<LivePolicy[]> {
  // The rule JSON is fetched only for versions not compiled yet: parsing 200 rules per call would cost more than judging them.
  let q = db
    .selectFrom('policy')
    .select(['id', 'version', 'title', 'mode', 'region_code', 'benefit_amount', 'valid_from', 'valid_to', 'deadline', 'fields_used'])
    .where('status', '=', 'published')
    .orderBy('id');
  if (options.ids) q = q.where('id', 'in', options.ids.length ? options.ids : ['0']);
  if (options.fields) q = q.where(sql<SqlBool>`fields_used && ${[...options.fields]}::text[]`);
  if (options.forRegion) {
    const line = catalogueLine(options.forRegion);
    q = q.where((eb) => eb.or([eb('region_code', 'is', null), eb('region_code', 'in', line)]));
  }
  if (options.asOf) {
    const day = options.asOf;
    q = q.where((eb) =>
      eb.and([
        eb.or([eb('valid_from', 'is', null), eb('valid_from', '<=', day)]),
        eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', day)]),
      ]),
    );
  }
  const rows = await q.execute();
  const missing = rows.filter((r) => !compiled.has(`${r.id}:${r.version}`));
  if (missing.length > 0) {
    const rules = await db
      .selectFrom('policy')
      .select(['id', 'version', 'rule'])
      .where(
        'id',
        'in',
        missing.map((r) => r.id),
      )
      .execute();
    for (const r of rules) compiledRule(r.id, r.version, r.rule);
  }
  return rows.flatMap((r) => {
    const c = compiled.get(`${r.id}:${r.version}`);
    // Changed between the two reads: judged on the next call.
    if (!c) return [];
    return [
      {
        id: r.id,
        version: r.version,
        title: r.title,
        mode: r.mode,
        regionCode: r.region_code,
        benefitAmount: r.benefit_amount,
        validFrom: r.valid_from,
        validTo: r.valid_to,
        deadline: r.deadline,
        fields: r.fields_used as ProfileField[],
        ...c,
      },
    ];
  });
}
