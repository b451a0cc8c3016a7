/**
 * REG-3 leases as events, and what they say about a building's occupancy.
 *
 * A lease event states the lease's area and contractual end from its effective
 * day on. The area a lease occupies on a day is therefore the area of its
 * latest event effective on or before that day, as long as that day is within
 * the contract (on or before the event's end date): a contract that runs out
 * without a renewal stops counting even before anyone records its expiry, so
 * vacancy is never overstated by forgotten paperwork.
 *
 * Dates are calendar dates 'YYYY-MM-DD' (China), compared as strings.
 */

export type LeaseEventKind = 'move_in' | 'move_out' | 'area_change' | 'renewal' | 'expiry';

export interface LeaseEventFact {
  leaseId: string;
  kind: LeaseEventKind;
  effectiveOn: string;
  areaAfter: number;
  endOnAfter: string;
  /** Recording order, for two events effective on the same day (the event id). */
  seq: number;
}

export interface Occupancy {
  leasedArea: number;
  vacantArea: number;
  occupancyRate: number;
  vacancyRate: number;
}

export interface TimelinePoint extends Occupancy {
  /** 'YYYY-MM' */
  month: string;
  /** The day the month is measured on: its last day, or `until` for the running month. */
  on: string;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const round4 = (n: number) => Math.round(n * 10_000) / 10_000;

function toUtc(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}
function fromUtc(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return fromUtc(d);
}

/** The last day of the month `monthsBack` months before the month of `date`. */
export function monthEnd(date: string, monthsBack = 0): string {
  const d = toUtc(date);
  return fromUtc(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - monthsBack + 1, 0)));
}

function byEffective(a: LeaseEventFact, b: LeaseEventFact): number {
  if (a.effectiveOn !== b.effectiveOn) return a.effectiveOn < b.effectiveOn ? -1 : 1;
  return a.seq - b.seq;
}

function groupByLease(events: readonly LeaseEventFact[]): LeaseEventFact[][] {
  const groups = new Map<string, LeaseEventFact[]>();
  for (const e of events) {
    const list = groups.get(e.leaseId);
    if (list) list.push(e);
    else groups.set(e.leaseId, [e]);
  }
  return [...groups.values()].map((list) => list.sort(byEffective));
}

/** The area one lease occupies on `on`, from its events sorted by effective day and recording order. */
function sortedLeaseAreaOn(sorted: readonly LeaseEventFact[], on: string): number {
  let current: LeaseEventFact | undefined;
  for (const e of sorted) {
    if (e.effectiveOn > on) break;
    current = e;
  }
  if (!current || on > current.endOnAfter) return 0;
  return current.areaAfter;
}

/** The area one lease occupies on `on` (its events in any order). */
export function leaseAreaOn(events: readonly LeaseEventFact[], on: string): number {
  return sortedLeaseAreaOn([...events].sort(byEffective), on);
}

/** Total area leased on `on` over the events of any number of leases. */
export function leasedAreaOn(events: readonly LeaseEventFact[], on: string): number {
  return round2(groupByLease(events).reduce((sum, lease) => sum + sortedLeaseAreaOn(lease, on), 0));
}

/** Rates from areas; more leased than the office area (bad data) reads as full, never above 100 %. */
export function occupancyOf(officeArea: number, leasedArea: number): Occupancy {
  const leased = round2(Math.max(0, leasedArea));
  if (!(officeArea > 0)) return { leasedArea: leased, vacantArea: 0, occupancyRate: 0, vacancyRate: 0 };
  const occupancyRate = round4(Math.min(1, leased / officeArea));
  return { leasedArea: leased, vacantArea: round2(Math.max(0, officeArea - leased)), occupancyRate, vacancyRate: round4(1 - occupancyRate) };
}

export function occupancyOn(opts: { officeArea: number; events: readonly LeaseEventFact[]; on: string }): Occupancy {
  return occupancyOf(opts.officeArea, leasedAreaOn(opts.events, opts.on));
}

/** Leases that occupy space on `on`, with their area then. */
export function leasesOccupyingOn(events: readonly LeaseEventFact[], on: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const lease of groupByLease(events)) {
    const area = sortedLeaseAreaOn(lease, on);
    if (area > 0) out.set(lease[0]!.leaseId, area);
  }
  return out;
}

/**
 * Occupancy month by month for the `months` months up to `until`: each month is
 * measured on its last day, the running month on `until` itself.
 */
