import { z } from 'zod';
import { FUND_PURPOSES, FUND_SOURCE_KINDS } from '../../db/schema-villages.ts';
import { regionCodeSchema } from '../../http/schemas.ts';
import { thresholdCountSchema } from './schemas-heritage.ts';

/** DSH-1 DSH-3 the county dashboard of traditional villages (VIL-2 … VIL-4). */
export const villageDashboardQuery = z.object({
  regionCode: regionCodeSchema.optional(),
  /** The year of performances and visitors (default: this year in China). */
  year: z.coerce.number().int().min(2000).max(2200).optional(),
});
export type VillageDashboardQuery = z.infer<typeof villageDashboardQuery>;

const money = z.number();
export const villageDashboardSchema = z.object({
  region: z.object({ code: z.string(), name: z.string() }).nullable(),
  year: z.number().int(),
  villages: z.number().int(),
  thresholds: z.array(z.number()),
  incomeByYear: z.array(
    z.object({ year: z.number().int(), reported: z.number().int(), total: money, counts: z.array(thresholdCountSchema) }),
  ),
  funds: z.object({
    received: money,
    allocated: money,
    spent: money,
    balance: money,
    bySource: z.array(z.object({ sourceKind: z.enum(FUND_SOURCE_KINDS), amount: money })),
    byPurpose: z.array(z.object({ purpose: z.enum(FUND_PURPOSES), allocated: money, spent: money })),
  }),
  heritage: z.object({
    performances: z.number().int(),
    audience: z.number().int(),
    byMonth: z.array(z.object({ month: z.string(), performances: z.number().int(), audience: z.number().int() })),
    byItem: z.array(z.object({ name: z.string(), performances: z.number().int() })),
  }),
  tourism: z.object({
    visitors: z.number().int(),
    /** Since 1 January of the year before (the article's "去年以来"). */
    visitorsSincePreviousYear: z.number().int(),
    guides: z.number().int(),
    byMonth: z.array(z.object({ month: z.string(), visitors: z.number().int() })),
    sites: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        villageName: z.string(),
        visitors: z.number().int(),
        visitorsSincePreviousYear: z.number().int(),
        guides: z.number().int(),
      }),
    ),
  }),
  perVillage: z.array(
    z.object({
      regionCode: z.string(),
      name: z.string(),
      townshipName: z.string(),
      isTraditional: z.boolean(),
      income: money.nullable(),
      incomeYear: z.number().int().nullable(),
      received: money,
      spent: money,
      balance: money,
      performances: z.number().int(),
      audience: z.number().int(),
      visitors: z.number().int(),
      dangerousBuildings: z.number().int(),
    }),
  ),
});
export type VillageDashboard = z.infer<typeof villageDashboardSchema>;
