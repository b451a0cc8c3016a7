import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Agent, type TestContext } from '../support/app.ts';
import { createUser } from '../support/factories.ts';
import { createMatterWorld, type MatterWorld } from '../support/matter-factories.ts';
import { databaseFingerprint, expectInScope, expectOutOfScope, type ScopeCase } from '../support/scope.ts';

/**
 * ORG-4 for the Open311 interface (MAT-1): a GeoReport key acts as its account, so a
 * key of another street — or of another enterprise in the same building — cannot read
 * a street's request (404) nor raise one there (403), and nothing changes; the street's
 * own key can. Only administrators issue, list and revoke keys.
 */
let ctx: TestContext;
let w: MatterWorld;
let admin: Agent;
let keys: { street: string; outsideStreet: string; enterprise: string; otherEnterprise: string };
let rec: { code: string; t0: string; spareKey: string };

const V2 = '/open311/v2';
const PREFIXES = [V2, '/api/open311-keys'];
/** The list by key: filtered, never refused; proven by the list case below. */
const LISTS = [`GET ${V2}/requests.:format`];
/** Public by the standard: the service list, a service's definition and the discovery file. */
const LISTED = ['GET /open311/v2/services.:format', 'GET /open311/v2/services/:service_code.:format', 'GET /open311/v2/discovery.:format'];

