import { sql, type Kysely } from 'kysely';
import type { Actor } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';
import { scopeWhere } from '../../db/scoped.ts';
import type { NotificationQuery } from './schemas.ts';

/**
 * NTF-1 the caller's own inbox. The scope rule already limits notifications to
 * one's own account (administrators may see all); the inbox is, by definition,
 * one's own, so it also names the caller.
 */
function inbox(db: Kysely<Database>, actor: Actor) {
  return db.selectFrom('notification').where(scopeWhere(actor, 'notification')).where('notification.user_id', '=', actor.userId);
}

export async function listNotifications(db: Kysely<Database>, actor: Actor, f: NotificationQuery) {
  let query = inbox(db, actor);
  if (f.unreadOnly === 'true') query = query.where('notification.read_at', 'is', null);
  const [rows, counts] = await Promise.all([
    query
      .select(['id', 'kind', 'title', 'body', 'link', 'read_at', 'created_at'])
      // Unread first, newest first within each.
      .orderBy(sql`read_at IS NULL`, 'desc')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    inbox(db, actor)
      .select([(eb) => eb.fn.countAll<string>().as('total'), sql<string>`count(*) FILTER (WHERE read_at IS NULL)`.as('unread')])
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: f.unreadOnly === 'true' ? Number(counts.unread) : Number(counts.total), unread: Number(counts.unread) };
}

export function findNotification(db: Kysely<Database>, actor: Actor, id: string) {
  return inbox(db, actor).select(['id', 'kind', 'title', 'body', 'link', 'read_at', 'created_at']).where('notification.id', '=', id).executeTakeFirst();
}
