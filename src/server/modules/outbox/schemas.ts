import { z } from 'zod';
import { NOTIFICATION_TARGET_KINDS, OUTBOX_STATUSES } from '../../db/schema.ts';
import { idSchema, listOf, pageQuery, regionCodeSchema, text } from '../../http/schemas.ts';

const topics = z
  .array(
    z
      .string()
      .trim()
      .regex(/^[a-z0-9_.]+\*?$/),
  )
  .max(20);

export const targetInput = z.object({
  name: text(80),
  kind: z.enum(NOTIFICATION_TARGET_KINDS),
  /** The robot or webhook URL (https, or http for a local receiver), or an e-mail address. */
  address: text(1000),
  secret: z.string().trim().max(200).nullish(),
  /** Omitted only by administrators, for an installation-wide channel. */
  regionCode: regionCodeSchema.nullish(),
  organisationId: idSchema.nullish(),
  topics: topics.nullish(),
  enabled: z.boolean().optional(),
});
export type TargetInput = z.infer<typeof targetInput>;

export const targetPatch = targetInput.partial();
export type TargetPatch = z.infer<typeof targetPatch>;

export const targetQuery = z.object({ regionCode: regionCodeSchema.optional(), ...pageQuery });
export type TargetQuery = z.infer<typeof targetQuery>;

export const targetSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(NOTIFICATION_TARGET_KINDS),
  addressMasked: z.string(),
  hasSecret: z.boolean(),
  regionCode: z.string().nullable(),
  organisationId: z.string().nullable(),
  topics: z.array(z.string()).nullable(),
  enabled: z.boolean(),
  pending: z.number().int(),
  failed: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const targetList = listOf(targetSchema);

export const testResultSchema = z.object({ ok: z.boolean(), error: z.string().nullable() });

export const outboxQuery = z.object({
  status: z.enum(OUTBOX_STATUSES).optional(),
  targetId: idSchema.optional(),
  ...pageQuery,
});
export type OutboxQuery = z.infer<typeof outboxQuery>;

export const outboxSchema = z.object({
  id: z.string(),
  topic: z.string(),
  title: z.string(),
  targetId: z.string().nullable(),
  targetName: z.string().nullable(),
  targetKind: z.enum(NOTIFICATION_TARGET_KINDS),
  regionCode: z.string().nullable(),
  status: z.enum(OUTBOX_STATUSES),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
});
export const outboxList = z.object({
  items: z.array(outboxSchema),
  total: z.number().int(),
  counts: z.record(z.enum(OUTBOX_STATUSES), z.number().int()),
});
