import type { Kysely } from 'kysely';
import { addDays, leasesOccupyingOn, monthEnd, monthlyTimeline, occupancyOf, type LeaseEventFact } from '../../../domain/registry/occupancy.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';
import { tenantsOverlapping, type TenantLease } from '../leases/facts.ts';
import { presentBuilding, presentBuildingCoverage, presentCommittees, presentLiaisonSlots, presentTenant, presentUnit } from './presenter.ts';
import { loadBuildingPage } from './page-query.ts';
import { findBuilding, listUnits } from './queries.ts';

/**
 * Read models of a building (REG-1…6). The building page is one call that the
 * page renders whole: a handful of indexed queries, none per enterprise.
 */

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function currentTenants(leases: readonly TenantLease[], events: readonly LeaseEventFact[], today: string) {
  const occupying = leasesOccupyingOn(events, today);
  return leases.filter((l) => occupying.has(l.id)).map((l) => ({ lease: l, area: occupying.get(l.id)! }));
}

export async function buildingDetail(db: Kysely<Database>, actor: Actor, id: string, today: string) {
  const [row, units, { leases, events }] = await Promise.all([findBuilding(db, actor, id), listUnits(db, id), tenantsOverlapping(db, actor, id, { from: today, to: today })]);
  if (!row) return undefined;
  const current = currentTenants(leases, events, today);
  const occupancy = occupancyOf(
    Number(row.office_area),
    current.reduce((s, t) => s + t.area, 0),
  );
  return {
    ...presentBuilding(row, occupancy),
    units: units.map(presentUnit),
    coverage: presentBuildingCoverage(
      row,
      current.map((t) => t.lease),
    ),
  };
}

export interface LeaseWarning {
  kind: 'expiring' | 'overdue' | 'moved_out';
  leaseId: string;
  enterpriseId: string;
  enterpriseName: string;
  date: string;
  days: number;
  area: number;
}

/**
 * REG-3 what the building page warns about: leases ending within `withinDays`,
 * leases past their end with nothing recorded, and move-outs in the last (or
 * next) `withinDays` days — the same facts the notification sweep announces.
 */
export function leaseWarnings(leases: readonly TenantLease[], events: readonly LeaseEventFact[], today: string, withinDays: number): LeaseWarning[] {
  const out: LeaseWarning[] = [];
  for (const l of leases) {
    const base = { leaseId: l.id, enterpriseId: l.enterpriseId, enterpriseName: l.enterpriseName };
    if (l.endedOn === null) {
      const days = daysBetween(today, l.endOn);
      if (days < 0) out.push({ ...base, kind: 'overdue', date: l.endOn, days, area: l.area });
      else if (days <= withinDays) out.push({ ...base, kind: 'expiring', date: l.endOn, days, area: l.area });
      continue;
    }
    const mine = events.filter((e) => e.leaseId === l.id).sort((a, b) => (a.effectiveOn === b.effectiveOn ? a.seq - b.seq : a.effectiveOn < b.effectiveOn ? -1 : 1));
    const last = mine.at(-1);
    if (last?.kind !== 'move_out' || daysBetween(today, last.effectiveOn) < -withinDays) continue;
    const freed = mine.at(-2)?.areaAfter ?? l.area;
    out.push({ ...base, kind: 'moved_out', date: last.effectiveOn, days: daysBetween(today, last.effectiveOn), area: freed });
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

export async function buildingPage(db: Kysely<Database>, actor: Actor, id: string, opts: { today: string; warningDays: number }) {
  const { today, warningDays } = opts;
  // The timeline's first measuring day is the end of the month eleven months back; warnings look back warningDays.
  const timelineFrom = monthEnd(today, 11);
  const warnFrom = addDays(today, -warningDays);
  const from = warnFrom < timelineFrom ? warnFrom : timelineFrom;
  const data = await loadBuildingPage(db, actor, id, { from, to: today }, today);
  if (!data) return undefined;
  const { row, units, leases, events, liaisons, posts } = data;
  const officeArea = Number(row.office_area);
  const timeline = monthlyTimeline({ officeArea, events, until: today });
  const current = currentTenants(leases, events, today);
  return {
    building: {
      ...presentBuilding(row, timeline.at(-1)!),
      units: units.map(presentUnit),
      coverage: presentBuildingCoverage(
        row,
        current.map((t) => t.lease),
      ),
    },
    today,
    timeline,
    enterprises: current.map((t) => presentTenant(t.lease, t.area)).sort((a, b) => b.area - a.area),
    liaisons: presentLiaisonSlots(liaisons),
    committees: presentCommittees(row, posts),
    warnings: leaseWarnings(leases, events, today, warningDays),
  };
}

/** REG-3 the building's occupancy on any day, with the leases that make it up. */
export async function buildingOccupancy(db: Kysely<Database>, actor: Actor, id: string, on: string) {
  const [row, { leases, events }] = await Promise.all([findBuilding(db, actor, id), tenantsOverlapping(db, actor, id, { from: on, to: on })]);
  if (!row) return undefined;
  const current = currentTenants(leases, events, on);
  const officeArea = Number(row.office_area);
  return {
    buildingId: id,
    on,
    officeArea,
    ...occupancyOf(
      officeArea,
      current.reduce((s, t) => s + t.area, 0),
    ),
    leases: current.map((t) => ({ leaseId: t.lease.id, enterpriseId: t.lease.enterpriseId, enterpriseName: t.lease.enterpriseName, area: t.area })),
  };
}
