import { sql, type Kysely, type SqlBool } from 'kysely';
import { UNKNOWN } from '../../../domain/policies/compile.ts';
import { regionPrefix } from '../../../domain/regions.ts';
import type { EnterpriseProfile } from '../../../domain/policies/profile.ts';
import type { Database } from '../../db/schema.ts';
import type { LivePolicy } from './rules.ts';

/**
 * POL-2/POL-3 an enterprise's stored results (`policy_match`, 018_policy_match.sql): the
 * ids of the policies it meets and of those it is one condition away from — the one
 * condition unreported (unknown) or unmet — each ascending. Further away is not stored.
 */
export interface Match {
  met: string[];
  unknown: string[];
  unmet: string[];
}

export const emptyMatch = (): Match => ({ met: [], unknown: [], unmet: [] });

/** A policy ready for judging many profiles: its region as a prefix, computed once. */
export interface Judged {
  policy: LivePolicy;
  /** '' for a national policy. */
  prefix: string;
}

export function prepare(policies: readonly LivePolicy[]): Judged[] {
  // Ascending by id, so the arrays come out sorted and compare element by element.
  return [...policies]
    .sort((a, b) => Number(a.id) - Number(b.id))
    .map((policy) => ({ policy, prefix: policy.regionCode === null ? '' : regionPrefix(policy.regionCode) }));
}

/** Judges one profile by policies of its catalogue (a policy of another region is not judged), appending to `into`. */
export function judgeInto(into: Match, judged: readonly Judged[], regionCode: string, profile: EnterpriseProfile, asOf: string): Match {
  for (let i = 0; i < judged.length; i++) {
    const j = judged[i]!;
    if (j.prefix !== '' && !regionCode.startsWith(j.prefix)) continue;
    const gap = j.policy.gap(profile, asOf);
    if (gap === 0) into.met.push(j.policy.id);
    else if (gap === 1) (j.policy.status(profile, asOf) === UNKNOWN ? into.unknown : into.unmet).push(j.policy.id);
  }
  return into;
}

export function judge(judged: readonly Judged[], regionCode: string, profile: EnterpriseProfile, asOf: string): Match {
  return judgeInto(emptyMatch(), judged, regionCode, profile, asOf);
}

const byId = (a: string, b: string) => Number(a) - Number(b);

/** `stored` without the ids in `drop`, plus `fresh` (judged over exactly the dropped policies), sorted. */
export function merge(stored: Match, drop: ReadonlySet<string>, fresh: Match): Match {
  const part = (old: string[], add: string[]) => {
    const kept = old.filter((id) => !drop.has(id));
    return add.length === 0 ? kept : [...kept, ...add].sort(byId);
  };
  return { met: part(stored.met, fresh.met), unknown: part(stored.unknown, fresh.unknown), unmet: part(stored.unmet, fresh.unmet) };
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function sameMatch(a: Match, b: Match): boolean {
  return sameIds(a.met, b.met) && sameIds(a.unknown, b.unknown) && sameIds(a.unmet, b.unmet);
}

/** Ids met in `after` but not in `before`: the pushes a change makes. */
export function gainedIds(before: Match, after: Match): string[] {
  const had = new Set(before.met);
  return after.met.filter((id) => !had.has(id));
}

export function lostIds(before: Match, after: Match): string[] {
  const has = new Set(after.met);
  return before.met.filter((id) => !has.has(id));
}

/** Stored matches: of the given enterprises, and (`containing`) of every enterprise holding one of these policies. */
export async function loadMatches(
  db: Kysely<Database>,
  options: { enterpriseIds?: readonly string[]; containing?: readonly string[] } = {},
): Promise<Map<string, Match>> {
  let q = db.selectFrom('policy_match').select(['enterprise_id', 'met', 'unknown', 'unmet']);
  const { enterpriseIds, containing } = options;
  if (enterpriseIds || containing) {
    const ids = enterpriseIds ?? [];
    const pids = containing ?? [];
    q = q.where(
      sql<SqlBool>`(enterprise_id = ANY(${ids}::bigint[]) OR met && ${pids}::bigint[] OR unknown && ${pids}::bigint[] OR unmet && ${pids}::bigint[])`,
    );
  }
  const rows = await q.execute();
  // bigint[] arrives as strings from both drivers; kept as the policy ids' string form.
  return new Map(
    rows.map((r) => [r.enterprise_id, { met: r.met.map(String), unknown: r.unknown.map(String), unmet: r.unmet.map(String) }]),
  );
}

const BATCH = 20_000;
const literal = (ids: readonly string[]) => `{${ids.join(',')}}`;

/**
 * Writes whole matches, many rows per statement: each enterprise's arrays travel as one
 * array literal in a text[] parameter (parameters cannot be arrays of ragged arrays).
 */
export async function writeMatches(db: Kysely<Database>, rows: readonly { enterpriseId: string; match: Match }[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    const part = rows.slice(i, i + BATCH);
    await sql`
      INSERT INTO policy_match (enterprise_id, met, unknown, unmet, computed_at)
      SELECT e, m::bigint[], k::bigint[], u::bigint[], now()
      FROM unnest(${part.map((r) => r.enterpriseId)}::bigint[], ${part.map((r) => literal(r.match.met))}::text[],
                  ${part.map((r) => literal(r.match.unknown))}::text[], ${part.map((r) => literal(r.match.unmet))}::text[]) AS t(e, m, k, u)
      ON CONFLICT (enterprise_id) DO UPDATE
        SET met = EXCLUDED.met, unknown = EXCLUDED.unknown, unmet = EXCLUDED.unmet, computed_at = EXCLUDED.computed_at`.execute(db);
  }
}
