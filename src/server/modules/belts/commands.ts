import type { Kysely, Transaction } from 'kysely';
import { demoStatusOf } from '../../../domain/registry/belts.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';
import { allows } from '../../db/scoped.ts';
import { AppError, forbidden, invalidField, notFound, outOfScopeField } from '../../http/errors.ts';
import { recordAudit } from '../audit/chain.ts';
import type { BeltBuildingInput, BeltBuildingPatch, BeltInput, BeltPatch, BeltPointInput } from './schemas.ts';

type Trx = Transaction<Database>;

async function checkRegion(trx: Trx, actor: Actor, field: string, regionCode: string): Promise<void> {
  const region = await trx.selectFrom('region').select('code').where('code', '=', regionCode).executeTakeFirst();
  if (!region) throw invalidField(field, 'field.region_unknown');
  if (!allows(actor, 'demo_belt', 'write', { regionCode })) throw outOfScopeField(field);
}

/** Locks the belt so membership changes of one belt happen one at a time; 404 if invisible, 403 if read-only. */
async function lockBelt(trx: Trx, actor: Actor, id: string) {
  const belt = await trx.selectFrom('demo_belt').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!belt || !allows(actor, 'demo_belt', 'read', { regionCode: belt.region_code })) throw notFound();
  if (!allows(actor, 'demo_belt', 'write', { regionCode: belt.region_code })) throw forbidden();
  return belt;
}

/** A building the actor can see, or 404 naming the field. */
async function visibleBuilding(trx: Trx, actor: Actor, field: string, id: string) {
  const building = await trx
    .selectFrom('building')
    .select(['id', 'name', 'region_code', 'org_path', 'demo_status'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!building || !allows(actor, 'building', 'read', { regionCode: building.region_code, orgPath: building.org_path })) {
    throw new AppError('not_found', { fields: [{ path: field, key: 'field.building_unknown' }] });
  }
  return building;
}

/**
 * The building's own demonstration status (REG-1) follows its strongest belt membership,
 * so the registry and investment scoring agree with the belts. Only where the actor may
 * change the building: otherwise the belt records the status and the building keeps its own.
 */
async function syncDemoStatus(trx: Trx, actor: Actor, buildingId: string): Promise<void> {
  const building = await trx
    .selectFrom('building')
    .select(['id', 'region_code', 'org_path', 'demo_status'])
    .where('id', '=', buildingId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  if (!allows(actor, 'building', 'write', { regionCode: building.region_code, orgPath: building.org_path })) return;
  const memberships = await trx.selectFrom('demo_belt_building').select('status').where('building_id', '=', buildingId).execute();
  const status = demoStatusOf(memberships.map((m) => m.status));
  if (status === building.demo_status) return;
  await trx.updateTable('building').set({ demo_status: status, updated_at: new Date() }).where('id', '=', buildingId).execute();
  await recordAudit(trx, {
    actor,
    action: 'building.demo_status',
    entity: 'building',
    entityId: buildingId,
    regionCode: building.region_code,
    before: { demo_status: building.demo_status },
    after: { demo_status: status },
  });
}

export async function createBelt(opts: { db: Kysely<Database>; actor: Actor; input: BeltInput }): Promise<string> {
  const { actor, input } = opts;
  return opts.db.transaction().execute(async (trx) => {
    await checkRegion(trx, actor, 'regionCode', input.regionCode);
    const created = await trx
      .insertInto('demo_belt')
      .values({
        name: input.name,
        level: input.level,
        region_code: input.regionCode,
        description: input.description ?? null,
        established_on: input.establishedOn ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      action: 'demo_belt.create',
      entity: 'demo_belt',
      entityId: created.id,
      regionCode: created.region_code,
      after: created,
    });
    return created.id;
  });
}

export async function updateBelt(opts: { db: Kysely<Database>; actor: Actor; id: string; patch: BeltPatch }): Promise<void> {
  const { actor, patch } = opts;
  await opts.db.transaction().execute(async (trx) => {
    const before = await lockBelt(trx, actor, opts.id);
    if (patch.regionCode && patch.regionCode !== before.region_code) await checkRegion(trx, actor, 'regionCode', patch.regionCode);
    const after = await trx
      .updateTable('demo_belt')
      .set({
        name: patch.name ?? before.name,
        level: patch.level ?? before.level,
        region_code: patch.regionCode ?? before.region_code,
        description: patch.description !== undefined ? patch.description : before.description,
        established_on: patch.establishedOn !== undefined ? patch.establishedOn : before.established_on,
      })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      action: 'demo_belt.update',
      entity: 'demo_belt',
      entityId: before.id,
      regionCode: after.region_code,
      before,
      after,
    });
  });
}

