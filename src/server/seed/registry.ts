import { sql, type Transaction } from 'kysely';
import { chinaDate } from '../../domain/time.ts';
import { SYSTEM_ACTOR } from '../auth/actor.ts';
import type { Secrets } from '../auth/secrets.ts';
import type { Database } from '../db/schema.ts';
import { recordAudit } from '../modules/audit/chain.ts';
import { ORGANISATIONS, PEOPLE } from './demo-data.ts';
import { seededRandom } from './random.ts';
import { planBuildings } from './registry-buildings.ts';
import { DISTRICTS } from './registry-data.ts';
import { RegistryPlan, type StreetRow } from './registry-plan.ts';
import { planServices } from './registry-services.ts';
import { planTenants, type FoundationEnterprise } from './registry-tenants.ts';
import { writeTenantsAndServices } from './registry-write-tenants.ts';
import { writeBuildings, writeOrganisationsAndPeople, type Written } from './registry-write.ts';

/**
 * DSH-3 the registry demo (红色新云图) on top of the foundation demo: ~120
 * buildings on real Fuzhou streets, 3,182 non-public enterprises in them through
 * leases with a year of history, 1,827 instructors, 119 stationed cadres,
 * 7 city-level belts with 4 named buildings — so the dashboards show the
 * article's figures computed from data. Runs inside the foundation seed's
 * transaction, whose one audit row records its counts; skipped when its marker
 * is present.
 */
export const REGISTRY_SETTING_KEY = 'demo.registry.seeded';
export const REGISTRY_DEMO_SEED = 20_260_702;
// Any constant, distinct from the migration, audit, seed and region locks.
const REGISTRY_SEED_LOCK = 4_801_321;

export interface RegistrySeedCounts {
  organisations: number;
  people: number;
  posts: number;
  buildings: number;
  liaisons: number;
  enterprises: number;
  nonPublicEnterprises: number;
  leases: number;
  leaseEvents: number;
  instructors: number;
  instructorAssignments: number;
  stationedCadres: number;
  cadrePortfolios: number;
  serviceRecords: number;
  belts: number;
  demoPoints: number;
}

export interface RegistrySeedResult {
  seeded: boolean;
  counts: RegistrySeedCounts | null;
  ms: number;
}

export interface RegistrySeedOptions {
  seed?: number;
  /** Write its own audit row (default); the foundation seed instead records the counts in its one row. */
  audit?: boolean;
  /** The day lease histories run up to (default: today in China). */
  today?: string;
}

export async function seedRegistryDemo(
  trx: Transaction<Database>,
  secrets: Secrets,
  options: RegistrySeedOptions = {},
): Promise<RegistrySeedResult> {
  const t0 = performance.now();
  await sql`SELECT pg_advisory_xact_lock(${REGISTRY_SEED_LOCK})`.execute(trx);
  const marker = await trx.selectFrom('app_setting').select('key').where('key', '=', REGISTRY_SETTING_KEY).executeTakeFirst();
  if (marker) return { seeded: false, counts: null, ms: Math.round(performance.now() - t0) };

  const streets = await trx
    .selectFrom('region')
    .select(['code', 'name', 'parent_code'])
    .where('level', '=', 'township')
    .where(
      'parent_code',
      'in',
      DISTRICTS.map((d) => d.code),
    )
    .orderBy('code')
    .execute();
  const written: Written = { orgs: await foundationOrganisations(trx), people: await foundationPeople(trx), buildings: new Map() };

  const plan = new RegistryPlan(seededRandom(options.seed ?? REGISTRY_DEMO_SEED), options.today ?? chinaDate());
  const streetRows: StreetRow[] = streets.map((s) => ({ code: s.code, name: s.name, district: s.parent_code! }));
  const context = planBuildings(plan, streetRows);
  planTenants(plan, context.buildings, await foundationEnterprises(trx));
  planServices(plan, streetRows, context.streetCommittee);

  const posts = await writeOrganisationsAndPeople(trx, plan, secrets, written);
  await writeBuildings(trx, plan, written);
  const tenants = await writeTenantsAndServices(trx, plan, written);
  const counts: RegistrySeedCounts = {
    organisations: plan.orgs.length,
    people: plan.people.length,
    posts,
    buildings: plan.buildings.length,
    liaisons: plan.liaisons.length,
    enterprises: plan.enterprises.length,
    nonPublicEnterprises: plan.enterprises.filter((e) => e.isNonPublic).length,
    leases: tenants.leases,
    leaseEvents: tenants.leaseEvents,
    instructors: plan.instructors.length,
    instructorAssignments: plan.assignments.length,
    stationedCadres: plan.cadres.length,
    cadrePortfolios: tenants.cadrePortfolios,
    serviceRecords: tenants.serviceRecords,
    belts: plan.belts.length,
    demoPoints: tenants.demoPoints,
  };
  await trx
    .insertInto('app_setting')
    .values({ key: REGISTRY_SETTING_KEY, value: JSON.stringify({ seed: options.seed ?? REGISTRY_DEMO_SEED, today: plan.today, counts }) })
    .execute();
  if (options.audit !== false)
    await recordAudit(trx, { actor: SYSTEM_ACTOR, action: 'seed.registry', entity: 'seed', entityId: 'registry', after: counts });
  return { seeded: true, counts, ms: Math.round(performance.now() - t0) };
}

