import type { Formation, OrganisationKind, PartyOrgKind, RegionLevel, Role, User } from '../api/types.ts';
import { useT, type Translate } from './i18n.ts';

/** Display names of the enumerations, in the current language. */
export interface Labels {
  role: (role: Role) => string;
  level: (level: RegionLevel) => string;
  kind: (kind: OrganisationKind) => string;
  partyOrgKind: (kind: PartyOrgKind) => string;
  formation: (formation: Formation) => string;
  /** "赣州市 · 兴国县党委" style summary of an account's scope. */
  scope: (user: Pick<User, 'role' | 'regionName' | 'regionCode' | 'organisationName'>) => string;
}

export function labelsFor(t: Translate): Labels {
  return {
    role: (role) => t(`role.${role}`),
    level: (level) => t(`level.${level}`),
    kind: (kind) => t(`kind.${kind}`),
    partyOrgKind: (kind) => t(`partyOrgKind.${kind}`),
    formation: (formation) => t(`formation.${formation}`),
    scope: (user) => {
      const parts = [user.regionName ?? user.regionCode, user.organisationName].filter((p): p is string => Boolean(p));
      if (parts.length > 0) return parts.join(' · ');
      return user.role === 'admin' ? t('home.scopeAll') : '—';
    },
  };
}

export function useLabels(): Labels {
  return labelsFor(useT());
}
