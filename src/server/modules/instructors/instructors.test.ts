import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Agent, type TestContext } from '../../../../tests/support/app.ts';
import { createPerson, createRegionTree, createUser, type RegionTree } from '../../../../tests/support/factories.ts';
import { databaseFingerprint } from '../../../../tests/support/scope.ts';
import { createBuilding, createCadre, createEnterprise, createInstructor } from '../../../../tests/support/service-factories.ts';

let ctx: TestContext;
let tree: RegionTree;
let street: Agent;

beforeAll(async () => {
  ctx = await createTestApp();
  tree = await createRegionTree(ctx.db.kysely);
  const u = await createUser(ctx.db.kysely, { role: 'street', regionCode: tree.townships[0] });
  street = await login(ctx.app, u.username, u.password);
});
afterAll(() => ctx.close());

interface AssignResult {
  instructors: number;
  enterprises: number;
  pinned: number;
  changed: number;
  optimal: boolean;
  optimised: { assigned: number; unassigned: number; totalDistanceKm: number; objective: number; maxLoad: number; minLoad: number };
  greedy: { objective: number; maxLoad: number; minLoad: number };
}

describe('SVC-1 instructors and their assignment', () => {
  it('SVC-1 a person becomes an instructor with a capacity; no personal data in the answer; twice is a field error', async () => {
    const person = await createPerson(ctx.db.kysely, { name: '林指导', regionCode: tree.villages[0][0], isPartyMember: true });
    const res = await street.request('POST', '/api/instructors', {
      personId: person.id,
      title: '区委组织部副部长',
      capacity: 4,
      lng: 119.3,
      lat: 26.08,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      personId: person.id,
      name: '林指导',
      capacity: 4,
      load: 0,
      regionCode: tree.villages[0][0],
      enterprises: [],
    });
    expect(res.body).not.toMatch(/phone|idNumber/);
    const twice = await street.request('POST', '/api/instructors', { personId: person.id });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.fields).toEqual([{ path: 'personId', message: '该人员已是党建工作指导员' }]);
  });

  it('SVC-1 an assignment run balances load by locality, keeps pins and capacities, reports greedy beside it, and applies only when asked', async () => {
    const db = ctx.db.kysely;
    const village = tree.villages[0][1];
    // Two instructors in the east and one in the west; four enterprises crowd the east, one sits west.
    const east1 = await createInstructor(db, { regionCode: village, capacity: 3, lng: 119.4, lat: 26.08 });
    const east2 = await createInstructor(db, { regionCode: village, capacity: 3, lng: 119.41, lat: 26.08 });
    const west = await createInstructor(db, { regionCode: village, capacity: 2, lng: 119.2, lat: 26.08 });
    await createInstructor(db, { regionCode: village, capacity: 3, lng: 119.4, lat: 26.08, active: false });
    const building = await createBuilding(db, { regionCode: village, lng: 119.401, lat: 26.08 });
    const east = await Promise.all([0, 1, 2, 3].map(() => createEnterprise(db, { regionCode: village, building })));
    const westEnterprise = await createEnterprise(db, { regionCode: village, lng: 119.2, lat: 26.081 });
    await createEnterprise(db, { regionCode: village, isNonPublic: false, lng: 119.4, lat: 26.08 });
    // A manual pin of one east enterprise to the west instructor stays whatever it costs.
    const pin = await street.request('PUT', `/api/enterprises/${east[0]!.id}/instructor`, { personId: west.personId });
    expect(pin.statusCode, pin.body).toBe(200);
    expect(pin.json()).toMatchObject({ pinned: true, personId: west.personId });
    expect(pin.json().distanceKm).toBeGreaterThan(19);

    const before = await databaseFingerprint(ctx);
    const dry = await street.request('POST', '/api/instructors/assign', { regionCode: village, dryRun: true });
    expect(dry.statusCode, dry.body).toBe(200);
    const plan = dry.json() as AssignResult;
    expect(plan).toMatchObject({ instructors: 3, enterprises: 5, pinned: 1, optimal: true });
    expect(plan.optimised.assigned).toBe(5);
    expect(plan.optimised.objective).toBeLessThanOrEqual(plan.greedy.objective);
    expect(await databaseFingerprint(ctx)).toBe(before);

    const applied = (
      await street.request('POST', '/api/instructors/assign', { regionCode: village, dryRun: false })
    ).json() as AssignResult;
    expect(applied.changed).toBe(4);
    const rows = await db
      .selectFrom('instructor_assignment')
      .select(['enterprise_id', 'person_id', 'pinned'])
      .where(
        'enterprise_id',
        'in',
        [...east, westEnterprise].map((e) => e.id),
      )
      .execute();
    const byEnterprise = Object.fromEntries(rows.map((r) => [r.enterprise_id, r]));
    expect(byEnterprise[east[0]!.id]).toMatchObject({ person_id: west.personId, pinned: true });
    expect(byEnterprise[westEnterprise.id]!.person_id).toBe(west.personId);
    const eastLoads = [east1.personId, east2.personId].map((p) => rows.filter((r) => r.person_id === p).length).sort();
    expect(eastLoads).toEqual([1, 2]);
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('action', '=', 'instructor_assignment.run')
      .where('entity_id', '=', village)
      .executeTakeFirstOrThrow();
    expect((audit.after as { changes: unknown[] }).changes).toHaveLength(4);
    // A second run finds nothing to change.
    const again = (await street.request('POST', '/api/instructors/assign', { regionCode: village, dryRun: false })).json() as AssignResult;
    expect(again.changed).toBe(0);
  });

  it('SVC-1 a manual pin respects capacity and refuses public enterprises and inactive instructors', async () => {
    const db = ctx.db.kysely;
    const village = tree.villages[0][0];
    const small = await createInstructor(db, { regionCode: village, capacity: 1 });
    const idle = await createInstructor(db, { regionCode: village, active: false });
    const [a, b] = await Promise.all([createEnterprise(db, { regionCode: village }), createEnterprise(db, { regionCode: village })]);
    const state = await createEnterprise(db, { regionCode: village, isNonPublic: false });
    expect((await street.request('PUT', `/api/enterprises/${a.id}/instructor`, { personId: small.personId })).statusCode).toBe(200);
    const before = await databaseFingerprint(ctx);
    const full = await street.request('PUT', `/api/enterprises/${b.id}/instructor`, { personId: small.personId });
    expect(full.statusCode).toBe(400);
    expect(full.json().error.fields).toEqual([{ path: 'personId', message: '该指导员已满负荷（1/1）' }]);
    expect(
      (await street.request('PUT', `/api/enterprises/${state.id}/instructor`, { personId: small.personId })).json().error.fields[0].path,
    ).toBe('params.id');
    expect(
      (await street.request('PUT', `/api/enterprises/${b.id}/instructor`, { personId: idle.personId })).json().error.fields[0].message,
    ).toBe('该指导员已停止指导工作');
    expect(await databaseFingerprint(ctx)).toBe(before);
    // Moving the same enterprise's pin within capacity is allowed (the enterprise itself does not count twice).
    expect(
      (await street.request('PUT', `/api/enterprises/${a.id}/instructor`, { personId: small.personId, pinned: false })).statusCode,
    ).toBe(200);
  });

  it('SVC-1 the list shows each instructor’s load and pins', async () => {
    const list = (await street.request('GET', `/api/instructors?regionCode=${tree.villages[0][1]}&active=true`)).json() as {
      items: { load: number; pinned: number; capacity: number }[];
    };
    expect(list.items.map((i) => i.load).reduce((s, n) => s + n, 0)).toBe(5);
    expect(list.items.map((i) => i.pinned).reduce((s, n) => s + n, 0)).toBe(1);
  });
});

