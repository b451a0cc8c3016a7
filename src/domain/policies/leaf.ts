import { sectionOf } from '../registry/industry.ts';
import { isWithinRegion } from '../regions.ts';
import {
  BOOLEAN_LABELS,
  COMPARISON_SIGNS,
  fieldLabel,
  fill,
  formatIndustry,
  formatList,
  formatMoney,
  formatNumber,
  formatYears,
  oneOf,
  PARTY_ORG_LABELS,
  QUALIFICATION_LABELS,
  SIZE_LABELS,
  type Locale,
  type TemplateKey,
} from './messages.ts';
import { addYears, fullYearsBetween, TENANCY_FIELDS, type EnterpriseProfile, type ProfileField } from './profile.ts';
import type { Band, Bracket, Comparison, Condition, NumberField, RuleField } from './rule.ts';

/**
 * POL-2 one condition or bracket judged against a profile, with the words to
 * explain it. Written for clarity; `compile.ts` is the fast twin and the
 * property tests hold the two to the same answers.
 */
export type EligibilityStatus = 'met' | 'unmet' | 'unknown';

/** Display names the caller may know (regions and buildings live in the database). */
export interface NameLookup {
  region?: (code: string) => string | null;
  building?: (id: string) => string | null;
}

export interface Judgement {
  status: EligibilityStatus;
  /** Unreported fields that leave this leaf unknown. */
  missing: ProfileField[];
  sentence: (locale: Locale) => string;
  /** For an unmet leaf, what would have to change; null when nothing the enterprise does can change it. */
  change: ((locale: Locale) => string) | null;
}

type Words = (locale: Locale) => string;

export function compare(op: Comparison, value: number, threshold: number): boolean {
  switch (op) {
    case 'gte':
      return value >= threshold;
    case 'gt':
      return value > threshold;
    case 'lte':
      return value <= threshold;
    case 'lt':
      return value < threshold;
  }
}

interface NumberReading {
  value: number | null;
  missing: ProfileField[];
  /** Both reported but revenue is zero: the ratio has no value and nothing is missing. */
  noRevenue: boolean;
}

function readNumber(profile: EnterpriseProfile, field: NumberField): NumberReading {
  if (field !== 'rdRatio') {
    const value = profile[field];
    return { value, missing: value === null ? [field] : [], noRevenue: false };
  }
  const { rdSpending, revenue } = profile;
  const missing: ProfileField[] = [];
  if (rdSpending === null) missing.push('rdSpending');
  if (revenue === null) missing.push('revenue');
  if (missing.length > 0 || revenue === null || rdSpending === null) return { value: null, missing, noRevenue: false };
  if (revenue <= 0) return { value: null, missing, noRevenue: true };
  return { value: (rdSpending * 100) / revenue, missing, noRevenue: false };
}

function known(field: RuleField, actual: Words, requirement: Words): Words {
  return (l) => fill(l, 'leaf.known', { label: fieldLabel(field, l), actual: actual(l), requirement: requirement(l) });
}

function unknown(field: RuleField, requirement: Words): Words {
  return (l) => fill(l, 'leaf.unknown', { label: fieldLabel(field, l), requirement: requirement(l) });
}

const met = (ok: boolean): EligibilityStatus => (ok ? 'met' : 'unmet');

/** The change that would meet `op threshold`; for the R&D ratio also the spending it means at this revenue. */
function numberChange(field: NumberField, op: Comparison, target: number, profile: EnterpriseProfile): Words {
  return (l) => {
    const change = fill(l, `change.${op}`, { label: fieldLabel(field, l), target: formatNumber(field, target, l) });
    if (field !== 'rdRatio' || (op !== 'gte' && op !== 'gt') || profile.revenue === null) return change;
    return fill(l, 'change.rd_spending', { change, amount: formatMoney((target * profile.revenue) / 100, l) });
  };
}

