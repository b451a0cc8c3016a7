import { z } from 'zod';
import { isValidCreditCode } from '../../../domain/identity/codes.ts';
import { ORGANISATION_KINDS, PARTY_ORG_FORMATIONS, PARTY_ORG_KINDS } from '../../db/schema.ts';
import { idSchema, pageQuery, regionCodeSchema, text } from '../../http/schemas.ts';

export const creditCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isValidCreditCode, 'field.credit_code_format');

export const organisationInput = z.object({
  name: text(100),
  kind: z.enum(ORGANISATION_KINDS),
  partyOrgKind: z.enum(PARTY_ORG_KINDS).nullable().optional(),
  formation: z.enum(PARTY_ORG_FORMATIONS).nullable().optional(),
  departmentKind: z.string().trim().max(40).nullable().optional(),
  parentId: idSchema.nullable().optional(),
  regionCode: regionCodeSchema,
  creditCode: creditCodeSchema.nullable().optional(),
});
export type OrganisationInput = z.infer<typeof organisationInput>;

export const organisationPatch = organisationInput.partial().extend({
  /** Optimistic concurrency: the updatedAt the client last saw. */
  expectedUpdatedAt: z.iso.datetime().optional(),
});
export type OrganisationPatch = z.infer<typeof organisationPatch>;

export const organisationQuery = z.object({
  parentId: idSchema.optional(),
  kind: z.enum(ORGANISATION_KINDS).optional(),
  regionCode: regionCodeSchema.optional(),
  q: z.string().trim().max(50).optional(),
  ...pageQuery,
});

export const organisationSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(ORGANISATION_KINDS),
  partyOrgKind: z.enum(PARTY_ORG_KINDS).nullable(),
  formation: z.enum(PARTY_ORG_FORMATIONS).nullable(),
  departmentKind: z.string().nullable(),
  parentId: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  creditCode: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const organisationDetailSchema = organisationSchema.extend({
  parent: z.object({ id: z.string(), name: z.string() }).nullable(),
  childCount: z.number().int(),
  posts: z.array(
    z.object({ id: z.string(), personId: z.string(), personName: z.string(), title: z.string(), startedOn: z.string().nullable(), endedOn: z.string().nullable() }),
  ),
});
