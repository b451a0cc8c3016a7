import type { ListCategory } from './categories.ts';

/** LST-1 a need as matching sees it (status and requester stay with the caller: only open needs are matched). */
export interface ListNeed {
  id: string;
  category: ListCategory;
  /** Title and description together: the text matched against resources. */
  description: string;
  /** Units of a resource's capacity the need uses up (places on a course, enterprises to serve …); at least 1. */
  quantity: number;
  buildingId: string | null;
  /** Where the requester is: a street (9 digits) or community (12), or a district or city (6). */
  regionCode: string;
}

/** LST-2 a resource as matching sees it. */
export interface ListResource {
  id: string;
  category: ListCategory;
  description: string;
  /** Units still free; null when unlimited (a policy anyone eligible may use). */
  capacityLeft: number | null;
  /** Where the provider sits (proximity is measured from here). */
  buildingId: string | null;
  regionCode: string;
  /** The area served: one building when set; else the subtree of a region when set; else anywhere. */
  servedBuildingId: string | null;
  servedRegionCode: string | null;
  /** China dates 'YYYY-MM-DD', both inclusive; null = open-ended. */
  validFrom: string | null;
  validUntil: string | null;
}

/** A need–resource pair, e.g. a remembered rejection. */
export interface MatchPair {
  needId: string;
  resourceId: string;
}

export function pairKey(needId: string, resourceId: string): string {
  return `${needId}\u0000${resourceId}`;
}

/** Why, in both locales, with the figures behind it for a UI that renders its own text. */
export interface MatchReason {
  code: string;
  zh: string;
  en: string;
  params?: Readonly<Record<string, string | number>>;
}

export type MatchFactor = 'category' | 'text' | 'proximity' | 'capacity' | 'validity' | 'area';

export interface ScoreComponent {
  factor: MatchFactor;
  /** Points the factor is worth at most; the weights add up to 100 (area is a condition: weight 0). */
  weight: number;
  /** 0..1. */
  value: number;
  /** weight × value. */
  points: number;
  reason: MatchReason;
}

export interface MatchScore {
  needId: string;
  resourceId: string;
  eligible: boolean;
  /** 0..100, the sum of the components' points; 0 when not eligible. */
  score: number;
  components: ScoreComponent[];
  /** Every reason the pair cannot be matched (empty when eligible). */
  ineligible: MatchReason[];
}
