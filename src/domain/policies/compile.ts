import { INDUSTRY_SECTIONS } from '../registry/industry.ts';
import { regionPrefix } from '../regions.ts';
import type { EligibilityStatus } from './leaf.ts';
import type { EnterpriseProfile } from './profile.ts';
import {
  isGroup,
  type Bracket,
  type Comparison,
  type Condition,
  type DateCondition,
  type EligibilityRule,
  type NumberField,
  type YearsCondition,
} from './rule.ts';

/**
 * POL-2/POL-3 the fast twin of `evaluatePolicy`: a rule turned once into
 * closures that answer only met / unmet / unknown, for recomputing every
 * enterprise × policy. Statuses are ranked unmet 0 < unknown 1 < met 2 so
 * `and` is a minimum and `or` a maximum, and both stop as soon as the answer is
 * settled. The property tests keep it in step with the explaining evaluator.
 */
export const UNMET = 0;
export const UNKNOWN = 1;
export const MET = 2;
export type StatusCode = typeof UNMET | typeof UNKNOWN | typeof MET;
export const STATUS_OF_CODE: readonly EligibilityStatus[] = ['unmet', 'unknown', 'met'];

/** Evaluates one profile on one day ('YYYY-MM-DD'); returns a status code. */
export type CompiledRuleCode = (profile: EnterpriseProfile, asOf: string) => StatusCode;
export type CompiledRule = (profile: EnterpriseProfile, asOf: string) => EligibilityStatus;

export function compileRule(rule: EligibilityRule): CompiledRule {
  const f = compileRuleCode(rule);
  return (profile, asOf) => STATUS_OF_CODE[f(profile, asOf)]!;
}

/** As `compileRule`, answering codes (0/1/2) that fit a byte array of results. */
export function compileRuleCode(rule: EligibilityRule): CompiledRuleCode {
  if (!isGroup(rule)) return rule.kind === 'bracket' ? compileBracket(rule) : compileCondition(rule);
  // Kleene and/or are commutative, so cheap parts go first: most pairs are settled by a region or a qualification.
  const parts = [...rule.rules].sort((a, b) => costOf(a) - costOf(b)).map(compileRuleCode);
  if (parts.length === 1) return parts[0]!;
  if (rule.kind === 'and') {
    return (p, d) => {
      let out: StatusCode = MET;
      for (let i = 0; i < parts.length; i++) {
        const s = parts[i]!(p, d);
        if (s === UNMET) return UNMET;
        if (s === UNKNOWN) out = UNKNOWN;
      }
      return out;
    };
  }
  return (p, d) => {
    let out: StatusCode = UNMET;
    for (let i = 0; i < parts.length; i++) {
      const s = parts[i]!(p, d);
      if (s === MET) return MET;
      if (s === UNKNOWN) out = UNKNOWN;
    }
    return out;
  };
}

/** A rough cost of evaluating a part: yes/no and set look-ups before prefixes, numbers, dates, brackets and groups. */
export function costOf(rule: EligibilityRule): number {
  if (isGroup(rule)) return 10 + rule.rules.length;
  if (rule.kind === 'bracket') return 6;
  switch (rule.op) {
    case 'is_true':
    case 'is_false':
      return 0;
    case 'in':
    case 'not_in':
    case 'has_any':
    case 'has_all':
    case 'has_none':
    case 'within':
    case 'not_within':
      return 1;
    case 'prefix_in':
    case 'not_prefix_in':
      return 2;
    case 'years_at_least':
    case 'years_less_than':
    case 'on_or_after':
    case 'on_or_before':
      return 4;
    default:
      return rule.field === 'rdRatio' ? 4 : 3;
  }
}

type NumberReader = (p: EnterpriseProfile) => number | null;

const NUMBER_READERS: Record<NumberField, NumberReader> = {
  staffCount: (p) => p.staffCount,
  revenue: (p) => p.revenue,
  rdSpending: (p) => p.rdSpending,
  rdRatio: (p) => {
    const rd = p.rdSpending;
    const revenue = p.revenue;
    return rd === null || revenue === null || revenue <= 0 ? null : (rd * 100) / revenue;
  },
};

