import { z } from 'zod';
import { SERVICE_KINDS } from '../../db/schema.ts';
import { dateSchema, idSchema, pageQuery, regionCodeSchema, text } from '../../http/schemas.ts';

const lng = z.number().min(73).max(136);
const lat = z.number().min(3).max(54);

/** SVC-1 a party-building instructor (党建工作指导员): a person with a capacity and a place to measure distance from. */
export const instructorInput = z.object({
  personId: idSchema,
  title: z.string().trim().max(100).nullable().optional(),
  capacity: z.number().int().min(1).max(20).optional(),
  lng: lng.nullable().optional(),
  lat: lat.nullable().optional(),
  /** The region the instructor serves; the person's own region when absent. */
  regionCode: regionCodeSchema.optional(),
});
export type InstructorInput = z.infer<typeof instructorInput>;

export const instructorPatch = z.object({
  title: z.string().trim().max(100).nullable().optional(),
  capacity: z.number().int().min(1).max(20).optional(),
  lng: lng.nullable().optional(),
  lat: lat.nullable().optional(),
  active: z.boolean().optional(),
});
export type InstructorPatch = z.infer<typeof instructorPatch>;

export const instructorQuery = z.object({
  regionCode: regionCodeSchema.optional(),
  q: z.string().trim().max(50).optional(),
  active: z.enum(['true', 'false']).optional(),
  ...pageQuery,
});
export type InstructorQuery = z.infer<typeof instructorQuery>;

export const instructorSchema = z.object({
  personId: z.string(),
  name: z.string(),
  organisationName: z.string().nullable(),
  title: z.string().nullable(),
  capacity: z.number().int(),
  load: z.number().int(),
  pinned: z.number().int(),
  lng: z.number().nullable(),
  lat: z.number().nullable(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  active: z.boolean(),
});

export const instructorDetailSchema = instructorSchema.extend({
  enterprises: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      creditCode: z.string(),
      pinned: z.boolean(),
      distanceKm: z.number().nullable(),
      assignedAt: z.string(),
    }),
  ),
  serviceCount: z.number().int(),
});

/** SVC-1 one assignment run over a region: a dry run shows the plan beside the greedy baseline; otherwise it is applied. */
export const assignInput = z.object({
  regionCode: regionCodeSchema,
  dryRun: z.boolean().default(true),
  /** km of detour worth one step of load balance; see assignment.ts. */
  lambda: z.number().min(0).max(100).optional(),
});
export type AssignInput = z.infer<typeof assignInput>;

const planStats = z.object({
  assigned: z.number().int(),
  unassigned: z.number().int(),
  totalDistanceKm: z.number(),
  objective: z.number(),
  maxLoad: z.number().int(),
  minLoad: z.number().int(),
  meanLoad: z.number(),
  loadStdDev: z.number(),
});

export const assignResultSchema = z.object({
  regionCode: z.string(),
  dryRun: z.boolean(),
  instructors: z.number().int(),
  enterprises: z.number().int(),
  pinned: z.number().int(),
  unlocated: z.number().int(),
  lambda: z.number(),
  optimal: z.boolean(),
  rounds: z.number().int(),
  elapsedMs: z.number(),
  changed: z.number().int(),
  optimised: planStats,
  greedy: planStats,
});

export const pinInput = z.object({ personId: idSchema, pinned: z.boolean().default(true) });
export type PinInput = z.infer<typeof pinInput>;

export const pinSchema = z.object({
  enterpriseId: z.string(),
  personId: z.string(),
  instructorName: z.string(),
  pinned: z.boolean(),
  distanceKm: z.number().nullable(),
});

/** SVC-2 a stationed cadre (选派党员干部) attached to a street (and possibly a park in it). */
export const cadreInput = z.object({
  personId: idSchema,
  regionCode: regionCodeSchema,
  parkName: z.string().trim().max(100).nullable().optional(),
  homeUnit: z.string().trim().max(100).nullable().optional(),
  startedOn: dateSchema,
  endedOn: dateSchema.nullable().optional(),
});
export type CadreInput = z.infer<typeof cadreInput>;

export const cadreQuery = z.object({
  regionCode: regionCodeSchema.optional(),
  q: z.string().trim().max(50).optional(),
  ...pageQuery,
});
export type CadreQuery = z.infer<typeof cadreQuery>;

export const cadreSchema = z.object({
  personId: z.string(),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  parkName: z.string().nullable(),
  homeUnit: z.string().nullable(),
  startedOn: z.string(),
  endedOn: z.string().nullable(),
  enterpriseCount: z.number().int(),
  serviceCount: z.number().int(),
});

export const cadreDetailSchema = cadreSchema.extend({
  enterprises: z.array(z.object({ id: z.string(), name: z.string(), creditCode: z.string(), buildingName: z.string().nullable() })),
});

export const portfolioInput = z.object({ enterpriseId: idSchema });

/** SVC-1/SVC-2 service records: 争取项目 project, 引进人才 talent, 开拓市场 market, 革新技术 technology, 落实惠企政策 policy. */
export const serviceInput = z.object({
  personId: idSchema,
  enterpriseId: idSchema,
  kind: z.enum(SERVICE_KINDS),
  servedOn: dateSchema,
  summary: text(2000),
});
export type ServiceInput = z.infer<typeof serviceInput>;

export const serviceQuery = z.object({
  personId: idSchema.optional(),
  enterpriseId: idSchema.optional(),
  kind: z.enum(SERVICE_KINDS).optional(),
  from: dateSchema.optional(),
  to: dateSchema.optional(),
  ...pageQuery,
});
export type ServiceQuery = z.infer<typeof serviceQuery>;

export const serviceSchema = z.object({
  id: z.string(),
  personId: z.string(),
  personName: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  kind: z.enum(SERVICE_KINDS),
  kindLabel: z.string(),
  servedOn: z.string(),
  summary: z.string(),
  regionCode: z.string(),
  createdAt: z.string(),
});
