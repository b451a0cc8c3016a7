import { compileRuleCode, costOf, MET, type CompiledRuleCode } from './compile.ts';
import type { EnterpriseProfile } from './profile.ts';
import { isGroup, type EligibilityRule } from './rule.ts';

/**
 * POL-2/POL-3 how far an enterprise is from meeting a rule: the fewest
 * conditions that would have to turn met (an unmet one changed, or an
 * unreported field filled in) — 0 when met, 1 when "nearly eligible", and 2
 * standing for two or more. `and` adds its parts' distances, `or` takes the
 * nearest part. Results are stored only up to distance 1, so sums stop at 2.
 */
export type Gap = 0 | 1 | 2;
export type CompiledGap = (profile: EnterpriseProfile, asOf: string) => Gap;

export function compileRuleGap(rule: EligibilityRule): CompiledGap {
  if (!isGroup(rule)) {
    const leaf: CompiledRuleCode = compileRuleCode(rule);
    return (p, d) => (leaf(p, d) === MET ? 0 : 1);
  }
  // Distances add up and the minimum is order-free, so cheap parts go first: an `and` stops once two are missed.
  const parts = [...rule.rules].sort((a, b) => costOf(a) - costOf(b)).map(compileRuleGap);
  if (rule.kind === 'and') {
    return (p, d) => {
      let sum = 0;
      for (let i = 0; i < parts.length; i++) {
        sum += parts[i]!(p, d);
        if (sum >= 2) return 2;
      }
      return sum as Gap;
    };
  }
  return (p, d) => {
    let best: Gap = 2;
    for (let i = 0; i < parts.length; i++) {
      const g = parts[i]!(p, d);
      if (g === 0) return 0;
      if (g < best) best = g;
    }
    return best;
  };
}

/** The same distance from an explained result tree (the presenter's reading of "nearly"). */
export function gapOfTree(node: { status: string; kind: string; children?: readonly unknown[] }): Gap {
  if (node.kind !== 'and' && node.kind !== 'or') return node.status === 'met' ? 0 : 1;
  const children = (node.children ?? []) as { status: string; kind: string; children?: readonly unknown[] }[];
  if (node.kind === 'and')
    return Math.min(
      2,
      children.reduce((s, c) => s + gapOfTree(c), 0),
    ) as Gap;
  return children.reduce<Gap>((best, c) => Math.min(best, gapOfTree(c)) as Gap, 2);
}
