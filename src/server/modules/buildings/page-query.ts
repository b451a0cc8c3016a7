import { sql, type Kysely } from 'kysely';
import type { LeaseEventFact } from '../../../domain/registry/occupancy.ts';
import type { PartyOrgStatus } from '../../../domain/registry/coverage.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Database, LiaisonRole } from '../../db/schema.ts';
import { scopeWhere } from '../../db/scoped.ts';
import { overlaps, type Period, type TenantLease } from '../leases/facts.ts';
import { buildingBase, type BuildingRow, type CommitteePostRow, type LiaisonHolderRow } from './queries.ts';

/**
 * The building page in one statement (REG-1…6): the building row with its
 * units, liaison holders, committee posts and leases (each with its events)
 * aggregated as JSON. One round trip instead of five — what decides the
 * page's latency on a busy database is the number of trips, not the work,
 * which is a few index lookups either way. Ids travel as text, so no bigint
 * passes through a JavaScript number.
 */
type UnitTuple = [id: string, floor: number, unitNo: string, area: number];
type LiaisonTuple = [role: LiaisonRole, id: string, personId: string, personName: string, organisationId: string | null, organisationName: string | null, startedOn: string];
type PostTuple = [id: string, organisationId: string, personId: string, personName: string, title: string, startedOn: string | null];
type EventTuple = [kind: LeaseEventFact['kind'], effectiveOn: string, areaAfter: number, endOnAfter: string, id: number];
type LeaseTuple = [
  id: string,
  enterpriseId: string,
  name: string,
  creditCode: string,
  industryCode: string | null,
  isKeyEnterprise: boolean,
  partyOrgStatus: PartyOrgStatus,
  hasInstructor: boolean,
  units: string,
  area: number,
  startOn: string,
  endOn: string,
  endedOn: string | null,
  events: EventTuple[],
];

export interface BuildingPageData {
  row: BuildingRow;
  units: { id: string; floor: number; unit_no: string; area: string }[];
  liaisons: LiaisonHolderRow[];
  posts: CommitteePostRow[];
  leases: TenantLease[];
  events: LeaseEventFact[];
}

export async function loadBuildingPage(db: Kysely<Database>, actor: Actor, id: string, period: Period, today: string): Promise<BuildingPageData | undefined> {
  const found = await buildingBase(db, actor)
    .where('building.id', '=', id)
    .select([
      sql<UnitTuple[]>`(SELECT coalesce(json_agg(json_build_array(u.id::text, u.floor, u.unit_no, u.area) ORDER BY u.floor, u.unit_no), '[]')
        FROM building_unit u WHERE u.building_id = building.id)`.as('units_json'),
      sql<LiaisonTuple[]>`(SELECT coalesce(json_agg(json_build_array(la.role, la.id::text, la.person_id::text, p.name, la.organisation_id::text, o.name, la.started_on)), '[]')
        FROM liaison_assignment la JOIN person p ON p.id = la.person_id LEFT JOIN organisation o ON o.id = la.organisation_id
        WHERE la.building_id = building.id AND la.ended_on IS NULL)`.as('liaisons_json'),
      sql<PostTuple[]>`(SELECT coalesce(json_agg(json_build_array(po.id::text, po.organisation_id::text, po.person_id::text, p.name, po.title, po.started_on) ORDER BY po.id), '[]')
        FROM post po JOIN person p ON p.id = po.person_id
        WHERE po.organisation_id IN (building.party_committee_id, building.management_committee_id) AND (po.ended_on IS NULL OR po.ended_on > ${today}))`.as('posts_json'),
      sql<LeaseTuple[]>`(SELECT coalesce(json_agg(json_build_array(lease.id::text, lease.enterprise_id::text, organisation.name, enterprise.credit_code, enterprise.industry_code,
            enterprise.is_key_enterprise, enterprise.party_org_status, EXISTS (SELECT 1 FROM instructor_assignment ia WHERE ia.enterprise_id = lease.enterprise_id),
            lease.units, lease.area, lease.start_on, lease.end_on, lease.ended_on,
            (SELECT json_agg(json_build_array(e.kind, e.effective_on, e.area_after, e.end_on_after, e.id) ORDER BY e.effective_on, e.id) FROM lease_event e WHERE e.lease_id = lease.id))
          ORDER BY lease.start_on, lease.id), '[]')
        FROM lease JOIN enterprise ON enterprise.organisation_id = lease.enterprise_id JOIN organisation ON organisation.id = lease.enterprise_id
        WHERE lease.building_id = building.id AND ${overlaps(period)} AND ${scopeWhere(actor, 'lease')})`.as('leases_json'),
    ])
    .executeTakeFirst();
  if (!found) return undefined;
  const { units_json, liaisons_json, posts_json, leases_json, ...row } = found;
  return {
    row,
    units: units_json.map(([uid, floor, unitNo, area]) => ({ id: uid, floor, unit_no: unitNo, area: String(area) })),
    liaisons: liaisons_json.map(([role, assignmentId, personId, personName, organisationId, organisationName, startedOn]) => ({
      role,
      assignmentId,
      buildingId: id,
      personId,
      personName,
      organisationId,
      organisationName,
      startedOn,
    })),
    posts: posts_json.map(([postId, organisationId, personId, personName, title, startedOn]) => ({ postId, organisationId, personId, personName, title, startedOn })),
    leases: leases_json.map(([leaseId, enterpriseId, name, creditCode, industryCode, isKeyEnterprise, partyOrgStatus, hasInstructor, units, area, startOn, endOn, endedOn]) => ({
      id: leaseId,
      enterpriseId,
      enterpriseName: name,
      creditCode,
      industryCode,
      isKeyEnterprise,
      partyOrgStatus,
      hasInstructor,
      units,
      area: Number(area),
      startOn,
      endOn,
      endedOn,
    })),
    events: leases_json.flatMap((lease) =>
      (lease[13] ?? []).map(([kind, effectiveOn, areaAfter, endOnAfter, seq]) => ({ leaseId: lease[0], kind, effectiveOn, areaAfter: Number(areaAfter), endOnAfter, seq: Number(seq) })),
    ),
  };
}
