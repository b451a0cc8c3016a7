import { z } from 'zod';
import { LISTING_LEVELS, TOURISM_SITE_KINDS } from '../../db/schema-villages.ts';
import { dateSchema, idSchema, regionCodeSchema, text } from '../../http/schemas.ts';
import { moneySchema, villageCodeSchema } from './schemas.ts';

/** VIL-3 collective income and VIL-4 heritage and tourism. */
const year = z.coerce.number().int().min(2000).max(2200);
export const incomeParams = z.object({ code: villageCodeSchema, year });
export const incomeInput = z.object({
  operatingIncome: moneySchema,
  totalIncome: moneySchema.nullable().optional(),
  note: z.string().trim().max(1000).nullable().optional(),
});
export type IncomeInput = z.infer<typeof incomeInput>;
export const incomeQuery = z.object({
  regionCode: regionCodeSchema.optional(),
  year: year.optional(),
  traditional: z.enum(['true', 'false']).optional(),
});
export type IncomeQuery = z.infer<typeof incomeQuery>;
export const thresholdsInput = z.object({
  regionCode: regionCodeSchema,
  amounts: z.array(z.number()).min(1, 'field.income_thresholds').max(5, 'field.income_thresholds'),
});
export type ThresholdsInput = z.infer<typeof thresholdsInput>;

export const thresholdCountSchema = z.object({ threshold: z.number(), villages: z.number().int() });
export const incomeOverviewSchema = z.object({
  year: z.number().int(),
  regionCode: z.string().nullable(),
  thresholds: z.array(z.number()),
  /** The region whose thresholds apply (null: the defaults). */
  thresholdsFrom: z.string().nullable(),
  mayConfigure: z.boolean(),
  villages: z.number().int(),
  reported: z.number().int(),
  counts: z.array(thresholdCountSchema),
  total: z.number(),
  items: z.array(
    z.object({
      regionCode: z.string(),
      name: z.string(),
      townshipName: z.string(),
      isTraditional: z.boolean(),
      operatingIncome: z.number().nullable(),
      totalIncome: z.number().nullable(),
      note: z.string().nullable(),
      /** The thresholds this village is above. */
      above: z.array(z.number()),
    }),
  ),
});
export type IncomeOverview = z.infer<typeof incomeOverviewSchema>;

export const heritageItemInput = z.object({
  regionCode: regionCodeSchema,
  name: text(100),
  category: text(50),
  level: z.enum(LISTING_LEVELS),
  listedYear: z.number().int().min(1949).max(2200).nullable().optional(),
  description: z.string().trim().max(4000).optional(),
});
export type HeritageItemInput = z.infer<typeof heritageItemInput>;
export const inheritorInput = z.object({
  name: text(50),
  level: z.enum(LISTING_LEVELS),
  sinceYear: z.number().int().min(1949).max(2200).nullable().optional(),
  personId: idSchema.nullable().optional(),
});
export type InheritorInput = z.infer<typeof inheritorInput>;
export const performanceInput = z.object({
  heritageItemId: idSchema,
  regionCode: regionCodeSchema,
  title: text(200),
  performedOn: dateSchema,
  place: text(200),
  audience: z.number().int().min(0).max(10_000_000),
});
export type PerformanceInput = z.infer<typeof performanceInput>;
export const periodQuery = z
  .object({ regionCode: regionCodeSchema.optional(), from: dateSchema.optional(), to: dateSchema.optional() })
  .refine((q) => !q.from || !q.to || q.to >= q.from, { message: 'field.period_order', path: ['to'] });
export type PeriodQuery = z.infer<typeof periodQuery>;

export const heritageListSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      regionCode: z.string(),
      regionName: z.string(),
      name: z.string(),
      category: z.string(),
      level: z.enum(LISTING_LEVELS),
      listedYear: z.number().int().nullable(),
      description: z.string(),
      inheritors: z.array(
        z.object({ id: z.string(), name: z.string(), level: z.enum(LISTING_LEVELS), sinceYear: z.number().int().nullable() }),
      ),
    }),
  ),
});
export const performanceListSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      heritageItemId: z.string(),
      heritageItemName: z.string(),
      regionCode: z.string(),
      regionName: z.string(),
      title: z.string(),
      performedOn: z.string(),
      place: z.string(),
      audience: z.number().int(),
    }),
  ),
  total: z.number().int(),
  audience: z.number().int(),
});

export const siteInput = z.object({
  regionCode: villageCodeSchema,
  name: text(100),
  kind: z.enum(TOURISM_SITE_KINDS),
  description: z.string().trim().max(4000).optional(),
  openedOn: dateSchema.nullable().optional(),
});
export type SiteInput = z.infer<typeof siteInput>;
export const guideInput = z.object({ name: text(50), personId: idSchema.nullable().optional(), since: dateSchema.nullable().optional() });
export type GuideInput = z.infer<typeof guideInput>;
export const visitorParams = z.object({ id: idSchema, month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'field.month_format') });
export const visitorInput = z.object({ visitors: z.number().int().min(0).max(100_000_000) });
export const siteListSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      regionCode: z.string(),
      villageName: z.string(),
      name: z.string(),
      kind: z.enum(TOURISM_SITE_KINDS),
      description: z.string(),
      openedOn: z.string().nullable(),
      guides: z.array(z.object({ id: z.string(), name: z.string(), since: z.string().nullable(), active: z.boolean() })),
      visitors: z.array(z.object({ month: z.string(), visitors: z.number().int() })),
      visitorsInPeriod: z.number().int(),
    }),
  ),
});
