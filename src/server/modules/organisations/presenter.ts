import type { OrganisationRow } from './queries.ts';

export function presentOrganisation(row: OrganisationRow) {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    partyOrgKind: row.party_org_kind,
    formation: row.formation,
    departmentKind: row.department_kind,
    parentId: row.parent_id,
    regionCode: row.region_code,
    regionName: row.region_name,
    creditCode: row.credit_code,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
