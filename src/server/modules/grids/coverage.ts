import type { Kysely } from 'kysely';
import { ageOn, checkHouseholdCoverage, exemptionOf, type CoverageViolation } from '../../../domain/villages/index.ts';
import { chinaDate } from '../../../domain/time.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Database, Locale } from '../../db/schema.ts';
import { allows } from '../../db/scoped.ts';
import { invalidField, outOfScopeField } from '../../http/errors.ts';
import {
  lastVisitByMember,
  loadRegionHouseholds,
  toDomainHousehold,
  toDomainMember,
  type HouseholdRow,
  type MemberRow,
} from './queries.ts';

export interface HouseholdRules {
  min: number;
  max: number;
  /** 0 or null: no age rule. */
  exemptAge: number | null;
}

/** A violation as the API shows it: the domain's message in the caller's language, with names and addresses. */
export function presentViolation(v: CoverageViolation, locale: Locale, names: Map<string, string>, addresses: Map<string, string>) {
  const memberId = 'memberId' in v ? v.memberId : null;
  const householdId = 'householdId' in v ? v.householdId : null;
  return {
    kind: v.kind,
    message: v.message[locale],
    villageCode: 'villageCode' in v ? v.villageCode : null,
    memberId,
    memberName: memberId ? (names.get(memberId) ?? null) : null,
    householdId,
    address: householdId ? (addresses.get(householdId) ?? null) : null,
    load: 'load' in v ? v.load : null,
  };
}

export function namesOf(members: readonly MemberRow[], households: readonly HouseholdRow[]) {
  return { names: new Map(members.map((m) => [m.person_id, m.name])), addresses: new Map(households.map((h) => [h.id, h.address])) };
}

/**
 * GRD-1 each member's responsibility in a region and the rules checked on what is stored: the
 * 20–30 range, households nobody covers, exempt members still carrying households.
 */
export async function householdCoverage(opts: {
  db: Kysely<Database>;
  actor: Actor;
  regionCode: string;
  rules: HouseholdRules;
  locale: Locale;
}) {
  const { db, actor, regionCode, rules, locale } = opts;
  const region = await db.selectFrom('region').select('code').where('code', '=', regionCode).executeTakeFirst();
  if (!region) throw invalidField('query.regionCode', 'field.region_unknown');
  if (!allows(actor, 'household_assignment', 'read', { regionCode })) throw outOfScopeField('query.regionCode');
  const exemptAge = rules.exemptAge || null;
  const asOf = chinaDate();
  const [{ members, households }, lastVisits] = await Promise.all([
    loadRegionHouseholds(db, actor, regionCode),
    lastVisitByMember(db, regionCode),
  ]);
  const load = new Map<string, { n: number; pinned: number }>();
  for (const h of households) {
    if (!h.member_person_id) continue;
    const l = load.get(h.member_person_id) ?? { n: 0, pinned: 0 };
    l.n++;
    if (h.pinned) l.pinned++;
    load.set(h.member_person_id, l);
  }
  const domainMembers = members.map((m) => toDomainMember(m));
  const violations = checkHouseholdCoverage({
    members: domainMembers,
    households: households.map((h) => toDomainHousehold(h)),
    assignments: households.map((h) => ({ householdId: h.id, memberId: h.member_person_id })),
    min: rules.min,
    max: rules.max,
    exemptAge,
    asOf,
  });
  const { names, addresses } = namesOf(members, households);
  return {
    regionCode,
    min: rules.min,
    max: rules.max,
    exemptAge,
    households: households.length,
    covered: households.filter((h) => h.member_person_id !== null).length,
    members: members.map((m, i) => ({
      personId: m.person_id,
      name: m.name,
      villageCode: m.village_code,
      gridId: m.grid_id,
      gridName: m.grid_name,
      age: m.birth_date ? ageOn(m.birth_date, asOf) : null,
      exempt: m.exempt,
      exemptNote: m.exempt_note,
      exemption: exemptionOf(domainMembers[i]!, exemptAge, asOf),
      households: load.get(m.person_id)?.n ?? 0,
      pinned: load.get(m.person_id)?.pinned ?? 0,
      lastVisitOn: lastVisits.get(m.person_id) ?? null,
      lng: m.lng,
      lat: m.lat,
    })),
    violations: violations.map((v) => presentViolation(v, locale, names, addresses)),
  };
}
