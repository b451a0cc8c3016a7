import type { Kysely } from 'kysely';
import { creditCodeCheckChar } from '../../src/domain/identity/codes.ts';
import { regionPrefix } from '../../src/domain/regions.ts';
import { hashPassword } from '../../src/server/auth/password.ts';
import type { Database, OrganisationKind, PartyOrgKind, Role } from '../../src/server/db/schema.ts';

/**
 * Factories make their own regions and organisations, so no test depends on
 * another's data. Synthetic regions live under province 99 (unused by GB/T 2260).
 */
export const TEST_PASSWORD = 'Passw0rd-test';
let passwordHash: Promise<string> | undefined;
const testPasswordHash = () => (passwordHash ??= hashPassword(TEST_PASSWORD));

let counter = 0;
const next = () => ++counter + Math.floor(Math.random() * 90) * 100;

export interface RegionTree {
  city: string;
  county: string;
  /** Two townships (streets) of the county, each with two villages/communities. */
  townships: [string, string];
  villages: [[string, string], [string, string]];
}

/** A synthetic city → county → 2 townships → 2 villages each, with unique codes. */
export async function createRegionTree(db: Kysely<Database>): Promise<RegionTree> {
  // Neither part may be 00: 9900xx would read as the province, 99xx00 as a city.
  const id = next();
  const n = `${String(10 + (id % 89))}${String(1 + (Math.floor(id / 89) % 99)).padStart(2, '0')}`;
  const city = `99${n.slice(0, 2)}00`;
  const county = `99${n}`;
  const townships: [string, string] = [`${county}001`, `${county}002`];
  const villages: [[string, string], [string, string]] = [
    [`${townships[0]}001`, `${townships[0]}002`],
    [`${townships[1]}001`, `${townships[1]}002`],
  ];
  const rows = [
    { code: '990000', name: '测试省', level: 'province' as const, parent_code: null },
    { code: city, name: `测试市${n.slice(0, 2)}`, level: 'city' as const, parent_code: '990000' },
    { code: county, name: `测试区${n}`, level: 'county' as const, parent_code: city },
    { code: townships[0], name: `甲街道${n}`, level: 'township' as const, parent_code: county },
    { code: townships[1], name: `乙街道${n}`, level: 'township' as const, parent_code: county },
    { code: villages[0][0], name: `甲一社区${n}`, level: 'village' as const, parent_code: townships[0] },
    { code: villages[0][1], name: `甲二社区${n}`, level: 'village' as const, parent_code: townships[0] },
    { code: villages[1][0], name: `乙一村${n}`, level: 'village' as const, parent_code: townships[1] },
    { code: villages[1][1], name: `乙二村${n}`, level: 'village' as const, parent_code: townships[1] },
  ];
  await db
    .insertInto('region')
    .values(rows.map((r) => ({ ...r, prefix: regionPrefix(r.code) })))
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  return { city, county, townships, villages };
}

export async function createOrganisation(
  db: Kysely<Database>,
  o: { name?: string; kind?: OrganisationKind; partyOrgKind?: PartyOrgKind; regionCode: string; parentId?: string },
): Promise<{ id: string; path: string; regionCode: string }> {
  const parent = o.parentId ? await db.selectFrom('organisation').select('path').where('id', '=', o.parentId).executeTakeFirstOrThrow() : null;
  const row = await db
    .insertInto('organisation')
    .values({
      name: o.name ?? `测试组织${next()}`,
      kind: o.kind ?? 'enterprise',
      party_org_kind: o.kind === 'party_org' ? (o.partyOrgKind ?? 'branch') : null,
      formation: null,
      department_kind: null,
      parent_id: o.parentId ?? null,
      region_code: o.regionCode,
      credit_code: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const path = `${parent?.path ?? '/'}${row.id}/`;
  await db.updateTable('organisation').set({ path }).where('id', '=', row.id).execute();
  return { id: row.id, path, regionCode: o.regionCode };
}

export async function createPerson(
  db: Kysely<Database>,
  p: { name?: string; regionCode: string; organisationId?: string; orgPath?: string; isPartyMember?: boolean },
): Promise<{ id: string }> {
  return db
    .insertInto('person')
    .values({
      name: p.name ?? `测试人员${next()}`,
      gender: null,
      birth_date: null,
      region_code: p.regionCode,
      organisation_id: p.organisationId ?? null,
      org_path: p.orgPath ?? '',
      is_party_member: p.isPartyMember ?? false,
      phone_enc: null,
      phone_masked: null,
      phone_hash: null,
      id_number_enc: null,
      id_number_masked: null,
      id_number_hash: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function createUser(
  db: Kysely<Database>,
  u: { role: Role; regionCode?: string; organisationId?: string; orgPath?: string; personId?: string; username?: string },
): Promise<{ id: string; username: string; password: string }> {
  const username = u.username ?? `${u.role}_${next()}_${Math.random().toString(36).slice(2, 6)}`;
  const row = await db
    .insertInto('app_user')
    .values({
      username,
      display_name: username,
      role: u.role,
      region_code: u.regionCode ?? null,
      organisation_id: u.organisationId ?? null,
      org_path: u.orgPath ?? null,
      person_id: u.personId ?? null,
      password_hash: await testPasswordHash(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, username, password: TEST_PASSWORD };
}

/** A valid unified social credit code with a random body. */
export function randomCreditCode(): string {
  const body = `91350102${Array.from({ length: 9 }, () => '0123456789ABCDEFGHJKLMNPQRTUWXY'[Math.floor(Math.random() * 31)]).join('')}`;
  return body + creditCodeCheckChar(body)!;
}
