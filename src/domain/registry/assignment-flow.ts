import { MinHeap, SpatialGrid } from './assignment-grid.ts';
import { candidateArcs, groupSites } from './assignment-sites.ts';

/**
 * The min-cost flow behind assignment.ts. Items at the same point (enterprises of one
 * building) form a site with as many units as items: sites → agents → sink T, the u-th
 * unit into T from agent a costing λ·(2·(pins_a + u) + 1). Successive shortest paths on
 * reduced costs (Dijkstra, potentials kept valid) solve it over sparse candidate arcs;
 * then column generation prices every site against every agent through the grid, using
 * the potentials as duals: an arc with negative reduced cost is added, the site's units
 * released, and shortest paths route them to the agents left short. When no arc prices
 * out, the potentials prove the plan optimal over all item–agent pairs.
 */
export interface FlowProblem {
  ix: Float64Array;
  iy: Float64Array;
  ax: Float64Array;
  ay: Float64Array;
  /** Units each agent can still take after its pins. */
  room: Int32Array;
  /** Each agent's pinned load, which the marginal cost starts from. */
  baseLoad: Int32Array;
  /** The items to place (not pinned). */
  free: readonly number[];
  lambda: number;
  /** Nearest agents offered to each site (more for a site of many items). */
  k: number;
  /** Nearest sites offered to each agent. */
  agentSide: number;
  /** A known feasible choice per item (greedy's): kept as an arc so the optimum is never worse. */
  hint: Int32Array;
  maxRounds: number;
}

export interface FlowResult {
  agentOf: Int32Array;
  /** Pricing rounds run after the first solve. */
  rounds: number;
  /** True when the duals show that no item–agent pair could improve the plan. */
  optimal: boolean;
}

/** New arcs priced in per site and round (plus one per unit the site holds). */
const ARCS_PER_ROUND = 6;

export function solveAssignmentFlow(problem: FlowProblem): FlowResult {
  const solver = new FlowSolver(problem);
  solver.solveSparse();
  const { rounds, optimal } = solver.priceAndRepair();
  return { agentOf: solver.itemAgents(), rounds, optimal };
}

class FlowSolver {
  private readonly p: FlowProblem;
  private readonly S: number;
  private readonly A: number;
  private readonly T: number;
  private readonly siteOf: Int32Array;
  private readonly sx: Float64Array;
  private readonly sy: Float64Array;
  /** Units of each site not yet placed. */
  private readonly excess: Int32Array;
  private readonly held: Int32Array;
  /** The agents holding each site's units (an agent once per unit). */
  private readonly holders: number[][];
  /** Units placed at each agent, and units it sends into T (more sent than placed: the agent waits for a unit). */
  private readonly placed: Int32Array;
  private readonly sinkFlow: Int32Array;
  /** The site of each unit an agent holds: slots slotStart[a] .. slotStart[a] + placed[a]. */
  private readonly slotStart: Int32Array;
  private readonly slotSite: Int32Array;
  private readonly potential: Float64Array;
  private readonly label: Float64Array;
  private readonly parent: Int32Array;
  private readonly done: Uint8Array;
  private readonly touched: Int32Array;
  private readonly finalised: Int32Array;
  private readonly heap = new MinHeap();
  /** Search state kept on the solver, so thousands of searches allocate nothing. */
  private nTouched = 0;
  private readonly borrowed: number[] = [];
  /**
   * Agents that could give a unit back through T, keyed by that arc's reduced cost less π_T.
   * A search passing T walks them cheapest first through one cursor instead of pushing
   * them all; entries go stale as potentials move and are skipped when met (lazy deletion).
   */
  private readonly giving = new MinHeap();
  private readonly open: number[] = [];
  private readonly grid: SpatialGrid;
  private readonly arcs: { agents: number[]; costs: number[] }[];
  private spare: number;
  /** Nodes settled and points priced: effort measured independently of the machine. */
  private work = 0;

