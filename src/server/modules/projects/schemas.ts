import { z } from 'zod';
import { PROJECT_STATUSES } from '../../db/schema-lists.ts';
import { dateSchema, idSchema, pageQuery, regionCodeSchema, text } from '../../http/schemas.ts';

export const milestoneInput = z.object({
  title: text(100),
  dueOn: dateSchema.nullable().optional(),
  weight: z.number().positive().max(1000).default(1),
});
export type MilestoneInput = z.infer<typeof milestoneInput>;

export const milestonePatch = z.object({
  title: text(100).optional(),
  dueOn: dateSchema.nullable().optional(),
  weight: z.number().positive().max(1000).optional(),
  done: z.boolean().optional(),
});
export type MilestonePatch = z.infer<typeof milestonePatch>;

export const projectInput = z.object({
  name: text(100),
  description: z.string().trim().max(4000).default(''),
  ownerOrgId: idSchema.nullable().optional(),
  parentId: idSchema.nullable().optional(),
  weight: z.number().positive().max(1000).default(1),
  regionCode: regionCodeSchema.nullable().optional(),
  startedOn: dateSchema.nullable().optional(),
  dueOn: dateSchema.nullable().optional(),
  needIds: z.array(idSchema).max(200).default([]),
  milestones: z.array(milestoneInput).max(50).default([]),
});
export type ProjectInput = z.infer<typeof projectInput>;

export const projectPatch = z.object({
  version: z.number().int().min(1),
  name: text(100).optional(),
  description: z.string().trim().max(4000).optional(),
  parentId: idSchema.nullable().optional(),
  weight: z.number().positive().max(1000).optional(),
  startedOn: dateSchema.nullable().optional(),
  dueOn: dateSchema.nullable().optional(),
});
export type ProjectPatch = z.infer<typeof projectPatch>;

export const memberInput = z.object({
  name: text(60),
  role: z.enum(['lead', 'member']).default('member'),
  organisationId: idSchema.nullable().optional(),
  personId: idSchema.nullable().optional(),
});
export type MemberInput = z.infer<typeof memberInput>;
export const membersInput = z.object({ members: z.array(memberInput).max(100) });

export const closeInput = z.object({
  outcome: z.enum(['done', 'cancelled']),
  report: z.string().trim().min(1, 'field.report_required').max(4000),
});

export const projectQuery = z.object({
  status: z.enum(PROJECT_STATUSES).optional(),
  regionCode: regionCodeSchema.optional(),
  parentId: idSchema.optional(),
  /** Only top-level projects. */
  topLevel: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  q: z.string().trim().max(100).optional(),
  ...pageQuery,
});
export type ProjectQuery = z.infer<typeof projectQuery>;

const named = z.object({ id: z.string(), name: z.string() }).nullable();

export const projectSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  description: z.string(),
  owner: z.object({ id: z.string(), name: z.string() }),
  building: named,
  regionCode: z.string(),
  regionName: z.string().nullable(),
  parent: z.object({ id: z.string(), code: z.string(), name: z.string() }).nullable(),
  weight: z.number(),
  status: z.enum(PROJECT_STATUSES),
  progress: z.number(),
  startedOn: z.string().nullable(),
  dueOn: z.string().nullable(),
  needCount: z.number(),
  closedAt: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
});
export const projectListSchema = z.object({ items: z.array(projectSchema), total: z.number() });

export const projectDetailSchema = projectSchema.extend({
  closingReport: z.string().nullable(),
  members: z.array(
    z.object({ id: z.string(), name: z.string(), role: z.enum(['lead', 'member']), organisation: named, personId: z.string().nullable() }),
  ),
  milestones: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      dueOn: z.string().nullable(),
      weight: z.number(),
      done: z.boolean(),
      doneAt: z.string().nullable(),
    }),
  ),
  children: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      name: z.string(),
      weight: z.number(),
      progress: z.number(),
      status: z.enum(PROJECT_STATUSES),
    }),
  ),
  needs: z.array(
    z.object({ id: z.string(), code: z.string(), title: z.string(), status: z.string(), category: z.string(), requesterName: z.string() }),
  ),
  resources: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      title: z.string(),
      provider: z.string(),
      needId: z.string(),
      quantity: z.number(),
      score: z.number(),
    }),
  ),
  evidence: z.array(z.object({ id: z.string(), fileName: z.string(), mimeType: z.string(), sizeBytes: z.number(), createdAt: z.string() })),
  mayEdit: z.boolean(),
});