/** The foundation demo's organisations by their keys in demo-data.ts (names are unique there). */
async function foundationOrganisations(trx: Transaction<Database>): Promise<Written['orgs']> {
  const rows = await trx
    .selectFrom('organisation')
    .select(['id', 'path', 'name'])
    .where(
      'name',
      'in',
      ORGANISATIONS.map((o) => o.name),
    )
    .orderBy('id')
    .execute();
  const byName = new Map(rows.map((r) => [r.name, { id: r.id, path: r.path }]));
  const out: Written['orgs'] = new Map();
  for (const o of ORGANISATIONS) {
    const found = byName.get(o.name);
    if (found) out.set(o.key, found);
  }
  return out;
}

/** The foundation demo's people by their keys, found through their first post (organisation and title). */
async function foundationPeople(trx: Transaction<Database>): Promise<Written['people']> {
  const rows = await trx
    .selectFrom('post')
    .innerJoin('organisation', 'organisation.id', 'post.organisation_id')
    .select(['post.person_id', 'post.title', 'organisation.name'])
    .where(
      'organisation.name',
      'in',
      ORGANISATIONS.map((o) => o.name),
    )
    .orderBy('post.id')
    .execute();
  const orgName = new Map(ORGANISATIONS.map((o) => [o.key, o.name]));
  const taken = new Set<string>();
  const out: Written['people'] = new Map();
  for (const p of PEOPLE) {
    const [orgKey, title] = p.posts[0] ?? [];
    if (!orgKey) continue;
    // Branch members share one title: each key takes the next person holding it.
    const row = rows.find((r) => r.name === orgName.get(orgKey) && r.title === title && !taken.has(r.person_id));
    if (!row) continue;
    taken.add(row.person_id);
    out.set(p.key, row.person_id);
  }
  return out;
}

/** The foundation demo's four enterprises, which lease in its two buildings (the `enterprise` demo account's among them). */
async function foundationEnterprises(trx: Transaction<Database>): Promise<FoundationEnterprise[]> {
  const specs: Omit<FoundationEnterprise, 'name' | 'creditCode'>[] = [
    { key: 'djb.ent.data', building: 'dongjie', partyOrgStatus: 'joint' },
    { key: 'djb.ent.insurance', building: 'dongjie', partyOrgStatus: 'instructor' },
    { key: 'djb.ent.trade', building: 'dongjie', partyOrgStatus: 'instructor' },
    { key: 'gdb.ent.soft', building: 'gudong', partyOrgStatus: 'own' },
  ];
  const names = new Map(ORGANISATIONS.map((o) => [o.key, o.name]));
  const rows = await trx
    .selectFrom('organisation')
    .select(['name', 'credit_code'])
    .where('kind', '=', 'enterprise')
    .where(
      'name',
      'in',
      specs.map((s) => names.get(s.key)!),
    )
    .execute();
  return specs.flatMap((s) => {
    const row = rows.find((r) => r.name === names.get(s.key));
    return row?.credit_code ? [{ ...s, name: row.name, creditCode: row.credit_code }] : [];
  });
}
