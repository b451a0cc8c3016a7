import { sql, type Expression, type Kysely, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { LeaseEventFact } from '../../../domain/registry/occupancy.ts';
import type { PartyOrgStatus } from '../../../domain/registry/coverage.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';
import { scopeWhere } from '../../db/scoped.ts';

/**
 * The lease rows and events that occupancy, tenants and warnings are computed
 * from (REG-3). Rows are narrowed by the lease row (its latest state), which is
 * always a superset of what the events say occupied the period; the domain
 * rules in occupancy.ts then decide from the events themselves.
 */
export interface Period {
  from: string;
  to: string;
}

/** A lease that may have occupied space at some day of the period. */
export function overlaps(p: Period): Expression<SqlBool> {
  return sql<SqlBool>`(lease.start_on <= ${p.to} AND lease.end_on >= ${p.from} AND (lease.ended_on IS NULL OR lease.ended_on > ${p.from}))`;
}

export interface BuildingEventFact extends LeaseEventFact {
  buildingId: string;
}

function toFact(r: {
  lease_id: string;
  kind: LeaseEventFact['kind'];
  effective_on: string;
  area_after: string;
  end_on_after: string;
  id: string;
}): LeaseEventFact {
  return {
    leaseId: r.lease_id,
    kind: r.kind,
    effectiveOn: r.effective_on,
    areaAfter: Number(r.area_after),
    endOnAfter: r.end_on_after,
    seq: Number(r.id),
  };
}

/** Every event of the leases of these buildings that may have occupied space in the period: one query. */
export async function eventsOverlapping(
  db: Kysely<Database>,
  actor: Actor,
  buildingIds: readonly string[],
  period: Period,
): Promise<BuildingEventFact[]> {
  if (buildingIds.length === 0) return [];
  const rows = await db
    .selectFrom('lease')
    .innerJoin('lease_event', 'lease_event.lease_id', 'lease.id')
    .select([
      'lease.building_id',
      'lease_event.lease_id',
      'lease_event.kind',
      'lease_event.effective_on',
      'lease_event.area_after',
      'lease_event.end_on_after',
      'lease_event.id',
    ])
    .where('lease.building_id', 'in', buildingIds)
    .where(overlaps(period))
    .where(scopeWhere(actor, 'lease'))
    .execute();
  return rows.map((r) => ({ ...toFact(r), buildingId: r.building_id }));
}

export interface TenantLease {
  id: string;
  enterpriseId: string;
  enterpriseName: string;
  creditCode: string;
  industryCode: string | null;
  isKeyEnterprise: boolean;
  partyOrgStatus: PartyOrgStatus;
  hasInstructor: boolean;
  units: string;
  area: number;
  startOn: string;
  endOn: string;
  endedOn: string | null;
}

/** A lease's events as one JSON array: [kind, effective_on, area_after, end_on_after, id] each. */
type EventTuple = [LeaseEventFact['kind'], string, number | string, string, number | string];

/**
 * The leases of one building that may have occupied space in the period, with
 * their tenants and events — one query, the events aggregated per lease. The
 * tenant's name and coverage come with the lease: whoever may see the
 * building's leases sees who holds them.
 */
export async function tenantsOverlapping(
  db: Kysely<Database>,
  actor: Actor,
  buildingId: string,
  period: Period,
): Promise<{ leases: TenantLease[]; events: LeaseEventFact[] }> {
  const rows = await db
    .selectFrom('lease')
    .innerJoin('enterprise', 'enterprise.organisation_id', 'lease.enterprise_id')
    .innerJoin('organisation', 'organisation.id', 'lease.enterprise_id')
    .select([
      'lease.id',
      'lease.enterprise_id',
      'organisation.name',
      'enterprise.credit_code',
      'enterprise.industry_code',
      'enterprise.is_key_enterprise',
      'enterprise.party_org_status',
      sql<boolean>`EXISTS (SELECT 1 FROM instructor_assignment ia WHERE ia.enterprise_id = lease.enterprise_id)`.as('has_instructor'),
      'lease.units',
      'lease.area',
      'lease.start_on',
      'lease.end_on',
      'lease.ended_on',
      sql<
        EventTuple[]
      >`(SELECT json_agg(json_build_array(e.kind, e.effective_on, e.area_after, e.end_on_after, e.id) ORDER BY e.effective_on, e.id)
        FROM lease_event e WHERE e.lease_id = lease.id)`.as('events'),
    ])
    .where('lease.building_id', '=', buildingId)
    .where(overlaps(period))
    .where(scopeWhere(actor, 'lease'))
    .orderBy('lease.start_on')
    .orderBy('lease.id')
    .execute();
  return {
    leases: rows.map((r) => ({
      id: r.id,
      enterpriseId: r.enterprise_id,
      enterpriseName: r.name,
      creditCode: r.credit_code,
      industryCode: r.industry_code,
      isKeyEnterprise: r.is_key_enterprise,
      partyOrgStatus: r.party_org_status,
      hasInstructor: r.has_instructor,
      units: r.units,
      area: Number(r.area),
      startOn: r.start_on,
      endOn: r.end_on,
      endedOn: r.ended_on,
    })),
    events: rows.flatMap((r) =>
      (r.events ?? []).map(([kind, effectiveOn, areaAfter, endOnAfter, id]) => ({
        leaseId: r.id,
        kind,
        effectiveOn,
        areaAfter: Number(areaAfter),
        endOnAfter,
        seq: Number(id),
      })),
    ),
  };
}

/**
 * Every event of every lease of a building that may occupy space in the period,
 * whoever may see them: capacity is a fact about the whole building, so this
 * integrity check must not be narrowed to the caller's view. Never presented.
 */
export async function capacityEvents(db: Kysely<Database>, buildingId: string, period: Period): Promise<LeaseEventFact[]> {
  const rows = await db
    .selectFrom('lease')
    .innerJoin('lease_event', 'lease_event.lease_id', 'lease.id')
    .select([
      'lease_event.lease_id',
      'lease_event.kind',
      'lease_event.effective_on',
      'lease_event.area_after',
      'lease_event.end_on_after',
      'lease_event.id',
    ])
    .where('lease.building_id', '=', buildingId)
    .where(overlaps(period))
    .execute();
  return rows.map(toFact);
}

/**
 * REG-3 the area leased in each building on `on`, for many buildings at once (filters and
 * rankings): one grouped aggregate over the leases of the buildings `buildings` selects, never a
 * subquery per building. The rule is occupancy.ts's: each lease counts the area of its latest
 * event effective on or before the day (DISTINCT ON, in the order of lease_event_lease_idx read
 * backwards), and nothing once the day is past that event's end (a lapsed contract with no expiry
 * recorded frees its space). Every lease counts, whoever asks: vacancy is a fact about the
 * building. A street's few buildings are reached through lease_building_idx; a whole city is
 * one merge of the lease and event indexes. Buildings without a lease in force have no row.
 * `visibleTo` narrows the leases to those an actor may read, as the building list shows them.
 */
export function leasedAreaByBuilding(
  db: Kysely<Database>,
  opts: { on: string; buildings: SelectQueryBuilder<Database, 'building', { id: string }>; visibleTo?: Actor },
) {
  const { on, buildings, visibleTo } = opts;
  const latest = db
    .selectFrom('lease as l')
    .innerJoin('lease_event as e', 'e.lease_id', 'l.id')
    .distinctOn('e.lease_id')
    .select(['l.building_id', 'e.area_after', 'e.end_on_after'])
    .where('l.building_id', 'in', buildings)
    .where('l.start_on', '<=', on)
    .where((eb) => eb.or([eb('l.ended_on', 'is', null), eb('l.ended_on', '>', on)]))
    .where('e.effective_on', '<=', on)
    .$if(visibleTo !== undefined, (q) => q.where(scopeWhere(visibleTo!, 'lease', 'read', 'l')))
    .orderBy('e.lease_id', 'desc')
    .orderBy('e.effective_on', 'desc')
    .orderBy('e.id', 'desc');
  return db
    .selectFrom(latest.as('latest'))
    .select(['latest.building_id', sql<number>`sum(latest.area_after)::float8`.as('leased_area')])
    .where('latest.end_on_after', '>=', on)
    .groupBy('latest.building_id');
}
