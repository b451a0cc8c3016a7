import { z } from 'zod';
import { LIST_CATEGORIES } from '../../../domain/lists/categories.ts';
import { NEED_STATUSES, REQUESTER_KINDS, URGENCIES } from '../../db/schema-lists.ts';
import { idSchema, pageQuery, regionCodeSchema, text } from '../../http/schemas.ts';

export const categorySchema = z.enum(LIST_CATEGORIES, 'field.list_category');

export const needInput = z.object({
  title: text(100),
  description: z.string().trim().max(4000).default(''),
  category: categorySchema,
  requesterKind: z.enum(REQUESTER_KINDS).optional(),
  requesterName: z.string().trim().max(60).optional(),
  /** The enterprise the need comes from (an enterprise user's own by default). */
  enterpriseId: idSchema.nullable().optional(),
  /** A party organisation (or other organisation) the need comes from. */
  requesterOrgId: idSchema.nullable().optional(),
  requesterPersonId: idSchema.nullable().optional(),
  buildingId: idSchema.nullable().optional(),
  regionCode: regionCodeSchema.nullable().optional(),
  quantity: z.number().int().min(1).max(100000).default(1),
  urgency: z.enum(URGENCIES).default('normal'),
});
export type NeedInput = z.infer<typeof needInput>;

export const needPatch = z.object({
  version: z.number().int().min(1),
  title: text(100).optional(),
  description: z.string().trim().max(4000).optional(),
  category: categorySchema.optional(),
  quantity: z.number().int().min(1).max(100000).optional(),
  urgency: z.enum(URGENCIES).optional(),
  requesterName: z.string().trim().max(60).optional(),
});

export const needClose = z.object({ reason: text(500) });

export const needQuery = z.object({
  status: z.enum(NEED_STATUSES).optional(),
  category: categorySchema.optional(),
  urgency: z.enum(URGENCIES).optional(),
  requesterKind: z.enum(REQUESTER_KINDS).optional(),
  buildingId: idSchema.optional(),
  enterpriseId: idSchema.optional(),
  projectId: idSchema.optional(),
  regionCode: regionCodeSchema.optional(),
  q: z.string().trim().max(100).optional(),
  ...pageQuery,
});
export type NeedQuery = z.infer<typeof needQuery>;

const named = z.object({ id: z.string(), name: z.string() }).nullable();

export const projectBrief = z
  .object({ id: z.string(), code: z.string(), name: z.string(), status: z.string(), progress: z.number() })
  .nullable();

export const needSchema = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  description: z.string(),
  category: z.enum(LIST_CATEGORIES),
  requesterKind: z.enum(REQUESTER_KINDS),
  requesterName: z.string(),
  requesterOrg: named,
  enterprise: named,
  building: named,
  regionCode: z.string(),
  regionName: z.string().nullable(),
  quantity: z.number(),
  urgency: z.enum(URGENCIES),
  status: z.enum(NEED_STATUSES),
  project: projectBrief,
  matterId: z.string().nullable(),
  complaintMatterId: z.string().nullable(),
  closeReason: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  matchedAt: z.string().nullable(),
  doneAt: z.string().nullable(),
});

export const needListSchema = z.object({ items: z.array(needSchema), total: z.number() });

export const decisionSchema = z.object({
  id: z.string(),
  resourceId: z.string(),
  resourceCode: z.string(),
  resourceTitle: z.string(),
  provider: z.string(),
  status: z.enum(['proposed', 'confirmed', 'rejected']),
  score: z.number(),
  quantity: z.number(),
  note: z.string().nullable(),
  projectId: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
});

export const needDetailSchema = needSchema.extend({
  decisions: z.array(decisionSchema),
  mayEdit: z.boolean(),
  mayConfirm: z.boolean(),
});

export const toMatterInput = z.object({ categoryId: idSchema, note: z.string().trim().max(1000).optional() });
export const fromMatterInput = z.object({
  category: categorySchema,
  title: text(100).optional(),
  quantity: z.number().int().min(1).max(100000).default(1),
  urgency: z.enum(URGENCIES).default('normal'),
});
export const createdSchema = z.object({ id: z.string(), code: z.string() });
