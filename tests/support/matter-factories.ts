import type { Kysely } from 'kysely';
import type { Database } from '../../src/server/db/schema.ts';
import { login, type Agent, type TestContext } from './app.ts';
import { createRegionTree, createUser, type RegionTree } from './factories.ts';
import {
  createBuilding,
  createDepartmentPerson,
  createEnterprise,
  createLease,
  type TestBuilding,
  type TestEnterprise,
} from './registry-factories.ts';

/**
 * A small four-level world for matters (MAT): a city → district → two streets,
 * a building in the first street with an enterprise leasing in it, a district tax
 * bureau, and a signed-in user for every desk of the ladder, plus outsiders from
 * the other street and another enterprise.
 */
export interface MatterWorld {
  tree: RegionTree;
  building: TestBuilding;
  enterprise: TestEnterprise;
  otherEnterprise: TestEnterprise;
  taxOrgId: string;
  talentOrgId: string;
  categoryId: (code: string) => Promise<string>;
  as: {
    enterprise: Agent;
    otherEnterprise: Agent;
    building: Agent;
    street: Agent;
    district: Agent;
    city: Agent;
    tax: Agent;
    talent: Agent;
    outsideStreet: Agent;
  };
}

export async function createMatterWorld(ctx: TestContext, opts: { keyEnterprise?: boolean } = {}): Promise<MatterWorld> {
  const db: Kysely<Database> = ctx.db.kysely;
  const tree = await createRegionTree(db);
  const [t0, t1] = tree.townships;
  const building = await createBuilding(db, { regionCode: t0, name: `事项测试大厦${Math.random().toString(36).slice(2, 6)}` });
  const enterprise = await createEnterprise(db, { regionCode: t0, isKeyEnterprise: opts.keyEnterprise ?? false });
  const otherEnterprise = await createEnterprise(db, { regionCode: t0 });
  await createLease(db, { building, enterprise, area: 300, startOn: '2024-01-01', endOn: '2030-12-31' });
  await createLease(db, { building, enterprise: otherEnterprise, area: 200, startOn: '2024-01-01', endOn: '2030-12-31' });
  const tax = await createDepartmentPerson(db, { regionCode: tree.county, departmentKind: 'tax' });
  const talent = await createDepartmentPerson(db, { regionCode: tree.county, departmentKind: 'talent' });
  const orgPath = async (id: string) =>
    (await db.selectFrom('organisation').select('path').where('id', '=', id).executeTakeFirstOrThrow()).path;
  const users = {
    enterprise: await createUser(db, { role: 'enterprise', organisationId: enterprise.id, orgPath: enterprise.path, regionCode: t0 }),
    otherEnterprise: await createUser(db, {
      role: 'enterprise',
      organisationId: otherEnterprise.id,
      orgPath: otherEnterprise.path,
      regionCode: t0,
    }),
    building: await createUser(db, {
      role: 'building',
      organisationId: building.partyCommitteeId,
      orgPath: building.orgPath,
      regionCode: t0,
    }),
    street: await createUser(db, { role: 'street', regionCode: t0 }),
    district: await createUser(db, { role: 'district', regionCode: tree.county }),
    city: await createUser(db, { role: 'city', regionCode: tree.city }),
    tax: await createUser(db, {
      role: 'dept',
      organisationId: tax.organisationId,
      orgPath: await orgPath(tax.organisationId),
      regionCode: tree.county,
    }),
    talent: await createUser(db, {
      role: 'dept',
      organisationId: talent.organisationId,
      orgPath: await orgPath(talent.organisationId),
      regionCode: tree.county,
    }),
    outsideStreet: await createUser(db, { role: 'street', regionCode: t1 }),
  };
  const agents = {} as MatterWorld['as'];
  for (const [k, u] of Object.entries(users)) agents[k as keyof MatterWorld['as']] = await login(ctx.app, u.username, u.password);
  return {
    tree,
    building,
    enterprise,
    otherEnterprise,
    taxOrgId: tax.organisationId,
    talentOrgId: talent.organisationId,
    categoryId: async (code) => (await db.selectFrom('matter_category').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id,
    as: agents,
  };
}

export interface MatterView {
  id: string;
  code: string;
  status: string;
  level: string;
  version: number;
  actions: string[];
  returnCount: number;
  reopenCount: number;
  escalationCount: number;
  satisfaction: string | null;
  supervision: string | null;
  pendingExtensionMinutes: number | null;
  clocks: { kind: string; dueAt: string; colour: string; pausedAt: string | null; stoppedAt: string | null; limitMinutes: number }[];
  events: {
    seq: number;
    action: string;
    fromStatus: string | null;
    toStatus: string;
    level: string;
    note: string | null;
    actorName: string;
  }[];
  slips: { code: string; handler: { id: string }; acceptedAt: string | null; returnedAt: string | null; returnReason: string | null }[];
  contactPhone: string | null;
}

/** Raises a matter as the enterprise and returns its id. */
export async function raiseMatter(
  world: MatterWorld,
  over: Record<string, unknown> = {},
  agent: Agent = world.as.enterprise,
): Promise<string> {
  const res = await agent.request('POST', '/api/matters', {
    categoryId: await world.categoryId('tax_consultation'),
    title: '发票领用额度不足',
    description: '公司业务增长，月度发票领用额度不够用，希望协调提高额度。',
    contactName: '王经理',
    contactPhone: '13812345678',
    ...over,
  });
  if (res.statusCode !== 201) throw new Error(`raise failed ${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
}

export async function view(agent: Agent, id: string): Promise<MatterView> {
  const res = await agent.request('GET', `/api/matters/${id}`);
  if (res.statusCode !== 200) throw new Error(`view failed ${res.statusCode} ${res.body}`);
  return res.json() as MatterView;
}

/** Takes a step at the matter's current version; returns the response. */
export async function step(agent: Agent, id: string, body: Record<string, unknown>, reader: Agent = agent) {
  const { version } = await view(reader, id);
  return agent.request('POST', `/api/matters/${id}/steps`, { version, ...body });
}

export async function stepOk(agent: Agent, id: string, body: Record<string, unknown>, reader: Agent = agent): Promise<MatterView> {
  const res = await step(agent, id, body, reader);
  if (res.statusCode !== 200) throw new Error(`step ${String(body.action)} failed ${res.statusCode} ${res.body}`);
  const { matter } = res.json() as { matter: MatterView | null };
  return matter ?? view(reader, id);
}
