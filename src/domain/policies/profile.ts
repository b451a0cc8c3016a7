import { z } from 'zod';
import { isIndustryCode } from '../registry/industry.ts';
import { regionLevelOf } from '../regions.ts';

/**
 * POL-2 enterprise profile: the facts eligibility rules read. Every field may be
 * null, meaning "not reported" — which makes a rule unknown (待补充), never unmet.
 * Stored as JSON (a `jsonb` column) and edited in a form, so only plain values.
 */

/** The same values as the enterprise table's `size_class` (src/server/db/schema.ts). */
export const SIZE_CLASSES = ['large', 'medium', 'small', 'micro'] as const;
export type SizeClass = (typeof SIZE_CLASSES)[number];

/** The same values as the enterprise table's `party_org_status`. */
export const PARTY_ORG_STATUSES = ['own', 'joint', 'instructor', 'none'] as const;
export type PartyOrgStatus = (typeof PARTY_ORG_STATUSES)[number];

/** Certifications and listings that policies commonly require. */
export const QUALIFICATIONS = [
  'high_tech',
  'tech_sme',
  'innovative_sme',
  'specialised_sme',
  'little_giant',
  'gazelle',
  'enterprise_tech_centre',
  'headquarters',
  'above_scale',
  'tax_credit_a',
  'listed',
] as const;
export type Qualification = (typeof QUALIFICATIONS)[number];

export interface EnterpriseProfile {
  /** GB/T 4754 division ('65') or a finer class starting with its division ('6513'). */
  industryCode: string | null;
  sizeClass: SizeClass | null;
  /** Registered region, GB/T 2260: 6 digits (county) or 9 (street). */
  regionCode: string | null;
  /** 'YYYY-MM-DD'. */
  registeredOn: string | null;
  staffCount: number | null;
  /** Last year's operating revenue, yuan. */
  revenue: number | null;
  /** Last year's R&D spending, yuan. The R&D ratio is derived from it and `revenue`. */
  rdSpending: number | null;
  /** Held qualifications; `[]` means known to hold none. */
  qualifications: Qualification[] | null;
  /**
   * In a building registered on the platform. When false the building fields
   * below are not unknown but absent (and kept null, see `normaliseProfile`):
   * rules requiring a building are unmet.
   */
  inBuilding: boolean | null;
  buildingId: string | null;
  /** The building's street (9 digits) or county. */
  buildingRegionCode: string | null;
  /** 'YYYY-MM-DD' the enterprise moved into its building. */
  movedInOn: string | null;
  partyOrgStatus: PartyOrgStatus | null;
  isKeyEnterprise: boolean | null;
  isNonPublic: boolean | null;
}

export type ProfileField = keyof EnterpriseProfile;

export const PROFILE_FIELDS = [
  'industryCode',
  'sizeClass',
  'regionCode',
  'registeredOn',
  'staffCount',
  'revenue',
  'rdSpending',
  'qualifications',
  'inBuilding',
  'buildingId',
  'buildingRegionCode',
  'movedInOn',
  'partyOrgStatus',
  'isKeyEnterprise',
  'isNonPublic',
] as const satisfies readonly ProfileField[];

/** Fields describing the building, absent (not unknown) when `inBuilding` is false. */
export const TENANCY_FIELDS: ReadonlySet<ProfileField> = new Set<ProfileField>(['buildingId', 'buildingRegionCode', 'movedInOn']);

export function emptyProfile(): EnterpriseProfile {
  return {
    industryCode: null,
    sizeClass: null,
    regionCode: null,
    registeredOn: null,
    staffCount: null,
    revenue: null,
    rdSpending: null,
    qualifications: null,
    inBuilding: null,
    buildingId: null,
    buildingRegionCode: null,
    movedInOn: null,
    partyOrgStatus: null,
    isKeyEnterprise: null,
    isNonPublic: null,
  };
}

/** An enterprise in no building has no building facts: they are cleared rather than left contradicting it. */
export function normaliseProfile(p: EnterpriseProfile): EnterpriseProfile {
  if (p.inBuilding !== false || (p.buildingId === null && p.buildingRegionCode === null && p.movedInOn === null)) return p;
  return { ...p, buildingId: null, buildingRegionCode: null, movedInOn: null };
}

