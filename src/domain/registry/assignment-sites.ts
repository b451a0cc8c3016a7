import { SpatialGrid } from './assignment-grid.ts';
import type { FlowProblem } from './assignment-flow.ts';

/**
 * The graph of assignment-flow.ts: items at one point (the enterprises of one building)
 * become a site with one unit per item, so a crowded building is one node with many
 * units instead of many tied nodes; each site gets its first candidate arcs here.
 */
/** Free items grouped by exact location, in order of first appearance. */
export function groupSites(p: FlowProblem) {
  const index = new Map<string, number>();
  const siteOf = new Int32Array(p.ix.length).fill(-1);
  const xs: number[] = [];
  const ys: number[] = [];
  const supply: number[] = [];
  for (const i of p.free) {
    const key = `${p.ix[i]},${p.iy[i]}`;
    let s = index.get(key);
    if (s === undefined) {
      s = xs.length;
      index.set(key, s);
      xs.push(p.ix[i]!);
      ys.push(p.iy[i]!);
      supply.push(0);
    }
    siteOf[i] = s;
    supply[s]!++;
  }
  return { siteOf, sx: Float64Array.from(xs), sy: Float64Array.from(ys), supply: Int32Array.from(supply) };
}

/**
 * Each site's nearest agents with room (two more per extra unit, so a crowded building
 * can spread), greedy's choices (so greedy's plan is a feasible flow and the optimum never
 * worse), and each agent's nearest sites (so an agent away from the crowd gets offers).
 */
export function candidateArcs(g: {
  p: FlowProblem;
  sx: Float64Array;
  sy: Float64Array;
  supply: Int32Array;
  siteOf: Int32Array;
  open: readonly number[];
  grid: SpatialGrid;
}): { agents: number[]; costs: number[] }[] {
  const { p, sx, sy, supply, open, grid } = g;
  const S = sx.length;
  const distance = (s: number, a: number) => Math.sqrt((sx[s]! - p.ax[a]!) ** 2 + (sy[s]! - p.ay[a]!) ** 2);
  const arcs = Array.from({ length: S }, () => ({ agents: [] as number[], costs: [] as number[] }));
  const add = (s: number, a: number) => {
    if (arcs[s]!.agents.includes(a)) return;
    arcs[s]!.agents.push(a);
    arcs[s]!.costs.push(distance(s, a));
  };
  const most = Math.min(open.length, p.k + 2 * Math.max(0, ...supply) + 2);
  const idx = new Int32Array(Math.max(most, p.agentSide, 1));
  const d = new Float64Array(idx.length);
  for (let s = 0; s < S; s++) {
    const found = grid.nearest(sx[s]!, sy[s]!, Math.min(most, p.k + 2 * (supply[s]! - 1)), idx, d);
    for (let j = 0; j < found; j++) add(s, open[idx[j]!]!);
  }
  for (const i of p.free) if (p.hint[i]! >= 0) add(g.siteOf[i]!, p.hint[i]!);
  if (p.agentSide > 0 && S > 0) {
    const siteGrid = new SpatialGrid(
      Array.from(sx, (x, s) => ({ x, y: sy[s]! })),
      open.map((a) => ({ x: p.ax[a]!, y: p.ay[a]! })),
    );
    for (const a of open) {
      const found = siteGrid.nearest(p.ax[a]!, p.ay[a]!, p.agentSide, idx, d);
      for (let j = 0; j < found; j++) add(idx[j]!, a);
    }
  }
  return arcs;
}
