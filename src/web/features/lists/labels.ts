import type { ListCategory, MatchFactor, NeedStatus, ProjectStatus, ProviderKind, RequesterKind, Urgency } from '../../api/lists.ts';
import { useT } from '../../app/i18n.ts';

/** Display names of the lists' enumerations (LST-1…4), in the current language. */
export function useListLabels() {
  const t = useT();
  return {
    category: (c: ListCategory) => t(`listCategory.${c}`),
    urgency: (u: Urgency) => t(`urgency.${u}`),
    needStatus: (s: NeedStatus) => t(`needStatus.${s}`),
    requesterKind: (k: RequesterKind) => t(`requesterKind.${k}`),
    providerKind: (k: ProviderKind) => t(`providerKind.${k}`),
    projectStatus: (s: ProjectStatus) => t(`projectStatus.${s}`),
    factor: (f: MatchFactor) => t(`factor.${f}`),
    resourceStatus: (s: 'active' | 'withdrawn') => t(`resourceStatus.${s}`),
  };
}

export const NEED_STATUS_COLOR: Record<NeedStatus, string> = {
  open: 'gold',
  matched: 'blue',
  in_project: 'processing',
  done: 'green',
  closed: 'default',
};

export const PROJECT_STATUS_COLOR: Record<ProjectStatus, string> = { in_progress: 'processing', done: 'green', cancelled: 'default' };

export const URGENCY_COLOR: Record<Urgency, string> = { low: 'default', normal: 'blue', high: 'red' };
