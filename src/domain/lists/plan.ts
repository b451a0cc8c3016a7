import { solveTransport } from './flow.ts';
import { buildResourceIndex, ResourceIndex } from './resource-index.ts';
import type { ListNeed, ListResource, MatchPair } from './types.ts';

/**
 * LST-3 the bulk view of a street: one proposal per need at most, resources used within
 * their capacity (a need's quantity uses it up; `one_to_one` lets each resource serve one
 * need), the total score as high as it can be.
 *
 * The plan is the LP relaxation solved as a transportation problem over each need's best
 * candidates (solveTransport), then rounded. The LP duals bound every plan over *all*
 * eligible pairs: a pair left out scores at most the need's last candidate, so when that
 * is below the need's dual the pair cannot help; needs where it is not get more
 * candidates and the problem is solved again. Quantities of 1 (and `one_to_one`) give
 * integral LP plans, which are then proven optimal; a need whose units the LP splits over
 * resources is placed whole afterwards, and `upperBound` says how far from optimal that
 * can be. A greedy plan (best pairs first) is computed too: the better of the two is
 * returned, so the plan never scores below the baseline.
 */
export type PlanMode = 'one_to_one' | 'many_to_one';

export interface PlannedMatch {
  needId: string;
  resourceId: string;
  score: number;
  /** Capacity units the match uses. */
  quantity: number;
}

export interface MatchPlan {
  mode: PlanMode;
  matches: PlannedMatch[];
  unmatchedNeedIds: string[];
  totalScore: number;
  /** No plan of these needs over these resources scores more (weak LP duality). */
  upperBound: number;
  /** totalScore reaches upperBound. */
  optimal: boolean;
  method: 'flow' | 'greedy';
  greedy: { totalScore: number; matched: number };
  stats: { candidatePairs: number; rounds: number; splitNeeds: number };
}

export interface PlanOptions {
  needs: readonly ListNeed[];
  resources: ResourceIndex | readonly ListResource[];
  asOf: string;
  rejectedPairs?: Iterable<MatchPair>;
  mode: PlanMode;
  /** Candidates first offered per need. */
  candidates?: number;
  /** Rounds of offering more candidates to needs whose duals ask for them. */
  maxRounds?: number;
  /**
   * No more rounds once this many candidate pairs are offered in all. In a street short of
   * resources every unmatched need asks for more, and each round quadruples what it is
   * offered; the plan then stops improving long before the solve stops growing. The
   * upper bound stays true either way: it covers every pair never offered.
   */
  maxCandidatePairs?: number;
}

interface Candidates {
  /** Per need: index positions and scores, best first; and the score any pair left out stays at or below. */
  items: number[][];
  scores: number[][];
  bound: number[];
  limit: number[];
}

export function planMatches(options: PlanOptions): MatchPlan {
  const { needs, mode } = options;
  const index = options.resources instanceof ResourceIndex ? options.resources : buildResourceIndex(options.resources);
  const cand = collectCandidates(options, index);
  const greedy = greedyAssign(needs, index, cand, mode);

  const unit = (n: number) => (mode === 'one_to_one' ? 1 : needs[n]!.quantity);
  let rounds = 0;
  let solved = solveCandidates(needs, index, cand, mode);
  for (; rounds < (options.maxRounds ?? 4); rounds++) {
    const short = needs.map((_, n) => n).filter((n) => cand.bound[n]! / unit(n) > solved.needDual[n]! + 1e-9);
    if (short.length === 0) break;
    if (candidatePairs(cand) >= (options.maxCandidatePairs ?? 60_000)) break;
    for (const n of short) cand.fetch(n, cand.limit[n]! * 4);
    solved = solveCandidates(needs, index, cand, mode);
  }
  // Weak duality: raise each need's dual until it covers the pairs never offered; the bound then holds for every plan.
  let upperBound = 0;
  needs.forEach((_, n) => (upperBound += unit(n) * Math.max(solved.needDual[n]!, cand.bound[n]! / unit(n))));
  // A resource never takes more than all the needs' units, so that caps an unlimited one; float dust is no price.
  const units = needs.reduce((sum, _, n) => sum + unit(n), 0);
  solved.resourceDual.forEach((v, r) => (upperBound += v < 1e-9 ? 0 : v * Math.min(solved.capacity[r]!, units)));

  const flowPlan = roundPlan(needs, index, cand, mode, solved);
  const useGreedy = greedy.total > flowPlan.total;
  const chosen = useGreedy ? greedy : flowPlan;
  upperBound = Math.max(upperBound, chosen.total);
  return {
    mode,
    ...toMatches(needs, index, chosen.pick),
    totalScore: chosen.total,
    upperBound,
    optimal: upperBound - chosen.total <= 1e-6 * Math.max(1, upperBound),
    method: useGreedy ? 'greedy' : 'flow',
    greedy: { totalScore: greedy.total, matched: greedy.pick.filter((p) => p !== null).length },
    stats: { candidatePairs: candidatePairs(cand), rounds, splitNeeds: flowPlan.split },
  };
}

