import { sql, type InsertObject, type Transaction } from 'kysely';
import { maskIdNumber, maskPhone } from '../../domain/identity/codes.ts';
import type { Secrets } from '../auth/secrets.ts';
import type { Database } from '../db/schema.ts';
import type { RegistryPlan } from './registry-plan.ts';

/**
 * Writes a planned registry demo in bulk: ids come from each table's sequence
 * in one query, so organisation paths and every reference are known before
 * the first insert, and rows go in multi-row INSERTs.
 */
type Trx = Transaction<Database>;

/** PostgreSQL allows 65,535 bind parameters a statement; stay well below, and at most 1,000 rows. */
const MAX_PARAMS = 60_000;

export async function insertAll<T extends keyof Database & string>(
  trx: Trx,
  table: T,
  rows: readonly InsertObject<Database, T>[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!).length;
  const size = Math.max(1, Math.min(1000, Math.floor(MAX_PARAMS / columns)));
  for (let i = 0; i < rows.length; i += size) {
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + size) as InsertObject<Database, T>[])
      .execute();
  }
}

/** `count` fresh ids from a bigserial column's sequence, in order. */
export async function allocateIds(trx: Trx, table: string, count: number): Promise<string[]> {
  if (count === 0) return [];
  const seq = `${table}_id_seq`;
  const { rows } = await sql<{ id: string }>`SELECT nextval(${seq}::regclass)::text AS id FROM generate_series(1, ${count})`.execute(trx);
  return rows.map((r) => r.id).sort((a, b) => Number(a) - Number(b));
}

export interface Placed {
  id: string;
  path: string;
}

export interface Written {
  orgs: Map<string, Placed>;
  people: Map<string, string>;
  buildings: Map<string, string>;
}

/** Organisations, people and posts; `orgs`/`people` come in holding the foundation demo's keys. */
export async function writeOrganisationsAndPeople(trx: Trx, plan: RegistryPlan, secrets: Secrets, written: Written): Promise<number> {
  const orgIds = await allocateIds(trx, 'organisation', plan.orgs.length);
  const orgRows = plan.orgs.map((o, i) => {
    const id = orgIds[i]!;
    const parent = o.parent === null ? null : written.orgs.get(o.parent);
    if (o.parent !== null && !parent) throw new Error(`registry demo: organisation ${o.name} comes before its parent ${o.parent}`);
    const path = `${parent?.path ?? '/'}${id}/`;
    written.orgs.set(o.key, { id, path });
    return {
      id,
      parent_id: parent?.id ?? null,
      path,
      kind: o.kind,
      party_org_kind: o.partyOrgKind,
      formation: o.formation,
      department_kind: o.departmentKind,
      name: o.name,
      region_code: o.region,
      credit_code: o.creditCode,
    };
  });
  await insertAll(trx, 'organisation', orgRows);

  const org = (key: string) => {
    const found = written.orgs.get(key);
    if (!found) throw new Error(`registry demo refers to unknown organisation ${key}`);
    return found;
  };
  const personIds = await allocateIds(trx, 'person', plan.people.length);
  const people = plan.people.map((p, i) => {
    const id = personIds[i]!;
    written.people.set(p.key, id);
    const home = p.org ? org(p.org) : null;
    return {
      id,
      name: p.name,
      gender: p.gender,
      birth_date: p.birth,
      is_party_member: p.partyMember,
      region_code: p.region,
      organisation_id: home?.id ?? null,
      org_path: home?.path ?? '',
      phone_enc: secrets.encrypt(p.phone),
      phone_masked: maskPhone(p.phone),
      phone_hash: secrets.lookupHash(p.phone),
      id_number_enc: secrets.encrypt(p.idNumber),
      id_number_masked: maskIdNumber(p.idNumber),
      id_number_hash: secrets.lookupHash(p.idNumber),
    };
  });
  await insertAll(trx, 'person', people);
  const posts = plan.people.flatMap((p, i) =>
    p.posts.map((post) => ({ person_id: personIds[i]!, organisation_id: org(post.org).id, title: post.title, started_on: post.startedOn })),
  );
  await insertAll(trx, 'post', posts);
  return posts.length;
}

export async function writeBuildings(trx: Trx, plan: RegistryPlan, written: Written): Promise<void> {
  const org = (key: string | null) => (key === null ? null : (written.orgs.get(key) ?? null));
  const ids = await allocateIds(trx, 'building', plan.buildings.length);
  const rows = plan.buildings.map((b, i) => {
    written.buildings.set(b.key, ids[i]!);
    const committee = org(b.committee)!;
    return {
      id: ids[i]!,
      name: b.name,
      address: b.address,
      region_code: b.region,
      org_path: committee.path,
      lng: b.lng,
      lat: b.lat,
      floors_above: b.floorsAbove,
      floors_below: b.floorsBelow,
      gross_area: b.grossArea,
      office_area: b.officeArea,
      ownership: b.ownership,
      management_mode: b.managementMode,
      property_company_id: org(b.propertyCompany)?.id ?? null,
      property_owner_id: org(b.propertyOwner)?.id ?? null,
      party_committee_id: committee.id,
      management_committee_id: org(b.management)!.id,
      comprehensive_party_org_id: org(b.comprehensive)?.id ?? null,
      positioning: b.positioning,
      industry_focus: b.industryFocus,
      demo_status: b.demoStatus,
      asking_rent: b.askingRent,
      completed_year: b.completedYear,
    };
  });
  await insertAll(trx, 'building', rows);
  const person = (key: string) => {
    const id = written.people.get(key);
    if (!id) throw new Error(`registry demo refers to unknown person ${key}`);
    return id;
  };
  await insertAll(
    trx,
    'liaison_assignment',
    plan.liaisons.map((l) => ({
      building_id: written.buildings.get(l.building)!,
      role: l.role,
      person_id: person(l.person),
      organisation_id: org(l.org)!.id,
      started_on: l.startedOn,
    })),
  );
}
