import { describe, expect, it } from 'vitest';
import { HIGH_TECH_RD_RATIO } from './catalogue-samples.ts';
import { combine, evaluatePolicy, type EligibilityStatus } from './evaluate.ts';
import type { EligibilityRule } from './rule.ts';
import { AS_OF, judge, profileOf, statusOf } from './testing.ts';

const staff = (op: 'gte' | 'gt' | 'lte' | 'lt', value: number): EligibilityRule => ({ kind: 'condition', field: 'staffCount', op, value });

describe('POL-2 operators', () => {
  it('POL-2 numbers: ≥ > ≤ < and between (inclusive) at their boundaries; unreported is unknown', () => {
    expect(statusOf(staff('gte', 10), { staffCount: 10 })).toBe('met');
    expect(statusOf(staff('gte', 10), { staffCount: 9 })).toBe('unmet');
    expect(statusOf(staff('gt', 10), { staffCount: 10 })).toBe('unmet');
    expect(statusOf(staff('gt', 10), { staffCount: 11 })).toBe('met');
    expect(statusOf(staff('lte', 10), { staffCount: 10 })).toBe('met');
    expect(statusOf(staff('lte', 10), { staffCount: 11 })).toBe('unmet');
    expect(statusOf(staff('lt', 10), { staffCount: 10 })).toBe('unmet');
    expect(statusOf(staff('lt', 10), { staffCount: 0 })).toBe('met');
    const between: EligibilityRule = { kind: 'condition', field: 'revenue', op: 'between', min: 100, max: 200 };
    expect([99, 100, 200, 201].map((revenue) => statusOf(between, { revenue }))).toEqual(['unmet', 'met', 'met', 'unmet']);
    expect(statusOf(staff('gte', 10), {})).toBe('unknown');
    expect(statusOf(staff('gte', 0), { staffCount: 0 })).toBe('met');
  });

  it('POL-2 the R&D ratio is derived from R&D spending and revenue; either unreported, or revenue 0, leaves it unknown', () => {
    const ratio: EligibilityRule = { kind: 'condition', field: 'rdRatio', op: 'gte', value: 5 };
    expect(statusOf(ratio, { rdSpending: 5, revenue: 100 })).toBe('met');
    expect(statusOf(ratio, { rdSpending: 4.99, revenue: 100 })).toBe('unmet');
    expect(judge(ratio, { revenue: 100 }).missingFields).toEqual(['rdSpending']);
    expect(judge(ratio, {}).missingFields).toEqual(['revenue', 'rdSpending']);
    const zero = judge(ratio, { rdSpending: 10, revenue: 0 });
    expect(zero.status).toBe('unknown');
    expect(zero.missingFields).toEqual([]);
    expect(zero.leaves[0]!.text['zh-CN']).toBe('营业收入为 0，无法计算研发费用占比，要求 ≥ 5%');
  });

  it('POL-2 industry codes match by prefix: a section letter covers its divisions, a division its finer classes', () => {
    const rule = (values: string[], op: 'prefix_in' | 'not_prefix_in' = 'prefix_in'): EligibilityRule => ({
      kind: 'condition',
      field: 'industryCode',
      op,
      values,
    });
    expect(statusOf(rule(['I']), { industryCode: '65' })).toBe('met');
    expect(statusOf(rule(['I']), { industryCode: '6513' })).toBe('met');
    expect(statusOf(rule(['I']), { industryCode: '72' })).toBe('unmet');
    expect(statusOf(rule(['65']), { industryCode: '6513' })).toBe('met');
    expect(statusOf(rule(['6513']), { industryCode: '65' })).toBe('unmet');
    expect(statusOf(rule(['723', 'M']), { industryCode: '7231' })).toBe('met');
    expect(statusOf(rule(['J', 'K'], 'not_prefix_in'), { industryCode: '66' })).toBe('unmet');
    expect(statusOf(rule(['J', 'K'], 'not_prefix_in'), { industryCode: '65' })).toBe('met');
    expect(statusOf(rule(['J', 'K'], 'not_prefix_in'), {})).toBe('unknown');
  });

  it('POL-2 size class and party-organisation status: in and not in', () => {
    const size: EligibilityRule = { kind: 'condition', field: 'sizeClass', op: 'in', values: ['small', 'micro'] };
    expect(statusOf(size, { sizeClass: 'micro' })).toBe('met');
    expect(statusOf(size, { sizeClass: 'medium' })).toBe('unmet');
    expect(statusOf(size, {})).toBe('unknown');
    const notCovered: EligibilityRule = { kind: 'condition', field: 'partyOrgStatus', op: 'not_in', values: ['none'] };
    expect(statusOf(notCovered, { partyOrgStatus: 'joint' })).toBe('met');
    expect(statusOf(notCovered, { partyOrgStatus: 'none' })).toBe('unmet');
  });

  it('POL-2 regions: within a subtree (a district covers its streets, a city its districts) and outside it', () => {
    const inGulou: EligibilityRule = { kind: 'condition', field: 'regionCode', op: 'within', values: ['350102'] };
    expect(statusOf(inGulou, { regionCode: '350102004' })).toBe('met');
    expect(statusOf(inGulou, { regionCode: '350102' })).toBe('met');
    expect(statusOf(inGulou, { regionCode: '350103001' })).toBe('unmet');
    expect(statusOf({ ...inGulou, values: ['350100'] }, { regionCode: '350103001' })).toBe('met');
    expect(statusOf({ ...inGulou, values: ['350000'] }, { regionCode: '110101001' })).toBe('unmet');
    expect(statusOf({ ...inGulou, values: ['350102004'] }, { regionCode: '350102' })).toBe('unmet');
    expect(statusOf({ ...inGulou, op: 'not_within' }, { regionCode: '350103001' })).toBe('met');
    expect(statusOf({ ...inGulou, op: 'not_within' }, {})).toBe('unknown');
  });

  it('POL-2 building fields: absent (not unknown) for an enterprise in no building; unknown when tenancy is unreported', () => {
    const inB1: EligibilityRule = { kind: 'condition', field: 'buildingId', op: 'in', values: ['b1'] };
    const notB1: EligibilityRule = { ...inB1, op: 'not_in' };
    expect(statusOf(inB1, { inBuilding: true, buildingId: 'b1' })).toBe('met');
    expect(statusOf(inB1, { inBuilding: true, buildingId: 'b2' })).toBe('unmet');
    expect(statusOf(inB1, { inBuilding: false })).toBe('unmet');
    expect(statusOf(notB1, { inBuilding: false })).toBe('met');
    expect(judge(inB1, { inBuilding: true }).missingFields).toEqual(['buildingId']);
    expect(judge(inB1, {}).missingFields).toEqual(['inBuilding', 'buildingId']);
    const street: EligibilityRule = { kind: 'condition', field: 'buildingRegionCode', op: 'within', values: ['350102'] };
    expect(statusOf(street, { inBuilding: false })).toBe('unmet');
    expect(statusOf({ ...street, op: 'not_within' }, { inBuilding: false })).toBe('met');
    const recent: EligibilityRule = { kind: 'condition', field: 'movedInOn', op: 'years_less_than', value: 2 };
    expect(statusOf(recent, { inBuilding: false })).toBe('unmet');
    expect(statusOf(recent, { inBuilding: null })).toBe('unknown');
  });

  it('POL-2 dates: whole years since the date, counted on the anniversary (29 February on 1 March), and on/before/after a day', () => {
    const three: EligibilityRule = { kind: 'condition', field: 'registeredOn', op: 'years_at_least', value: 3 };
    expect(statusOf(three, { registeredOn: '2022-06-30' })).toBe('met');
    expect(statusOf(three, { registeredOn: '2022-07-01' })).toBe('unmet');
    expect(statusOf(three, { registeredOn: '2020-02-29' }, '2023-02-28')).toBe('unmet');
    expect(statusOf(three, { registeredOn: '2020-02-29' }, '2023-03-01')).toBe('met');
    expect(statusOf(three, { registeredOn: '2021-02-28' }, '2024-02-29')).toBe('met');
    const young: EligibilityRule = { ...three, op: 'years_less_than' };
    expect(statusOf(young, { registeredOn: '2022-06-30' })).toBe('unmet');
    expect(statusOf(young, { registeredOn: '2022-07-01' })).toBe('met');
    const after: EligibilityRule = { kind: 'condition', field: 'registeredOn', op: 'on_or_after', value: '2024-01-01' };
    expect(statusOf(after, { registeredOn: '2024-01-01' })).toBe('met');
    expect(statusOf(after, { registeredOn: '2023-12-31' })).toBe('unmet');
    expect(statusOf({ ...after, op: 'on_or_before' }, { registeredOn: '2024-01-01' })).toBe('met');
    expect(statusOf({ ...after, op: 'on_or_before' }, { registeredOn: '2024-01-02' })).toBe('unmet');
    expect(statusOf(three, {})).toBe('unknown');
  });

  it('POL-2 qualifications: has any, has all, has none; an empty list is known, null is unknown', () => {
    const any: EligibilityRule = { kind: 'condition', field: 'qualifications', op: 'has_any', values: ['high_tech', 'tech_sme'] };
    const all: EligibilityRule = { ...any, op: 'has_all' };
    const none: EligibilityRule = { ...any, op: 'has_none' };
    expect([any, all, none].map((r) => statusOf(r, { qualifications: ['tech_sme'] }))).toEqual(['met', 'unmet', 'unmet']);
    expect([any, all, none].map((r) => statusOf(r, { qualifications: ['tech_sme', 'high_tech'] }))).toEqual(['met', 'met', 'unmet']);
    expect([any, all, none].map((r) => statusOf(r, { qualifications: [] }))).toEqual(['unmet', 'unmet', 'met']);
    expect([any, all, none].map((r) => statusOf(r, { qualifications: null }))).toEqual(['unknown', 'unknown', 'unknown']);
  });

  it('POL-2 yes/no fields: is true and is false', () => {
    const key: EligibilityRule = { kind: 'condition', field: 'isKeyEnterprise', op: 'is_true' };
    expect(statusOf(key, { isKeyEnterprise: true })).toBe('met');
    expect(statusOf(key, { isKeyEnterprise: false })).toBe('unmet');
    expect(statusOf({ ...key, op: 'is_false' }, { isKeyEnterprise: false })).toBe('met');
    expect(statusOf({ kind: 'condition', field: 'inBuilding', op: 'is_true' }, {})).toBe('unknown');
  });
});

