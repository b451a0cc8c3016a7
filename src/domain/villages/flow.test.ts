import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DenseFlow, type DenseProblem } from './flow.ts';

/** Σ cost + Σ over agents of the marginal costs of their units (λ·load², floor penalty past the floor). */
function total(p: DenseProblem, agentOf: ArrayLike<number>): number {
  let sum = 0;
  const units = new Array<number>(p.agents).fill(0);
  for (let i = 0; i < p.items; i++) {
    const a = agentOf[i]!;
    sum += p.cost[i * p.agents + a]!;
    units[a]!++;
  }
  units.forEach((u, a) => {
    for (let k = 0; k < u; k++) {
      const load = p.baseLoad[a]! + k;
      sum += p.lambda * (2 * load + 1) + (load >= p.floor[a]! ? p.floorPenalty : 0);
    }
  });
  return sum;
}

function bruteForce(p: DenseProblem): number {
  let best = Infinity;
  const agentOf: number[] = [];
  const units = new Array<number>(p.agents).fill(0);
  const walk = (i: number) => {
    if (i === p.items) return void (best = Math.min(best, total(p, agentOf)));
    for (let a = 0; a < p.agents; a++) {
      if (units[a]! >= p.room[a]!) continue;
      units[a]!++;
      agentOf[i] = a;
      walk(i + 1);
      units[a]!--;
    }
  };
  walk(0);
  return best;
}

const problem = fc
  .record({
    agents: fc.array(
      fc.record({ room: fc.integer({ min: 0, max: 3 }), base: fc.integer({ min: 0, max: 2 }), floor: fc.integer({ min: 0, max: 3 }) }),
      {
        minLength: 1,
        maxLength: 4,
      },
    ),
    items: fc.integer({ min: 0, max: 6 }),
    costs: fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 24, maxLength: 24 }),
    lambda: fc.constantFrom(0, 0.5, 2),
    floorPenalty: fc.constantFrom(0, 100),
  })
  .map(({ agents, items, costs, lambda, floorPenalty }): DenseProblem => {
    const room = agents.reduce((s, a) => s + a.room, 0);
    const n = Math.min(items, room);
    return {
      items: n,
      agents: agents.length,
      cost: Float64Array.from({ length: n * agents.length }, (_, k) => costs[k % 24]!),
      room: Int32Array.from(agents, (a) => a.room),
      baseLoad: Int32Array.from(agents, (a) => a.base),
      floor: Int32Array.from(agents, (a) => a.floor),
      lambda,
      floorPenalty,
    };
  });

describe('GRD-1 the dense min-cost flow behind household assignment', () => {
  it('GRD-1 placing every item one by one gives the optimum (property, against brute force)', () => {
    fc.assert(
      fc.property(problem, (p) => {
        const flow = new DenseFlow(p);
        for (let i = 0; i < p.items; i++) expect(flow.place(i)).toBe(true);
        expect(total(p, flow.agentOf)).toBeCloseTo(bruteForce(p), 6);
      }),
      { numRuns: 400 },
    );
  });

  it('GRD-1 a start whose reduced costs are negative is refused, and solving from scratch is still optimal', () => {
    const p: DenseProblem = {
      items: 2,
      agents: 2,
      cost: Float64Array.from([0, 5, 5, 0]),
      room: Int32Array.from([2, 2]),
      baseLoad: new Int32Array(2),
      floor: new Int32Array(2),
      lambda: 0,
      floorPenalty: 0,
    };
    const flow = new DenseFlow(p);
    // Both items with the far agent: moving either home pays 5, so the start cannot be optimal.
    expect(flow.seed(Int32Array.from([1, 0]), new Float64Array(2))).toBe(false);
    expect(Array.from(flow.agentOf)).toEqual([-1, -1]);
    flow.place(0);
    flow.place(1);
    expect(Array.from(flow.agentOf)).toEqual([0, 1]);
  });

  it('GRD-1 no room anywhere: the item is not placed', () => {
    const flow = new DenseFlow({
      items: 1,
      agents: 1,
      cost: Float64Array.from([1]),
      room: Int32Array.from([0]),
      baseLoad: new Int32Array(1),
      floor: new Int32Array(1),
      lambda: 1,
      floorPenalty: 0,
    });
    expect(flow.place(0)).toBe(false);
    expect(flow.agentOf[0]).toBe(-1);
  });
});
