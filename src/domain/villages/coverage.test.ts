import { describe, expect, it } from 'vitest';
import { generateCounty, XINGGUO_CENTRE } from './county.ts';
import { checkHouseholdCoverage } from './coverage.ts';
import { ageOn, exemptionOf, townshipOf } from './members.ts';

const A = '360732100201';
const B = '360732100202';
const place = { lng: 115.36, lat: 26.34 };

describe('GRD-1 checkHouseholdCoverage: the 20–30 rule on stored assignments', () => {
  const members = [
    { id: 'light', villageCode: A, location: place, birthDate: '1980-01-01' },
    { id: 'heavy', villageCode: A, location: place, birthDate: '1980-01-01' },
    { id: 'old', villageCode: A, location: place, birthDate: '1950-01-01' },
    { id: 'other', villageCode: B, location: place, birthDate: '1980-01-01' },
  ];
  const households = Array.from({ length: 8 }, (_, i) => ({ id: `h${i}`, villageCode: A, location: place }));

  it('GRD-1 lists each kind of violation with a Chinese and an English message', () => {
    const violations = checkHouseholdCoverage({
      members,
      households,
      assignments: [
        { householdId: 'h0', memberId: 'light' },
        { householdId: 'h1', memberId: 'heavy' },
        { householdId: 'h2', memberId: 'heavy' },
        { householdId: 'h3', memberId: 'heavy' },
        { householdId: 'h4', memberId: 'old' },
        { householdId: 'h5', memberId: 'other' },
        { householdId: 'h6', memberId: 'heavy' },
        { householdId: 'h6', memberId: 'light' },
        { householdId: 'h9', memberId: 'light' },
        { householdId: 'h0', memberId: null },
      ],
      min: 2,
      max: 3,
      asOf: '2024-06-30',
    });
    expect(violations.map((v) => v.kind).sort()).toEqual([
      'assignment_unknown',
      'exempt_member_assigned',
      'household_assigned_twice',
      'household_outside_village',
      'household_uncovered',
      'member_over_max',
      'member_under_min',
    ]);
    const byKind = Object.fromEntries(violations.map((v) => [v.kind, v]));
    expect(byKind.household_uncovered).toMatchObject({ householdId: 'h7', villageCode: A });
    expect(byKind.member_over_max).toMatchObject({ memberId: 'heavy', load: 4, max: 3 });
    // "light" carries h0 and h6; "other" is in another village but carries 1, under the minimum too.
    expect(violations.filter((v) => v.kind === 'member_under_min').map((v) => v.kind === 'member_under_min' && v.memberId)).toEqual([
      'other',
    ]);
    expect(byKind.exempt_member_assigned).toMatchObject({ memberId: 'old', load: 1, reason: 'age' });
    expect(byKind.household_outside_village).toMatchObject({ householdId: 'h5', memberId: 'other', memberVillageCode: B });
    expect(byKind.household_assigned_twice).toMatchObject({ householdId: 'h6', memberIds: ['heavy', 'light'] });
    for (const v of violations) {
      expect(v.message['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      expect(v.message.en).toMatch(/^[\x20-\x7e–]+$/);
    }
    expect(byKind.member_over_max!.message).toEqual({
      'zh-CN': '党员 heavy 包户 4 户，超过 3 户',
      en: 'Member heavy carries 4 households, more than 3',
    });
  });

  it('GRD-1 a complete, in-bounds assignment has no violations; the defaults are 20–30 and 70', () => {
    const many = Array.from({ length: 45 }, (_, i) => ({ id: `x${i}`, villageCode: A, location: place }));
    const violations = checkHouseholdCoverage({
      members: members.slice(0, 3),
      households: many,
      assignments: many.map((h, i) => ({ householdId: h.id, memberId: i < 20 ? 'light' : 'heavy' })),
      asOf: '2024-06-30',
    });
    expect(violations).toEqual([]);
  });
});

describe('GRD-1 ages, exemptions and townships', () => {
  it('GRD-1 age counts whole years; a birthday not yet reached does not count', () => {
    expect(ageOn('1954-06-30', '2024-06-30')).toBe(70);
    expect(ageOn('1954-07-01', '2024-06-30')).toBe(69);
    expect(ageOn('1952-02-29', '2023-02-28')).toBe(70);
    expect(ageOn('1952-02-29', '2023-03-01')).toBe(71);
    expect(ageOn('not a date', '2024-06-30')).toBeNull();
  });

  it('GRD-1 exemption: the flag wins both ways, otherwise the age; no birth date means no exemption', () => {
    const m = { id: 'm', villageCode: A, location: null };
    expect(exemptionOf({ ...m, birthDate: '1940-01-01' }, 70, '2024-06-30')).toBe('age');
    expect(exemptionOf({ ...m, birthDate: '1940-01-01', exempt: false }, 70, '2024-06-30')).toBeNull();
    expect(exemptionOf({ ...m, exempt: true }, 70, '2024-06-30')).toBe('flag');
    expect(exemptionOf({ ...m, birthDate: '1940-01-01' }, null, '2024-06-30')).toBeNull();
    expect(exemptionOf(m, 70, '2024-06-30')).toBeNull();
  });

  it('GRD-1 the township of a village code is its first 9 digits', () => {
    expect(townshipOf('360732100201')).toBe('360732100');
    expect(townshipOf('village-7')).toBe('village-7');
  });
});

describe('GRD-1 the generated county around 兴国县', () => {
  it('GRD-1 exact counts, deterministic, households within about a km of their village, villages inside the county', () => {
    const a = generateCounty({ households: 2_000, members: 80, villages: 12, seed: 7 });
    const b = generateCounty({ households: 2_000, members: 80, villages: 12, seed: 7 });
    expect(a).toEqual(b);
    expect([a.households.length, a.members.length, a.villages.length]).toEqual([2_000, 80, 12]);
    const km = (p: { lng: number; lat: number }, q: { lng: number; lat: number }) =>
      Math.hypot((p.lng - q.lng) * 111.32 * Math.cos((q.lat * Math.PI) / 180), (p.lat - q.lat) * 110.574);
    const centre = new Map(a.villages.map((v) => [v.code, v.centre]));
    const far = a.households.filter((h) => km(h.location!, centre.get(h.villageCode)!) > 1.3);
    expect(far.length).toBeLessThan(a.households.length * 0.02);
    for (const v of a.villages) {
      expect(km(v.centre, XINGGUO_CENTRE)).toBeLessThan(40);
      expect(townshipOf(v.code)).toBe(v.townshipCode);
    }
    expect(new Set(a.members.map((m) => m.id)).size).toBe(80);
  });
});
