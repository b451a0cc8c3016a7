import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../server/seed/random.ts';
import { samplePolicies } from './catalogue-samples.ts';
import { compileRule, compileRuleCode, MET, STATUS_OF_CODE } from './compile.ts';
import { evaluatePolicy } from './evaluate.ts';
import { normaliseProfile, PARTY_ORG_STATUSES, PROFILE_FIELDS, QUALIFICATIONS, SIZE_CLASSES, type EnterpriseProfile } from './profile.ts';
import { sampleProfiles } from './profile-samples.ts';
import { COMPARISONS, eligibilityRuleSchema, fieldsUsed, NUMBER_FIELDS, type Band, type EligibilityRule } from './rule.ts';

// Small pools of values, chosen so generated profiles often sit exactly on the generated thresholds.
const AMOUNTS = [0, 1, 3, 4, 5, 10, 50, 100, 250_000, 2_500_000, 50_000_000, 200_000_000];
const PROFILE_AMOUNTS = [...AMOUNTS, 2, 9, 11, 99, 101, 50_000_001, 200_000_001, 1e9];
const DATES = [
  '2020-02-29',
  '2021-02-28',
  '2021-03-01',
  '2022-06-30',
  '2022-07-01',
  '2023-06-30',
  '2024-02-29',
  '2025-06-30',
  '2025-07-01',
];
const AS_OFS = ['2025-06-30', '2024-02-29', '2025-02-28', '2025-03-01', '2023-06-30'];
const RULE_INDUSTRIES = ['A', 'C', 'I', 'J', 'M', '65', '6513', '72', '723', '7231', '51', '39'];
const PROFILE_INDUSTRIES = ['65', '6513', '6510', '72', '7231', '7241', '51', '39', '66', '13', '83', '01'];
const RULE_REGIONS = ['350000', '350100', '350102', '350103', '350102004', '350103001', '110000'];
const PROFILE_REGIONS = ['350102004', '350102001', '350103001', '350104001', '350102', '350103', '350111001', '110101001'];
const BUILDINGS = ['b1', 'b2', 'b3'];

const amount = fc.constantFrom(...AMOUNTS);
const percent = fc.constantFrom(0, 1, 3, 4, 5, 10, 50, 100);
const numberField = fc.constantFrom(...NUMBER_FIELDS);

const numberLeaf: fc.Arbitrary<EligibilityRule> = fc
  .tuple(numberField, fc.constantFrom(...COMPARISONS, 'between' as const), amount, amount)
  .map(([field, op, a, b]): EligibilityRule => {
    // Percentages stay within 0–100 as the schema demands.
    const [x, y] = field === 'rdRatio' ? [Math.min(a, 100), Math.min(b, 100)] : [a, b];
    if (op === 'between') return { kind: 'condition', field, op, min: Math.min(x, y), max: Math.max(x, y) };
    return { kind: 'condition', field, op, value: x };
  });

const bracket: fc.Arbitrary<EligibilityRule> = fc
  .record({
    field: numberField,
    op: fc.constantFrom(...COMPARISONS),
    bands: fc.uniqueArray(fc.record({ upTo: amount, inclusive: fc.boolean(), threshold: amount }), {
      minLength: 1,
      maxLength: 3,
      selector: (b) => b.upTo,
    }),
    otherwise: amount,
    byOffset: fc.integer({ min: 1, max: NUMBER_FIELDS.length - 1 }),
  })
  .map(({ field, op, bands, otherwise, byOffset }): EligibilityRule => {
    const by = NUMBER_FIELDS[(NUMBER_FIELDS.indexOf(field) + byOffset) % NUMBER_FIELDS.length]!;
    const sorted: Band[] = [...bands].sort((a, b) => a.upTo - b.upTo);
    const cap = (n: number) => (field === 'rdRatio' ? Math.min(n, 100) : n);
    return { kind: 'bracket', field, op, by, bands: sorted.map((b) => ({ ...b, threshold: cap(b.threshold) })), otherwise: cap(otherwise) };
  });

