import { sql, type Kysely, type Transaction } from 'kysely';
import { maskAddress } from '../../../domain/notifications/delivery.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Secrets } from '../../auth/secrets.ts';
import type { Config } from '../../config.ts';
import type { Database, NotificationTargetKind } from '../../db/schema.ts';
import { allows, scopeWhere } from '../../db/scoped.ts';
import { AppError, forbidden, invalidField, notFound, outOfScopeField, unknownReference } from '../../http/errors.ts';
import { t } from '../../i18n/messages.ts';
import { recordAudit } from '../audit/chain.ts';
import { sendToTarget, type SendOutcome } from './channels.ts';
import type { TargetInput, TargetPatch } from './schemas.ts';

type Trx = Transaction<Database>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function checkAddress(kind: NotificationTargetKind, address: string): void {
  if (kind === 'email') {
    if (!EMAIL.test(address)) throw invalidField('address', 'field.target_email');
    return;
  }
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw invalidField('address', 'field.target_url');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalidField('address', 'field.target_url');
}

async function checkRegion(trx: Trx, actor: Actor, regionCode: string | null): Promise<void> {
  if (regionCode === null) {
    // An installation-wide channel hears every region: only an administrator may set one up.
    if (actor.role !== 'admin') throw invalidField('regionCode', 'field.region_required');
    return;
  }
  const region = await trx.selectFrom('region').select('code').where('code', '=', regionCode).executeTakeFirst();
  if (!region) throw invalidField('regionCode', 'field.region_unknown');
  if (!allows(actor, 'notification_target', 'write', { regionCode })) throw outOfScopeField('regionCode');
}

async function visibleOrganisation(trx: Trx, actor: Actor, id: string) {
  const org = await trx
    .selectFrom('organisation')
    .select(['id', 'path', 'region_code'])
    .where('id', '=', id)
    .where(scopeWhere(actor, 'organisation'))
    .executeTakeFirst();
  if (!org) throw unknownReference('organisationId');
  return org;
}

/** What the audit log keeps of a channel: never the sealed address or secret. */
function auditable<T extends { address_enc: string; secret_enc: string | null }>(row: T) {
  const { address_enc: _a, secret_enc, ...rest } = row;
  return { ...rest, has_secret: secret_enc !== null };
}

async function lockTarget(trx: Trx, actor: Actor, id: string) {
  const row = await trx.selectFrom('notification_target').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row || !allows(actor, 'notification_target', 'read', { regionCode: row.region_code })) throw notFound();
  if (!allows(actor, 'notification_target', 'write', { regionCode: row.region_code })) throw forbidden();
  return row;
}

export async function createNotificationTarget(opts: {
  db: Kysely<Database>;
  actor: Actor;
  secrets: Secrets;
  input: TargetInput;
}): Promise<string> {
  const { actor, input, secrets } = opts;
  return opts.db.transaction().execute(async (trx) => {
    checkAddress(input.kind, input.address);
    const org = input.organisationId ? await visibleOrganisation(trx, actor, input.organisationId) : null;
    const regionCode = input.regionCode ?? org?.region_code ?? null;
    await checkRegion(trx, actor, regionCode);
    const created = await trx
      .insertInto('notification_target')
      .values({
        name: input.name,
        kind: input.kind,
        address_enc: secrets.encrypt(input.address),
        address_masked: maskAddress(input.kind, input.address),
        secret_enc: input.secret ? secrets.encrypt(input.secret) : null,
        region_code: regionCode,
        organisation_id: org?.id ?? null,
        org_path: org?.path ?? null,
        topics: input.topics?.length ? input.topics : null,
        enabled: input.enabled ?? true,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      action: 'notification_target.create',
      entity: 'notification_target',
      entityId: created.id,
      regionCode: created.region_code,
      after: auditable(created),
    });
    return created.id;
  });
}

