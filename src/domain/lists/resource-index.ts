import { ancestorCodes, regionLevelOf } from '../regions.ts';
import { LIST_CATEGORIES, resourceCategoriesFor } from './categories.ts';
import { dayNumber, MATCH_WEIGHTS, placeKeys, PROXIMITY_VALUE, validityValue } from './factors.ts';
import { PlaceTable } from './places.ts';
import { BigramPostings, TopK } from './postings.ts';
import { scoreMatch } from './score.ts';
import type { TextCorpus } from './text.ts';
import type { ListNeed, ListResource, MatchPair, MatchScore } from './types.ts';

// Module-level copies: an imported binding read in a hot loop costs a getter call once compiled to CommonJS (tsx).
const W = { ...MATCH_WEIGHTS };
const validityOf = validityValue;
/** Points the weakest query bigrams may add together without making a resource a candidate. */
const WEAK_POINTS = 3;
const SERVING = new Map(
  LIST_CATEGORIES.map((c) => [c, resourceCategoriesFor(c).map((x) => ({ ...x, order: LIST_CATEGORIES.indexOf(x.category) }))]),
);

/**
 * LST-3 an index of resources for ranking them against a need without scoring them all.
 * Resources are numbered in buckets of (category, area served), and inside a bucket by
 * where the provider sits (region code, then building). A need can only use the buckets
 * of its related categories whose area contains it — anywhere, its building, or one of
 * its region's ancestors — so other categories and other streets' resources are never
 * touched. Inside those buckets:
 *  1. the bigram postings give every resource sharing words with the need, scored fully;
 *  2. resources in the need's own building are scored (found through a building list);
 *  3. the rest share no words, so their score is bounded by category + proximity + 20:
 *     each bucket is read as rings — same street, same district, same city, the rest —
 *     a range each thanks to the numbering, and a ring whose bound cannot beat the k-th
 *     best so far is skipped unread.
 * The result equals scoring every resource (the tests and the benchmark compare them).
 */
export class ResourceIndex {
  /** Resources in index order. */
  readonly resources: readonly ListResource[];
  readonly corpus: TextCorpus;
  /** `${category}|${areaKey}` → bucket number. */
  private readonly bucketIds = new Map<string, number>();
  private readonly bucketFrom: number[] = [];
  private readonly bucketTo: number[] = [];
  private readonly bucketOf: Int32Array;
  private readonly regionCodes: string[];
  private readonly categoryOf: Uint8Array;
  private readonly inBuilding = new Map<string, Int32Array>();
  private readonly postings: BigramPostings;
  private readonly places: PlaceTable;
  private readonly capacityLeft: Float64Array;
  private readonly fromDay: Float64Array;
  private readonly untilDay: Float64Array;
  /** Scratch, reused by every search: text scores, documents met, and stamps saying "done in this search". */
  private readonly acc: Float64Array;
  private readonly valid: Int32Array;
  private readonly touched: Int32Array;
  private readonly seen: Int32Array;
  private readonly bucketMark: Int32Array;
  private stamp = 0;

  constructor(resources: readonly ListResource[]) {
    for (const r of resources) {
      if (r.servedRegionCode !== null && regionLevelOf(r.servedRegionCode) === null) {
        throw new Error(`resource ${r.id}: area served ${r.servedRegionCode} is not a region code`);
      }
    }
    const catOrder = new Map(LIST_CATEGORIES.map((c, i) => [c, i]));
    const keyed = resources.map((r) => ({ r, bucket: `${r.category}|${areaKey(r)}`, order: catOrder.get(r.category)! }));
    keyed.sort(
      (a, b) =>
        a.order - b.order ||
        compare(a.bucket, b.bucket) ||
        compare(a.r.regionCode, b.r.regionCode) ||
        compare(a.r.buildingId ?? '', b.r.buildingId ?? ''),
    );
    this.resources = keyed.map((k) => k.r);
    const n = this.resources.length;
    this.bucketOf = new Int32Array(n);
    keyed.forEach(({ bucket }, i) => {
      let id = this.bucketIds.get(bucket);
      if (id === undefined) {
        id = this.bucketFrom.length;
        this.bucketIds.set(bucket, id);
        this.bucketFrom.push(i);
        this.bucketTo.push(i);
      }
      this.bucketTo[id] = i + 1;
      this.bucketOf[i] = id;
    });
    this.regionCodes = this.resources.map((r) => r.regionCode);
    this.categoryOf = Uint8Array.from(this.resources, (r) => catOrder.get(r.category)!);
    const byBuilding = new Map<string, number[]>();
    this.resources.forEach((r, i) => {
      if (r.buildingId === null) return;
      const list = byBuilding.get(r.buildingId) ?? [];
      list.push(i);
      byBuilding.set(r.buildingId, list);
    });
    for (const [b, list] of byBuilding) this.inBuilding.set(b, Int32Array.from(list));
    this.postings = new BigramPostings(this.resources.map((r) => r.description));
    this.corpus = this.postings.corpus;
    this.places = new PlaceTable(this.resources);
    this.capacityLeft = Float64Array.from(this.resources, (r) => r.capacityLeft ?? Infinity);
    this.fromDay = Float64Array.from(this.resources, (r) => (r.validFrom === null ? -Infinity : dayNumber(r.validFrom)));
    this.untilDay = Float64Array.from(this.resources, (r) => (r.validUntil === null ? Infinity : dayNumber(r.validUntil)));
    this.acc = new Float64Array(n);
    this.valid = new Int32Array(n);
    this.touched = new Int32Array(n);
    this.seen = new Int32Array(n);
    this.bucketMark = new Int32Array(this.bucketFrom.length);
  }