export function monthlyTimeline(opts: { officeArea: number; events: readonly LeaseEventFact[]; until: string; months?: number }): TimelinePoint[] {
  const months = opts.months ?? 12;
  const leases = groupByLease(opts.events);
  const points: TimelinePoint[] = [];
  for (let back = months - 1; back >= 0; back--) {
    const on = back === 0 ? opts.until : monthEnd(opts.until, back);
    const leased = leases.reduce((sum, lease) => sum + sortedLeaseAreaOn(lease, on), 0);
    points.push({ month: on.slice(0, 7), on, ...occupancyOf(opts.officeArea, leased) });
  }
  return points;
}

/**
 * The most area leased on any day from `from` to `to` inclusive. Leased area
 * only rises on an event's effective day, so those days (and `from`) are the
 * only ones to look at.
 */
export function peakLeasedArea(events: readonly LeaseEventFact[], from: string, to: string): number {
  const leases = groupByLease(events);
  const days = new Set([from]);
  for (const e of events) if (e.effectiveOn > from && e.effectiveOn <= to) days.add(e.effectiveOn);
  let peak = 0;
  for (const day of days) peak = Math.max(peak, leases.reduce((sum, lease) => sum + sortedLeaseAreaOn(lease, day), 0));
  return round2(peak);
}

/** Whether leasing `area` more than now fits: compared in whole cents so float sums cannot tip it. */
export function fitsOfficeArea(peak: number, officeArea: number): boolean {
  return Math.round(peak * 100) <= Math.round(officeArea * 100);
}

/** A lease's state after its latest event, as the lease row keeps it. */
export interface LeaseState {
  startOn: string;
  area: number;
  endOn: string;
  /** The day a move-out or expiry took effect: the first day no longer occupied. */
  endedOn: string | null;
  /** The effective day of the latest event: events are recorded in order. */
  lastEffectiveOn: string;
}

export interface LeaseEventInput {
  kind: Exclude<LeaseEventKind, 'move_in'>;
  effectiveOn: string;
  area?: number | null | undefined;
  endOn?: string | null | undefined;
}

/** Why an event cannot be recorded; `ended` is a conflict (someone ended the lease first), the rest name a field. */
export type LeaseEventRefusal =
  | { reason: 'ended' }
  | { reason: 'before_last_event'; field: 'effectiveOn' }
  | { reason: 'expiry_before_end'; field: 'effectiveOn' }
  | { reason: 'after_end'; field: 'effectiveOn' }
  | { reason: 'area_required'; field: 'area' }
  | { reason: 'area_unchanged'; field: 'area' }
  | { reason: 'end_required'; field: 'endOn' }
  | { reason: 'end_not_later'; field: 'endOn' }
  | { reason: 'end_before_effective'; field: 'endOn' };

export type LeaseEventOutcome = { ok: true; areaAfter: number; endOnAfter: string; endedOn: string | null } | ({ ok: false } & LeaseEventRefusal);

/** REG-3 the rules of a lease's life: what each event may do, given the lease so far. */
export function applyLeaseEvent(state: LeaseState, input: LeaseEventInput): LeaseEventOutcome {
  if (state.endedOn !== null) return { ok: false, reason: 'ended' };
  if (input.effectiveOn < state.lastEffectiveOn) return { ok: false, reason: 'before_last_event', field: 'effectiveOn' };
  switch (input.kind) {
    case 'move_out':
      return { ok: true, areaAfter: 0, endOnAfter: state.endOn, endedOn: input.effectiveOn };
    case 'expiry':
      // Before its end the contract has not expired: leaving early is a move-out.
      if (input.effectiveOn <= state.endOn) return { ok: false, reason: 'expiry_before_end', field: 'effectiveOn' };
      return { ok: true, areaAfter: 0, endOnAfter: state.endOn, endedOn: input.effectiveOn };
    case 'area_change':
      if (input.area == null || !(input.area > 0)) return { ok: false, reason: 'area_required', field: 'area' };
      if (round2(input.area) === round2(state.area)) return { ok: false, reason: 'area_unchanged', field: 'area' };
      if (input.effectiveOn > state.endOn) return { ok: false, reason: 'after_end', field: 'effectiveOn' };
      return { ok: true, areaAfter: round2(input.area), endOnAfter: state.endOn, endedOn: null };
    case 'renewal':
      if (!input.endOn) return { ok: false, reason: 'end_required', field: 'endOn' };
      if (input.endOn <= state.endOn) return { ok: false, reason: 'end_not_later', field: 'endOn' };
      if (input.endOn < input.effectiveOn) return { ok: false, reason: 'end_before_effective', field: 'endOn' };
      if (input.area != null && !(input.area > 0)) return { ok: false, reason: 'area_required', field: 'area' };
      return { ok: true, areaAfter: round2(input.area ?? state.area), endOnAfter: input.endOn, endedOn: null };
  }
}
