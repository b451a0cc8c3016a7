import { sql, type Kysely } from 'kysely';
import { regionPrefix } from '../../../domain/regions.ts';
import type { Actor } from '../../auth/actor.ts';
import { mayDesignateVillage } from '../../auth/policy.ts';
import type { Database } from '../../db/schema.ts';
import { allows, scopeWhere } from '../../db/scoped.ts';
import type { VillageDetail, VillageQuery } from './schemas.ts';

type Db = Kysely<Database>;

/** Profiles the caller may read, with the village's and township's names and a few counts for the list. */
function summaries(db: Db, actor: Actor) {
  return db
    .selectFrom('village_profile')
    .innerJoin('region as v', 'v.code', 'village_profile.region_code')
    .innerJoin('region as t', 't.code', 'v.parent_code')
    .selectAll('village_profile')
    .select(['v.name as village_name', 't.code as township_code', 't.name as township_name'])
    .select((eb) => [
      eb
        .selectFrom('traditional_building as b')
        .select(sql<string>`count(*)`.as('n'))
        .whereRef('b.region_code', '=', 'village_profile.region_code')
        .as('buildings'),
      eb
        .selectFrom('traditional_building as b')
        .select(sql<string>`count(*)`.as('n'))
        .whereRef('b.region_code', '=', 'village_profile.region_code')
        .where('b.condition', '=', 'dangerous')
        .as('dangerous_buildings'),
      eb
        .selectFrom('village_post as p')
        .select(sql<string>`count(*)`.as('n'))
        .whereRef('p.region_code', '=', 'village_profile.region_code')
        .as('post_count'),
      eb
        .selectFrom('village_rules as r')
        .select('r.version')
        .whereRef('r.region_code', '=', 'village_profile.region_code')
        .where('r.is_current', '=', true)
        .as('rules_version'),
    ])
    .where(scopeWhere(actor, 'village_profile', 'read'));
}
export type VillageRow = Awaited<ReturnType<ReturnType<typeof summaries>['executeTakeFirstOrThrow']>>;

