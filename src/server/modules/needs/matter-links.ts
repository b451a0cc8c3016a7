import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/actor.ts';
import type { Secrets } from '../../auth/secrets.ts';
import type { Database } from '../../db/schema.ts';
import { scopeWhere } from '../../db/scoped.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/chain.ts';
import { submitMatter } from '../matters/intake.ts';
import { insertNeed, lockWritableNeed } from './commands.ts';
import type { NeedInput } from './schemas.ts';

type Db = Kysely<Database>;

/**
 * LST-1 × MAT: a matter that asks for something rather than complains about something
 * spawns a need (the need keeps `matter_id`); a need that turns out to be a complaint
 * becomes a matter through the matters intake (the need keeps `complaint_matter_id` and is
 * closed). Both links are read from either side.
 */
export async function spawnNeedFromMatter(opts: {
  db: Db;
  actor: Actor;
  matterId: string;
  input: Pick<NeedInput, 'category' | 'quantity' | 'urgency'> & { title?: string | undefined };
}): Promise<{ id: string; code: string }> {
  const { db, actor, matterId, input } = opts;
  // Whoever may read the matter (its desks, its handler, the enterprise) may turn it into a need.
  const matter = await db
    .selectFrom('matter')
    .leftJoin('organisation', 'organisation.id', 'matter.enterprise_id')
    .select([
      'matter.id',
      'matter.code',
      'matter.title',
      'matter.description',
      'matter.enterprise_id',
      'matter.building_id',
      'matter.region_code',
      'matter.org_path',
      'matter.enterprise_path',
      'matter.contact_name',
      'organisation.name as enterprise_name',
    ])
    .where('matter.id', '=', matterId)
    .where(scopeWhere(actor, 'matter', 'read'))
    .executeTakeFirst();
  if (!matter) throw notFound();
  return db.transaction().execute(async (trx) => {
    const created = await insertNeed(trx, {
      actor,
      matterId: matter.id,
      place: {
        requesterKind: matter.enterprise_id ? 'enterprise' : 'employee',
        requesterName: matter.enterprise_name ?? matter.contact_name ?? '',
        requesterOrgId: null,
        requesterPersonId: null,
        enterpriseId: matter.enterprise_id,
        buildingId: matter.building_id,
        regionCode: matter.region_code,
        orgPath: matter.org_path,
        requesterPath: matter.enterprise_path,
      },
      input: {
        title: input.title ?? matter.title,
        description: `${matter.description}\n（来自事项 ${matter.code}）`,
        category: input.category,
        quantity: input.quantity,
        urgency: input.urgency,
      },
    });
    await recordAudit(trx, {
      actor,
      action: 'need.from_matter',
      entity: 'need',
      entityId: created.id,
      regionCode: matter.region_code,
      after: { code: created.code, matterId: matter.id, matterCode: matter.code, category: input.category },
    });
    return created;
  });
}

export async function turnNeedIntoMatter(opts: {
  db: Db;
  actor: Actor;
  secrets: Secrets;
  needId: string;
  input: { categoryId: string; note?: string | undefined };
}): Promise<{ matterId: string }> {
  const { db, actor, needId } = opts;
  const need = await db.transaction().execute((trx) => lockWritableNeed(trx, actor, needId));
  if (need.complaint_matter_id) throw new AppError('conflict', { key: 'list.need_already_matter' });
  if (need.status !== 'open' && need.status !== 'matched')
    throw new AppError('conflict', { key: 'list.need_not_open', params: { status: need.status } });
  // The key makes the intake return the same matter if the need's update below failed and is retried.
  const { id: matterId } = await submitMatter({
    db,
    actor,
    secrets: opts.secrets,
    input: {
      categoryId: opts.input.categoryId,
      title: need.title,
      description: `${need.description}${opts.input.note ? `\n${opts.input.note}` : ''}\n（由需求 ${need.code} 转为事项）`,
      enterpriseId: need.enterprise_id,
      buildingId: need.building_id,
      regionCode: need.region_code,
      source: actor.role === 'enterprise' ? 'portal' : actor.role === 'member' ? 'member' : 'staff',
      idempotencyKey: `need:${need.id}`,
    },
  });
  await db.transaction().execute(async (trx) => {
    const row = await lockWritableNeed(trx, actor, needId);
    if (row.complaint_matter_id) return;
    const now = new Date();
    await trx
      .updateTable('need')
      .set({
        complaint_matter_id: matterId,
        status: 'closed',
        close_reason: 'became_matter',
        closed_at: now,
        updated_at: now,
        version: row.version + 1,
      })
      .where('id', '=', needId)
      .execute();
    await recordAudit(trx, {
      actor,
      action: 'need.to_matter',
      entity: 'need',
      entityId: needId,
      regionCode: row.region_code,
      before: { status: row.status },
      after: { status: 'closed', matterId },
    });
  });
  return { matterId };
}

/** The needs linked to a matter (spawned from it, or that became it), seen through the matter's read scope. */
export async function needsOfMatter(db: Db, actor: Actor, matterId: string) {
  const matter = await db
    .selectFrom('matter')
    .select('id')
    .where('id', '=', matterId)
    .where(scopeWhere(actor, 'matter', 'read'))
    .executeTakeFirst();
  if (!matter) throw notFound();
  const rows = await db
    .selectFrom('need')
    .select(['id', 'code', 'title', 'status', 'category', 'matter_id'])
    .where((eb) => eb.or([eb('matter_id', '=', matterId), eb('complaint_matter_id', '=', matterId)]))
    .where(scopeWhere(actor, 'need', 'read'))
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    title: r.title,
    status: r.status,
    category: r.category,
    link: r.matter_id === matterId ? ('spawned' as const) : ('became_matter' as const),
  }));
}