export async function updateNotificationTarget(opts: {
  db: Kysely<Database>;
  actor: Actor;
  secrets: Secrets;
  id: string;
  patch: TargetPatch;
}): Promise<void> {
  const { actor, patch, secrets } = opts;
  await opts.db.transaction().execute(async (trx) => {
    const before = await lockTarget(trx, actor, opts.id);
    const kind = patch.kind ?? before.kind;
    if (patch.address !== undefined || patch.kind !== undefined) checkAddress(kind, patch.address ?? secrets.decrypt(before.address_enc));
    let org: { id: string; path: string; region_code: string } | null | undefined;
    if (patch.organisationId !== undefined) org = patch.organisationId ? await visibleOrganisation(trx, actor, patch.organisationId) : null;
    const regionCode = patch.regionCode !== undefined ? (patch.regionCode ?? org?.region_code ?? null) : before.region_code;
    if (regionCode !== before.region_code) await checkRegion(trx, actor, regionCode);
    const address = patch.address ?? (patch.kind !== undefined ? secrets.decrypt(before.address_enc) : undefined);
    const after = await trx
      .updateTable('notification_target')
      .set({
        name: patch.name ?? before.name,
        kind,
        ...(address !== undefined ? { address_enc: secrets.encrypt(address), address_masked: maskAddress(kind, address) } : {}),
        ...(patch.secret !== undefined ? { secret_enc: patch.secret ? secrets.encrypt(patch.secret) : null } : {}),
        region_code: regionCode,
        ...(org !== undefined ? { organisation_id: org?.id ?? null, org_path: org?.path ?? null } : {}),
        ...(patch.topics !== undefined ? { topics: patch.topics?.length ? patch.topics : null } : {}),
        enabled: patch.enabled ?? before.enabled,
        updated_at: new Date(),
      })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      action: 'notification_target.update',
      entity: 'notification_target',
      entityId: before.id,
      regionCode: after.region_code,
      before: auditable(before),
      after: auditable(after),
    });
  });
}

/** Removes a channel; its undelivered messages are cancelled (they have nowhere to go), its history stays. */
export async function deleteNotificationTarget(opts: { db: Kysely<Database>; actor: Actor; id: string }): Promise<void> {
  const { actor } = opts;
  await opts.db.transaction().execute(async (trx) => {
    const before = await lockTarget(trx, actor, opts.id);
    await trx
      .updateTable('outbox')
      .set({ status: 'cancelled', claim_token: null, last_error: 'target removed' })
      .where('target_id', '=', before.id)
      .where('status', 'in', ['pending', 'sending'])
      .execute();
    await trx.deleteFrom('notification_target').where('id', '=', before.id).execute();
    await recordAudit(trx, {
      actor,
      action: 'notification_target.delete',
      entity: 'notification_target',
      entityId: before.id,
      regionCode: before.region_code,
      before: auditable(before),
    });
  });
}

/**
 * Sends a test message at once, outside the outbox, so whoever sets up a
 * channel sees at once whether it works; the attempt is audited.
 */
export async function testNotificationTarget(opts: {
  db: Kysely<Database>;
  actor: Actor;
  secrets: Secrets;
  config: Config;
  id: string;
}): Promise<SendOutcome> {
  const { actor, secrets } = opts;
  const target = await opts.db.transaction().execute((trx) => lockTarget(trx, actor, opts.id));
  const outcome = await sendToTarget({
    target: {
      kind: target.kind,
      address: secrets.decrypt(target.address_enc),
      secret: target.secret_enc ? secrets.decrypt(target.secret_enc) : null,
    },
    message: {
      topic: 'test',
      title: t('zh-CN', 'outbox.test_title'),
      body: t('zh-CN', 'outbox.test_body', { name: target.name }),
      link: '/',
    },
    config: opts.config,
  });
  await opts.db.transaction().execute((trx) =>
    recordAudit(trx, {
      actor,
      action: 'notification_target.test',
      entity: 'notification_target',
      entityId: target.id,
      regionCode: target.region_code,
      after: outcome.ok ? { ok: true } : { ok: false, error: outcome.error },
    }),
  );
  return outcome;
}

/** A failed message is queued again with a fresh count of attempts. */
export async function retryOutboxMessage(opts: { db: Kysely<Database>; actor: Actor; id: string }): Promise<void> {
  const { actor } = opts;
  await opts.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('outbox')
      .select(['id', 'status', 'attempts', 'region_code', 'last_error'])
      .where('id', '=', opts.id)
      .forUpdate()
      .executeTakeFirst();
    if (!row || !allows(actor, 'outbox', 'read', { regionCode: row.region_code })) throw notFound();
    if (!allows(actor, 'outbox', 'write', { regionCode: row.region_code })) throw forbidden();
    if (row.status !== 'failed') throw new AppError('conflict', { key: 'outbox.not_failed' });
    await trx
      .updateTable('outbox')
      .set({ status: 'pending', attempts: 0, next_attempt_at: sql<Date>`now()` })
      .where('id', '=', row.id)
      .execute();
    await recordAudit(trx, {
      actor,
      action: 'outbox.retry',
      entity: 'outbox',
      entityId: row.id,
      regionCode: row.region_code,
      before: { status: row.status, attempts: row.attempts, last_error: row.last_error },
      after: { status: 'pending', attempts: 0 },
    });
  });
}
