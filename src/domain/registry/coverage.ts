/**
 * REG-4 party-building coverage ("全覆盖").
 *
 * A building is covered by a comprehensive party organisation set up via its
 * property-rights unit when it has one owner, or via its property company when
 * ownership is divided and management entrusted (红色物业). An enterprise is
 * covered by its own organisation, a joint one, or a party-building instructor.
 */

export type Ownership = 'single' | 'multiple';
export type BuildingCoverageMode = 'property_owner' | 'property_company' | 'none';
export type PartyOrgStatus = 'own' | 'joint' | 'instructor' | 'none';
export type EnterpriseCoverage = PartyOrgStatus;

export interface BuildingCoverage {
  mode: BuildingCoverageMode;
  /** The comprehensive organisation sits under the body the article says it should rest on. */
  anchored: boolean;
}

export function buildingCoverage(b: {
  ownership: Ownership;
  comprehensivePartyOrgPath: string | null;
  propertyOwnerPath: string | null;
  propertyCompanyPath: string | null;
}): BuildingCoverage {
  if (!b.comprehensivePartyOrgPath) return { mode: 'none', anchored: false };
  const mode = b.ownership === 'single' ? 'property_owner' : 'property_company';
  const anchor = mode === 'property_owner' ? b.propertyOwnerPath : b.propertyCompanyPath;
  return { mode, anchored: !!anchor && b.comprehensivePartyOrgPath.startsWith(anchor) };
}

/**
 * How an enterprise is covered: its recorded status, or an instructor when one
 * is assigned and nothing stronger is recorded (an assignment is coverage even
 * before anyone updates the status).
 */
export function enterpriseCoverage(e: { partyOrgStatus: PartyOrgStatus; hasInstructor: boolean }): EnterpriseCoverage {
  if (e.partyOrgStatus === 'none' && e.hasInstructor) return 'instructor';
  return e.partyOrgStatus;
}

export function isCovered(c: EnterpriseCoverage): boolean {
  return c !== 'none';
}

/** covered / total, or null when there is nothing to cover (no rate rather than a fake 0 % or 100 %). */
export function coverageRate(covered: number, total: number): number | null {
  if (total <= 0) return null;
  return Math.round((Math.min(covered, total) / total) * 10_000) / 10_000;
}

export interface CoverageTally {
  enterprises: number;
  coveredEnterprises: number;
  byStatus: Record<EnterpriseCoverage, number>;
  enterpriseRate: number | null;
}

/** Counts a set of enterprises (each counted once) by how they are covered. */
export function tallyEnterprises(coverages: readonly EnterpriseCoverage[]): CoverageTally {
  const byStatus: Record<EnterpriseCoverage, number> = { own: 0, joint: 0, instructor: 0, none: 0 };
  for (const c of coverages) byStatus[c]++;
  const covered = coverages.length - byStatus.none;
  return { enterprises: coverages.length, coveredEnterprises: covered, byStatus, enterpriseRate: coverageRate(covered, coverages.length) };
}