  get size(): number {
    return this.resources.length;
  }

  /** Postings read by all searches so far (for benchmarks). */
  get postingsRead(): number {
    return this.postings.read;
  }

  /**
   * The `limit` best eligible resources for a need by score (index positions), skipping
   * `excluded` resource ids and, when `minCapacity` is set, resources with less left.
   * `complete` says the list holds every eligible resource (fewer than `limit` exist).
   */
  search(options: { need: ListNeed; asOf: string; limit: number; excluded?: ReadonlySet<string>; minCapacity?: number }): ResourceSearch {
    const { need, limit, excluded } = options;
    const today = dayNumber(options.asOf);
    const minCapacity = options.minCapacity ?? 0;
    const q = need.quantity;
    const place = this.places.idsOf(need);
    const top = new TopK(limit);
    const { acc, valid, capacityLeft, fromDay, untilDay, places, seen, categoryOf } = this;
    const stamp = ++this.stamp;
    let scanned = 0;
    // Eligible resources met but beyond the top list: decides whether the list is complete.
    let eligible = 0;
    let pruned = false;
    const categoryPoints = new Float64Array(LIST_CATEGORIES.length);
    const buckets: { id: number; points: number }[] = [];
    const areas = eligibleAreaKeys(need);
    for (const { category, strength, order } of SERVING.get(need.category)!) {
      const points = W.category * strength;
      categoryPoints[order] = points;
      for (const area of areas) {
        const id = this.bucketIds.get(`${category}|${area}`);
        if (id === undefined) continue;
        this.bucketMark[id] = stamp;
        buckets.push({ id, points });
      }
    }
    // Strongest categories first, so the threshold rises early and prunes the weaker buckets.
    buckets.sort((a, b) => b.points - a.points);

    const consider = (i: number, text: number, points: number) => {
      seen[i] = stamp;
      scanned++;
      const until = untilDay[i]!;
      if (fromDay[i]! > today || until < today) return;
      const left = capacityLeft[i]!;
      if (left <= 0 || left < minCapacity) return;
      eligible++;
      const score =
        points +
        W.text * (text < 1 ? text : 1) +
        W.proximity * places.proximityValue(i, place) +
        W.capacity * (left >= q ? 1 : left / q) +
        W.validity * validityOf(until - today);
      if (score < top.threshold) return;
      if (excluded !== undefined && excluded.has(this.resources[i]!.id)) {
        eligible--;
        return;
      }
      top.offer(score, i);
    };

    // 1. Resources sharing words with the need. Common bigrams (服务, 企业) appear in thousands
    // of descriptions but can add only a little: the weakest terms, adding up to at most
    // WEAK_POINTS, do not make a resource a candidate by themselves (MaxScore); their
    // share is still summed, and the rings below allow for it in their bounds.
    const query = this.postings.queryTerms(need.description);
    const order = query.ids.map((_, t) => t).sort((a, b) => query.bounds[a]! - query.bounds[b]!);
    let weakBound = 0;
    let nWeak = 0;
    while (nWeak < order.length && (weakBound + query.bounds[order[nWeak]!]!) * W.text <= WEAK_POINTS)
      weakBound += query.bounds[order[nWeak++]!]!;
    const scratch = { acc, valid, stamp };
    const ranges = buckets.map((b) => [this.bucketFrom[b.id]!, this.bucketTo[b.id]!] as const).sort((a, b) => a[0] - b[0]);
    const flat: number[] = [];
    for (const [from, to] of ranges) {
      if (flat.length > 0 && flat[flat.length - 1] === from) flat[flat.length - 1] = to;
      else flat.push(from, to);
    }
    const met = this.postings.accumulate(query, order.slice(nWeak), flat, scratch, this.touched, 0);
    this.postings.accumulate(query, order.slice(0, nWeak), flat, scratch, null, 0);
    const textOf = (i: number) => (valid[i] === stamp ? acc[i]! : 0);
    for (let t = 0; t < met; t++) {
      const i = this.touched[t]!;
      consider(i, acc[i]!, categoryPoints[categoryOf[i]!]!);
    }
    // 2. Resources in the need's building (the proximity ladder's top rung, wherever they are numbered).
    const own = need.buildingId === null ? undefined : this.inBuilding.get(need.buildingId);
    if (own) {
      for (const i of own) {
        if (seen[i] !== stamp && this.bucketMark[this.bucketOf[i]!] === stamp) consider(i, textOf(i), categoryPoints[categoryOf[i]!]!);
      }
    }
    // 3. The rest share at most weak words: ring by ring, skipping rings that cannot reach the list.
    const keys = placeKeys(need.regionCode);
    const rest = W.capacity + W.validity + W.text * weakBound;
    for (const { id, points } of buckets) {
      const from = this.bucketFrom[id]!;
      const to = this.bucketTo[id]!;
      const scan = (lo: number, hi: number, proximity: number) => {
        if (lo >= hi) return;
        if (points + W.proximity * proximity + rest < top.threshold) {
          pruned = true;
          return;
        }
        for (let i = lo; i < hi; i++) if (seen[i] !== stamp) consider(i, textOf(i), points);
      };
      let [lo, hi] = [from, from];
      for (const [prefix, proximity] of [
        [keys.street, PROXIMITY_VALUE.street],
        [keys.district, PROXIMITY_VALUE.district],
        [keys.city, PROXIMITY_VALUE.city],
      ] as const) {
        if (prefix === null) continue;
        const a = this.lowerBound(from, to, prefix);
        const b = this.lowerBound(from, to, `${prefix}:`);
        if (lo === hi) [lo, hi] = [a, a];
        scan(a, lo, proximity);
        scan(hi, b, proximity);
        [lo, hi] = [Math.min(a, lo), Math.max(b, hi)];
      }
      scan(from, lo, PROXIMITY_VALUE.farther);
      scan(hi, to, PROXIMITY_VALUE.farther);
    }
    return { hits: top.sorted(), scanned, complete: !pruned && eligible <= limit };
  }