  constructor(p: FlowProblem) {
    this.p = p;
    const sites = groupSites(p);
    this.siteOf = sites.siteOf;
    this.sx = sites.sx;
    this.sy = sites.sy;
    this.excess = sites.supply.slice();
    this.S = sites.sx.length;
    this.A = p.ax.length;
    this.T = this.S + this.A;
    // Nodes: sites, agents, T, and a cursor standing for T's next arc to an agent.
    const nodes = this.T + 2;
    this.held = new Int32Array(this.S);
    this.holders = Array.from({ length: this.S }, () => []);
    this.placed = new Int32Array(this.A);
    this.sinkFlow = new Int32Array(this.A);
    this.slotStart = new Int32Array(this.A + 1);
    for (let a = 0; a < this.A; a++) this.slotStart[a + 1] = this.slotStart[a]! + p.room[a]!;
    this.slotSite = new Int32Array(this.slotStart[this.A]!);
    this.spare = this.slotStart[this.A]!;
    this.potential = new Float64Array(nodes);
    this.label = new Float64Array(nodes).fill(Infinity);
    this.parent = new Int32Array(nodes);
    this.done = new Uint8Array(nodes);
    this.touched = new Int32Array(nodes);
    this.finalised = new Int32Array(nodes);
    for (let a = 0; a < this.A; a++) if (p.room[a]! > 0) this.open.push(a);
    this.grid = new SpatialGrid(
      this.open.map((a) => ({ x: p.ax[a]!, y: p.ay[a]! })),
      Array.from(this.sx, (x, s) => ({ x, y: this.sy[s]! })),
    );
    this.arcs = candidateArcs({ p, sx: this.sx, sy: this.sy, supply: sites.supply, siteOf: this.siteOf, open: this.open, grid: this.grid });
  }

  private distance(s: number, a: number): number {
    // Not Math.hypot: it guards against overflow at a cost this hot path does not need.
    const dx = this.sx[s]! - this.p.ax[a]!;
    const dy = this.sy[s]! - this.p.ay[a]!;
    return Math.sqrt(dx * dx + dy * dy);
  }

  /** Cost of the next unit from agent a into T. */
  private marginal(a: number, units: number): number {
    return this.p.lambda * (2 * (this.p.baseLoad[a]! + units) + 1);
  }

  private place(s: number, a: number): void {
    this.slotSite[this.slotStart[a]! + this.placed[a]!++] = s;
    this.held[s]!++;
    this.holders[s]!.push(a);
  }

  /** Takes one unit of site s from agent a (any of its slots holding s). */
  private unplace(s: number, a: number): void {
    const last = this.slotStart[a]! + --this.placed[a]!;
    for (let slot = this.slotStart[a]!; slot <= last; slot++) {
      if (this.slotSite[slot] !== s) continue;
      this.slotSite[slot] = this.slotSite[last]!;
      this.held[s]!--;
      const holders = this.holders[s]!;
      holders[holders.lastIndexOf(a)] = holders[holders.length - 1]!;
      holders.pop();
      return;
    }
    throw new Error(`agent ${a} holds no unit of site ${s}`);
  }

  private readonly relax = (v: number, key: number, from: number): void => {
    if (key >= this.label[v]!) return;
    if (this.label[v] === Infinity) this.touched[this.nTouched++] = v;
    this.label[v] = key;
    this.parent[v] = from;
    this.heap.push(key, v);
  };

