import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';
import { allows } from '../../db/scoped.ts';
import { AppError, forbidden, invalidField, notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/chain.ts';
import type { RecheckInput } from './schemas.ts';

type Db = Kysely<Database>;

export interface Recheck {
  on: string;
  passed: boolean;
  note: string | null;
  deadlineBefore: string;
  by: string;
}

/**
 * GRD-2 复查: a hazard's rectification is checked; passed closes it (整改完毕), failed keeps it
 * open with a new deadline. Every recheck stays on the hazard.
 */
export async function recheckHazard(opts: { db: Db; actor: Actor; id: string; input: RecheckInput }): Promise<void> {
  const { actor, input } = opts;
  await opts.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('hazard').selectAll().where('id', '=', opts.id).forUpdate().executeTakeFirst();
    const place = { regionCode: before?.village_code, personId: before?.member_person_id };
    if (!before || !allows(actor, 'field_record', 'read', place)) throw notFound();
    if (!allows(actor, 'field_record', 'write', place)) throw forbidden();
    if (before.status === 'fixed') throw new AppError('conflict', { key: 'grid.hazard_fixed' });
    if (input.checkedOn < before.found_on) throw invalidField('checkedOn', 'field.recheck_order');
    const rechecks = [
      ...(before.rechecks as Recheck[]),
      { on: input.checkedOn, passed: input.passed, note: input.note || null, deadlineBefore: before.deadline, by: actor.username },
    ];
    const after = await trx
      .updateTable('hazard')
      .set({
        rechecks: JSON.stringify(rechecks),
        status: input.passed ? 'fixed' : 'open',
        fixed_on: input.passed ? input.checkedOn : null,
        deadline: input.passed ? before.deadline : input.newDeadline!,
        version: before.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      action: input.passed ? 'hazard.recheck_passed' : 'hazard.recheck_failed',
      entity: 'hazard',
      entityId: before.id,
      regionCode: before.village_code,
      before,
      after,
    });
  });
}

/** GRD-2 回访: the follow-up of a mediation, once. */
export async function followUpMediation(opts: { db: Db; actor: Actor; id: string; note: string }): Promise<void> {
  const { actor } = opts;
  await opts.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('mediation').selectAll().where('id', '=', opts.id).forUpdate().executeTakeFirst();
    const place = { regionCode: before?.village_code, personId: before?.member_person_id };
    if (!before || !allows(actor, 'field_record', 'read', place)) throw notFound();
    if (!allows(actor, 'field_record', 'write', place)) throw forbidden();
    if (before.followed_up_at) throw new AppError('conflict', { key: 'grid.follow_up_done' });
    const after = await trx
      .updateTable('mediation')
      .set({ followed_up_at: new Date(), follow_up_note: opts.note, updated_at: new Date() })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const strip = ({ parties_enc: _p, ...rest }: typeof before) => rest;
    await recordAudit(trx, {
      actor,
      action: 'mediation.follow_up',
      entity: 'mediation',
      entityId: before.id,
      regionCode: before.village_code,
      before: strip(before),
      after: strip(after),
    });
  });
}
