import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { RegistryPlan } from './registry-plan.ts';
import { allocateIds, insertAll, type Written } from './registry-write.ts';

/**
 * Writes the planned enterprises, leases with their events, belts, instructors,
 * cadres and service records (see registry-write.ts for the approach). Scope
 * columns are copied as the commands copy them: a lease carries its building's
 * region and path and its tenant's path; an enterprise carries the path of the
 * building it leases in now.
 */
type Trx = Transaction<Database>;

export interface TenantCounts {
  leases: number;
  leaseEvents: number;
  demoPoints: number;
  serviceRecords: number;
  cadrePortfolios: number;
}

export async function writeTenantsAndServices(trx: Trx, plan: RegistryPlan, written: Written): Promise<TenantCounts> {
  const org = (key: string) => {
    const found = written.orgs.get(key);
    if (!found) throw new Error(`registry demo refers to unknown organisation ${key}`);
    return found;
  };
  const building = (key: string) => written.buildings.get(key)!;
  const buildingPath = new Map(plan.buildings.map((b) => [b.key, org(b.committee).path]));
  const person = (key: string) => written.people.get(key)!;

  await insertAll(
    trx,
    'enterprise',
    plan.enterprises.map((e) => ({
      organisation_id: org(e.org).id,
      credit_code: e.creditCode,
      industry_code: e.industryCode,
      size_class: e.sizeClass,
      staff_count: e.staffCount,
      party_member_count: e.partyMemberCount,
      is_key_enterprise: e.isKeyEnterprise,
      is_non_public: e.isNonPublic,
      party_org_status: e.partyOrgStatus,
      registered_on: e.registeredOn,
      legal_representative: e.legalRepresentative,
      region_code: e.region,
      org_path: org(e.org).path,
      building_path: e.currentBuilding ? buildingPath.get(e.currentBuilding)! : '',
      current_building_id: e.currentBuilding ? building(e.currentBuilding) : null,
      lng: e.lng,
      lat: e.lat,
    })),
  );

  const regionOf = new Map(plan.buildings.map((b) => [b.key, b.region]));
  const leaseIds = await allocateIds(trx, 'lease', plan.leases.length);
  await insertAll(
    trx,
    'lease',
    plan.leases.map((l, i) => ({
      id: leaseIds[i]!,
      building_id: building(l.building),
      enterprise_id: org(l.enterprise).id,
      units: l.units,
      area: l.area,
      start_on: l.startOn,
      end_on: l.endOn,
      ended_on: l.endedOn,
      monthly_rent: l.monthlyRent,
      external_ref: l.externalRef,
      region_code: regionOf.get(l.building)!,
      org_path: buildingPath.get(l.building)!,
      tenant_path: org(l.enterprise).path,
    })),
  );
  const events = plan.leases.flatMap((l, i) =>
    l.events.map((e) => ({
      lease_id: leaseIds[i]!,
      kind: e.kind,
      effective_on: e.effectiveOn,
      area_after: e.areaAfter,
      end_on_after: e.endOnAfter,
      note: e.note,
    })),
  );
  await insertAll(trx, 'lease_event', events);

  const beltIds = await allocateIds(trx, 'demo_belt', plan.belts.length);
  await insertAll(
    trx,
    'demo_belt',
    plan.belts.map((b, i) => ({
      id: beltIds[i]!,
      name: b.name,
      level: 'city' as const,
      region_code: b.region,
      description: b.description,
      established_on: b.establishedOn,
    })),
  );
  await insertAll(
    trx,
    'demo_belt_building',
    plan.belts.flatMap((b, i) =>
      b.buildings.map((m) => ({
        belt_id: beltIds[i]!,
        building_id: building(m.building),
        status: m.status,
        since: m.since,
        progress: m.progress,
      })),
    ),
  );
  const points = plan.belts.flatMap((b, i) =>
    b.points.map((p) => ({
      belt_id: beltIds[i]!,
      name: p.name,
      level: p.level,
      building_id: p.building ? building(p.building) : null,
      region_code: p.region,
      named_on: p.namedOn,
    })),
  );
  await insertAll(trx, 'demo_point', points);

  await insertAll(
    trx,
    'instructor',
    plan.instructors.map((i) => ({
      person_id: person(i.person),
      title: i.title,
      capacity: i.capacity,
      lng: i.lng,
      lat: i.lat,
      region_code: i.region,
    })),
  );
  await insertAll(
    trx,
    'instructor_assignment',
    plan.assignments.map((a) => ({ enterprise_id: org(a.enterprise).id, person_id: person(a.person), distance_km: a.distanceKm })),
  );
  await insertAll(
    trx,
    'stationed_cadre',
    plan.cadres.map((c) => ({
      person_id: person(c.person),
      region_code: c.region,
      park_name: c.parkName,
      home_unit: c.homeUnit,
      started_on: c.startedOn,
    })),
  );
  const portfolios = plan.cadres.flatMap((c) => c.enterprises.map((e) => ({ person_id: person(c.person), enterprise_id: org(e).id })));
  await insertAll(trx, 'cadre_enterprise', portfolios);

  const enterpriseOf = new Map(plan.enterprises.map((e) => [e.org, e]));
  await insertAll(
    trx,
    'service_record',
    plan.serviceRecords.map((r) => ({
      person_id: person(r.person),
      enterprise_id: org(r.enterprise).id,
      kind: r.kind,
      served_on: r.servedOn,
      summary: r.summary,
      region_code: enterpriseOf.get(r.enterprise)!.region,
      org_path: org(r.enterprise).path,
    })),
  );
  return {
    leases: plan.leases.length,
    leaseEvents: events.length,
    demoPoints: points.length,
    serviceRecords: plan.serviceRecords.length,
    cadrePortfolios: portfolios.length,
  };
}