  /**
   * Dijkstra on reduced costs from a site with a unit to send, until a node that can
   * absorb it is settled: an agent short of a unit, or T while building (`intoT`).
   * Applies the path and returns the node that took the unit, or -1 when nothing can.
   */
  private search(source: number, intoT: boolean): number {
    const { S, T, label, potential: pot, relax } = this;
    this.nTouched = 0;
    let nFinal = 0;
    let target = -1;
    const cursor = T + 1;
    let cursorAgent = -1;
    let tLabel = 0;
    const borrowed = this.borrowed;
    borrowed.length = 0;
    const advance = () => {
      cursorAgent = this.nextGiving(borrowed);
      if (cursorAgent < 0) return;
      const rc = borrowed[borrowed.length - 1]! + pot[T]!;
      this.heap.push(tLabel + (rc > 0 ? rc : 0), cursor);
    };
    this.heap.clear();
    relax(source, 0, -1);
    while (this.heap.size > 0) {
      const u = this.heap.pop();
      if (u === cursor) {
        relax(S + cursorAgent, this.heap.topKey, T);
        advance();
        continue;
      }
      if (this.done[u] || this.heap.topKey > label[u]!) continue;
      this.done[u] = 1;
      this.finalised[nFinal++] = u;
      this.work++;
      const du = label[u]!;
      if (u < S) {
        // A site may send a unit to any of its agents: the arcs have no capacity limit.
        const arcs = this.arcs[u]!;
        for (let j = 0; j < arcs.agents.length; j++) {
          const a = arcs.agents[j]!;
          const rc = arcs.costs[j]! + pot[u]! - pot[S + a]!;
          relax(S + a, du + (rc > 0 ? rc : 0), u);
        }
      } else if (u < T) {
        const a = u - S;
        if (this.sinkFlow[a]! > this.placed[a]!) {
          target = u;
          break;
        }
        // Reverse arcs: a unit held here may move on, giving back its distance.
        for (let slot = this.slotStart[a]!, end = slot + this.placed[a]!; slot < end; slot++) {
          const s = this.slotSite[slot]!;
          const rc = -this.distance(s, a) + pot[u]! - pot[s]!;
          relax(s, du + (rc > 0 ? rc : 0), u);
        }
        if (this.sinkFlow[a]! < this.p.room[a]!) {
          const rc = this.marginal(a, this.sinkFlow[a]!) + pot[u]! - pot[T]!;
          relax(T, du + (rc > 0 ? rc : 0), u);
        }
      } else if (intoT) {
        target = T;
        break;
      } else {
        // Through T: one agent takes a unit more, another gives its last one back.
        tLabel = du;
        advance();
      }
    }
    for (let b = 0; b < borrowed.length; b += 2) this.giving.push(borrowed[b + 1]!, borrowed[b]!);
    if (this.giving.size > 8 * this.open.length + 1024) this.rebuildGiving();
    if (target >= 0) {
      // Shift potentials by min(label, D) (up to a constant): every reduced cost stays non-negative.
      const D = label[target]!;
      for (let f = 0; f < nFinal; f++) pot[this.finalised[f]!]! += label[this.finalised[f]!]! - D;
      this.augment(source, target);
      if (!intoT) {
        // Potentials and units moved for these agents: offer their arcs from T afresh.
        for (let f = 0; f < nFinal; f++) {
          const v = this.finalised[f]!;
          if (v >= S && v < T) this.offerGiving(v - S);
        }
      }
    }
    for (let t = 0; t < this.nTouched; t++) {
      const v = this.touched[t]!;
      label[v] = Infinity;
      this.done[v] = 0;
    }
    return target;
  }

  /** Walks the path back from the target, moving units; a slot is always freed before it is filled. */
  private augment(source: number, target: number): void {
    const { S, T } = this;
    let cur = target;
    while (cur !== source) {
      const prev = this.parent[cur]!;
      if (cur === T) this.sinkFlow[prev - S]!++;
      else if (cur < S) this.unplace(cur, prev - S);
      else if (prev === T) this.sinkFlow[cur - S]!--;
      else this.place(prev, cur - S);
      cur = prev;
    }
    this.excess[source]!--;
  }

  private givingKey(a: number): number {
    return -this.marginal(a, this.sinkFlow[a]! - 1) - this.potential[this.S + a]!;
  }

  private offerGiving(a: number): void {
    if (this.sinkFlow[a]! > 0) this.giving.push(this.givingKey(a), a);
  }

  private rebuildGiving(): void {
    this.giving.clear();
    for (const a of this.open) this.offerGiving(a);
  }

  /** The agent with the cheapest current arc from T, taken off the heap and noted in `borrowed` to be put back. */
  private nextGiving(borrowed: number[]): number {
    while (this.giving.size > 0) {
      const a = this.giving.pop();
      const key = this.giving.topKey;
      if (this.sinkFlow[a]! > 0 && key === this.givingKey(a)) {
        borrowed.push(a, key);
        return a;
      }
    }
    return -1;
  }

  /**
   * Takes every unit of site s back from its agents (who keep their units into T and now
   * wait for one) and adds arcs. With nothing flowing into s, raising its potential over
   * all its arcs keeps every reduced cost valid, new arcs included.
   */
  private release(s: number, agents: readonly number[], costs: readonly number[]): void {
    for (const a of [...this.holders[s]!]) {
      this.unplace(s, a);
      this.excess[s]!++;
    }
    const arcs = this.arcs[s]!;
    arcs.agents.push(...agents);
    arcs.costs.push(...costs);
    let lift = this.potential[s]!;
    for (let j = 0; j < arcs.agents.length; j++) lift = Math.max(lift, this.potential[this.S + arcs.agents[j]!]! - arcs.costs[j]!);
    this.potential[s] = lift;
  }