const listLeaf: fc.Arbitrary<EligibilityRule> = fc.oneof(
  fc.record({
    kind: fc.constant('condition' as const),
    field: fc.constant('industryCode' as const),
    op: fc.constantFrom('prefix_in' as const, 'not_prefix_in' as const),
    values: fc.subarray(RULE_INDUSTRIES, { minLength: 1 }),
  }),
  fc.record({
    kind: fc.constant('condition' as const),
    field: fc.constant('sizeClass' as const),
    op: fc.constantFrom('in' as const, 'not_in' as const),
    values: fc.subarray([...SIZE_CLASSES], { minLength: 1 }),
  }),
  fc.record({
    kind: fc.constant('condition' as const),
    field: fc.constant('partyOrgStatus' as const),
    op: fc.constantFrom('in' as const, 'not_in' as const),
    values: fc.subarray([...PARTY_ORG_STATUSES], { minLength: 1 }),
  }),
  fc.record({
    kind: fc.constant('condition' as const),
    field: fc.constant('buildingId' as const),
    op: fc.constantFrom('in' as const, 'not_in' as const),
    values: fc.subarray(BUILDINGS, { minLength: 1 }),
  }),
  fc.record({
    kind: fc.constant('condition' as const),
    field: fc.constantFrom('regionCode' as const, 'buildingRegionCode' as const),
    op: fc.constantFrom('within' as const, 'not_within' as const),
    values: fc.subarray(RULE_REGIONS, { minLength: 1 }),
  }),
  fc.record({
    kind: fc.constant('condition' as const),
    field: fc.constant('qualifications' as const),
    op: fc.constantFrom('has_any' as const, 'has_all' as const, 'has_none' as const),
    values: fc.subarray([...QUALIFICATIONS].slice(0, 4), { minLength: 1 }),
  }),
);

const otherLeaf: fc.Arbitrary<EligibilityRule> = fc.oneof(
  fc.record({
    kind: fc.constant('condition' as const),
    field: fc.constantFrom('registeredOn' as const, 'movedInOn' as const),
    op: fc.constantFrom('years_at_least' as const, 'years_less_than' as const),
    value: fc.integer({ min: 0, max: 6 }),
  }),
  fc.record({
    kind: fc.constant('condition' as const),
    field: fc.constantFrom('registeredOn' as const, 'movedInOn' as const),
    op: fc.constantFrom('on_or_after' as const, 'on_or_before' as const),
    value: fc.constantFrom(...DATES),
  }),
  fc.record({
    kind: fc.constant('condition' as const),
    field: fc.constantFrom('inBuilding' as const, 'isKeyEnterprise' as const, 'isNonPublic' as const),
    op: fc.constantFrom('is_true' as const, 'is_false' as const),
  }),
  fc.record({
    kind: fc.constant('condition' as const),
    field: fc.constant('rdRatio' as const),
    op: fc.constantFrom(...COMPARISONS),
    value: percent,
  }),
);

const leaf = fc.oneof(numberLeaf, bracket, listLeaf, otherLeaf);

function ruleOf(depth: number): fc.Arbitrary<EligibilityRule> {
  if (depth === 0) return leaf;
  return fc.oneof(
    { arbitrary: leaf, weight: 2 },
    {
      arbitrary: fc.record({
        kind: fc.constantFrom('and' as const, 'or' as const),
        rules: fc.array(ruleOf(depth - 1), { minLength: 1, maxLength: 4 }),
      }),
      weight: 1,
    },
  );
}
const rule = ruleOf(3);

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 4 });
const profile: fc.Arbitrary<EnterpriseProfile> = fc
  .record({
    industryCode: maybe(fc.constantFrom(...PROFILE_INDUSTRIES)),
    sizeClass: maybe(fc.constantFrom(...SIZE_CLASSES)),
    regionCode: maybe(fc.constantFrom(...PROFILE_REGIONS)),
    registeredOn: maybe(fc.constantFrom(...DATES)),
    staffCount: maybe(fc.constantFrom(...PROFILE_AMOUNTS)),
    revenue: maybe(fc.constantFrom(...PROFILE_AMOUNTS)),
    rdSpending: maybe(fc.constantFrom(...PROFILE_AMOUNTS)),
    qualifications: maybe(fc.subarray([...QUALIFICATIONS].slice(0, 5))),
    inBuilding: maybe(fc.boolean()),
    buildingId: maybe(fc.constantFrom(...BUILDINGS, 'b4')),
    buildingRegionCode: maybe(fc.constantFrom(...PROFILE_REGIONS)),
    movedInOn: maybe(fc.constantFrom(...DATES)),
    partyOrgStatus: maybe(fc.constantFrom(...PARTY_ORG_STATUSES)),
    isKeyEnterprise: maybe(fc.boolean()),
    isNonPublic: maybe(fc.boolean()),
  })
  .map(normaliseProfile);
