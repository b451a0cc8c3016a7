import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../../tests/support/app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

describe('OPS-3 health, metrics and the API document', () => {
  it('OPS-3 /healthz answers with the database backend', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: 'ok', backend: ctx.db.backend });
  });

  it('OPS-3 /metrics speaks Prometheus text with per-route request counts', async () => {
    await ctx.app.inject({ method: 'GET', url: '/api/auth/me' });
    const res = await ctx.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    expect(res.body).toMatch(/hongtu_http_requests_total\{method="GET",route="\/api\/auth\/me",status="401"\} \d+/);
    expect(res.body).toContain('hongtu_http_request_duration_seconds_bucket');
  });

  it('SEC-3 the OpenAPI 3.1 document is generated from the Zod schemas and browsable', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/regions/{code}', '/api/organisations', '/api/people/{id}/posts', '/api/users', '/api/audit']));
    const create = doc.paths['/api/organisations'].post;
    expect(create.requestBody.content['application/json'].schema.properties.kind.enum).toContain('building_party_committee');
    const ui = await ctx.app.inject({ method: 'GET', url: '/api/docs' });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toMatch(/swagger-ui/i);
  });

  it('SEC-3 an unknown API path answers a JSON 404 in the caller’s language', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/nope', headers: { 'x-locale': 'en' } });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: 'not_found', message: 'Not found, or outside your scope' });
  });
});
