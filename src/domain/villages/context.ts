import { planarKm } from '../registry/assignment.ts';
import {
  exemptionOf,
  householdRules,
  townshipOf,
  type ExemptionReason,
  type Household,
  type HouseholdMember,
  type HouseholdRules,
} from './members.ts';

/**
 * GRD-1 the facts both planners (the optimiser and the greedy baseline) and the plan
 * statistics work from: points in kilometres, who carries households, pins, and per
 * village the households still to place and the room its members have for them.
 */
export interface HouseholdAssignmentOptions {
  members: readonly HouseholdMember[];
  households: readonly Household[];
  /** Households per member that carries any: at least (default 20) … */
  minPerMember?: number;
  /** … and at most (default 30). */
  maxPerMember?: number;
  /** Members this old are exempt (default 70); null turns the age rule off. */
  exemptAge?: number | null;
  /** 'YYYY-MM-DD' ages are taken on; today in China when absent. */
  asOf?: string;
  /** Weight of load balance against kilometres (see assignToAgents); default 0.1. */
  lambda?: number;
  /** Kilometres a household's member from another grid of its village counts extra (default 0.5): grids are kept where it costs little. */
  gridDetourKm?: number;
}

/** A household moved from a member at load l + 1 to one at l saves 2λ(…): 0.1 makes a 20-household gap worth ~4 km. */
export const DEFAULT_HOUSEHOLD_LAMBDA = 0.1;
export const DEFAULT_GRID_DETOUR_KM = 0.5;

export interface VillageFacts {
  code: string;
  township: string;
  /** Member indices. */
  members: number[];
  /** Indices of the households of the village that are not pinned. */
  free: number[];
  /** Households of the village, pinned or not. */
  households: number;
  /** Places left for free households: Σ over its members who carry households of max(0, max − pinned load). */
  room: number;
  active: number;
}

export interface PlanContext {
  rules: HouseholdRules;
  lambda: number;
  gridDetour: number;
  members: readonly HouseholdMember[];
  households: readonly Household[];
  mx: Float64Array;
  my: Float64Array;
  hx: Float64Array;
  hy: Float64Array;
  /** Village index of each member and household. */
  memberVillage: Int32Array;
  householdVillage: Int32Array;
  /** Village-and-grid index, or -1 without a grid. */
  memberGrid: Int32Array;
  householdGrid: Int32Array;
  exemption: (ExemptionReason | null)[];
  /** Member index of each household's pin, or -1. */
  pinOf: Int32Array;
  pinLoad: Int32Array;
  ignoredPins: { householdId: string; memberId: string }[];
  villages: VillageFacts[];
  /** Members and households without a location, placed at their village's centre. */
  unlocated: number;
}

export function buildContext(o: HouseholdAssignmentOptions): PlanContext {
  const rules = householdRules({ min: o.minPerMember, max: o.maxPerMember, exemptAge: o.exemptAge, asOf: o.asOf });
  const { members, households } = o;
  const villageIndex = new Map<string, number>();
  const villages: VillageFacts[] = [];
  const villageOf = (code: string) => {
    let v = villageIndex.get(code);
    if (v === undefined) {
      v = villages.length;
      villageIndex.set(code, v);
      villages.push({ code, township: townshipOf(code), members: [], free: [], households: 0, room: 0, active: 0 });
    }
    return v;
  };
  const gridIndex = new Map<string, number>();
  const gridOf = (villageCode: string, gridId: string | null | undefined) => {
    if (gridId === null || gridId === undefined) return -1;
    const key = `${villageCode}\u0000${gridId}`;
    let g = gridIndex.get(key);
    if (g === undefined) gridIndex.set(key, (g = gridIndex.size));
    return g;
  };
  const memberVillage = Int32Array.from(members, (m) => villageOf(m.villageCode));
  const householdVillage = Int32Array.from(households, (h) => villageOf(h.villageCode));
  const memberIndex = new Map(members.map((m, i) => [m.id, i]));
  const pinOf = new Int32Array(households.length).fill(-1);
  const pinLoad = new Int32Array(members.length);
  const ignoredPins: PlanContext['ignoredPins'] = [];
  households.forEach((h, i) => {
    const v = villages[householdVillage[i]!]!;
    v.households++;
    if (!h.pinnedMemberId) return v.free.push(i);
    const m = memberIndex.get(h.pinnedMemberId);
    // A pin to a member no longer listed is reported and the household placed like any other.
    if (m === undefined) {
      ignoredPins.push({ householdId: h.id, memberId: h.pinnedMemberId });
      return v.free.push(i);
    }
    pinOf[i] = m;
    pinLoad[m]!++;
  });
  const exemption = members.map((m) => exemptionOf(m, rules.exemptAge, rules.asOf));
  members.forEach((_, m) => {
    const v = villages[memberVillage[m]!]!;
    v.members.push(m);
    if (exemption[m]) return;
    v.active++;
    v.room += Math.max(0, rules.max - pinLoad[m]!);
  });

  // Kilometres on a plane around the mean latitude; anything unplaced sits at its village's centre.
  const lats = [...members, ...households].flatMap((p) => (p.location ? [p.location.lat] : []));
  const refLat = lats.length ? lats.reduce((s, l) => s + l, 0) / lats.length : 0;
  const sum = villages.map(() => ({ x: 0, y: 0, n: 0 }));
  const project = (p: HouseholdMember | Household, v: number) => {
    if (!p.location) return null;
    const q = planarKm(p.location.lng, p.location.lat, refLat);
    sum[v]!.x += q.x;
    sum[v]!.y += q.y;
    sum[v]!.n++;
    return q;
  };
  const mp = members.map((m, i) => project(m, memberVillage[i]!));
  const hp = households.map((h, i) => project(h, householdVillage[i]!));
  const all = sum.reduce((a, s) => ({ x: a.x + s.x, y: a.y + s.y, n: a.n + s.n }), { x: 0, y: 0, n: 0 });
  const centre = (v: number) => {
    const s = sum[v]!.n ? sum[v]! : all;
    return s.n ? { x: s.x / s.n, y: s.y / s.n } : { x: 0, y: 0 };
  };
  const at = (points: ({ x: number; y: number } | null)[], villageOfPoint: Int32Array) =>
    points.map((p, i) => p ?? centre(villageOfPoint[i]!));
  const mAt = at(mp, memberVillage);
  const hAt = at(hp, householdVillage);
  return {
    rules,
    lambda: o.lambda ?? DEFAULT_HOUSEHOLD_LAMBDA,
    gridDetour: o.gridDetourKm ?? DEFAULT_GRID_DETOUR_KM,
    members,
    households,
    mx: Float64Array.from(mAt, (p) => p.x),
    my: Float64Array.from(mAt, (p) => p.y),
    hx: Float64Array.from(hAt, (p) => p.x),
    hy: Float64Array.from(hAt, (p) => p.y),
    memberVillage,
    householdVillage,
    memberGrid: Int32Array.from(members, (m) => gridOf(m.villageCode, m.gridId)),
    householdGrid: Int32Array.from(households, (h) => gridOf(h.villageCode, h.gridId)),
    exemption,
    pinOf,
    pinLoad,
    ignoredPins,
    villages,
    unlocated: mp.filter((p) => !p).length + hp.filter((p) => !p).length,
  };
}

