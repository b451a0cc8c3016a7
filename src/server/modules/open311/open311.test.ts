import type { InjectOptions } from 'fastify';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Agent, type TestContext } from '../../../../tests/support/app.ts';
import { createUser } from '../../../../tests/support/factories.ts';
import { createMatterWorld, stepOk, type MatterWorld } from '../../../../tests/support/matter-factories.ts';
import { chinaIso } from './presenter.ts';
import { xmlDocument } from './xml.ts';

let ctx: TestContext;
let w: MatterWorld;
let admin: Agent;
let enterpriseKey: string;
let streetKey: string;

const V2 = '/open311/v2';

async function userIdOf(agent: Agent): Promise<string> {
  return (await ctx.db.kysely.selectFrom('app_user').select('id').where('username', '=', agent.username).executeTakeFirstOrThrow()).id;
}

async function issueKey(agent: Agent, name: string): Promise<{ id: string; apiKey: string }> {
  const res = await admin.request('POST', '/api/open311-keys', { name, userId: await userIdOf(agent) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; apiKey: string };
}

/** What the Ruby and Python open311 clients send: an HTML-form body, api_key and an empty jurisdiction_id among the fields. */
function formPost(url: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return ctx.app.inject({
    method: 'POST',
    url: V2 + url,
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...headers },
    payload: new URLSearchParams(fields).toString(),
  });
}

function get(url: string, headers: InjectOptions['headers'] = {}) {
  return ctx.app.inject({ method: 'GET', url: V2 + url, headers });
}

const xmlValue = (xml: string, tag: string) => new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml)?.[1];

function rubyGemFields(over: Record<string, string> = {}): Record<string, string> {
  return {
    jurisdiction_id: '',
    api_key: enterpriseKey,
    service_code: 'tax_consultation',
    lat: '26.0745',
    long: '119.2965',
    address_string: '福州市鼓楼区五四路 89 号 12 层',
    description: '发票领用额度不足\n公司业务增长，月度发票领用额度不够用，希望协调提高额度。',
    first_name: '小明',
    last_name: '王',
    phone: '+86 138-1234-5678',
    email: 'wang@example.com',
    ...over,
  };
}

async function matterByCode(code: string) {
  return ctx.db.kysely.selectFrom('matter').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
}

beforeAll(async () => {
  ctx = await createTestApp();
  w = await createMatterWorld(ctx);
  const a = await createUser(ctx.db.kysely, { role: 'admin' });
  admin = await login(ctx.app, a.username, a.password);
  enterpriseKey = (await issueKey(w.as.enterprise, '企业自建报事系统')).apiKey;
  streetKey = (await issueKey(w.as.street, '街道 12345 热线对接')).apiKey;
});
afterAll(async () => ctx?.close());

describe('MAT-1 Open311 GeoReport v2: services', () => {
  it('MAT-1 GET services.json lists the categories as services without a key; metadata false, realtime, names by Accept-Language', async () => {
    const res = await get('/services.json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    const services = res.json() as { service_code: string; service_name: string; metadata: boolean; type: string; group: string }[];
    expect(services).toHaveLength(14);
    expect(services[0]).toEqual({
      service_code: 'tax_consultation',
      service_name: '税务咨询',
      description: '纳税申报、发票、减税降费政策等咨询',
      metadata: false,
      type: 'realtime',
      keywords: 'consultation',
      group: '政务服务',
    });
    const en = (await get('/services.json?jurisdiction_id=', { 'accept-language': 'en-GB,en' })).json() as { service_name: string }[];
    expect(en[0]!.service_name).toBe('Tax enquiry');
  });

  it('MAT-1 GET services.xml is the standard document: declaration, <services><service>… with the same fields', async () => {
    const res = await get('/services.xml');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(
      res.body.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<services><service><service_code>tax_consultation</service_code>'),
    ).toBe(true);
    expect(res.body.match(/<service>/g)).toHaveLength(14);
    expect(res.body).toContain('<metadata>false</metadata><type>realtime</type><keywords>consultation</keywords><group>政务服务</group>');
    expect(res.body.endsWith('</service></services>')).toBe(true);
  });

  it('MAT-1 GET services/{code} gives an empty definition; an unknown code is 404 in the Open311 error shape', async () => {
    expect((await get('/services/tax_service.json')).json()).toEqual({ service_code: 'tax_service', attributes: [] });
    expect((await get('/services/tax_service.xml')).body).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<service_definition><service_code>tax_service</service_code><attributes/></service_definition>',
    );
    const missing = await get('/services/potholes.json');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual([{ code: 404, description: 'service_code 不存在：potholes' }]);
    const missingXml = await get('/services/potholes.xml', { 'accept-language': 'en' });
    expect(missingXml.body).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<errors><error><code>404</code><description>Unknown service_code: potholes</description></error></errors>',
    );
  });

  it('MAT-1 the discovery file points clients at the endpoint and its formats', async () => {
    const res = await get('/discovery.json', { host: 'hongtu.example.cn' });
    expect(res.json()).toMatchObject({
      endpoints: [
        {
          specification: 'http://wiki.open311.org/GeoReport_v2',
          url: 'http://hongtu.example.cn/open311/v2',
          formats: ['text/xml', 'application/json'],
        },
      ],
    });
    expect((await get('/discovery.xml')).body).toContain('<formats><format>text/xml</format><format>application/json</format></formats>');
  });
});

