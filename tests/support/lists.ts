import fc from 'fast-check';
import { LIST_CATEGORIES } from '../../src/domain/lists/categories.ts';
import { THEMES } from '../../src/domain/lists/phrases.ts';
import type { ListNeed, ListResource } from '../../src/domain/lists/types.ts';

/**
 * LST-3 random needs and resources for property tests: few places, categories and
 * sentences, so pairs collide on building, street, category and words often.
 */
export const AS_OF = '2026-07-01';

/** Two districts of one city, two streets in the first; a community below a street; a second city. */
export const STREETS = ['350102001', '350102002', '350103001', '350102001001', '350203001'] as const;
export const BUILDINGS = ['b1', 'b2', 'b3', 'b4'] as const;
const SERVED_REGIONS = ['350102001', '350102002', '350102', '350103', '350100', '350000'] as const;

const SENTENCES: string[] = Object.values(THEMES).flatMap((themes) => themes.flatMap((t) => [...t.needs, ...t.resources]));
const text = fc.constantFrom(...SENTENCES, '跨境电商平台对接服务', '寻找跨境电商渠道', '', '法律');
const category = fc.constantFrom(...LIST_CATEGORIES);
const place = fc.record({ buildingId: fc.option(fc.constantFrom(...BUILDINGS), { freq: 3 }), regionCode: fc.constantFrom(...STREETS) });
const date = fc.constantFrom('2026-05-01', '2026-06-30', '2026-07-01', '2026-07-10', '2026-08-15', '2027-01-01');

export const needArb: fc.Arbitrary<Omit<ListNeed, 'id'>> = fc
  .record({ category, description: text, quantity: fc.integer({ min: 1, max: 3 }), place })
  .map(({ place: p, ...rest }) => ({ ...rest, ...p }));

export const resourceArb: fc.Arbitrary<Omit<ListResource, 'id'>> = fc
  .record({
    category,
    description: fc.tuple(text, text).map(([a, b]) => a + b),
    capacityLeft: fc.option(fc.integer({ min: 0, max: 4 }), { freq: 6 }),
    place,
    area: fc.oneof(
      fc.constant({ servedBuildingId: null, servedRegionCode: null }),
      fc.constantFrom(...BUILDINGS).map((b) => ({ servedBuildingId: b, servedRegionCode: null })),
      fc.constantFrom(...SERVED_REGIONS).map((r) => ({ servedBuildingId: null, servedRegionCode: r })),
    ),
    validFrom: fc.option(date, { freq: 2 }),
    validUntil: fc.option(date, { freq: 2 }),
  })
  .map(({ place: p, area, ...rest }) => ({ ...rest, ...p, ...area }));

export const needsArb = (max: number) =>
  fc.array(needArb, { maxLength: max }).map((list) => list.map((n, i): ListNeed => ({ id: `n${i}`, ...n })));
export const resourcesArb = (max: number) =>
  fc.array(resourceArb, { maxLength: max }).map((list) => list.map((r, i): ListResource => ({ id: `r${i}`, ...r })));

export function need(overrides: Partial<ListNeed> = {}): ListNeed {
  return {
    id: 'n1',
    category: 'market',
    description: '寻找跨境电商渠道',
    quantity: 1,
    buildingId: 'b1',
    regionCode: '350102001',
    ...overrides,
  };
}

export function resource(overrides: Partial<ListResource> = {}): ListResource {
  return {
    id: 'r1',
    category: 'market',
    description: '跨境电商平台对接服务',
    capacityLeft: 5,
    buildingId: 'b1',
    regionCode: '350102001',
    servedBuildingId: null,
    servedRegionCode: null,
    validFrom: null,
    validUntil: null,
    ...overrides,
  };
}

/** Many eligible resources per need (two categories, always valid, capacity left): the index's pruning gets exercised. */
export const denseResourcesArb = (max: number) =>
  fc
    .array(
      fc
        .tuple(resourceArb, fc.constantFrom('market', 'industrial_upgrading'), fc.integer({ min: 1, max: 4 }))
        .map(([r, category, capacityLeft]) => ({
          ...r,
          category,
          capacityLeft,
          validFrom: null,
          validUntil: r.validUntil === null || r.validUntil >= AS_OF ? r.validUntil : null,
        })),
      { minLength: 20, maxLength: max },
    )
    .map((list) => list.map((r, i): ListResource => ({ id: `r${i}`, ...r })));