const asOf = fc.constantFrom(...AS_OFS);

describe('POL-2 compiled evaluator', () => {
  it('POL-2 generated rules are valid rules', () => {
    fc.assert(
      fc.property(rule, (r) => {
        expect(eligibilityRuleSchema.safeParse(r).success).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('POL-2 the compiled and the explaining evaluator always agree', () => {
    fc.assert(
      fc.property(rule, profile, asOf, (r, p, d) => {
        expect(compileRule(r)(p, d)).toBe(evaluatePolicy({ rule: r, profile: p, asOf: d }).status);
      }),
      { numRuns: 2000 },
    );
  });

  it('POL-2 one compiled rule stays right as the evaluation date changes between calls', () => {
    fc.assert(
      fc.property(rule, fc.array(fc.tuple(profile, asOf), { minLength: 2, maxLength: 6 }), (r, calls) => {
        const compiled = compileRuleCode(r);
        for (const [p, d] of calls) expect(STATUS_OF_CODE[compiled(p, d)]).toBe(evaluatePolicy({ rule: r, profile: p, asOf: d }).status);
      }),
      { numRuns: 500 },
    );
  });

  it('POL-2 an unknown field is never unmet by itself: filling it in can only decide the rule, never reverse a decided one', () => {
    fc.assert(
      fc.property(rule, profile, profile, asOf, (r, filled, other, d) => {
        // Blank some of the fields of a complete-ish profile: a decided result must survive the blanks being filled.
        const blanked = { ...filled };
        for (const f of PROFILE_FIELDS) if (other[f] === null) Object.assign(blanked, { [f]: null });
        const before = evaluatePolicy({ rule: r, profile: blanked, asOf: d }).status;
        if (before !== 'unknown') expect(evaluatePolicy({ rule: r, profile: filled, asOf: d }).status).toBe(before);
      }),
      { numRuns: 2000 },
    );
  });

  it('POL-3 a change to a field the rule does not read never changes its result', () => {
    fc.assert(
      fc.property(rule, profile, profile, asOf, (r, p, other, d) => {
        const read = new Set(fieldsUsed(r));
        const changed = { ...other };
        for (const f of read) Object.assign(changed, { [f]: p[f] });
        const f = compileRuleCode(r);
        expect(f(changed, d)).toBe(f(p, d));
      }),
      { numRuns: 2000 },
    );
  });

  it('POL-2 the sample catalogue agrees on sample enterprises, and some enterprises qualify for most policies', () => {
    const policies = samplePolicies({ random: seededRandom(7).next });
    const profiles = sampleProfiles({ count: 120, random: seededRandom(8).next, asOf: '2025-06-30' });
    let qualifying = 0;
    for (const policy of policies) {
      const f = compileRuleCode(policy.rule);
      let met = 0;
      for (const p of profiles) {
        const code = f(p, '2025-06-30');
        expect(STATUS_OF_CODE[code]).toBe(evaluatePolicy({ rule: policy.rule, profile: p, asOf: '2025-06-30' }).status);
        if (code === MET) met++;
      }
      if (met > 0) qualifying++;
    }
    expect(qualifying).toBeGreaterThan(policies.length / 2);
  });
});
