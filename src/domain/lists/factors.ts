import { isWithinRegion, regionLevelOf } from '../regions.ts';
import type { ListNeed, ListResource } from './types.ts';

/** LST-3 the numbers behind each score component, shared by scoreMatch and the indexes so both rank alike. */
export const MATCH_WEIGHTS = { category: 30, text: 30, proximity: 20, capacity: 10, validity: 10 } as const;

export type Proximity = 'building' | 'street' | 'district' | 'city' | 'farther';

export const PROXIMITY_VALUE: Readonly<Record<Proximity, number>> = {
  building: 1,
  street: 0.75,
  district: 0.5,
  city: 0.25,
  farther: 0,
};

/** A resource ending within this many days scores lower on validity: it may be gone before the work starts. */
export const EXPIRING_SOON_DAYS = 30;

/** Keys of a place at each level, null where the code does not reach that level. */
export interface PlaceKeys {
  street: string | null;
  district: string | null;
  city: string | null;
}

export function placeKeys(regionCode: string): PlaceKeys {
  const level = regionLevelOf(regionCode);
  const six = regionCode.slice(0, 6);
  return {
    street: regionCode.length >= 9 ? regionCode.slice(0, 9) : null,
    // 441900 (东莞) has towns but no districts: its six digits name the city, not a district.
    district: level !== null && level !== 'province' && regionLevelOf(six) === 'county' ? six : null,
    city: level !== null && level !== 'province' ? regionCode.slice(0, 4) : null,
  };
}

export function proximityOf(
  a: { buildingId: string | null; regionCode: string },
  b: { buildingId: string | null; regionCode: string },
): Proximity {
  if (a.buildingId !== null && a.buildingId === b.buildingId) return 'building';
  const ka = placeKeys(a.regionCode);
  const kb = placeKeys(b.regionCode);
  if (ka.street !== null && ka.street === kb.street) return 'street';
  if (ka.district !== null && ka.district === kb.district) return 'district';
  if (ka.city !== null && ka.city === kb.city) return 'city';
  return 'farther';
}

/** Whether the resource's area served includes where the need is. */
export function servesArea(resource: ListResource, need: ListNeed): boolean {
  if (resource.servedBuildingId !== null) return need.buildingId === resource.servedBuildingId;
  if (resource.servedRegionCode !== null) return isWithinRegion(need.regionCode, resource.servedRegionCode);
  return true;
}

/** Share of the need the capacity left covers (0 = nothing left, so not eligible). */
export function capacityValue(capacityLeft: number | null, quantity: number): number {
  if (capacityLeft === null) return 1;
  if (capacityLeft <= 0) return 0;
  return capacityLeft >= quantity ? 1 : capacityLeft / quantity;
}

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date: whole days, so no time zone can shift a deadline. */
export function dayNumber(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new Error(`not a date: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000;
}

/** Days left counting today (0 = ends today), or null when open-ended. */
export function validityValue(daysLeft: number | null): number {
  if (daysLeft === null || daysLeft >= EXPIRING_SOON_DAYS) return 1;
  return 0.5 + (0.5 * daysLeft) / EXPIRING_SOON_DAYS;
}
