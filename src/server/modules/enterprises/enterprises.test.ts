import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../../../domain/identity/codes.ts';
import { createTestApp, login, type Agent, type TestContext } from '../../../../tests/support/app.ts';
import { createRegionTree, createUser, randomCreditCode, type RegionTree } from '../../../../tests/support/factories.ts';
import { createBuilding, createEnterprise, createLease, dayFromToday } from '../../../../tests/support/registry-factories.ts';
import { databaseFingerprint } from '../../../../tests/support/scope.ts';

let ctx: TestContext;
let tree: RegionTree;
let street: Agent;

beforeAll(async () => {
  ctx = await createTestApp();
  tree = await createRegionTree(ctx.db.kysely);
  const s = await createUser(ctx.db.kysely, { role: 'street', regionCode: tree.townships[0] });
  street = await login(ctx.app, s.username, s.password);
});
afterAll(() => ctx.close());

/** A code whose check character is deliberately wrong. */
function wrongCheckDigit(code: string): string {
  const right = creditCodeCheckChar(code.slice(0, 17))!;
  return code.slice(0, 17) + (right === '0' ? '1' : '0');
}

describe('REG-2 enterprises', () => {
  it('REG-2 registering an enterprise creates its organisation (kind enterprise) and profile in one transaction, audited', async () => {
    const code = randomCreditCode();
    const res = await street.request('POST', '/api/enterprises', {
      name: '福州云图科技有限公司',
      creditCode: code.toLowerCase(),
      regionCode: tree.villages[0][0],
      industryCode: '65',
      sizeClass: 'small',
      staffCount: 120,
      partyMemberCount: 9,
      isKeyEnterprise: true,
      partyOrgStatus: 'own',
      legalRepresentative: '王五',
    });
    expect(res.statusCode, res.body).toBe(201);
    const e = res.json();
    expect(e).toMatchObject({
      name: '福州云图科技有限公司',
      creditCode: code,
      industryCode: '65',
      industryName: '软件和信息技术服务业',
      industrySection: 'I',
      isKeyEnterprise: true,
      coverage: 'own',
      currentBuilding: null,
      leases: [],
    });
    const org = await ctx.db.kysely.selectFrom('organisation').select(['kind', 'credit_code', 'path']).where('id', '=', e.id).executeTakeFirstOrThrow();
    expect(org).toEqual({ kind: 'enterprise', credit_code: code, path: `/${e.id}/` });
    const audit = await ctx.db.kysely.selectFrom('audit_log').select('action').where('entity_id', '=', e.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['organisation.create', 'enterprise.create']);
    const found = (await street.request('GET', `/api/enterprises?q=${encodeURIComponent('云图科技')}`)).json();
    expect(found.items.map((i: { id: string }) => i.id)).toEqual([e.id]);
    expect((await street.request('GET', '/api/enterprises?industryCode=I')).json().items.map((i: { id: string }) => i.id)).toContain(e.id);
    expect((await street.request('GET', '/api/enterprises?industryCode=J')).json().items.map((i: { id: string }) => i.id)).not.toContain(e.id);
  });

  it('REG-2 SEC-3 a credit code with a wrong GB 32100 check digit is a field error in the caller’s language; nothing changes', async () => {
    const before = await databaseFingerprint(ctx);
    const bad = await street.request('POST', '/api/enterprises', { name: '错误企业', creditCode: wrongCheckDigit(randomCreditCode()), regionCode: tree.villages[0][0] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual([{ path: 'creditCode', message: '统一社会信用代码无效（18 位，校验码不符）' }]);
    const en = await street.request('POST', '/api/enterprises', { name: 'x', creditCode: '123', regionCode: tree.villages[0][0], industryCode: 'ZZ', staffCount: 1, partyMemberCount: 5 }, { 'x-locale': 'en' });
    expect(en.json().error.fields).toEqual([
      { path: 'creditCode', message: 'Invalid unified social credit code (18 characters, check digit)' },
      { path: 'industryCode', message: 'Unknown GB/T 4754 industry code' },
      { path: 'partyMemberCount', message: 'Party members cannot outnumber staff' },
    ]);
    expect(await databaseFingerprint(ctx)).toBe(before);
  });

  it('REG-2 a credit code already registered is refused, also when two requests race', async () => {
    const code = randomCreditCode();
    const body = (name: string) => ({ name, creditCode: code, regionCode: tree.villages[0][0] });
    const results = await Promise.all([street.request('POST', '/api/enterprises', body('甲公司')), street.request('POST', '/api/enterprises', body('乙公司'))]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const refused = results.find((r) => r.statusCode === 409)!;
    expect(refused.json().error.fields).toEqual([{ path: 'creditCode', message: '该统一社会信用代码已登记' }]);
    expect(await ctx.db.kysely.selectFrom('organisation').select('id').where('credit_code', '=', code).execute()).toHaveLength(1);
  });

  it('REG-2 the enterprise keeps its own profile but not what the authorities designate (重点企业, party organisation status)', async () => {
    const e = await createEnterprise(ctx.db.kysely, { regionCode: tree.villages[0][0] });
    const user = await createUser(ctx.db.kysely, { role: 'enterprise', organisationId: e.id, orgPath: e.path });
    const agent = await login(ctx.app, user.username, user.password);
    const own = await agent.request('PATCH', `/api/enterprises/${e.id}`, { staffCount: 80, partyMemberCount: 6, name: '改名后的企业' });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({ staffCount: 80, partyMemberCount: 6, name: '改名后的企业' });
    const before = await databaseFingerprint(ctx);
    const key = await agent.request('PATCH', `/api/enterprises/${e.id}`, { isKeyEnterprise: true, staffCount: 81 });
    expect(key.statusCode).toBe(403);
    expect(key.json().error.fields).toEqual([{ path: 'isKeyEnterprise', message: '重点企业认定、党组织状况和所在区划由主管部门维护' }]);
    // Sending the unchanged value back (a whole form) is not a change.
    expect((await agent.request('PATCH', `/api/enterprises/${e.id}`, { isKeyEnterprise: false, partyOrgStatus: 'none' })).statusCode).toBe(200);
    const tooMany = await agent.request('PATCH', `/api/enterprises/${e.id}`, { partyMemberCount: 81 });
    expect(tooMany.json().error.fields).toEqual([{ path: 'partyMemberCount', message: '党员人数不能超过职工人数' }]);
    expect((await street.request('PATCH', `/api/enterprises/${e.id}`, { isKeyEnterprise: true })).json()).toMatchObject({ isKeyEnterprise: true });
    expect(before).not.toBe(await databaseFingerprint(ctx));
    // The search document follows the organisation's new name.
    expect((await street.request('GET', `/api/enterprises?q=${encodeURIComponent('改名后')}`)).json().total).toBe(1);
  });

  it('REG-2 the detail lists its leases; the list filters by building, key flag and party organisation status', async () => {
    const b = await createBuilding(ctx.db.kysely, { regionCode: tree.villages[0][1] });
    const e = await createEnterprise(ctx.db.kysely, { regionCode: tree.villages[0][1], isKeyEnterprise: true, partyOrgStatus: 'joint' });
    await createLease(ctx.db.kysely, { building: b, enterprise: e, area: 300, startOn: dayFromToday(-5), endOn: dayFromToday(360) });
    const d = (await street.request('GET', `/api/enterprises/${e.id}`)).json();
    expect(d.currentBuilding).toMatchObject({ id: b.id });
    expect(d.leases).toEqual([expect.objectContaining({ buildingId: b.id, area: 300 })]);
    const list = (await street.request('GET', `/api/enterprises?buildingId=${b.id}&isKeyEnterprise=true&partyOrgStatus=joint`)).json();
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([e.id]);
  });
});
