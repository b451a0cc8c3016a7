import type { Transaction } from 'kysely';
import type { Actor } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';
import { allows } from '../../db/scoped.ts';
import { AppError, invalidField, outOfScopeField } from '../../http/errors.ts';

type Trx = Transaction<Database>;

/** Where a field record sits and whose it is: the scope of everything it is read and written by. */
export interface RecordPlace {
  villageCode: string;
  memberPersonId: string | null;
  household: { id: string; address: string; village_code: string; member_person_id: string | null } | null;
}

const householdUnknown = () => new AppError('not_found', { fields: [{ path: 'householdId', key: 'field.household_unknown' }] });

/**
 * GRD-2 places a record: at its household (which the actor must see — a member only their own)
 * or, without one, in a village — a member's own village, an office's named one. The member it
 * belongs to is the actor when a member records it, else the one named, else the household's.
 */
export async function placeRecord(
  trx: Trx,
  actor: Actor,
  input: { householdId?: string | null | undefined; villageCode?: string | null | undefined; memberId?: string | null | undefined },
): Promise<RecordPlace> {
  let household: RecordPlace['household'] = null;
  if (input.householdId) {
    household =
      (await trx
        .selectFrom('household')
        .select(['id', 'address', 'village_code', 'member_person_id'])
        .where('id', '=', input.householdId)
        .executeTakeFirst()) ?? null;
    if (!household || !allows(actor, 'household', 'read', { regionCode: household.village_code, personId: household.member_person_id }))
      throw householdUnknown();
  }
  let villageCode = household?.village_code ?? null;
  let memberPersonId: string | null;
  if (actor.role === 'member') {
    memberPersonId = actor.personId;
    if (!villageCode) {
      const own = actor.personId
        ? await trx.selectFrom('grid_member').select('village_code').where('person_id', '=', actor.personId).executeTakeFirst()
        : undefined;
      if (!own) throw invalidField('villageCode', 'field.member_village_required');
      villageCode = own.village_code;
    }
  } else {
    villageCode ??= input.villageCode ?? null;
    if (!villageCode) throw invalidField('villageCode', 'field.village_code');
    memberPersonId = input.memberId ?? household?.member_person_id ?? null;
    if (input.memberId) {
      const member = await trx.selectFrom('grid_member').select('village_code').where('person_id', '=', input.memberId).executeTakeFirst();
      if (!member || member.village_code.slice(0, 9) !== villageCode.slice(0, 9)) throw invalidField('memberId', 'field.member_unknown');
    }
  }
  const region = await trx.selectFrom('region').select('level').where('code', '=', villageCode).executeTakeFirst();
  if (!region || region.level !== 'village') throw invalidField('villageCode', 'field.village_code');
  if (!allows(actor, 'field_record', 'write', { regionCode: villageCode, personId: memberPersonId }))
    throw outOfScopeField(household ? 'householdId' : 'villageCode');
  return { villageCode, memberPersonId, household };
}

/** A client id already stored: the same record again (answer it) or someone else's (refuse). */
export const clientIdTaken = () => new AppError('conflict', { fields: [{ path: 'clientId', key: 'field.client_id_taken' }] });
