import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Agent, type TestContext } from '../../../../tests/support/app.ts';
import { createOrganisation, createPerson, createRegionTree, createUser, type RegionTree } from '../../../../tests/support/factories.ts';
import { createBuilding, createEnterprise } from '../../../../tests/support/service-factories.ts';
import type { Actor } from '../../auth/actor.ts';
import { searchAll, searchBuildings, searchEnterprises, searchPeople, searchTerms } from './queries.ts';

let ctx: TestContext;
let tree: RegionTree;
let street: Agent;
let other: Agent;
let ids: Record<string, string>;

interface Hit {
  id: string;
  name: string;
  detail: string | null;
}
interface Result {
  buildings: (Hit & { address: string })[];
  enterprises: (Hit & { creditCode: string })[];
  people: Hit[];
  more: Record<string, boolean>;
}

beforeAll(async () => {
  ctx = await createTestApp();
  const db = ctx.db.kysely;
  tree = await createRegionTree(db);
  const [v0, v1] = [tree.villages[0][0], tree.villages[1][0]];
  const ifc = await createBuilding(db, { regionCode: v0, name: '福州IFC国际金融中心', address: '鼓楼区五四路158号' });
  const tower = await createBuilding(db, { regionCode: v0, name: '金融中心', address: '台江区江滨中大道' });
  const hidden = await createBuilding(db, { regionCode: v1, name: '金融街万达广场', address: '仓山区浦上大道' });
  const bank = await createEnterprise(db, { regionCode: v0, name: '福建海峡银行股份有限公司', building: ifc, legalRepresentative: '俞敏' });
  const lawyers = await createEnterprise(db, { regionCode: v0, name: '福建律和律师事务所' });
  const org = await createOrganisation(db, { name: '鼓楼区委组织部', kind: 'department', regionCode: v0 });
  const person = await createPerson(db, { name: '王建国', regionCode: v0, organisationId: org.id, orgPath: org.path });
  await db
    .updateTable('person')
    .set({ phone_masked: '138****1234', id_number_masked: '3501**********123X' })
    .where('id', '=', person.id)
    .execute();
  const outsider = await createPerson(db, { name: '王建华', regionCode: v1 });
  ids = {
    ifc: ifc.id,
    tower: tower.id,
    hidden: hidden.id,
    bank: bank.id,
    bankCode: bank.creditCode,
    lawyers: lawyers.id,
    person: person.id,
    outsider: outsider.id,
  };
  const [a, b] = await Promise.all([
    createUser(db, { role: 'street', regionCode: tree.townships[0] }),
    createUser(db, { role: 'street', regionCode: tree.townships[1] }),
  ]);
  [street, other] = await Promise.all([login(ctx.app, a.username, a.password), login(ctx.app, b.username, b.password)]);
});
afterAll(() => ctx.close());

