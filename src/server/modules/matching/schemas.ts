import { z } from 'zod';
import { LIST_CATEGORIES } from '../../../domain/lists/categories.ts';
import { dateSchema, idSchema, regionCodeSchema } from '../../http/schemas.ts';

export const proposalQuery = z.object({ limit: z.coerce.number().int().min(1).max(50).default(10) });

const component = z.object({
  factor: z.enum(['category', 'text', 'proximity', 'capacity', 'validity', 'area']),
  weight: z.number(),
  value: z.number(),
  points: z.number(),
  code: z.string(),
  reason: z.string(),
});
const scored = { score: z.number(), eligible: z.boolean(), components: z.array(component), ineligible: z.array(z.string()) };

export const resourceProposals = z.object({
  needId: z.string(),
  asOf: z.string(),
  items: z.array(
    z.object({
      resource: z.object({
        id: z.string(),
        code: z.string(),
        title: z.string(),
        category: z.enum(LIST_CATEGORIES),
        provider: z.string(),
        providerKind: z.string(),
        capacityLeft: z.number().nullable(),
        conditions: z.string(),
        validUntil: z.string().nullable(),
      }),
      ...scored,
    }),
  ),
});

export const needProposals = z.object({
  resourceId: z.string(),
  asOf: z.string(),
  items: z.array(
    z.object({
      need: z.object({
        id: z.string(),
        code: z.string(),
        title: z.string(),
        category: z.enum(LIST_CATEGORIES),
        quantity: z.number(),
        requesterName: z.string(),
        urgency: z.string(),
      }),
      ...scored,
    }),
  ),
});

export const confirmInput = z.object({
  resourceId: idSchema,
  projectId: idSchema.nullable().optional(),
  createProject: z.boolean().optional(),
  projectName: z.string().trim().min(1).max(100).optional(),
  ownerOrgId: idSchema.nullable().optional(),
  note: z.string().trim().max(1000).optional(),
});
export const confirmResult = z.object({ matchId: z.string(), projectId: z.string().nullable(), projectCode: z.string().nullable() });
export const rejectInput = z.object({ resourceId: idSchema, note: z.string().trim().max(1000).optional() });

export const planInput = z.object({ regionCode: regionCodeSchema, mode: z.enum(['one_to_one', 'many_to_one']).default('many_to_one') });
export const planSchema = z.object({
  region: z.object({ code: z.string(), name: z.string() }),
  mode: z.enum(['one_to_one', 'many_to_one']),
  asOf: z.string(),
  needs: z.number(),
  matched: z.number(),
  totalScore: z.number(),
  upperBound: z.number(),
  optimal: z.boolean(),
  method: z.enum(['flow', 'greedy']),
  greedy: z.object({ totalScore: z.number(), matched: z.number() }),
  ms: z.object({ load: z.number(), plan: z.number() }),
  matches: z.array(
    z.object({
      need: z.object({ id: z.string(), code: z.string(), title: z.string(), category: z.enum(LIST_CATEGORIES), quantity: z.number() }),
      resource: z.object({
        id: z.string(),
        code: z.string(),
        title: z.string(),
        provider: z.string(),
        capacityLeft: z.number().nullable(),
      }),
      score: z.number(),
      quantity: z.number(),
    }),
  ),
});

export const funnelQuery = z.object({ regionCode: regionCodeSchema.optional(), from: dateSchema.optional(), to: dateSchema.optional() });
const counts = { needs: z.number(), matched: z.number(), inProject: z.number(), done: z.number() };
export const funnelSchema = z.object({
  region: z.object({ code: z.string(), name: z.string() }).nullable(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  totals: z.object(counts),
  byCategory: z.array(z.object({ category: z.enum(LIST_CATEGORIES), ...counts })),
  projects: z.object({ in_progress: z.number(), done: z.number(), cancelled: z.number() }),
});