/** R&D spending as a percentage of revenue; null when either is unknown or revenue is not positive. */
export function rdRatioPercent(p: Pick<EnterpriseProfile, 'rdSpending' | 'revenue'>): number | null {
  if (p.rdSpending === null || p.revenue === null || p.revenue <= 0) return null;
  return (p.rdSpending * 100) / p.revenue;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/**
 * Whole years from `from` to `to` (both 'YYYY-MM-DD'): a company registered on
 * 2020-02-29 has 3 years on 2023-03-01, not on 2023-02-28.
 */
export function fullYearsBetween(from: string, to: string): number {
  const years = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  return to.slice(5) < from.slice(5) ? years - 1 : years;
}

/**
 * The day `years` whole years after `date`; a 29 February lands on 1 March in
 * a common year, the first day `fullYearsBetween` counts the years as full.
 */
export function addYears(date: string, years: number): string {
  const y = String(Number(date.slice(0, 4)) + years).padStart(4, '0');
  const md = date.slice(5);
  if (md === '02-29' && !isIsoDate(`${y}-02-29`)) return `${y}-03-01`;
  return `${y}-${md}`;
}

/** Fields whose value differs between two versions of a profile (qualifications compared as sets). */
export function changedFields(before: EnterpriseProfile, after: EnterpriseProfile): ProfileField[] {
  return PROFILE_FIELDS.filter((f) => {
    if (f === 'qualifications') return !sameSet(before.qualifications, after.qualifications);
    return before[f] !== after[f];
  });
}

function sameSet(a: readonly string[] | null, b: readonly string[] | null): boolean {
  if (a === null || b === null) return a === b;
  const sa = new Set(a);
  return sa.size === new Set(b).size && b.every((x) => sa.has(x));
}

// Messages are the server's message keys (src/server/i18n/messages.ts), rendered in the caller's language.
const isoDate = z.string().refine(isIsoDate, { message: 'field.rule_date_format' });
export const regionCodeSchema = z.string().refine(
  (c) => {
    const level = regionLevelOf(c);
    return level !== null && level !== 'village';
  },
  { message: 'field.region_unknown' },
);
/** A section letter, a division, or a finer class (3–4 digits) of a known division. */
export const industryCodeSchema = z
  .string()
  .refine((c) => isIndustryCode(c) || (/^\d{3,4}$/.test(c) && isIndustryCode(c.slice(0, 2))), { message: 'field.industry_unknown' });
const money = z.number().finite().min(0);

/** For the profile form and the `jsonb` column. */
/** For the profile form and the `jsonb` column; a field missing from stored JSON (added later) reads as unknown. */
export const enterpriseProfileSchema = z
  .object({
    industryCode: industryCodeSchema
      .refine((c) => /^\d/.test(c), { message: 'field.industry_unknown' })
      .nullable()
      .default(null),
    sizeClass: z.enum(SIZE_CLASSES).nullable().default(null),
    regionCode: regionCodeSchema.nullable().default(null),
    registeredOn: isoDate.nullable().default(null),
    staffCount: z.number().int().min(0).nullable().default(null),
    revenue: money.nullable().default(null),
    rdSpending: money.nullable().default(null),
    qualifications: z
      .array(z.enum(QUALIFICATIONS))
      .transform((q) => [...new Set(q)])
      .nullable()
      .default(null),
    inBuilding: z.boolean().nullable().default(null),
    buildingId: z.string().min(1).nullable().default(null),
    buildingRegionCode: regionCodeSchema.nullable().default(null),
    movedInOn: isoDate.nullable().default(null),
    partyOrgStatus: z.enum(PARTY_ORG_STATUSES).nullable().default(null),
    isKeyEnterprise: z.boolean().nullable().default(null),
    isNonPublic: z.boolean().nullable().default(null),
  })
  .transform(normaliseProfile) satisfies z.ZodType<EnterpriseProfile, unknown>;
