import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  applyLeaseEvent,
  fitsOfficeArea,
  leaseAreaOn,
  leasedAreaOn,
  leasesOccupyingOn,
  monthEnd,
  monthlyTimeline,
  occupancyOf,
  occupancyOn,
  peakLeasedArea,
  type LeaseEventFact,
  type LeaseEventInput,
  type LeaseState,
} from './occupancy.ts';

const BASE = '2024-01-01';
const day = (n: number) => addDays(BASE, n);

/** One lease's history built through the same rules the server applies, so only possible histories are generated. */
function history(leaseId: string, start: number, length: number, area: number, steps: { kind: LeaseEventInput['kind']; gap: number; area: number; extend: number }[]) {
  const events: LeaseEventFact[] = [{ leaseId, kind: 'move_in', effectiveOn: day(start), areaAfter: area, endOnAfter: day(start + length), seq: 0 }];
  let state: LeaseState = { startOn: day(start), area, endOn: day(start + length), endedOn: null, lastEffectiveOn: day(start) };
  let at = start;
  for (const [i, s] of steps.entries()) {
    at += s.gap;
    const input: LeaseEventInput = { kind: s.kind, effectiveOn: day(at), area: s.area, endOn: addDays(state.endOn, s.extend) };
    const out = applyLeaseEvent(state, input);
    if (!out.ok) continue;
    events.push({ leaseId, kind: s.kind, effectiveOn: input.effectiveOn, areaAfter: out.areaAfter, endOnAfter: out.endOnAfter, seq: i + 1 });
    state = { ...state, area: out.areaAfter, endOn: out.endOnAfter, endedOn: out.endedOn, lastEffectiveOn: input.effectiveOn };
  }
  return events;
}

const areaArb = fc.integer({ min: 100, max: 200_000 }).map((c) => c / 100);
const stepArb = fc.record({
  kind: fc.constantFrom<LeaseEventInput['kind']>('move_out', 'area_change', 'renewal', 'expiry'),
  gap: fc.integer({ min: 0, max: 200 }),
  area: areaArb,
  extend: fc.integer({ min: 1, max: 400 }),
});
const leaseArb = fc.record({
  start: fc.integer({ min: 0, max: 500 }),
  length: fc.integer({ min: 0, max: 700 }),
  area: areaArb,
  steps: fc.array(stepArb, { maxLength: 5 }),
});
const buildingArb = fc.array(leaseArb, { minLength: 0, maxLength: 6 }).map((leases) => leases.flatMap((l, i) => history(`L${i}`, l.start, l.length, l.area, l.steps)));

/**
 * An independent reading of the same rule: each event holds from its effective
 * day until the next event or its end date, whichever comes first.
 */
function intervalArea(events: LeaseEventFact[], on: string): number {
  let sum = 0;
  const leases = new Set(events.map((e) => e.leaseId));
  for (const id of leases) {
    const mine = events.filter((e) => e.leaseId === id).sort((a, b) => (a.effectiveOn === b.effectiveOn ? a.seq - b.seq : a.effectiveOn < b.effectiveOn ? -1 : 1));
    mine.forEach((e, i) => {
      const next = mine.slice(i + 1).find((n) => n.effectiveOn > e.effectiveOn);
      const sameDayLater = mine.slice(i + 1).some((n) => n.effectiveOn === e.effectiveOn);
      if (sameDayLater) return;
      const last = next && addDays(next.effectiveOn, -1) < e.endOnAfter ? addDays(next.effectiveOn, -1) : e.endOnAfter;
      if (on >= e.effectiveOn && on <= last) sum += e.areaAfter;
    });
  }
  return Math.round(sum * 100) / 100;
}

