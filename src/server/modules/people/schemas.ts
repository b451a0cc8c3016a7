import { z } from 'zod';
import { isValidIdNumber, isValidMobile } from '../../../domain/identity/codes.ts';
import { dateSchema, idSchema, pageQuery, regionCodeSchema, text } from '../../http/schemas.ts';

export const personInput = z.object({
  name: text(50),
  gender: z.enum(['male', 'female']).nullable().optional(),
  birthDate: dateSchema.nullable().optional(),
  isPartyMember: z.boolean().default(false),
  regionCode: regionCodeSchema,
  organisationId: idSchema.nullable().optional(),
  phone: z.string().trim().refine(isValidMobile, 'field.phone_format').nullable().optional(),
  idNumber: z.string().trim().toUpperCase().refine(isValidIdNumber, 'field.id_number_format').nullable().optional(),
});
export type PersonInput = z.infer<typeof personInput>;
export const personPatch = personInput.partial().omit({ isPartyMember: true }).extend({ isPartyMember: z.boolean().optional() });
export type PersonPatch = z.infer<typeof personPatch>;

export const personQuery = z.object({
  organisationId: idSchema.optional(),
  q: z.string().trim().max(50).optional(),
  partyMember: z.enum(['true', 'false']).optional(),
  ...pageQuery,
});

export const postInput = z
  .object({
    organisationId: idSchema,
    title: text(50),
    startedOn: dateSchema.nullable().optional(),
    endedOn: dateSchema.nullable().optional(),
  })
  .refine((p) => !p.startedOn || !p.endedOn || p.endedOn >= p.startedOn, { message: 'field.date_order', path: ['endedOn'] });
export type PostInput = z.infer<typeof postInput>;

export const postSchema = z.object({
  id: z.string(),
  organisationId: z.string(),
  organisationName: z.string(),
  title: z.string(),
  startedOn: z.string().nullable(),
  endedOn: z.string().nullable(),
});

export const personSchema = z.object({
  id: z.string(),
  name: z.string(),
  gender: z.enum(['male', 'female']).nullable(),
  birthDate: z.string().nullable(),
  isPartyMember: z.boolean(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  organisationId: z.string().nullable(),
  organisationName: z.string().nullable(),
  /** Masked (138****1234) unless the caller may read personal data. */
  phone: z.string().nullable(),
  idNumber: z.string().nullable(),
  personalDataMasked: z.boolean(),
});
export const personDetailSchema = personSchema.extend({ posts: z.array(postSchema) });