function comparator(op: Comparison, t: number): (v: number) => boolean {
  switch (op) {
    case 'gte':
      return (v) => v >= t;
    case 'gt':
      return (v) => v > t;
    case 'lte':
      return (v) => v <= t;
    case 'lt':
      return (v) => v < t;
  }
}

function compileBracket(b: Bracket): CompiledRuleCode {
  const read = NUMBER_READERS[b.field];
  const readBy = NUMBER_READERS[b.by];
  const n = b.bands.length;
  const upTo = b.bands.map((band) => band.upTo);
  const inclusive = b.bands.map((band) => band.inclusive);
  const tests = [...b.bands.map((band) => comparator(b.op, band.threshold)), comparator(b.op, b.otherwise)];
  const thresholds = [...b.bands.map((band) => band.threshold), b.otherwise];
  // With the band unknown: passing the hardest threshold passes all; failing the easiest fails all.
  const rising = b.op === 'gte' || b.op === 'gt';
  const hardest = comparator(b.op, rising ? Math.max(...thresholds) : Math.min(...thresholds));
  const easiest = comparator(b.op, rising ? Math.min(...thresholds) : Math.max(...thresholds));
  return (p) => {
    const v = read(p);
    const by = readBy(p);
    if (by === null) {
      if (v === null) return UNKNOWN;
      return hardest(v) ? MET : easiest(v) ? UNKNOWN : UNMET;
    }
    if (v === null) return UNKNOWN;
    let i = 0;
    while (i < n && !(inclusive[i] ? by <= upTo[i]! : by < upTo[i]!)) i++;
    return tests[i]!(v) ? MET : UNMET;
  };
}

/** Divisions of the listed sections plus the listed codes themselves: a code matches when a prefix is listed. */
function industryMatcher(listed: readonly string[]): (code: string) => boolean {
  const divisions = new Set<string>();
  const prefixes: string[] = [];
  for (const code of listed) {
    const section = INDUSTRY_SECTIONS.find((s) => s.code === code);
    if (section) {
      divisions.add(code);
      for (const [d] of section.divisions) divisions.add(d);
    } else prefixes.push(code);
  }
  return (code) => {
    if (divisions.has(code.length > 2 ? code.slice(0, 2) : code)) return true;
    for (let i = 0; i < prefixes.length; i++) if (code.startsWith(prefixes[i]!)) return true;
    return false;
  };
}

function regionMatcher(listed: readonly string[]): (code: string) => boolean {
  const prefixes = listed.map(regionPrefix);
  return (code) => {
    for (let i = 0; i < prefixes.length; i++) if (code.startsWith(prefixes[i]!)) return true;
    return false;
  };
}

/** A string-valued field's leaf; a building field left empty by a tenant of no building is absent, not unknown. */
function stringLeaf(
  read: (p: EnterpriseProfile) => string | null,
  tenancy: boolean,
  matches: (v: string) => boolean,
  positive: boolean,
): CompiledRuleCode {
  const absent: StatusCode = positive ? UNMET : MET;
  return (p) => {
    const v = read(p);
    if (v === null) return tenancy && p.inBuilding === false ? absent : UNKNOWN;
    return matches(v) === positive ? MET : UNMET;
  };
}

