import { sql, type Kysely } from 'kysely';
import type { Actor } from '../../auth/actor.ts';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../../auth/password.ts';
import { createSession, deleteUserSessions, evictCachedSessions } from '../../auth/sessions.ts';
import type { Database, Locale } from '../../db/schema.ts';
import { AppError, invalidField } from '../../http/errors.ts';
import { recordAudit } from '../audit/chain.ts';
import { isAcceptablePassword } from '../../auth/password.ts';

export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MINUTES = 15;

export interface SignInResult {
  userId: string;
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/**
 * SEC-1 password sign-in. Unknown users cost a hash like known ones; five
 * wrong passwords in a row lock the account for fifteen minutes.
 */
export async function signIn(opts: {
  db: Kysely<Database>;
  username: string;
  password: string;
  sessionHours: number;
  now?: Date;
}): Promise<SignInResult> {
  const { db } = opts;
  const now = opts.now ?? new Date();
  const user = await db
    .selectFrom('app_user')
    .select(['id', 'username', 'password_hash', 'locked_until', 'disabled'])
    .where('username', '=', opts.username.trim().toLowerCase())
    .executeTakeFirst();
  if (!user) {
    await verifyPassword(opts.password, await dummyPasswordHash());
    throw new AppError('unauthenticated', { key: 'auth.bad_credentials' });
  }
  if (user.locked_until && user.locked_until > now) {
    const minutes = Math.ceil((user.locked_until.getTime() - now.getTime()) / 60_000);
    throw new AppError('locked', { key: 'auth.locked', params: { minutes } });
  }
  if (!(await verifyPassword(opts.password, user.password_hash))) {
    await registerFailure(db, user.id, user.username, now);
    throw new AppError('unauthenticated', { key: 'auth.bad_credentials' });
  }
  if (user.disabled) throw new AppError('forbidden', { key: 'auth.disabled' });
  await db.updateTable('app_user').set({ failed_attempts: 0, locked_until: null }).where('id', '=', user.id).execute();
  const session = await createSession(db, user.id, opts.sessionHours);
  return { userId: user.id, ...session };
}

async function registerFailure(db: Kysely<Database>, userId: string, username: string, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // One atomic increment, so concurrent wrong guesses all count.
    const row = await trx
      .updateTable('app_user')
      .set({ failed_attempts: sql`failed_attempts + 1` })
      .where('id', '=', userId)
      .returning('failed_attempts')
      .executeTakeFirstOrThrow();
    if (row.failed_attempts < MAX_FAILED_ATTEMPTS) return;
    const lockedUntil = new Date(now.getTime() + LOCKOUT_MINUTES * 60_000);
    await trx.updateTable('app_user').set({ failed_attempts: 0, locked_until: lockedUntil }).where('id', '=', userId).execute();
    await recordAudit(trx, {
      actor: { userId, username, displayName: username, role: 'member', locale: 'zh-CN', regionCode: null, organisationId: null, orgPath: null, personId: null },
      action: 'auth.lockout',
      entity: 'app_user',
      entityId: userId,
      after: { locked_until: lockedUntil },
    });
  });
}

export async function setOwnLocale(opts: { db: Kysely<Database>; actor: Actor; locale: Locale }): Promise<void> {
  await opts.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('app_user').select('locale').where('id', '=', opts.actor.userId).forUpdate().executeTakeFirstOrThrow();
    await trx.updateTable('app_user').set({ locale: opts.locale, updated_at: new Date() }).where('id', '=', opts.actor.userId).execute();
    await recordAudit(trx, { actor: opts.actor, action: 'user.locale', entity: 'app_user', entityId: opts.actor.userId, before, after: { locale: opts.locale } });
  });
  evictCachedSessions(opts.db, opts.actor.userId);
}

/** Changing one's own password ends every session of the account; the route issues a fresh one. */
export async function changeOwnPassword(opts: {
  db: Kysely<Database>;
  actor: Actor;
  currentPassword: string;
  newPassword: string;
}): Promise<void> {
  const { db, actor } = opts;
  const user = await db.selectFrom('app_user').select('password_hash').where('id', '=', actor.userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(opts.currentPassword, user.password_hash))) {
    throw invalidField('currentPassword', 'auth.bad_credentials');
  }
  if (!isAcceptablePassword(opts.newPassword)) throw invalidField('newPassword', 'field.password_weak');
  const hash = await hashPassword(opts.newPassword);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('app_user').set({ password_hash: hash, updated_at: new Date() }).where('id', '=', actor.userId).execute();
    await recordAudit(trx, { actor, action: 'user.password', entity: 'app_user', entityId: actor.userId });
  });
  await deleteUserSessions(db, actor.userId);
}
