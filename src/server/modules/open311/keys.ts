import { randomBytes } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Actor } from '../../auth/actor.ts';
import { scopeRule } from '../../auth/policy.ts';
import { ACTOR_COLUMNS, actorOfUser, hashToken } from '../../auth/sessions.ts';
import type { AppUserTable, Database, Open311KeyTable } from '../../db/schema.ts';
import { allows, scopeWhere } from '../../db/scoped.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/chain.ts';

type Db = Kysely<Database>;

export const OPEN311_KEY_PREFIX = 'o311_';

export type Open311KeyRow = Selectable<Open311KeyTable> & {
  username: string;
  display_name: string;
  role: Selectable<AppUserTable>['role'];
};

/** MAT-1 keys are issued by whoever policy.ts gives a write scope on 'open311_key' (administrators); everyone else is refused outright. */
export function mayManageOpen311Keys(actor: Actor): boolean {
  return scopeRule(actor, 'open311_key', 'write').kind !== 'none';
}

function keysQuery(db: Db, actor: Actor) {
  return db
    .selectFrom('open311_key')
    .innerJoin('app_user as u', 'u.id', 'open311_key.user_id')
    .selectAll('open311_key')
    .select(['u.username', 'u.display_name', 'u.role'])
    .where(scopeWhere(actor, 'open311_key', 'read'));
}

export async function listOpen311Keys(opts: { db: Db; actor: Actor }): Promise<Open311KeyRow[]> {
  if (!mayManageOpen311Keys(opts.actor)) throw forbidden();
  return keysQuery(opts.db, opts.actor)
    .orderBy('open311_key.revoked_at', (ob) => ob.desc().nullsFirst())
    .orderBy('open311_key.id', 'desc')
    .execute();
}

/**
 * Issues a key acting as one account: what the account may see and raise, the key may.
 * The key is returned this once; only its SHA-256 is stored, with a hint to recognise it.
 */
export async function createOpen311Key(opts: {
  db: Db;
  actor: Actor;
  input: { name: string; userId: string };
}): Promise<{ row: Open311KeyRow; apiKey: string }> {
  const { db, actor, input } = opts;
  if (!mayManageOpen311Keys(actor)) throw forbidden();
  const user = await db.selectFrom('app_user').select(['id', 'region_code', 'disabled']).where('id', '=', input.userId).executeTakeFirst();
  if (!user || user.disabled) throw new AppError('validation', { fields: [{ path: 'userId', key: 'open311.key_user_unknown' }] });
  if (!allows(actor, 'open311_key', 'write', { regionCode: user.region_code })) throw forbidden();
  const apiKey = OPEN311_KEY_PREFIX + randomBytes(24).toString('base64url');
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('open311_key')
      .values({
        name: input.name,
        key_hash: hashToken(apiKey),
        key_hint: `${OPEN311_KEY_PREFIX}…${apiKey.slice(-4)}`,
        user_id: user.id,
        region_code: user.region_code,
        created_by: actor.userId === '0' ? null : actor.userId,
        created_at: new Date(),
      })
      .returning(['id', 'key_hint'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      action: 'open311_key.create',
      entity: 'open311_key',
      entityId: row.id,
      regionCode: user.region_code,
      after: { name: input.name, userId: user.id, keyHint: row.key_hint },
    });
    return row.id;
  });
  const row = await keysQuery(db, actor).where('open311_key.id', '=', id).executeTakeFirstOrThrow();
  return { row, apiKey };
}

/** Revokes a key at once; the row stays so the audit trail and past matters still name it. Revoking twice changes nothing. */
export async function revokeOpen311Key(opts: { db: Db; actor: Actor; keyId: string }): Promise<Open311KeyRow> {
  const { db, actor, keyId } = opts;
  if (!mayManageOpen311Keys(actor)) throw forbidden();
  await db.transaction().execute(async (trx) => {
    const key = await trx
      .selectFrom('open311_key')
      .select(['id', 'name', 'region_code', 'revoked_at'])
      .where('id', '=', keyId)
      .where(scopeWhere(actor, 'open311_key', 'write'))
      .forUpdate()
      .executeTakeFirst();
    if (!key) throw notFound();
    if (key.revoked_at) return;
    const revokedAt = new Date();
    await trx.updateTable('open311_key').set({ revoked_at: revokedAt }).where('id', '=', key.id).execute();
    await recordAudit(trx, {
      actor,
      action: 'open311_key.revoke',
      entity: 'open311_key',
      entityId: key.id,
      regionCode: key.region_code,
      before: { name: key.name, revokedAt: null },
      after: { name: key.name, revokedAt: revokedAt.toISOString() },
    });
  });
  return keysQuery(db, actor).where('open311_key.id', '=', keyId).executeTakeFirstOrThrow();
}

/** The account a GeoReport client acts as: a live key of an enabled account, else null. One indexed query on the key's hash. */
export async function actorOfOpen311Key(db: Db, apiKey: string | undefined): Promise<Actor | null> {
  const key = apiKey?.trim();
  if (!key) return null;
  const row = await db
    .selectFrom('open311_key as k')
    .innerJoin('app_user as u', 'u.id', 'k.user_id')
    .select(ACTOR_COLUMNS.map((c) => `u.${c}` as const))
    .where('k.key_hash', '=', hashToken(key))
    .where('k.revoked_at', 'is', null)
    .where('u.disabled', '=', false)
    .executeTakeFirst();
  return row ? actorOfUser(row) : null;
}
