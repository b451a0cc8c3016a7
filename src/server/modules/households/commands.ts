import type { Kysely, Transaction } from 'kysely';
import { maskIdNumber, maskPhone } from '../../../domain/identity/codes.ts';
import { maskName } from '../../../domain/villages/index.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Secrets } from '../../auth/secrets.ts';
import type { Database } from '../../db/schema.ts';
import { allows } from '../../db/scoped.ts';
import { forbidden, invalidField, notFound, outOfScopeField } from '../../http/errors.ts';
import { recordAudit } from '../audit/chain.ts';
import { gridOfVillage } from '../grids/commands.ts';
import type { HouseholdInput, HouseholdMemberInput, HouseholdPatch, ResidentInput } from './schemas.ts';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;
type HouseholdRecord = NonNullable<Awaited<ReturnType<typeof lockHousehold>>>;

/** The audit trail keeps masked residents only: an audit reader is not thereby a reader of personal data. */
async function auditResidents(trx: Trx, householdId: string) {
  const rows = await trx
    .selectFrom('household_resident')
    .select(['relation', 'name_masked', 'birth_year', 'phone_masked', 'id_number_masked'])
    .where('household_id', '=', householdId)
    .orderBy('sort')
    .execute();
  return rows;
}

async function writeResidents(trx: Trx, secrets: Secrets, householdId: string, residents: readonly ResidentInput[]) {
  await trx.deleteFrom('household_resident').where('household_id', '=', householdId).execute();
  if (residents.length === 0) return;
  await trx
    .insertInto('household_resident')
    .values(
      residents.map((r, i) => ({
        household_id: householdId,
        relation: r.relation,
        name_enc: secrets.encrypt(r.name),
        name_masked: maskName(r.name),
        birth_year: r.birthYear ?? null,
        phone_enc: r.phone ? secrets.encrypt(r.phone) : null,
        phone_masked: r.phone ? maskPhone(r.phone) : null,
        id_number_enc: r.idNumber ? secrets.encrypt(r.idNumber) : null,
        id_number_masked: r.idNumber ? maskIdNumber(r.idNumber) : null,
        sort: i,
      })),
    )
    .execute();
}

async function checkVillage(trx: Trx, actor: Actor, villageCode: string) {
  const region = await trx.selectFrom('region').select(['level']).where('code', '=', villageCode).executeTakeFirst();
  if (!region || region.level !== 'village') throw invalidField('villageCode', 'field.village_code');
  // Households are entered by the village's (or a higher) office; a member keeps only the ones they carry.
  if (!allows(actor, 'grid', 'write', { regionCode: villageCode })) throw outOfScopeField('villageCode');
}

/** GRD-1 a household with the people living in it (names, phones and ID numbers sealed). */
export async function createHousehold(opts: { db: Db; actor: Actor; secrets: Secrets; input: HouseholdInput }): Promise<string> {
  const { actor, input, secrets } = opts;
  return opts.db.transaction().execute(async (trx) => {
    await checkVillage(trx, actor, input.villageCode);
    if (input.gridId) await gridOfVillage(trx, input.gridId, input.villageCode);
    const row = await trx
      .insertInto('household')
      .values({
        village_code: input.villageCode,
        grid_id: input.gridId ?? null,
        address: input.address,
        lng: input.lng ?? null,
        lat: input.lat ?? null,
        note: input.note || null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeResidents(trx, secrets, row.id, input.residents);
    await recordAudit(trx, {
      actor,
      action: 'household.create',
      entity: 'household',
      entityId: row.id,
      regionCode: row.village_code,
      after: { ...row, residents: await auditResidents(trx, row.id) },
    });
    return row.id;
  });
}

async function lockHousehold(trx: Trx, actor: Actor, id: string) {
  const before = await trx.selectFrom('household').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  const place = { regionCode: before?.village_code, personId: before?.member_person_id };
  if (!before || !allows(actor, 'household', 'read', place)) throw notFound();
  if (!allows(actor, 'household', 'write', place)) throw forbidden();
  return before;
}

/** GRD-1 corrects a household: its member keeps the address, note and residents up to date; the office also the grid. */
export async function updateHousehold(opts: { db: Db; actor: Actor; secrets: Secrets; id: string; patch: HouseholdPatch }): Promise<void> {
  const { actor, patch, secrets } = opts;
  await opts.db.transaction().execute(async (trx) => {
    const before: HouseholdRecord = await lockHousehold(trx, actor, opts.id);
    if (patch.gridId !== undefined && patch.gridId !== before.grid_id) {
      if (!allows(actor, 'grid', 'write', { regionCode: before.village_code })) throw outOfScopeField('gridId');
      if (patch.gridId) await gridOfVillage(trx, patch.gridId, before.village_code);
    }
    const residentsBefore = patch.residents ? await auditResidents(trx, before.id) : undefined;
    const after = await trx
      .updateTable('household')
      .set({
        grid_id: patch.gridId !== undefined ? patch.gridId : before.grid_id,
        address: patch.address ?? before.address,
        lng: patch.lng !== undefined ? patch.lng : before.lng,
        lat: patch.lat !== undefined ? patch.lat : before.lat,
        note: patch.note !== undefined ? patch.note || null : before.note,
        updated_at: new Date(),
      })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (patch.residents) await writeResidents(trx, secrets, before.id, patch.residents);
    await recordAudit(trx, {
      actor,
      action: 'household.update',
      entity: 'household',
      entityId: before.id,
      regionCode: before.village_code,
      before: { ...before, ...(residentsBefore ? { residents: residentsBefore } : {}) },
      after: { ...after, ...(patch.residents ? { residents: await auditResidents(trx, before.id) } : {}) },
    });
  });
}

/**
 * GRD-1 a manual assignment by the village office: the household goes to a party member of
 * its village (pinned by default, so assignment runs leave it there), or to nobody.
 */
export async function setHouseholdMember(opts: { db: Db; actor: Actor; id: string; input: HouseholdMemberInput }): Promise<void> {
  const { actor, input } = opts;
  await opts.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('household').selectAll().where('id', '=', opts.id).forUpdate().executeTakeFirst();
    if (!before || !allows(actor, 'household', 'read', { regionCode: before.village_code, personId: before.member_person_id }))
      throw notFound();
    if (!allows(actor, 'household_assignment', 'write', { regionCode: before.village_code })) throw forbidden();
    if (input.memberId) {
      const member = await trx
        .selectFrom('grid_member')
        .innerJoin('person', 'person.id', 'grid_member.person_id')
        .select(['grid_member.village_code', 'person.is_party_member'])
        .where('grid_member.person_id', '=', input.memberId)
        .executeTakeFirst();
      // A member of the same township may help a village short of members (as the plans do).
      if (!member || !member.is_party_member || member.village_code.slice(0, 9) !== before.village_code.slice(0, 9)) {
        throw invalidField('memberId', 'field.member_unknown');
      }
    }
    const after = await trx
      .updateTable('household')
      .set({
        member_person_id: input.memberId,
        pinned: input.memberId !== null && input.pinned,
        distance_km: input.memberId === before.member_person_id ? before.distance_km : null,
        assigned_at: new Date(),
        updated_at: new Date(),
      })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      action: 'household.assign',
      entity: 'household',
      entityId: before.id,
      regionCode: before.village_code,
      before,
      after,
    });
  });
}
