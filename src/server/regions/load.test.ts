import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../tests/support/db.ts';
import type { Db } from '../db/index.ts';
import {
  isScopeLoaded,
  loadRegions,
  normaliseRegionCode,
  parseCsvLine,
  readScopeRegions,
  regionDisplayName,
  type RegionLoadResult,
} from './load.ts';

describe('ORG-1 region names and codes', () => {
  it('ORG-1 stores provinces and cities under their official 6-digit codes', () => {
    expect(normaliseRegionCode('35')).toBe('350000');
    expect(normaliseRegionCode('3501')).toBe('350100');
    expect(normaliseRegionCode('360732')).toBe('360732');
    expect(normaliseRegionCode('360732203206')).toBe('360732203206');
    expect(normaliseRegionCode('36073')).toBeNull();
    expect(normaliseRegionCode('abc')).toBeNull();
  });

  it('ORG-1 names villages and communities by the place, not the committee', () => {
    expect(regionDisplayName('官田村委会', 'village')).toBe('官田村');
    expect(regionDisplayName('肖村村民委员会', 'village')).toBe('肖村');
    expect(regionDisplayName('长龙村民委员会', 'village')).toBe('长龙村');
    expect(regionDisplayName('多福巷社区居委会', 'village')).toBe('多福巷社区');
    expect(regionDisplayName('站前社区委员会', 'village')).toBe('站前社区');
    expect(regionDisplayName('螺洲居委会', 'village')).toBe('螺洲社区');
    expect(regionDisplayName('中山社区', 'village')).toBe('中山社区');
    expect(regionDisplayName('红星农场虚拟生活区', 'village')).toBe('红星农场虚拟生活区');
    // Only villages are renamed: a township's official name stays as published.
    expect(regionDisplayName('兴国县工业园', 'township')).toBe('兴国县工业园');
  });

  it('parses quoted CSV fields, embedded commas and doubled quotes', () => {
    expect(parseCsvLine('360732203206,"官田村委会",360732203,36')).toEqual(['360732203206', '官田村委会', '360732203', '36']);
    expect(parseCsvLine('1,"a, ""b""",')).toEqual(['1', 'a, "b"', '']);
  });

  it('ORG-1 refuses a scope code that is not in the data set', async () => {
    await expect(readScopeRegions(['369999'])).rejects.toThrow(/369999/);
    await expect(readScopeRegions(['xx'])).rejects.toThrow(/not a GB\/T 2260/);
  });
});

describe('ORG-1 loading the installation scope', () => {
  let db: Db;
  let first: RegionLoadResult;

  beforeAll(async () => {
    db = await createTestDb();
    first = await loadRegions(db.kysely, ['350100', '360732']);
  });
  afterAll(() => db.close());

  it('ORG-1 loads 兴国县 down to 官田村 with official codes', async () => {
    const rows = await db.kysely
      .selectFrom('region')
      .select(['code', 'name', 'level', 'parent_code', 'prefix'])
      .where('code', 'in', ['360000', '360700', '360732', '360732203', '360732203206'])
      .orderBy('code')
      .execute();
    expect(rows).toEqual([
      { code: '360000', name: '江西省', level: 'province', parent_code: null, prefix: '36' },
      { code: '360700', name: '赣州市', level: 'city', parent_code: '360000', prefix: '3607' },
      { code: '360732', name: '兴国县', level: 'county', parent_code: '360700', prefix: '360732' },
      { code: '360732203', name: '兴莲乡', level: 'township', parent_code: '360732', prefix: '360732203' },
      { code: '360732203206', name: '官田村', level: 'village', parent_code: '360732203', prefix: '360732203206' },
    ]);
  });

  it('ORG-1 loads all of 福州市 and connects it to 福建省', async () => {
    const fuzhou = await db.kysely.selectFrom('region').selectAll().where('code', '=', '350100').executeTakeFirstOrThrow();
    expect(fuzhou).toMatchObject({ name: '福州市', level: 'city', parent_code: '350000', prefix: '3501' });
    const dongjie = await db.kysely.selectFrom('region').selectAll().where('code', '=', '350102004').executeTakeFirstOrThrow();
    expect(dongjie).toMatchObject({ name: '东街街道', level: 'township', parent_code: '350102' });
    // The package lists 13 county-level units, 212 townships and 3,348 villages/communities for the two roots.
    expect(first.byLevel).toEqual({ province: 2, city: 2, county: 14, township: 212, village: 3348 });
    const counted = await db.kysely
      .selectFrom('region')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where((eb) =>
        eb.or([eb('prefix', 'like', '3501%'), eb('prefix', 'like', '360732%'), eb('code', 'in', ['350000', '360000', '360700'])]),
      )
      .executeTakeFirstOrThrow();
    expect(Number(counted.n)).toBe(first.rows);
  });

  it('ORG-1 keeps the tree connected: every parent is loaded and one level up', async () => {
    const orphans = await db.kysely
      .selectFrom('region as r')
      .leftJoin('region as p', 'p.code', 'r.parent_code')
      .select(['r.code'])
      .where('r.parent_code', 'is not', null)
      .where('p.code', 'is', null)
      .execute();
    expect(orphans).toEqual([]);
    const levels = ['province', 'city', 'county', 'township', 'village'];
    const pairs = await db.kysely
      .selectFrom('region as r')
      .innerJoin('region as p', 'p.code', 'r.parent_code')
      .select(['r.level as child', 'p.level as parent'])
      .distinct()
      .execute();
    for (const { child, parent } of pairs) expect(levels.indexOf(child) - levels.indexOf(parent)).toBe(1);
  });

  it('ORG-1 reloading is idempotent and the start-up check sees the scope as loaded', async () => {
    const before = await db.kysely.selectFrom('region').selectAll().orderBy('code').execute();
    const again = await loadRegions(db.kysely, ['350100', '360732']);
    const after = await db.kysely.selectFrom('region').selectAll().orderBy('code').execute();
    expect(again.rows).toBe(first.rows);
    expect(after).toEqual(before);
    expect(await isScopeLoaded(db.kysely, ['350100', '360732'])).toBe(true);
    expect(await isScopeLoaded(db.kysely, ['3501'])).toBe(true);
    expect(await isScopeLoaded(db.kysely, ['350102004'])).toBe(true);
    expect(await isScopeLoaded(db.kysely, ['350200'])).toBe(false);
  });

  it('ORG-1 reads the 37 MB village file in a few seconds at most', () => {
    expect(first.readMs + first.writeMs).toBeLessThan(10_000);
  });
});