describe('POL-2 three-valued logic', () => {
  // One leaf of each status on the same profile: staff 5 meets ≥ 1, fails ≥ 100, and revenue is unreported.
  const leafOf: Record<EligibilityStatus, EligibilityRule> = {
    met: staff('gte', 1),
    unmet: staff('gte', 100),
    unknown: { kind: 'condition', field: 'revenue', op: 'gte', value: 1 },
  };
  const all: EligibilityStatus[] = ['met', 'unmet', 'unknown'];
  const AND: Record<EligibilityStatus, Record<EligibilityStatus, EligibilityStatus>> = {
    met: { met: 'met', unmet: 'unmet', unknown: 'unknown' },
    unmet: { met: 'unmet', unmet: 'unmet', unknown: 'unmet' },
    unknown: { met: 'unknown', unmet: 'unmet', unknown: 'unknown' },
  };
  const OR: Record<EligibilityStatus, Record<EligibilityStatus, EligibilityStatus>> = {
    met: { met: 'met', unmet: 'met', unknown: 'met' },
    unmet: { met: 'met', unmet: 'unmet', unknown: 'unknown' },
    unknown: { met: 'met', unmet: 'unknown', unknown: 'unknown' },
  };

  it('POL-2 and: unmet if any part is unmet, else unknown if any is unknown, else met (all nine pairs)', () => {
    for (const a of all)
      for (const b of all) expect(statusOf({ kind: 'and', rules: [leafOf[a], leafOf[b]] }, { staffCount: 5 })).toBe(AND[a][b]);
  });

  it('POL-2 or: met if any part is met, else unknown if any is unknown, else unmet (all nine pairs)', () => {
    for (const a of all)
      for (const b of all) expect(statusOf({ kind: 'or', rules: [leafOf[a], leafOf[b]] }, { staffCount: 5 })).toBe(OR[a][b]);
  });

  it('POL-2 nested groups, and the identities of empty groups', () => {
    const rule: EligibilityRule = { kind: 'and', rules: [leafOf.met, { kind: 'or', rules: [leafOf.unmet, leafOf.unknown] }] };
    const r = judge(rule, { staffCount: 5 });
    expect(r.status).toBe('unknown');
    expect(r.tree).toMatchObject({ kind: 'and', path: [], children: [{ path: [0] }, { kind: 'or', status: 'unknown', path: [1] }] });
    expect(r.leaves.map((l) => [l.path, l.status])).toEqual([
      [[0], 'met'],
      [[1, 0], 'unmet'],
      [[1, 1], 'unknown'],
    ]);
    expect(combine('and', [])).toBe('met');
    expect(combine('or', [])).toBe('unmet');
  });
});

