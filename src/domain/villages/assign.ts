import {
  buildContext,
  distanceKm,
  planStats,
  type HouseholdAssignmentOptions,
  type HouseholdPlanStats,
  type PlanContext,
} from './context.ts';
import { checkHouseholdCoverage, type CoverageViolation } from './coverage.ts';
import { DenseFlow } from './flow.ts';
import { greedyMemberOf } from './greedy.ts';

/**
 * GRD-1 党员包户: every household to one party member of its village, near and with even
 * loads, each member who carries households between `min` and `max`.
 *
 * Villages are solved apart — a household stays in its village — except where a village
 * has more households than its members can take at `max`: then its township's villages
 * short of members and those with room left are solved together, and households cross
 * from the short ones to the others only as many as needed. Each pool is one exact
 * min-cost flow of the shared solver (assignToAgents) with zones (villages), minimums and
 * groups (grids), which minimises in order: households left without a member, households
 * outside their village, shortfall below `min`, then kilometres + grid detours + λ·Σ load².
 */
export interface VillageShortage {
  villageCode: string;
  townshipCode: string;
  /** Households of the village, pinned or not. */
  households: number;
  /** Its members who carry households. */
  activeMembers: number;
  /** Households its members cannot take at the maximum, after their pins. */
  missing: number;
  /** How many more members at the maximum would take them. */
  membersNeeded: number;
  /** Villages of the township whose members took some of its households. */
  coveredBy: string[];
  /** Its households left without a member (the township had no room either). */
  uncovered: number;
}

export interface PlannedHousehold {
  householdId: string;
  memberId: string | null;
  distanceKm: number | null;
  pinned: boolean;
}

export interface HouseholdPlan {
  /** One per household, in input order. */
  assignments: PlannedHousehold[];
  stats: HouseholdPlanStats;
  /** The greedy baseline's statistics on the same input, for comparison. */
  baseline: HouseholdPlanStats;
  shortages: VillageShortage[];
  /** checkHouseholdCoverage on this plan. */
  violations: CoverageViolation[];
  /** Pins to members not in the list: those households were placed like any other. */
  ignoredPins: { householdId: string; memberId: string }[];
  /** Members and households without a location, placed at their village's centre. */
  unlocated: number;
  /** Flows solved last (a village each, or a township's villages together). */
  pools: number;
  /** Every household placed, so the plan is the optimum (see flow.ts). */
  optimal: boolean;
}

/**
 * Weights that make the order exact: the cost of the free items of a pool lies within
 * [0, C] (C bounds each one's distance, detour and marginal load cost), so one household
 * of shortfall outweighs any cost difference, and one crossing outweighs any shortfall
 * difference (at most Σ minimums) plus any cost difference.
 */
export function levelWeights(g: {
  freeItems: number;
  diameter: number;
  detour: number;
  lambda: number;
  maxLoad: number;
  minimumTotal: number;
}) {
  const costRange = g.freeItems * (g.diameter + g.detour + g.lambda * (2 * g.maxLoad + 1));
  const shortfall = costRange + 1;
  return { shortfall, crossing: shortfall * (g.minimumTotal + 1) + costRange + 1 };
}

/** Villages solved together: in a township where some village is short, the short ones and those with room. */
function pools(c: PlanContext, villages: readonly number[]): number[][] {
  const short = villages.filter((v) => c.villages[v]!.free.length > c.villages[v]!.room);
  const roomy = villages.filter((v) => c.villages[v]!.free.length < c.villages[v]!.room);
  if (short.length === 0 || roomy.length === 0) return villages.map((v) => [v]);
  const joined = new Set([...short, ...roomy]);
  return [[...joined].sort((a, b) => a - b), ...villages.filter((v) => !joined.has(v)).map((v) => [v])];
}

interface Weights {
  shortfall: number;
  crossing: number;
  /** Bounds every distance in the township. */
  diameter: number;
}

/** The weights of a township: every pool inside it shares them, so solved villages can be joined. */
function townshipWeights(c: PlanContext, villages: readonly number[]): Weights {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  let free = 0;
  let minimumTotal = 0;
  let maxLoad = c.rules.max;
  const extend = (x: number, y: number) => {
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  };
  for (const v of villages) {
    const facts = c.villages[v]!;
    free += facts.free.length;
    for (const h of facts.free) extend(c.hx[h]!, c.hy[h]!);
    for (const m of facts.members) {
      extend(c.mx[m]!, c.my[m]!);
      maxLoad = Math.max(maxLoad, c.pinLoad[m]!);
      if (!c.exemption[m]) minimumTotal += c.rules.min;
    }
  }
  const diameter = Number.isFinite(minX) ? Math.sqrt((maxX - minX) ** 2 + (maxY - minY) ** 2) : 0;
  return { ...levelWeights({ freeItems: free, diameter, detour: c.gridDetour, lambda: c.lambda, maxLoad, minimumTotal }), diameter };
}

interface Solved {
  members: number[];
  households: number[];
  flow: DenseFlow;
}

