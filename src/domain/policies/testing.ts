import { compileRule } from './compile.ts';
import { evaluatePolicy, type EligibilityStatus, type PolicyEvaluation } from './evaluate.ts';
import { emptyProfile, type EnterpriseProfile } from './profile.ts';
import type { EligibilityRule } from './rule.ts';

/** Test helpers: a profile from a few facts, and a judgement that checks both evaluators agree. */
export function profileOf(facts: Partial<EnterpriseProfile>): EnterpriseProfile {
  return { ...emptyProfile(), ...facts };
}

export const AS_OF = '2025-06-30';

/** The explained result; throws when the compiled evaluator answers differently, so every example checks both. */
export function judge(rule: EligibilityRule, facts: Partial<EnterpriseProfile>, asOf = AS_OF): PolicyEvaluation {
  const profile = profileOf(facts);
  const explained = evaluatePolicy({ rule, profile, asOf });
  const compiled = compileRule(rule)(profile, asOf);
  if (compiled !== explained.status) {
    throw new Error(`compiled ${compiled} ≠ explained ${explained.status} for ${JSON.stringify(rule)} on ${JSON.stringify(facts)}`);
  }
  return explained;
}

export function statusOf(rule: EligibilityRule, facts: Partial<EnterpriseProfile>, asOf = AS_OF): EligibilityStatus {
  return judge(rule, facts, asOf).status;
}
