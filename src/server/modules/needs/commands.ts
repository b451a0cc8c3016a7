import { sql, type Kysely, type Transaction } from 'kysely';
import type { Actor } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';
import type { RequesterKind } from '../../db/schema-lists.ts';
import { allows, scopeWhere } from '../../db/scoped.ts';
import { AppError, conflict, invalidField, notFound, unknownReference } from '../../http/errors.ts';
import { recordAudit } from '../audit/chain.ts';
import { ownBuildingId } from '../buildings/queries.ts';
import type { NeedInput } from './schemas.ts';

type Db = Kysely<Database>;

export interface NeedPlace {
  requesterKind: RequesterKind;
  requesterName: string;
  requesterOrgId: string | null;
  requesterPersonId: string | null;
  enterpriseId: string | null;
  buildingId: string | null;
  regionCode: string;
  orgPath: string;
  requesterPath: string;
}

/**
 * LST-1 where a need sits and whose it is: the enterprise (an enterprise user's own unless
 * named), a party organisation or a person; its building (the enterprise's current one by
 * default) and region; the paths the scope filter reads.
 */
export async function placeNeed(db: Db, actor: Actor, input: NeedInput): Promise<NeedPlace> {
  const enterpriseId = input.enterpriseId ?? (actor.role === 'enterprise' && !input.requesterOrgId ? actor.organisationId : null);
  let enterprise:
    { organisation_id: string; region_code: string; org_path: string; current_building_id: string | null; name: string } | undefined;
  if (enterpriseId) {
    enterprise = await db
      .selectFrom('enterprise')
      .innerJoin('organisation', 'organisation.id', 'enterprise.organisation_id')
      .select([
        'enterprise.organisation_id',
        'enterprise.region_code',
        'enterprise.org_path',
        'enterprise.current_building_id',
        'organisation.name',
      ])
      .where('enterprise.organisation_id', '=', enterpriseId)
      .where(scopeWhere(actor, 'enterprise', 'read'))
      .executeTakeFirst();
    if (!enterprise) throw unknownReference('enterpriseId');
  }
  let requesterOrg: { id: string; path: string; region_code: string; name: string } | undefined;
  if (input.requesterOrgId) {
    requesterOrg = await db
      .selectFrom('organisation')
      .select(['id', 'path', 'region_code', 'name'])
      .where('id', '=', input.requesterOrgId)
      .where(scopeWhere(actor, 'organisation', 'read'))
      .executeTakeFirst();
    if (!requesterOrg) throw unknownReference('requesterOrgId');
  }
  let person: { id: string; name: string; region_code: string } | undefined;
  const personId = input.requesterPersonId ?? (actor.role === 'member' ? actor.personId : null);
  if (personId) {
    person = await db
      .selectFrom('person')
      .select(['id', 'name', 'region_code'])
      .where('id', '=', personId)
      .where(scopeWhere(actor, 'person', 'read'))
      .executeTakeFirst();
    if (!person) throw unknownReference('requesterPersonId');
  }
  if (!enterprise && !requesterOrg && !person && !input.requesterName) throw invalidField('requesterName', 'field.need_requester_required');

  let buildingId = input.buildingId ?? enterprise?.current_building_id ?? null;
  if (!buildingId && !enterprise && actor.role === 'building') buildingId = await ownBuildingId(db, actor);
  let building: { id: string; region_code: string; org_path: string } | undefined;
  if (buildingId) {
    building = await db
      .selectFrom('building')
      .select(['id', 'region_code', 'org_path'])
      .where('id', '=', buildingId)
      // An enterprise may name the building it rents in, which it cannot otherwise read.
      .where((eb) => (enterprise && enterprise.current_building_id === buildingId ? eb.val(true) : scopeWhere(actor, 'building', 'read')))
      .executeTakeFirst();
    if (!building) throw unknownReference('buildingId');
  }
  const regionCode =
    building?.region_code ??
    enterprise?.region_code ??
    input.regionCode ??
    requesterOrg?.region_code ??
    person?.region_code ??
    actor.regionCode;
  if (!regionCode) throw invalidField('regionCode', 'field.need_place_required');
  const region = await db.selectFrom('region').select('code').where('code', '=', regionCode).executeTakeFirst();
  if (!region) throw invalidField('regionCode', 'field.region_unknown');
  const requesterKind: RequesterKind =
    input.requesterKind ?? (enterprise ? 'enterprise' : requesterOrg ? 'party_org' : actor.role === 'member' ? 'party_member' : 'employee');
  const place: NeedPlace = {
    requesterKind,
    requesterName: input.requesterName || enterprise?.name || requesterOrg?.name || person?.name || '',
    requesterOrgId: requesterOrg?.id ?? null,
    requesterPersonId: person?.id ?? null,
    enterpriseId: enterprise?.organisation_id ?? null,
    buildingId: building?.id ?? null,
    regionCode,
    orgPath: building?.org_path ?? '',
    requesterPath: enterprise?.org_path ?? requesterOrg?.path ?? '',
  };
  if (!allows(actor, 'need', 'write', { regionCode, orgPath: [place.orgPath, place.requesterPath], personId: place.requesterPersonId }))
    throw new AppError('forbidden', { fields: [{ path: enterprise ? 'enterpriseId' : 'regionCode', key: 'field.region_out_of_scope' }] });
  return place;
}

