import { describe, expect, it } from 'vitest';
import { ancestorCodes, isWithinRegion, regionLevelOf, regionPrefix } from './regions.ts';

describe('ORG-1 GB/T 2260 codes', () => {
  it('ORG-1 tells the level from the code', () => {
    expect(regionLevelOf('360000')).toBe('province');
    expect(regionLevelOf('360700')).toBe('city');
    expect(regionLevelOf('360732')).toBe('county');
    expect(regionLevelOf('360732203')).toBe('township');
    expect(regionLevelOf('360732203206')).toBe('village');
    expect(regionLevelOf('36073')).toBeNull();
  });

  it('ORG-1 subtree by prefix: 官田村 lies in 兴莲乡, 兴国县, 赣州市 and 江西省, not in 福州市', () => {
    const guantian = '360732203206';
    for (const a of ['360000', '360700', '360732', '360732203', guantian]) expect(isWithinRegion(guantian, a)).toBe(true);
    expect(isWithinRegion(guantian, '350100')).toBe(false);
    expect(isWithinRegion('360732203206', '360732204')).toBe(false);
    expect(regionPrefix('350100')).toBe('3501');
    expect(ancestorCodes(guantian)).toEqual(['360000', '360700', '360732', '360732203']);
  });
});