function judgeNumber(c: Extract<Condition, { field: NumberField }>, profile: EnterpriseProfile): Judgement {
  const reading = readNumber(profile, c.field);
  const fmt = (n: number, l: Locale) => formatNumber(c.field, n, l);
  const requirement: Words =
    c.op === 'between'
      ? (l) => fill(l, 'requirement.between', { min: fmt(c.min, l), max: fmt(c.max, l) })
      : (l) => `${COMPARISON_SIGNS[c.op]} ${fmt(c.value, l)}`;
  const value = reading.value;
  if (value === null) {
    const sentence: Words = reading.noRevenue
      ? (l) => fill(l, 'leaf.rd_ratio_no_revenue', { requirement: requirement(l) })
      : unknown(c.field, requirement);
    return { status: 'unknown', missing: reading.missing, sentence, change: null };
  }
  const sentence = known(c.field, (l) => fmt(value, l), requirement);
  if (c.op === 'between') {
    const ok = value >= c.min && value <= c.max;
    const change = ok ? null : value < c.min ? numberChange(c.field, 'gte', c.min, profile) : numberChange(c.field, 'lte', c.max, profile);
    return { status: met(ok), missing: [], sentence, change };
  }
  const ok = compare(c.op, value, c.value);
  return { status: met(ok), missing: [], sentence, change: ok ? null : numberChange(c.field, c.op, c.value, profile) };
}

/** The index of the band holding `value`; `bands.length` means above every band (`otherwise`). */
export function bandIndex(bands: readonly Band[], value: number): number {
  for (let i = 0; i < bands.length; i++) {
    const b = bands[i]!;
    if (b.inclusive ? value <= b.upTo : value < b.upTo) return i;
  }
  return bands.length;
}

function bandWords(b: Bracket, i: number): Words {
  return (l) => {
    const by = fieldLabel(b.by, l);
    const lower = i > 0 ? b.bands[i - 1]! : null;
    const upper = i < b.bands.length ? b.bands[i]! : null;
    const from = lower ? formatNumber(b.by, lower.upTo, l) : '';
    const upTo = upper ? formatNumber(b.by, upper.upTo, l) : '';
    // A band starts just over an upper bound the band below includes, and at one it excludes.
    const start = lower ? (lower.inclusive ? 'over' : 'from') : null;
    const end = upper ? (upper.inclusive ? 'up_to' : 'below') : null;
    const key = (start && end ? `band.${start}_${end}` : `band.${start ?? end}`) as TemplateKey;
    return fill(l, key, { by, from, upTo });
  };
}

function bracketRequirement(b: Bracket, i: number): Words {
  const threshold = i < b.bands.length ? b.bands[i]!.threshold : b.otherwise;
  return (l) =>
    fill(l, 'requirement.by_band', {
      requirement: `${COMPARISON_SIGNS[b.op]} ${formatNumber(b.field, threshold, l)}`,
      band: bandWords(b, i)(l),
    });
}

function judgeBracket(b: Bracket, profile: EnterpriseProfile): Judgement {
  const x = readNumber(profile, b.field);
  const by = readNumber(profile, b.by);
  const thresholds = [...b.bands.map((band) => band.threshold), b.otherwise];
  const value = x.value;
  if (by.value !== null) {
    const i = bandIndex(b.bands, by.value);
    const threshold = thresholds[i]!;
    const requirement = bracketRequirement(b, i);
    if (value === null) return { status: 'unknown', missing: x.missing, sentence: unknown(b.field, requirement), change: null };
    const ok = compare(b.op, value, threshold);
    const sentence = known(b.field, (l) => formatNumber(b.field, value, l), requirement);
    return { status: met(ok), missing: [], sentence, change: ok ? null : numberChange(b.field, b.op, threshold, profile) };
  }
  const requirement: Words = (l) =>
    fill(l, 'requirement.bands_unknown', {
      by: fieldLabel(b.by, l),
      list: formatList(
        thresholds.map((_, i) => bracketRequirement(b, i)(l)),
        l,
      ),
    });
  if (value === null)
    return {
      status: 'unknown',
      missing: [...new Set([...x.missing, ...by.missing])],
      sentence: unknown(b.field, requirement),
      change: null,
    };
  // Without the band the value may still pass (or fail) every band's threshold.
  const passes = thresholds.filter((t) => compare(b.op, value, t)).length;
  const sentence = known(b.field, (l) => formatNumber(b.field, value, l), requirement);
  if (passes === thresholds.length) return { status: 'met', missing: [], sentence, change: null };
  if (passes > 0) return { status: 'unknown', missing: by.missing, sentence, change: null };
  const easiest = b.op === 'gte' || b.op === 'gt' ? Math.min(...thresholds) : Math.max(...thresholds);
  return { status: 'unmet', missing: [], sentence, change: numberChange(b.field, b.op, easiest, profile) };
}

function regionName(code: string, names: NameLookup, l: Locale): string {
  const name = names.region?.(code) ?? null;
  return name === null ? code : l === 'zh-CN' ? `${name}（${code}）` : `${name} (${code})`;
}

