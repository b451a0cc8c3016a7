import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../../src/domain/time.ts';
import { createTestApp, login, type Agent, type TestContext } from '../support/app.ts';
import { createOrganisation, createPerson, createRegionTree, createUser, type RegionTree } from '../support/factories.ts';
import { createGridVillage } from '../support/grid-factories.ts';
import { expectInScope, expectOutOfScope, type ScopeCase } from '../support/scope.ts';

/**
 * ORG-4 for grids, households and field work (GRD-1 … GRD-3): another member of the same
 * village, and the staff of another village, are refused on every endpoint that addresses a
 * record or writes, and nothing changes; the village's own office (or the member, for member
 * endpoints) succeeds; lists never show another village's or member's records.
 */
let ctx: TestContext;
let tree: RegionTree;
let office: Agent;
let owner: Agent;
let otherMember: Agent;
let otherVillage: Agent;
let rec: Record<string, string>;
const today = chinaDate();

const PREFIXES = [
  '/api/grids',
  '/api/grid-members',
  '/api/household-coverage',
  '/api/household-assignment',
  '/api/households',
  '/api/visits',
  '/api/upkeep',
  '/api/inspections',
  '/api/hazards',
  '/api/mediations',
  '/api/field-records',
  '/api/field-sync',
  '/api/grid-dashboard',
];