export async function listVillages(db: Db, actor: Actor, f: VillageQuery): Promise<VillageRow[]> {
  let q = summaries(db, actor);
  if (f.regionCode) q = q.where('village_profile.region_code', 'like', `${regionPrefix(f.regionCode)}%`);
  if (f.traditional) q = q.where('village_profile.is_traditional', '=', f.traditional === 'true');
  if (f.q) q = q.where('v.name', 'like', `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  return q.orderBy('village_profile.region_code').execute();
}

export function findVillage(db: Db, actor: Actor, code: string) {
  return summaries(db, actor).where('village_profile.region_code', '=', code).executeTakeFirst();
}

export function presentVillageSummary(r: VillageRow) {
  return {
    regionCode: r.region_code,
    name: r.village_name,
    townshipCode: r.township_code,
    townshipName: r.township_name,
    isTraditional: r.is_traditional,
    listingLevel: r.listing_level,
    listingBatch: r.listing_batch,
    listedOn: r.listed_on,
    households: r.households,
    population: r.population,
    fundsPublished: r.funds_published,
    buildings: Number(r.buildings ?? 0),
    dangerousBuildings: Number(r.dangerous_buildings ?? 0),
    postCount: Number(r.post_count ?? 0),
    rulesVersion: r.rules_version ?? null,
  };
}

/** VIL-1 the whole profile: plans, buildings with repairs, posts with holders, current rules and versions, the chain. */
export async function villageDetail(db: Db, actor: Actor, code: string): Promise<VillageDetail | null> {
  const row = await findVillage(db, actor, code);
  if (!row) return null;
  const [org, plans, buildings, repairs, posts, holders, rules, chain] = await Promise.all([
    row.party_org_id
      ? db.selectFrom('organisation').select(['id', 'name']).where('id', '=', row.party_org_id).executeTakeFirst()
      : undefined,
    db.selectFrom('village_plan').selectAll().where('region_code', '=', code).orderBy('id').execute(),
    db.selectFrom('traditional_building').selectAll().where('region_code', '=', code).orderBy('id').execute(),
    db.selectFrom('building_repair').selectAll().where('region_code', '=', code).orderBy('repaired_on').orderBy('id').execute(),
    db.selectFrom('village_post').selectAll().where('region_code', '=', code).orderBy('kind').orderBy('id').execute(),
    db
      .selectFrom('village_post_holder as h')
      .innerJoin('village_post as p', 'p.id', 'h.post_id')
      .innerJoin('person', 'person.id', 'h.person_id')
      .select(['h.post_id', 'h.person_id', 'person.name', 'h.since', 'h.until'])
      .where('p.region_code', '=', code)
      .orderBy('h.since')
      .orderBy('h.id')
      .execute(),
    db
      .selectFrom('village_rules')
      .select(['version', 'title', 'body', 'adopted_on', 'adopted_by', 'is_current'])
      .where('region_code', '=', code)
      .orderBy('version', 'desc')
      .execute(),
    db
      .selectFrom('village_responsibility as r')
      .leftJoin('person', 'person.id', 'r.person_id')
      .leftJoin('organisation', 'organisation.id', 'r.organisation_id')
      .select([
        'r.id',
        'r.level',
        'r.person_id',
        'person.name as person_name',
        'r.organisation_id',
        'organisation.name as org_name',
        'r.duty',
        'r.since',
      ])
      .where('r.region_code', '=', code)
      .orderBy(sql`array_position(ARRAY['county_leader','township_leader','department','village_secretary','social'], r.level)`)
      .orderBy('r.id')
      .execute(),
  ]);
  const current = rules.find((r) => r.is_current) ?? null;
  const record = { regionCode: row.region_code, orgPath: row.org_path };
  return {
    ...presentVillageSummary(row),
    summary: row.summary,
    partyOrg: org ? { id: org.id, name: org.name } : null,
    may: {
      write: allows(actor, 'village_profile', 'write', record),
      designate: mayDesignateVillage(actor) && allows(actor, 'village_profile', 'write', record),
      books: allows(actor, 'village_fund', 'read', record),
    },
    plans: plans.map((p) => ({
      id: p.id,
      title: p.title,
      status: p.status,
      approvedOn: p.approved_on,
      periodFrom: p.period_from,
      periodTo: p.period_to,
      documentName: p.document_name,
      note: p.note,
    })),
    traditionalBuildings: buildings.map((b) => ({
      id: b.id,
      name: b.name,
      era: b.era,
      kind: b.kind,
      address: b.address,
      condition: b.condition,
      inspectedOn: b.inspected_on,
      note: b.note,
      matterId: b.matter_id,
      repairs: repairs
        .filter((r) => r.building_id === b.id)
        .map((r) => ({
          id: r.id,
          repairedOn: r.repaired_on,
          description: r.description,
          cost: r.cost === null ? null : Number(r.cost),
          contractor: r.contractor,
        })),
    })),
    posts: posts.map((p) => ({
      id: p.id,
      kind: p.kind,
      name: p.name,
      duty: p.duty,
      commitment: p.commitment,
      holders: holders
        .filter((h) => h.post_id === p.id)
        .map((h) => ({ personId: h.person_id, name: h.name, since: h.since, until: h.until })),
    })),
    rules: current
      ? { version: current.version, title: current.title, body: current.body, adoptedOn: current.adopted_on, adoptedBy: current.adopted_by }
      : null,
    rulesVersions: rules.map((r) => ({ version: r.version, title: r.title, adoptedOn: r.adopted_on, isCurrent: r.is_current })),
    chain: chain.map((c) => ({
      id: c.id,
      level: c.level,
      person: c.person_id ? { id: c.person_id, name: c.person_name ?? '' } : null,
      organisation: c.organisation_id ? { id: c.organisation_id, name: c.org_name ?? '' } : null,
      duty: c.duty,
      since: c.since,
    })),
  };
}

/** Every version of the village rules, newest first, for a village the caller can read. */
export async function rulesVersions(db: Db, actor: Actor, code: string) {
  const rows = await db
    .selectFrom('village_rules')
    .innerJoin('village_profile', 'village_profile.region_code', 'village_rules.region_code')
    .select([
      'village_rules.version',
      'village_rules.title',
      'village_rules.body',
      'village_rules.adopted_on',
      'village_rules.adopted_by',
      'village_rules.is_current',
      'village_rules.created_at',
    ])
    .where('village_rules.region_code', '=', code)
    .where(scopeWhere(actor, 'village_profile', 'read'))
    .orderBy('village_rules.version', 'desc')
    .execute();
  return rows.map((r) => ({
    version: r.version,
    title: r.title,
    body: r.body,
    adoptedOn: r.adopted_on,
    adoptedBy: r.adopted_by,
    isCurrent: r.is_current,
    createdAt: r.created_at.toISOString(),
  }));
}
