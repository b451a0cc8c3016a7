import type { Agent, TestContext } from './app.ts';
import { login } from './app.ts';
import { createOrganisation, createPerson, createUser } from './factories.ts';

/**
 * A world of real 兴国县 villages for the VIL tests: the county office, the 兴莲乡 and 社富乡
 * offices, 官田村 and 东韶村 staff, and a party member of 官田村's branch. The regions are the
 * real ones loaded in every test database (360732).
 */
export const XINGGUO = '360732';
export const XINGLIAN = '360732203';
export const SHEFU = '360732205';
export const GUANTIAN = '360732203206';
export const DONGSHAO = '360732205211';

export interface VillageWorld {
  as: { county: Agent; township: Agent; otherTownship: Agent; village: Agent; otherVillage: Agent; member: Agent };
  branch: { id: string; path: string };
  /** A party member of 官田村's branch (a post holder). */
  memberPersonId: string;
  countyLeaderId: string;
  departmentId: string;
}

export async function createVillageWorld(ctx: TestContext): Promise<VillageWorld> {
  const db = ctx.db.kysely;
  const countyOrg = await createOrganisation(db, { name: '兴国县委组织部（测试）', kind: 'government', regionCode: XINGGUO });
  const department = await createOrganisation(db, { name: '兴国县文广新旅局（测试）', kind: 'department', regionCode: XINGGUO });
  const branch = await createOrganisation(db, {
    name: '官田村党支部（测试）',
    kind: 'party_org',
    partyOrgKind: 'branch',
    regionCode: GUANTIAN,
  });
  const member = await createPerson(db, {
    name: '钟党员',
    regionCode: GUANTIAN,
    organisationId: branch.id,
    orgPath: branch.path,
    isPartyMember: true,
  });
  const leader = await createPerson(db, {
    name: '县领导',
    regionCode: XINGGUO,
    organisationId: countyOrg.id,
    orgPath: countyOrg.path,
    isPartyMember: true,
  });
  const users = await Promise.all([
    createUser(db, { role: 'district', regionCode: XINGGUO, organisationId: countyOrg.id, orgPath: countyOrg.path }),
    createUser(db, { role: 'street', regionCode: XINGLIAN }),
    createUser(db, { role: 'street', regionCode: SHEFU }),
    createUser(db, { role: 'village', regionCode: GUANTIAN, organisationId: branch.id, orgPath: branch.path }),
    createUser(db, { role: 'village', regionCode: DONGSHAO }),
    createUser(db, { role: 'member', organisationId: branch.id, orgPath: branch.path, personId: member.id }),
  ]);
  const [county, township, otherTownship, village, otherVillage, memberAgent] = await Promise.all(
    users.map((u) => login(ctx.app, u.username, u.password)),
  );
  return {
    as: {
      county: county!,
      township: township!,
      otherTownship: otherTownship!,
      village: village!,
      otherVillage: otherVillage!,
      member: memberAgent!,
    },
    branch,
    memberPersonId: member.id,
    countyLeaderId: leader.id,
    departmentId: department.id,
  };
}

/** The request succeeded; its JSON body. */
export async function ok<T = Record<string, unknown>>(
  agent: Agent,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  payload?: unknown,
): Promise<T> {
  const res = await agent.request(method, url, payload);
  if (res.statusCode >= 300) throw new Error(`${method} ${url} as ${agent.username}: ${res.statusCode} ${res.body}`);
  return res.json() as T;
}
