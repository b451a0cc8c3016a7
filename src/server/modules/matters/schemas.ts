import { z } from 'zod';
import { CLOCK_KINDS } from '../../../domain/matters/clock.ts';
import { CATEGORY_KINDS, MATTER_LEVELS, MATTER_PRIORITIES } from '../../../domain/matters/limits.ts';
import { MATTER_ACTIONS, MATTER_STATUSES, SATISFACTION } from '../../../domain/matters/workflow.ts';
import { idSchema, pageQuery, regionCodeSchema, text } from '../../http/schemas.ts';

const mobile = z
  .string()
  .trim()
  .regex(/^1\d{10}$/, 'field.phone_format');

export const matterSources = ['portal', 'staff', 'member', 'joint_meeting', 'inspection'] as const;

export const matterInput = z.object({
  categoryId: idSchema,
  title: text(100),
  description: text(4000),
  enterpriseId: idSchema.nullable().optional(),
  buildingId: idSchema.nullable().optional(),
  regionCode: regionCodeSchema.nullable().optional(),
  urgent: z.boolean().optional(),
  contactName: z.string().trim().max(40).nullable().optional(),
  contactPhone: mobile
    .nullable()
    .optional()
    .or(z.literal('').transform(() => null)),
  address: z.string().trim().max(200).nullable().optional(),
  source: z.enum(matterSources).optional(),
});

export const stepActions = MATTER_ACTIONS.filter((a) => a !== 'collect') as Exclude<(typeof MATTER_ACTIONS)[number], 'collect'>[];

export const stepInput = z.object({
  action: z.enum(stepActions as [(typeof stepActions)[number], ...typeof stepActions]),
  version: z.number().int().min(1),
  note: z.string().trim().max(2000).nullable().optional(),
  handlerOrgId: idSchema.nullable().optional(),
  /** Working days asked for (延期); the server turns them into working minutes of the calendar. */
  extensionDays: z.number().min(0.5).max(60).optional(),
  satisfaction: z.enum(SATISFACTION).optional(),
  colour: z.enum(['yellow', 'red']).optional(),
});

export const matterQueues = ['todo', 'all', 'overdue', 'supervised'] as const;

export const matterQuery = z.object({
  queue: z.enum(matterQueues).default('all'),
  status: z.enum(MATTER_STATUSES).optional(),
  level: z.enum(MATTER_LEVELS).optional(),
  categoryId: idSchema.optional(),
  buildingId: idSchema.optional(),
  enterpriseId: idSchema.optional(),
  regionCode: regionCodeSchema.optional(),
  q: z.string().trim().max(100).optional(),
  ...pageQuery,
});

const named = z.object({ id: z.string(), name: z.string() }).nullable();

export const clockSchema = z.object({
  kind: z.enum(CLOCK_KINDS),
  startedAt: z.string(),
  dueAt: z.string(),
  limitMinutes: z.number(),
  remainingMinutes: z.number(),
  colour: z.enum(['green', 'yellow', 'red', 'paused', 'stopped']),
  pausedAt: z.string().nullable(),
  stoppedAt: z.string().nullable(),
  late: z.boolean(),
});

export const categorySchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  kind: z.enum(CATEGORY_KINDS),
  departmentKind: z.string().nullable(),
  group: z.string(),
  description: z.string(),
});

export const matterSummarySchema = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  category: z.object({ id: z.string(), name: z.string(), kind: z.enum(CATEGORY_KINDS) }),
  source: z.string(),
  priority: z.enum(MATTER_PRIORITIES),
  status: z.enum(MATTER_STATUSES),
  level: z.enum(MATTER_LEVELS),
  enterprise: named,
  building: named,
  handler: named,
  regionCode: z.string(),
  supervision: z.enum(['yellow', 'red']).nullable(),
  pendingExtensionMinutes: z.number().nullable(),
  satisfaction: z.enum(SATISFACTION).nullable(),
  returnCount: z.number(),
  reopenCount: z.number(),
  escalationCount: z.number(),
  clocks: z.array(clockSchema),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
});

export const eventSchema = z.object({
  seq: z.number(),
  action: z.enum(MATTER_ACTIONS),
  fromStatus: z.enum(MATTER_STATUSES).nullable(),
  toStatus: z.enum(MATTER_STATUSES),
  level: z.enum(MATTER_LEVELS),
  actorName: z.string(),
  note: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});

export const slipSchema = z.object({
  code: z.string(),
  level: z.enum(MATTER_LEVELS),
  handler: z.object({ id: z.string(), name: z.string() }),
  instructions: z.string().nullable(),
  dispatchedBy: z.string().nullable(),
  dispatchedAt: z.string(),
  signForDueAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  returnedAt: z.string().nullable(),
  returnReason: z.string().nullable(),
});

export const matterDetailSchema = matterSummarySchema.extend({
  description: z.string(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  address: z.string().nullable(),
  deliberation: z.string().nullable(),
  respondedOnTime: z.boolean().nullable(),
  repliedOnTime: z.boolean().nullable(),
  events: z.array(eventSchema),
  slips: z.array(slipSchema),
  /** The steps this user may take now. */
  actions: z.array(z.enum(MATTER_ACTIONS)),
  /** Where a dispatch may go: departments serving the matter's area. */
  handlerOptions: z.array(z.object({ id: z.string(), name: z.string(), departmentKind: z.string().nullable(), suggested: z.boolean() })),
});

export const matterListSchema = z.object({ items: z.array(matterSummarySchema), total: z.number().int() });
export const created = z.object({ id: z.string(), created: z.boolean() });

export const stepResult = z.object({ version: z.number().int(), matter: matterDetailSchema.nullable() });
