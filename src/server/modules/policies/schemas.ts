import { z } from 'zod';
import { QUALIFICATIONS } from '../../../domain/policies/profile.ts';
import { eligibilityRuleSchema } from '../../../domain/policies/rule.ts';
import { dateSchema, idSchema, pageQuery, regionCodeSchema, text } from '../../http/schemas.ts';
import { APPLICATION_MODES, APPLICATION_STATUSES, POLICY_LEVELS, POLICY_STATUSES } from '../../db/schema-policies.ts';

/** POL-1 … POL-4 boundary schemas. Amounts in yuan; the rule is the JSON of docs/policies-rules.md. */
const money = z.number().finite().min(0).max(1e12);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const policyInput = z.object({
  title: text(200),
  issuer: text(100),
  /** The catalogue the policy belongs to; omitted: national (administrators only). */
  regionCode: regionCodeSchema.nullable().optional(),
  validFrom: dateSchema.nullable().optional(),
  validTo: dateSchema.nullable().optional(),
  beneficiaries: z.string().trim().max(500).optional(),
  benefit: z.string().trim().max(500).optional(),
  benefitAmount: money.nullable().optional(),
  /** Percent, e.g. 10 for 10 %. */
  benefitRate: z.number().finite().min(0).max(100).nullable().optional(),
  benefitCap: money.nullable().optional(),
  fullText: z.string().max(100_000).optional(),
  mode: z.enum(APPLICATION_MODES),
  deadline: dateSchema.nullable().optional(),
  contact: optionalText(200),
  rule: eligibilityRuleSchema,
});
export type PolicyInput = z.infer<typeof policyInput>;

export const policyPatch = policyInput.partial().extend({
  /** The version the editor started from: a change made meanwhile answers 409. */
  expectedVersion: z.number().int().min(1),
});
export type PolicyPatch = z.infer<typeof policyPatch>;

export const versionBody = z.object({ expectedVersion: z.number().int().min(1).optional() });

export const policyQuery = z.object({
  q: z.string().trim().max(100).optional(),
  level: z.enum(POLICY_LEVELS).optional(),
  mode: z.enum(APPLICATION_MODES).optional(),
  status: z.enum(POLICY_STATUSES).optional(),
  issuer: z.string().trim().max(100).optional(),
  regionCode: regionCodeSchema.optional(),
  ...pageQuery,
});

export const policySummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  issuer: z.string(),
  level: z.enum(POLICY_LEVELS),
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  mode: z.enum(APPLICATION_MODES),
  status: z.enum(POLICY_STATUSES),
  benefit: z.string(),
  benefitAmount: z.number().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  deadline: z.string().nullable(),
  version: z.number().int(),
  publishedAt: z.string().nullable(),
  /** Enterprises in the reader's scope that meet it now (officers only; null otherwise). */
  eligible: z.number().int().nullable(),
});

const explanationSchema = z.object({
  status: z.enum(['met', 'unmet', 'unknown']),
  conditions: z.array(
    z.object({
      path: z.array(z.number().int()),
      field: z.string(),
      status: z.enum(['met', 'unmet', 'unknown']),
      text: z.string(),
      change: z.string().nullable(),
    }),
  ),
  missingFields: z.array(z.object({ field: z.string(), label: z.string() })),
});

export const policySchema = policySummarySchema.extend({
  beneficiaries: z.string(),
  benefitRate: z.number().nullable(),
  benefitCap: z.number().nullable(),
  fullText: z.string(),
  contact: z.string().nullable(),
  rule: z.unknown(),
  fieldsUsed: z.array(z.string()),
  mayEdit: z.boolean(),
  /** For an enterprise reader: its own result, explained. */
  mine: explanationSchema.nullable(),
  history: z.array(z.object({ version: z.number().int(), action: z.string(), actorName: z.string(), at: z.string() })),
});

export const previewInput = z.object({
  rule: eligibilityRuleSchema,
  /** The catalogue region the policy would belong to: only its enterprises are judged. */
  regionCode: regionCodeSchema.nullable().optional(),
  limit: z.number().int().min(0).max(50).default(10),
});

const enterpriseResultSchema = z.object({
  enterpriseId: z.string(),
  name: z.string(),
  regionCode: z.string(),
  gap: z.number().int(),
  explanation: explanationSchema,
});

export const previewSchema = z.object({
  total: z.number().int(),
  met: z.number().int(),
  unknown: z.number().int(),
  unmet: z.number().int(),
  /** Not met, one condition away. */
  nearly: z.number().int(),
  fieldsUsed: z.array(z.string()),
  ms: z.number(),
  /** The first enterprises that qualify, then the nearest, explained. */
  sample: z.array(enterpriseResultSchema),
});

export const policyResultsQuery = z.object({ kind: z.enum(['met', 'nearly']).default('met'), ...pageQuery });
export const policyResultsSchema = z.object({
  items: z.array(enterpriseResultSchema),
  total: z.number().int(),
  counts: z.object({ met: z.number().int(), nearly: z.number().int() }),
});

export const forYouQuery = z.object({ ...pageQuery, limit: z.coerce.number().int().min(1).max(50).default(10) });
export const forYouSchema = z.object({
  items: z.array(
    z.object({
      policy: policySummarySchema,
      gap: z.number().int(),
      explanation: explanationSchema,
      application: z.object({ id: z.string(), status: z.enum(APPLICATION_STATUSES), grantedAmount: z.number().nullable() }).nullable(),
    }),
  ),
  total: z.number().int(),
  counts: z.object({ met: z.number().int(), nearly: z.number().int() }),
  missingFields: z.array(z.object({ field: z.string(), label: z.string() })),
});

export const questionInput = z.object({
  question: text(2000),
  /** Staff asking on an enterprise's behalf name it; an enterprise asks for itself. */
  enterpriseId: idSchema.nullable().optional(),
  idempotencyKey: z.string().trim().max(100).optional(),
});
export const questionSchema = z.object({ matterId: z.string(), created: z.boolean() });

export const profileInput = z.object({
  revenue: money.nullable().optional(),
  rdSpending: money.nullable().optional(),
  qualifications: z.array(z.enum(QUALIFICATIONS)).max(20).nullable().optional(),
  reportedYear: z.number().int().min(1990).max(2100).nullable().optional(),
});
export const profileSchema = z.object({
  enterpriseId: z.string(),
  revenue: z.number().nullable(),
  rdSpending: z.number().nullable(),
  qualifications: z.array(z.string()).nullable(),
  reportedYear: z.number().int().nullable(),
  /** The whole profile rules read, registry facts included. */
  profile: z.record(z.string(), z.unknown()),
  /** After a change: the policies gained and lost. */
  gained: z.array(z.string()),
  lost: z.array(z.string()),
});