async function issueKey(agent: Agent, name: string): Promise<{ id: string; apiKey: string }> {
  const user = await ctx.db.kysely.selectFrom('app_user').select('id').where('username', '=', agent.username).executeTakeFirstOrThrow();
  const res = await admin.request('POST', '/api/open311-keys', { name, userId: user.id });
  if (res.statusCode !== 201) throw new Error(`key for ${agent.username}: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; apiKey: string };
}

interface Open311Case {
  route: string;
  /** An enterprise may raise matters of its own, so a write is refused to the other street only. */
  readOnly?: boolean;
  method: 'GET' | 'POST';
  url: string;
  form?: Record<string, string>;
}

function callWithKey(key: string, c: Open311Case) {
  if (c.method === 'GET')
    return ctx.app.inject({ method: 'GET', url: `${c.url}${c.url.includes('?') ? '&' : '?'}api_key=${encodeURIComponent(key)}` });
  return ctx.app.inject({
    method: 'POST',
    url: c.url,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ ...c.form, api_key: key }).toString(),
  });
}

/** The GeoReport twin of expectOutOfScope: 403 or 404 as an Open311 error list, and the database unchanged. */
async function expectKeyRefused(key: string, c: Open311Case): Promise<void> {
  const before = await databaseFingerprint(ctx);
  const res = await callWithKey(key, c);
  expect([403, 404], `${c.method} ${c.url} answered ${res.statusCode}: ${res.body}`).toContain(res.statusCode);
  if (c.url.includes('.xml'))
    expect(res.body).toMatch(new RegExp(`<errors><error><code>${res.statusCode}</code><description>[^<]+</description></error></errors>$`));
  else expect(res.json()).toEqual([{ code: res.statusCode, description: expect.any(String) }]);
  expect(await databaseFingerprint(ctx), `${c.method} ${c.url} changed data`).toBe(before);
}

beforeAll(async () => {
  ctx = await createTestApp();
  w = await createMatterWorld(ctx);
  const a = await createUser(ctx.db.kysely, { role: 'admin' });
  admin = await login(ctx.app, a.username, a.password);
  keys = {
    street: (await issueKey(w.as.street, '甲街道热线')).apiKey,
    outsideStreet: (await issueKey(w.as.outsideStreet, '乙街道热线')).apiKey,
    enterprise: (await issueKey(w.as.enterprise, '企业系统')).apiKey,
    otherEnterprise: (await issueKey(w.as.otherEnterprise, '同楼另一企业')).apiKey,
  };
  const raised = await ctx.app.inject({
    method: 'POST',
    url: `${V2}/requests.json`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({
      api_key: keys.enterprise,
      service_code: 'tax_consultation',
      description: '甲街道企业的发票额度问题',
      phone: '13812345678',
    }).toString(),
  });
  if (raised.statusCode !== 201) throw new Error(raised.body);
  rec = {
    code: (raised.json() as { service_request_id: string }[])[0]!.service_request_id,
    t0: w.tree.townships[0],
    spareKey: (await issueKey(w.as.building, '待吊销')).id,
  };
});
afterAll(() => ctx.close());

function keyCases(): Open311Case[] {
  return [
    { route: `GET ${V2}/requests/:service_request_id.:format`, readOnly: true, method: 'GET', url: `${V2}/requests/${rec.code}.json` },
    { route: `GET ${V2}/requests/:service_request_id.:format`, readOnly: true, method: 'GET', url: `${V2}/requests/${rec.code}.xml` },
    {
      route: `POST ${V2}/requests.:format`,
      readOnly: false,
      method: 'POST',
      url: `${V2}/requests.json`,
      form: { service_code: 'public_security', description: '甲街道消防通道堵塞', 'attribute[region_code]': rec.t0 },
    },
  ];
}

/** Key management, as an administrator may call it (in this order, each once). */
function adminCases(): (ScopeCase & { route: string })[] {
  return [
    { route: 'GET /api/open311-keys', method: 'GET', url: '/api/open311-keys' },
    { route: 'POST /api/open311-keys', method: 'POST', url: '/api/open311-keys', payload: { name: '新密钥', userId: '1' } },
    { route: 'DELETE /api/open311-keys/:id', method: 'DELETE', url: `/api/open311-keys/${rec.spareKey}` },
  ];
}

describe('ORG-4 MAT-1 scope of the Open311 interface', () => {
  it('MAT-1 a key of another street or of another enterprise cannot read the request (404) nor raise one in the street (403); nothing changes', async () => {
    for (const c of keyCases()) {
      await expectKeyRefused(keys.outsideStreet, c);
      if (c.readOnly) await expectKeyRefused(keys.otherEnterprise, c);
    }
    for (const c of keyCases()) {
      const res = await callWithKey(keys.street, c);
      expect(res.statusCode, `${c.url}: ${res.body}`).toBeLessThan(300);
    }
  });

  it('MAT-1 lists by key never show another street’s requests, even asked by id', async () => {
    for (const key of [keys.outsideStreet, keys.otherEnterprise]) {
      for (const url of [`${V2}/requests.json`, `${V2}/requests.json?service_request_id=${rec.code}`, `${V2}/requests.xml?status=open`]) {
        const res = await callWithKey(key, { route: '', method: 'GET', url });
        expect(res.statusCode).toBe(200);
        expect(res.body, url).not.toContain(rec.code);
        expect(res.body).not.toContain('甲街道');
      }
    }
    const inside = await callWithKey(keys.street, { route: '', method: 'GET', url: `${V2}/requests.json?service_request_id=${rec.code}` });
    expect(inside.body).toContain(rec.code);
  });

  it('MAT-1 no role but the administrator lists, issues or revokes keys, and nothing changes', async () => {
    const others = Object.values(w.as);
    for (const c of adminCases()) for (const agent of others) await expectOutOfScope(ctx, agent, c);
    const firstUser = await ctx.db.kysely.selectFrom('app_user').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow();
    for (const c of adminCases()) {
      const payload = c.method === 'POST' ? { ...(c.payload as object), userId: firstUser.id } : c.payload;
      await expectInScope(admin, { ...c, payload });
    }
  });

  it('MAT-1 every endpoint of the Open311 interface and its keys is covered by a scope case here', () => {
    const covered = new Set([...keyCases(), ...adminCases()].map((c) => c.route).concat(LISTS));
    const routes = ctx.app.routeTable
      .filter((r) => PREFIXES.some((p) => r.url === p || r.url.startsWith(`${p}/`) || r.url.startsWith(`${p}.`)))
      .map((r) => `${r.method} ${r.url}`);
    expect(routes.filter((key) => !covered.has(key) && !LISTED.includes(key))).toEqual([]);
    // The prefixes really do hold routes: a typo here would make the check vacuous.
    expect(routes.length).toBeGreaterThanOrEqual(9);
    // The GeoReport routes skip the session gate; the key routes do not.
    const modes = new Map(ctx.app.routeTable.map((r) => [`${r.method} ${r.url}`, r.auth]));
    expect(modes.get(`GET ${V2}/requests.:format`)).toBe('public');
    expect(modes.get('GET /api/open311-keys')).toBe('user');
  });
});
