import { describe, expect, it } from 'vitest';
import { LIAISON_ROLES as SCHEMA_ROLES } from '../../server/db/schema.ts';
import {
  isEligibleLiaisonOrganisation,
  LIAISON_ROLE_NAMES,
  LIAISON_ROLES,
  liaisonSlots,
  qualifyingOrganisation,
  servesRegion,
  type CandidateOrganisation,
  type LiaisonBuilding,
  type LiaisonRole,
} from './liaison.ts';

const STREET = '350102001';
const building: LiaisonBuilding = {
  regionCode: `${STREET}002`,
  managementMode: 'entrusted',
  propertyCompanyPath: '/50/',
  propertyOwnerPath: '/60/',
  partyCommitteePath: '/1/2/',
  managementCommitteePath: '/1/2/3/',
};
const org = (o: Partial<CandidateOrganisation>): CandidateOrganisation => ({ id: '9', kind: 'enterprise', departmentKind: null, path: '/9/', regionCode: STREET, ...o });
const dept = (departmentKind: string, regionCode = '350102') => org({ kind: 'department', departmentKind, regionCode, path: '/7/8/' });

describe('REG-6 一楼八员: who may fill each role', () => {
  it('REG-6 the eight roles are the article’s, in its order, and the same list the database accepts', () => {
    expect(LIAISON_ROLES).toEqual(SCHEMA_ROLES);
    expect(LIAISON_ROLES.map((r) => LIAISON_ROLE_NAMES[r]['zh-CN']).join('、')).toBe(
      '楼长、楼宇指导员、物管单位联络员、派出所片警、市场管理片段长、税务专管员、人才专员、楼宇专员',
    );
  });

  it('REG-6 police, tax, market regulation and talent roles need a department of that kind serving the building', () => {
    const cases: [LiaisonRole, string][] = [
      ['police_officer', 'police'],
      ['tax_officer', 'tax'],
      ['market_section_head', 'market_regulation'],
      ['talent_officer', 'talent'],
    ];
    for (const [role, kind] of cases) {
      expect(isEligibleLiaisonOrganisation(role, dept(kind), building), role).toBe(true);
      expect(isEligibleLiaisonOrganisation(role, dept(kind, STREET), building), `${role} street-level`).toBe(true);
      for (const [, other] of cases.filter(([r]) => r !== role)) expect(isEligibleLiaisonOrganisation(role, dept(other), building), `${role} ← ${other}`).toBe(false);
      // A department of another district does not serve this building.
      expect(isEligibleLiaisonOrganisation(role, dept(kind, '350103'), building)).toBe(false);
      // Not a department at all (an enterprise that calls itself 'police').
      expect(isEligibleLiaisonOrganisation(role, org({ departmentKind: kind }), building)).toBe(false);
    }
  });

  it('REG-6 the property liaison comes from the building’s own property company (or its owner when owner-managed)', () => {
    expect(isEligibleLiaisonOrganisation('property_liaison', org({ kind: 'property_company', path: '/50/' }), building)).toBe(true);
    expect(isEligibleLiaisonOrganisation('property_liaison', org({ kind: 'social_organisation', path: '/50/51/' }), building)).toBe(true);
    expect(isEligibleLiaisonOrganisation('property_liaison', org({ kind: 'property_company', path: '/500/' }), building)).toBe(false);
    expect(isEligibleLiaisonOrganisation('property_liaison', org({ kind: 'property_owner', path: '/60/' }), building)).toBe(false);
    const selfManaged = { ...building, managementMode: 'owner_managed' as const, propertyCompanyPath: null };
    expect(isEligibleLiaisonOrganisation('property_liaison', org({ kind: 'property_owner', path: '/60/' }), selfManaged)).toBe(true);
    expect(isEligibleLiaisonOrganisation('property_liaison', org({ path: '/60/' }), { ...selfManaged, managementMode: 'entrusted' })).toBe(false);
  });

  it('REG-6 the building instructor comes from a party organisation or government', () => {
    expect(isEligibleLiaisonOrganisation('building_instructor', org({ kind: 'party_org', path: '/70/' }), building)).toBe(true);
    expect(isEligibleLiaisonOrganisation('building_instructor', org({ kind: 'building_party_committee', path: '/1/2/' }), building)).toBe(true);
    expect(isEligibleLiaisonOrganisation('building_instructor', org({ kind: 'government', regionCode: STREET }), building)).toBe(true);
    expect(isEligibleLiaisonOrganisation('building_instructor', org({ kind: 'government', regionCode: '350103001' }), building)).toBe(false);
    expect(isEligibleLiaisonOrganisation('building_instructor', org({ kind: 'enterprise' }), building)).toBe(false);
  });

  it('REG-6 the building head and building officer come from the street or the building’s two committees', () => {
    for (const role of ['building_head', 'building_officer'] as const) {
      expect(isEligibleLiaisonOrganisation(role, org({ kind: 'government', regionCode: STREET }), building)).toBe(true);
      expect(isEligibleLiaisonOrganisation(role, org({ kind: 'building_party_committee', path: '/1/2/' }), building)).toBe(true);
      expect(isEligibleLiaisonOrganisation(role, org({ kind: 'building_management_committee', path: '/1/2/3/' }), building)).toBe(true);
      // Another building's committee does not qualify.
      expect(isEligibleLiaisonOrganisation(role, org({ kind: 'building_party_committee', path: '/1/20/' }), building)).toBe(false);
      expect(isEligibleLiaisonOrganisation(role, org({ kind: 'property_company', path: '/50/' }), building)).toBe(false);
    }
  });

  it('REG-6 a person qualifies through any of their organisations; the first that fits is named', () => {
    const own = org({ kind: 'enterprise', id: '1' });
    const post = dept('police');
    expect(qualifyingOrganisation('police_officer', [own, { ...post, id: '2' }], building)?.id).toBe('2');
    expect(qualifyingOrganisation('tax_officer', [own, post], building)).toBeNull();
  });

  it('REG-6 vacancies: every role appears once, empty ones as null (空缺)', () => {
    const slots = liaisonSlots([{ role: 'tax_officer', personId: '5' }]);
    expect(slots).toHaveLength(8);
    expect(slots.filter((s) => s.holder)).toEqual([{ role: 'tax_officer', holder: { role: 'tax_officer', personId: '5' } }]);
  });

  it('REG-6 a department serves its own subtree and neighbouring streets of the same district', () => {
    expect(servesRegion('350102', '350102001002')).toBe(true);
    expect(servesRegion('350100', '350102001002')).toBe(true);
    expect(servesRegion('350102002', '350102001002')).toBe(true);
    expect(servesRegion('350103001', '350102001002')).toBe(false);
    expect(servesRegion('350103', '350102001002')).toBe(false);
    // A district-level body does not serve a building registered only at city level.
    expect(servesRegion('350102', '350100')).toBe(false);
  });
});
