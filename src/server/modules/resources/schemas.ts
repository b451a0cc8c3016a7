import { z } from 'zod';
import { LIST_CATEGORIES } from '../../../domain/lists/categories.ts';
import { PROVIDER_KINDS, RESOURCE_STATUSES } from '../../db/schema-lists.ts';
import { dateSchema, idSchema, pageQuery, regionCodeSchema, text } from '../../http/schemas.ts';
import { categorySchema } from '../needs/schemas.ts';

const resourceFields = {
  title: text(100),
  description: z.string().trim().max(4000),
  category: categorySchema,
  conditions: z.string().trim().max(2000),
  contact: z.string().trim().max(100),
  /** NULL: unlimited. */
  capacity: z.number().int().min(0).max(1_000_000).nullable(),
  servedBuildingId: idSchema.nullable(),
  servedRegionCode: regionCodeSchema.nullable(),
  validFrom: dateSchema.nullable(),
  validUntil: dateSchema.nullable(),
};

export const resourceInput = z.object({
  ...resourceFields,
  description: resourceFields.description.default(''),
  conditions: resourceFields.conditions.default(''),
  contact: resourceFields.contact.default(''),
  capacity: resourceFields.capacity.default(null),
  servedBuildingId: resourceFields.servedBuildingId.optional(),
  servedRegionCode: resourceFields.servedRegionCode.optional(),
  validFrom: resourceFields.validFrom.default(null),
  validUntil: resourceFields.validUntil.default(null),
  /** The organisation offering it (the caller's own by default). */
  providerOrgId: idSchema.nullable().optional(),
  providerKind: z.enum(PROVIDER_KINDS).optional(),
});
export type ResourceInput = z.infer<typeof resourceInput>;

export const resourcePatch = z.object({
  version: z.number().int().min(1),
  title: resourceFields.title.optional(),
  description: resourceFields.description.optional(),
  category: resourceFields.category.optional(),
  conditions: resourceFields.conditions.optional(),
  contact: resourceFields.contact.optional(),
  capacity: resourceFields.capacity.optional(),
  servedBuildingId: resourceFields.servedBuildingId.optional(),
  servedRegionCode: resourceFields.servedRegionCode.optional(),
  validFrom: resourceFields.validFrom.optional(),
  validUntil: resourceFields.validUntil.optional(),
  status: z.enum(RESOURCE_STATUSES).optional(),
});
export type ResourcePatch = z.infer<typeof resourcePatch>;

export const resourceQuery = z.object({
  status: z.enum(RESOURCE_STATUSES).optional(),
  category: categorySchema.optional(),
  providerKind: z.enum(PROVIDER_KINDS).optional(),
  providerOrgId: idSchema.optional(),
  regionCode: regionCodeSchema.optional(),
  /** Only resources with capacity left (or unlimited) and valid today. */
  available: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  q: z.string().trim().max(100).optional(),
  ...pageQuery,
});
export type ResourceQuery = z.infer<typeof resourceQuery>;

const named = z.object({ id: z.string(), name: z.string() }).nullable();

export const resourceSchema = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  description: z.string(),
  category: z.enum(LIST_CATEGORIES),
  providerKind: z.enum(PROVIDER_KINDS),
  provider: z.object({ id: z.string(), name: z.string() }),
  building: named,
  regionCode: z.string(),
  regionName: z.string().nullable(),
  capacity: z.number().nullable(),
  capacityLeft: z.number().nullable(),
  conditions: z.string(),
  contact: z.string(),
  servedBuilding: named,
  servedRegion: z.object({ code: z.string(), name: z.string() }).nullable(),
  validFrom: z.string().nullable(),
  validUntil: z.string().nullable(),
  status: z.enum(RESOURCE_STATUSES),
  version: z.number(),
  createdAt: z.string(),
});
/** Each row says whether the caller may edit or withdraw it, so the list offers only what will be allowed. */
export const resourceListSchema = z.object({ items: z.array(resourceSchema.extend({ mayEdit: z.boolean() })), total: z.number() });
export const resourceDetailSchema = resourceSchema.extend({
  mayEdit: z.boolean(),
  matches: z.array(
    z.object({
      needId: z.string(),
      needCode: z.string(),
      needTitle: z.string(),
      status: z.string(),
      quantity: z.number(),
      projectId: z.string().nullable(),
    }),
  ),
});
