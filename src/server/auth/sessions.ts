import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AppUser, Database } from '../db/schema.ts';
import type { Actor } from './actor.ts';

export const SESSION_COOKIE = 'hongtu_session';
export const CSRF_COOKIE = 'hongtu_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** Only a hash of the token is stored, so a leaked table does not leak sessions. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(
  db: Kysely<Database>,
  userId: string,
  hours: number,
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + hours * 3600_000);
  await db
    .insertInto('user_session')
    .values({ token_hash: hashToken(token), user_id: userId, csrf_token: csrfToken, expires_at: expiresAt })
    .execute();
  return { token, csrfToken, expiresAt };
}

interface CachedSession {
  session: { actor: Actor; csrfToken: string };
  until: number;
}

/**
 * A short-lived in-process cache of resolved sessions, per database: most
 * requests then cost no session query. An instance evicts at once on its own
 * logout, password change, disable or scope change; another instance sees such
 * a change within SESSION_CACHE_MS, which bounds how stale a revoked session can be.
 */
export const SESSION_CACHE_MS = 5_000;
const SESSION_CACHE_MAX = 10_000;
const sessionCaches = new WeakMap<Kysely<Database>, Map<string, CachedSession>>();

function cacheFor(db: Kysely<Database>): Map<string, CachedSession> {
  let cache = sessionCaches.get(db);
  if (!cache) sessionCaches.set(db, (cache = new Map()));
  return cache;
}

/** Forget cached sessions of one account (after its sessions were deleted or its scope changed). */
export function evictCachedSessions(db: Kysely<Database>, userId: string): void {
  const cache = cacheFor(db);
  for (const [key, entry] of cache) if (entry.session.actor.userId === userId) cache.delete(key);
}

/** The actor behind a live session token, with its CSRF token; null when unknown, expired or disabled. */
export async function resolveSession(
  db: Kysely<Database>,
  token: string,
): Promise<{ actor: Actor; csrfToken: string } | null> {
  const key = hashToken(token);
  const cache = cacheFor(db);
  const hit = cache.get(key);
  const now = Date.now();
  if (hit && hit.until > now) return hit.session;
  const session = await loadSession(db, key);
  if (hit) cache.delete(key);
  if (session) {
    // A Map keeps insertion order: dropping the first entry drops the oldest.
    if (cache.size >= SESSION_CACHE_MAX) cache.delete(cache.keys().next().value!);
    cache.set(key, { session, until: now + SESSION_CACHE_MS });
  }
  return session;
}

async function loadSession(db: Kysely<Database>, tokenHash: string): Promise<{ actor: Actor; csrfToken: string } | null> {
  const row = await db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .select([
      's.csrf_token',
      'u.id',
      'u.username',
      'u.display_name',
      'u.role',
      'u.locale',
      'u.region_code',
      'u.organisation_id',
      'u.org_path',
      'u.person_id',
    ])
    .where('s.token_hash', '=', tokenHash)
    .where('s.expires_at', '>', new Date())
    .where('u.disabled', '=', false)
    .executeTakeFirst();
  if (!row) return null;
  return { csrfToken: row.csrf_token, actor: actorOfUser(row) };
}

/** The columns of an account an Actor is made of. */
export const ACTOR_COLUMNS = [
  'id',
  'username',
  'display_name',
  'role',
  'locale',
  'region_code',
  'organisation_id',
  'org_path',
  'person_id',
] as const;

/** An account acting: one shape for a session and for an API key that acts as the account (Open311). */
export function actorOfUser(row: Pick<AppUser, (typeof ACTOR_COLUMNS)[number]>): Actor {
  return {
    userId: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    locale: row.locale,
    regionCode: row.region_code,
    organisationId: row.organisation_id,
    orgPath: row.org_path,
    personId: row.person_id,
  };
}

export async function deleteSession(db: Kysely<Database>, token: string): Promise<void> {
  cacheFor(db).delete(hashToken(token));
  await db.deleteFrom('user_session').where('token_hash', '=', hashToken(token)).execute();
}

export async function deleteUserSessions(db: Kysely<Database>, userId: string): Promise<void> {
  evictCachedSessions(db, userId);
  await db.deleteFrom('user_session').where('user_id', '=', userId).execute();
}
