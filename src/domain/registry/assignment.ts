import { solveAssignmentFlow } from './assignment-flow.ts';
import { SpatialGrid, type Point } from './assignment-grid.ts';

export type { Point };

/**
 * SVC-1 (and later GRD-1): assign items (enterprises, households) to agents
 * (instructors, party members) so that each item is near its agent and loads are
 * even — an optimisation, not first-come. The cost of a plan is
 *
 *   Σ distance(item, agent) + λ · Σ load(agent)²
 *
 * Σ load² is the load imbalance up to a constant (the number of items is fixed), and
 * being convex it makes the problem a min-cost flow: items → agents → sink, the k-th
 * unit through an agent costing λ·(2k − 1). assignment-flow.ts solves it exactly: first
 * over sparse candidate arcs (each item's nearest agents from a spatial grid, each agent's
 * nearest items, and the agent the greedy baseline chose, so the optimum is never worse
 * than greedy), then pricing every item against every agent with the flow's duals until
 * they prove the plan optimal or a work budget runs out. Items at one point (a building's
 * enterprises) are solved together as one site. Pins are fixed first and count towards
 * load; capacities are hard.
 */
export interface AssignmentAgent {
  id: string;
  location: Point | null;
  capacity: number;
}

export interface AssignmentItem {
  id: string;
  location: Point | null;
  /** A manual pin (SVC-1 `pinned`): the item stays with this agent whatever it costs. */
  pinnedAgentId?: string | null;
}

export interface AssignmentInput {
  agents: readonly AssignmentAgent[];
  items: readonly AssignmentItem[];
  /** Weight of load imbalance against kilometres; 1 means a 2 km detour is worth moving one item from a load of 2 to a load of 1. */
  lambda?: number;
  /** How many nearest agents each item starts with; pricing adds farther ones where they pay. */
  candidates?: number;
  /** Cap on pricing rounds. */
  rounds?: number;
}

export interface PlanStats {
  assigned: number;
  unassigned: number;
  totalDistance: number;
  objective: number;
  maxLoad: number;
  minLoad: number;
  meanLoad: number;
  loadStdDev: number;
}

export interface AssignmentPlan {
  /** Agent index per item (input order), -1 when no capacity was left. */
  agentOf: Int32Array;
  distance: Float64Array;
  stats: PlanStats;
}

export interface AssignmentOutcome {
  optimised: AssignmentPlan;
  greedy: AssignmentPlan;
  /** Items and agents without a location, placed at the centre of the others. */
  unlocated: number;
  pinned: number;
  rounds: number;
  /** The duals prove no other plan costs less. */
  optimal: boolean;
}

export const DEFAULT_LAMBDA = 1;
export const DEFAULT_CANDIDATES = 10;
/** Each agent also offers itself to this many of its nearest items. */
const AGENT_SIDE_CANDIDATES = 4;
/** Pricing rounds after the first solve; each fixes what the duals show, and the plan only improves. */
export const DEFAULT_ROUNDS = 12;

/** Kilometres on a plane around a reference latitude: exact enough inside a city or county. */
export function planarKm(lng: number, lat: number, refLat: number): Point {
  return { x: lng * 111.32 * Math.cos((refLat * Math.PI) / 180), y: lat * 110.574 };
}

interface Prepared {
  ax: Float64Array;
  ay: Float64Array;
  ix: Float64Array;
  iy: Float64Array;
  capacity: Int32Array;
  /** Agent index of each item's pin, or -1. */
  pinOf: Int32Array;
  unlocated: number;
}

function prepare(input: AssignmentInput): Prepared {
  const { agents, items } = input;
  let sx = 0;
  let sy = 0;
  let n = 0;
  for (const p of [...agents, ...items]) {
    if (p.location) {
      sx += p.location.x;
      sy += p.location.y;
      n++;
    }
  }
  const centre = n ? { x: sx / n, y: sy / n } : { x: 0, y: 0 };
  const agentIndex = new Map(agents.map((a, i) => [a.id, i]));
  const prepared: Prepared = {
    ax: Float64Array.from(agents, (a) => (a.location ?? centre).x),
    ay: Float64Array.from(agents, (a) => (a.location ?? centre).y),
    ix: Float64Array.from(items, (it) => (it.location ?? centre).x),
    iy: Float64Array.from(items, (it) => (it.location ?? centre).y),
    capacity: Int32Array.from(agents, (a) => Math.max(0, Math.floor(a.capacity))),
    pinOf: Int32Array.from(items, (it) => {
      if (!it.pinnedAgentId) return -1;
      const a = agentIndex.get(it.pinnedAgentId);
      if (a === undefined) throw new Error(`item ${it.id} is pinned to unknown agent ${it.pinnedAgentId}`);
      return a;
    }),
    unlocated: agents.length + items.length - n,
  };
  return prepared;
}

const dist = (p: Prepared, item: number, agent: number) => Math.sqrt((p.ix[item]! - p.ax[agent]!) ** 2 + (p.iy[item]! - p.ay[agent]!) ** 2);

