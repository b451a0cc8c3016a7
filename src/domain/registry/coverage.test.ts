import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildingCoverage, coverageRate, enterpriseCoverage, tallyEnterprises, type EnterpriseCoverage, type PartyOrgStatus } from './coverage.ts';

describe('REG-4 party-building coverage', () => {
  it('REG-4 a single-owner building is covered via its property-rights unit, a multi-owner one via its property company (红色物业)', () => {
    const paths = { propertyOwnerPath: '/10/', propertyCompanyPath: '/20/' };
    expect(buildingCoverage({ ownership: 'single', comprehensivePartyOrgPath: '/10/11/', ...paths })).toEqual({ mode: 'property_owner', anchored: true });
    expect(buildingCoverage({ ownership: 'multiple', comprehensivePartyOrgPath: '/20/21/', ...paths })).toEqual({ mode: 'property_company', anchored: true });
    // Set up, but not resting on the body the article names: still coverage, flagged.
    expect(buildingCoverage({ ownership: 'multiple', comprehensivePartyOrgPath: '/10/11/', ...paths })).toEqual({ mode: 'property_company', anchored: false });
    expect(buildingCoverage({ ownership: 'single', comprehensivePartyOrgPath: null, ...paths })).toEqual({ mode: 'none', anchored: false });
  });

  it('REG-4 an enterprise is covered by its own org, a joint org, or an instructor — an assignment counts even if the status lags', () => {
    expect(enterpriseCoverage({ partyOrgStatus: 'own', hasInstructor: true })).toBe('own');
    expect(enterpriseCoverage({ partyOrgStatus: 'joint', hasInstructor: false })).toBe('joint');
    expect(enterpriseCoverage({ partyOrgStatus: 'none', hasInstructor: true })).toBe('instructor');
    expect(enterpriseCoverage({ partyOrgStatus: 'instructor', hasInstructor: false })).toBe('instructor');
    expect(enterpriseCoverage({ partyOrgStatus: 'none', hasInstructor: false })).toBe('none');
  });

  it('REG-4 rates: none without enterprises, otherwise covered / total within 0–1', () => {
    expect(coverageRate(0, 0)).toBeNull();
    expect(coverageRate(2, 3)).toBe(0.6667);
    const status = fc.constantFrom<PartyOrgStatus>('own', 'joint', 'instructor', 'none');
    fc.assert(
      fc.property(fc.array(fc.record({ partyOrgStatus: status, hasInstructor: fc.boolean() })), (list) => {
        const coverages: EnterpriseCoverage[] = list.map(enterpriseCoverage);
        const t = tallyEnterprises(coverages);
        expect(t.enterprises).toBe(list.length);
        expect(Object.values(t.byStatus).reduce((a, b) => a + b, 0)).toBe(list.length);
        expect(t.coveredEnterprises).toBe(list.filter((e) => e.partyOrgStatus !== 'none' || e.hasInstructor).length);
        if (list.length === 0) expect(t.enterpriseRate).toBeNull();
        else {
          expect(t.enterpriseRate).toBeGreaterThanOrEqual(0);
          expect(t.enterpriseRate).toBeLessThanOrEqual(1);
        }
      }),
    );
  });
});
