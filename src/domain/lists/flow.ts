import { MinHeap } from '../registry/assignment-grid.ts';

/**
 * LST-3 the transportation problem behind a bulk plan: needs supply units, resources take
 * up to their capacity, an arc carries a profit per unit, and any unit may stay unplaced
 * for nothing (an arc straight to the sink). Successive shortest paths on reduced costs
 * (Dijkstra, potentials kept valid as in registry/assignment-flow.ts) from each need in
 * turn solve it exactly; the potentials then give the LP duals that bound every plan,
 * including plans using arcs that were never offered.
 */
export interface TransportProblem {
  supply: Int32Array;
  /** Units each resource can take; Infinity for unlimited. */
  capacity: Float64Array;
  /** Arcs of need n are arcStart[n] .. arcStart[n + 1]. */
  arcStart: Int32Array;
  arcTo: Int32Array;
  /** Profit per unit along the arc (≥ 0). */
  arcProfit: Float64Array;
}

export interface TransportSolution {
  /** Units on each arc. */
  flow: Int32Array;
  /** Σ flow × profit. */
  value: number;
  /** Duals: a unit of need n is worth needDual[n], a unit of resource r's capacity resourceDual[r]; profit ≤ sum on every arc. */
  needDual: Float64Array;
  resourceDual: Float64Array;
}

export function solveTransport(p: TransportProblem): TransportSolution {
  const N = p.supply.length;
  const M = p.capacity.length;
  const T = N + M;
  const arcs = p.arcTo.length;
  const arcFrom = new Int32Array(arcs);
  for (let n = 0; n < N; n++) for (let a = p.arcStart[n]!; a < p.arcStart[n + 1]!; a++) arcFrom[a] = n;
  const totalSupply = p.supply.reduce((s, x) => s + x, 0);
  const cap = Float64Array.from(p.capacity, (c) => Math.min(c, totalSupply));
  const flow = new Int32Array(arcs);
  const sinkFlow = new Float64Array(M);
  const holders: number[][] = Array.from({ length: M }, () => []);
  const pot = new Float64Array(T + 1);
  // Valid start: needs 0, a resource its cheapest incoming arc, the sink below everything.
  for (let a = 0; a < arcs; a++) pot[N + p.arcTo[a]!] = Math.min(pot[N + p.arcTo[a]!]!, -p.arcProfit[a]!);
  for (let r = 0; r < M; r++) pot[T] = Math.min(pot[T]!, pot[N + r]!);

  const label = new Float64Array(T + 1).fill(Infinity);
  const done = new Uint8Array(T + 1);
  const parent = new Int32Array(T + 1);
  /** How a node was reached: the arc (forward into a resource, backward into a need), or -1 for the sink arc. */
  const via = new Int32Array(T + 1);
  const touched: number[] = [];
  const settled: number[] = [];
  const heap = new MinHeap();
  const relax = (v: number, key: number, from: number, arc: number) => {
    if (key >= label[v]!) return;
    if (label[v] === Infinity) touched.push(v);
    label[v] = key;
    parent[v] = from;
    via[v] = arc;
    heap.push(key, v);
  };

  const search = (source: number, amount: number): number => {
    heap.clear();
    touched.length = 0;
    settled.length = 0;
    relax(source, 0, -1, -1);
    while (heap.size > 0) {
      const u = heap.pop();
      if (done[u] || heap.topKey > label[u]!) continue;
      done[u] = 1;
      settled.push(u);
      if (u === T) break;
      const du = label[u]!;
      if (u < N) {
        for (let a = p.arcStart[u]!; a < p.arcStart[u + 1]!; a++) {
          const v = N + p.arcTo[a]!;
          const rc = -p.arcProfit[a]! + pot[u]! - pot[v]!;
          relax(v, du + (rc > 0 ? rc : 0), u, a);
        }
        const rc = pot[u]! - pot[T]!;
        relax(T, du + (rc > 0 ? rc : 0), u, -1);
      } else {
        const r = u - N;
        for (const a of holders[r]!) {
          const n = arcFrom[a]!;
          const rc = p.arcProfit[a]! + pot[u]! - pot[n]!;
          relax(n, du + (rc > 0 ? rc : 0), u, a);
        }
        if (sinkFlow[r]! < cap[r]!) {
          const rc = pot[u]! - pot[T]!;
          relax(T, du + (rc > 0 ? rc : 0), u, -1);
        }
      }
    }
    const D = label[T]!;
    for (const v of settled) pot[v]! += label[v]! - D;
    // The bottleneck: room into the sink, and units on the arcs walked backwards.
    let delta = amount;
    for (let v = T; v !== source; v = parent[v]!) {
      const from = parent[v]!;
      if (v === T && from >= N) delta = Math.min(delta, cap[from - N]! - sinkFlow[from - N]!);
      else if (v < N) delta = Math.min(delta, flow[via[v]!]!);
    }
    for (let v = T; v !== source; v = parent[v]!) {
      const from = parent[v]!;
      if (v === T) {
        if (from >= N) sinkFlow[from - N]! += delta;
      } else if (v >= N) {
        const a = via[v]!;
        if (flow[a] === 0) holders[v - N]!.push(a);
        flow[a]! += delta;
      } else {
        const a = via[v]!;
        flow[a]! -= delta;
        if (flow[a] === 0) {
          const list = holders[from - N]!;
          list[list.indexOf(a)] = list[list.length - 1]!;
          list.pop();
        }
      }
    }
    for (const v of touched) {
      label[v] = Infinity;
      done[v] = 0;
    }
    return delta;
  };

  for (let n = 0; n < N; n++) {
    let left = p.supply[n]!;
    while (left > 0) left -= search(n, left);
  }

  let value = 0;
  for (let a = 0; a < arcs; a++) value += flow[a]! * p.arcProfit[a]!;
  const needDual = new Float64Array(N);
  for (let n = 0; n < N; n++) needDual[n] = Math.max(0, pot[n]! - pot[T]!);
  const resourceDual = new Float64Array(M);
  for (let r = 0; r < M; r++) resourceDual[r] = Math.max(0, pot[T]! - pot[N + r]!);
  return { flow, value, needDual, resourceDual };
}
