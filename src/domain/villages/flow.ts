/**
 * GRD-1 the min-cost flow behind household assignment, for many items and few agents
 * (a village: ~330 households, ~15 members carrying ~27 each).
 *
 * The model is SVC-1's (src/domain/registry/assignment.ts): items → agents → sink T, an
 * item–agent arc costing its distance (plus penalties), the u-th unit from an agent into T
 * costing λ·(2·load + 1) — Σ load² made convex — plus `floorPenalty` once the load has
 * reached the agent's floor (the minimum). Marginal costs stay non-decreasing, so the flow
 * is still convex, and with every item placed a penalty on each unit past the floor is a
 * constant away from a penalty on each unit short of it: the first `floor` units through
 * an agent are preferred by exactly `floorPenalty`.
 *
 * SVC-1's solver searches over items, which is right when agents hold a unit or two each;
 * here every search would settle every household of the village. This one searches over
 * agents only: moving one of agent a's items to agent b costs min over a's items of
 * c(i, b) − c(i, a), kept per pair and refreshed for the agents a path touched. Successive
 * shortest paths (Dijkstra on reduced costs, O(agents²) per item) then place items one by
 * one; each placement keeps the flow a min-cost flow of its size, so when every item is
 * placed the plan is optimal. Potentials are normalised so that T's stays 0 and nothing is
 * above 0, which lets the solved villages of a township be joined and finished together.
 */
export interface DenseProblem {
  /** Item–agent costs, row-major: cost[i · agents + a]. */
  cost: Float64Array;
  items: number;
  agents: number;
  /** Free units each agent may still take (its maximum less its pins). */
  room: Int32Array;
  /** Pinned load, which the marginal cost starts from. */
  baseLoad: Int32Array;
  /** Absolute load below which units are cheaper by `floorPenalty`. */
  floor: Int32Array;
  lambda: number;
  floorPenalty: number;
}

export class DenseFlow {
  readonly agentOf: Int32Array;
  readonly potential: Float64Array;
  private readonly p: DenseProblem;
  private readonly A: number;
  private readonly units: Int32Array;
  private readonly held: number[][];
  /** best[a·A + b]: the cheapest item move from a to b, and the item. */
  private readonly best: Float64Array;
  private readonly bestItem: Int32Array;
  private readonly dist: Float64Array;
  private readonly parent: Int32Array;
  private readonly settled: Uint8Array;
  private readonly moves: number[] = [];

  constructor(p: DenseProblem) {
    this.p = p;
    const A = p.agents;
    this.A = A;
    this.agentOf = new Int32Array(p.items).fill(-1);
    this.potential = new Float64Array(A);
    this.units = new Int32Array(A);
    this.held = Array.from({ length: A }, () => []);
    this.best = new Float64Array(A * A).fill(Infinity);
    this.bestItem = new Int32Array(A * A).fill(-1);
    this.dist = new Float64Array(A);
    this.parent = new Int32Array(A);
    this.settled = new Uint8Array(A);
  }

  private marginal(a: number): number {
    const load = this.p.baseLoad[a]! + this.units[a]!;
    return this.p.lambda * (2 * load + 1) + (load >= this.p.floor[a]! ? this.p.floorPenalty : 0);
  }

  /** Item i joins agent a: the moves out of a can only get cheaper. */
  private add(i: number, a: number): void {
    const { A } = this;
    const { cost } = this.p;
    this.held[a]!.push(i);
    this.agentOf[i] = a;
    const base = i * A;
    const own = cost[base + a]!;
    const row = a * A;
    for (let b = 0; b < A; b++) {
      const w = cost[base + b]! - own;
      if (w < this.best[row + b]!) {
        this.best[row + b] = w;
        this.bestItem[row + b] = i;
      }
    }
  }

  /** Item i leaves agent a: only the moves it was the cheapest for are looked for again. */
  private remove(i: number, a: number): void {
    const { A } = this;
    const { cost } = this.p;
    const list = this.held[a]!;
    list[list.indexOf(i)] = list[list.length - 1]!;
    list.pop();
    const row = a * A;
    for (let b = 0; b < A; b++) {
      if (this.bestItem[row + b] !== i) continue;
      let best = Infinity;
      let item = -1;
      for (const j of list) {
        const w = cost[j * A + b]! - cost[j * A + a]!;
        if (w < best) {
          best = w;
          item = j;
        }
      }
      this.best[row + b] = best;
      this.bestItem[row + b] = item;
    }
  }

