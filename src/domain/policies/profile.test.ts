import { describe, expect, it } from 'vitest';
import { PARTY_ORG_STATUSES as DB_PARTY_ORG_STATUSES, SIZE_CLASSES as DB_SIZE_CLASSES } from '../../server/db/schema.ts';
import {
  addYears,
  changedFields,
  emptyProfile,
  enterpriseProfileSchema,
  fullYearsBetween,
  PARTY_ORG_STATUSES,
  rdRatioPercent,
  SIZE_CLASSES,
} from './profile.ts';
import { profileOf } from './testing.ts';

describe('POL-2 enterprise profile', () => {
  it('POL-2 size classes and party-organisation statuses are the enterprise table’s', () => {
    expect(SIZE_CLASSES).toEqual(DB_SIZE_CLASSES);
    expect(PARTY_ORG_STATUSES).toEqual(DB_PARTY_ORG_STATUSES);
  });

  it('POL-2 whole years count on the anniversary; 29 February turns a year on 1 March in common years', () => {
    expect(fullYearsBetween('2022-06-30', '2025-06-30')).toBe(3);
    expect(fullYearsBetween('2022-07-01', '2025-06-30')).toBe(2);
    expect(fullYearsBetween('2020-02-29', '2023-02-28')).toBe(2);
    expect(fullYearsBetween('2020-02-29', '2023-03-01')).toBe(3);
    expect(fullYearsBetween('2020-02-29', '2024-02-29')).toBe(4);
    expect(addYears('2020-02-29', 3)).toBe('2023-03-01');
    expect(addYears('2020-02-29', 4)).toBe('2024-02-29');
    expect(addYears('2021-06-30', -1)).toBe('2020-06-30');
  });

  it('POL-2 the R&D ratio is a percentage of revenue, absent without both or with no revenue', () => {
    expect(rdRatioPercent({ rdSpending: 3_000_000, revenue: 60_000_000 })).toBe(5);
    expect(rdRatioPercent({ rdSpending: null, revenue: 60_000_000 })).toBeNull();
    expect(rdRatioPercent({ rdSpending: 1, revenue: 0 })).toBeNull();
  });

  it('POL-3 changed fields compare qualifications as sets', () => {
    const before = profileOf({ qualifications: ['high_tech', 'tech_sme'], revenue: 1 });
    expect(changedFields(before, { ...before, qualifications: ['tech_sme', 'high_tech'] })).toEqual([]);
    expect(changedFields(before, { ...before, qualifications: ['tech_sme'], revenue: 2 })).toEqual(['revenue', 'qualifications']);
    expect(changedFields(before, { ...before, qualifications: null })).toEqual(['qualifications']);
  });

  it('POL-2 the stored profile: a field missing from older JSON reads as unknown, building facts go with the building, codes and dates are checked', () => {
    expect(enterpriseProfileSchema.parse({ revenue: 5 })).toEqual({ ...emptyProfile(), revenue: 5 });
    expect(enterpriseProfileSchema.parse({ qualifications: ['high_tech', 'high_tech'] }).qualifications).toEqual(['high_tech']);
    const moved = enterpriseProfileSchema.parse({ inBuilding: false, buildingId: 'b1', movedInOn: '2024-01-01' });
    expect([moved.buildingId, moved.movedInOn]).toEqual([null, null]);
    const r = enterpriseProfileSchema.safeParse({ industryCode: 'I', regionCode: '35', registeredOn: '2024-13-01', staffCount: 2.5 });
    expect(r.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['industryCode', 'field.industry_unknown'],
      ['regionCode', 'field.region_unknown'],
      ['registeredOn', 'field.rule_date_format'],
      ['staffCount', expect.any(String)],
    ]);
  });
});
