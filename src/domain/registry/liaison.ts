import { isWithinRegion } from '../regions.ts';

/**
 * REG-6 一楼八员: the eight liaison roles of a building and who may fill each.
 * The article names the roles; the rule behind each is where its holder comes
 * from — the police station, the tax bureau, market regulation, the talent
 * office, the building's property manager, the party line, or the street and
 * the building's own two committees (楼宇两委).
 */
export const LIAISON_ROLES = [
  'building_head',
  'building_instructor',
  'property_liaison',
  'police_officer',
  'market_section_head',
  'tax_officer',
  'talent_officer',
  'building_officer',
] as const;
export type LiaisonRole = (typeof LIAISON_ROLES)[number];

export const LIAISON_ROLE_NAMES: Record<LiaisonRole, { 'zh-CN': string; en: string }> = {
  building_head: { 'zh-CN': '楼长', en: 'Building head' },
  building_instructor: { 'zh-CN': '楼宇指导员', en: 'Building instructor' },
  property_liaison: { 'zh-CN': '物管单位联络员', en: 'Property liaison' },
  police_officer: { 'zh-CN': '派出所片警', en: 'Community police officer' },
  market_section_head: { 'zh-CN': '市场管理片段长', en: 'Market-regulation section head' },
  tax_officer: { 'zh-CN': '税务专管员', en: 'Tax officer' },
  talent_officer: { 'zh-CN': '人才专员', en: 'Talent officer' },
  building_officer: { 'zh-CN': '楼宇专员', en: 'Building officer' },
};

/** The roles a functional department fills, by its `department_kind`. */
export const DEPARTMENT_FOR_ROLE: Partial<Record<LiaisonRole, string>> = {
  police_officer: 'police',
  tax_officer: 'tax',
  market_section_head: 'market_regulation',
  talent_officer: 'talent',
};

/** An organisation a candidate belongs to (their own, or one they hold a post in). */
export interface CandidateOrganisation {
  id: string;
  kind: string;
  departmentKind: string | null;
  /** Materialised path in the organisation tree ('/1/4/9/'). */
  path: string;
  regionCode: string;
}

/** What the rules need to know about the building. */
export interface LiaisonBuilding {
  regionCode: string;
  managementMode: 'owner_managed' | 'entrusted';
  propertyCompanyPath: string | null;
  propertyOwnerPath: string | null;
  partyCommitteePath: string | null;
  managementCommitteePath: string | null;
}

const within = (path: string, anchor: string | null) => anchor !== null && anchor !== '' && path.startsWith(anchor);

/**
 * A department or government body serves the building when the building lies
 * in its region (a street's police station, a district's tax bureau) or in the
 * same county/district (a neighbouring street's station covering the block).
 */
export function servesRegion(orgRegion: string, buildingRegion: string): boolean {
  if (isWithinRegion(buildingRegion, orgRegion)) return true;
  return orgRegion.length >= 9 && buildingRegion.length >= 9 && orgRegion.slice(0, 6) === buildingRegion.slice(0, 6);
}

/** Whether someone from `org` may hold `role` in `building`. */
export function isEligibleLiaisonOrganisation(role: LiaisonRole, org: CandidateOrganisation, building: LiaisonBuilding): boolean {
  switch (role) {
    case 'police_officer':
    case 'tax_officer':
    case 'market_section_head':
    case 'talent_officer':
      return org.kind === 'department' && org.departmentKind === DEPARTMENT_FOR_ROLE[role] && servesRegion(org.regionCode, building.regionCode);
    case 'property_liaison':
      // 物管单位: the property company the building entrusts; an owner-managed building is managed by its owner.
      if (building.propertyCompanyPath) return within(org.path, building.propertyCompanyPath);
      return building.managementMode === 'owner_managed' && within(org.path, building.propertyOwnerPath);
    case 'building_instructor':
      // 党建工作指导员 come from the party line or government.
      if (org.kind === 'party_org' || org.kind === 'building_party_committee') return true;
      return org.kind === 'government' && servesRegion(org.regionCode, building.regionCode);
    case 'building_head':
    case 'building_officer':
      if (within(org.path, building.partyCommitteePath) || within(org.path, building.managementCommitteePath)) return true;
      return org.kind === 'government' && servesRegion(org.regionCode, building.regionCode);
  }
}

/** The first of a person's organisations that qualifies them for the role, or null. */
export function qualifyingOrganisation(
  role: LiaisonRole,
  organisations: readonly CandidateOrganisation[],
  building: LiaisonBuilding,
): CandidateOrganisation | null {
  return organisations.find((o) => isEligibleLiaisonOrganisation(role, o, building)) ?? null;
}

export interface LiaisonHolder {
  role: LiaisonRole;
  personId: string;
}

/** The eight roles in the article's order, each with its holder or null (空缺). */
export function liaisonSlots<T extends LiaisonHolder>(holders: readonly T[]): { role: LiaisonRole; holder: T | null }[] {
  return LIAISON_ROLES.map((role) => ({ role, holder: holders.find((h) => h.role === role) ?? null }));
}
