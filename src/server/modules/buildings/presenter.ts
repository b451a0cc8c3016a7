import { buildingCoverage, enterpriseCoverage, tallyEnterprises } from '../../../domain/registry/coverage.ts';
import { liaisonSlots } from '../../../domain/registry/liaison.ts';
import type { Occupancy } from '../../../domain/registry/occupancy.ts';
import type { TenantLease } from '../leases/facts.ts';
import type { BuildingRow, CommitteePostRow, LiaisonHolderRow } from './queries.ts';

const num = (v: string | null) => (v === null ? null : Number(v));
const ref = (id: string | null, name: string | null) => (id && name !== null ? { id, name } : null);

export function presentBuilding(row: BuildingRow, occupancy: Occupancy) {
  return {
    id: row.id,
    name: row.name,
    address: row.address,
    regionCode: row.region_code,
    regionName: row.region_name,
    lng: row.lng,
    lat: row.lat,
    floorsAbove: row.floors_above,
    floorsBelow: row.floors_below,
    grossArea: num(row.gross_area),
    officeArea: Number(row.office_area),
    ownership: row.ownership,
    managementMode: row.management_mode,
    propertyCompany: ref(row.property_company_id, row.property_company_name),
    propertyOwner: ref(row.property_owner_id, row.property_owner_name),
    partyCommittee: ref(row.party_committee_id, row.party_committee_name),
    managementCommittee: ref(row.management_committee_id, row.management_committee_name),
    comprehensivePartyOrg: ref(row.comprehensive_party_org_id, row.comprehensive_party_org_name),
    positioning: row.positioning,
    industryFocus: row.industry_focus,
    demoStatus: row.demo_status,
    askingRent: num(row.asking_rent),
    completedYear: row.completed_year,
    occupancy,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function presentUnit(u: { id: string; floor: number; unit_no: string; area: string }) {
  return { id: u.id, floor: u.floor, unitNo: u.unit_no, area: Number(u.area) };
}

/** REG-4 the building's mode of coverage and the rate over the enterprises leasing in it now. */
export function presentBuildingCoverage(row: BuildingRow, tenants: readonly TenantLease[]) {
  const building = buildingCoverage({
    ownership: row.ownership,
    comprehensivePartyOrgPath: row.comprehensive_party_org_path,
    propertyOwnerPath: row.property_owner_path,
    propertyCompanyPath: row.property_company_path,
  });
  // An enterprise with two leases in the building counts once.
  const byEnterprise = new Map(tenants.map((t) => [t.enterpriseId, enterpriseCoverage(t)]));
  const tally = tallyEnterprises([...byEnterprise.values()]);
  return { ...building, enterprises: tally.enterprises, coveredEnterprises: tally.coveredEnterprises, enterpriseRate: tally.enterpriseRate, byStatus: tally.byStatus };
}

export function presentTenant(t: TenantLease, area: number) {
  return {
    leaseId: t.id,
    enterpriseId: t.enterpriseId,
    name: t.enterpriseName,
    creditCode: t.creditCode,
    industryCode: t.industryCode,
    isKeyEnterprise: t.isKeyEnterprise,
    coverage: enterpriseCoverage(t),
    units: t.units,
    area,
    startOn: t.startOn,
    endOn: t.endOn,
  };
}

export function presentLiaisonSlots(holders: readonly LiaisonHolderRow[]) {
  return liaisonSlots(holders).map(({ role, holder }) => ({
    role,
    holder: holder
      ? {
          assignmentId: holder.assignmentId,
          personId: holder.personId,
          personName: holder.personName,
          organisationId: holder.organisationId,
          organisationName: holder.organisationName,
          startedOn: holder.startedOn,
        }
      : null,
  }));
}

/** REG-5 the two committees with their members, and who sits on both (双向进入、交叉任职). */
export function presentCommittees(row: BuildingRow, posts: readonly CommitteePostRow[]) {
  const members = (orgId: string | null) =>
    posts.filter((p) => p.organisationId === orgId).map((p) => ({ postId: p.postId, personId: p.personId, personName: p.personName, title: p.title, startedOn: p.startedOn }));
  const party = members(row.party_committee_id);
  const management = members(row.management_committee_id);
  const crossAppointed = [...new Set(party.map((m) => m.personId))]
    .filter((personId) => management.some((m) => m.personId === personId))
    .map((personId) => ({
      personId,
      personName: party.find((m) => m.personId === personId)!.personName,
      partyTitles: party.filter((m) => m.personId === personId).map((m) => m.title),
      managementTitles: management.filter((m) => m.personId === personId).map((m) => m.title),
    }));
  return {
    partyCommittee: row.party_committee_id && row.party_committee_name !== null ? { id: row.party_committee_id, name: row.party_committee_name, members: party } : null,
    managementCommittee:
      row.management_committee_id && row.management_committee_name !== null
        ? { id: row.management_committee_id, name: row.management_committee_name, members: management }
        : null,
    crossAppointed,
  };
}