describe('REG-3 occupancy from lease events', () => {
  it('REG-3 area leased on a day agrees with an interval reading of the events', () => {
    fc.assert(
      fc.property(buildingArb, fc.integer({ min: -10, max: 1600 }), (events, d) => {
        expect(leasedAreaOn(events, day(d))).toBeCloseTo(intervalArea(events, day(d)), 2);
      }),
      { numRuns: 300 },
    );
  });

  it('REG-3 rates stay within 0–1 and add up to one', () => {
    fc.assert(
      fc.property(buildingArb, fc.integer({ min: 100, max: 5_000 }), fc.integer({ min: 0, max: 1500 }), (events, office, d) => {
        const o = occupancyOn({ officeArea: office, events, on: day(d) });
        expect(o.occupancyRate).toBeGreaterThanOrEqual(0);
        expect(o.occupancyRate).toBeLessThanOrEqual(1);
        expect(o.occupancyRate + o.vacancyRate).toBeCloseTo(1, 4);
        expect(o.vacantArea).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('REG-3 the peak over a period bounds every day of it and is reached on one', () => {
    fc.assert(
      fc.property(buildingArb, fc.integer({ min: 0, max: 900 }), fc.integer({ min: 0, max: 120 }), (events, from, span) => {
        const peak = peakLeasedArea(events, day(from), day(from + span));
        let max = 0;
        for (let d = from; d <= from + span; d++) max = Math.max(max, leasedAreaOn(events, day(d)));
        expect(peak).toBeCloseTo(max, 2);
      }),
      { numRuns: 150 },
    );
  });

  it('REG-3 after a move-out the lease occupies nothing, whatever the day', () => {
    fc.assert(
      fc.property(leaseArb, fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 1000 }), (l, gap, later) => {
        const events = history('L', l.start, l.length, l.area, [{ kind: 'move_out', gap, area: 1, extend: 1 }]);
        const moveOut = events.find((e) => e.kind === 'move_out')!;
        expect(leaseAreaOn(events, addDays(moveOut.effectiveOn, later))).toBe(0);
      }),
    );
  });

  it('REG-3 a worked example: move-in, growth, renewal, move-out', () => {
    const events: LeaseEventFact[] = [
      { leaseId: '1', kind: 'move_in', effectiveOn: '2024-03-01', areaAfter: 500, endOnAfter: '2025-02-28', seq: 1 },
      { leaseId: '1', kind: 'area_change', effectiveOn: '2024-09-01', areaAfter: 800, endOnAfter: '2025-02-28', seq: 2 },
      { leaseId: '1', kind: 'renewal', effectiveOn: '2025-02-01', areaAfter: 800, endOnAfter: '2026-02-28', seq: 3 },
      { leaseId: '1', kind: 'move_out', effectiveOn: '2025-06-15', areaAfter: 0, endOnAfter: '2026-02-28', seq: 4 },
      { leaseId: '2', kind: 'move_in', effectiveOn: '2024-01-01', areaAfter: 1000, endOnAfter: '2024-12-31', seq: 5 },
    ];
    expect(leasedAreaOn(events, '2024-02-29')).toBe(1000);
    expect(leasedAreaOn(events, '2024-03-01')).toBe(1500);
    expect(leasedAreaOn(events, '2024-09-01')).toBe(1800);
    // Lease 2 ran out on 31 December without a renewal: it no longer counts.
    expect(leasedAreaOn(events, '2025-01-01')).toBe(800);
    expect(leasedAreaOn(events, '2025-06-14')).toBe(800);
    expect(leasedAreaOn(events, '2025-06-15')).toBe(0);
    expect([...leasesOccupyingOn(events, '2024-10-01')]).toEqual([
      ['1', 800],
      ['2', 1000],
    ]);
    expect(occupancyOn({ officeArea: 2000, events, on: '2024-09-01' })).toEqual({ leasedArea: 1800, vacantArea: 200, occupancyRate: 0.9, vacancyRate: 0.1 });
    expect(peakLeasedArea(events, '2024-01-01', '2024-12-31')).toBe(1800);
    expect(fitsOfficeArea(1800 + 200, 2000)).toBe(true);
    expect(fitsOfficeArea(0.1 + 0.2, 0.3)).toBe(true);
    expect(fitsOfficeArea(2000.01, 2000)).toBe(false);
  });

  it('REG-3 the monthly timeline covers twelve months, each measured on its last day and the running month today', () => {
    const events: LeaseEventFact[] = [{ leaseId: '1', kind: 'move_in', effectiveOn: '2024-06-30', areaAfter: 250, endOnAfter: '2030-01-01', seq: 1 }];
    const t = monthlyTimeline({ officeArea: 1000, events, until: '2025-03-10' });
    expect(t).toHaveLength(12);
    expect(t.map((p) => p.month)).toEqual(['2024-04', '2024-05', '2024-06', '2024-07', '2024-08', '2024-09', '2024-10', '2024-11', '2024-12', '2025-01', '2025-02', '2025-03']);
    expect(t[0]).toMatchObject({ on: '2024-04-30', leasedArea: 0, occupancyRate: 0 });
    expect(t[2]).toMatchObject({ on: '2024-06-30', leasedArea: 250, occupancyRate: 0.25 });
    expect(t[10]!.on).toBe('2025-02-28');
    expect(t[11]).toMatchObject({ on: '2025-03-10', ...occupancyOn({ officeArea: 1000, events, on: '2025-03-10' }) });
    expect(monthEnd('2024-03-31', 1)).toBe('2024-02-29');
  });

  it('REG-3 more leased than the office area reads as full, not above 100 %', () => {
    expect(occupancyOf(1000, 1200)).toEqual({ leasedArea: 1200, vacantArea: 0, occupancyRate: 1, vacancyRate: 0 });
  });
});

describe('REG-3 lease event rules', () => {
  const state: LeaseState = { startOn: '2024-01-01', area: 300, endOn: '2024-12-31', endedOn: null, lastEffectiveOn: '2024-05-01' };

  it('REG-3 a lease ends once: a second move-out is a conflict', () => {
    const first = applyLeaseEvent(state, { kind: 'move_out', effectiveOn: '2024-06-01' });
    expect(first).toEqual({ ok: true, areaAfter: 0, endOnAfter: '2024-12-31', endedOn: '2024-06-01' });
    expect(applyLeaseEvent({ ...state, endedOn: '2024-06-01' }, { kind: 'move_out', effectiveOn: '2024-06-02' })).toEqual({ ok: false, reason: 'ended' });
  });

  it('REG-3 events are recorded in order, and each kind asks for what it changes', () => {
    expect(applyLeaseEvent(state, { kind: 'move_out', effectiveOn: '2024-04-30' })).toMatchObject({ ok: false, field: 'effectiveOn', reason: 'before_last_event' });
    expect(applyLeaseEvent(state, { kind: 'expiry', effectiveOn: '2024-12-31' })).toMatchObject({ ok: false, reason: 'expiry_before_end' });
    expect(applyLeaseEvent(state, { kind: 'expiry', effectiveOn: '2025-01-01' })).toMatchObject({ ok: true, areaAfter: 0, endedOn: '2025-01-01' });
    expect(applyLeaseEvent(state, { kind: 'area_change', effectiveOn: '2024-06-01' })).toMatchObject({ ok: false, field: 'area', reason: 'area_required' });
    expect(applyLeaseEvent(state, { kind: 'area_change', effectiveOn: '2024-06-01', area: 300 })).toMatchObject({ ok: false, reason: 'area_unchanged' });
    expect(applyLeaseEvent(state, { kind: 'area_change', effectiveOn: '2025-06-01', area: 400 })).toMatchObject({ ok: false, reason: 'after_end' });
    expect(applyLeaseEvent(state, { kind: 'area_change', effectiveOn: '2024-06-01', area: 400.555 })).toMatchObject({ ok: true, areaAfter: 400.56, endedOn: null });
    expect(applyLeaseEvent(state, { kind: 'renewal', effectiveOn: '2024-06-01' })).toMatchObject({ ok: false, field: 'endOn', reason: 'end_required' });
    expect(applyLeaseEvent(state, { kind: 'renewal', effectiveOn: '2024-06-01', endOn: '2024-12-31' })).toMatchObject({ ok: false, reason: 'end_not_later' });
    expect(applyLeaseEvent(state, { kind: 'renewal', effectiveOn: '2025-03-01', endOn: '2025-02-01' })).toMatchObject({ ok: false, reason: 'end_before_effective' });
    expect(applyLeaseEvent(state, { kind: 'renewal', effectiveOn: '2024-12-01', endOn: '2025-12-31' })).toEqual({ ok: true, areaAfter: 300, endOnAfter: '2025-12-31', endedOn: null });
  });
});
