import { z } from 'zod';
import { isIndustryCode } from '../../../domain/registry/industry.ts';
import { LEAD_STATUSES } from '../../../domain/registry/lead-status.ts';
import { SIZE_CLASSES } from '../../db/schema.ts';
import { dateSchema, idSchema, pageQuery, regionCodeSchema, text } from '../../http/schemas.ts';
import { creditCodeSchema } from '../organisations/schemas.ts';

const industryCode = z.string().trim().toUpperCase().refine(isIndustryCode, 'field.industry_unknown');
const area = z.number().positive().max(10_000_000);
const rent = z.number().min(0).max(100_000);

/** REG-8 what a prospective investor needs: industry, area, budget (¥/㎡/month), preferred district. */
export const matchInput = z.object({
  industryCode: industryCode.nullable().optional(),
  area,
  budget: rent.nullable().optional(),
  preferredRegionCode: regionCodeSchema.nullable().optional(),
  keywords: z.array(z.string().trim().min(1).max(20)).max(10).optional(),
  /** Drop buildings without enough vacant space instead of ranking them last. */
  strictArea: z.boolean().optional(),
  limit: z.number().int().min(1).max(100).default(20),
});
export type MatchInput = z.infer<typeof matchInput>;

const buildingFit = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  positioning: z.string().nullable(),
  industryFocus: z.array(z.string()),
  officeArea: z.number(),
  leasedArea: z.number(),
  vacantArea: z.number(),
  vacancyRate: z.number(),
  askingRent: z.number().nullable(),
  demoStatus: z.enum(['none', 'cultivating', 'named']),
});

export const matchSchema = z.object({
  items: z.array(
    z.object({
      rank: z.number().int(),
      building: buildingFit,
      score: z.number(),
      fitsArea: z.boolean(),
      reasons: z.array(
        z.object({
          factor: z.enum(['vacancy', 'industry', 'positioning', 'rent', 'location', 'demo']),
          points: z.number(),
          text: z.string(),
        }),
      ),
    }),
  ),
  total: z.number().int(),
});

export const vacancyQuery = z.object({ regionCode: regionCodeSchema.optional(), ...pageQuery });
export const vacancySchema = z.object({
  items: z.array(
    buildingFit.extend({
      industryMix: z.array(z.object({ section: z.string().nullable(), name: z.string().nullable(), count: z.number().int() })),
    }),
  ),
  total: z.number().int(),
  totals: z.object({ officeArea: z.number(), leasedArea: z.number(), vacantArea: z.number(), vacancyRate: z.number().nullable() }),
});

export const leadInput = z.object({
  name: text(100),
  contactName: z.string().trim().max(50).nullable().optional(),
  industryCode: industryCode.nullable().optional(),
  areaNeeded: area,
  budget: rent.nullable().optional(),
  preferredRegionCode: regionCodeSchema.nullable().optional(),
  note: z.string().trim().max(2000).nullable().optional(),
  /** The region that owns the lead (whose staff follow it up). */
  regionCode: regionCodeSchema,
});
export type LeadInput = z.infer<typeof leadInput>;

export const leadQuery = z.object({
  status: z.enum(LEAD_STATUSES).optional(),
  regionCode: regionCodeSchema.optional(),
  q: z.string().trim().max(50).optional(),
  ...pageQuery,
});
export type LeadQuery = z.infer<typeof leadQuery>;

/** A move of the lead; settling also names the building, the enterprise to register and its lease. */
export const transitionInput = z.object({
  to: z.enum(LEAD_STATUSES),
  note: z.string().trim().max(2000).nullable().optional(),
  buildingId: idSchema.optional(),
  enterprise: z
    .object({
      name: text(100),
      creditCode: creditCodeSchema,
      industryCode: industryCode.nullable().optional(),
      sizeClass: z.enum(SIZE_CLASSES).nullable().optional(),
      staffCount: z.number().int().min(0).max(10_000_000).nullable().optional(),
      /** Where the enterprise is registered; the building's region when absent. */
      regionCode: regionCodeSchema.optional(),
    })
    .optional(),
  lease: z
    .object({
      /** The lead's area needed when absent. */
      area: area.optional(),
      units: z.string().trim().max(200).optional(),
      startOn: dateSchema,
      endOn: dateSchema,
      monthlyRent: z.number().min(0).max(1_000_000_000).nullable().optional(),
    })
    .optional(),
});
export type TransitionInput = z.infer<typeof transitionInput>;

const ref = z.object({ id: z.string(), name: z.string() }).nullable();

export const leadSchema = z.object({
  id: z.string(),
  name: z.string(),
  contactName: z.string().nullable(),
  industryCode: z.string().nullable(),
  industryName: z.string().nullable(),
  areaNeeded: z.number(),
  budget: z.number().nullable(),
  preferredRegionCode: z.string().nullable(),
  status: z.enum(LEAD_STATUSES),
  statusLabel: z.string(),
  /** The moves open from here (REG-8 transition table). */
  nextStatuses: z.array(z.enum(LEAD_STATUSES)),
  building: ref,
  enterprise: ref,
  leaseId: z.string().nullable(),
  note: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
