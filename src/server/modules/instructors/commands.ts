import type { Kysely, Transaction } from 'kysely';
import { planarKm } from '../../../domain/registry/assignment.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';
import { allows } from '../../db/scoped.ts';
import { AppError, forbidden, invalidField, notFound, outOfScopeField } from '../../http/errors.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import { recordAudit } from '../audit/chain.ts';
import type { CadreInput, InstructorInput, InstructorPatch, PinInput, ServiceInput } from './schemas.ts';

type Trx = Transaction<Database>;

const missing = (path: string, key: MessageKey) => new AppError('not_found', { fields: [{ path, key }] });

/** A person the actor can see, or 404 naming the field. */
async function visiblePerson(trx: Trx, actor: Actor, id: string) {
  const person = await trx.selectFrom('person').select(['id', 'name', 'region_code', 'org_path']).where('id', '=', id).executeTakeFirst();
  if (!person || !allows(actor, 'person', 'read', { regionCode: person.region_code, orgPath: person.org_path, personId: person.id })) {
    throw missing('personId', 'field.person_unknown');
  }
  return person;
}

/** An enterprise the actor can see (through its region, its own subtree or its building), or 404 naming the field. */
async function visibleEnterprise(trx: Trx, actor: Actor, path: string, id: string) {
  const enterprise = await trx
    .selectFrom('enterprise')
    .leftJoin('building', 'building.id', 'enterprise.current_building_id')
    .select([
      'enterprise.organisation_id',
      'enterprise.region_code',
      'enterprise.org_path',
      'enterprise.building_path',
      'enterprise.is_non_public',
      'enterprise.lng',
      'enterprise.lat',
      'building.lng as building_lng',
      'building.lat as building_lat',
    ])
    .where('enterprise.organisation_id', '=', id)
    .executeTakeFirst();
  if (
    !enterprise ||
    !allows(actor, 'enterprise', 'read', { regionCode: enterprise.region_code, orgPath: [enterprise.org_path, enterprise.building_path] })
  ) {
    throw missing(path, 'field.enterprise_unknown');
  }
  return enterprise;
}

async function checkRegion(trx: Trx, actor: Actor, entity: 'instructor' | 'stationed_cadre', regionCode: string): Promise<void> {
  const region = await trx.selectFrom('region').select('code').where('code', '=', regionCode).executeTakeFirst();
  if (!region) throw invalidField('regionCode', 'field.region_unknown');
  if (!allows(actor, entity, 'write', { regionCode })) throw outOfScopeField('regionCode');
}

export async function createInstructor(opts: { db: Kysely<Database>; actor: Actor; input: InstructorInput }): Promise<string> {
  const { actor, input } = opts;
  return opts.db.transaction().execute(async (trx) => {
    const person = await visiblePerson(trx, actor, input.personId);
    const regionCode = input.regionCode ?? person.region_code;
    await checkRegion(trx, actor, 'instructor', regionCode);
    const existing = await trx.selectFrom('instructor').select('person_id').where('person_id', '=', person.id).executeTakeFirst();
    if (existing) throw invalidField('personId', 'field.instructor_exists');
    const created = await trx
      .insertInto('instructor')
      .values({
        person_id: person.id,
        title: input.title ?? null,
        capacity: input.capacity ?? 3,
        lng: input.lng ?? null,
        lat: input.lat ?? null,
        region_code: regionCode,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actor, action: 'instructor.create', entity: 'instructor', entityId: person.id, regionCode, after: created });
    return person.id;
  });
}

async function lockInstructor(trx: Trx, actor: Actor, personId: string, field?: string) {
  const instructor = await trx.selectFrom('instructor').selectAll().where('person_id', '=', personId).forUpdate().executeTakeFirst();
  if (!instructor || !allows(actor, 'instructor', 'read', { regionCode: instructor.region_code })) {
    throw field ? missing(field, 'field.instructor_unknown') : notFound();
  }
  if (!allows(actor, 'instructor', 'write', { regionCode: instructor.region_code })) throw forbidden();
  return instructor;
}

