import { z } from 'zod';
import { dateSchema, idSchema, regionCodeSchema } from '../../http/schemas.ts';

export const dashboardQuery = z.object({
  regionCode: regionCodeSchema.optional(),
  organisationId: idSchema.optional(),
  from: dateSchema.optional(),
  to: dateSchema.optional(),
});

const rate = z.number().nullable();

export const figuresSchema = z.object({
  received: z.number().int(),
  keyEnterprise: z.number().int(),
  withdrawn: z.number().int(),
  open: z.number().int(),
  responded: z.number().int(),
  respondedOnTime: z.number().int(),
  closed: z.number().int(),
  closedOnTime: z.number().int(),
  closeMinutes: z.number(),
  rated: z.number().int(),
  satisfied: z.number().int(),
  reopened: z.number().int(),
  atBuilding: z.number().int(),
  atStreet: z.number().int(),
  atDistrict: z.number().int(),
  atCity: z.number().int(),
  escStreet: z.number().int(),
  escDistrict: z.number().int(),
  escCity: z.number().int(),
  overdue: z.number().int(),
  responseRate: rate,
  closureRate: rate,
  onTimeClosureRate: rate,
  satisfactionRate: rate,
  averageWorkingDaysToClose: rate,
});

const level = z.enum(['building', 'street', 'district', 'city']);

export const dashboardSchema = z.object({
  region: z.object({ code: z.string(), name: z.string() }).nullable(),
  organisation: z.object({ id: z.string(), name: z.string() }).nullable(),
  from: z.string(),
  to: z.string(),
  dayMinutes: z.number(),
  totals: figuresSchema,
  byLevel: z.array(z.object({ level, matters: z.number().int(), escalatedTo: z.number().int() })),
  byMonth: z.array(figuresSchema.extend({ month: z.string() })),
  byCategory: z.array(figuresSchema.extend({ categoryId: z.string(), code: z.string(), name: z.string(), nameEn: z.string() })),
  regionRanking: z.array(figuresSchema.extend({ code: z.string(), name: z.string() })),
  departmentRanking: z.array(figuresSchema.extend({ organisationId: z.string(), name: z.string() })),
  source: z.object({ rollupMonths: z.number().int(), matterRanges: z.number().int() }),
});
