import { describe, expect, it } from 'vitest';
import {
  CATEGORY_KINDS,
  DEFAULT_LIMITS,
  MATTER_LEVELS,
  MATTER_PRIORITIES,
  buildDefaultLimits,
  resolveLimits,
  validateLimitsOverrides,
  type Limits,
} from './limits.ts';

const DAY = 390;
const cells = () =>
  CATEGORY_KINDS.flatMap((kind) => MATTER_LEVELS.flatMap((level) => MATTER_PRIORITIES.map((priority) => ({ kind, level, priority }))));

describe('MAT-4 default time limits', () => {
  it('MAT-4 a handler signs for an ordinary matter within one working day', () => {
    for (const kind of CATEGORY_KINDS)
      for (const level of MATTER_LEVELS) expect(DEFAULT_LIMITS[kind][level].normal.signForMinutes).toBe(DAY);
  });

  it('MAT-4 the enterprise hears back within 2 working days for a consultation and 4 for other matters', () => {
    for (const level of MATTER_LEVELS) {
      expect(DEFAULT_LIMITS.consultation[level].normal.replyMinutes).toBe(2 * DAY);
      expect(DEFAULT_LIMITS.service[level].normal.replyMinutes).toBe(4 * DAY);
      expect(DEFAULT_LIMITS.complaint[level].normal.replyMinutes).toBe(4 * DAY);
    }
  });

  it('MAT-6 key enterprises are never slower than ordinary matters, and urgent matters never slower than key enterprises', () => {
    const fields: (keyof Limits)[] = ['signForMinutes', 'resolutionMinutes', 'replyMinutes'];
    for (const kind of CATEGORY_KINDS) {
      for (const level of MATTER_LEVELS) {
        const row = DEFAULT_LIMITS[kind][level];
        for (const f of fields) {
          expect(row.key_enterprise[f], `${kind}.${level}.${f}`).toBeLessThanOrEqual(row.normal[f]);
          expect(row.urgent[f], `${kind}.${level}.${f}`).toBeLessThanOrEqual(row.key_enterprise[f]);
        }
        expect(row.key_enterprise.signForMinutes + row.key_enterprise.replyMinutes).toBeLessThan(
          row.normal.signForMinutes + row.normal.replyMinutes,
        );
      }
    }
  });

  it('MAT-4 the higher the level, the longer (or equal) the resolution limit, and longer at the city than at the building', () => {
    for (const kind of CATEGORY_KINDS) {
      for (const priority of MATTER_PRIORITIES) {
        const byLevel = MATTER_LEVELS.map((level) => DEFAULT_LIMITS[kind][level][priority].resolutionMinutes);
        expect([...byLevel].sort((a, b) => a - b)).toEqual(byLevel);
        expect(byLevel[3]).toBeGreaterThan(byLevel[0] as number);
      }
    }
    expect(DEFAULT_LIMITS.service.building.normal.resolutionMinutes).toBe(5 * DAY);
    expect(DEFAULT_LIMITS.service.city.normal.resolutionMinutes).toBe(15 * DAY);
  });

  it('MAT-4 every cell has positive whole minutes', () => {
    for (const { kind, level, priority } of cells()) {
      for (const v of Object.values(DEFAULT_LIMITS[kind][level][priority])) {
        expect(Number.isInteger(v) && v > 0).toBe(true);
      }
    }
  });

  it('MAT-4 day limits follow the installation’s working-day length; hour limits do not', () => {
    const longer = buildDefaultLimits(420);
    expect(longer.service.street.normal.resolutionMinutes).toBe(7 * 420);
    expect(longer.service.street.urgent.signForMinutes).toBe(120);
    expect(resolveLimits({ categoryKind: 'consultation', level: 'building', priority: 'normal', dayMinutes: 480 })).toEqual({
      signForMinutes: 480,
      resolutionMinutes: 960,
      replyMinutes: 960,
    });
  });
});

describe('MAT-4 limits configured per category kind × level × priority', () => {
  it('MAT-4 an override replaces only the cells and fields it names', () => {
    const table = { service: { city: { urgent: { replyMinutes: 200 } } } };
    expect(resolveLimits({ table, categoryKind: 'service', level: 'city', priority: 'urgent' })).toEqual({
      ...DEFAULT_LIMITS.service.city.urgent,
      replyMinutes: 200,
    });
    expect(resolveLimits({ table, categoryKind: 'service', level: 'district', priority: 'urgent' })).toEqual(
      DEFAULT_LIMITS.service.district.urgent,
    );
    expect(resolveLimits({ categoryKind: 'complaint', level: 'street', priority: 'key_enterprise' })).toEqual(
      DEFAULT_LIMITS.complaint.street.key_enterprise,
    );
  });

  it('MAT-4 the validator accepts a partial table and names the field of each mistake', () => {
    expect(validateLimitsOverrides({ consultation: { building: { normal: { replyMinutes: 300 } } } })).toEqual({
      ok: true,
      overrides: { consultation: { building: { normal: { replyMinutes: 300 } } } },
    });
    expect(validateLimitsOverrides({})).toMatchObject({ ok: true });
    const bad = validateLimitsOverrides({
      service: { city: { urgent: { replyMinutes: -5, signForMinutes: 1.5 } } },
      complaint: { county: {} },
      advice: {},
    });
    expect(bad.ok).toBe(false);
    const paths = bad.ok ? [] : bad.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['service.city.urgent.replyMinutes', 'service.city.urgent.signForMinutes']));
    expect(paths.some((p) => p.startsWith('complaint'))).toBe(true);
    expect(paths.some((p) => p === '' || p.includes('advice'))).toBe(true);
    expect(validateLimitsOverrides({ service: { city: { normal: { replyMinutes: 10_000_000 } } } }).ok).toBe(false);
  });
});