  /** First position in [from, to) whose region code is not below `code` (codes sort within a bucket). */
  private lowerBound(from: number, to: number, code: string): number {
    let lo = from;
    let hi = to;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.regionCodes[mid]! < code) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface ResourceSearch {
  /** Index positions (into `ResourceIndex.resources`) and scores, best first. */
  hits: { score: number; item: number }[];
  /** Resources scored; the rest of the index was never looked at or skipped by a bound. */
  scanned: number;
  complete: boolean;
}

export function buildResourceIndex(resources: readonly ListResource[]): ResourceIndex {
  return new ResourceIndex(resources);
}

function areaKey(r: ListResource): string {
  if (r.servedBuildingId !== null) return `b:${r.servedBuildingId}`;
  if (r.servedRegionCode !== null) return `r:${r.servedRegionCode}`;
  return '*';
}

/** The area keys of resources that may serve the need: its building, its region and every ancestor, anywhere. */
function eligibleAreaKeys(need: ListNeed): string[] {
  const keys = ['*', ...[...ancestorCodes(need.regionCode), need.regionCode].map((c) => `r:${c}`)];
  if (need.buildingId !== null) keys.push(`b:${need.buildingId}`);
  return keys;
}

/** The resource ids a need has already rejected. */
export function rejectedFor(needId: string, rejectedPairs: Iterable<MatchPair> | undefined): Set<string> {
  const out = new Set<string>();
  if (rejectedPairs) for (const p of rejectedPairs) if (p.needId === needId) out.add(p.resourceId);
  return out;
}

/**
 * LST-3 for a need, the best resources with the explanation of every score; pairs the
 * need rejected before are never proposed again. Pass an index when ranking many needs.
 */
export function rankResources(options: {
  need: ListNeed;
  resources: ResourceIndex | readonly ListResource[];
  asOf: string;
  rejectedPairs?: Iterable<MatchPair>;
  limit?: number;
}): MatchScore[] {
  const { need, asOf } = options;
  const index = options.resources instanceof ResourceIndex ? options.resources : buildResourceIndex(options.resources);
  const found = index.search({ need, asOf, limit: options.limit ?? 10, excluded: rejectedFor(need.id, options.rejectedPairs) });
  return found.hits
    .map(({ item }) => scoreMatch({ need, resource: index.resources[item]!, asOf, corpus: index.corpus }))
    .sort((a, b) => b.score - a.score || (a.resourceId < b.resourceId ? -1 : a.resourceId > b.resourceId ? 1 : 0));
}
