import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORG_PATH_COPIES } from '../../db/org-paths.ts';
import { createTestApp, login, type Agent, type TestContext } from '../../../../tests/support/app.ts';
import { createOrganisation, createPerson, createRegionTree, createUser, type RegionTree } from '../../../../tests/support/factories.ts';
import { createBuilding, createEnterprise, createLease, dayFromToday } from '../../../../tests/support/registry-factories.ts';

/**
 * ORG-4 with the registry: moving an organisation rewrites every copy of its
 * path that registry rows keep for scope, so the moved subtree's users keep
 * their records and the old parent's users lose them.
 */
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

async function agentAt(role: 'building' | 'enterprise', org: { id: string; path: string }): Promise<Agent> {
  const u = await createUser(ctx.db.kysely, { role, organisationId: org.id, orgPath: org.path });
  return login(ctx.app, u.username, u.password);
}

async function move(orgId: string, parentId: string): Promise<void> {
  const res = await street.request('PATCH', `/api/organisations/${orgId}`, { parentId });
  expect(res.statusCode, res.body).toBe(200);
}

async function sees(agent: Agent, ids: { buildingId: string; enterpriseId: string; leaseId: string }) {
  const [building, enterprise, leases] = await Promise.all([
    agent.request('GET', `/api/buildings/${ids.buildingId}`),
    agent.request('GET', `/api/enterprises/${ids.enterpriseId}`),
    agent.request('GET', `/api/leases?buildingId=${ids.buildingId}`),
  ]);
  return {
    building: building.statusCode === 200,
    enterprise: enterprise.statusCode === 200,
    leases: leases.statusCode === 200 ? (leases.json() as { items: { id: string }[] }).items.map((l) => l.id) : [],
  };
}

