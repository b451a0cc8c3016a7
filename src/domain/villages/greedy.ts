import {
  buildContext,
  distanceKm,
  planStats,
  type HouseholdAssignmentOptions,
  type HouseholdPlanStats,
  type PlanContext,
} from './context.ts';

/**
 * GRD-1 the baseline a plan is compared with, as a village secretary would do it by
 * hand: pins first, then each household in the order given goes to the nearest member
 * of its own village who carries households and has room below the maximum, else the
 * nearest such member of its township, else nobody.
 */
export function greedyMemberOf(c: PlanContext): Int32Array {
  const memberOf = Int32Array.from(c.pinOf);
  const load = Int32Array.from(c.pinLoad);
  const { max } = c.rules;
  const carries = (m: number) => !c.exemption[m];
  const township = new Map<string, number[]>();
  for (const v of c.villages) {
    const list = township.get(v.township) ?? [];
    township.set(v.township, list);
    for (const m of v.members) if (carries(m)) list.push(m);
  }
  const nearest = (h: number, candidates: readonly number[]) => {
    let best = -1;
    let bestD = Infinity;
    for (const m of candidates) {
      if (load[m]! >= max || !carries(m)) continue;
      const d = distanceKm(c, h, m);
      // Ties to the earlier member: the same input gives the same plan.
      if (d < bestD) {
        best = m;
        bestD = d;
      }
    }
    return best;
  };
  for (let h = 0; h < memberOf.length; h++) {
    if (memberOf[h]! >= 0) continue;
    const v = c.villages[c.householdVillage[h]!]!;
    let m = nearest(h, v.members);
    if (m < 0) m = nearest(h, township.get(v.township)!);
    if (m < 0) continue;
    memberOf[h] = m;
    load[m]!++;
  }
  return memberOf;
}

export interface GreedyHouseholdPlan {
  assignments: { householdId: string; memberId: string | null; pinned: boolean }[];
  stats: HouseholdPlanStats;
}

export function assignHouseholdsGreedy(options: HouseholdAssignmentOptions): GreedyHouseholdPlan {
  const c = buildContext(options);
  const memberOf = greedyMemberOf(c);
  return {
    assignments: c.households.map((h, i) => ({
      householdId: h.id,
      memberId: memberOf[i]! >= 0 ? c.members[memberOf[i]!]!.id : null,
      pinned: c.pinOf[i]! >= 0,
    })),
    stats: planStats(c, memberOf),
  };
}
