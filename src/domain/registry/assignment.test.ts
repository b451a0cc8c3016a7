import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assignToAgents,
  planarKm,
  type AssignmentAgent,
  type AssignmentInput,
  type AssignmentItem,
  type AssignmentPlan,
} from './assignment.ts';

const anywhere = fc.record({ x: fc.double({ min: 0, max: 30, noNaN: true }), y: fc.double({ min: 0, max: 30, noNaN: true }) });
/** Enterprises share their building's point: a few fixed points come up again and again. */
const buildings = [
  { x: 5, y: 5 },
  { x: 5.2, y: 5.1 },
  { x: 20, y: 12 },
];
const point = fc.oneof(anywhere, fc.constantFrom(...buildings));

/** Agents with capacity for every item, some items pinned within their agent's capacity. */
const instance = fc
  .record({
    agents: fc.array(fc.record({ location: fc.option(point, { freq: 8 }), capacity: fc.integer({ min: 1, max: 5 }) }), {
      minLength: 1,
      maxLength: 25,
    }),
    items: fc.array(fc.record({ location: fc.option(point, { freq: 8 }), pin: fc.nat() }), { maxLength: 60 }),
    lambda: fc.constantFrom(0, 0.5, 1, 5),
    candidates: fc.integer({ min: 1, max: 6 }),
  })
  .map(({ agents, items, lambda, candidates }) => {
    const capacity = agents.reduce((n, a) => n + a.capacity, 0);
    const used = agents.map(() => 0);
    const out: AssignmentInput = {
      agents: agents.map((a, i) => ({ id: `a${i}`, location: a.location, capacity: a.capacity })),
      items: items.slice(0, capacity).map((it, i) => {
        // Every fifth item pinned, to an agent that still has room for it.
        const agent = it.pin % agents.length;
        const pinned = i % 5 === 0 && used[agent]! < agents[agent]!.capacity;
        if (pinned) used[agent]!++;
        return { id: `i${i}`, location: it.location, pinnedAgentId: pinned ? `a${agent}` : null };
      }),
      lambda,
      candidates,
    };
    return out;
  });

function loads(input: AssignmentInput, plan: AssignmentPlan): number[] {
  const load = input.agents.map(() => 0);
  for (const a of plan.agentOf) if (a >= 0) load[a]!++;
  return load;
}

/** Every assignment of a tiny instance, for the true optimum. */
function bruteForce(input: AssignmentInput): number {
  const { agents, items } = input;
  const lambda = input.lambda ?? 1;
  const d = (i: AssignmentItem, a: AssignmentAgent) => Math.hypot(i.location!.x - a.location!.x, i.location!.y - a.location!.y);
  let best = Infinity;
  const load = agents.map(() => 0);
  const walk = (k: number, cost: number) => {
    if (k === items.length) {
      best = Math.min(best, cost + lambda * load.reduce((s, l) => s + l * l, 0));
      return;
    }
    agents.forEach((a, j) => {
      if (load[j]! >= a.capacity) return;
      load[j]!++;
      walk(k + 1, cost + d(items[k]!, a));
      load[j]!--;
    });
  };
  walk(0, 0);
  return best;
}

