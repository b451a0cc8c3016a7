import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AS_OF, need, needArb, resource, resourceArb } from '../../../tests/support/lists.ts';
import { categoryRelatedness, LIST_CATEGORIES } from './categories.ts';
import { scoreMatch } from './score.ts';
import type { MatchFactor, MatchScore } from './types.ts';

const component = (s: MatchScore, factor: MatchFactor) => s.components.find((c) => c.factor === factor)!;
const score = (n = need(), r = resource()) => scoreMatch({ need: n, resource: r, asOf: AS_OF });

describe('LST-3 scoreMatch explains every component', () => {
  it('LST-3 category: same, related (a financing need partly served by a policy resource), with weight and value', () => {
    const same = component(score(), 'category');
    expect(same).toMatchObject({ weight: 30, value: 1, points: 30 });
    expect(same.reason).toMatchObject({ code: 'category_same', zh: '类别相同：市场开拓', en: 'Same category: Market expansion' });
    const related = component(score(need({ category: 'financing' }), resource({ category: 'policy' })), 'category');
    expect(related.value).toBe(0.6);
    expect(related.points).toBeCloseTo(18);
    expect(related.reason.code).toBe('category_related');
    expect(related.reason.zh).toBe('类别相关：政策资源可部分满足融资需求（相关度 60%）');
    expect(related.reason.en).toBe('Related category: a resource in Policies partly serves a need in Financing (60 %)');
  });

  it('LST-3 Chinese substring relevance: 需求 "寻找跨境电商渠道" matches 资源 "跨境电商平台对接服务" through the phrase 跨境电商', () => {
    const text = component(score(), 'text');
    expect(text.value).toBeGreaterThan(0.3);
    expect(text.reason.code).toBe('text_shared');
    expect(text.reason.zh).toContain('“跨境电商”');
    expect(text.reason.en).toContain('“跨境电商”');
    const unrelated = component(score(need(), resource({ description: '员工体检和健康咨询' })), 'text');
    expect(unrelated).toMatchObject({ value: 0, points: 0 });
    expect(unrelated.reason).toMatchObject({ code: 'text_none', zh: '描述没有共同词语' });
  });

  it('LST-3 proximity: same building > same street > same district > same city > farther', () => {
    const at = (buildingId: string | null, regionCode: string) =>
      component(score(need(), resource({ buildingId, regionCode })), 'proximity');
    const ladder = [at('b1', '350102001'), at('b9', '350102001'), at('b9', '350102002'), at(null, '350103001'), at(null, '350203001')];
    expect(ladder.map((c) => c.reason.code)).toEqual([
      'proximity_building',
      'proximity_street',
      'proximity_district',
      'proximity_city',
      'proximity_farther',
    ]);
    expect(ladder.map((c) => c.value)).toEqual([1, 0.75, 0.5, 0.25, 0]);
    expect(ladder.map((c) => c.reason.zh)).toEqual(['同一楼宇', '同一街道', '同一区县', '同一城市', '不在同一城市']);
    // A community lies in its street; a resource placed at the city level is only "same city".
    expect(at(null, '350102001003').reason.code).toBe('proximity_street');
    expect(at(null, '350100').reason.code).toBe('proximity_city');
  });

  it('LST-3 capacity left: enough, part of the quantity, unlimited', () => {
    expect(component(score(need({ quantity: 3 }), resource({ capacityLeft: 12 })), 'capacity')).toMatchObject({
      value: 1,
      reason: { code: 'capacity_enough', zh: '剩余 12，足够需求的 3', en: '12 left, enough for the 3 needed' },
    });
    expect(component(score(need({ quantity: 5 }), resource({ capacityLeft: 2 })), 'capacity')).toMatchObject({
      value: 0.4,
      reason: { code: 'capacity_partial', en: 'Only 2 left of the 5 needed' },
    });
    expect(component(score(need(), resource({ capacityLeft: null })), 'capacity')).toMatchObject({
      value: 1,
      reason: { code: 'capacity_unlimited' },
    });
  });

  it('LST-3 validity: open-ended, valid, expiring soon scores lower', () => {
    expect(component(score(), 'validity')).toMatchObject({ value: 1, reason: { code: 'validity_open', zh: '长期有效' } });
    expect(component(score(need(), resource({ validUntil: '2026-12-31' })), 'validity')).toMatchObject({
      value: 1,
      reason: { code: 'validity_valid', zh: '有效期至 2026-12-31' },
    });
    const soon = component(score(need(), resource({ validUntil: '2026-07-13' })), 'validity');
    expect(soon.value).toBeCloseTo(0.7);
    expect(soon.reason).toMatchObject({
      code: 'validity_soon',
      zh: '即将到期：还剩 12 天（至 2026-07-13）',
      en: 'Expires soon: 12 days left (until 2026-07-13)',
    });
    expect(component(score(need(), resource({ validUntil: AS_OF })), 'validity').value).toBe(0.5);
  });

  it('LST-3 area served is a condition worth no points, explained', () => {
    expect(component(score(), 'area')).toMatchObject({ weight: 0, value: 1, reason: { code: 'area_anywhere' } });
    expect(component(score(need(), resource({ servedRegionCode: '350102' })), 'area').reason.code).toBe('area_region');
    expect(component(score(need(), resource({ servedBuildingId: 'b1' })), 'area').reason).toMatchObject({
      code: 'area_building',
      zh: '服务本楼宇',
    });
  });

  it('LST-3 the score is the sum of the points, and the weights add up to 100', () => {
    const s = score(need(), resource({ buildingId: 'b2', validUntil: '2026-07-20', capacityLeft: 1 }));
    expect(s.eligible).toBe(true);
    expect(s.score).toBeCloseTo(
      s.components.reduce((sum, c) => sum + c.points, 0),
      10,
    );
    expect(s.components.reduce((sum, c) => sum + c.weight, 0)).toBe(100);
  });
});

