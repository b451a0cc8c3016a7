import { Tag } from 'antd';
import type { Organisation } from '../../api/types.ts';
import { useLabels } from '../../app/labels.ts';

const COLOR: Record<Organisation['kind'], string> = {
  party_org: 'red',
  building_party_committee: 'volcano',
  building_management_committee: 'orange',
  government: 'gold',
  department: 'geekblue',
  enterprise: 'blue',
  property_company: 'cyan',
  owners_committee: 'green',
  property_owner: 'purple',
  social_organisation: 'magenta',
};

/** 党组织 · 党支部 · 兼合式: the kind with its party details, in one glance. */
export function OrganisationKindTag({ organisation }: { organisation: Pick<Organisation, 'kind' | 'partyOrgKind' | 'formation'> }) {
  const labels = useLabels();
  const extra = [
    organisation.partyOrgKind ? labels.partyOrgKind(organisation.partyOrgKind) : null,
    organisation.formation ? labels.formation(organisation.formation) : null,
  ].filter(Boolean);
  return (
    <Tag color={COLOR[organisation.kind]} style={{ marginInlineEnd: 0 }}>
      {labels.kind(organisation.kind)}
      {extra.length > 0 ? ` · ${extra.join(' · ')}` : ''}
    </Tag>
  );
}
