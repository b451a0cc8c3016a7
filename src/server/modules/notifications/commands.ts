import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';
import { scopeWhere } from '../../db/scoped.ts';
import { notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/chain.ts';

/** NTF-1 marks one of the caller's notifications read; reading it again changes nothing. */
export async function markNotificationRead(opts: { db: Kysely<Database>; actor: Actor; id: string }): Promise<void> {
  const { actor, id } = opts;
  await opts.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('notification')
      .selectAll()
      .where('id', '=', id)
      .where(scopeWhere(actor, 'notification', 'write'))
      .where('user_id', '=', actor.userId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw notFound();
    if (before.read_at) return;
    const after = await trx.updateTable('notification').set({ read_at: new Date() }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await recordAudit(trx, { actor, action: 'notification.read', entity: 'notification', entityId: id, regionCode: before.region_code, before, after });
  });
}
