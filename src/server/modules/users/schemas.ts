import { z } from 'zod';
import { LOCALES, ROLES } from '../../db/schema.ts';
import { idSchema, pageQuery, regionCodeSchema, text } from '../../http/schemas.ts';

export const usernameSchema = z.string().trim().toLowerCase().regex(/^[a-z0-9_.-]{3,40}$/, 'field.username_format');

export const userInput = z.object({
  username: usernameSchema,
  displayName: text(50),
  role: z.enum(ROLES),
  regionCode: regionCodeSchema.nullable().optional(),
  organisationId: idSchema.nullable().optional(),
  personId: idSchema.nullable().optional(),
  locale: z.enum(LOCALES).default('zh-CN'),
  password: z.string().min(1).max(200),
});
export type UserInput = z.infer<typeof userInput>;

export const userPatch = z.object({
  displayName: text(50).optional(),
  role: z.enum(ROLES).optional(),
  regionCode: regionCodeSchema.nullable().optional(),
  organisationId: idSchema.nullable().optional(),
  personId: idSchema.nullable().optional(),
  locale: z.enum(LOCALES).optional(),
  disabled: z.boolean().optional(),
});
export type UserPatch = z.infer<typeof userPatch>;

export const userQuery = z.object({ role: z.enum(ROLES).optional(), q: z.string().trim().max(50).optional(), ...pageQuery });
export const passwordInput = z.object({ password: z.string().min(1).max(200) });
