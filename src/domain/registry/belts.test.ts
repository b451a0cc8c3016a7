import { describe, expect, it } from 'vitest';
import { beltTotals, beltViolations, demoStatusOf, describeViolation, effectiveProgress, type BeltFacts } from './belts.ts';

const buildings = (n: number, status: 'cultivating' | 'named' = 'cultivating', from = 1) =>
  Array.from({ length: n }, (_, i) => ({ buildingId: String(from + i), status, progress: 40 }));
const points = (n: number) => Array.from({ length: n }, (_, i) => ({ level: i % 2 ? ('city' as const) : ('county' as const) }));

describe('REG-7 demonstration belt rules', () => {
  it('REG-7 a belt with 3–5 buildings and at least 8 points breaks no rule', () => {
    expect(beltViolations({ buildings: buildings(3), points: points(8) })).toEqual([]);
    expect(beltViolations({ buildings: buildings(5), points: points(12) })).toEqual([]);
  });

  it('REG-7 fewer than 3 buildings, more than 5, and fewer than 8 points are each named with the numbers', () => {
    expect(beltViolations({ buildings: buildings(2), points: points(7) })).toEqual([
      { rule: 'too_few_buildings', actual: 2, limit: 3 },
      { rule: 'too_few_points', actual: 7, limit: 8 },
    ]);
    expect(beltViolations({ buildings: buildings(6), points: points(8) })).toEqual([{ rule: 'too_many_buildings', actual: 6, limit: 5 }]);
  });

  it('REG-7 violations read in Chinese and English', () => {
    const [v] = beltViolations({ buildings: buildings(2), points: points(8) });
    expect(describeViolation(v!, 'zh-CN')).toBe('示范楼宇仅 2 栋，每条示范带应确立和培育 3—5 栋');
    expect(describeViolation(v!, 'en')).toContain('Only 2 demonstration buildings');
  });

  it('REG-7 totals: the article’s 7 city-level belts and 4 named buildings, a building shared by two belts counted once', () => {
    const belts: BeltFacts[] = Array.from({ length: 7 }, (_, i) => ({
      level: 'city',
      buildings: [...buildings(i < 4 ? 1 : 0, 'named', 100 + i), ...buildings(3, 'cultivating', 10 * i)],
      points: points(8),
    }));
    belts.push({ level: 'county', buildings: [{ buildingId: '100', status: 'named', progress: 100 }], points: [] });
    const totals = beltTotals(belts);
    expect(totals).toMatchObject({ belts: 8, cityBelts: 7, countyBelts: 1, namedBuildings: 4, beltsBreakingRules: 1, points: 56 });
  });

  it('REG-7 a named building counts as complete; a building’s status follows its strongest membership', () => {
    expect(effectiveProgress({ status: 'named', progress: 30 })).toBe(100);
    expect(effectiveProgress({ status: 'cultivating', progress: 140 })).toBe(100);
    expect(demoStatusOf(['cultivating', 'named'])).toBe('named');
    expect(demoStatusOf(['cultivating'])).toBe('cultivating');
    expect(demoStatusOf([])).toBe('none');
  });
});
