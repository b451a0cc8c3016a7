import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';
import { allows } from '../../db/scoped.ts';
import { AppError, forbidden, invalidField, notFound, outOfScopeField } from '../../http/errors.ts';
import { recordAudit } from '../audit/chain.ts';
import type { GridInput, GridMemberInput, GridPatch } from './schemas.ts';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === '23505';

async function checkVillage(trx: Trx, actor: Actor, villageCode: string, path = 'villageCode') {
  const region = await trx.selectFrom('region').select(['code', 'level']).where('code', '=', villageCode).executeTakeFirst();
  if (!region || region.level !== 'village') throw invalidField(path, 'field.village_code');
  if (!allows(actor, 'grid', 'write', { regionCode: villageCode })) throw outOfScopeField(path);
}

/** A grid of the village, or a validation error naming `path`. */
export async function gridOfVillage(trx: Trx, gridId: string, villageCode: string, path = 'gridId') {
  const grid = await trx.selectFrom('grid').select(['id', 'village_code']).where('id', '=', gridId).executeTakeFirst();
  if (!grid) throw invalidField(path, 'field.grid_unknown');
  if (grid.village_code !== villageCode) throw invalidField(path, 'field.grid_other_village');
  return grid;
}

/** GRD-1 a grid (网格) inside a village. */
export async function createGrid(opts: { db: Db; actor: Actor; input: GridInput }): Promise<string> {
  const { actor, input } = opts;
  try {
    return await opts.db.transaction().execute(async (trx) => {
      await checkVillage(trx, actor, input.villageCode);
      const row = await trx
        .insertInto('grid')
        .values({ village_code: input.villageCode, name: input.name, lng: input.lng ?? null, lat: input.lat ?? null })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, { actor, action: 'grid.create', entity: 'grid', entityId: row.id, regionCode: row.village_code, after: row });
      return row.id;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw invalidField('name', 'field.grid_name_taken');
    throw err;
  }
}

export async function updateGrid(opts: { db: Db; actor: Actor; id: string; patch: GridPatch }): Promise<void> {
  const { actor, patch } = opts;
  try {
    await opts.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('grid').selectAll().where('id', '=', opts.id).forUpdate().executeTakeFirst();
      if (!before || !allows(actor, 'grid', 'read', { regionCode: before.village_code })) throw notFound();
      if (!allows(actor, 'grid', 'write', { regionCode: before.village_code })) throw forbidden();
      const after = await trx
        .updateTable('grid')
        .set({
          name: patch.name ?? before.name,
          lng: patch.lng !== undefined ? patch.lng : before.lng,
          lat: patch.lat !== undefined ? patch.lat : before.lat,
          updated_at: new Date(),
        })
        .where('id', '=', before.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        actor,
        action: 'grid.update',
        entity: 'grid',
        entityId: before.id,
        regionCode: before.village_code,
        before,
        after,
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw invalidField('name', 'field.grid_name_taken');
    throw err;
  }
}

/**
 * GRD-1 registers a party member on a village's grid (or changes where they live and whether
 * they are exempt). Only party members of the village's subtree carry households.
 */
export async function putGridMember(opts: { db: Db; actor: Actor; personId: string; input: GridMemberInput }): Promise<void> {
  const { actor, input } = opts;
  await opts.db.transaction().execute(async (trx) => {
    await checkVillage(trx, actor, input.villageCode);
    const person = await trx
      .selectFrom('person')
      .select(['id', 'is_party_member', 'region_code', 'org_path'])
      .where('id', '=', opts.personId)
      .executeTakeFirst();
    if (!person || !allows(actor, 'person', 'read', { regionCode: person.region_code, orgPath: person.org_path, personId: person.id }))
      throw notFound();
    if (!person.is_party_member) throw invalidField('personId', 'field.member_not_party');
    if (input.gridId) await gridOfVillage(trx, input.gridId, input.villageCode);
    const before = await trx.selectFrom('grid_member').selectAll().where('person_id', '=', person.id).forUpdate().executeTakeFirst();
    if (before && !allows(actor, 'grid_member', 'write', { regionCode: before.village_code, personId: before.person_id }))
      throw new AppError('forbidden');
    const values = {
      village_code: input.villageCode,
      grid_id: input.gridId !== undefined ? input.gridId : (before?.grid_id ?? null),
      lng: input.lng !== undefined ? input.lng : (before?.lng ?? null),
      lat: input.lat !== undefined ? input.lat : (before?.lat ?? null),
      exempt: input.exempt !== undefined ? input.exempt : (before?.exempt ?? null),
      exempt_note: input.exemptNote !== undefined ? input.exemptNote || null : (before?.exempt_note ?? null),
      updated_at: new Date(),
    };
    const after = await trx
      .insertInto('grid_member')
      .values({ person_id: person.id, ...values })
      .onConflict((oc) => oc.column('person_id').doUpdateSet(values))
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      action: before ? 'grid_member.update' : 'grid_member.create',
      entity: 'grid_member',
      entityId: person.id,
      regionCode: input.villageCode,
      before: before ?? null,
      after,
    });
  });
}
