import { z } from 'zod';
import { LOCALES, ROLES } from '../../db/schema.ts';

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  locale: z.enum(LOCALES),
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  organisationId: z.string().nullable(),
  organisationName: z.string().nullable(),
  personId: z.string().nullable(),
  disabled: z.boolean(),
  locked: z.boolean(),
  createdAt: z.string(),
});
export type UserView = z.infer<typeof userSchema>;

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: UserView['role'];
  locale: UserView['locale'];
  region_code: string | null;
  region_name: string | null;
  organisation_id: string | null;
  organisation_name: string | null;
  person_id: string | null;
  disabled: boolean;
  locked_until: Date | null;
  created_at: Date;
}

/** What leaves the server about an account: never its hash, failure count or sessions. */
export function presentUser(row: UserRow, now = new Date()): UserView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    locale: row.locale,
    regionCode: row.region_code,
    regionName: row.region_name,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    personId: row.person_id,
    disabled: row.disabled,
    locked: row.locked_until !== null && row.locked_until > now,
    createdAt: row.created_at.toISOString(),
  };
}