function planStats(p: Prepared, agentOf: Int32Array, distance: Float64Array, lambda: number): PlanStats {
  const load = new Int32Array(p.ax.length);
  let assigned = 0;
  let totalDistance = 0;
  for (let i = 0; i < agentOf.length; i++) {
    const a = agentOf[i]!;
    if (a < 0) continue;
    load[a]!++;
    assigned++;
    totalDistance += distance[i]!;
  }
  let sq = 0;
  let maxLoad = 0;
  let minLoad = load.length ? Infinity : 0;
  for (const l of load) {
    sq += l * l;
    if (l > maxLoad) maxLoad = l;
    if (l < minLoad) minLoad = l;
  }
  const meanLoad = load.length ? assigned / load.length : 0;
  const variance = load.length ? sq / load.length - meanLoad * meanLoad : 0;
  return {
    assigned,
    unassigned: agentOf.length - assigned,
    totalDistance,
    objective: totalDistance + lambda * sq,
    maxLoad,
    minLoad,
    meanLoad,
    loadStdDev: Math.sqrt(Math.max(0, variance)),
  };
}

/** Pins first, whatever their cost; returns each agent's load after them. */
function applyPins(p: Prepared, agentOf: Int32Array, distance: Float64Array): Int32Array {
  const load = new Int32Array(p.ax.length);
  for (let i = 0; i < agentOf.length; i++) {
    const a = p.pinOf[i]!;
    agentOf[i] = a;
    if (a >= 0) {
      distance[i] = dist(p, i, a);
      load[a]!++;
    }
  }
  return load;
}

/** The plain baseline: items in the order given, each to the nearest agent with room left. */
function greedyPlan(p: Prepared, lambda: number): AssignmentPlan {
  const items = p.ix.length;
  const agentOf = new Int32Array(items).fill(-1);
  const distance = new Float64Array(items);
  const load = applyPins(p, agentOf, distance);
  const agentPoints = Array.from(p.ax, (x, a) => ({ x, y: p.ay[a]! }));
  const grid = new SpatialGrid(
    agentPoints,
    Array.from(p.ix, (x, i) => ({ x, y: p.iy[i]! })),
  );
  for (let a = 0; a < load.length; a++) if (load[a]! >= p.capacity[a]!) grid.remove(a);
  const idx = new Int32Array(1);
  const d = new Float64Array(1);
  for (let i = 0; i < items; i++) {
    if (agentOf[i]! >= 0) continue;
    if (grid.nearest(p.ix[i]!, p.iy[i]!, 1, idx, d) === 0) continue;
    const a = idx[0]!;
    agentOf[i] = a;
    distance[i] = d[0]!;
    if (++load[a]! >= p.capacity[a]!) grid.remove(a);
  }
  return { agentOf, distance, stats: planStats(p, agentOf, distance, lambda) };
}

function optimisedPlan(
  p: Prepared,
  input: AssignmentInput,
  lambda: number,
  greedy: AssignmentPlan,
): AssignmentPlan & { rounds: number; optimal: boolean } {
  const items = p.ix.length;
  const agentOf = new Int32Array(items).fill(-1);
  const distance = new Float64Array(items);
  const baseLoad = applyPins(p, agentOf, distance);
  const free: number[] = [];
  for (let i = 0; i < items; i++) if (agentOf[i]! < 0) free.push(i);
  const flow = solveAssignmentFlow({
    ...p,
    room: Int32Array.from(p.capacity, (c, a) => Math.max(0, c - baseLoad[a]!)),
    baseLoad,
    free,
    lambda,
    k: Math.max(1, input.candidates ?? DEFAULT_CANDIDATES),
    agentSide: AGENT_SIDE_CANDIDATES,
    hint: greedy.agentOf,
    maxRounds: input.rounds ?? DEFAULT_ROUNDS,
  });
  for (const i of free) {
    const a = flow.agentOf[i]!;
    agentOf[i] = a;
    if (a >= 0) distance[i] = dist(p, i, a);
  }
  return { agentOf, distance, stats: planStats(p, agentOf, distance, lambda), rounds: flow.rounds, optimal: flow.optimal };
}

export function assignToAgents(input: AssignmentInput): AssignmentOutcome {
  const lambda = input.lambda ?? DEFAULT_LAMBDA;
  const p = prepare(input);
  const greedy = greedyPlan(p, lambda);
  const optimised = optimisedPlan(p, input, lambda, greedy);
  let pinned = 0;
  for (const a of p.pinOf) if (a >= 0) pinned++;
  // Exact over candidates that include greedy's choices, so this guard only ever catches rounding.
  const better = optimised.stats.assigned >= greedy.stats.assigned && optimised.stats.objective <= greedy.stats.objective + 1e-6;
  return {
    optimised: better ? optimised : greedy,
    greedy,
    unlocated: p.unlocated,
    pinned,
    rounds: optimised.rounds,
    optimal: better && optimised.optimal,
  };
}