const search = async (agent: Agent, q: string) => {
  const res = await agent.request('GET', `/api/search?q=${encodeURIComponent(q)}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Result;
};

describe('REG-1/REG-2/ORG-3 one search box for buildings, enterprises and people', () => {
  it('two characters find any part of a name: exact name first, then shorter names', async () => {
    const r = await search(street, '金融');
    expect(r.buildings.map((b) => b.id)).toEqual([ids.tower, ids.ifc]);
    const exact = await search(street, '金融中心');
    expect(exact.buildings.map((b) => b.id)).toEqual([ids.tower, ids.ifc]);
  });

  it('an address, Latin letters, and a single character (also as the last character) find buildings', async () => {
    expect((await search(street, '五四路')).buildings.map((b) => b.id)).toEqual([ids.ifc]);
    expect((await search(street, 'ifc')).buildings.map((b) => b.id)).toEqual([ids.ifc]);
    expect((await search(street, '心')).buildings.map((b) => b.id)).toEqual([ids.tower, ids.ifc]);
  });

  it('an enterprise by part of its name or its exact credit code, with its building as the second line', async () => {
    const byName = await search(street, '海峡银行');
    expect(byName.enterprises).toEqual([
      {
        id: ids.bank,
        name: '福建海峡银行股份有限公司',
        detail: '福州IFC国际金融中心',
        regionCode: tree.villages[0][0],
        creditCode: ids.bankCode,
      },
    ]);
    expect((await search(street, ids.bankCode!.toLowerCase())).enterprises.map((e) => e.id)).toEqual([ids.bank]);
    expect((await search(street, ids.bankCode!.slice(3, 12))).enterprises.map((e) => e.id)).toEqual([ids.bank]);
    expect((await search(street, '律师')).enterprises.map((e) => e.id)).toEqual([ids.lawyers]);
  });

  it('ORG-3 people by name with their organisation, and never any personal data', async () => {
    const res = await street.request('GET', `/api/search?q=${encodeURIComponent('建国')}`);
    const r = res.json() as Result;
    expect(r.people).toEqual([{ id: ids.person, name: '王建国', detail: '鼓楼区委组织部', regionCode: tree.villages[0][0] }]);
    expect(res.body).not.toMatch(/138|3501\*|phone|idNumber|birth/);
    // The enterprise's legal representative is searchable text but never shown.
    const rep = await search(street, '俞敏');
    expect(JSON.stringify([rep.buildings, rep.enterprises, rep.people])).not.toContain('俞敏');
  });

  it('ORG-4 results are always scope-filtered: another street sees neither these records nor their names', async () => {
    const mine = await search(street, '金融');
    expect(mine.buildings.map((b) => b.id)).not.toContain(ids.hidden);
    const theirs = await search(other, '金融');
    expect(theirs.buildings.map((b) => b.id)).toEqual([ids.hidden]);
    expect((await search(other, '王建')).people.map((p) => p.id)).toEqual([ids.outsider]);
    expect((await search(other, '海峡')).enterprises).toEqual([]);
  });

  it('results per kind are limited, with a flag when there are more', async () => {
    const res = await street.request('GET', `/api/search?q=${encodeURIComponent('金')}&limit=1`);
    const r = res.json() as Result;
    expect(r.buildings).toHaveLength(1);
    expect(r.more.buildings).toBe(true);
    expect(r.more.people).toBe(false);
  });

  it('REG-1 REG-2 ranking: exact name, then names starting with the term, then containing it, then other fields; shorter first within each', async () => {
    const db = ctx.db.kysely;
    const own = await createRegionTree(db);
    const region = own.villages[0][0];
    const make = (name: string, address = '测试路1号') => createBuilding(db, { regionCode: region, name, address }).then((b) => b.id);
    // Created longest first, so neither insertion order nor id order can pass for the ranking.
    const byAddress = await make('甲乙丙大楼', '华林路华林路华林路8号');
    const containsLong = await make('福州华林路东段写字楼');
    const containsShort = await make('新华林路楼');
    const prefixLong = await make('华林路金融中心大厦');
    const prefixShort = await make('华林路一号');
    const exact = await make('华林路');
    const u = await createUser(db, { role: 'street', regionCode: own.townships[0] });
    const agent = await login(ctx.app, u.username, u.password);
    expect((await search(agent, '华林路')).buildings.map((b) => b.id)).toEqual([
      exact,
      prefixShort,
      prefixLong,
      containsShort,
      containsLong,
      byAddress,
    ]);
  });

  it('REG-2 a term most enterprises contain still returns its best matches: exact and starting names before the many that contain it', async () => {
    const db = ctx.db.kysely;
    const own = await createRegionTree(db);
    const region = own.villages[0][0];
    for (let i = 0; i < 12; i++) await createEnterprise(db, { regionCode: region, name: `福州${i}号鑫源贸易有限公司` });
    const prefix = await createEnterprise(db, { regionCode: region, name: '鑫源贸易（福建）有限公司' });
    const exact = await createEnterprise(db, { regionCode: region, name: '鑫源贸易' });
    const u = await createUser(db, { role: 'street', regionCode: own.townships[0] });
    const officer: Actor = {
      userId: u.id,
      username: u.username,
      displayName: u.username,
      role: 'street',
      locale: 'zh-CN',
      regionCode: own.townships[0],
      organisationId: null,
      orgPath: null,
      personId: null,
    };
    // Each stage reads at most three candidates here, far fewer than the fourteen matches.
    const found = await searchEnterprises(db, officer, searchTerms('鑫源贸易', 3, 3));
    expect(found.map((e) => e.id).slice(0, 2)).toEqual([exact.id, prefix.id]);
    expect(found).toHaveLength(4);
    expect(found.slice(2).every((e) => e.name.includes('鑫源贸易') && /^福州\d+号/.test(e.name))).toBe(true);
    // With more containing matches than candidates, the page is still full and says there are more.
    const contains = await searchEnterprises(db, officer, searchTerms('源贸易有限', 3, 3));
    expect(contains).toHaveLength(4);
    expect(contains.every((e) => e.name.includes('源贸易有限'))).toBe(true);
    // Another street's officer sees none of them, however common the term.
    expect(await searchEnterprises(db, { ...officer, regionCode: tree.townships[0] }, searchTerms('鑫源贸易', 3, 3))).toEqual([]);
  });

  it('REG-1 REG-2 the one-statement search compiled once per scope gives what the three queries give, term after term and reader after reader', async () => {
    const db = ctx.db.kysely;
    const reader = (regionCode: string): Actor => ({
      userId: '0',
      username: 'reader',
      displayName: 'reader',
      role: 'street',
      locale: 'zh-CN',
      regionCode,
      organisationId: null,
      orgPath: null,
      personId: null,
    });
    for (const actor of [reader(tree.townships[0]), reader(tree.townships[1]), reader(tree.townships[0])]) {
      for (const [q, limit] of [['金融', 10], ['海峡银行', 1], ['王', 5], ['IFC', 2], [ids.bankCode!, 3], ['金融', 1]] as const) {
        const t = searchTerms(q, limit);
        const [buildings, enterprises, people] = await Promise.all([searchBuildings(db, actor, t), searchEnterprises(db, actor, t), searchPeople(db, actor, t)]);
        expect(await searchAll(db, actor, t), `${q} × ${limit} in ${actor.regionCode}`).toEqual({ buildings, enterprises, people });
      }
    }
  });

  it('SEC-3 an empty query is a field error', async () => {
    const res = await street.request('GET', '/api/search?q=%20');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].path).toBe('query.q');
  });
});