/** The text of a listed value of an enumerated, coded or id field. */
function valueName(field: RuleField, value: string, names: NameLookup, l: Locale): string {
  switch (field) {
    case 'sizeClass':
      return SIZE_LABELS[value as keyof typeof SIZE_LABELS][l];
    case 'partyOrgStatus':
      return PARTY_ORG_LABELS[value as keyof typeof PARTY_ORG_LABELS][l];
    case 'qualifications':
      return QUALIFICATION_LABELS[value as keyof typeof QUALIFICATION_LABELS][l];
    case 'industryCode':
      return formatIndustry(value, l);
    case 'regionCode':
    case 'buildingRegionCode':
      return regionName(value, names, l);
    default:
      return names.building?.(value) ?? value;
  }
}

/** True when the code lies under the listed industry code: a section letter, or a digit prefix. */
export function industryMatches(code: string, listed: string): boolean {
  return /^[A-T]$/.test(listed) ? sectionOf(code) === listed : code.startsWith(listed);
}

type ListCondition = Extract<Condition, { values: string[] }>;

const LIST_WORDS: Record<ListCondition['op'], { requirement: TemplateKey; positive: boolean }> = {
  in: { requirement: 'requirement.is', positive: true },
  not_in: { requirement: 'requirement.is_not', positive: false },
  prefix_in: { requirement: 'requirement.in_industry', positive: true },
  not_prefix_in: { requirement: 'requirement.not_in_industry', positive: false },
  within: { requirement: 'requirement.within', positive: true },
  not_within: { requirement: 'requirement.not_within', positive: false },
  has_any: { requirement: 'requirement.has_any', positive: true },
  has_all: { requirement: 'requirement.has_all', positive: true },
  has_none: { requirement: 'requirement.has_none', positive: false },
};

function judgeList(c: ListCondition, profile: EnterpriseProfile, names: NameLookup): Judgement {
  const words = LIST_WORDS[c.op];
  const names_ = (values: readonly string[], l: Locale) => values.map((v) => valueName(c.field, v, names, l));
  const listed: Words = (l) => (words.positive && c.op !== 'has_all' ? oneOf(names_(c.values, l), l) : formatList(names_(c.values, l), l));
  const requirement: Words = (l) => fill(l, words.requirement, { values: listed(l) });
  if (c.field === 'qualifications')
    return judgeQualifications(c as Extract<Condition, { field: 'qualifications' }>, profile, names, requirement);
  const value = profile[c.field];
  if (value === null) {
    if (TENANCY_FIELDS.has(c.field) && profile.inBuilding === false) {
      const sentence: Words = (l) => fill(l, 'leaf.no_building', { label: fieldLabel(c.field, l), requirement: requirement(l) });
      return { status: met(!words.positive), missing: [], sentence, change: words.positive ? (l) => fill(l, 'change.move_in', {}) : null };
    }
    const missing: ProfileField[] = TENANCY_FIELDS.has(c.field) && profile.inBuilding === null ? ['inBuilding', c.field] : [c.field];
    return { status: 'unknown', missing, sentence: unknown(c.field, requirement), change: null };
  }
  const hit =
    c.field === 'industryCode'
      ? c.values.some((v) => industryMatches(value, v))
      : c.field === 'regionCode' || c.field === 'buildingRegionCode'
        ? c.values.some((v) => isWithinRegion(value, v))
        : (c.values as readonly string[]).includes(value);
  const ok = hit === words.positive;
  const sentence = known(c.field, (l) => valueName(c.field, value, names, l), requirement);
  const change: Words = (l) => fill(l, 'change.be', { label: fieldLabel(c.field, l), requirement: requirement(l) });
  return { status: met(ok), missing: [], sentence, change: ok ? null : change };
}

function judgeQualifications(
  c: Extract<Condition, { field: 'qualifications' }>,
  profile: EnterpriseProfile,
  names: NameLookup,
  requirement: Words,
): Judgement {
  const held = profile.qualifications;
  if (held === null)
    return { status: 'unknown', missing: ['qualifications'], sentence: unknown('qualifications', requirement), change: null };
  const has = new Set<string>(held);
  const label = (values: readonly string[], l: Locale) =>
    formatList(
      values.map((v) => valueName('qualifications', v, names, l)),
      l,
    );
  const actual: Words = (l) => (held.length === 0 ? fill(l, 'actual.none', {}) : label(held, l));
  const sentence = known('qualifications', actual, requirement);
  const lacking = c.values.filter((q) => !has.has(q));
  switch (c.op) {
    case 'has_any': {
      const ok = lacking.length < c.values.length;
      const key: TemplateKey = c.values.length > 1 ? 'change.acquire_one' : 'change.acquire';
      return { status: met(ok), missing: [], sentence, change: ok ? null : (l) => fill(l, key, { values: label(c.values, l) }) };
    }
    case 'has_all': {
      const ok = lacking.length === 0;
      return {
        status: met(ok),
        missing: [],
        sentence,
        change: ok ? null : (l) => fill(l, 'change.acquire', { values: label(lacking, l) }),
      };
    }
    case 'has_none': {
      const holding = c.values.filter((q) => has.has(q));
      const ok = holding.length === 0;
      return {
        status: met(ok),
        missing: [],
        sentence,
        change: ok ? null : (l) => fill(l, 'change.give_up', { values: label(holding, l) }),
      };
    }
  }
}