export async function updateInstructor(opts: {
  db: Kysely<Database>;
  actor: Actor;
  personId: string;
  patch: InstructorPatch;
}): Promise<void> {
  const { actor, patch } = opts;
  await opts.db.transaction().execute(async (trx) => {
    const before = await lockInstructor(trx, actor, opts.personId);
    const after = await trx
      .updateTable('instructor')
      .set({
        title: patch.title !== undefined ? patch.title : before.title,
        capacity: patch.capacity ?? before.capacity,
        lng: patch.lng !== undefined ? patch.lng : before.lng,
        lat: patch.lat !== undefined ? patch.lat : before.lat,
        active: patch.active ?? before.active,
      })
      .where('person_id', '=', before.person_id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      action: 'instructor.update',
      entity: 'instructor',
      entityId: before.person_id,
      regionCode: before.region_code,
      before,
      after,
    });
  });
}

function distanceKm(a: { lng: number | null; lat: number | null }, b: { lng: number | null; lat: number | null }): number | null {
  if (a.lng === null || a.lat === null || b.lng === null || b.lat === null) return null;
  const ref = (a.lat + b.lat) / 2;
  const p = planarKm(a.lng, a.lat, ref);
  const q = planarKm(b.lng, b.lat, ref);
  return Math.round(Math.hypot(p.x - q.x, p.y - q.y) * 1000) / 1000;
}

/**
 * SVC-1 a manual assignment, pinned by default so assignment runs keep it. The instructor
 * row is locked, so two pins racing for its last place cannot both pass the capacity check.
 */
export async function pinInstructor(opts: { db: Kysely<Database>; actor: Actor; enterpriseId: string; input: PinInput }) {
  const { actor, input } = opts;
  return opts.db.transaction().execute(async (trx) => {
    const enterprise = await visibleEnterprise(trx, actor, 'params.id', opts.enterpriseId);
    if (!enterprise.is_non_public) throw invalidField('params.id', 'field.public_enterprise');
    const instructor = await lockInstructor(trx, actor, input.personId, 'personId');
    if (!instructor.active) throw invalidField('personId', 'field.instructor_inactive');
    const load = await trx
      .selectFrom('instructor_assignment')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('person_id', '=', instructor.person_id)
      .where('enterprise_id', '<>', enterprise.organisation_id)
      .executeTakeFirstOrThrow();
    if (Number(load.n) >= instructor.capacity)
      throw invalidField('personId', 'field.instructor_full', { load: Number(load.n), capacity: instructor.capacity });
    const before = await trx
      .selectFrom('instructor_assignment')
      .selectAll()
      .where('enterprise_id', '=', enterprise.organisation_id)
      .forUpdate()
      .executeTakeFirst();
    const place = { lng: enterprise.lng ?? enterprise.building_lng, lat: enterprise.lat ?? enterprise.building_lat };
    const values = {
      person_id: instructor.person_id,
      pinned: input.pinned,
      distance_km: distanceKm(place, instructor),
      assigned_at: new Date(),
    };
    const after = await trx
      .insertInto('instructor_assignment')
      .values({ enterprise_id: enterprise.organisation_id, ...values })
      .onConflict((oc) => oc.column('enterprise_id').doUpdateSet(values))
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      action: 'instructor_assignment.pin',
      entity: 'enterprise',
      entityId: enterprise.organisation_id,
      regionCode: enterprise.region_code,
      before,
      after,
    });
    const person = await trx.selectFrom('person').select('name').where('id', '=', instructor.person_id).executeTakeFirstOrThrow();
    return {
      enterpriseId: after.enterprise_id,
      personId: after.person_id,
      instructorName: person.name,
      pinned: after.pinned,
      distanceKm: after.distance_km,
    };
  });
}