function compileCondition(c: Condition): CompiledRuleCode {
  switch (c.field) {
    case 'staffCount':
    case 'revenue':
    case 'rdSpending':
    case 'rdRatio': {
      const read = NUMBER_READERS[c.field];
      const test = c.op === 'between' ? (v: number) => v >= c.min && v <= c.max : comparator(c.op, c.value);
      return (p) => {
        const v = read(p);
        return v === null ? UNKNOWN : test(v) ? MET : UNMET;
      };
    }
    case 'industryCode':
      return stringLeaf((p) => p.industryCode, false, industryMatcher(c.values), c.op === 'prefix_in');
    case 'regionCode':
      return stringLeaf((p) => p.regionCode, false, regionMatcher(c.values), c.op === 'within');
    case 'buildingRegionCode':
      return stringLeaf((p) => p.buildingRegionCode, true, regionMatcher(c.values), c.op === 'within');
    case 'sizeClass': {
      const set = new Set<string>(c.values);
      return stringLeaf(
        (p) => p.sizeClass,
        false,
        (v) => set.has(v),
        c.op === 'in',
      );
    }
    case 'partyOrgStatus': {
      const set = new Set<string>(c.values);
      return stringLeaf(
        (p) => p.partyOrgStatus,
        false,
        (v) => set.has(v),
        c.op === 'in',
      );
    }
    case 'buildingId': {
      const set = new Set<string>(c.values);
      return stringLeaf(
        (p) => p.buildingId,
        true,
        (v) => set.has(v),
        c.op === 'in',
      );
    }
    case 'qualifications':
      return compileQualifications(c);
    case 'registeredOn':
    case 'movedInOn':
      return compileDate(c);
    case 'inBuilding':
    case 'isKeyEnterprise':
    case 'isNonPublic': {
      const field = c.field;
      const wanted = c.op === 'is_true';
      return (p) => {
        const v = p[field];
        return v === null ? UNKNOWN : v === wanted ? MET : UNMET;
      };
    }
  }
}

function compileQualifications(c: Extract<Condition, { field: 'qualifications' }>): CompiledRuleCode {
  const listed = new Set<string>(c.values);
  const wanted: readonly string[] = [...listed];
  const holdsAny = (held: readonly string[]) => {
    for (let i = 0; i < held.length; i++) if (listed.has(held[i]!)) return true;
    return false;
  };
  switch (c.op) {
    case 'has_any':
      return (p) => (p.qualifications === null ? UNKNOWN : holdsAny(p.qualifications) ? MET : UNMET);
    case 'has_none':
      return (p) => (p.qualifications === null ? UNKNOWN : holdsAny(p.qualifications) ? UNMET : MET);
    case 'has_all':
      return (p) => {
        const held = p.qualifications;
        if (held === null) return UNKNOWN;
        for (let i = 0; i < wanted.length; i++) if (!held.includes(wanted[i] as (typeof held)[number])) return UNMET;
        return MET;
      };
  }
}

const isDateBound = (c: YearsCondition | DateCondition): c is DateCondition => c.op === 'on_or_after' || c.op === 'on_or_before';

function compileDate(c: Extract<Condition, { field: 'registeredOn' | 'movedInOn' }>): CompiledRuleCode {
  const tenancy = c.field === 'movedInOn';
  const read = tenancy ? (p: EnterpriseProfile) => p.movedInOn : (p: EnterpriseProfile) => p.registeredOn;
  const missing = (p: EnterpriseProfile): StatusCode => (tenancy && p.inBuilding === false ? UNMET : UNKNOWN);
  if (isDateBound(c)) {
    const bound = c.value;
    const after = c.op === 'on_or_after';
    return (p) => {
      const v = read(p);
      if (v === null) return missing(p);
      return (after ? v >= bound : v <= bound) ? MET : UNMET;
    };
  }
  // Whole years from v to asOf reach n exactly when v ≤ the same month-day n years before asOf,
  // compared as text; the bound may name 29 February of a common year and still orders right.
  const years = c.value;
  const atLeast = c.op === 'years_at_least';
  let lastAsOf = '';
  let bound = '';
  return (p, asOf) => {
    const v = read(p);
    if (v === null) return missing(p);
    if (asOf !== lastAsOf) {
      lastAsOf = asOf;
      bound = `${String(Number(asOf.slice(0, 4)) - years).padStart(4, '0')}${asOf.slice(4)}`;
    }
    return v <= bound === atLeast ? MET : UNMET;
  };
}
