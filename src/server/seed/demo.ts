import { sql, type Kysely, type Transaction } from 'kysely';
import { maskIdNumber, maskPhone } from '../../domain/identity/codes.ts';
import { SYSTEM_ACTOR } from '../auth/actor.ts';
import { hashPassword } from '../auth/password.ts';
import type { Secrets } from '../auth/secrets.ts';
import type { Database, Role } from '../db/schema.ts';
import { recordAudit } from '../modules/audit/chain.ts';
import { ORGANISATIONS, PEOPLE, USERS, type OrgSpec } from './demo-data.ts';
import { seedGridsDemo } from './grids.ts';
import { seedListsDemo } from './lists.ts';
import { seedMattersDemo } from './matters.ts';
import { seedPoliciesDemo } from './policies.ts';
import { seedRegistryDemo } from './registry.ts';
import { seedVillagesDemo } from './villages.ts';
import {
  birthDate,
  creditCode,
  FUZHOU_SURNAMES,
  idNumber,
  mobileNumber,
  personName,
  seededRandom,
  XINGGUO_SURNAMES,
  type Random,
} from './random.ts';

/** Letters and digits, at least 8: passes the same password rule as every other account. */
export const DEMO_PASSWORD = 'Hongtu@2026';
export const DEMO_SETTING_KEY = 'demo.seeded';
const DEMO_SEED = 20_260_701;
// Any constant, distinct from the migration and audit locks: several instances may start at once.
const SEED_LOCK = 4_801_310;

export interface DemoAccount {
  username: string;
  role: Role;
  displayName: string;
  /** What the account serves, as a person reads it: a region or an organisation name. */
  scope: string;
}

export interface SeedCounts {
  organisations: number;
  people: number;
  posts: number;
  users: number;
}

export interface SeedResult {
  /** False when the demo data was already there (nothing was written). */
  seeded: boolean;
  accounts: DemoAccount[];
  counts: SeedCounts | null;
  ms: number;
}

export interface SeedDeps {
  kysely: Kysely<Database>;
  secrets: Secrets;
}

interface DemoMarker {
  accounts: DemoAccount[];
}

/** The demo accounts recorded by an earlier seed, or null if the demo was never seeded. */
export async function readDemoAccounts(db: Kysely<Database>): Promise<DemoAccount[] | null> {
  const row = await db.selectFrom('app_setting').select('value').where('key', '=', DEMO_SETTING_KEY).executeTakeFirst();
  const value = row?.value as Partial<DemoMarker> | undefined;
  return value && Array.isArray(value.accounts) ? value.accounts : null;
}

/**
 * Seeds the demo installation once, in one transaction with one audit row.
 * Deterministic: the same organisations, people, numbers and codes every time
 * (a seeded generator, no Math.random). Accounts whose username is already
 * taken are left alone and not listed.
 */
