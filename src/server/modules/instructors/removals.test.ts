import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Agent, type TestContext } from '../../../../tests/support/app.ts';
import { createRegionTree, createUser, type RegionTree } from '../../../../tests/support/factories.ts';
import { createEnterprise, createInstructor } from '../../../../tests/support/service-factories.ts';

/** SVC-1 the instructor on the enterprise's record, and undoing a pin or a service record. */
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

describe('SVC-1 an enterprise’s instructor', () => {
  it('SVC-1 the enterprise read names its assigned instructor; removing the pin leaves it uncovered and is audited', async () => {
    const region = tree.villages[0][0];
    const enterprise = await createEnterprise(ctx.db.kysely, { regionCode: region });
    const instructor = await createInstructor(ctx.db.kysely, { regionCode: region, name: '林指导员' });
    const before = (await street.request('GET', `/api/enterprises/${enterprise.id}`)).json() as {
      instructor: unknown;
      hasInstructor: boolean;
    };
    expect(before).toMatchObject({ instructor: null, hasInstructor: false });
    const pin = await street.request('PUT', `/api/enterprises/${enterprise.id}/instructor`, {
      personId: instructor.personId,
      pinned: true,
    });
    expect(pin.statusCode, pin.body).toBe(200);
    const read = (await street.request('GET', `/api/enterprises/${enterprise.id}`)).json() as { instructor: unknown; coverage: string };
    expect(read).toMatchObject({ instructor: { personId: instructor.personId, name: '林指导员', pinned: true }, coverage: 'instructor' });
    const listed = (await street.request('GET', `/api/enterprises?regionCode=${region}`)).json() as {
      items: { id: string; instructor: { name: string } | null }[];
    };
    expect(listed.items.find((e) => e.id === enterprise.id)!.instructor?.name).toBe('林指导员');

    const removed = await street.request('DELETE', `/api/enterprises/${enterprise.id}/instructor`);
    expect(removed.statusCode, removed.body).toBe(204);
    const after = (await street.request('GET', `/api/enterprises/${enterprise.id}`)).json() as {
      instructor: unknown;
      hasInstructor: boolean;
      coverage: string;
    };
    expect(after).toMatchObject({ instructor: null, hasInstructor: false, coverage: 'none' });
    const audit = await ctx.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', enterprise.id)
      .where('action', '=', 'instructor_assignment.remove')
      .execute();
    expect(audit).toHaveLength(1);
    expect((await street.request('DELETE', `/api/enterprises/${enterprise.id}/instructor`)).statusCode).toBe(404);
  });

  it('SVC-1 SVC-2 a service record entered by mistake is deleted: gone from the list, the audit row keeps it', async () => {
    const region = tree.villages[0][1];
    const enterprise = await createEnterprise(ctx.db.kysely, { regionCode: region });
    const instructor = await createInstructor(ctx.db.kysely, { regionCode: region });
    const created = await street.request('POST', '/api/service-records', {
      personId: instructor.personId,
      enterpriseId: enterprise.id,
      kind: 'talent',
      servedOn: '2024-05-06',
      summary: '引进研发人才 3 名',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = (created.json() as { id: string }).id;
    const res = await street.request('DELETE', `/api/service-records/${id}`);
    expect(res.statusCode, res.body).toBe(204);
    const list = (await street.request('GET', `/api/service-records?enterpriseId=${enterprise.id}`)).json() as { items: unknown[] };
    expect(list.items).toEqual([]);
    const audit = await ctx.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'before'])
      .where('entity', '=', 'service_record')
      .where('entity_id', '=', id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['service_record.create', 'service_record.delete']);
    expect((await street.request('DELETE', `/api/service-records/${id}`)).statusCode).toBe(404);
  });
});
