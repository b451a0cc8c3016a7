import { describe, expect, it } from 'vitest';
import { fromZodIssues, presentError } from '../../server/http/errors.ts';
import { isMessageKey } from '../../server/i18n/messages.ts';
import { HIGH_TECH_RD_RATIO } from './catalogue-samples.ts';
import { dependsOnDate, eligibilityRuleSchema, fieldsUsed, type EligibilityRule } from './rule.ts';

/** The issues of a rejected rule as path → message, as the API would report them. */
function issuesOf(input: unknown): { path: string; message: string }[] {
  const r = eligibilityRuleSchema.safeParse(input);
  if (r.success) throw new Error('the rule was accepted');
  return r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

const cond = (extra: Record<string, unknown>) => ({ kind: 'and', rules: [{ kind: 'condition', ...extra }] });

describe('POL-2 rule schema', () => {
  it('POL-2 accepts the high-tech rule with and/or groups, and returns it unchanged', () => {
    const rule: EligibilityRule = {
      kind: 'and',
      rules: [
        HIGH_TECH_RD_RATIO,
        { kind: 'condition', field: 'registeredOn', op: 'years_at_least', value: 1 },
        {
          kind: 'or',
          rules: [
            { kind: 'condition', field: 'industryCode', op: 'prefix_in', values: ['I', 'M', '39', '6513'] },
            { kind: 'condition', field: 'qualifications', op: 'has_any', values: ['tech_sme'] },
          ],
        },
        { kind: 'condition', field: 'buildingRegionCode', op: 'within', values: ['350102', '350103001'] },
        { kind: 'condition', field: 'inBuilding', op: 'is_true' },
      ],
    };
    expect(eligibilityRuleSchema.parse(rule)).toEqual(rule);
  });

  it('POL-2 an unknown field, an operator the field does not have, and a wrong operand are reported at their paths', () => {
    expect(issuesOf(cond({ field: 'turnover', op: 'gte', value: 1 }))).toMatchObject([{ path: 'rules.0.field' }]);
    expect(issuesOf(cond({ field: 'revenue', op: 'prefix_in', values: ['I'] }))).toMatchObject([{ path: 'rules.0.op' }]);
    expect(issuesOf(cond({ field: 'revenue', op: 'gte', value: '5000万' }))).toMatchObject([{ path: 'rules.0.value' }]);
    expect(issuesOf(cond({ field: 'revenue', op: 'gte' }))).toMatchObject([{ path: 'rules.0.value' }]);
    expect(issuesOf(cond({ field: 'revenue', op: 'gte', value: -1 }))).toMatchObject([{ path: 'rules.0.value' }]);
    expect(issuesOf(cond({ field: 'sizeClass', op: 'in', values: ['huge'] }))).toMatchObject([{ path: 'rules.0.values.0' }]);
    expect(issuesOf(cond({ field: 'sizeClass', op: 'in', values: [] }))).toMatchObject([{ path: 'rules.0.values' }]);
    expect(issuesOf({ kind: 'xor', rules: [] })).toMatchObject([{ path: 'kind' }]);
    expect(issuesOf({ kind: 'and', rules: [] })).toMatchObject([{ path: 'rules' }]);
  });

  it('POL-2 codes, dates, ranges and percentages are checked with our own messages', () => {
    expect(issuesOf(cond({ field: 'regionCode', op: 'within', values: ['3501'] }))).toEqual([
      { path: 'rules.0.values.0', message: 'field.region_unknown' },
    ]);
    expect(issuesOf(cond({ field: 'industryCode', op: 'prefix_in', values: ['Z'] }))).toEqual([
      { path: 'rules.0.values.0', message: 'field.industry_unknown' },
    ]);
    expect(issuesOf(cond({ field: 'registeredOn', op: 'on_or_after', value: '2024-02-30' }))).toEqual([
      { path: 'rules.0.value', message: 'field.rule_date_format' },
    ]);
    expect(issuesOf(cond({ field: 'registeredOn', op: 'years_at_least', value: 1.5 }))).toMatchObject([{ path: 'rules.0.value' }]);
    expect(issuesOf(cond({ field: 'staffCount', op: 'between', min: 10, max: 5 }))).toEqual([
      { path: 'rules.0.max', message: 'field.rule_range_order' },
    ]);
    expect(issuesOf(cond({ field: 'rdRatio', op: 'gte', value: 120 }))).toMatchObject([{ path: 'rules.0.value' }]);
  });

  it('POL-2 bracket bands must rise, be banded by another field, and keep percentages within 100', () => {
    const bracket = (extra: Record<string, unknown>) => ({ ...HIGH_TECH_RD_RATIO, ...extra });
    const falling = [
      { upTo: 200_000_000, inclusive: true, threshold: 4 },
      { upTo: 50_000_000, inclusive: true, threshold: 5 },
    ];
    expect(issuesOf(bracket({ bands: falling }))).toEqual([{ path: 'bands.1.upTo', message: 'field.rule_bands_order' }]);
    expect(issuesOf(bracket({ by: 'rdRatio' }))).toEqual([{ path: 'by', message: 'field.rule_bracket_same_field' }]);
    expect(issuesOf(bracket({ otherwise: 101 }))).toEqual([{ path: 'otherwise', message: 'field.rule_percent_range' }]);
    expect(issuesOf(bracket({ bands: [] }))).toMatchObject([{ path: 'bands' }]);
    expect(issuesOf(bracket({ bands: [{ upTo: 1, threshold: 2 }] }))).toMatchObject([{ path: 'bands.0.inclusive' }]);
  });

  it('POL-2 groups nest at most 8 deep', () => {
    let rule: EligibilityRule = { kind: 'condition', field: 'isNonPublic', op: 'is_true' };
    for (let i = 0; i < 7; i++) rule = { kind: 'and', rules: [rule] };
    expect(eligibilityRuleSchema.safeParse(rule).success).toBe(true);
    expect(issuesOf({ kind: 'or', rules: [rule] })).toEqual([{ path: '', message: 'field.rule_too_deep' }]);
  });

  it('POL-2 every message the schema names is a server message, rendered in Chinese and English for the editor', () => {
    const r = eligibilityRuleSchema.safeParse({
      kind: 'and',
      rules: [
        { ...HIGH_TECH_RD_RATIO, by: 'rdRatio' },
        { kind: 'condition', field: 'staffCount', op: 'between', min: 10, max: 5 },
        { kind: 'condition', field: 'movedInOn', op: 'on_or_before', value: '2024/01/01' },
        { kind: 'condition', field: 'regionCode', op: 'within', values: ['x'] },
        { kind: 'condition', field: 'industryCode', op: 'prefix_in', values: ['99'] },
      ],
    });
    expect(r.success).toBe(false);
    const custom = r.error!.issues.filter((i) => i.code === 'custom');
    expect(custom.length).toBe(5);
    for (const issue of custom) expect(isMessageKey(issue.message)).toBe(true);
    const zh = presentError(fromZodIssues(r.error!.issues, 'body.rule'), 'zh-CN').error.fields;
    expect(zh).toContainEqual({ path: 'body.rule.rules.1.max', message: '上限不能小于下限' });
    const en = presentError(fromZodIssues(r.error!.issues, 'body.rule'), 'en').error.fields;
    expect(en).toContainEqual({ path: 'body.rule.rules.0.by', message: 'A bracket cannot be banded by the field it compares' });
    const wrongOp = eligibilityRuleSchema.safeParse(cond({ field: 'revenue', op: 'in', values: [] }));
    const [field] = presentError(fromZodIssues(wrongOp.error!.issues), 'zh-CN').error.fields;
    expect(field!.path).toBe('rules.0.op');
    expect(field!.message).not.toBe('');
  });
});

describe('POL-3 fields a rule reads', () => {
  it('POL-3 the R&D ratio reads spending and revenue; a bracket its band field; building fields the tenancy flag', () => {
    const rule: EligibilityRule = {
      kind: 'or',
      rules: [
        HIGH_TECH_RD_RATIO,
        { kind: 'condition', field: 'movedInOn', op: 'years_less_than', value: 2 },
        {
          kind: 'bracket',
          field: 'staffCount',
          op: 'lte',
          by: 'revenue',
          bands: [{ upTo: 1, inclusive: true, threshold: 1 }],
          otherwise: 2,
        },
      ],
    };
    expect(fieldsUsed(rule).sort()).toEqual(['inBuilding', 'movedInOn', 'rdSpending', 'revenue', 'staffCount']);
    expect(dependsOnDate(rule)).toBe(true);
    expect(dependsOnDate(HIGH_TECH_RD_RATIO)).toBe(false);
  });
});
