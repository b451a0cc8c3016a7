import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';
import { allows } from '../../db/scoped.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/chain.ts';

/**
 * SVC-1 ends an enterprise's instructor assignment, pinned or not: the enterprise
 * waits for the next assignment run or a new pin. 404 when the caller cannot see
 * the enterprise or it has no instructor; 403 when the instructor is not theirs to change.
 */
export async function unassignInstructor(opts: { db: Kysely<Database>; actor: Actor; enterpriseId: string }): Promise<void> {
  const { actor } = opts;
  await opts.db.transaction().execute(async (trx) => {
    const enterprise = await trx
      .selectFrom('enterprise')
      .select(['organisation_id', 'region_code', 'org_path', 'building_path'])
      .where('organisation_id', '=', opts.enterpriseId)
      .executeTakeFirst();
    if (
      !enterprise ||
      !allows(actor, 'enterprise', 'read', { regionCode: enterprise.region_code, orgPath: [enterprise.org_path, enterprise.building_path] })
    ) {
      throw notFound();
    }
    // The instructor row first, as a pin locks it: two changes of one instructor's load queue.
    const current = await trx
      .selectFrom('instructor_assignment')
      .select('person_id')
      .where('enterprise_id', '=', enterprise.organisation_id)
      .executeTakeFirst();
    if (!current) throw notFound();
    const instructor = await trx
      .selectFrom('instructor')
      .select(['person_id', 'region_code'])
      .where('person_id', '=', current.person_id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (!allows(actor, 'instructor', 'write', { regionCode: instructor.region_code })) throw forbidden();
    const before = await trx
      .deleteFrom('instructor_assignment')
      .where('enterprise_id', '=', enterprise.organisation_id)
      .returningAll()
      .executeTakeFirst();
    if (!before) throw notFound();
    await recordAudit(trx, {
      actor,
      action: 'instructor_assignment.remove',
      entity: 'enterprise',
      entityId: enterprise.organisation_id,
      regionCode: enterprise.region_code,
      before,
    });
  });
}

/** SVC-1/SVC-2 removes a service record entered by mistake; the audit row keeps what it said. */
export async function deleteServiceRecord(opts: { db: Kysely<Database>; actor: Actor; id: string }): Promise<void> {
  const { actor } = opts;
  await opts.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('service_record').selectAll().where('id', '=', opts.id).forUpdate().executeTakeFirst();
    const place = before ? { regionCode: before.region_code, orgPath: before.org_path } : {};
    if (!before || !allows(actor, 'service_record', 'read', place)) throw notFound();
    if (!allows(actor, 'service_record', 'write', place)) throw forbidden();
    await trx.deleteFrom('service_record').where('id', '=', before.id).execute();
    await recordAudit(trx, {
      actor,
      action: 'service_record.delete',
      entity: 'service_record',
      entityId: before.id,
      regionCode: before.region_code,
      before,
    });
  });
}
