import { z } from 'zod';
import { dateSchema, idSchema, pageQuery, regionCodeSchema, text } from '../../http/schemas.ts';

const level = z.enum(['city', 'county']);
const status = z.enum(['cultivating', 'named']);
const progress = z.number().int().min(0).max(100);

/** REG-7 a demonstration belt (示范带) at city or county level. */
export const beltInput = z.object({
  name: text(100),
  level,
  regionCode: regionCodeSchema,
  description: z.string().trim().max(2000).nullable().optional(),
  establishedOn: dateSchema.nullable().optional(),
});
export type BeltInput = z.infer<typeof beltInput>;

export const beltPatch = beltInput.partial();
export type BeltPatch = z.infer<typeof beltPatch>;

export const beltQuery = z.object({
  regionCode: regionCodeSchema.optional(),
  level: level.optional(),
  ...pageQuery,
});
export type BeltQuery = z.infer<typeof beltQuery>;

export const beltBuildingInput = z.object({
  buildingId: idSchema,
  status,
  since: dateSchema.nullable().optional(),
  progress: progress.optional(),
});
export type BeltBuildingInput = z.infer<typeof beltBuildingInput>;

export const beltBuildingPatch = beltBuildingInput.omit({ buildingId: true }).partial();
export type BeltBuildingPatch = z.infer<typeof beltBuildingPatch>;

export const beltBuildingParams = z.object({ id: idSchema, buildingId: idSchema });
export const beltPointParams = z.object({ id: idSchema, pointId: idSchema });

export const beltPointInput = z.object({
  name: text(100),
  level,
  regionCode: regionCodeSchema,
  buildingId: idSchema.nullable().optional(),
  namedOn: dateSchema.nullable().optional(),
});
export type BeltPointInput = z.infer<typeof beltPointInput>;

export const beltSchema = z.object({
  id: z.string(),
  name: z.string(),
  level,
  regionCode: z.string(),
  regionName: z.string().nullable(),
  description: z.string().nullable(),
  establishedOn: z.string().nullable(),
  createdAt: z.string(),
  buildings: z.array(
    z.object({
      buildingId: z.string(),
      name: z.string(),
      address: z.string(),
      regionCode: z.string(),
      status,
      since: z.string().nullable(),
      progress: z.number().int(),
    }),
  ),
  points: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      level,
      regionCode: z.string(),
      buildingId: z.string().nullable(),
      buildingName: z.string().nullable(),
      namedOn: z.string().nullable(),
    }),
  ),
  /** The rules of REG-7 this belt does not yet meet, each in the caller's language. */
  violations: z.array(
    z.object({
      rule: z.enum(['too_few_buildings', 'too_many_buildings', 'too_few_points']),
      actual: z.number().int(),
      limit: z.number().int(),
      message: z.string(),
    }),
  ),
});

export const beltTotalsSchema = z.object({
  belts: z.number().int(),
  cityBelts: z.number().int(),
  countyBelts: z.number().int(),
  namedBuildings: z.number().int(),
  cultivatingBuildings: z.number().int(),
  points: z.number().int(),
  beltsBreakingRules: z.number().int(),
});

export const beltListSchema = z.object({ items: z.array(beltSchema), total: z.number().int(), totals: beltTotalsSchema });
