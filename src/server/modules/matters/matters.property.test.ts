import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MATTER_ACTIONS, MATTER_STATUSES, replayMatter, type MatterAction } from '../../../domain/matters/workflow.ts';
import { createTestApp, type Agent, type TestContext } from '../../../../tests/support/app.ts';
import { createMatterWorld, raiseMatter, view, type MatterWorld } from '../../../../tests/support/matter-factories.ts';
import { snapshotOf } from './state.ts';

/** SEC-3 MAT-1 MAT-2: whatever clients send to intake and steps, no 500 and no state outside the workflow. */
let ctx: TestContext;
let w: MatterWorld;

beforeAll(async () => {
  ctx = await createTestApp();
  w = await createMatterWorld(ctx);
});
afterAll(async () => ctx?.close());

const value = () =>
  fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom('1', '2', '999999', '0', '-1', '13812345678', 'satisfied', 'dissatisfied', 'yellow', 'red', '99999999999999999999'),
  );

describe('SEC-3 MAT-1 MAT-2 property: intake and steps never fail and never leave the workflow', () => {
  it('random intake bodies answer 2xx or 4xx with a message', async () => {
    const keys = [
      'categoryId',
      'title',
      'description',
      'enterpriseId',
      'buildingId',
      'regionCode',
      'urgent',
      'contactName',
      'contactPhone',
      'address',
      'source',
      'extra',
    ];
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom(...keys), value(), { maxKeys: keys.length }), async (body) => {
        const res = await w.as.enterprise.request('POST', '/api/matters', body);
        expect(res.statusCode, `${JSON.stringify(body)} → ${res.body}`).toBeLessThan(500);
        if (res.statusCode >= 400) expect(res.json().error.message).toBeTruthy();
      }),
      { numRuns: 60 },
    );
  });

  it('random steps by random desks keep every matter in a status of the table, replayable from its events', async () => {
    const agents: Agent[] = [w.as.enterprise, w.as.building, w.as.street, w.as.district, w.as.city, w.as.tax, w.as.talent];
    const ids = [await raiseMatter(w), await raiseMatter(w)];
    const stepArb = fc.record({
      agent: fc.integer({ min: 0, max: agents.length - 1 }),
      matter: fc.integer({ min: 0, max: ids.length - 1 }),
      action: fc.constantFrom(...MATTER_ACTIONS),
      note: fc.option(fc.constantFrom('说明', '', '  '), { nil: undefined }),
      handlerOrgId: fc.option(fc.constantFrom(w.taxOrgId, w.talentOrgId, '1', '999999'), { nil: undefined }),
      extensionDays: fc.option(fc.constantFrom(1, 2, 0, -3, 100), { nil: undefined }),
      satisfaction: fc.option(fc.constantFrom('satisfied', 'basically_satisfied', 'dissatisfied', 'meh'), { nil: undefined }),
      colour: fc.option(fc.constantFrom('yellow', 'red', 'green'), { nil: undefined }),
      staleVersion: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 5, maxLength: 25 }), async (steps) => {
        for (const s of steps) {
          const id = ids[s.matter]!;
          const { version } = await view(w.as.building, id);
          const { agent, matter: _m, staleVersion, ...body } = s;
          const res = await agents[agent]!.request('POST', `/api/matters/${id}/steps`, {
            ...body,
            version: staleVersion ? version - 1 : version,
          });
          expect(res.statusCode, `${s.action} → ${res.body}`).toBeLessThan(500);
          if (staleVersion && res.statusCode < 300) throw new Error('a stale version was applied');
        }
      }),
      { numRuns: 8 },
    );
    for (const id of ids) {
      const row = await ctx.db.kysely.selectFrom('matter').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(MATTER_STATUSES).toContain(row.status);
      const events = await ctx.db.kysely.selectFrom('matter_event').selectAll().where('matter_id', '=', id).orderBy('seq').execute();
      const replayed = replayMatter(
        events.map((e) => ({
          action: e.action as MatterAction,
          note: e.note,
          data: e.data as Record<string, never>,
          level: e.level as 'building',
        })),
      );
      expect(replayed).toEqual(snapshotOf(row));
    }
  });
});