export async function createCadre(opts: { db: Kysely<Database>; actor: Actor; input: CadreInput }): Promise<string> {
  const { actor, input } = opts;
  if (input.endedOn && input.endedOn < input.startedOn) throw invalidField('endedOn', 'field.date_order');
  return opts.db.transaction().execute(async (trx) => {
    const person = await visiblePerson(trx, actor, input.personId);
    await checkRegion(trx, actor, 'stationed_cadre', input.regionCode);
    const existing = await trx.selectFrom('stationed_cadre').select('person_id').where('person_id', '=', person.id).executeTakeFirst();
    if (existing) throw invalidField('personId', 'field.cadre_exists');
    const created = await trx
      .insertInto('stationed_cadre')
      .values({
        person_id: person.id,
        region_code: input.regionCode,
        park_name: input.parkName ?? null,
        home_unit: input.homeUnit ?? null,
        started_on: input.startedOn,
        ended_on: input.endedOn ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      action: 'stationed_cadre.create',
      entity: 'stationed_cadre',
      entityId: person.id,
      regionCode: input.regionCode,
      after: created,
    });
    return person.id;
  });
}

/** SVC-2 adds an enterprise to a cadre's portfolio (包企). */
export async function addCadreEnterprise(opts: {
  db: Kysely<Database>;
  actor: Actor;
  personId: string;
  enterpriseId: string;
}): Promise<void> {
  const { actor } = opts;
  await opts.db.transaction().execute(async (trx) => {
    const cadre = await trx.selectFrom('stationed_cadre').selectAll().where('person_id', '=', opts.personId).forUpdate().executeTakeFirst();
    if (!cadre || !allows(actor, 'stationed_cadre', 'read', { regionCode: cadre.region_code })) throw notFound();
    if (!allows(actor, 'stationed_cadre', 'write', { regionCode: cadre.region_code })) throw forbidden();
    const enterprise = await visibleEnterprise(trx, actor, 'enterpriseId', opts.enterpriseId);
    const existing = await trx
      .selectFrom('cadre_enterprise')
      .select('enterprise_id')
      .where('person_id', '=', cadre.person_id)
      .where('enterprise_id', '=', enterprise.organisation_id)
      .executeTakeFirst();
    if (existing) throw invalidField('enterpriseId', 'field.cadre_enterprise_exists');
    const row = await trx
      .insertInto('cadre_enterprise')
      .values({ person_id: cadre.person_id, enterprise_id: enterprise.organisation_id })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      action: 'stationed_cadre.enterprise_add',
      entity: 'stationed_cadre',
      entityId: cadre.person_id,
      regionCode: cadre.region_code,
      after: row,
    });
  });
}

/** SVC-1/SVC-2 a service by an instructor or a stationed cadre for an enterprise; it belongs to the enterprise's region and subtree. */
export async function createServiceRecord(opts: { db: Kysely<Database>; actor: Actor; input: ServiceInput }): Promise<string> {
  const { actor, input } = opts;
  return opts.db.transaction().execute(async (trx) => {
    const [instructor, cadre] = await Promise.all([
      trx.selectFrom('instructor').select(['person_id', 'region_code']).where('person_id', '=', input.personId).executeTakeFirst(),
      trx.selectFrom('stationed_cadre').select(['person_id', 'region_code']).where('person_id', '=', input.personId).executeTakeFirst(),
    ]);
    const serves =
      (instructor && allows(actor, 'instructor', 'read', { regionCode: instructor.region_code })) ||
      (cadre && allows(actor, 'stationed_cadre', 'read', { regionCode: cadre.region_code }));
    if (!serves) {
      if (instructor || cadre) throw missing('personId', 'field.person_unknown');
      await visiblePerson(trx, actor, input.personId);
      throw invalidField('personId', 'field.not_service_person');
    }
    const enterprise = await visibleEnterprise(trx, actor, 'enterpriseId', input.enterpriseId);
    const place = { regionCode: enterprise.region_code, orgPath: enterprise.org_path };
    if (!allows(actor, 'service_record', 'write', place)) throw outOfScopeField('enterpriseId');
    const created = await trx
      .insertInto('service_record')
      .values({
        person_id: input.personId,
        enterprise_id: enterprise.organisation_id,
        kind: input.kind,
        served_on: input.servedOn,
        summary: input.summary,
        region_code: enterprise.region_code,
        org_path: enterprise.org_path,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      action: 'service_record.create',
      entity: 'service_record',
      entityId: created.id,
      regionCode: created.region_code,
      after: created,
    });
    return created.id;
  });
}