export const distanceKm = (c: PlanContext, h: number, m: number) => Math.sqrt((c.hx[h]! - c.mx[m]!) ** 2 + (c.hy[h]! - c.my[m]!) ** 2);

export interface LoadStats {
  min: number;
  max: number;
  mean: number;
  stdDev: number;
}

export interface HouseholdPlanStats {
  households: number;
  assigned: number;
  unassigned: number;
  pinned: number;
  /** Households whose member belongs to another village. */
  outsideVillage: number;
  totalDistanceKm: number;
  meanDistanceKm: number;
  maxDistanceKm: number;
  /** Members carrying households (not exempt), and their loads. */
  activeMembers: number;
  exemptMembers: number;
  load: LoadStats;
  membersUnderMin: number;
  membersOverMax: number;
  /** Σ max(0, min − load) over members carrying households. */
  shortfall: number;
  /** What the optimiser minimises once coverage, village and bounds are settled: km + grid detours + λ·Σ load². */
  cost: number;
}

/** Statistics of a plan given as the member index per household (-1: none). */
export function planStats(c: PlanContext, memberOf: Int32Array): HouseholdPlanStats {
  const load = new Int32Array(c.members.length);
  let assigned = 0;
  let pinned = 0;
  let outsideVillage = 0;
  let total = 0;
  let longest = 0;
  let detours = 0;
  for (let h = 0; h < memberOf.length; h++) {
    const m = memberOf[h]!;
    if (c.pinOf[h]! >= 0) pinned++;
    if (m < 0) continue;
    load[m]!++;
    assigned++;
    const d = distanceKm(c, h, m);
    total += d;
    if (d > longest) longest = d;
    if (c.memberVillage[m] !== c.householdVillage[h]) outsideVillage++;
    const hg = c.householdGrid[h]!;
    const mg = c.memberGrid[m]!;
    if (hg >= 0 && mg >= 0 && hg !== mg) detours += c.gridDetour;
  }
  let active = 0;
  let sum = 0;
  let sq = 0;
  let allSq = 0;
  let lo = Infinity;
  let hi = 0;
  let under = 0;
  let over = 0;
  let shortfall = 0;
  for (let m = 0; m < load.length; m++) {
    const l = load[m]!;
    allSq += l * l;
    if (c.exemption[m]) continue;
    active++;
    sum += l;
    sq += l * l;
    lo = Math.min(lo, l);
    hi = Math.max(hi, l);
    if (l < c.rules.min) under++;
    if (l > c.rules.max) over++;
    shortfall += Math.max(0, c.rules.min - l);
  }
  const mean = active ? sum / active : 0;
  return {
    households: memberOf.length,
    assigned,
    unassigned: memberOf.length - assigned,
    pinned,
    outsideVillage,
    totalDistanceKm: total,
    meanDistanceKm: assigned ? total / assigned : 0,
    maxDistanceKm: longest,
    activeMembers: active,
    exemptMembers: c.members.length - active,
    load: { min: active ? lo : 0, max: hi, mean, stdDev: active ? Math.sqrt(Math.max(0, sq / active - mean * mean)) : 0 },
    membersUnderMin: under,
    membersOverMax: over,
    shortfall,
    cost: total + detours + c.lambda * allSq,
  };
}