export async function seedDemo(deps: SeedDeps): Promise<SeedResult> {
  const t0 = performance.now();
  const done = (seeded: boolean, accounts: DemoAccount[], counts: SeedCounts | null): SeedResult => ({
    seeded,
    accounts,
    counts,
    ms: Math.round(performance.now() - t0),
  });
  const existing = await readDemoAccounts(deps.kysely);
  if (existing) return done(false, existing, null);
  const regionNames = await requireRegions(deps.kysely);
  // scrypt is slow on purpose (~0.1–0.3 s a hash). The demo password is published, so one salted
  // hash shared by every demo account gives nothing away and keeps a cold start quick.
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  return deps.kysely.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${SEED_LOCK})`.execute(trx);
    const raced = await readDemoAccounts(trx);
    if (raced) return done(false, raced, null);

    const rnd = seededRandom(DEMO_SEED);
    const orgs = await insertOrganisations(trx, rnd);
    const { people, posts } = await insertPeople(trx, rnd, deps.secrets, orgs);
    const accounts = await insertUsers(trx, orgs, people, passwordHash, regionNames);
    const registry = await seedRegistryDemo(trx, deps.secrets, { audit: false }); // DSH-3 buildings, enterprises, leases, instructors, belts
    await seedGridsDemo(trx, deps.secrets); // GRD-1 … GRD-3 grids, households (20–30 per member), visits, inspections, mediations
    await seedVillagesDemo(trx, { audit: false }); // VIL-1 … VIL-4 nine traditional villages with the article's income, funds, heritage and visitor figures
    const policies = await seedPoliciesDemo(trx); // POL-1 … POL-4 the catalogue, enterprise profiles, results, pushes, applications, a meeting
    const matters = await seedMattersDemo(trx, { audit: false }); // MAT/DSH-1 a year of matters across the demo buildings
    await seedListsDemo(trx, { audit: false }); // LST-1 … LST-4 needs, resources, matches and projects at every stage
    const counts: SeedCounts = { organisations: orgs.size, people: people.size, posts, users: accounts.length };

    await trx
      .insertInto('app_setting')
      .values({ key: DEMO_SETTING_KEY, value: JSON.stringify({ accounts } satisfies DemoMarker) })
      .execute();
    await recordAudit(trx, {
      actor: SYSTEM_ACTOR,
      action: 'seed.demo',
      entity: 'seed',
      entityId: 'demo',
      after: { ...counts, usernames: accounts.map((a) => a.username), registry: registry.counts, policies: policies.counts, matters: matters.counts },
    });
    return done(true, accounts, counts);
  });
}

/** The installation's region scope lacks regions the demo data is placed in. */
export class DemoRegionsMissingError extends Error {}

/** Region codes the demo uses, with their names; fails clearly when the installation scope lacks them. */
async function requireRegions(db: Kysely<Database>): Promise<Map<string, string>> {
  const codes = [
    ...new Set([
      ...ORGANISATIONS.map((o) => o.region),
      ...PEOPLE.flatMap((p) => (p.region ? [p.region] : [])),
      ...USERS.flatMap((u) => (u.region ? [u.region] : [])),
    ]),
  ];
  const rows = await db.selectFrom('region').select(['code', 'name']).where('code', 'in', codes).execute();
  const names = new Map(rows.map((r) => [r.code, r.name]));
  const missing = codes.filter((c) => !names.has(c));
  if (missing.length > 0) {
    throw new DemoRegionsMissingError(
      `the demo data needs regions that are not loaded: ${missing.join(', ')}. ` +
        `Load them first: hongtu regions load --scope 350100,360732`,
    );
  }
  return names;
}

interface InsertedOrg {
  id: string;
  path: string;
  name: string;
  region: string;
}

async function insertOrganisations(trx: Transaction<Database>, rnd: Random): Promise<Map<string, InsertedOrg>> {
  const orgs = new Map<string, InsertedOrg>();
  for (const spec of ORGANISATIONS) {
    const parent = spec.parent === null ? null : orgs.get(spec.parent);
    if (spec.parent !== null && !parent) throw new Error(`demo organisation ${spec.key} comes before its parent ${spec.parent}`);
    const { id } = await trx
      .insertInto('organisation')
      .values({
        parent_id: parent?.id ?? null,
        kind: spec.kind,
        party_org_kind: spec.partyOrgKind ?? null,
        formation: spec.formation ?? null,
        department_kind: spec.departmentKind ?? null,
        name: spec.name,
        region_code: spec.region,
        credit_code: spec.registered ? creditCode(rnd, countyOf(spec)) : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // The path needs the row's own id, so it is written right after the insert.
    const path = `${parent?.path ?? '/'}${id}/`;
    await trx.updateTable('organisation').set({ path }).where('id', '=', id).execute();
    orgs.set(spec.key, { id, path, name: spec.name, region: spec.region });
  }
  return orgs;
}

/** Companies register with the county-level market regulator. */
function countyOf(spec: OrgSpec): string {
  return spec.region.slice(0, 6);
}

interface InsertedPerson {
  id: string;
  name: string;
}

const FUZHOU_BIRTHPLACES = ['350102', '350103', '350104', '350111', '350121', '350181'] as const;

async function insertPeople(
  trx: Transaction<Database>,
  rnd: Random,
  secrets: Secrets,
  orgs: Map<string, InsertedOrg>,
): Promise<{ people: Map<string, InsertedPerson>; posts: number }> {
  const people = new Map<string, InsertedPerson>();
  const phones = new Set<string>();
  let posts = 0;
  const org = (key: string): InsertedOrg => {
    const found = orgs.get(key);
    if (!found) throw new Error(`demo person refers to unknown organisation ${key}`);
    return found;
  };
  for (const spec of PEOPLE) {
    const home = spec.home === 'xingguo';
    const name = personName(rnd, home ? XINGGUO_SURNAMES : FUZHOU_SURNAMES, spec.gender);
    const birth = birthDate(rnd, spec.born[0], spec.born[1]);
    const id = idNumber(rnd, home ? '360732' : rnd.pick(FUZHOU_BIRTHPLACES), birth, spec.gender);
    let phone = mobileNumber(rnd);
    while (phones.has(phone)) phone = mobileNumber(rnd);
    phones.add(phone);
    const primary = spec.org === null ? null : org(spec.org);
    const region = spec.region ?? primary?.region;
    if (!region) throw new Error(`demo person ${spec.key} has neither an organisation nor a region`);
    const row = await trx
      .insertInto('person')
      .values({
        name,
        gender: spec.gender,
        birth_date: birth,
        is_party_member: spec.partyMember,
        region_code: region,
        organisation_id: primary?.id ?? null,
        org_path: primary?.path ?? '',
        phone_enc: secrets.encrypt(phone),
        phone_masked: maskPhone(phone),
        phone_hash: secrets.lookupHash(phone),
        id_number_enc: secrets.encrypt(id),
        id_number_masked: maskIdNumber(id),
        id_number_hash: secrets.lookupHash(id),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    people.set(spec.key, { id: row.id, name });
    if (spec.posts.length > 0) {
      await trx
        .insertInto('post')
        .values(
          spec.posts.map(([orgKey, title]) => ({ person_id: row.id, organisation_id: org(orgKey).id, title, started_on: '2024-01-01' })),
        )
        .execute();
      posts += spec.posts.length;
    }
  }
  return { people, posts };
}

async function insertUsers(
  trx: Transaction<Database>,
  orgs: Map<string, InsertedOrg>,
  people: Map<string, InsertedPerson>,
  passwordHash: string,
  regionNames: Map<string, string>,
): Promise<DemoAccount[]> {
  const accounts: DemoAccount[] = [];
  for (const spec of USERS) {
    const org = spec.org ? orgs.get(spec.org) : undefined;
    const person = spec.person ? people.get(spec.person) : undefined;
    const displayName = spec.displayName ?? person?.name ?? spec.username;
    const inserted = await trx
      .insertInto('app_user')
      .values({
        username: spec.username,
        display_name: displayName,
        role: spec.role,
        region_code: spec.region ?? null,
        organisation_id: org?.id ?? null,
        org_path: org?.path ?? null,
        person_id: person?.id ?? null,
        password_hash: passwordHash,
      })
      .onConflict((oc) => oc.column('username').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) continue;
    const scope =
      spec.role === 'admin'
        ? '全部'
        : spec.region && ['city', 'district', 'street', 'village'].includes(spec.role)
          ? (regionNames.get(spec.region) ?? spec.region)
          : (org?.name ?? '');
    accounts.push({ username: spec.username, role: spec.role, displayName, scope });
  }
  return accounts;
}

/** Display width in a terminal: CJK characters take two columns. */
function width(text: string): number {
  let w = 0;
  for (const ch of text) w += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1;
  return w;
}

/** The accounts as an aligned table, for the console. */
export function formatDemoAccounts(accounts: DemoAccount[], password = DEMO_PASSWORD): string {
  const rows = [['username', 'role', 'name', 'scope'], ...accounts.map((a) => [a.username, a.role, a.displayName, a.scope])];
  const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => width(r[c] ?? ''))));
  const line = (r: string[]) =>
    '  ' +
    r
      .map((cell, c) => cell + ' '.repeat((widths[c] ?? 0) - width(cell)))
      .join('  ')
      .trimEnd();
  return [`Demo accounts (password for all: ${password})`, ...rows.map(line)].join('\n');
}
