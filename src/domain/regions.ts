/**
 * GB/T 2260 region codes (ORG-1): 6 digits for province/city/county, 9 for a
 * township or street, 12 for a village or community. The significant prefix
 * of a code ('35' for 350000, '3501' for 350100) starts every code beneath it.
 */
export type RegionLevel = 'province' | 'city' | 'county' | 'township' | 'village';

export const REGION_LEVELS: readonly RegionLevel[] = ['province', 'city', 'county', 'township', 'village'];

export function regionLevelOf(code: string): RegionLevel | null {
  if (/^\d{12}$/.test(code)) return 'village';
  if (/^\d{9}$/.test(code)) return 'township';
  if (!/^\d{6}$/.test(code)) return null;
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'county';
}

export function regionPrefix(code: string): string {
  switch (regionLevelOf(code)) {
    case 'province':
      return code.slice(0, 2);
    case 'city':
      return code.slice(0, 4);
    case 'county':
    case 'township':
    case 'village':
    case null:
      return code;
  }
}

/** True when `code` lies in the subtree of `ancestor` (a region is inside itself). */
export function isWithinRegion(code: string, ancestor: string): boolean {
  return code.startsWith(regionPrefix(ancestor));
}

/** The chain of ancestor codes of a code, top first, itself excluded (may name codes absent from the data). */
export function ancestorCodes(code: string): string[] {
  const out: string[] = [];
  const level = regionLevelOf(code);
  if (!level || level === 'province') return out;
  out.push(`${code.slice(0, 2)}0000`);
  if (level === 'city') return out;
  out.push(`${code.slice(0, 4)}00`);
  if (level === 'county') return out;
  out.push(code.slice(0, 6));
  if (level === 'township') return out;
  out.push(code.slice(0, 9));
  return out;
}
