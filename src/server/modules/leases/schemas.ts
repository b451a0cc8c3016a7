import { z } from 'zod';
import { LEASE_EVENT_KINDS } from '../../db/schema.ts';
import { dateSchema, idSchema, pageQuery, text } from '../../http/schemas.ts';

const area = z.number().positive().max(10_000_000);

/** REG-3 a move-in: the lease and its first event. */
export const leaseInput = z
  .object({
    buildingId: idSchema,
    enterpriseId: idSchema,
    area,
    units: z.string().trim().max(200).optional(),
    startOn: dateSchema,
    endOn: dateSchema,
    monthlyRent: z.number().min(0).max(1_000_000_000).nullable().optional(),
    externalRef: text(100).nullable().optional(),
    note: z.string().trim().max(500).nullable().optional(),
  })
  .refine((l) => l.endOn >= l.startOn, { message: 'field.date_order', path: ['endOn'] });
export type LeaseInput = z.infer<typeof leaseInput>;

/** REG-3 what happens to a lease afterwards. */
export const leaseEventInput = z.object({
  kind: z.enum(['move_out', 'area_change', 'renewal', 'expiry']),
  effectiveOn: dateSchema,
  area: area.nullable().optional(),
  endOn: dateSchema.nullable().optional(),
  note: z.string().trim().max(500).nullable().optional(),
});
export type LeaseEventBody = z.infer<typeof leaseEventInput>;

export const LEASE_STATUSES = ['upcoming', 'current', 'lapsed', 'ended'] as const;
export type LeaseStatus = (typeof LEASE_STATUSES)[number];

export const leaseQuery = z.object({
  buildingId: idSchema.optional(),
  enterpriseId: idSchema.optional(),
  /** 'open': not ended by a move-out or expiry (current, upcoming or lapsed). */
  state: z.enum(['open', 'ended']).optional(),
  ...pageQuery,
});
export type LeaseQuery = z.infer<typeof leaseQuery>;

export const leaseSchema = z.object({
  id: z.string(),
  buildingId: z.string(),
  buildingName: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  units: z.string(),
  area: z.number(),
  startOn: z.string(),
  endOn: z.string(),
  endedOn: z.string().nullable(),
  monthlyRent: z.number().nullable(),
  externalRef: z.string().nullable(),
  /** As of today: not yet begun, running, past its end with nothing recorded, or ended. */
  status: z.enum(LEASE_STATUSES),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const leaseDetailSchema = leaseSchema.extend({
  events: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(LEASE_EVENT_KINDS),
      effectiveOn: z.string(),
      areaAfter: z.number(),
      endOnAfter: z.string(),
      note: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
});