  solveSparse(): void {
    const idx = new Int32Array(4);
    const d = new Float64Array(4);
    for (let s = 0; s < this.S; s++) {
      while (this.excess[s]! > 0) {
        const target = this.search(s, this.spare > 0);
        if (target === this.T) this.spare--;
        if (target >= 0) continue;
        if (this.spare === 0) break;
        // Its agents are full and no chain frees one: offer it the nearest agents with room.
        const found = this.grid.nearest(
          this.sx[s]!,
          this.sy[s]!,
          4,
          idx,
          d,
          (o) => this.sinkFlow[this.open[o]!]! < this.p.room[this.open[o]!]!,
        );
        if (found === 0) break;
        this.release(
          s,
          Array.from(idx.subarray(0, found), (o) => this.open[o]!),
          Array.from(d.subarray(0, found)),
        );
      }
    }
  }

  /** Arcs whose reduced cost is negative, per site holding units: the nearest violators, found through the grid's block bounds. */
  private price(): { site: number; agents: number[]; costs: number[] }[] {
    const { S, potential: pot } = this;
    // An arc s→b prices out when d(s, b) − π_b < −π_s: a weighted search with weight −π_b.
    const weight = Float64Array.from(this.open, (a) => -pot[S + a]!);
    const bounds = this.grid.minima(weight);
    const out: { site: number; agents: number[]; costs: number[] }[] = [];
    const found: { a: number; d: number; rc: number }[] = [];
    for (let s = 0; s < S; s++) {
      if (this.held[s] === 0) continue;
      const wanted = ARCS_PER_ROUND + this.held[s]!;
      found.length = 0;
      this.work += this.grid.forEachBelow(
        this.sx[s]!,
        this.sy[s]!,
        weight,
        bounds.cellMin,
        bounds.blockMin,
        bounds.floor,
        -pot[s]! - 1e-7,
        (o, d) => {
          found.push({ a: this.open[o]!, d, rc: d + pot[s]! + weight[o]! });
          // Nearest first: a few violators are enough; the rest show up next round if they still pay.
          return found.length >= 3 * wanted;
        },
      );
      if (found.length === 0) continue;
      found.sort((x, y) => x.rc - y.rc);
      const top = found.slice(0, wanted);
      out.push({ site: s, agents: top.map((b) => b.a), costs: top.map((b) => b.d) });
    }
    return out;
  }

  /**
   * Pricing rounds until the duals prove the plan optimal, the round cap, or the work
   * budget (twice the first solve's work) runs out — every round only lowers the cost,
   * so stopping early still leaves a plan at least as good as the sparse optimum.
   */
  priceAndRepair(): { rounds: number; optimal: boolean } {
    const budget = 2 * this.work + 50_000;
    for (let round = 0; round < this.p.maxRounds; round++) {
      this.rebuildGiving();
      const priced = this.price();
      if (priced.length === 0) return { rounds: round, optimal: true };
      const released = priced.map(({ site, agents, costs }) => {
        const before = this.excess[site]!;
        this.release(site, agents, costs);
        return { site, units: this.excess[site]! - before };
      });
      for (const { site, units } of released) {
        for (let u = 0; u < units; u++) if (this.search(site, false) < 0) break;
      }
      if (this.work > budget) return { rounds: round + 1, optimal: false };
    }
    return { rounds: this.p.maxRounds, optimal: this.price().length === 0 };
  }

  /** The agent of each free item: a site's units are handed to its items in order. */
  itemAgents(): Int32Array {
    const unitsOf: number[][] = Array.from({ length: this.S }, () => []);
    for (let a = 0; a < this.A; a++) {
      for (let slot = this.slotStart[a]!, end = slot + this.placed[a]!; slot < end; slot++) unitsOf[this.slotSite[slot]!]!.push(a);
    }
    for (const units of unitsOf) units.sort((x, y) => x - y);
    const next = new Int32Array(this.S);
    const agentOf = new Int32Array(this.p.ix.length).fill(-1);
    for (const i of this.p.free) {
      const s = this.siteOf[i]!;
      const units = unitsOf[s]!;
      if (next[s]! < units.length) agentOf[i] = units[next[s]!++]!;
    }
    return agentOf;
  }
}
