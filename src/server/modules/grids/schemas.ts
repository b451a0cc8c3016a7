import { z } from 'zod';
import { idSchema, regionCodeSchema, text } from '../../http/schemas.ts';

/** GRD-1 grids, the party members on them, coverage and assignment runs. */
export const villageCodeSchema = z.string().regex(/^\d{12}$/, 'field.village_code');
const lng = z.number().min(-180).max(180);
const lat = z.number().min(-90).max(90);

export const gridInput = z.object({
  villageCode: villageCodeSchema,
  name: text(50),
  lng: lng.nullable().optional(),
  lat: lat.nullable().optional(),
});
export type GridInput = z.infer<typeof gridInput>;
export const gridPatch = gridInput.omit({ villageCode: true }).partial();
export type GridPatch = z.infer<typeof gridPatch>;
export const gridQuery = z.object({ regionCode: regionCodeSchema.optional() });

export const gridSchema = z.object({
  id: z.string(),
  villageCode: z.string(),
  villageName: z.string().nullable(),
  name: z.string(),
  lng: z.number().nullable(),
  lat: z.number().nullable(),
  households: z.number().int(),
  members: z.number().int(),
});

export const gridMemberInput = z.object({
  villageCode: villageCodeSchema,
  gridId: idSchema.nullable().optional(),
  lng: lng.nullable().optional(),
  lat: lat.nullable().optional(),
  /** null: by the age rule; true: exempt; false: carries households whatever the age. */
  exempt: z.boolean().nullable().optional(),
  exemptNote: z.string().trim().max(200).nullable().optional(),
});
export type GridMemberInput = z.infer<typeof gridMemberInput>;

const rulesQuery = {
  min: z.coerce.number().int().min(0).max(500).default(20),
  max: z.coerce.number().int().min(1).max(500).default(30),
  /** Members this old are exempt; 0 turns the age rule off. */
  exemptAge: z.coerce.number().int().min(0).max(120).default(70),
};
const boundsOrder = (r: { min: number; max: number }) => r.min <= r.max;

export const coverageQuery = z
  .object({ regionCode: regionCodeSchema, ...rulesQuery })
  .refine(boundsOrder, { message: 'field.household_bounds', path: ['min'] });

export const memberLoadSchema = z.object({
  personId: z.string(),
  name: z.string(),
  villageCode: z.string(),
  gridId: z.string().nullable(),
  gridName: z.string().nullable(),
  age: z.number().int().nullable(),
  exempt: z.boolean().nullable(),
  exemptNote: z.string().nullable(),
  /** Why the member carries nothing new: 'age' or 'flag'; null when they carry households. */
  exemption: z.enum(['age', 'flag']).nullable(),
  households: z.number().int(),
  pinned: z.number().int(),
  lastVisitOn: z.string().nullable(),
  lng: z.number().nullable(),
  lat: z.number().nullable(),
});

export const violationSchema = z.object({
  kind: z.string(),
  message: z.string(),
  villageCode: z.string().nullable(),
  memberId: z.string().nullable(),
  memberName: z.string().nullable(),
  householdId: z.string().nullable(),
  address: z.string().nullable(),
  load: z.number().int().nullable(),
});

export const coverageSchema = z.object({
  regionCode: z.string(),
  min: z.number().int(),
  max: z.number().int(),
  exemptAge: z.number().int().nullable(),
  households: z.number().int(),
  covered: z.number().int(),
  members: z.array(memberLoadSchema),
  violations: z.array(violationSchema),
});

export const previewInput = z
  .object({
    regionCode: regionCodeSchema,
    min: rulesQuery.min,
    max: rulesQuery.max,
    exemptAge: rulesQuery.exemptAge,
    lambda: z.number().min(0).max(10).optional(),
    /** Pins for this plan; applied with it. */
    pins: z
      .array(z.object({ householdId: idSchema, memberId: idSchema }))
      .max(10_000)
      .default([]),
    /** Exemptions for this plan (null: back to the age rule); applied with it. */
    exemptions: z
      .array(z.object({ memberId: idSchema, exempt: z.boolean().nullable() }))
      .max(10_000)
      .default([]),
  })
  .refine(boundsOrder, { message: 'field.household_bounds', path: ['min'] });
export type PreviewInput = z.infer<typeof previewInput>;

const loadStats = z.object({ min: z.number(), max: z.number(), mean: z.number(), stdDev: z.number() });
export const planStatsSchema = z.object({
  households: z.number().int(),
  assigned: z.number().int(),
  unassigned: z.number().int(),
  pinned: z.number().int(),
  outsideVillage: z.number().int(),
  totalDistanceKm: z.number(),
  meanDistanceKm: z.number(),
  maxDistanceKm: z.number(),
  activeMembers: z.number().int(),
  exemptMembers: z.number().int(),
  load: loadStats,
  membersUnderMin: z.number().int(),
  membersOverMax: z.number().int(),
  shortfall: z.number().int(),
  cost: z.number(),
});

export const runSchema = z.object({
  id: z.string(),
  regionCode: z.string(),
  status: z.enum(['preview', 'applied', 'superseded']),
  params: z.object({
    min: z.number().int(),
    max: z.number().int(),
    exemptAge: z.number().int().nullable(),
    lambda: z.number().nullable(),
    pins: z.array(z.object({ householdId: z.string(), memberId: z.string() })),
    exemptions: z.array(z.object({ memberId: z.string(), exempt: z.boolean().nullable() })),
  }),
  stats: planStatsSchema,
  baseline: planStatsSchema,
  violations: z.array(violationSchema),
  /** Households whose member changes (first 500; `changed` counts all). */
  changes: z.array(
    z.object({
      householdId: z.string(),
      address: z.string(),
      from: z.string().nullable(),
      to: z.string().nullable(),
      distanceKm: z.number().nullable(),
    }),
  ),
  changed: z.number().int(),
  elapsedMs: z.number(),
  createdAt: z.string(),
  appliedAt: z.string().nullable(),
});
export const runListQuery = z.object({ regionCode: regionCodeSchema.optional() });
export const runSummarySchema = runSchema.omit({ changes: true, violations: true });
