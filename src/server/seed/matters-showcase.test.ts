import { describe, expect, it } from 'vitest';
import { createWorkCalendar } from '../../domain/calendar/index.ts';
import { MATTER_STATUSES } from '../../domain/matters/workflow.ts';
import { liveMatter } from './matters-life.ts';
import type { Category, Department, Place } from './matters-plan.ts';
import { showcase, type World } from './matters.ts';
import { seededRandom } from './random.ts';

const place: Place = {
  enterpriseId: '10',
  enterpriseName: '示例科技有限公司',
  enterprisePath: '/1/10/',
  keyEnterprise: false,
  buildingId: '5',
  buildingName: '示例大厦',
  buildingPath: '/1/5/',
  regionCode: '350102001',
};
const tax: Department = { id: '20', path: '/2/20/', name: '鼓楼区税务局', regionCode: '350102', departmentKind: 'tax' };
const categories: Category[] = [
  { id: '1', code: 'tax_service', kind: 'service', departmentKind: 'tax' },
  { id: '2', code: 'tax_consultation', kind: 'consultation', departmentKind: 'tax' },
];
// The part of the seed's world the showcase reads.
const world = {
  users: new Map([
    ['enterprise', { id: '100', name: '企业', organisationId: '10' }],
    ['tax', { id: '200', name: '税务', organisationId: '20' }],
  ]),
  departments: [tax],
  places: [place],
  categories,
} as unknown as World;

describe('DSH-1 the demo enterprise’s showcase holds whatever the hour the demo is seeded', () => {
  const calendar = createWorkCalendar({ overrides: [] });
  // Before office hours on a Monday, a Saturday, the first morning after the National Day holiday, a Friday morning.
  const instants = ['2026-11-29T23:00:00Z', '2026-11-28T02:00:00Z', '2026-10-08T23:30:00Z', '2026-11-27T01:30:00Z', '2026-11-27T09:00:00Z'];
  const check = (now: Date) => {
    const rnd = seededRandom(7);
    const planned = showcase(world, rnd, now, calendar);
    const lives = planned.map((m) => liveMatter({ calendar, rnd, plan: m.plan, level: 'building', now }));
    const statuses = lives.map((l) => l.snapshot.status);
    // The sweep's cards the seed writes name their clocks, as the sweep's own do (MAT-5).
    const cards = lives.flatMap((l) => l.events).filter((e) => e.action === 'supervise');
    expect(cards.length, now.toISOString()).toBeGreaterThan(0);
    for (const e of cards) {
      expect(e.note, now.toISOString()).toMatch(/^(签收|办理|答复)\S*(时限将至|已超时)/);
    }
    expect(new Set(statuses.slice(0, 10)), now.toISOString()).toEqual(new Set(MATTER_STATUSES));
    expect(statuses.slice(10), now.toISOString()).toEqual(expect.arrayContaining(['dispatched', 'accepted']));
    // The enterprise's own list reads as a real one: not ten copies of one complaint.
    expect(new Set(planned.slice(0, 10).map((m) => m.title)).size, now.toISOString()).toBeGreaterThanOrEqual(4);
  };
  for (const instant of instants) {
    it(`a matter in every state, and open dispatches to the tax bureau, at ${instant}`, () => check(new Date(instant)));
  }
  it('and at every 7th hour from mid-September to the end of November 2026 (the National Day holiday and its make-up days inside)', () => {
    for (let t = Date.parse('2026-09-15T00:00:00Z'); t < Date.parse('2026-12-01T00:00:00Z'); t += 7 * 3_600_000) check(new Date(t));
  });
});