describe('MAT-1 Open311 GeoReport v2: posting requests', () => {
  it('MAT-1 a form-encoded POST as the Ruby/Python clients send it raises a matter of the key account’s enterprise (XML answer)', async () => {
    const res = await formPost('/requests.xml', rubyGemFields({ media_url: 'https://img.example.com/a.jpg' }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(res.body).toMatch(
      /^<\?xml version="1.0" encoding="utf-8"\?>\n<service_requests><request><service_request_id>LY\d{14}<\/service_request_id><service_notice>已受理，将于 \d{4}-\d\d-\d\d \d\d:\d\d 前答复<\/service_notice><account_id\/><\/request><\/service_requests>$/,
    );
    const m = await matterByCode(xmlValue(res.body, 'service_request_id')!);
    expect(m).toMatchObject({
      source: 'open311',
      status: 'collected',
      level: 'building',
      enterprise_id: w.enterprise.id,
      building_id: w.building.id,
      title: '发票领用额度不足',
      contact_name: '王小明',
      contact_phone_mask: '138****5678',
      address: '福州市鼓楼区五四路 89 号 12 层',
      lat: 26.0745,
      lng: 119.2965,
      idempotency_key: null,
    });
    expect(ctx.deps.secrets.decrypt(m.contact_phone_enc!)).toBe('13812345678');
    expect(m.description).toContain('附件 Media: https://img.example.com/a.jpg');
    // The building's desk is told, as for a matter from the portal.
    const building = (await w.as.building.request('GET', '/api/matters?queue=todo')).json() as { items: { id: string }[] };
    expect(building.items.map((i) => i.id)).toContain(m.id);
  });

  it('MAT-1 a JSON POST works too, with attributes as an object; a street key places the matter in its street', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: `${V2}/requests.json`,
      payload: {
        api_key: streetKey,
        service_code: 'public_security',
        description: 'Fire exit on floor 3 is blocked by boxes',
        first_name: 'Li',
        last_name: 'Lei',
        attribute: { channel: '12345' },
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const [answer] = res.json() as { service_request_id: string; service_notice: string; account_id: null }[];
    expect(answer!.account_id).toBeNull();
    const m = await matterByCode(answer!.service_request_id);
    expect(m).toMatchObject({ region_code: w.tree.townships[0], level: 'street', building_id: null, contact_name: 'Li Lei', lat: null });
  });

  it('MAT-1 a retried POST with the same Idempotency-Key creates one matter (201 then 200, same id); so does attribute[client_request_id]', async () => {
    const count = async () =>
      Number(
        (
          await ctx.db.kysely
            .selectFrom('matter')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const first = await formPost('/requests.json', rubyGemFields(), { 'idempotency-key': 'mobile-7f3a' });
    const retry = await formPost('/requests.json', rubyGemFields(), { 'idempotency-key': 'mobile-7f3a' });
    expect([first.statusCode, retry.statusCode]).toEqual([201, 200]);
    expect(retry.json()).toEqual(first.json());
    const viaAttribute = rubyGemFields({ 'attribute[client_request_id]': 'queue-0042' });
    const a1 = await formPost('/requests.json', viaAttribute);
    const a2 = await formPost('/requests.json', viaAttribute);
    expect([a1.statusCode, a2.statusCode]).toEqual([201, 200]);
    expect(a2.json()).toEqual(a1.json());
    expect(await count()).toBe(before + 2);
    const stored = await matterByCode((first.json() as { service_request_id: string }[])[0]!.service_request_id);
    expect(stored.idempotency_key).toBe('open311:mobile-7f3a');
    // Two racing retries still make one.
    const racing = await Promise.all([1, 2, 3].map(() => formPost('/requests.json', rubyGemFields(), { 'idempotency-key': 'race-1' })));
    expect(new Set(racing.map((r) => r.body)).size).toBe(1);
    expect(racing.map((r) => r.statusCode).sort()).toEqual([200, 200, 201]);
    expect(await count()).toBe(before + 3);
  });

  it('MAT-1 a missing, wrong or revoked api_key is 403; an unknown service_code and a missing description are 400, in the Open311 error shape', async () => {
    const noKey = await formPost('/requests.json', rubyGemFields({ api_key: '' }));
    expect(noKey.statusCode).toBe(403);
    expect(noKey.json()).toEqual([{ code: 403, description: 'api_key 缺失、无效或已吊销' }]);
    const wrong = await formPost('/requests.xml', rubyGemFields({ api_key: 'o311_not-a-key' }), { 'accept-language': 'en' });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.body).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<errors><error><code>403</code><description>api_key is missing, invalid or revoked</description></error></errors>',
    );
    const unknown = await formPost('/requests.json', rubyGemFields({ service_code: 'potholes' }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toEqual([{ code: 400, description: 'service_code 不存在：potholes' }]);
    const noDescription = await formPost('/requests.json', rubyGemFields({ description: '  ' }), { 'accept-language': 'en' });
    expect(noDescription.statusCode).toBe(400);
    expect(noDescription.json()).toEqual([{ code: 400, description: expect.stringMatching(/^description: /) }]);
    const halfPlace = await formPost('/requests.json', rubyGemFields({ long: '' }));
    expect(halfPlace.json()).toEqual([{ code: 400, description: 'long: lat 与 long 须同时提供' }]);
    const badJson = await ctx.app.inject({
      method: 'POST',
      url: `${V2}/requests.json`,
      headers: { 'content-type': 'application/json' },
      payload: '{',
    });
    expect(badJson.statusCode).toBe(400);
    expect((badJson.json() as { code: number }[])[0]!.code).toBe(400);

    const spare = await issueKey(w.as.enterprise, '待吊销');
    expect((await formPost('/requests.json', rubyGemFields({ api_key: spare.apiKey }))).statusCode).toBe(201);
    expect((await admin.request('DELETE', `/api/open311-keys/${spare.id}`)).statusCode).toBe(200);
    expect((await formPost('/requests.json', rubyGemFields({ api_key: spare.apiKey }))).statusCode).toBe(403);
  });

  it('MAT-1 the key is also read from the X-Api-Key header, and a department account’s key may not raise matters', async () => {
    const viaHeader = await formPost('/requests.json', rubyGemFields({ api_key: '' }), { 'x-api-key': enterpriseKey });
    expect(viaHeader.statusCode).toBe(201);
    const deptKey = await issueKey(w.as.tax, '税务局系统');
    const refused = await formPost('/requests.json', rubyGemFields({ api_key: deptKey.apiKey }));
    expect(refused.statusCode).toBe(403);
    expect((refused.json() as { code: number }[])[0]!.code).toBe(403);
  });
  it('SEC-3 MAT-1 random form fields never make the server fail: 2xx, or 4xx as an Open311 error list', async () => {
    const value = fc.oneof(
      fc.string(),
      fc.constantFrom(
        '',
        ' ',
        'tax_consultation',
        'potholes',
        '91',
        '-181',
        'NaN',
        '1e309',
        '13812345678',
        w.tree.townships[0],
        w.tree.townships[1],
        '360732203206',
        'javascript:alert(1)',
        'https://img.example.com/x.png',
      ),
    );
    const keysOf = [
      'service_code',
      'lat',
      'long',
      'description',
      'phone',
      'first_name',
      'last_name',
      'address_string',
      'media_url',
      'attribute[region_code]',
      'attribute[client_request_id]',
      'extra',
    ];
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom(...keysOf), value, { maxKeys: keysOf.length }), fc.boolean(), async (fields, xml) => {
        const res = await formPost(`/requests.${xml ? 'xml' : 'json'}`, { ...fields, api_key: streetKey });
        expect(res.statusCode, `${JSON.stringify(fields)} → ${res.body}`).toBeLessThan(500);
        if (res.statusCode >= 400) {
          if (xml) expect(res.body).toContain(`<errors><error><code>${res.statusCode}</code>`);
          else expect((res.json() as { code: number }[])[0]!.code).toBe(res.statusCode);
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('MAT-1 Open311 GeoReport v2: reading requests', () => {
  it('MAT-1 GET requests filters by service_code, status, dates and a list of ids; GET requests/{id} gives one', async () => {
    const res = await formPost('/requests.json', rubyGemFields({ service_code: 'talent_policy', description: '人才补贴申报咨询' }));
    const code = (res.json() as { service_request_id: string }[])[0]!.service_request_id;
    const m = await matterByCode(code);
    const list = async (query: string) =>
      (await get(`/requests.json?jurisdiction_id=&api_key=${enterpriseKey}${query}`)).json() as {
        service_request_id: string;
        service_code: string;
        status: string;
      }[];

    const all = await list('');
    expect(all.map((r) => r.service_request_id)).toContain(code);
    expect(new Set(all.map((r) => r.status))).toEqual(new Set(['open']));
    expect((await list('&service_code=talent_policy')).map((r) => r.service_request_id)).toEqual([code]);
    expect(await list('&service_code=talent_policy&status=closed')).toEqual([]);
    expect((await list('&service_code=talent_policy&status=open,closed')).map((r) => r.service_request_id)).toEqual([code]);
    expect(await list('&start_date=2099-01-01T00:00:00Z')).toEqual([]);
    expect(
      (await list(`&start_date=${encodeURIComponent(chinaIso(new Date(Date.now() - 60_000)))}&service_code=talent_policy`)).length,
    ).toBe(1);
    expect(await list('&end_date=2020-01-01')).toEqual([]);
    // Ids override every other filter, as the standard says.
    expect((await list(`&service_request_id=${code},LY000&service_code=other&status=closed`)).map((r) => r.service_request_id)).toEqual([
      code,
    ]);

    const badDate = await get(`/requests.json?api_key=${enterpriseKey}&start_date=yesterday`);
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json()).toEqual([{ code: 400, description: expect.stringContaining('start_date: 日期时间须为 ISO 8601 格式') }]);
    expect((await get(`/requests.json?api_key=${enterpriseKey}&status=pending`)).statusCode).toBe(400);

    const one = await get(`/requests/${code}.json?api_key=${enterpriseKey}`);
    expect(one.statusCode).toBe(200);
    const [request] = one.json() as Record<string, unknown>[];
    expect(request).toEqual({
      service_request_id: code,
      status: 'open',
      status_notes: null,
      service_name: '人才政策咨询',
      service_code: 'talent_policy',
      description: '人才补贴申报咨询',
      agency_responsible: null,
      service_notice: expect.stringMatching(/^已受理，将于 .* 前答复$/),
      requested_datetime: chinaIso(m.created_at),
      updated_datetime: chinaIso(m.updated_at),
      expected_datetime: chinaIso(m.reply_due_at!),
      address: '福州市鼓楼区五四路 89 号 12 层',
      address_id: null,
      zipcode: null,
      lat: 26.0745,
      long: 119.2965,
      media_url: null,
    });
    expect(String(request!.requested_datetime)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);

    const xml = await get(`/requests/${code.toLowerCase()}.xml?api_key=${enterpriseKey}`);
    expect(xml.body).toBe(xmlDocument('service_requests', 'request', [request as Record<string, string>]));
    expect(xml.body).toContain(`<service_request_id>${code}</service_request_id><status>open</status><status_notes/>`);

    const missing = await get(`/requests/LY20990101000001.json?api_key=${enterpriseKey}`);
    expect(missing.statusCode).toBe(404);
    expect((missing.json() as { code: number }[])[0]!.code).toBe(404);
    expect((await get(`/requests/${code}.json`)).statusCode).toBe(403);
    expect((await get(`/requests.json`)).statusCode).toBe(403);
  });

  it('MAT-1 MAT-7 a request walks the workflow in /api and its Open311 status flips to closed, with notes and the handling agency', async () => {
    const res = await formPost('/requests.json', rubyGemFields(), { 'idempotency-key': 'walk-1' });
    const code = (res.json() as { service_request_id: string }[])[0]!.service_request_id;
    const id = (await matterByCode(code)).id;
    const read = async () => ((await get(`/requests/${code}.json?api_key=${enterpriseKey}`)).json() as Record<string, unknown>[])[0]!;

    await stepOk(w.as.building, id, { action: 'register' });
    await stepOk(w.as.building, id, { action: 'dispatch', handlerOrgId: w.taxOrgId, note: '请税务局协调发票额度' });
    const taxName = (await ctx.db.kysely.selectFrom('organisation').select('name').where('id', '=', w.taxOrgId).executeTakeFirstOrThrow())
      .name;
    expect(await read()).toMatchObject({ status: 'open', status_notes: '请税务局协调发票额度', agency_responsible: taxName });
    await stepOk(w.as.tax, id, { action: 'accept' });
    await stepOk(w.as.tax, id, { action: 'report_back', note: '已核增月度发票领用额度' });
    await stepOk(w.as.building, id, { action: 'reply', note: '已电话告知企业额度已提高' });
    expect(await read()).toMatchObject({ status: 'open', status_notes: '已电话告知企业额度已提高' });
    await stepOk(w.as.enterprise, id, { action: 'rate', satisfaction: 'satisfied' });

    const closed = await read();
    expect(closed).toMatchObject({ status: 'closed', service_notice: null, expected_datetime: null, agency_responsible: taxName });
    const row = await matterByCode(code);
    expect(closed.updated_datetime).toBe(chinaIso(row.updated_at));
    const closedList = (await get(`/requests.json?api_key=${enterpriseKey}&status=closed`)).json() as { service_request_id: string }[];
    expect(closedList.map((r) => r.service_request_id)).toContain(code);
  });

  it('MAT-1 a withdrawn matter is closed to Open311 too', async () => {
    const res = await formPost('/requests.json', rubyGemFields());
    const code = (res.json() as { service_request_id: string }[])[0]!.service_request_id;
    await stepOk(w.as.enterprise, (await matterByCode(code)).id, { action: 'withdraw', note: '已自行解决' });
    const [r] = (await get(`/requests/${code}.json?api_key=${enterpriseKey}`)).json() as { status: string; status_notes: string }[];
    expect(r).toMatchObject({ status: 'closed', status_notes: '已自行解决' });
  });
});

describe('MAT-1 Open311 API keys', () => {
  it('MAT-1 an administrator issues a key shown once (only a hash kept), lists and revokes it, each audited', async () => {
    const created = await admin.request('POST', '/api/open311-keys', { name: '楼宇小程序', userId: await userIdOf(w.as.building) });
    expect(created.statusCode).toBe(201);
    expect(created.headers['cache-control']).toBe('no-store');
    const key = created.json() as {
      id: string;
      apiKey: string;
      keyHint: string;
      user: { username: string; role: string };
      revokedAt: null;
    };
    expect(key.apiKey).toMatch(/^o311_[\w-]{32}$/);
    expect(key.keyHint).toBe(`o311_…${key.apiKey.slice(-4)}`);
    expect(key.user).toMatchObject({ username: w.as.building.username, role: 'building' });
    const row = await ctx.db.kysely.selectFrom('open311_key').selectAll().where('id', '=', key.id).executeTakeFirstOrThrow();
    expect(row.key_hash).not.toContain(key.apiKey);
    expect(row.region_code).toBe(w.tree.townships[0]);

    const list = (await admin.request('GET', '/api/open311-keys')).json() as { items: Record<string, unknown>[] };
    const listed = list.items.find((k) => k.id === key.id)!;
    expect(listed).not.toHaveProperty('apiKey');
    expect(JSON.stringify(list)).not.toContain(key.apiKey);

    const revoked = await admin.request('DELETE', `/api/open311-keys/${key.id}`);
    expect(revoked.statusCode).toBe(200);
    expect((revoked.json() as { revokedAt: string | null }).revokedAt).not.toBeNull();
    // Revoking again changes nothing and writes no second audit row.
    expect((await admin.request('DELETE', `/api/open311-keys/${key.id}`)).statusCode).toBe(200);
    const audit = await ctx.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('entity', '=', 'open311_key')
      .where('entity_id', '=', key.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['open311_key.create', 'open311_key.revoke']);
    expect(JSON.stringify(audit)).not.toContain(key.apiKey);

    expect((await admin.request('POST', '/api/open311-keys', { name: '无此账号', userId: '999999999' })).statusCode).toBe(400);
    expect((await admin.request('DELETE', '/api/open311-keys/999999999')).statusCode).toBe(404);
  });
});
