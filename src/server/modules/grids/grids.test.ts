import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Agent, type TestContext } from '../../../../tests/support/app.ts';
import { createPerson, createRegionTree, createUser, type RegionTree } from '../../../../tests/support/factories.ts';
import { createGridVillage } from '../../../../tests/support/grid-factories.ts';

let ctx: TestContext;
let tree: RegionTree;
let village: Agent;

beforeAll(async () => {
  ctx = await createTestApp();
  tree = await createRegionTree(ctx.db.kysely);
  const u = await createUser(ctx.db.kysely, { role: 'village', regionCode: tree.villages[0][0] });
  village = await login(ctx.app, u.username, u.password);
});
afterAll(() => ctx.close());

interface Run {
  id: string;
  status: string;
  stats: {
    assigned: number;
    unassigned: number;
    membersUnderMin: number;
    membersOverMax: number;
    totalDistanceKm: number;
    load: { min: number; max: number };
  };
  baseline: { totalDistanceKm: number };
  violations: { kind: string; message: string }[];
  changed: number;
}

describe('GRD-1 grids, households and 党员包户', () => {
  it('GRD-1 a village office creates a grid and a household whose residents are stored sealed and shown masked', async () => {
    const v = tree.villages[0][0];
    const grid = await village.request('POST', '/api/grids', { villageCode: v, name: '上屋组' });
    expect(grid.statusCode, grid.body).toBe(201);
    const twice = await village.request('POST', '/api/grids', { villageCode: v, name: '上屋组' });
    expect(twice.json().error.fields).toEqual([{ path: 'name', message: '本村已有同名网格' }]);
    const res = await village.request('POST', '/api/households', {
      villageCode: v,
      gridId: grid.json().id,
      address: '上屋组 8 号',
      residents: [
        { relation: 'head', name: '钟兴华', birthYear: 1962, phone: '13907971234' },
        { relation: 'spouse', name: '刘秀英', birthYear: 1965 },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.residentList.map((r: { name: string }) => r.name)).toEqual(['钟*华', '刘*英']);
    expect(body.residentList[0].phone).toBe('139****1234');
    expect(body.personalDataMasked).toBe(true);
    expect(body.headName).toBe('钟*华');
    const stored = await ctx.db.kysely
      .selectFrom('household_resident')
      .select(['name_enc', 'phone_enc'])
      .where('household_id', '=', body.id)
      .execute();
    expect(JSON.stringify(stored)).not.toMatch(/钟兴华|13907971234/);
    const bad = await village.request('POST', '/api/households', {
      villageCode: v,
      address: '无户主',
      residents: [{ relation: 'spouse', name: '某某' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual([{ path: 'residents', message: '每户须有且只有一名户主' }]);
  });

  it('GRD-1 the preview keeps pins and applies exemptions, beats greedy, and apply writes exactly what was previewed, once', async () => {
    const db = ctx.db.kysely;
    const v = tree.villages[0][1];
    const user = await createUser(db, { role: 'village', regionCode: v });
    const office = await login(ctx.app, user.username, user.password);
    const { memberIds, householdIds } = await createGridVillage(db, { villageCode: v, members: 4, households: 100 });
    const old = await createPerson(db, { regionCode: v, isPartyMember: true, name: '老党员' });
    await db.updateTable('person').set({ birth_date: '1940-03-01' }).where('id', '=', old.id).execute();
    await db
      .insertInto('grid_member')
      .values({ person_id: old.id, village_code: v, grid_id: null, lng: 115.36, lat: 26.34, exempt: null, exempt_note: null })
      .execute();

    const preview = await office.request('POST', '/api/household-assignment/preview', {
      regionCode: v,
      pins: [{ householdId: householdIds[0], memberId: memberIds[3] }],
      exemptions: [{ memberId: memberIds[2], exempt: true }],
    });
    expect(preview.statusCode, preview.body).toBe(201);
    const run = preview.json() as Run;
    // Three members carry 100 households: 30 is the maximum, so 10 stay uncovered and are listed.
    expect(run.stats.assigned).toBe(90);
    expect(run.stats.load.max).toBeLessThanOrEqual(30);
    expect(run.violations.filter((x) => x.kind === 'household_uncovered')).toHaveLength(10);
    expect(run.stats.totalDistanceKm).toBeLessThanOrEqual(run.baseline.totalDistanceKm + 1e-6);
    // Nothing written by a preview.
    expect(
      (await db.selectFrom('household').select('id').where('village_code', '=', v).where('member_person_id', 'is not', null).execute())
        .length,
    ).toBe(0);

    const applied = await office.request('POST', `/api/household-assignment/runs/${run.id}/apply`);
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json().status).toBe('applied');
    const rows = await db.selectFrom('household').select(['id', 'member_person_id', 'pinned']).where('village_code', '=', v).execute();
    expect(rows.filter((r) => r.member_person_id !== null)).toHaveLength(90);
    expect(rows.find((r) => r.id === householdIds[0])).toMatchObject({ member_person_id: memberIds[3], pinned: true });
    expect(rows.some((r) => r.member_person_id === memberIds[2] || r.member_person_id === old.id)).toBe(false);
    expect(
      (await db.selectFrom('grid_member').select('exempt').where('person_id', '=', memberIds[2]!).executeTakeFirstOrThrow()).exempt,
    ).toBe(true);
    const again = await office.request('POST', `/api/household-assignment/runs/${run.id}/apply`);
    expect(again.statusCode).toBe(409);
    const audit = await db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'household_assignment_run')
      .where('entity_id', '=', run.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['household_assignment.apply']);
  });

  it('GRD-1 a preview goes stale when a household changes before it is applied', async () => {
    const db = ctx.db.kysely;
    const v = tree.villages[1][0];
    const user = await createUser(db, { role: 'street', regionCode: tree.townships[1] });
    const office = await login(ctx.app, user.username, user.password);
    const { householdIds } = await createGridVillage(db, { villageCode: v, members: 2, households: 44 });
    const run = (await office.request('POST', '/api/household-assignment/preview', { regionCode: v })).json() as Run;
    expect(run.stats.membersUnderMin).toBe(0);
    await db.updateTable('household').set({ lng: 115.4 }).where('id', '=', householdIds[5]!).execute();
    const res = await office.request('POST', `/api/household-assignment/runs/${run.id}/apply`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe('预览之后农户、党员或包户关系已有变化，请重新预览');
  });

  it('GRD-1 the coverage list shows each member’s load and the violations: under 20, uncovered, exempt members carrying households', async () => {
    const db = ctx.db.kysely;
    const v = tree.villages[1][1];
    const user = await createUser(db, { role: 'village', regionCode: v });
    const office = await login(ctx.app, user.username, user.password);
    const { memberIds, householdIds } = await createGridVillage(db, { villageCode: v, members: 3, households: 40 });
    await db.updateTable('household').set({ member_person_id: memberIds[0]! }).where('id', 'in', householdIds.slice(0, 25)).execute();
    await db.updateTable('household').set({ member_person_id: memberIds[1]! }).where('id', 'in', householdIds.slice(25, 35)).execute();
    await db.updateTable('grid_member').set({ exempt: true }).where('person_id', '=', memberIds[1]!).execute();
    const res = await office.request('GET', `/api/household-coverage?regionCode=${v}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ households: 40, covered: 35, min: 20, max: 30 });
    expect(body.members.map((m: { households: number }) => m.households)).toEqual([25, 10, 0]);
    const kinds = body.violations.map((x: { kind: string }) => x.kind);
    expect(kinds.filter((k: string) => k === 'household_uncovered')).toHaveLength(5);
    expect(kinds).toContain('exempt_member_assigned');
    expect(kinds.filter((k: string) => k === 'member_under_min')).toHaveLength(1);
    const under = body.violations.find((x: { kind: string }) => x.kind === 'member_under_min');
    expect(under).toMatchObject({ memberId: memberIds[2], memberName: '党员3', load: 0 });
    // Narrower bounds come from the query; a minimum above the maximum is a field error.
    const bad = await office.request('GET', `/api/household-coverage?regionCode=${v}&min=31&max=30`);
    expect(bad.json().error.fields).toEqual([{ path: 'query.min', message: '每名党员包户的下限不能大于上限' }]);
  });

  it('GRD-1 a manual assignment pins the household and the next plan leaves it there', async () => {
    const db = ctx.db.kysely;
    const v = tree.villages[0][0];
    const { memberIds, householdIds } = await createGridVillage(db, { villageCode: v, members: 2, households: 2, name: '手工组' });
    const res = await village.request('PUT', `/api/households/${householdIds[1]}/member`, { memberId: memberIds[0] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ memberId: memberIds[0], pinned: true });
    const other = await createPerson(db, { regionCode: tree.villages[1][0], isPartyMember: true });
    await db
      .insertInto('grid_member')
      .values({
        person_id: other.id,
        village_code: tree.villages[1][0],
        grid_id: null,
        lng: null,
        lat: null,
        exempt: null,
        exempt_note: null,
      })
      .execute();
    const far = await village.request('PUT', `/api/households/${householdIds[1]}/member`, { memberId: other.id });
    expect(far.statusCode).toBe(400);
  });
});
