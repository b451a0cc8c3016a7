import type { Kysely } from 'kysely';
import { compileRuleCode, MET, UNKNOWN } from '../../../domain/policies/compile.ts';
import { compileRuleGap } from '../../../domain/policies/gap.ts';
import { fieldsUsed, type EligibilityRule } from '../../../domain/policies/rule.ts';
import { chinaDate } from '../../../domain/time.ts';
import type { Actor } from '../../auth/actor.ts';
import { scopeRule } from '../../auth/policy.ts';
import type { Database, Locale } from '../../db/schema.ts';
import { scopeWhere } from '../../db/scoped.ts';
import { forbidden } from '../../http/errors.ts';
import { explain, namesFor } from '../policy-results/explain.ts';
import { loadProfiles } from '../policy-results/profiles.ts';

/** Only those who keep policies preview them. */
export function requirePolicyOfficer(actor: Actor): void {
  if (scopeRule(actor, 'policy', 'write').kind === 'none') throw forbidden();
}

/**
 * POL-2 "who qualifies" for a rule being edited, without saving it: every
 * enterprise in the actor's scope (and the policy's region) judged by the
 * compiled rule, counted met / unknown / unmet and nearly; the first qualifying
 * enterprises, then the nearest, explained.
 */
export async function previewRule(opts: {
  db: Kysely<Database>;
  actor: Actor;
  rule: EligibilityRule;
  regionCode: string | null;
  limit: number;
  locale: Locale;
  asOf?: string;
}) {
  const t0 = performance.now();
  const { db, actor, rule, limit, locale } = opts;
  const asOf = opts.asOf ?? chinaDate();
  const profiles = await loadProfiles(db, { regionCode: opts.regionCode, scope: scopeWhere(actor, 'enterprise', 'read', 'e') });
  const status = compileRuleCode(rule);
  const gap = compileRuleGap(rule);
  const counts = { met: 0, unknown: 0, unmet: 0, nearly: 0 };
  const metRows: typeof profiles = [];
  const nearRows: typeof profiles = [];
  for (const p of profiles) {
    const s = status(p.profile, asOf);
    if (s === MET) {
      counts.met++;
      if (metRows.length < limit) metRows.push(p);
      continue;
    }
    if (s === UNKNOWN) counts.unknown++;
    else counts.unmet++;
    if (gap(p.profile, asOf) === 1) {
      counts.nearly++;
      if (nearRows.length < limit) nearRows.push(p);
    }
  }
  const names = await namesFor(db, [rule]);
  const sample = [...metRows, ...nearRows].slice(0, limit).map((p) => ({
    enterpriseId: p.enterpriseId,
    name: p.name,
    regionCode: p.regionCode,
    gap: metRows.includes(p) ? 0 : 1,
    explanation: explain({ rule, profile: p.profile, asOf, names, locale }),
  }));
  return {
    total: profiles.length,
    ...counts,
    fieldsUsed: fieldsUsed(rule),
    ms: Math.round(performance.now() - t0),
    sample,
  };
}
