import type { LeaseEventKind } from '../../db/schema.ts';
import type { LeaseRow } from './queries.ts';
import type { LeaseStatus } from './schemas.ts';

export function leaseStatus(l: { start_on: string; end_on: string; ended_on: string | null }, today: string): LeaseStatus {
  if (l.ended_on !== null && l.ended_on <= today) return 'ended';
  if (l.start_on > today) return 'upcoming';
  if (l.end_on < today) return 'lapsed';
  return 'current';
}

export function presentLease(row: LeaseRow, today: string) {
  return {
    id: row.id,
    buildingId: row.building_id,
    buildingName: row.building_name,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    units: row.units,
    area: Number(row.area),
    startOn: row.start_on,
    endOn: row.end_on,
    endedOn: row.ended_on,
    monthlyRent: row.monthly_rent === null ? null : Number(row.monthly_rent),
    externalRef: row.external_ref,
    status: leaseStatus(row, today),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function presentLeaseEvent(e: { id: string; kind: LeaseEventKind; effective_on: string; area_after: string; end_on_after: string; note: string | null; created_at: Date }) {
  return {
    id: e.id,
    kind: e.kind,
    effectiveOn: e.effective_on,
    areaAfter: Number(e.area_after),
    endOnAfter: e.end_on_after,
    note: e.note,
    createdAt: e.created_at.toISOString(),
  };
}
