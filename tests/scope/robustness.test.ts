import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Agent, type TestContext } from '../support/app.ts';
import { createRegionTree, createUser, type RegionTree } from '../support/factories.ts';

/** SEC-3: whatever a client sends, the answer is a clear 2xx/4xx, never a 500. */
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

const fieldValue = () => fc.oneof(
  fc.string(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('party_org', 'enterprise', 'branch', 'member', '2024-02-30', '13812345678', '0', '-1', '99999999999999999999'),
  fc.constantFrom(tree.villages[0][0], tree.townships[1], '360732203206'),
);

function bodies(keys: string[]) {
  return fc.dictionary(fc.constantFrom(...keys, 'extra'), fieldValue(), { maxKeys: keys.length + 1 });
}

describe('SEC-3 no input makes the server fail', () => {
  it('SEC-3 random bodies to every create and update endpoint answer 2xx or 4xx with an error body', async () => {
    const org = (await street.request('POST', '/api/organisations', { name: '健壮性企业', kind: 'enterprise', regionCode: tree.villages[0][0] })).json();
    const person = (await street.request('POST', '/api/people', { name: '健壮性人员', regionCode: tree.villages[0][0] })).json();
    const targets: [string, string, string[]][] = [
      ['POST', '/api/organisations', ['name', 'kind', 'partyOrgKind', 'formation', 'regionCode', 'parentId', 'creditCode']],
      ['PATCH', `/api/organisations/${org.id}`, ['name', 'kind', 'partyOrgKind', 'regionCode', 'parentId', 'expectedUpdatedAt']],
      ['POST', '/api/people', ['name', 'gender', 'birthDate', 'isPartyMember', 'regionCode', 'organisationId', 'phone', 'idNumber']],
      ['PATCH', `/api/people/${person.id}`, ['name', 'birthDate', 'organisationId', 'phone']],
      ['POST', `/api/people/${person.id}/posts`, ['organisationId', 'title', 'startedOn', 'endedOn']],
      ['POST', '/api/users', ['username', 'displayName', 'role', 'regionCode', 'organisationId', 'personId', 'password', 'locale']],
    ];
    for (const [method, url, keys] of targets) {
      await fc.assert(
        fc.asyncProperty(bodies(keys), async (body) => {
          const res = await street.request(method as 'POST', url, body);
          expect(res.statusCode, `${method} ${url} ${JSON.stringify(body)} → ${res.body}`).toBeLessThan(500);
          if (res.statusCode >= 400) expect(res.json().error.message).toBeTruthy();
        }),
        { numRuns: 40 },
      );
    }
  });

  it('SEC-3 malformed ids and query strings are 4xx', async () => {
    for (const url of ['/api/organisations/abc', '/api/people/-1', '/api/users/1e3', '/api/organisations?limit=9999', '/api/people?partyMember=maybe', '/api/audit?from=yesterday']) {
      const res = await street.request('GET', url);
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
    }
  });
});