function candidatePairs(cand: Candidates): number {
  return cand.items.reduce((sum, list) => sum + list.length, 0);
}

/** The greedy baseline alone: best pairs first, each taken while its need is free and its resource has room. */
export function planMatchesGreedy(options: PlanOptions): { matches: PlannedMatch[]; totalScore: number } {
  const index = options.resources instanceof ResourceIndex ? options.resources : buildResourceIndex(options.resources);
  const cand = collectCandidates(options, index);
  const greedy = greedyAssign(options.needs, index, cand, options.mode);
  return { matches: toMatches(options.needs, index, greedy.pick).matches, totalScore: greedy.total };
}

/** Each need's best `candidates` resources that fit its quantity, rejected pairs left out. */
function collectCandidates(options: PlanOptions, index: ResourceIndex): Candidates & { fetch(n: number, limit: number): void } {
  const rejected = rejectionsByNeed(options.rejectedPairs);
  const cand = {
    items: [] as number[][],
    scores: [] as number[][],
    bound: [] as number[],
    limit: [] as number[],
    fetch(n: number, limit: number) {
      const need = options.needs[n]!;
      const found = index.search({ need, asOf: options.asOf, limit, excluded: rejected.get(need.id), minCapacity: need.quantity });
      cand.items[n] = found.hits.map((h) => h.item);
      cand.scores[n] = found.hits.map((h) => h.score);
      cand.bound[n] = found.complete ? 0 : (found.hits[found.hits.length - 1]?.score ?? 0);
      cand.limit[n] = limit;
    },
  };
  options.needs.forEach((_, n) => cand.fetch(n, options.candidates ?? 10));
  return cand;
}

/** A pick per need: the resource's index position and the pair's score, or null. */
type Pick = { item: number; score: number } | null;

function toMatches(
  needs: readonly ListNeed[],
  index: ResourceIndex,
  pick: readonly Pick[],
): { matches: PlannedMatch[]; unmatchedNeedIds: string[] } {
  const matches: PlannedMatch[] = [];
  const unmatchedNeedIds: string[] = [];
  needs.forEach((need, n) => {
    const p = pick[n];
    if (!p) unmatchedNeedIds.push(need.id);
    else matches.push({ needId: need.id, resourceId: index.resources[p.item]!.id, score: p.score, quantity: need.quantity });
  });
  return { matches, unmatchedNeedIds };
}

function rejectionsByNeed(pairs: Iterable<MatchPair> | undefined): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  if (pairs) {
    for (const p of pairs) {
      const set = out.get(p.needId) ?? new Set<string>();
      set.add(p.resourceId);
      out.set(p.needId, set);
    }
  }
  return out;
}

/** Units of capacity each resource (index position) has for the plan. */
function roomOf(index: ResourceIndex, item: number, mode: PlanMode): number {
  return mode === 'one_to_one' ? 1 : (index.resources[item]!.capacityLeft ?? Infinity);
}