beforeAll(async () => {
  ctx = await createTestApp();
  const db = ctx.db.kysely;
  tree = await createRegionTree(db);
  const v = tree.villages[0][0];
  const { gridId, memberIds, householdIds } = await createGridVillage(db, { villageCode: v, members: 2, households: 4, name: '甲网格' });
  await db.updateTable('household').set({ member_person_id: memberIds[0]! }).where('id', 'in', householdIds.slice(0, 3)).execute();
  await db.updateTable('household').set({ member_person_id: memberIds[1]! }).where('id', '=', householdIds[3]!).execute();
  const branch = await createOrganisation(db, { kind: 'party_org', regionCode: v });
  const newcomer = await createPerson(db, { regionCode: v, isPartyMember: true, name: '新党员' });
  const inspection = await db
    .insertInto('inspection')
    .values({
      client_id: randomUUID(),
      household_id: householdIds[0]!,
      village_code: v,
      member_person_id: memberIds[0]!,
      inspected_on: today,
      checklist: JSON.stringify([{ item: 'wiring', passed: false, note: null }]),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const hazard = await db
    .insertInto('hazard')
    .values({
      inspection_id: inspection.id,
      item: 'wiring',
      household_id: householdIds[0]!,
      village_code: v,
      member_person_id: memberIds[0]!,
      description: '电线老化',
      found_on: today,
      deadline: today,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const mediation = await db
    .insertInto('mediation')
    .values({
      client_id: randomUUID(),
      household_id: householdIds[1]!,
      village_code: v,
      member_person_id: memberIds[0]!,
      dispute_type: 'neighbour',
      parties_enc: ctx.deps.secrets.encrypt('[]'),
      parties_masked: ['钟*', '李*'],
      summary: '邻里纠纷',
      mediated_on: today,
      outcome: 'resolved',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const visit = await db
    .insertInto('visit')
    .values({
      client_id: randomUUID(),
      household_id: householdIds[0]!,
      village_code: v,
      member_person_id: memberIds[0]!,
      visited_on: today,
      topics: ['policy'],
      notes: '甲村走访',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  rec = {
    v,
    gridId,
    member: memberIds[0]!,
    household: householdIds[0]!,
    household2: householdIds[1]!,
    household4: householdIds[3]!,
    newcomer: newcomer.id,
    inspection: inspection.id,
    hazard: hazard.id,
    mediation: mediation.id,
    visit: visit.id,
    run: '',
  };

  const users = await Promise.all([
    createUser(db, { role: 'village', regionCode: v }),
    createUser(db, { role: 'member', personId: memberIds[0]!, organisationId: branch.id, orgPath: branch.path }),
    createUser(db, { role: 'member', personId: memberIds[1]!, organisationId: branch.id, orgPath: branch.path }),
    createUser(db, { role: 'village', regionCode: tree.villages[1][0] }),
  ]);
  [office, owner, otherMember, otherVillage] = (await Promise.all(users.map((u) => login(ctx.app, u.username, u.password)))) as [Agent, Agent, Agent, Agent];
  // A real preview: the cases below change households, so by the apply it is stale (409).
  rec.run = ((await office.request('POST', '/api/household-assignment/preview', { regionCode: v })).json() as { id: string }).id;
});
afterAll(() => ctx.close());

/** `own`: a member may do it in their own right (upkeep in their village), so only other villages are refused. */
type Case = ScopeCase & { name: string; by: 'office' | 'member'; own?: boolean };

/** Every endpoint that addresses a record or writes, as the insider may call it (in this order, each once). */
function recordCases(): Case[] {
  const v = rec.v;
  return [
    { name: 'grid create', by: 'office', method: 'POST', url: '/api/grids', payload: { villageCode: v, name: '乙网格' } },
    { name: 'grid update', by: 'office', method: 'PATCH', url: `/api/grids/${rec.gridId}`, payload: { name: '甲网格一' } },
    {
      name: 'grid member',
      by: 'office',
      method: 'PUT',
      url: `/api/grid-members/${rec.newcomer}`,
      payload: { villageCode: v, gridId: rec.gridId },
    },
    { name: 'coverage', by: 'office', method: 'GET', url: `/api/household-coverage?regionCode=${v}` },
    { name: 'preview', by: 'office', method: 'POST', url: '/api/household-assignment/preview', payload: { regionCode: v } },
    { name: 'run', by: 'office', method: 'GET', url: `/api/household-assignment/runs/${rec.run}` },
    { name: 'household', by: 'member', method: 'GET', url: `/api/households/${rec.household}` },
    { name: 'household update', by: 'member', method: 'PATCH', url: `/api/households/${rec.household}`, payload: { note: '独居老人' } },
    { name: 'household create', by: 'office', method: 'POST', url: '/api/households', payload: { villageCode: v, address: '甲村 99 号' } },
    {
      name: 'household member',
      by: 'office',
      method: 'PUT',
      url: `/api/households/${rec.household2}/member`,
      payload: { memberId: rec.member },
    },
    {
      name: 'visit',
      by: 'member',
      method: 'POST',
      url: '/api/visits',
      payload: { clientId: randomUUID(), householdId: rec.household, visitedOn: today, topics: ['policy'] },
    },
    {
      name: 'upkeep',
      own: true,
      by: 'office',
      method: 'POST',
      url: '/api/upkeep',
      payload: { clientId: randomUUID(), kind: 'environment', villageCode: v, doneOn: today, subject: '清理垃圾' },
    },
    {
      name: 'inspection create',
      by: 'member',
      method: 'POST',
      url: '/api/inspections',
      payload: { clientId: randomUUID(), householdId: rec.household, inspectedOn: today, checklist: [{ item: 'gas', passed: true }] },
    },
    { name: 'inspection', by: 'member', method: 'GET', url: `/api/inspections/${rec.inspection}` },
    { name: 'hazard', by: 'member', method: 'GET', url: `/api/hazards/${rec.hazard}` },
    { name: 'hazard to matter', by: 'member', method: 'POST', url: `/api/field-records/hazard/${rec.hazard}/matter`, payload: {} },
    {
      name: 'recheck',
      by: 'member',
      method: 'POST',
      url: `/api/hazards/${rec.hazard}/recheck`,
      payload: { checkedOn: today, passed: true },
    },
    {
      name: 'mediation create',
      by: 'member',
      method: 'POST',
      url: '/api/mediations',
      payload: {
        clientId: randomUUID(),
        householdId: rec.household,
        disputeType: 'family',
        parties: [{ name: '甲' }, { name: '乙' }],
        summary: '家庭纠纷',
        mediatedOn: today,
        outcome: 'resolved',
      },
    },
    { name: 'mediation', by: 'member', method: 'GET', url: `/api/mediations/${rec.mediation}` },
    { name: 'follow-up', by: 'member', method: 'POST', url: `/api/mediations/${rec.mediation}/follow-up`, payload: { note: '已回访' } },
    { name: 'dashboard', by: 'office', method: 'GET', url: `/api/grid-dashboard?regionCode=${v}` },
    { name: 'dashboard xlsx', by: 'office', method: 'GET', url: `/api/grid-dashboard.xlsx?regionCode=${v}` },
    { name: 'apply', by: 'office', method: 'POST', url: `/api/household-assignment/runs/${rec.run}/apply` },
  ];
}

/** Lists: filtered by the query layer, proven below never to show the insider's records. */
const LISTED = [
  'GET /api/grids',
  'GET /api/household-assignment/runs',
  'GET /api/households',
  'GET /api/households/not-visited',
  'GET /api/visits',
  'GET /api/upkeep',
  'GET /api/inspections',
  'GET /api/hazards',
  'GET /api/mediations',
  'POST /api/field-sync',
];

describe('ORG-4 scope of grids, households and field work', () => {
  it('GRD-1 GRD-2 GRD-3 another member and another village’s staff get 403/404 and nothing changes; the insider succeeds', async () => {
    for (const c of recordCases()) {
      await expectOutOfScope(ctx, otherVillage, c);
      // Another member of the same village: refused on the first member's records and on every office endpoint.
      if (!c.own) await expectOutOfScope(ctx, otherMember, c);
    }
    for (const c of recordCases()) {
      // The apply's stored basis is made up, so it answers 409 to the insider: in scope, refused as stale.
      if (c.name === 'apply') {
        expect((await office.request(c.method, c.url)).statusCode).toBe(409);
        continue;
      }
      await expectInScope(c.by === 'office' ? office : owner, c);
    }
  });

  it('GRD-2 GRD-3 lists never show another member’s or another village’s records, and the sync cannot write into them', async () => {
    const lists = [
      '/api/grids',
      '/api/household-assignment/runs',
      '/api/households?limit=200',
      '/api/visits',
      '/api/upkeep',
      '/api/inspections',
      '/api/hazards',
      '/api/mediations',
    ];
    const itemsOf = async (agent: Agent, url: string) => {
      const res = await agent.request('GET', url);
      expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
      return (res.json() as { items: { id: string }[] }).items.map((x) => x.id);
    };
    for (const url of lists) expect(await itemsOf(otherVillage, url), url).toEqual([]);
    for (const url of [
      '/api/grids',
      '/api/household-assignment/runs',
      '/api/visits',
      '/api/inspections',
      '/api/hazards',
      '/api/mediations',
    ]) {
      expect(await itemsOf(otherMember, url), url).toEqual([]);
    }
    expect(await itemsOf(otherMember, '/api/households?limit=200')).toEqual([rec.household4]);
    const notVisited = (await otherVillage.request('GET', '/api/households/not-visited?days=1')).json();
    expect(notVisited.members).toEqual([]);
    const sync = await otherMember.request('POST', '/api/field-sync', {
      records: [{ kind: 'visit', clientId: randomUUID(), householdId: rec.household, visitedOn: today, topics: ['policy'] }],
    });
    expect(sync.json().results[0]).toMatchObject({ status: 'error', error: { code: 'not_found' } });
    const mine = await owner.request('GET', '/api/households?limit=200');
    expect(mine.json().total).toBe(3);
  });

  it('ORG-4 every authenticated endpoint of grids, households and field work is covered by a scope case here', () => {
    const normalise = (method: string, url: string) =>
      `${method} ${url
        .split('?')[0]!
        .replace(/\/\d+(?=\/|$)/g, '/:id')
        .replace('/field-records/hazard/', '/field-records/:id/')}`;
    const covered = new Set(recordCases().map((c) => normalise(String(c.method), c.url)));
    const uncovered = ctx.app.routeTable
      .map((r) => `${r.method} ${r.url.replace(/:\w+/g, ':id')}`)
      .filter((key) => {
        const url = key.split(' ')[1]!;
        return PREFIXES.some((p) => url === p || url.startsWith(`${p}/`) || url.startsWith(`${p}.`));
      })
      .filter((key) => !covered.has(key) && !LISTED.includes(key));
    expect(uncovered).toEqual([]);
    expect(ctx.app.routeTable.filter((r) => PREFIXES.some((p) => r.url.startsWith(p))).length).toBeGreaterThanOrEqual(30);
  });
});
