/**
 * REG-7 demonstration belts (示范带). The article's rule: each belt establishes and
 * cultivates 3–5 demonstration buildings and at least 8 demonstration points at city
 * and county level. The platform does not refuse a belt that breaks the rule — belts are
 * built up over time — it shows each belt's violations so staff see what is missing.
 */
export const BELT_MIN_BUILDINGS = 3;
export const BELT_MAX_BUILDINGS = 5;
export const BELT_MIN_POINTS = 8;

export type BeltLevel = 'city' | 'county';
export type BeltBuildingStatus = 'cultivating' | 'named';

export interface BeltFacts {
  level: BeltLevel;
  buildings: readonly { buildingId: string; status: BeltBuildingStatus; progress: number }[];
  points: readonly { level: BeltLevel }[];
}

export type BeltRule = 'too_few_buildings' | 'too_many_buildings' | 'too_few_points';

export interface BeltViolation {
  rule: BeltRule;
  actual: number;
  limit: number;
}

export function beltViolations(belt: Pick<BeltFacts, 'buildings' | 'points'>): BeltViolation[] {
  const out: BeltViolation[] = [];
  const buildings = belt.buildings.length;
  if (buildings < BELT_MIN_BUILDINGS) out.push({ rule: 'too_few_buildings', actual: buildings, limit: BELT_MIN_BUILDINGS });
  if (buildings > BELT_MAX_BUILDINGS) out.push({ rule: 'too_many_buildings', actual: buildings, limit: BELT_MAX_BUILDINGS });
  // Both levels count: the article asks for points "at city and county level" together.
  const points = belt.points.length;
  if (points < BELT_MIN_POINTS) out.push({ rule: 'too_few_points', actual: points, limit: BELT_MIN_POINTS });
  return out;
}

const VIOLATION_TEXT: Record<BeltRule, { 'zh-CN': (v: BeltViolation) => string; en: (v: BeltViolation) => string }> = {
  too_few_buildings: {
    'zh-CN': (v) => `示范楼宇仅 ${v.actual} 栋，每条示范带应确立和培育 ${BELT_MIN_BUILDINGS}—${BELT_MAX_BUILDINGS} 栋`,
    en: (v) => `Only ${v.actual} demonstration buildings; a belt needs ${BELT_MIN_BUILDINGS}–${BELT_MAX_BUILDINGS}`,
  },
  too_many_buildings: {
    'zh-CN': (v) => `示范楼宇 ${v.actual} 栋，超过每条示范带 ${BELT_MAX_BUILDINGS} 栋的上限`,
    en: (v) => `${v.actual} demonstration buildings, above the limit of ${BELT_MAX_BUILDINGS} per belt`,
  },
  too_few_points: {
    'zh-CN': (v) => `市、县两级示范点仅 ${v.actual} 个，应不少于 ${BELT_MIN_POINTS} 个`,
    en: (v) => `Only ${v.actual} city/county demonstration points; at least ${BELT_MIN_POINTS} are needed`,
  },
};

export function describeViolation(v: BeltViolation, locale: 'zh-CN' | 'en'): string {
  return VIOLATION_TEXT[v.rule][locale](v);
}

/**
 * A candidate's progress towards being named: a named building is complete whatever
 * was recorded before, so totals never show a named building as unfinished.
 */
export function effectiveProgress(b: { status: BeltBuildingStatus; progress: number }): number {
  return b.status === 'named' ? 100 : Math.max(0, Math.min(100, Math.round(b.progress)));
}

export interface BeltTotals {
  belts: number;
  cityBelts: number;
  countyBelts: number;
  /** Distinct buildings named in any belt: a building in two belts is one demonstration building. */
  namedBuildings: number;
  cultivatingBuildings: number;
  points: number;
  beltsBreakingRules: number;
}

export function beltTotals(belts: readonly BeltFacts[]): BeltTotals {
  const named = new Set<string>();
  const cultivating = new Set<string>();
  for (const belt of belts) {
    for (const b of belt.buildings) (b.status === 'named' ? named : cultivating).add(b.buildingId);
  }
  // A building named in one belt and still cultivated in another counts as named only.
  for (const id of named) cultivating.delete(id);
  return {
    belts: belts.length,
    cityBelts: belts.filter((b) => b.level === 'city').length,
    countyBelts: belts.filter((b) => b.level === 'county').length,
    namedBuildings: named.size,
    cultivatingBuildings: cultivating.size,
    points: belts.reduce((n, b) => n + b.points.length, 0),
    beltsBreakingRules: belts.filter((b) => beltViolations(b).length > 0).length,
  };
}

/** The building's own demonstration status follows its strongest belt membership. */
export function demoStatusOf(memberships: readonly BeltBuildingStatus[]): 'none' | BeltBuildingStatus {
  if (memberships.includes('named')) return 'named';
  return memberships.length ? 'cultivating' : 'none';
}
