import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../domain/villages/index.ts';
import { chinaDate } from '../../../domain/time.ts';
import { createTestApp, login, type Agent, type TestContext } from '../../../../tests/support/app.ts';
import { createOrganisation, createRegionTree, createUser, type RegionTree } from '../../../../tests/support/factories.ts';
import { createGridVillage } from '../../../../tests/support/grid-factories.ts';

let ctx: TestContext;
let tree: RegionTree;
let member: Agent;
let office: Agent;
let mine: string[];
let village: string;
const today = chinaDate();

beforeAll(async () => {
  ctx = await createTestApp();
  const db = ctx.db.kysely;
  tree = await createRegionTree(db);
  village = tree.villages[0][0];
  const { memberIds, householdIds } = await createGridVillage(db, { villageCode: village, members: 2, households: 6 });
  mine = householdIds.slice(0, 4);
  await db.updateTable('household').set({ member_person_id: memberIds[0]! }).where('id', 'in', mine).execute();
  await db.updateTable('household').set({ member_person_id: memberIds[1]! }).where('id', 'in', householdIds.slice(4)).execute();
  // As the demo's village members: an account in the village branch, with no region of its own.
  const branch = await createOrganisation(db, { kind: 'party_org', regionCode: village });
  const m = await createUser(db, { role: 'member', personId: memberIds[0]!, organisationId: branch.id, orgPath: branch.path });
  const o = await createUser(db, { role: 'village', regionCode: village });
  [member, office] = await Promise.all([login(ctx.app, m.username, m.password), login(ctx.app, o.username, o.password)]);
});
afterAll(() => ctx.close());