export async function addBeltBuilding(opts: {
  db: Kysely<Database>;
  actor: Actor;
  beltId: string;
  input: BeltBuildingInput;
}): Promise<void> {
  const { actor, input } = opts;
  await opts.db.transaction().execute(async (trx) => {
    const belt = await lockBelt(trx, actor, opts.beltId);
    const building = await visibleBuilding(trx, actor, 'buildingId', input.buildingId);
    const existing = await trx
      .selectFrom('demo_belt_building')
      .select('building_id')
      .where('belt_id', '=', belt.id)
      .where('building_id', '=', building.id)
      .executeTakeFirst();
    if (existing) throw invalidField('buildingId', 'field.belt_building_exists');
    const row = await trx
      .insertInto('demo_belt_building')
      .values({
        belt_id: belt.id,
        building_id: building.id,
        status: input.status,
        since: input.since ?? null,
        progress: input.status === 'named' ? 100 : (input.progress ?? 0),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      action: 'demo_belt.building_add',
      entity: 'demo_belt',
      entityId: belt.id,
      regionCode: belt.region_code,
      after: row,
    });
    await syncDemoStatus(trx, actor, building.id);
  });
}

export async function updateBeltBuilding(opts: {
  db: Kysely<Database>;
  actor: Actor;
  beltId: string;
  buildingId: string;
  patch: BeltBuildingPatch;
}): Promise<void> {
  const { actor, patch } = opts;
  await opts.db.transaction().execute(async (trx) => {
    const belt = await lockBelt(trx, actor, opts.beltId);
    const before = await trx
      .selectFrom('demo_belt_building')
      .selectAll()
      .where('belt_id', '=', belt.id)
      .where('building_id', '=', opts.buildingId)
      .executeTakeFirst();
    if (!before) throw notFound();
    const status = patch.status ?? before.status;
    // Being named completes the cultivation.
    const progress = status === 'named' ? 100 : (patch.progress ?? before.progress);
    const after = await trx
      .updateTable('demo_belt_building')
      .set({ status, progress, since: patch.since !== undefined ? patch.since : before.since })
      .where('belt_id', '=', belt.id)
      .where('building_id', '=', before.building_id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      action: 'demo_belt.building_update',
      entity: 'demo_belt',
      entityId: belt.id,
      regionCode: belt.region_code,
      before,
      after,
    });
    await syncDemoStatus(trx, actor, before.building_id);
  });
}

export async function addBeltPoint(opts: { db: Kysely<Database>; actor: Actor; beltId: string; input: BeltPointInput }): Promise<string> {
  const { actor, input } = opts;
  return opts.db.transaction().execute(async (trx) => {
    const belt = await lockBelt(trx, actor, opts.beltId);
    await checkRegion(trx, actor, 'regionCode', input.regionCode);
    if (input.buildingId) await visibleBuilding(trx, actor, 'buildingId', input.buildingId);
    const point = await trx
      .insertInto('demo_point')
      .values({
        belt_id: belt.id,
        name: input.name,
        level: input.level,
        region_code: input.regionCode,
        building_id: input.buildingId ?? null,
        named_on: input.namedOn ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      action: 'demo_belt.point_add',
      entity: 'demo_belt',
      entityId: belt.id,
      regionCode: belt.region_code,
      after: point,
    });
    return point.id;
  });
}

/** REG-7 removes a demonstration point from its belt (the rule check then counts one fewer). */
export async function removeBeltPoint(opts: { db: Kysely<Database>; actor: Actor; beltId: string; pointId: string }): Promise<void> {
  const { actor } = opts;
  await opts.db.transaction().execute(async (trx) => {
    const belt = await lockBelt(trx, actor, opts.beltId);
    const before = await trx
      .deleteFrom('demo_point')
      .where('id', '=', opts.pointId)
      .where('belt_id', '=', belt.id)
      .returningAll()
      .executeTakeFirst();
    if (!before) throw notFound();
    await recordAudit(trx, {
      actor,
      action: 'demo_belt.point_remove',
      entity: 'demo_belt',
      entityId: belt.id,
      regionCode: belt.region_code,
      before,
    });
  });
}