describe('POL-2 brackets', () => {
  // 高新技术企业: ≥ 5 % up to ¥50M (inclusive), ≥ 4 % up to ¥200M (inclusive), ≥ 3 % above.
  const at = (revenue: number, percent: number) => statusOf(HIGH_TECH_RD_RATIO, { revenue, rdSpending: (revenue * percent) / 100 });

  it('POL-2 the high-tech R&D ratio: the threshold of the band the revenue falls in, inclusive bounds at their boundaries', () => {
    expect(at(50_000_000, 5)).toBe('met');
    expect(at(50_000_000, 4.5)).toBe('unmet');
    expect(at(50_000_001, 4.5)).toBe('met');
    expect(at(200_000_000, 4)).toBe('met');
    expect(at(200_000_000, 3.5)).toBe('unmet');
    expect(at(200_000_001, 3.5)).toBe('met');
    expect(at(200_000_001, 2.9)).toBe('unmet');
    expect(at(1, 5)).toBe('met');
  });

  it('POL-2 exclusive bounds put the boundary value in the next band', () => {
    const exclusive: EligibilityRule = {
      kind: 'bracket',
      field: 'staffCount',
      op: 'lte',
      by: 'revenue',
      bands: [{ upTo: 1000, inclusive: false, threshold: 10 }],
      otherwise: 50,
    };
    expect(statusOf(exclusive, { revenue: 999, staffCount: 11 })).toBe('unmet');
    expect(statusOf(exclusive, { revenue: 1000, staffCount: 11 })).toBe('met');
    expect(statusOf(exclusive, { revenue: 1000, staffCount: 51 })).toBe('unmet');
  });

  it('POL-2 with the band unknown a value passing every threshold is met, failing every one unmet, else unknown', () => {
    const rule: EligibilityRule = {
      kind: 'bracket',
      field: 'staffCount',
      op: 'gte',
      by: 'revenue',
      bands: [{ upTo: 1e7, inclusive: true, threshold: 10 }],
      otherwise: 50,
    };
    expect(statusOf(rule, { staffCount: 50 })).toBe('met');
    expect(statusOf(rule, { staffCount: 9 })).toBe('unmet');
    const between = judge(rule, { staffCount: 20 });
    expect(between.status).toBe('unknown');
    expect(between.missingFields).toEqual(['revenue']);
    expect(judge(rule, {}).missingFields).toEqual(['staffCount', 'revenue']);
  });
});

