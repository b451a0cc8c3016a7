import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AS_OF, denseResourcesArb, need, needsArb, resource, resourcesArb } from '../../../tests/support/lists.ts';
import { buildNeedIndex, rankNeeds } from './need-index.ts';
import { buildResourceIndex, rankResources } from './resource-index.ts';
import { scoreMatch } from './score.ts';
import type { ListNeed, ListResource, MatchScore } from './types.ts';

/** Every pair scored, eligible ones best first: what the indexes must reproduce. */
function bruteResources(
  n: ListNeed,
  resources: readonly ListResource[],
  limit: number,
  rejected: ReadonlySet<string> = new Set(),
): MatchScore[] {
  const corpus = buildResourceIndex(resources).corpus;
  return resources
    .filter((r) => !rejected.has(r.id))
    .map((r) => scoreMatch({ need: n, resource: r, asOf: AS_OF, corpus }))
    .filter((s) => s.eligible)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
}

const scores = (list: readonly MatchScore[]) => list.map((s) => s.score);

describe('LST-3 rankResources', () => {
  it('LST-3 ranks the resource sharing 跨境电商 first, with explanations, and never an ineligible one', () => {
    const resources = [
      resource({ id: 'cross-border', description: '跨境电商平台对接服务' }),
      resource({ id: 'expo', description: '组织企业参加海外展会' }),
      resource({ id: 'expired', validUntil: '2026-06-01' }),
      resource({ id: 'full', capacityLeft: 0 }),
      resource({ id: 'elsewhere', servedRegionCode: '350103' }),
      resource({ id: 'legal', category: 'legal' }),
    ];
    const ranked = rankResources({ need: need(), resources, asOf: AS_OF });
    expect(ranked.map((r) => r.resourceId)).toEqual(['cross-border', 'expo']);
    expect(ranked[0]!.components.map((c) => c.factor)).toEqual(['category', 'text', 'proximity', 'capacity', 'validity', 'area']);
    expect(ranked[0]!.components[1]!.reason.zh).toContain('跨境电商');
  });

  it('LST-3 a financing need is offered a policy resource as related, below a financing one', () => {
    const resources = [
      resource({ id: 'subsidy', category: 'policy', description: '贷款贴息政策' }),
      resource({ id: 'loan', category: 'financing', description: '信用贷款' }),
    ];
    const ranked = rankResources({ need: need({ category: 'financing', description: '需要信用贷款支持' }), resources, asOf: AS_OF });
    expect(ranked.map((r) => [r.resourceId, r.components[0]!.reason.code])).toEqual([
      ['loan', 'category_same'],
      ['subsidy', 'category_related'],
    ]);
  });

  it('LST-3 remembered rejections are never proposed again; the next resource moves up', () => {
    const resources = [resource({ id: 'a' }), resource({ id: 'b', description: '电商平台' }), resource({ id: 'c', description: '展会' })];
    const before = rankResources({ need: need(), resources, asOf: AS_OF, limit: 2 });
    expect(before.map((r) => r.resourceId)).toEqual(['a', 'b']);
    const rejectedPairs = [
      { needId: 'n1', resourceId: 'a' },
      { needId: 'other', resourceId: 'b' },
    ];
    const after = rankResources({ need: need(), resources: buildResourceIndex(resources), asOf: AS_OF, rejectedPairs, limit: 2 });
    expect(after.map((r) => r.resourceId)).toEqual(['b', 'c']);
  });

  it('LST-3 property: the index ranks exactly as scoring every resource, rejections left out', () => {
    fc.assert(
      fc.property(needsArb(6), resourcesArb(40), fc.integer({ min: 1, max: 8 }), fc.nat(), (needs, resources, limit, pick) => {
        const index = buildResourceIndex(resources);
        for (const n of needs) {
          const rejected = new Set(resources.filter((_, i) => (i + pick) % 5 === 0).map((r) => r.id));
          const rejectedPairs = [...rejected].map((resourceId) => ({ needId: n.id, resourceId }));
          const ranked = rankResources({ need: n, resources: index, asOf: AS_OF, limit, rejectedPairs });
          const expected = bruteResources(n, resources, limit, rejected);
          expect(scores(ranked).length).toBe(expected.length);
          scores(ranked).forEach((s, i) => expect(s).toBeCloseTo(expected[i]!.score, 9));
          for (const r of ranked) {
            expect(r.eligible).toBe(true);
            expect(rejected.has(r.resourceId)).toBe(false);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('LST-3 property: with many eligible resources, the rings skipped by their bound never held a better one', () => {
    fc.assert(
      fc.property(needsArb(6), denseResourcesArb(120), fc.integer({ min: 1, max: 3 }), (needs, resources, limit) => {
        const index = buildResourceIndex(resources);
        for (const n of needs) {
          const n2 = { ...n, category: 'market' as const };
          const expected = bruteResources(n2, resources, limit);
          const ranked = rankResources({ need: n2, resources: index, asOf: AS_OF, limit });
          expect(scores(ranked).length).toBe(expected.length);
          scores(ranked).forEach((s, i) => expect(s).toBeCloseTo(expected[i]!.score, 9));
        }
      }),
      { numRuns: 100 },
    );
  });

  it('LST-3 property: a search reporting itself complete holds every eligible resource', () => {
    fc.assert(
      fc.property(needsArb(4), resourcesArb(30), fc.integer({ min: 1, max: 6 }), (needs, resources, limit) => {
        const index = buildResourceIndex(resources);
        for (const n of needs) {
          const found = index.search({ need: n, asOf: AS_OF, limit });
          if (found.complete) expect(found.hits.length).toBe(bruteResources(n, resources, 1000).length);
        }
      }),
    );
  });
});

describe('LST-3 rankNeeds', () => {
  it('LST-3 for a resource, the needs it could serve, within its area, rejections left out', () => {
    const needs = [
      need({ id: 'here', regionCode: '350102001' }),
      need({ id: 'community', regionCode: '350102001002', description: '开拓海外市场' }),
      need({ id: 'next-street', regionCode: '350102002' }),
      need({ id: 'legal', category: 'legal' }),
      need({ id: 'rejected' }),
    ];
    const r = resource({ servedRegionCode: '350102001' });
    const ranked = rankNeeds({ resource: r, needs, asOf: AS_OF, rejectedPairs: [{ needId: 'rejected', resourceId: 'r1' }] });
    expect(ranked.map((s) => s.needId)).toEqual(['here', 'community']);
    expect(rankNeeds({ resource: { ...r, validUntil: '2026-01-01' }, needs, asOf: AS_OF })).toEqual([]);
  });

  it('LST-3 property: the need index ranks exactly as scoring every need', () => {
    fc.assert(
      fc.property(needsArb(40), resourcesArb(6), fc.integer({ min: 1, max: 8 }), (needs, resources, limit) => {
        const index = buildNeedIndex(needs);
        for (const r of resources) {
          const expected = needs
            .map((n) => scoreMatch({ need: n, resource: r, asOf: AS_OF, corpus: index.corpus }))
            .filter((s) => s.eligible)
            .sort((a, b) => b.score - a.score)
            .slice(0, limit);
          const ranked = rankNeeds({ resource: r, needs: index, asOf: AS_OF, limit });
          expect(ranked.length).toBe(expected.length);
          scores(ranked).forEach((s, i) => expect(s).toBeCloseTo(expected[i]!.score, 9));
        }
      }),
      { numRuns: 150 },
    );
  });
});