describe('LST-3 ineligible pairs say why', () => {
  const reasons = (n = need(), r = resource()) => score(n, r).ineligible.map((x) => x.code);

  it('LST-3 an unrelated category, no capacity left, expired, not yet valid', () => {
    expect(reasons(need({ category: 'living_services' }), resource({ category: 'legal' }))).toEqual(['category_unrelated']);
    expect(reasons(need(), resource({ capacityLeft: 0 }))).toEqual(['capacity_none']);
    expect(reasons(need(), resource({ validUntil: '2026-06-30' }))).toEqual(['validity_expired']);
    expect(reasons(need(), resource({ validFrom: '2026-07-02' }))).toEqual(['validity_not_yet']);
    const s = score(need(), resource({ validUntil: '2026-06-30' }));
    expect(s).toMatchObject({ eligible: false, score: 0 });
    expect(s.ineligible[0]).toMatchObject({ zh: '已过期（2026-06-30 截止）', en: 'Expired (ended 2026-06-30)' });
  });

  it('LST-3 a resource serving a street cannot serve a need in another street, nor one serving a building another building', () => {
    const other = score(need({ regionCode: '350102002' }), resource({ servedRegionCode: '350102001' }));
    expect(other.ineligible.map((x) => x.code)).toEqual(['area_other_region']);
    expect(other.ineligible[0]!.zh).toBe('服务范围 350102001 不含需求所在地 350102002');
    expect(reasons(need({ regionCode: '350102001002' }), resource({ servedRegionCode: '350102001' }))).toEqual([]);
    expect(reasons(need({ buildingId: 'b2' }), resource({ servedBuildingId: 'b1' }))).toEqual(['area_other_building']);
    expect(reasons(need({ buildingId: null }), resource({ servedBuildingId: 'b1' }))).toEqual(['area_other_building']);
  });

  it('LST-3 every reason is listed at once', () => {
    expect(
      reasons(
        need({ category: 'living_services' }),
        resource({ category: 'legal', capacityLeft: 0, validUntil: '2026-01-01', servedBuildingId: 'b9' }),
      ),
    ).toEqual(['category_unrelated', 'capacity_none', 'validity_expired', 'area_other_building']);
  });

  it('LST-3 property: score within 0..100, eligible exactly when no reason stands, zero when not, reasons in both locales', () => {
    fc.assert(
      fc.property(needArb, resourceArb, (n, r) => {
        const s = scoreMatch({ need: { id: 'n', ...n }, resource: { id: 'r', ...r }, asOf: AS_OF });
        expect(s.score).toBeGreaterThanOrEqual(0);
        expect(s.score).toBeLessThanOrEqual(100 + 1e-9);
        expect(s.eligible).toBe(s.ineligible.length === 0);
        if (!s.eligible) expect(s.score).toBe(0);
        for (const c of s.components) {
          expect(c.value).toBeGreaterThanOrEqual(0);
          expect(c.value).toBeLessThanOrEqual(1);
          expect(c.reason.zh.length).toBeGreaterThan(0);
          expect(c.reason.en.length).toBeGreaterThan(0);
        }
      }),
    );
  });

  it('LST-3 the same category is always fully related; other pairs are below it', () => {
    for (const a of LIST_CATEGORIES) {
      expect(categoryRelatedness(a, a)).toBe(1);
      for (const b of LIST_CATEGORIES) if (a !== b) expect(categoryRelatedness(a, b)).toBeLessThan(1);
    }
  });
});