/** Inserts a need at its place; the code is 'XQ' and the id. Used by the form, by matters and by the demo seed. */
export async function insertNeed(
  trx: Transaction<Database>,
  opts: {
    actor: Actor;
    place: NeedPlace;
    input: Pick<NeedInput, 'title' | 'description' | 'category' | 'quantity' | 'urgency'>;
    matterId?: string | null;
    now?: Date;
  },
): Promise<{ id: string; code: string }> {
  const { place, input } = opts;
  const { id } = await sql<{ id: string }>`SELECT nextval('need_id_seq')::text AS id`.execute(trx).then((r) => r.rows[0]!);
  const code = `XQ${id.padStart(6, '0')}`;
  const now = opts.now ?? new Date();
  await trx
    .insertInto('need')
    .values({
      id,
      code,
      title: input.title,
      description: input.description,
      category: input.category,
      requester_kind: place.requesterKind,
      requester_org_id: place.requesterOrgId,
      requester_person_id: place.requesterPersonId,
      requester_name: place.requesterName,
      quantity: input.quantity,
      urgency: input.urgency,
      building_id: place.buildingId,
      enterprise_id: place.enterpriseId,
      region_code: place.regionCode,
      org_path: place.orgPath,
      requester_path: place.requesterPath,
      project_id: null,
      matter_id: opts.matterId ?? null,
      complaint_matter_id: null,
      close_reason: null,
      entered_by: opts.actor.userId === '0' ? null : opts.actor.userId,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { id, code };
}

/** LST-1 a need is entered by its requester or by building or region staff. */
export async function createNeed(opts: { db: Db; actor: Actor; input: NeedInput }): Promise<{ id: string; code: string }> {
  const { db, actor, input } = opts;
  const place = await placeNeed(db, actor, input);
  return db.transaction().execute(async (trx) => {
    const created = await insertNeed(trx, { actor, place, input });
    await recordAudit(trx, {
      actor,
      action: 'need.create',
      entity: 'need',
      entityId: created.id,
      regionCode: place.regionCode,
      after: { code: created.code, title: input.title, category: input.category, quantity: input.quantity },
    });
    return created;
  });
}

/**
 * Locks a need the caller may change: 404 when it cannot even see it, 403 when it sees but
 * may not write it. Every need command starts here.
 */
export async function lockWritableNeed(trx: Transaction<Database>, actor: Actor, id: string) {
  const row = await trx
    .selectFrom('need')
    .selectAll()
    .where('id', '=', id)
    .where(scopeWhere(actor, 'need', 'read'))
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound();
  if (
    !allows(actor, 'need', 'write', {
      regionCode: row.region_code,
      orgPath: [row.org_path, row.requester_path],
      personId: row.requester_person_id,
    })
  )
    throw new AppError('forbidden');
  return row;
}

export async function updateNeed(opts: {
  db: Db;
  actor: Actor;
  id: string;
  input: {
    version: number;
    title?: string;
    description?: string;
    category?: NeedInput['category'];
    quantity?: number;
    urgency?: NeedInput['urgency'];
    requesterName?: string;
  };
}): Promise<{ version: number }> {
  const { db, actor, id, input } = opts;
  return db.transaction().execute(async (trx) => {
    const row = await lockWritableNeed(trx, actor, id);
    if (row.version !== input.version) throw conflict();
    if (row.status !== 'open') throw new AppError('conflict', { key: 'list.need_not_open', params: { status: row.status } });
    const changes = {
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.category !== undefined ? { category: input.category } : {}),
      ...(input.quantity !== undefined ? { quantity: input.quantity } : {}),
      ...(input.urgency !== undefined ? { urgency: input.urgency } : {}),
      ...(input.requesterName !== undefined ? { requester_name: input.requesterName } : {}),
    };
    await trx
      .updateTable('need')
      .set({ ...changes, version: row.version + 1, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, {
      actor,
      action: 'need.update',
      entity: 'need',
      entityId: id,
      regionCode: row.region_code,
      before: Object.fromEntries(Object.keys(changes).map((k) => [k, row[k as keyof typeof row]])),
      after: changes,
    });
    return { version: row.version + 1 };
  });
}

/** A need withdrawn or found not to be served (closed); one already in a project is closed with its project. */
export async function closeNeed(opts: { db: Db; actor: Actor; id: string; reason: string }): Promise<void> {
  const { db, actor, id, reason } = opts;
  await db.transaction().execute(async (trx) => {
    const row = await lockWritableNeed(trx, actor, id);
    if (row.status !== 'open' && row.status !== 'matched')
      throw new AppError('conflict', { key: 'list.need_not_open', params: { status: row.status } });
    const now = new Date();
    await trx
      .updateTable('need')
      .set({ status: 'closed', close_reason: reason, closed_at: now, updated_at: now, version: row.version + 1 })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, {
      actor,
      action: 'need.close',
      entity: 'need',
      entityId: id,
      regionCode: row.region_code,
      before: { status: row.status },
      after: { status: 'closed', reason },
    });
  });
}
