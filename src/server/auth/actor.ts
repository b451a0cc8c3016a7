import type { Locale, Role } from '../db/schema.ts';

/** The signed-in user as every command and query sees it. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  locale: Locale;
  /** Region scope: the region code the user serves, if any. */
  regionCode: string | null;
  organisationId: string | null;
  /** Materialised path of the user's organisation, for subtree checks. */
  orgPath: string | null;
  personId: string | null;
}

/** The actor for work the platform does itself (seeding, sweeps, CLI). */
export const SYSTEM_ACTOR: Actor = {
  userId: '0',
  username: 'system',
  displayName: '系统',
  role: 'admin',
  locale: 'zh-CN',
  regionCode: null,
  organisationId: null,
  orgPath: null,
  personId: null,
};
