import type { Kysely, Transaction } from 'kysely';
import { addDays, DEFAULT_RECTIFICATION_DAYS, FIRE_CHECKLIST } from '../../../domain/villages/index.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Secrets } from '../../auth/secrets.ts';
import type { Database } from '../../db/schema.ts';
import { allows } from '../../db/scoped.ts';
import { invalidField } from '../../http/errors.ts';
import { recordAudit } from '../audit/chain.ts';
import { gridOfVillage } from '../grids/commands.ts';
import { maskName } from '../../../domain/villages/index.ts';
import { chinaDate } from '../../../domain/time.ts';
import { clientIdTaken, placeRecord } from './place.ts';
import type { InspectionInput, MediationInput, UpkeepInput, VisitInput } from './schemas.ts';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;
type Table = 'visit' | 'upkeep' | 'inspection' | 'mediation';

export interface Recorded {
  id: string;
  /** False when a record with this client id was already stored (a retried sync). */
  created: boolean;
}

/** The record stored under a client id before, if the actor may see it; someone else's is refused. */
async function earlier(trx: Trx, actor: Actor, table: Table, clientId: string): Promise<Recorded | null> {
  const row = await trx
    .selectFrom(table)
    .select(['id', 'village_code', 'member_person_id'])
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  if (!row) return null;
  if (!allows(actor, 'field_record', 'read', { regionCode: row.village_code, personId: row.member_person_id })) throw clientIdTaken();
  return { id: row.id, created: false };
}

/** Dates of field work are today or earlier (China time). */
function notFuture(date: string, path: string) {
  if (date > chinaDate()) throw invalidField(path, 'field.future_date');
}

/** GRD-2 入户宣传: a visit to a household, stored once per client id. */
export async function recordVisit(opts: { db: Db; actor: Actor; input: VisitInput }): Promise<Recorded> {
  const { actor, input } = opts;
  notFuture(input.visitedOn, 'visitedOn');
  return opts.db.transaction().execute(async (trx) => {
    const again = await earlier(trx, actor, 'visit', input.clientId);
    if (again) return again;
    const place = await placeRecord(trx, actor, input);
    const row = await trx
      .insertInto('visit')
      .values({
        client_id: input.clientId,
        household_id: place.household!.id,
        village_code: place.villageCode,
        member_person_id: place.memberPersonId,
        visited_on: input.visitedOn,
        topics: input.topics,
        notes: input.notes || null,
        created_by: actor.userId === '0' ? null : actor.userId,
      })
      .onConflict((oc) => oc.column('client_id').doNothing())
      .returningAll()
      .executeTakeFirst();
    // Two copies of one record racing: the unique client id let one in.
    if (!row) return (await earlier(trx, actor, 'visit', input.clientId))!;
    await recordAudit(trx, { actor, action: 'visit.create', entity: 'visit', entityId: row.id, regionCode: row.village_code, after: row });
    return { id: row.id, created: true };
  });
}

/** GRD-2 公共基础设施管护 / 人居环境整治. */
export async function recordUpkeep(opts: { db: Db; actor: Actor; input: UpkeepInput }): Promise<Recorded> {
  const { actor, input } = opts;
  notFuture(input.doneOn, 'doneOn');
  return opts.db.transaction().execute(async (trx) => {
    const again = await earlier(trx, actor, 'upkeep', input.clientId);
    if (again) return again;
    const place = await placeRecord(trx, actor, input);
    if (input.gridId) await gridOfVillage(trx, input.gridId, place.villageCode);
    const row = await trx
      .insertInto('upkeep')
      .values({
        client_id: input.clientId,
        kind: input.kind,
        village_code: place.villageCode,
        grid_id: input.gridId ?? null,
        member_person_id: place.memberPersonId,
        done_on: input.doneOn,
        subject: input.subject,
        notes: input.notes || null,
        created_by: actor.userId === '0' ? null : actor.userId,
      })
      .onConflict((oc) => oc.column('client_id').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) return (await earlier(trx, actor, 'upkeep', input.clientId))!;
    await recordAudit(trx, {
      actor,
      action: 'upkeep.create',
      entity: 'upkeep',
      entityId: row.id,
      regionCode: row.village_code,
      after: row,
    });
    return { id: row.id, created: true };
  });
}

