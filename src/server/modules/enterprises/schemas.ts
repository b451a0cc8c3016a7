import { z } from 'zod';
import { isIndustryCode } from '../../../domain/registry/industry.ts';
import { PARTY_ORG_STATUSES, SIZE_CLASSES } from '../../db/schema.ts';
import { dateSchema, idSchema, pageQuery, regionCodeSchema, text } from '../../http/schemas.ts';
import { creditCodeSchema } from '../organisations/schemas.ts';

const count = z.number().int().min(0).max(10_000_000);
const industryCode = z.string().trim().toUpperCase().refine(isIndustryCode, 'field.industry_unknown');

const profile = {
  name: text(100),
  creditCode: creditCodeSchema,
  regionCode: regionCodeSchema,
  industryCode: industryCode.nullable().optional(),
  sizeClass: z.enum(SIZE_CLASSES).nullable().optional(),
  staffCount: count.nullable().optional(),
  partyMemberCount: count.nullable().optional(),
  isKeyEnterprise: z.boolean().optional(),
  isNonPublic: z.boolean().optional(),
  partyOrgStatus: z.enum(PARTY_ORG_STATUSES).optional(),
  registeredOn: dateSchema.nullable().optional(),
  legalRepresentative: z.string().trim().max(50).nullable().optional(),
  lng: z.number().min(73).max(136).nullable().optional(),
  lat: z.number().min(3).max(54).nullable().optional(),
};

const membersWithinStaff = (e: { staffCount?: number | null | undefined; partyMemberCount?: number | null | undefined }) =>
  e.staffCount == null || e.partyMemberCount == null || e.partyMemberCount <= e.staffCount;

/** REG-2 an enterprise: its organisation (kind 'enterprise') and its profile, created together. */
export const enterpriseInput = z
  .object({ ...profile, parentId: idSchema.nullable().optional() })
  .refine(membersWithinStaff, { message: 'field.party_members_exceed_staff', path: ['partyMemberCount'] });
export type EnterpriseInput = z.infer<typeof enterpriseInput>;

export const enterprisePatch = z
  .object(profile)
  .partial()
  .extend({ expectedUpdatedAt: z.iso.datetime().optional() })
  .refine(membersWithinStaff, { message: 'field.party_members_exceed_staff', path: ['partyMemberCount'] });
export type EnterprisePatch = z.infer<typeof enterprisePatch>;

export const enterpriseQuery = z.object({
  regionCode: regionCodeSchema.optional(),
  buildingId: idSchema.optional(),
  /** A GB/T 4754 section letter (all its divisions) or a division. */
  industryCode: industryCode.optional(),
  sizeClass: z.enum(SIZE_CLASSES).optional(),
  isKeyEnterprise: z.enum(['true', 'false']).optional(),
  partyOrgStatus: z.enum(PARTY_ORG_STATUSES).optional(),
  q: z.string().trim().max(50).optional(),
  ...pageQuery,
});
export type EnterpriseQuery = z.infer<typeof enterpriseQuery>;

export const enterpriseSchema = z.object({
  id: z.string(),
  name: z.string(),
  creditCode: z.string(),
  parentId: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  industryCode: z.string().nullable(),
  industryName: z.string().nullable(),
  industrySection: z.string().nullable(),
  sizeClass: z.enum(SIZE_CLASSES).nullable(),
  staffCount: z.number().nullable(),
  partyMemberCount: z.number().nullable(),
  isKeyEnterprise: z.boolean(),
  isNonPublic: z.boolean(),
  partyOrgStatus: z.enum(PARTY_ORG_STATUSES),
  hasInstructor: z.boolean(),
  /** SVC-1 the party-building instructor assigned to the enterprise; pinned assignments stay through assignment runs. */
  instructor: z.object({ personId: z.string(), name: z.string(), pinned: z.boolean() }).nullable(),
  /** REG-4 how the enterprise is covered, counting an assigned instructor. */
  coverage: z.enum(PARTY_ORG_STATUSES),
  registeredOn: z.string().nullable(),
  legalRepresentative: z.string().nullable(),
  lng: z.number().nullable(),
  lat: z.number().nullable(),
  currentBuilding: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const enterpriseDetailSchema = enterpriseSchema.extend({
  leases: z.array(
    z.object({
      id: z.string(),
      buildingId: z.string(),
      buildingName: z.string(),
      units: z.string(),
      area: z.number(),
      startOn: z.string(),
      endOn: z.string(),
      endedOn: z.string().nullable(),
    }),
  ),
});
