import {
  MATTER_ACTION_LABELS,
  MATTER_LEVEL_LABELS,
  MATTER_PRIORITY_LABELS,
  MATTER_SOURCE_LABELS,
  MATTER_STATUS_LABELS,
  SATISFACTION_LABELS,
} from '../../../domain/matters/labels.ts';
import type { MatterAction, MatterLevel, MatterPriority, MatterStatus, Satisfaction } from '../../api/matters.ts';
import { useLocale } from '../../app/i18n.ts';

export interface MatterLabels {
  status: (s: MatterStatus) => string;
  action: (a: MatterAction) => string;
  level: (l: MatterLevel) => string;
  priority: (p: MatterPriority) => string;
  satisfaction: (s: Satisfaction) => string;
  source: (s: string) => string;
}

/** The article's words for a matter's statuses and steps, from the table the server's messages use too. */
export function useMatterLabels(): MatterLabels {
  const { locale } = useLocale();
  return {
    status: (s) => MATTER_STATUS_LABELS[s][locale],
    action: (a) => MATTER_ACTION_LABELS[a][locale],
    level: (l) => MATTER_LEVEL_LABELS[l][locale],
    priority: (p) => MATTER_PRIORITY_LABELS[p][locale],
    satisfaction: (s) => SATISFACTION_LABELS[s][locale],
    source: (s) => (s in MATTER_SOURCE_LABELS ? MATTER_SOURCE_LABELS[s as keyof typeof MATTER_SOURCE_LABELS][locale] : s),
  };
}
