import { Tag } from 'antd';
import type { DemoStatus, PartyOrgStatus } from '../../api/registryTypes.ts';
import { useT } from '../../app/i18n.ts';

const DEMO_COLOR: Record<DemoStatus, string | undefined> = { named: 'red', cultivating: 'orange', none: undefined };

/** 已命名 in red, 培育中 in orange, the rest plain: named buildings are what the belts show off. */
export function DemoStatusTag({ status }: { status: DemoStatus }) {
  const t = useT();
  if (status === 'none') return <span style={{ color: 'rgba(0,0,0,0.45)' }}>{t('demoStatus.none')}</span>;
  return <Tag color={DEMO_COLOR[status]}>{t(`demoStatus.${status}`)}</Tag>;
}

const COVERAGE_COLOR: Record<PartyOrgStatus, string> = { own: 'red', joint: 'volcano', instructor: 'gold', none: 'default' };

/** REG-4 how an enterprise is covered; 未覆盖 stays grey so gaps do not look like a status. */
export function CoverageTag({ status }: { status: PartyOrgStatus }) {
  const t = useT();
  return <Tag color={COVERAGE_COLOR[status]}>{t(`partyOrgStatus.${status}`)}</Tag>;
}