function greedyAssign(needs: readonly ListNeed[], index: ResourceIndex, cand: Candidates, mode: PlanMode): { pick: Pick[]; total: number } {
  const pairs: { n: number; j: number; score: number }[] = [];
  cand.items.forEach((items, n) => items.forEach((_, j) => pairs.push({ n, j, score: cand.scores[n]![j]! })));
  pairs.sort((a, b) => b.score - a.score || a.n - b.n || a.j - b.j);
  const used = new Map<number, number>();
  const pick: Pick[] = needs.map(() => null);
  let total = 0;
  for (const { n, j, score } of pairs) {
    if (pick[n]) continue;
    const item = cand.items[n]![j]!;
    const take = mode === 'one_to_one' ? 1 : needs[n]!.quantity;
    const u = used.get(item) ?? 0;
    if (u + take > roomOf(index, item, mode)) continue;
    used.set(item, u + take);
    pick[n] = { item, score };
    total += score;
  }
  return { pick, total };
}

interface Solved {
  /** Index position of each compact resource, and its capacity in the problem. */
  items: number[];
  capacity: Float64Array;
  arcStart: Int32Array;
  flow: Int32Array;
  needDual: Float64Array;
  resourceDual: Float64Array;
}

function solveCandidates(needs: readonly ListNeed[], index: ResourceIndex, cand: Candidates, mode: PlanMode): Solved {
  const compact = new Map<number, number>();
  const items: number[] = [];
  const arcStart = new Int32Array(needs.length + 1);
  const arcTo: number[] = [];
  const arcProfit: number[] = [];
  needs.forEach((need, n) => {
    const per = mode === 'one_to_one' ? 1 : need.quantity;
    cand.items[n]!.forEach((item, j) => {
      let r = compact.get(item);
      if (r === undefined) {
        r = items.length;
        compact.set(item, r);
        items.push(item);
      }
      arcTo.push(r);
      arcProfit.push(cand.scores[n]![j]! / per);
    });
    arcStart[n + 1] = arcTo.length;
  });
  const capacity = Float64Array.from(items, (item) => roomOf(index, item, mode));
  const supply = Int32Array.from(needs, (need) => (mode === 'one_to_one' ? 1 : need.quantity));
  const solution = solveTransport({ supply, capacity, arcStart, arcTo: Int32Array.from(arcTo), arcProfit: Float64Array.from(arcProfit) });
  return { items, capacity, arcStart, flow: solution.flow, needDual: solution.needDual, resourceDual: solution.resourceDual };
}

/**
 * The LP plan made whole: a need carried entirely by one arc keeps it; a need the LP
 * split (or left partly unplaced) is then placed whole on its best candidate with room,
 * best scores first, and so is any need the LP left out if room appeared.
 */
function roundPlan(
  needs: readonly ListNeed[],
  index: ResourceIndex,
  cand: Candidates,
  mode: PlanMode,
  solved: Solved,
): { pick: Pick[]; total: number; split: number } {
  const pick: Pick[] = needs.map(() => null);
  const used = new Map<number, number>();
  let total = 0;
  let split = 0;
  const waiting: number[] = [];
  needs.forEach((need, n) => {
    const supply = mode === 'one_to_one' ? 1 : need.quantity;
    let whole = -1;
    let any = false;
    for (let a = solved.arcStart[n]!; a < solved.arcStart[n + 1]!; a++) {
      const f = solved.flow[a]!;
      if (f === 0) continue;
      any = true;
      if (f === supply) whole = a - solved.arcStart[n]!;
    }
    if (whole >= 0) {
      const item = cand.items[n]![whole]!;
      used.set(item, (used.get(item) ?? 0) + supply);
      pick[n] = { item, score: cand.scores[n]![whole]! };
      total += cand.scores[n]![whole]!;
    } else {
      if (any) split++;
      waiting.push(n);
    }
  });
  waiting.sort((a, b) => (cand.scores[b]![0] ?? 0) - (cand.scores[a]![0] ?? 0) || a - b);
  for (const n of waiting) {
    const take = mode === 'one_to_one' ? 1 : needs[n]!.quantity;
    const items = cand.items[n]!;
    for (let j = 0; j < items.length; j++) {
      const u = used.get(items[j]!) ?? 0;
      if (u + take > roomOf(index, items[j]!, mode)) continue;
      used.set(items[j]!, u + take);
      pick[n] = { item: items[j]!, score: cand.scores[n]![j]! };
      total += cand.scores[n]![j]!;
      break;
    }
  }
  return { pick, total, split };
}