function judgeDate(c: Extract<Condition, { field: 'registeredOn' | 'movedInOn' }>, profile: EnterpriseProfile, asOf: string): Judgement {
  const { op } = c;
  const bound = c.value;
  const requirement: Words =
    op === 'years_at_least' || op === 'years_less_than'
      ? (l) => fill(l, `requirement.${op}`, { years: formatYears(Number(bound), l) })
      : (l) => fill(l, `requirement.${op}`, { date: String(bound) });
  const value = profile[c.field];
  if (value === null) {
    if (c.field === 'movedInOn' && profile.inBuilding === false) {
      // Moving in now would start a fresh date, which meets "recently" and "on or after" rules.
      const fresh = c.op === 'years_less_than' || c.op === 'on_or_after';
      const sentence: Words = (l) => fill(l, 'leaf.no_building', { label: fieldLabel(c.field, l), requirement: requirement(l) });
      return { status: 'unmet', missing: [], sentence, change: fresh ? (l) => fill(l, 'change.move_in', {}) : null };
    }
    const missing: ProfileField[] = c.field === 'movedInOn' && profile.inBuilding === null ? ['inBuilding', c.field] : [c.field];
    return { status: 'unknown', missing, sentence: unknown(c.field, requirement), change: null };
  }
  const years = fullYearsBetween(value, asOf);
  const sentence = known(c.field, (l) => fill(l, 'actual.years', { date: value, years: formatYears(Math.max(0, years), l) }), requirement);
  switch (c.op) {
    case 'years_at_least': {
      const ok = years >= c.value;
      const date = addYears(value, c.value);
      const change: Words = (l) => fill(l, 'change.wait', { date, years: formatYears(c.value, l), label: fieldLabel(c.field, l) });
      return { status: met(ok), missing: [], sentence, change: ok ? null : change };
    }
    case 'years_less_than':
      return { status: met(years < c.value), missing: [], sentence, change: null };
    case 'on_or_after':
      return { status: met(value >= c.value), missing: [], sentence, change: null };
    case 'on_or_before':
      return { status: met(value <= c.value), missing: [], sentence, change: null };
  }
}

function judgeBoolean(c: Extract<Condition, { op: 'is_true' | 'is_false' }>, profile: EnterpriseProfile): Judgement {
  const words = BOOLEAN_LABELS[c.field];
  const wanted = c.op === 'is_true';
  const requirement: Words = (l) => (wanted ? words.yes : words.no)[l];
  const value = profile[c.field];
  if (value === null) return { status: 'unknown', missing: [c.field], sentence: unknown(c.field, requirement), change: null };
  const sentence: Words = (l) => fill(l, 'leaf.boolean', { actual: (value ? words.yes : words.no)[l], requirement: requirement(l) });
  const ok = value === wanted;
  const change: Words =
    c.field === 'inBuilding' && wanted
      ? (l) => fill(l, 'change.move_in', {})
      : (l) => fill(l, 'change.boolean', { requirement: requirement(l) });
  return { status: met(ok), missing: [], sentence, change: ok ? null : change };
}

export function judgeLeaf(leaf: Condition | Bracket, profile: EnterpriseProfile, asOf: string, names: NameLookup): Judgement {
  if (leaf.kind === 'bracket') return judgeBracket(leaf, profile);
  switch (leaf.op) {
    case 'gte':
    case 'gt':
    case 'lte':
    case 'lt':
    case 'between':
      return judgeNumber(leaf, profile);
    case 'years_at_least':
    case 'years_less_than':
    case 'on_or_after':
    case 'on_or_before':
      return judgeDate(leaf, profile, asOf);
    case 'is_true':
    case 'is_false':
      return judgeBoolean(leaf, profile);
    default:
      return judgeList(leaf, profile, names);
  }
}