describe('ORG-4 moving an organisation carries the registry rows beneath it', () => {
  it('ORG-4 REG-1 REG-3 a building committee moved to another parent: its building user still sees building, tenants and leases; the old parent no longer does', async () => {
    const db = ctx.db.kysely;
    const region = tree.villages[0][0];
    const oldParent = await createOrganisation(db, {
      name: '原街道党工委',
      kind: 'party_org',
      partyOrgKind: 'committee',
      regionCode: region,
    });
    const newParent = await createOrganisation(db, {
      name: '新街道党工委',
      kind: 'party_org',
      partyOrgKind: 'committee',
      regionCode: region,
    });
    const building = await createBuilding(db, { regionCode: region });
    await move(building.partyCommitteeId, oldParent.id);
    const committeePath = `${oldParent.path}${building.partyCommitteeId}/`;
    const moved = { ...building, orgPath: committeePath };
    await db.updateTable('building').set({ org_path: committeePath }).where('id', '=', building.id).execute();
    const enterprise = await createEnterprise(db, { regionCode: region });
    const lease = await createLease(db, { building: moved, enterprise, area: 300, startOn: dayFromToday(-30), endOn: dayFromToday(300) });
    await db
      .insertInto('notification')
      .values({
        user_id: null,
        kind: 'lease_expiring',
        title: '租约将到期',
        body: null,
        link: null,
        region_code: region,
        org_path: committeePath,
        dedupe_key: `move-${lease.id}`,
      })
      .execute();
    const ids = { buildingId: building.id, enterpriseId: enterprise.id, leaseId: lease.id };

    const buildingUser = await agentAt('building', { id: building.partyCommitteeId, path: committeePath });
    const oldParentUser = await agentAt('building', oldParent);
    const newParentUser = await agentAt('building', newParent);
    expect(await sees(buildingUser, ids)).toEqual({ building: true, enterprise: true, leases: [lease.id] });
    expect(await sees(oldParentUser, ids)).toEqual({ building: true, enterprise: true, leases: [lease.id] });
    expect(await sees(newParentUser, ids)).toEqual({ building: false, enterprise: false, leases: [] });

    await move(building.partyCommitteeId, newParent.id);

    const newPath = `${newParent.path}${building.partyCommitteeId}/`;
    expect(await sees(buildingUser, ids)).toEqual({ building: true, enterprise: true, leases: [lease.id] });
    expect(await sees(newParentUser, ids)).toEqual({ building: true, enterprise: true, leases: [lease.id] });
    expect(await sees(oldParentUser, ids)).toEqual({ building: false, enterprise: false, leases: [] });
    // Every copy now names the new place; the management committee beneath moved too.
    const b = await db.selectFrom('building').select('org_path').where('id', '=', building.id).executeTakeFirstOrThrow();
    const e = await db
      .selectFrom('enterprise')
      .select(['org_path', 'building_path'])
      .where('organisation_id', '=', enterprise.id)
      .executeTakeFirstOrThrow();
    const l = await db.selectFrom('lease').select(['org_path', 'tenant_path']).where('id', '=', lease.id).executeTakeFirstOrThrow();
    const n = await db.selectFrom('notification').select('org_path').where('dedupe_key', '=', `move-${lease.id}`).executeTakeFirstOrThrow();
    expect({ b: b.org_path, e, l, n: n.org_path }).toEqual({
      b: newPath,
      e: { org_path: enterprise.path, building_path: newPath },
      l: { org_path: newPath, tenant_path: enterprise.path },
      n: newPath,
    });
  });

  it('ORG-4 REG-2 SVC-1 an enterprise moved under a joint party branch keeps its leases and service records for itself and its building', async () => {
    const db = ctx.db.kysely;
    const region = tree.villages[0][1];
    const branch = await createOrganisation(db, { name: '联合党支部', kind: 'party_org', partyOrgKind: 'branch', regionCode: region });
    const building = await createBuilding(db, { regionCode: region });
    const enterprise = await createEnterprise(db, { regionCode: region });
    const lease = await createLease(db, { building, enterprise, area: 200, startOn: dayFromToday(-10), endOn: dayFromToday(200) });
    const person = await createPerson(db, { regionCode: region });
    await db
      .insertInto('instructor')
      .values({ person_id: person.id, title: null, capacity: 3, lng: null, lat: null, region_code: region })
      .execute();
    const record = await db
      .insertInto('service_record')
      .values({
        person_id: person.id,
        enterprise_id: enterprise.id,
        kind: 'policy',
        served_on: dayFromToday(-1),
        summary: '落实惠企政策',
        region_code: region,
        org_path: enterprise.path,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const ids = { buildingId: building.id, enterpriseId: enterprise.id, leaseId: lease.id };
    const enterpriseUser = await agentAt('enterprise', enterprise);
    const buildingUser = await agentAt('building', { id: building.partyCommitteeId, path: building.orgPath });
    const stranger = await agentAt('enterprise', await createEnterprise(db, { regionCode: region }));

    await move(enterprise.id, branch.id);

    const newPath = `${branch.path}${enterprise.id}/`;
    const mine = await sees(enterpriseUser, ids);
    expect({ enterprise: mine.enterprise, leases: mine.leases }).toEqual({ enterprise: true, leases: [lease.id] });
    expect(await sees(buildingUser, ids)).toEqual({ building: true, enterprise: true, leases: [lease.id] });
    const strangers = await sees(stranger, ids);
    expect({ enterprise: strangers.enterprise, leases: strangers.leases }).toEqual({ enterprise: false, leases: [] });
    const services = await enterpriseUser.request('GET', `/api/service-records?enterpriseId=${enterprise.id}`);
    expect(services.statusCode, services.body).toBe(200);
    expect((services.json() as { items: { id: string }[] }).items.map((s) => s.id)).toEqual([record.id]);
    const e = await db.selectFrom('enterprise').select('org_path').where('organisation_id', '=', enterprise.id).executeTakeFirstOrThrow();
    const l = await db.selectFrom('lease').select('tenant_path').where('id', '=', lease.id).executeTakeFirstOrThrow();
    const s = await db.selectFrom('service_record').select('org_path').where('id', '=', record.id).executeTakeFirstOrThrow();
    expect([e.org_path, l.tenant_path, s.org_path]).toEqual([newPath, newPath, newPath]);
  });

  it('ORG-4 every column that copies an organisation path is rewritten by a move (none is forgotten when a table is added)', async () => {
    const { rows } = await sql<{ table_name: string; column_name: string }>`
      SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND (column_name LIKE '%\\_path' OR column_name = 'path') AND data_type = 'text'
        AND NOT (table_name = 'organisation' AND column_name = 'path')`.execute(ctx.db.kysely);
    const inDatabase = rows.map((r) => `${r.table_name}.${r.column_name}`).sort();
    expect(inDatabase).toEqual(ORG_PATH_COPIES.map((c) => `${c.table}.${c.column}`).sort());
  });
});