describe('SVC-2 stationed cadres and service records', () => {
  it('SVC-2 a cadre is stationed in a street or park with a portfolio; services of the article’s five kinds are recorded', async () => {
    const db = ctx.db.kysely;
    const person = await createPerson(db, { name: '陈干部', regionCode: tree.villages[0][0], isPartyMember: true });
    const res = await street.request('POST', '/api/cadres', {
      personId: person.id,
      regionCode: tree.townships[0],
      parkName: '软件园',
      homeUnit: '市发改委',
      startedOn: '2023-03-01',
    });
    expect(res.statusCode, res.body).toBe(201);
    const enterprise = await createEnterprise(db, { regionCode: tree.villages[0][0], name: '福州某科技有限公司' });
    const added = await street.request('POST', `/api/cadres/${person.id}/enterprises`, { enterpriseId: enterprise.id });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json().enterprises).toEqual([
      { id: enterprise.id, name: '福州某科技有限公司', creditCode: enterprise.creditCode, buildingName: null },
    ]);
    const twice = await street.request('POST', `/api/cadres/${person.id}/enterprises`, { enterpriseId: enterprise.id });
    expect(twice.json().error.fields[0].message).toBe('该企业已在该干部的联系企业中');
    for (const kind of ['project', 'talent', 'market', 'technology', 'policy']) {
      const s = await street.request('POST', '/api/service-records', {
        personId: person.id,
        enterpriseId: enterprise.id,
        kind,
        servedOn: '2024-05-01',
        summary: `服务：${kind}`,
      });
      expect(s.statusCode, s.body).toBe(201);
    }
    const list = (await street.request('GET', `/api/service-records?enterpriseId=${enterprise.id}`)).json() as {
      items: { kindLabel: string }[];
      total: number;
    };
    expect(list.total).toBe(5);
    expect(list.items.map((i) => i.kindLabel).sort()).toEqual(['争取项目', '开拓市场', '引进人才', '落实惠企政策', '革新技术'].sort());
    const cadre = (await street.request('GET', `/api/cadres/${person.id}`)).json() as { enterpriseCount: number; serviceCount: number };
    expect(cadre).toMatchObject({ enterpriseCount: 1, serviceCount: 5 });
  });

  it('SVC-2 a service by someone who is neither instructor nor cadre is a field error; the enterprise sees its own records', async () => {
    const db = ctx.db.kysely;
    const plain = await createPerson(db, { regionCode: tree.villages[0][0] });
    const enterprise = await createEnterprise(db, { regionCode: tree.villages[0][0] });
    const res = await street.request('POST', '/api/service-records', {
      personId: plain.id,
      enterpriseId: enterprise.id,
      kind: 'policy',
      servedOn: '2024-05-01',
      summary: '政策宣讲',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([{ path: 'personId', message: '该人员不是党建工作指导员或选派干部' }]);
    const cadre = await createCadre(db, { regionCode: tree.townships[0] });
    await street.request('POST', '/api/service-records', {
      personId: cadre.personId,
      enterpriseId: enterprise.id,
      kind: 'policy',
      servedOn: '2024-05-02',
      summary: '落实稳岗补贴',
    });
    const own = await createUser(db, {
      role: 'enterprise',
      regionCode: tree.townships[0],
      organisationId: enterprise.id,
      orgPath: enterprise.path,
    });
    const ownAgent = await login(ctx.app, own.username, own.password);
    const seen = (await ownAgent.request('GET', '/api/service-records')).json() as { items: { summary: string }[] };
    expect(seen.items.map((i) => i.summary)).toEqual(['落实稳岗补贴']);
  });
});