describe('POL-2 explanations', () => {
  it('POL-2 a bracket reads with its band, and an unmet one says what R&D ratio (and spending) is needed', () => {
    const met = judge(HIGH_TECH_RD_RATIO, { revenue: 30_000_000, rdSpending: 1_860_000 }).leaves[0]!;
    expect(met.text).toEqual({
      'zh-CN': '研发费用占比 6.2%，要求 ≥ 5%（营业收入不超过 5000 万元）',
      en: 'R&D ratio 6.2%, required ≥ 5% (revenue up to CNY 50 million)',
    });
    expect(met.change).toBeNull();
    const unmet = judge(HIGH_TECH_RD_RATIO, { revenue: 30_000_000, rdSpending: 1_200_000 }).leaves[0]!;
    expect(unmet.change).toEqual({
      'zh-CN': '研发费用占比需提高至 5%（研发费用约需 150 万元）',
      en: 'R&D ratio needs to rise to 5% (R&D spending of about CNY 1.5 million)',
    });
    const middle = judge(HIGH_TECH_RD_RATIO, { revenue: 100_000_000, rdSpending: 4_500_000 }).leaves[0]!;
    expect(middle.text['zh-CN']).toBe('研发费用占比 4.5%，要求 ≥ 4%（营业收入高于 5000 万元、不超过 2 亿元）');
    expect(middle.text.en).toBe('R&D ratio 4.5%, required ≥ 4% (revenue over CNY 50 million and up to CNY 200 million)');
    const top = judge(HIGH_TECH_RD_RATIO, { revenue: 300_000_000, rdSpending: 3_000_000 }).leaves[0]!;
    expect(top.text['zh-CN']).toBe('研发费用占比 1%，要求 ≥ 3%（营业收入高于 2 亿元）');
  });

  it('POL-2 an unknown condition names what is missing and the whole requirement', () => {
    const r = judge(HIGH_TECH_RD_RATIO, { rdSpending: 100 });
    expect(r.leaves[0]).toMatchObject({ status: 'unknown', missing: ['revenue'], change: null });
    expect(r.leaves[0]!.text['zh-CN']).toBe(
      '研发费用占比未填报，要求 视营业收入而定：≥ 5%（营业收入不超过 5000 万元）、≥ 4%（营业收入高于 5000 万元、不超过 2 亿元）、≥ 3%（营业收入高于 2 亿元）',
    );
    expect(r.leaves[0]!.text.en).toMatch(/^R&D ratio not reported; required depending on revenue: ≥ 5% \(revenue up to CNY 50 million\), /);
  });

  it('POL-2 sentences and changes of lists, dates, qualifications and yes/no fields in both languages', () => {
    const size = judge({ kind: 'condition', field: 'sizeClass', op: 'in', values: ['small', 'micro'] }, { sizeClass: 'medium' }).leaves[0]!;
    expect(size.text).toEqual({ 'zh-CN': '企业规模 中型，要求 为小型、微型之一', en: 'Size medium, required one of small, micro' });
    expect(size.change).toEqual({ 'zh-CN': '企业规模需为小型、微型之一', en: 'Size needs to be one of small, micro' });
    const years = judge({ kind: 'condition', field: 'registeredOn', op: 'years_at_least', value: 1 }, { registeredOn: '2024-09-01' })
      .leaves[0]!;
    expect(years.text).toEqual({
      'zh-CN': '成立日期 2024-09-01（已满 0 年），要求 满 1 年',
      en: 'Registration date 2024-09-01 (0 years completed), required at least 1 year ago',
    });
    expect(years.change).toEqual({ 'zh-CN': '2025-09-01 起成立日期满 1 年', en: 'From 2025-09-01, 1 year since the registration date' });
    const quals = judge(
      { kind: 'condition', field: 'qualifications', op: 'has_all', values: ['high_tech', 'tax_credit_a'] },
      { qualifications: ['high_tech'] },
    ).leaves[0]!;
    expect(quals.text['zh-CN']).toBe('资质 高新技术企业，要求 同时具有高新技术企业、纳税信用 A 级');
    expect(quals.change).toEqual({ 'zh-CN': '需取得纳税信用 A 级', en: 'Needs A-grade tax credit' });
    const key = judge({ kind: 'condition', field: 'isKeyEnterprise', op: 'is_true' }, { isKeyEnterprise: false }).leaves[0]!;
    expect(key.text).toEqual({ 'zh-CN': '非重点企业，要求重点企业', en: 'Not a key enterprise; required: a key enterprise' });
    expect(key.change).toEqual({ 'zh-CN': '需为重点企业', en: 'Needs to be a key enterprise' });
    const moved = judge({ kind: 'condition', field: 'movedInOn', op: 'years_less_than', value: 2 }, { inBuilding: false }).leaves[0]!;
    expect(moved.text['zh-CN']).toBe('未入驻登记楼宇，要求入驻日期 未满 2 年');
    expect(moved.change).toEqual({ 'zh-CN': '需入驻登记楼宇', en: 'Needs to move into a registered building' });
    const staffChange = judge(staff('lt', 100), { staffCount: 120 }).leaves[0]!.change;
    expect(staffChange).toEqual({ 'zh-CN': '职工人数需低于 100 人', en: 'Staff needs to fall below 100' });
  });

  it('POL-2 region and building names come from the caller when it knows them', () => {
    const rule: EligibilityRule = { kind: 'condition', field: 'regionCode', op: 'within', values: ['350102'] };
    const names = { region: (code: string) => ({ '350102': '鼓楼区', '350103001': '瀛洲街道' })[code] ?? null };
    const r = evaluatePolicy({ rule, profile: profileOf({ regionCode: '350103001' }), asOf: AS_OF, names });
    expect(r.leaves[0]!.text['zh-CN']).toBe('注册地 瀛洲街道（350103001），要求 位于鼓楼区（350102）');
    expect(r.leaves[0]!.change!.en).toBe('Registered region needs to be within 鼓楼区 (350102)');
  });

  it('POL-2 missing fields: every unreported field that leaves a condition unknown, in profile order, even when another branch decides', () => {
    const rule: EligibilityRule = {
      kind: 'or',
      rules: [staff('gte', 1), { kind: 'condition', field: 'qualifications', op: 'has_any', values: ['high_tech'] }, HIGH_TECH_RD_RATIO],
    };
    const r = judge(rule, { staffCount: 3, rdSpending: 10 });
    expect(r.status).toBe('met');
    expect(r.missingFields).toEqual(['revenue', 'qualifications']);
    expect(r.leaves.filter((l) => l.status === 'unknown').map((l) => l.missing)).toEqual([['qualifications'], ['revenue']]);
  });
});
