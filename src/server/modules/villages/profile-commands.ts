import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/actor.ts';
import { mayDesignateVillage } from '../../auth/policy.ts';
import type { Database } from '../../db/schema.ts';
import { allows } from '../../db/scoped.ts';
import { AppError, invalidField, outOfScopeField } from '../../http/errors.ts';
import { recordAudit } from '../audit/chain.ts';
import { audited, belongs, lockVillage, visibleOrganisation, type Trx } from './access.ts';
import type {
  PlanInput,
  PlanPatch,
  RepairInput,
  TraditionalBuildingInput,
  TraditionalBuildingPatch,
  VillageInput,
  VillagePatch,
} from './schemas.ts';

type Db = Kysely<Database>;
const LISTING_FIELDS = ['isTraditional', 'listingLevel', 'listingBatch', 'listedOn'] as const;

/** The village's party organisation: a party organisation placed in the village itself. */
async function partyOrgOf(trx: Trx, actor: Actor, regionCode: string, id: string) {
  const org = await visibleOrganisation(trx, actor, 'partyOrgId', id);
  if (org.kind !== 'party_org' || org.region_code !== regionCode) throw invalidField('partyOrgId', 'field.party_org_unknown');
  return org;
}

function checkListing(isTraditional: boolean, level: unknown, batch: unknown): void {
  if (!isTraditional && (level != null || batch != null)) throw invalidField('listingLevel', 'field.listing_needs_traditional');
}

/** VIL-1 opens a village's profile (一村一档) on its real 12-digit code. */
export async function createVillage(opts: { db: Db; actor: Actor; input: VillageInput }): Promise<string> {
  const { actor, input } = opts;
  return opts.db.transaction().execute(async (trx) => {
    const region = await trx.selectFrom('region').select(['code', 'level']).where('code', '=', input.regionCode).executeTakeFirst();
    if (!region) throw invalidField('regionCode', 'field.region_unknown');
    if (region.level !== 'village') throw invalidField('regionCode', 'field.region_not_village');
    if (!allows(actor, 'village_profile', 'write', { regionCode: input.regionCode })) throw outOfScopeField('regionCode');
    if (!mayDesignateVillage(actor) && (input.isTraditional || input.listingLevel != null || input.listingBatch != null))
      throw new AppError('forbidden', { fields: [{ path: 'isTraditional', key: 'field.village_listing_designated' }] });
    checkListing(input.isTraditional ?? false, input.listingLevel, input.listingBatch);
    const exists = await trx
      .selectFrom('village_profile')
      .select('region_code')
      .where('region_code', '=', input.regionCode)
      .executeTakeFirst();
    if (exists) throw new AppError('conflict', { fields: [{ path: 'regionCode', key: 'field.village_exists' }] });
    const org = input.partyOrgId ? await partyOrgOf(trx, actor, input.regionCode, input.partyOrgId) : null;
    const created = await trx
      .insertInto('village_profile')
      .values({
        region_code: input.regionCode,
        party_org_id: org?.id ?? null,
        org_path: org?.path ?? '',
        is_traditional: input.isTraditional ?? false,
        listing_level: input.listingLevel ?? null,
        listing_batch: input.listingBatch ?? null,
        listed_on: input.listedOn ?? null,
        summary: input.summary ?? '',
        households: input.households ?? null,
        population: input.population ?? null,
        funds_published: input.fundsPublished ?? false,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      action: 'village.create',
      entity: 'village_profile',
      entityId: created.region_code,
      regionCode: created.region_code,
      after: created,
    });
    return created.region_code;
  });
}

export async function updateVillage(opts: { db: Db; actor: Actor; code: string; patch: VillagePatch }): Promise<void> {
  const { actor, patch } = opts;
  await opts.db.transaction().execute(async (trx) => {
    const before = await lockVillage(trx, actor, opts.code);
    const touchesListing = LISTING_FIELDS.some((f) => patch[f] !== undefined);
    if (touchesListing && !mayDesignateVillage(actor))
      throw new AppError('forbidden', { fields: [{ path: 'isTraditional', key: 'field.village_listing_designated' }] });
    const isTraditional = patch.isTraditional ?? before.is_traditional;
    const level = patch.listingLevel !== undefined ? patch.listingLevel : isTraditional ? before.listing_level : null;
    const batch = patch.listingBatch !== undefined ? patch.listingBatch : isTraditional ? before.listing_batch : null;
    checkListing(isTraditional, level, batch);
    const org =
      patch.partyOrgId === undefined
        ? undefined
        : patch.partyOrgId === null
          ? null
          : await partyOrgOf(trx, actor, before.region_code, patch.partyOrgId);
    const after = await trx
      .updateTable('village_profile')
      .set({
        ...(org !== undefined ? { party_org_id: org?.id ?? null, org_path: org?.path ?? '' } : {}),
        is_traditional: isTraditional,
        listing_level: level,
        listing_batch: batch,
        listed_on: patch.listedOn !== undefined ? patch.listedOn : before.listed_on,
        summary: patch.summary ?? before.summary,
        households: patch.households !== undefined ? patch.households : before.households,
        population: patch.population !== undefined ? patch.population : before.population,
        funds_published: patch.fundsPublished ?? before.funds_published,
        updated_at: new Date(),
      })
      .where('region_code', '=', before.region_code)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      action: 'village.update',
      entity: 'village_profile',
      entityId: before.region_code,
      regionCode: before.region_code,
      before,
      after,
    });
  });
}