/** One flow over the given villages; `start` holds those villages solved apart, to be joined. */
function solve(c: PlanContext, villages: readonly number[], weights: Weights, start?: readonly Solved[]): Solved {
  // Members who can take a household; exempt members keep their pins and take nothing new.
  const members = villages.flatMap((v) => c.villages[v]!.members.filter((m) => !c.exemption[m] && c.pinLoad[m]! < c.rules.max));
  const households = villages.flatMap((v) => c.villages[v]!.free);
  const A = members.length;
  const cost = new Float64Array(households.length * A);
  households.forEach((h, i) => {
    const hg = c.householdGrid[h]!;
    const hv = c.householdVillage[h]!;
    // A household of a village with room never crosses in the optimum (that would be one crossing more than the minimum), so its crossing arcs need no distance.
    const mayCross = c.villages[hv]!.free.length > c.villages[hv]!.room;
    for (let a = 0; a < A; a++) {
      const m = members[a]!;
      const mg = c.memberGrid[m]!;
      const home = c.memberVillage[m] === hv;
      cost[i * A + a] =
        home || mayCross
          ? distanceKm(c, h, m) + (hg >= 0 && mg >= 0 && hg !== mg ? c.gridDetour : 0) + (home ? 0 : weights.crossing)
          : weights.crossing + weights.diameter + c.gridDetour;
    }
  });
  const flow = new DenseFlow({
    cost,
    items: households.length,
    agents: A,
    room: Int32Array.from(members, (m) => c.rules.max - c.pinLoad[m]!),
    baseLoad: Int32Array.from(members, (m) => c.pinLoad[m]!),
    floor: Int32Array.from(members, () => c.rules.min),
    lambda: c.lambda,
    floorPenalty: weights.shortfall,
  });
  if (start) {
    const agentIndex = new Map(members.map((m, a) => [m, a]));
    const itemIndex = new Map(households.map((h, i) => [h, i]));
    const agentOf = new Int32Array(households.length).fill(-1);
    const potential = new Float64Array(A);
    for (const part of start) {
      part.members.forEach((m, a) => (potential[agentIndex.get(m)!] = part.flow.potential[a]!));
      part.households.forEach((h, i) => {
        const a = part.flow.agentOf[i]!;
        if (a >= 0) agentOf[itemIndex.get(h)!] = agentIndex.get(part.members[a]!)!;
      });
    }
    // A start that fails the check is dropped: the pool is then solved from scratch.
    flow.seed(agentOf, potential);
  }
  // With every agent reachable from every item, the first item that finds no room means none is left.
  for (let i = 0; i < households.length; i++) if (flow.agentOf[i]! < 0 && !flow.place(i)) break;
  return { members, households, flow };
}

/** Solves a township: each village alone, then the villages of a pool together from there. */
function solveTownship(c: PlanContext, villages: readonly number[], memberOf: Int32Array): number {
  const weights = townshipWeights(c, villages);
  const write = (s: Solved) =>
    s.households.forEach((h, i) => {
      const a = s.flow.agentOf[i]!;
      memberOf[h] = a >= 0 ? s.members[a]! : -1;
    });
  const list = pools(c, villages);
  for (const pool of list) {
    const parts = pool.map((v) => solve(c, [v], weights));
    if (pool.length === 1) write(parts[0]!);
    else write(solve(c, pool, weights, parts));
  }
  return list.length;
}

function shortages(c: PlanContext, memberOf: Int32Array): VillageShortage[] {
  const out: VillageShortage[] = [];
  c.villages.forEach((v, i) => {
    const missing = v.free.length - v.room;
    if (missing <= 0) return;
    const coveredBy = new Set<string>();
    let uncovered = 0;
    for (const h of v.free) {
      const m = memberOf[h]!;
      if (m < 0) uncovered++;
      else if (c.memberVillage[m] !== i) coveredBy.add(c.villages[c.memberVillage[m]!]!.code);
    }
    out.push({
      villageCode: v.code,
      townshipCode: v.township,
      households: v.households,
      activeMembers: v.active,
      missing,
      membersNeeded: Math.ceil(missing / Math.max(1, c.rules.max)),
      coveredBy: [...coveredBy].sort(),
      uncovered,
    });
  });
  return out;
}

export function assignHouseholds(options: HouseholdAssignmentOptions): HouseholdPlan {
  const c = buildContext(options);
  const memberOf = Int32Array.from(c.pinOf);
  const townships = new Map<string, number[]>();
  c.villages.forEach((v, i) => {
    const list = townships.get(v.township) ?? [];
    townships.set(v.township, list);
    list.push(i);
  });
  let pools = 0;
  for (const villages of townships.values()) pools += solveTownship(c, villages, memberOf);
  const assignments = c.households.map((h, i) => {
    const m = memberOf[i]!;
    return {
      householdId: h.id,
      memberId: m >= 0 ? c.members[m]!.id : null,
      distanceKm: m >= 0 ? distanceKm(c, i, m) : null,
      pinned: c.pinOf[i]! >= 0,
    };
  });
  const stats = planStats(c, memberOf);
  const short = shortages(c, memberOf);
  return {
    assignments,
    stats,
    baseline: planStats(c, greedyMemberOf(c)),
    shortages: short,
    violations: checkHouseholdCoverage({
      members: c.members,
      households: c.households,
      assignments,
      min: c.rules.min,
      max: c.rules.max,
      exemptAge: c.rules.exemptAge,
      asOf: c.rules.asOf,
    }),
    ignoredPins: c.ignoredPins,
    unlocated: c.unlocated,
    pools,
    // Successive shortest paths are exact once every household is placed; when a township runs out of room, which households stay uncovered follows their order.
    optimal: stats.unassigned === 0,
  };
}