describe('GRD-2 GRD-3 field work of a member', () => {
  it('GRD-3 the offline queue synced twice stores each record once and answers per record', async () => {
    const visit = {
      kind: 'visit',
      clientId: randomUUID(),
      householdId: mine[0],
      visitedOn: today,
      topics: ['protection', 'fire_safety'],
      notes: '宣传传统村落保护',
    };
    const mediation = {
      kind: 'mediation',
      clientId: randomUUID(),
      householdId: mine[1],
      disputeType: 'neighbour',
      parties: [{ name: '钟大明' }, { name: '李小红' }],
      summary: '排水沟堵塞引发邻里矛盾',
      mediatedOn: today,
      outcome: 'resolved',
      followUpOn: addDays(today, 14),
    };
    const bad = { kind: 'visit', clientId: randomUUID(), householdId: mine[0], visitedOn: today, topics: [] };
    const first = await member.request('POST', '/api/field-sync', { records: [visit, mediation, bad] });
    expect(first.statusCode, first.body).toBe(200);
    const r1 = first.json().results;
    expect(r1.map((r: { status: string }) => r.status)).toEqual(['created', 'created', 'error']);
    expect(r1[2].error.fields[0].path).toBe('topics');
    const second = await member.request('POST', '/api/field-sync', { records: [visit, mediation] });
    const r2 = second.json().results;
    expect(r2.map((r: { status: string }) => r.status)).toEqual(['exists', 'exists']);
    expect(r2[0].id).toBe(r1[0].id);
    const stored = await ctx.db.kysely.selectFrom('visit').select('id').where('client_id', '=', visit.clientId).execute();
    expect(stored).toHaveLength(1);
    // The mediator reads the parties in full; the village office sees them masked.
    const mine1 = (await member.request('GET', `/api/mediations/${r1[1].id}`)).json();
    expect(mine1.parties.map((p: { name: string }) => p.name)).toEqual(['钟大明', '李小红']);
    const theirs = (await office.request('GET', `/api/mediations/${r1[1].id}`)).json();
    expect(theirs.parties.map((p: { name: string }) => p.name)).toEqual(['钟*明', '李*红']);
  });

  it('GRD-2 a member records only for their own households; another member’s household is unknown', async () => {
    const other = (
      await ctx.db.kysely
        .selectFrom('household')
        .select('id')
        .where('village_code', '=', village)
        .where('id', 'not in', mine)
        .executeTakeFirstOrThrow()
    ).id;
    const res = await member.request('POST', '/api/visits', {
      clientId: randomUUID(),
      householdId: other,
      visitedOn: today,
      topics: ['policy'],
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.fields).toEqual([{ path: 'householdId', message: '农户不存在或不在您的包户范围内' }]);
    const future = await member.request('POST', '/api/visits', {
      clientId: randomUUID(),
      householdId: mine[0],
      visitedOn: addDays(today, 2),
      topics: ['policy'],
    });
    expect(future.json().error.fields).toEqual([{ path: 'visitedOn', message: '日期不能晚于今天' }]);
  });

  it('GRD-2 a fire hazard found in an inspection becomes a matter in one step, and its rectification is rechecked', async () => {
    const res = await member.request('POST', '/api/inspections', {
      clientId: randomUUID(),
      householdId: mine[2],
      inspectedOn: today,
      checklist: [
        { item: 'extinguisher', passed: true },
        { item: 'wiring', passed: false, note: '厨房电线老化裸露' },
        { item: 'ebike', passed: true },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const inspection = (await member.request('GET', `/api/inspections/${res.json().id}`)).json();
    expect(inspection.hazards).toHaveLength(1);
    const hazard = inspection.hazards[0];
    expect(hazard).toMatchObject({
      item: 'wiring',
      itemLabel: '电线无私拉乱接、无老化破损',
      status: 'open',
      deadline: addDays(today, 7),
      description: '厨房电线老化裸露',
    });

    const raised = await member.request('POST', `/api/field-records/hazard/${hazard.id}/matter`, {});
    expect(raised.statusCode, raised.body).toBe(201);
    const matter = await ctx.db.kysely
      .selectFrom('matter')
      .select(['id', 'source', 'region_code', 'title', 'status'])
      .where('id', '=', raised.json().matterId)
      .executeTakeFirstOrThrow();
    expect(matter).toMatchObject({
      source: 'inspection',
      region_code: village,
      title: '消防安全隐患：电线无私拉乱接、无老化破损',
      status: 'registered',
    });
    const again = await member.request('POST', `/api/field-records/hazard/${hazard.id}/matter`, {});
    expect(again.statusCode).toBe(200);
    expect(again.json().matterId).toBe(matter.id);
    expect(await ctx.db.kysely.selectFrom('matter').select('id').where('region_code', '=', village).execute()).toHaveLength(1);

    const failed = await member.request('POST', `/api/hazards/${hazard.id}/recheck`, { checkedOn: today, passed: false });
    expect(failed.json().error.fields).toEqual([{ path: 'newDeadline', message: '复查未通过，请给出新的整改期限' }]);
    const still = await member.request('POST', `/api/hazards/${hazard.id}/recheck`, {
      checkedOn: today,
      passed: false,
      note: '未更换',
      newDeadline: addDays(today, 3),
    });
    expect(still.json()).toMatchObject({ status: 'open', deadline: addDays(today, 3), matterId: matter.id });
    const fixed = await office.request('POST', `/api/hazards/${hazard.id}/recheck`, { checkedOn: today, passed: true, note: '已更换线路' });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json()).toMatchObject({ status: 'fixed', fixedOn: today });
    expect(fixed.json().rechecks.map((r: { passed: boolean }) => r.passed)).toEqual([false, true]);
    const late = await member.request('POST', `/api/hazards/${hazard.id}/recheck`, { checkedOn: today, passed: true });
    expect(late.statusCode).toBe(409);

    const dash = await office.request('GET', `/api/grid-dashboard?regionCode=${village}`);
    expect(dash.statusCode, dash.body).toBe(200);
    expect(dash.json().totals).toMatchObject({
      households: 6,
      covered: 6,
      coverageRate: 1,
      inspections: 1,
      hazardsFound: 1,
      hazardsFixed: 1,
      hazardsOpen: 0,
      mediations: 1,
      mediationsResolved: 1,
    });
    const xlsx = await office.request('GET', `/api/grid-dashboard.xlsx?regionCode=${village}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('GRD-2 the not-visited list names each member’s households unvisited for N days, never-visited first', async () => {
    const db = ctx.db.kysely;
    const person = (await db.selectFrom('household').select('member_person_id').where('id', '=', mine[3]!).executeTakeFirstOrThrow())
      .member_person_id!;
    await db
      .insertInto('visit')
      .values({
        client_id: randomUUID(),
        household_id: mine[3]!,
        village_code: village,
        member_person_id: person,
        visited_on: addDays(today, -40),
        topics: ['policy'],
      })
      .execute();
    const res = await member.request('GET', '/api/households/not-visited?days=30');
    expect(res.statusCode, res.body).toBe(200);
    const [group] = res.json().members;
    expect(group.memberId).toBe(person);
    // mine[0] was visited today; a mediation (mine[1]) or an inspection (mine[2]) is not a visit.
    expect(group.households.map((h: { id: string }) => h.id)).toEqual([mine[1], mine[2], mine[3]]);
    expect(group.households[2]).toMatchObject({ lastVisitOn: addDays(today, -40), daysSince: 40 });
    const office30 = (await office.request('GET', `/api/households/not-visited?days=30&regionCode=${village}`)).json();
    expect(office30.members.flatMap((m: { households: unknown[] }) => m.households)).toHaveLength(5);
  });
});
