import { z } from 'zod';
import { isValidIdNumber, isValidMobile } from '../../../domain/identity/codes.ts';
import { idSchema, pageQuery, regionCodeSchema, text } from '../../http/schemas.ts';
import { RESIDENT_RELATIONS } from '../../db/schema-grids.ts';
import { villageCodeSchema } from '../grids/schemas.ts';

/** GRD-1 households (农户) and the people living in them. */
export const residentInput = z.object({
  relation: z.enum(RESIDENT_RELATIONS),
  name: text(30),
  birthYear: z.number().int().min(1900).max(2100).nullable().optional(),
  phone: z.string().trim().refine(isValidMobile, 'field.phone_format').nullable().optional(),
  idNumber: z.string().trim().toUpperCase().refine(isValidIdNumber, 'field.id_number_format').nullable().optional(),
});
export type ResidentInput = z.infer<typeof residentInput>;

const oneHead = (residents: readonly ResidentInput[] | undefined) =>
  !residents || residents.length === 0 || residents.filter((r) => r.relation === 'head').length === 1;

export const householdInput = z
  .object({
    villageCode: villageCodeSchema,
    gridId: idSchema.nullable().optional(),
    address: text(200),
    lng: z.number().min(-180).max(180).nullable().optional(),
    lat: z.number().min(-90).max(90).nullable().optional(),
    note: z.string().trim().max(500).nullable().optional(),
    residents: z.array(residentInput).max(30).default([]),
  })
  .refine((h) => oneHead(h.residents), { message: 'field.resident_head', path: ['residents'] });
export type HouseholdInput = z.infer<typeof householdInput>;

export const householdPatch = z
  .object({
    gridId: idSchema.nullable().optional(),
    address: text(200).optional(),
    lng: z.number().min(-180).max(180).nullable().optional(),
    lat: z.number().min(-90).max(90).nullable().optional(),
    note: z.string().trim().max(500).nullable().optional(),
    /** Replaces the residents when given. */
    residents: z.array(residentInput).max(30).optional(),
  })
  .refine((h) => oneHead(h.residents), { message: 'field.resident_head', path: ['residents'] });
export type HouseholdPatch = z.infer<typeof householdPatch>;

export const householdMemberInput = z.object({ memberId: idSchema.nullable(), pinned: z.boolean().default(true) });
export type HouseholdMemberInput = z.infer<typeof householdMemberInput>;

export const householdQuery = z.object({
  regionCode: regionCodeSchema.optional(),
  gridId: idSchema.optional(),
  memberId: idSchema.optional(),
  unassigned: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(50).optional(),
  ...pageQuery,
});

export const notVisitedQuery = z.object({
  days: z.coerce.number().int().min(1).max(3650).default(30),
  regionCode: regionCodeSchema.optional(),
  memberId: idSchema.optional(),
});

export const residentSchema = z.object({
  id: z.string(),
  relation: z.enum(RESIDENT_RELATIONS),
  name: z.string(),
  birthYear: z.number().int().nullable(),
  phone: z.string().nullable(),
  idNumber: z.string().nullable(),
});

export const householdSchema = z.object({
  id: z.string(),
  villageCode: z.string(),
  villageName: z.string().nullable(),
  gridId: z.string().nullable(),
  gridName: z.string().nullable(),
  address: z.string(),
  lng: z.number().nullable(),
  lat: z.number().nullable(),
  note: z.string().nullable(),
  memberId: z.string().nullable(),
  memberName: z.string().nullable(),
  pinned: z.boolean(),
  distanceKm: z.number().nullable(),
  headName: z.string().nullable(),
  residents: z.number().int(),
  lastVisitOn: z.string().nullable(),
  openHazards: z.number().int(),
});

export const householdDetailSchema = householdSchema.extend({
  residentList: z.array(residentSchema),
  personalDataMasked: z.boolean(),
  visits: z.array(
    z.object({
      id: z.string(),
      visitedOn: z.string(),
      topics: z.array(z.string()),
      notes: z.string().nullable(),
      memberName: z.string().nullable(),
    }),
  ),
});

export const notVisitedSchema = z.object({
  days: z.number().int(),
  since: z.string(),
  members: z.array(
    z.object({
      memberId: z.string().nullable(),
      memberName: z.string().nullable(),
      households: z.array(
        z.object({
          id: z.string(),
          address: z.string(),
          headName: z.string().nullable(),
          lastVisitOn: z.string().nullable(),
          daysSince: z.number().int().nullable(),
        }),
      ),
    }),
  ),
});
