import { sql, type Kysely } from 'kysely';
import { regionPrefix } from '../../../domain/regions.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';
import { scopeWhere } from '../../db/scoped.ts';
import type { CadreQuery, InstructorQuery, ServiceQuery } from './schemas.ts';

const likeEscape = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Instructors with their load; only name and organisation of the person leave here, never contact data. */
function instructors(db: Kysely<Database>, actor: Actor) {
  return db
    .selectFrom('instructor')
    .innerJoin('person', 'person.id', 'instructor.person_id')
    .leftJoin('organisation', 'organisation.id', 'person.organisation_id')
    .leftJoin('region', 'region.code', 'instructor.region_code')
    .selectAll('instructor')
    .select([
      'person.name',
      'organisation.name as organisation_name',
      'region.name as region_name',
      sql<string>`(SELECT count(*) FROM instructor_assignment a WHERE a.person_id = instructor.person_id)`.as('load'),
      sql<string>`(SELECT count(*) FROM instructor_assignment a WHERE a.person_id = instructor.person_id AND a.pinned)`.as('pinned_count'),
    ])
    .where(scopeWhere(actor, 'instructor', 'read'));
}
export type InstructorRow = Awaited<ReturnType<ReturnType<typeof instructors>['executeTakeFirstOrThrow']>>;

export function findInstructor(db: Kysely<Database>, actor: Actor, personId: string) {
  return instructors(db, actor).where('instructor.person_id', '=', personId).executeTakeFirst();
}

export async function listInstructors(
  db: Kysely<Database>,
  actor: Actor,
  f: InstructorQuery,
): Promise<{ rows: InstructorRow[]; total: number }> {
  let query = instructors(db, actor);
  if (f.regionCode) query = query.where('instructor.region_code', 'like', `${regionPrefix(f.regionCode)}%`);
  if (f.q) query = query.where('person.name', 'like', likeEscape(f.q));
  if (f.active) query = query.where('instructor.active', '=', f.active === 'true');
  const [rows, count] = await Promise.all([
    query.orderBy('instructor.region_code').orderBy('instructor.person_id').limit(f.limit).offset(f.offset).execute(),
    query
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** The enterprises an instructor serves, as far as the caller may see them. */
export function instructorEnterprises(db: Kysely<Database>, actor: Actor, personId: string) {
  return db
    .selectFrom('instructor_assignment')
    .innerJoin('enterprise', 'enterprise.organisation_id', 'instructor_assignment.enterprise_id')
    .innerJoin('organisation', 'organisation.id', 'enterprise.organisation_id')
    .select([
      'enterprise.organisation_id as id',
      'organisation.name',
      'enterprise.credit_code',
      'instructor_assignment.pinned',
      'instructor_assignment.distance_km',
      'instructor_assignment.assigned_at',
    ])
    .where('instructor_assignment.person_id', '=', personId)
    .where(scopeWhere(actor, 'enterprise', 'read'))
    .orderBy('organisation.name')
    .execute();
}

export async function serviceCount(db: Kysely<Database>, actor: Actor, personId: string): Promise<number> {
  const row = await db
    .selectFrom('service_record')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('person_id', '=', personId)
    .where(scopeWhere(actor, 'service_record', 'read'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function cadres(db: Kysely<Database>, actor: Actor) {
  return db
    .selectFrom('stationed_cadre')
    .innerJoin('person', 'person.id', 'stationed_cadre.person_id')
    .leftJoin('region', 'region.code', 'stationed_cadre.region_code')
    .selectAll('stationed_cadre')
    .select([
      'person.name',
      'region.name as region_name',
      sql<string>`(SELECT count(*) FROM cadre_enterprise c WHERE c.person_id = stationed_cadre.person_id)`.as('enterprise_count'),
      sql<string>`(SELECT count(*) FROM service_record WHERE service_record.person_id = stationed_cadre.person_id AND ${scopeWhere(actor, 'service_record', 'read')})`.as(
        'service_count',
      ),
    ])
    .where(scopeWhere(actor, 'stationed_cadre', 'read'));
}
export type CadreRow = Awaited<ReturnType<ReturnType<typeof cadres>['executeTakeFirstOrThrow']>>;

export function findCadre(db: Kysely<Database>, actor: Actor, personId: string) {
  return cadres(db, actor).where('stationed_cadre.person_id', '=', personId).executeTakeFirst();
}

export async function listCadres(db: Kysely<Database>, actor: Actor, f: CadreQuery): Promise<{ rows: CadreRow[]; total: number }> {
  let query = cadres(db, actor);
  if (f.regionCode) query = query.where('stationed_cadre.region_code', 'like', `${regionPrefix(f.regionCode)}%`);
  if (f.q)
    query = query.where((eb) =>
      eb.or([eb('person.name', 'like', likeEscape(f.q!)), eb('stationed_cadre.park_name', 'like', likeEscape(f.q!))]),
    );
  const [rows, count] = await Promise.all([
    query.orderBy('stationed_cadre.region_code').orderBy('stationed_cadre.person_id').limit(f.limit).offset(f.offset).execute(),
    query
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function cadrePortfolio(db: Kysely<Database>, actor: Actor, personId: string) {
  return db
    .selectFrom('cadre_enterprise')
    .innerJoin('enterprise', 'enterprise.organisation_id', 'cadre_enterprise.enterprise_id')
    .innerJoin('organisation', 'organisation.id', 'enterprise.organisation_id')
    .leftJoin('building', 'building.id', 'enterprise.current_building_id')
    .select(['enterprise.organisation_id as id', 'organisation.name', 'enterprise.credit_code', 'building.name as building_name'])
    .where('cadre_enterprise.person_id', '=', personId)
    .where(scopeWhere(actor, 'enterprise', 'read'))
    .orderBy('organisation.name')
    .execute();
}

function services(db: Kysely<Database>, actor: Actor) {
  return db
    .selectFrom('service_record')
    .innerJoin('person', 'person.id', 'service_record.person_id')
    .innerJoin('organisation', 'organisation.id', 'service_record.enterprise_id')
    .selectAll('service_record')
    .select(['person.name as person_name', 'organisation.name as enterprise_name'])
    .where(scopeWhere(actor, 'service_record', 'read'));
}
export type ServiceRow = Awaited<ReturnType<ReturnType<typeof services>['executeTakeFirstOrThrow']>>;

export function findService(db: Kysely<Database>, actor: Actor, id: string) {
  return services(db, actor).where('service_record.id', '=', id).executeTakeFirst();
}

export async function listServices(db: Kysely<Database>, actor: Actor, f: ServiceQuery): Promise<{ rows: ServiceRow[]; total: number }> {
  let query = services(db, actor);
  if (f.personId) query = query.where('service_record.person_id', '=', f.personId);
  if (f.enterpriseId) query = query.where('service_record.enterprise_id', '=', f.enterpriseId);
  if (f.kind) query = query.where('service_record.kind', '=', f.kind);
  if (f.from) query = query.where('service_record.served_on', '>=', f.from);
  if (f.to) query = query.where('service_record.served_on', '<=', f.to);
  const [rows, count] = await Promise.all([
    query.orderBy('service_record.served_on', 'desc').orderBy('service_record.id', 'desc').limit(f.limit).offset(f.offset).execute(),
    query
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