export async function addPlan(opts: { db: Db; actor: Actor; code: string; input: PlanInput }): Promise<string> {
  const { actor, input } = opts;
  return opts.db.transaction().execute(async (trx) => {
    const v = await lockVillage(trx, actor, opts.code);
    const row = await trx
      .insertInto('village_plan')
      .values({
        region_code: v.region_code,
        title: input.title,
        status: input.status,
        approved_on: input.approvedOn ?? null,
        period_from: input.periodFrom ?? null,
        period_to: input.periodTo ?? null,
        document_name: input.documentName ?? null,
        note: input.note ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audited(trx, actor, v.region_code, 'village_plan.create', 'village_plan', row.id, row);
    return row.id;
  });
}

export async function updatePlan(opts: { db: Db; actor: Actor; code: string; id: string; patch: PlanPatch }): Promise<void> {
  const { actor, patch } = opts;
  await opts.db.transaction().execute(async (trx) => {
    const v = await lockVillage(trx, actor, opts.code);
    const before = belongs(
      await trx.selectFrom('village_plan').selectAll().where('id', '=', opts.id).executeTakeFirst(),
      v.region_code,
      'id',
      'field.plan_unknown',
    );
    const after = await trx
      .updateTable('village_plan')
      .set({
        status: patch.status ?? before.status,
        approved_on: patch.approvedOn !== undefined ? patch.approvedOn : before.approved_on,
        document_name: patch.documentName !== undefined ? patch.documentName : before.document_name,
        note: patch.note !== undefined ? patch.note : before.note,
        updated_at: new Date(),
      })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audited(trx, actor, v.region_code, 'village_plan.update', 'village_plan', before.id, after, before);
  });
}

export async function addTraditionalBuilding(opts: {
  db: Db;
  actor: Actor;
  code: string;
  input: TraditionalBuildingInput;
}): Promise<string> {
  const { actor, input } = opts;
  return opts.db.transaction().execute(async (trx) => {
    const v = await lockVillage(trx, actor, opts.code);
    const row = await trx
      .insertInto('traditional_building')
      .values({
        region_code: v.region_code,
        name: input.name,
        era: input.era ?? null,
        kind: input.kind ?? null,
        address: input.address ?? null,
        condition: input.condition,
        inspected_on: input.inspectedOn ?? null,
        note: input.note ?? null,
        matter_id: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audited(trx, actor, v.region_code, 'traditional_building.create', 'traditional_building', row.id, row);
    return row.id;
  });
}

export async function updateTraditionalBuilding(opts: {
  db: Db;
  actor: Actor;
  code: string;
  id: string;
  patch: TraditionalBuildingPatch;
}): Promise<void> {
  const { actor, patch } = opts;
  await opts.db.transaction().execute(async (trx) => {
    const v = await lockVillage(trx, actor, opts.code);
    const before = belongs(
      await trx.selectFrom('traditional_building').selectAll().where('id', '=', opts.id).executeTakeFirst(),
      v.region_code,
      'id',
      'field.traditional_building_unknown',
    );
    const pick = <K extends keyof TraditionalBuildingPatch>(k: K) => patch[k] !== undefined;
    const after = await trx
      .updateTable('traditional_building')
      .set({
        name: patch.name ?? before.name,
        era: pick('era') ? (patch.era ?? null) : before.era,
        kind: pick('kind') ? (patch.kind ?? null) : before.kind,
        address: pick('address') ? (patch.address ?? null) : before.address,
        condition: patch.condition ?? before.condition,
        inspected_on: pick('inspectedOn') ? (patch.inspectedOn ?? null) : before.inspected_on,
        note: pick('note') ? (patch.note ?? null) : before.note,
        updated_at: new Date(),
      })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audited(trx, actor, v.region_code, 'traditional_building.update', 'traditional_building', before.id, after, before);
  });
}

export async function recordRepair(opts: { db: Db; actor: Actor; code: string; buildingId: string; input: RepairInput }): Promise<string> {
  const { actor, input } = opts;
  return opts.db.transaction().execute(async (trx) => {
    const v = await lockVillage(trx, actor, opts.code);
    const building = belongs(
      await trx.selectFrom('traditional_building').select(['id', 'region_code']).where('id', '=', opts.buildingId).executeTakeFirst(),
      v.region_code,
      'id',
      'field.traditional_building_unknown',
    );
    const row = await trx
      .insertInto('building_repair')
      .values({
        building_id: building.id,
        region_code: v.region_code,
        repaired_on: input.repairedOn,
        description: input.description,
        cost: input.cost ?? null,
        contractor: input.contractor ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audited(trx, actor, v.region_code, 'building_repair.create', 'building_repair', row.id, row);
    return row.id;
  });
}