describe('SVC-1 instructor assignment: an optimisation over distance and load balance', () => {
  it('SVC-1 every item is assigned, capacities hold and pins are kept (property)', () => {
    fc.assert(
      fc.property(instance, (input) => {
        const { optimised } = assignToAgents(input);
        expect(optimised.stats.unassigned).toBe(0);
        const load = loads(input, optimised);
        input.agents.forEach((a, j) => expect(load[j]).toBeLessThanOrEqual(a.capacity));
        input.items.forEach((it, i) => {
          if (it.pinnedAgentId) expect(input.agents[optimised.agentOf[i]!]!.id).toBe(it.pinnedAgentId);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('SVC-1 the optimised plan never costs more than the plain greedy baseline (property)', () => {
    fc.assert(
      fc.property(instance, (input) => {
        const { optimised, greedy } = assignToAgents(input);
        expect(optimised.stats.objective).toBeLessThanOrEqual(greedy.stats.objective + 1e-9);
        expect(optimised.stats.assigned).toBeGreaterThanOrEqual(greedy.stats.assigned);
      }),
      { numRuns: 300 },
    );
  });

  it('SVC-1 on small instances the plan is the true optimum and says so (property, against brute force)', () => {
    const small = fc.record({
      agents: fc.array(fc.record({ location: point, capacity: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 4 }),
      items: fc.array(point, { maxLength: 6 }),
      lambda: fc.constantFrom(0, 1, 3),
    });
    fc.assert(
      fc.property(small, ({ agents, items, lambda }) => {
        const capacity = agents.reduce((n, a) => n + a.capacity, 0);
        const input: AssignmentInput = {
          agents: agents.map((a, i) => ({ id: `a${i}`, ...a })),
          items: items.slice(0, capacity).map((location, i) => ({ id: `i${i}`, location: { ...location } })),
          lambda,
          // One candidate each: optimality must come from pricing in the farther agents.
          candidates: 1,
        };
        const outcome = assignToAgents(input);
        expect(outcome.optimised.stats.objective).toBeCloseTo(bruteForce(input), 6);
        expect(outcome.optimal).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('SVC-1 balances where greedy piles up: a crowd near one instructor is shared with the next', () => {
    const agents = [
      { id: 'near', location: { x: 0, y: 0 }, capacity: 5 },
      { id: 'next', location: { x: 3, y: 0 }, capacity: 5 },
    ];
    const items = Array.from({ length: 4 }, (_, i) => ({ id: `e${i}`, location: { x: 0.1 * i, y: 0 } }));
    const { optimised, greedy } = assignToAgents({ agents, items, lambda: 2 });
    expect([greedy.stats.minLoad, greedy.stats.maxLoad]).toEqual([0, 4]);
    // 2 + 2 costs λ·8 + two 3 km trips; 3 + 1 costs λ·10 + one: sharing evenly wins at λ = 2.
    expect([optimised.stats.minLoad, optimised.stats.maxLoad]).toEqual([2, 2]);
    expect(optimised.stats.objective).toBeLessThan(greedy.stats.objective);
  });

  it('SVC-1 the enterprises of one building spread evenly over the instructors around it', () => {
    const agents = Array.from({ length: 6 }, (_, i) => ({
      id: `a${i}`,
      location: { x: Math.cos(i) * (1 + i / 3), y: Math.sin(i) * (1 + i / 3) },
      capacity: 3,
    }));
    const items = Array.from({ length: 12 }, (_, i) => ({ id: `e${i}`, location: { x: 0, y: 0 } }));
    const outcome = assignToAgents({ agents, items, candidates: 2 });
    expect([outcome.optimised.stats.minLoad, outcome.optimised.stats.maxLoad]).toEqual([2, 2]);
    expect(outcome.optimal).toBe(true);
  });

  it('SVC-1 more items than capacity: the rest stay unassigned and are counted', () => {
    const { optimised } = assignToAgents({
      agents: [{ id: 'a', location: { x: 0, y: 0 }, capacity: 2 }],
      items: ['x', 'y', 'z'].map((id) => ({ id, location: { x: 1, y: 1 } })),
    });
    expect(optimised.stats).toMatchObject({ assigned: 2, unassigned: 1 });
  });

  it('SVC-1 items and agents without a location are placed at the centre and counted', () => {
    const outcome = assignToAgents({
      agents: [{ id: 'a', location: null, capacity: 3 }],
      items: [
        { id: 'x', location: { x: 2, y: 2 } },
        { id: 'y', location: null },
      ],
    });
    expect(outcome.unlocated).toBe(2);
    expect(outcome.optimised.stats.assigned).toBe(2);
  });

  it('SVC-1 a pin to an unknown agent is a programming error, not a silent reassignment', () => {
    expect(() => assignToAgents({ agents: [], items: [{ id: 'x', location: null, pinnedAgentId: 'gone' }] })).toThrow(/unknown agent/);
  });

  it('SVC-1 the same input gives the same plan', () => {
    const agents = Array.from({ length: 40 }, (_, i) => ({
      id: String(i),
      location: planarKm(119.3 + (i % 7) * 0.01, 26.05 + i * 0.001, 26.07),
      capacity: 3,
    }));
    const items = Array.from({ length: 70 }, (_, i) => ({
      id: String(i),
      location: planarKm(119.3 + (i % 11) * 0.006, 26.05 + i * 0.0007, 26.07),
    }));
    const a = assignToAgents({ agents, items });
    const b = assignToAgents({ agents, items });
    expect(Array.from(a.optimised.agentOf)).toEqual(Array.from(b.optimised.agentOf));
  });

  it('SVC-1 planarKm: one degree of latitude is about 111 km, longitude shrinks with the cosine', () => {
    const a = planarKm(119.3, 26, 26);
    const b = planarKm(119.3, 27, 26);
    const c = planarKm(120.3, 26, 26);
    expect(Math.hypot(b.x - a.x, b.y - a.y)).toBeCloseTo(110.6, 0);
    expect(Math.hypot(c.x - a.x, c.y - a.y)).toBeCloseTo(100.1, 0);
  });
});
