import { judgeLeaf, type EligibilityStatus, type NameLookup } from './leaf.ts';
import { LOCALES, type Localized } from './messages.ts';
import { PROFILE_FIELDS, type EnterpriseProfile, type ProfileField } from './profile.ts';
import { isGroup, type EligibilityRule, type RuleField } from './rule.ts';

export type { EligibilityStatus, NameLookup } from './leaf.ts';

/**
 * POL-2 evaluation with explanation: every condition's result and sentence in
 * both locales, the profile fields whose absence leaves conditions unknown,
 * and for unmet conditions what would need to change.
 */
export interface LeafResult {
  kind: 'condition' | 'bracket';
  /** Indices into `rules` from the root, e.g. [1, 0]: the editor can point at the condition. */
  path: number[];
  field: RuleField;
  status: EligibilityStatus;
  missing: ProfileField[];
  text: Localized;
  change: Localized | null;
}

export interface GroupResult {
  kind: 'and' | 'or';
  path: number[];
  status: EligibilityStatus;
  children: ResultNode[];
}

export type ResultNode = GroupResult | LeafResult;

export interface PolicyEvaluation {
  status: EligibilityStatus;
  tree: ResultNode;
  /** The conditions in rule order. */
  leaves: LeafResult[];
  /** Unreported fields that leave some condition unknown, in profile order. */
  missingFields: ProfileField[];
}

const RANK: Record<EligibilityStatus, number> = { unmet: 0, unknown: 1, met: 2 };

/**
 * Kleene's three-valued logic with unmet < unknown < met: `and` is the least of
 * its parts, `or` the greatest. An empty group cannot be stored (the schema
 * requires one rule) but reads as the identity: `and` met, `or` unmet.
 */
export function combine(kind: 'and' | 'or', statuses: readonly EligibilityStatus[]): EligibilityStatus {
  let out: EligibilityStatus = kind === 'and' ? 'met' : 'unmet';
  for (const s of statuses) if (kind === 'and' ? RANK[s] < RANK[out] : RANK[s] > RANK[out]) out = s;
  return out;
}

const localize = (words: (locale: 'zh-CN' | 'en') => string): Localized =>
  Object.fromEntries(LOCALES.map((l) => [l, words(l)])) as Localized;

export function evaluatePolicy(options: {
  rule: EligibilityRule;
  profile: EnterpriseProfile;
  /** 'YYYY-MM-DD', the day years since registration are counted to (chinaDate()). */
  asOf: string;
  names?: NameLookup;
}): PolicyEvaluation {
  const { profile, asOf, names = {} } = options;
  const leaves: LeafResult[] = [];
  const missing = new Set<ProfileField>();
  const walk = (rule: EligibilityRule, path: number[]): ResultNode => {
    if (isGroup(rule)) {
      const children = rule.rules.map((child, i) => walk(child, [...path, i]));
      return {
        kind: rule.kind,
        path,
        status: combine(
          rule.kind,
          children.map((c) => c.status),
        ),
        children,
      };
    }
    const j = judgeLeaf(rule, profile, asOf, names);
    const leaf: LeafResult = {
      kind: rule.kind,
      path,
      field: rule.field,
      status: j.status,
      missing: j.missing,
      text: localize(j.sentence),
      change: j.status === 'unmet' && j.change ? localize(j.change) : null,
    };
    if (j.status === 'unknown') for (const f of j.missing) missing.add(f);
    leaves.push(leaf);
    return leaf;
  };
  const tree = walk(options.rule, []);
  return { status: tree.status, tree, leaves, missingFields: PROFILE_FIELDS.filter((f) => missing.has(f)) };
}
