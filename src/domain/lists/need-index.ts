import { regionPrefix } from '../regions.ts';
import { LIST_CATEGORIES, needCategoriesFor, type ListCategory } from './categories.ts';
import { dayNumber, MATCH_WEIGHTS, validityValue } from './factors.ts';
import { PlaceTable } from './places.ts';
import { BigramPostings, TopK } from './postings.ts';
import { scoreMatch } from './score.ts';
import type { TextCorpus } from './text.ts';
import type { ListNeed, ListResource, MatchPair, MatchScore } from './types.ts';

// Module-level copies: an imported binding read in a hot loop costs a getter call once compiled to CommonJS (tsx).
const W = { ...MATCH_WEIGHTS };
const validityOf = validityValue;
const SERVED = new Map(LIST_CATEGORIES.map((c) => [c, needCategoriesFor(c)]));

/**
 * LST-3 the other direction: for a resource, the needs it could serve. Needs are numbered
 * by category, then region code, so the needs inside a region's subtree are one range
 * (codes starting with its prefix) found by binary search, and the needs of one building
 * a few short ranges.
 */
export class NeedIndex {
  readonly needs: readonly ListNeed[];
  readonly corpus: TextCorpus;
  private readonly segment = new Map<ListCategory, [number, number]>();
  private readonly byBuilding = new Map<string, [number, number][]>();
  private readonly regionCodes: string[];
  private readonly quantity: Float64Array;
  private readonly postings: BigramPostings;
  private readonly places: PlaceTable;
  private readonly acc: Float64Array;
  private readonly valid: Int32Array;
  private stamp = 0;

  constructor(needs: readonly ListNeed[]) {
    const catOrder = new Map(LIST_CATEGORIES.map((c, i) => [c, i]));
    const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    this.needs = [...needs].sort(
      (a, b) =>
        catOrder.get(a.category)! - catOrder.get(b.category)! ||
        cmp(a.regionCode, b.regionCode) ||
        cmp(a.buildingId ?? '', b.buildingId ?? '') ||
        cmp(a.id, b.id),
    );
    this.needs.forEach((n, i) => {
      const seg = this.segment.get(n.category);
      if (seg) seg[1] = i + 1;
      else this.segment.set(n.category, [i, i + 1]);
      if (n.buildingId === null) return;
      const key = `${n.category}|${n.buildingId}`;
      const ranges = this.byBuilding.get(key) ?? [];
      const last = ranges[ranges.length - 1];
      if (last && last[1] === i) last[1] = i + 1;
      else ranges.push([i, i + 1]);
      this.byBuilding.set(key, ranges);
    });
    this.regionCodes = this.needs.map((n) => n.regionCode);
    this.quantity = Float64Array.from(this.needs, (n) => n.quantity);
    this.postings = new BigramPostings(this.needs.map((n) => n.description));
    this.corpus = this.postings.corpus;
    this.places = new PlaceTable(this.needs);
    this.acc = new Float64Array(this.needs.length);
    this.valid = new Int32Array(this.needs.length);
  }

  /** The ranges of needs of a category inside the resource's area served. */
  private ranges(category: ListCategory, resource: ListResource): [number, number][] {
    const seg = this.segment.get(category);
    if (!seg) return [];
    if (resource.servedBuildingId !== null) return this.byBuilding.get(`${category}|${resource.servedBuildingId}`) ?? [];
    if (resource.servedRegionCode === null) return [seg];
    const prefix = regionPrefix(resource.servedRegionCode);
    // Region codes are digits, and ':' sorts right after '9': [prefix, prefix + ':') is the subtree.
    return [[this.lowerBound(seg, prefix), this.lowerBound(seg, `${prefix}:`)]];
  }

  private lowerBound([from, to]: [number, number], code: string): number {
    let lo = from;
    let hi = to;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.regionCodes[mid]! < code) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The `limit` best needs the resource can serve (index positions), skipping `excluded` need ids. */
  search(options: { resource: ListResource; asOf: string; limit: number; excluded?: ReadonlySet<string> }): {
    hits: { score: number; item: number }[];
    scanned: number;
  } {
    const { resource, limit, excluded } = options;
    const today = dayNumber(options.asOf);
    const from = resource.validFrom === null ? -Infinity : dayNumber(resource.validFrom);
    const until = resource.validUntil === null ? Infinity : dayNumber(resource.validUntil);
    const left = resource.capacityLeft ?? Infinity;
    if (from > today || until < today || left <= 0) return { hits: [], scanned: 0 };
    const fixedPoints = W.validity * validityOf(until - today);
    const place = this.places.idsOf(resource);
    const query = this.postings.queryTerms(resource.description);
    const terms = query.ids.map((_, t) => t);
    const stamp = ++this.stamp;
    const top = new TopK(limit);
    const { acc, quantity, places } = this;
    let scanned = 0;
    for (const { category, strength } of SERVED.get(resource.category)!) {
      const categoryPoints = W.category * strength + fixedPoints;
      for (const [lo, hi] of this.ranges(category, resource)) {
        this.postings.accumulate(query, terms, [lo, hi], { acc, valid: this.valid, stamp }, null, 0);
        scanned += hi - lo;
        for (let i = lo; i < hi; i++) {
          const text = this.valid[i] === stamp ? acc[i]! : 0;
          const q = quantity[i]!;
          const score =
            categoryPoints +
            W.text * (text < 1 ? text : 1) +
            W.proximity * places.proximityValue(i, place) +
            W.capacity * (left >= q ? 1 : left / q);
          if (score < top.threshold) continue;
          if (excluded !== undefined && excluded.has(this.needs[i]!.id)) continue;
          top.offer(score, i);
        }
      }
    }
    return { hits: top.sorted(), scanned };
  }
}

export function buildNeedIndex(needs: readonly ListNeed[]): NeedIndex {
  return new NeedIndex(needs);
}

/** LST-3 for a resource, the needs it could serve best, explained; rejected pairs are never proposed again. */
export function rankNeeds(options: {
  resource: ListResource;
  needs: NeedIndex | readonly ListNeed[];
  asOf: string;
  rejectedPairs?: Iterable<MatchPair>;
  limit?: number;
}): MatchScore[] {
  const { resource, asOf } = options;
  const index = options.needs instanceof NeedIndex ? options.needs : buildNeedIndex(options.needs);
  const excluded = new Set<string>();
  if (options.rejectedPairs) for (const p of options.rejectedPairs) if (p.resourceId === resource.id) excluded.add(p.needId);
  return index
    .search({ resource, asOf, limit: options.limit ?? 10, excluded })
    .hits.map(({ item }) => scoreMatch({ need: index.needs[item]!, resource, asOf, corpus: index.corpus }))
    .sort((a, b) => b.score - a.score || (a.needId < b.needId ? -1 : a.needId > b.needId ? 1 : 0));
}
