import { chinaDate } from '../time.ts';

/**
 * GRD-1 who carries households: party members of a village take 20–30 households each
 * (党员包户), except members exempt by age or by an explicit decision.
 */
export const DEFAULT_MIN_HOUSEHOLDS = 20;
export const DEFAULT_MAX_HOUSEHOLDS = 30;
export const DEFAULT_EXEMPT_AGE = 70;

export interface GeoPoint {
  lng: number;
  lat: number;
}

export interface HouseholdMember {
  id: string;
  location: GeoPoint | null;
  /** 'YYYY-MM-DD'. */
  birthDate?: string | null;
  /** true: exempt whatever the age; false: carries households whatever the age (a member who volunteers); absent: by age. */
  exempt?: boolean | null;
  villageCode: string;
  gridId?: string | null;
}

export interface Household {
  id: string;
  location: GeoPoint | null;
  villageCode: string;
  gridId?: string | null;
  /** A manual pin: the household stays with this member whatever it costs. */
  pinnedMemberId?: string | null;
}

export type ExemptionReason = 'age' | 'flag';

/** Whole years between a 'YYYY-MM-DD' birth date and `asOf`; null when the date is unreadable. */
export function ageOn(birthDate: string, asOf: string): number | null {
  const b = /^(\d{4})-(\d{2})-(\d{2})/.exec(birthDate);
  const n = /^(\d{4})-(\d{2})-(\d{2})/.exec(asOf);
  if (!b || !n) return null;
  const years = Number(n[1]) - Number(b[1]);
  // A birthday not yet reached this year (29 February counts from 1 March in common years).
  const before = n[2]! < b[2]! || (n[2] === b[2] && n[3]! < b[3]!);
  return before ? years - 1 : years;
}

/** Why a member is exempt, or null when they carry households. `exemptAge` null turns the age rule off. */
export function exemptionOf(member: HouseholdMember, exemptAge: number | null, asOf: string): ExemptionReason | null {
  if (member.exempt === true) return 'flag';
  if (member.exempt === false || exemptAge === null || !member.birthDate) return null;
  const age = ageOn(member.birthDate, asOf);
  return age !== null && age >= exemptAge ? 'age' : null;
}

export interface HouseholdRules {
  min: number;
  max: number;
  exemptAge: number | null;
  asOf: string;
}

/** The rules with their defaults filled in; bounds must be whole numbers with 0 ≤ min ≤ max. */
export function householdRules(o: { min?: number; max?: number; exemptAge?: number | null; asOf?: string }): HouseholdRules {
  const min = o.min ?? DEFAULT_MIN_HOUSEHOLDS;
  const max = o.max ?? DEFAULT_MAX_HOUSEHOLDS;
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < 0 || max < min) {
    throw new RangeError(`household bounds must be whole numbers with 0 ≤ min ≤ max (got ${min}–${max})`);
  }
  return { min, max, exemptAge: o.exemptAge === undefined ? DEFAULT_EXEMPT_AGE : o.exemptAge, asOf: o.asOf ?? chinaDate() };
}

/** The township of a 12-digit village code (its first 9 digits); other codes stand alone. */
export function townshipOf(villageCode: string): string {
  return /^\d{12}$/.test(villageCode) ? villageCode.slice(0, 9) : villageCode;
}