/**
 * GRD-2 消防安全隐患排查: the checklist as ticked; every failed item becomes a hazard with a
 * rectification deadline (default a week), in the same transaction.
 */
export async function recordInspection(opts: { db: Db; actor: Actor; input: InspectionInput }): Promise<Recorded> {
  const { actor, input } = opts;
  notFuture(input.inspectedOn, 'inspectedOn');
  return opts.db.transaction().execute(async (trx) => {
    const again = await earlier(trx, actor, 'inspection', input.clientId);
    if (again) return again;
    const place = await placeRecord(trx, actor, input);
    const checklist = input.checklist.map((c) => ({ item: c.item, passed: c.passed, note: c.note || null }));
    const row = await trx
      .insertInto('inspection')
      .values({
        client_id: input.clientId,
        household_id: place.household?.id ?? null,
        place: input.place || null,
        village_code: place.villageCode,
        member_person_id: place.memberPersonId,
        inspected_on: input.inspectedOn,
        checklist: JSON.stringify(checklist),
        notes: input.notes || null,
        created_by: actor.userId === '0' ? null : actor.userId,
      })
      .onConflict((oc) => oc.column('client_id').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) return (await earlier(trx, actor, 'inspection', input.clientId))!;
    const failed = checklist.filter((c) => !c.passed);
    const deadline = input.deadline ?? addDays(input.inspectedOn, DEFAULT_RECTIFICATION_DAYS);
    const hazards =
      failed.length === 0
        ? []
        : await trx
            .insertInto('hazard')
            .values(
              failed.map((c) => ({
                inspection_id: row.id,
                item: c.item,
                household_id: row.household_id,
                village_code: row.village_code,
                member_person_id: row.member_person_id,
                description: c.note ?? FIRE_CHECKLIST.find((f) => f.key === c.item)!.label['zh-CN'],
                found_on: input.inspectedOn,
                deadline,
              })),
            )
            .returning(['id', 'item', 'deadline'])
            .execute();
    await recordAudit(trx, {
      actor,
      action: 'inspection.create',
      entity: 'inspection',
      entityId: row.id,
      regionCode: row.village_code,
      after: { ...row, hazards },
    });
    return { id: row.id, created: true };
  });
}

/** GRD-2 矛盾纠纷调解: parties (sealed), type, outcome and the follow-up date. */
export async function recordMediation(opts: { db: Db; actor: Actor; secrets: Secrets; input: MediationInput }): Promise<Recorded> {
  const { actor, input, secrets } = opts;
  notFuture(input.mediatedOn, 'mediatedOn');
  return opts.db.transaction().execute(async (trx) => {
    const again = await earlier(trx, actor, 'mediation', input.clientId);
    if (again) return again;
    const place = await placeRecord(trx, actor, input);
    const parties = input.parties.map((p) => ({ name: p.name, role: p.role || null }));
    const row = await trx
      .insertInto('mediation')
      .values({
        client_id: input.clientId,
        household_id: place.household?.id ?? null,
        village_code: place.villageCode,
        member_person_id: place.memberPersonId,
        dispute_type: input.disputeType,
        parties_enc: secrets.encrypt(JSON.stringify(parties)),
        parties_masked: parties.map((p) => maskName(p.name)),
        summary: input.summary,
        mediated_on: input.mediatedOn,
        outcome: input.outcome,
        agreement: input.agreement || null,
        follow_up_on: input.followUpOn ?? null,
        created_by: actor.userId === '0' ? null : actor.userId,
      })
      .onConflict((oc) => oc.column('client_id').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) return (await earlier(trx, actor, 'mediation', input.clientId))!;
    const { parties_enc: _sealed, ...auditable } = row;
    await recordAudit(trx, {
      actor,
      action: 'mediation.create',
      entity: 'mediation',
      entityId: row.id,
      regionCode: row.village_code,
      after: auditable,
    });
    return { id: row.id, created: true };
  });
}