  private refresh(a: number): void {
    const { A } = this;
    const { cost } = this.p;
    const row = a * A;
    this.best.fill(Infinity, row, row + A);
    for (const i of this.held[a]!) {
      const base = i * A;
      const own = cost[base + a]!;
      for (let b = 0; b < A; b++) {
        const w = cost[base + b]! - own;
        if (w < this.best[row + b]!) {
          this.best[row + b] = w;
          this.bestItem[row + b] = i;
        }
      }
    }
  }

  /**
   * Starts from a plan and potentials that are optimal for the items they place (the
   * solved villages of a pool); returns false when some reduced cost is negative, in which
   * case the state is left empty and items are placed from scratch.
   */
  seed(agentOf: Int32Array, potential: Float64Array): boolean {
    const { A } = this;
    for (let i = 0; i < agentOf.length; i++) {
      const a = agentOf[i]!;
      if (a < 0) continue;
      this.agentOf[i] = a;
      this.held[a]!.push(i);
      this.units[a]!++;
    }
    this.potential.set(potential);
    for (let a = 0; a < A; a++) this.refresh(a);

    const pot = this.potential;
    // Tolerance relative to the numbers involved: crossings weigh millions of km.
    const eps = 1e-9 * (1 + this.p.floorPenalty);
    let valid = true;
    for (let a = 0; a < A && valid; a++) {
      if (this.units[a]! < this.p.room[a]! && this.marginal(a) + pot[a]! < -eps) valid = false;
      for (let b = 0; b < A && valid; b++) if (this.best[a * A + b]! + pot[a]! - pot[b]! < -eps) valid = false;
    }
    if (valid) return true;
    this.agentOf.fill(-1);
    this.potential.fill(0);
    this.units.fill(0);
    for (const h of this.held) h.length = 0;
    this.best.fill(Infinity);
    return false;
  }

  /** Places item s along a shortest path; false when no agent has room. */
  place(s: number): boolean {
    const { A, dist, parent, settled, best } = this;
    const pot = this.potential;
    const { cost, room } = this.p;
    const base = s * A;
    // The source's potential: high enough that every arc out of it has a reduced cost ≥ 0.
    let piS = -Infinity;
    for (let b = 0; b < A; b++) piS = Math.max(piS, pot[b]! - cost[base + b]!);
    for (let b = 0; b < A; b++) {
      dist[b] = cost[base + b]! + piS - pot[b]!;
      parent[b] = -1;
    }
    settled.fill(0);
    let distT = Infinity;
    let viaT = -1;
    for (;;) {
      let u = -1;
      let du = Infinity;
      for (let b = 0; b < A; b++)
        if (!settled[b] && dist[b]! < du) {
          u = b;
          du = dist[b]!;
        }
      if (u < 0 || du >= distT) break;
      settled[u] = 1;
      if (this.units[u]! < room[u]!) {
        const t = du + Math.max(0, this.marginal(u) + pot[u]!);
        if (t < distT) {
          distT = t;
          viaT = u;
        }
      }
      const row = u * A;
      for (let b = 0; b < A; b++) {
        if (settled[b]) continue;
        const w = best[row + b]!;
        if (w === Infinity) continue;
        const nd = du + Math.max(0, w + pot[u]! - pot[b]!);
        if (nd < dist[b]!) {
          dist[b] = nd;
          parent[b] = u;
        }
      }
    }
    if (viaT < 0) return false;
    for (let b = 0; b < A; b++) if (settled[b]) pot[b]! += dist[b]! - distT;
    // Walk back from the agent that takes one more unit: each step hands one item forward.
    this.units[viaT]!++;
    let cur = viaT;
    const moves = this.moves;
    moves.length = 0;
    while (parent[cur]! >= 0) {
      const prev = parent[cur]!;
      moves.push(this.bestItem[prev * A + cur]!, prev, cur);
      cur = prev;
    }
    for (let k = 0; k < moves.length; k += 3) {
      this.remove(moves[k]!, moves[k + 1]!);
      this.add(moves[k]!, moves[k + 2]!);
    }
    this.add(s, cur);
    return true;
  }
}
