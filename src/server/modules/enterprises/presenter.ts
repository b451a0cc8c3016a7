import { enterpriseCoverage } from '../../../domain/registry/coverage.ts';
import type { EnterpriseRow } from './queries.ts';

export function presentEnterprise(row: EnterpriseRow) {
  return {
    id: row.id,
    name: row.name,
    creditCode: row.credit_code,
    parentId: row.parent_id,
    regionCode: row.region_code,
    regionName: row.region_name,
    industryCode: row.industry_code,
    industryName: row.industry_name,
    industrySection: row.industry_section,
    sizeClass: row.size_class,
    staffCount: row.staff_count,
    partyMemberCount: row.party_member_count,
    isKeyEnterprise: row.is_key_enterprise,
    isNonPublic: row.is_non_public,
    partyOrgStatus: row.party_org_status,
    hasInstructor: row.has_instructor,
    instructor:
      row.instructor_person_id !== null && row.instructor_name !== null
        ? { personId: row.instructor_person_id, name: row.instructor_name, pinned: row.instructor_pinned ?? false }
        : null,
    coverage: enterpriseCoverage({ partyOrgStatus: row.party_org_status, hasInstructor: row.has_instructor }),
    registeredOn: row.registered_on,
    legalRepresentative: row.legal_representative,
    lng: row.lng,
    lat: row.lat,
    currentBuilding:
      row.current_building_id && row.current_building_name !== null
        ? { id: row.current_building_id, name: row.current_building_name }
        : null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function presentEnterpriseLease(l: {
  id: string;
  building_id: string;
  building_name: string;
  units: string;
  area: string;
  start_on: string;
  end_on: string;
  ended_on: string | null;
}) {
  return {
    id: l.id,
    buildingId: l.building_id,
    buildingName: l.building_name,
    units: l.units,
    area: Number(l.area),
    startOn: l.start_on,
    endOn: l.end_on,
    endedOn: l.ended_on,
  };
}
