import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../../auth/actor.ts';
import { hashPassword, isAcceptablePassword } from '../../auth/password.ts';
import { mayManageRole } from '../../auth/policy.ts';
import { deleteUserSessions } from '../../auth/sessions.ts';
import type { AppUser, Database, Role } from '../../db/schema.ts';
import { allows } from '../../db/scoped.ts';
import { AppError, forbidden, invalidField, notFound, outOfScopeField, unknownReference } from '../../http/errors.ts';
import { recordAudit } from '../audit/chain.ts';
import type { UserInput, UserPatch } from './schemas.ts';

type Trx = Transaction<Database>;

/** What the audit trail keeps of an account: never the password hash. */
function auditView(u: AppUser) {
  const { password_hash: _h, ...rest } = u;
  return rest;
}

interface Placement {
  role: Role;
  regionCode: string | null;
  organisationId: string | null;
  personId: string | null;
}

/** Checks an account's role and scope against what the actor may hand out; returns the organisation path. */
async function checkPlacement(trx: Trx, actor: Actor, p: Placement): Promise<string | null> {
  if (!mayManageRole(actor, p.role)) throw new AppError('forbidden', { fields: [{ path: 'role', key: 'field.role_not_allowed' }] });
  if (p.role !== 'admin' && !p.regionCode && !p.organisationId) throw invalidField('regionCode', 'field.scope_required');
  if (p.regionCode) {
    const region = await trx.selectFrom('region').select('code').where('code', '=', p.regionCode).executeTakeFirst();
    if (!region) throw invalidField('regionCode', 'field.region_unknown');
  }
  let orgPath: string | null = null;
  if (p.organisationId) {
    const org = await trx.selectFrom('organisation').select(['path', 'region_code']).where('id', '=', p.organisationId).executeTakeFirst();
    if (!org || !allows(actor, 'organisation', 'read', { regionCode: org.region_code, orgPath: org.path })) {
      throw unknownReference('organisationId');
    }
    orgPath = org.path;
  }
  if (p.personId) {
    const person = await trx.selectFrom('person').select(['region_code', 'org_path']).where('id', '=', p.personId).executeTakeFirst();
    if (!person || !allows(actor, 'person', 'read', { regionCode: person.region_code, orgPath: person.org_path, personId: p.personId })) {
      throw unknownReference('personId');
    }
  }
  if (!allows(actor, 'app_user', 'write', { regionCode: p.regionCode, orgPath, personId: p.personId })) {
    throw outOfScopeField('regionCode');
  }
  return orgPath;
}

export async function createUser(opts: { db: Kysely<Database>; actor: Actor; input: UserInput }): Promise<string> {
  const { actor, input } = opts;
  if (!isAcceptablePassword(input.password)) throw invalidField('password', 'field.password_weak');
  const passwordHash = await hashPassword(input.password);
  return opts.db.transaction().execute(async (trx) => {
    const placement = {
      role: input.role,
      regionCode: input.regionCode ?? null,
      organisationId: input.organisationId ?? null,
      personId: input.personId ?? null,
    };
    const orgPath = await checkPlacement(trx, actor, placement);
    const taken = await trx.selectFrom('app_user').select('id').where('username', '=', input.username).executeTakeFirst();
    if (taken) throw invalidField('username', 'field.username_taken');
    const created = await trx
      .insertInto('app_user')
      .values({
        username: input.username,
        display_name: input.displayName,
        role: input.role,
        region_code: placement.regionCode,
        organisation_id: placement.organisationId,
        org_path: orgPath,
        person_id: placement.personId,
        locale: input.locale,
        password_hash: passwordHash,
      })
      .onConflict((oc) => oc.column('username').doNothing())
      .returningAll()
      .executeTakeFirst();
    // A concurrent request took the name between our check and insert.
    if (!created) throw invalidField('username', 'field.username_taken');
    await recordAudit(trx, { actor, action: 'user.create', entity: 'app_user', entityId: created.id, regionCode: created.region_code, after: auditView(created) });
    return created.id;
  });
}

/** Locks an account row the actor manages: 404 outside scope, 403 for a role above theirs. */
async function lockManagedUser(trx: Trx, actor: Actor, id: string): Promise<AppUser> {
  const user = await trx.selectFrom('app_user').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!user || !allows(actor, 'app_user', 'read', { regionCode: user.region_code, orgPath: user.org_path, personId: user.person_id })) {
    throw notFound();
  }
  if (!mayManageRole(actor, user.role) || user.id === actor.userId) throw forbidden();
  return user;
}

export async function updateUser(opts: { db: Kysely<Database>; actor: Actor; id: string; patch: UserPatch }): Promise<void> {
  const { actor, patch } = opts;
  const endSessions = await opts.db.transaction().execute(async (trx) => {
    const before = await lockManagedUser(trx, actor, opts.id);
    const placement = {
      role: patch.role ?? before.role,
      regionCode: patch.regionCode !== undefined ? patch.regionCode : before.region_code,
      organisationId: patch.organisationId !== undefined ? patch.organisationId : before.organisation_id,
      personId: patch.personId !== undefined ? patch.personId : before.person_id,
    };
    const orgPath = await checkPlacement(trx, actor, placement);
    const after = await trx
      .updateTable('app_user')
      .set({
        display_name: patch.displayName ?? before.display_name,
        role: placement.role,
        region_code: placement.regionCode,
        organisation_id: placement.organisationId,
        org_path: orgPath,
        person_id: placement.personId,
        locale: patch.locale ?? before.locale,
        disabled: patch.disabled ?? before.disabled,
        updated_at: new Date(),
      })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actor, action: 'user.update', entity: 'app_user', entityId: before.id, regionCode: after.region_code, before: auditView(before), after: auditView(after) });
    // A narrower scope or a disabled account takes effect at once, not at the next sign-in.
    return after.disabled || after.role !== before.role || after.region_code !== before.region_code || after.org_path !== before.org_path;
  });
  if (endSessions) await deleteUserSessions(opts.db, opts.id);
}

export async function setUserPassword(opts: { db: Kysely<Database>; actor: Actor; id: string; password: string }): Promise<void> {
  if (!isAcceptablePassword(opts.password)) throw invalidField('password', 'field.password_weak');
  const hash = await hashPassword(opts.password);
  await opts.db.transaction().execute(async (trx) => {
    const user = await lockManagedUser(trx, opts.actor, opts.id);
    await trx.updateTable('app_user').set({ password_hash: hash, failed_attempts: 0, locked_until: null, updated_at: new Date() }).where('id', '=', user.id).execute();
    await recordAudit(trx, { actor: opts.actor, action: 'user.password_reset', entity: 'app_user', entityId: user.id, regionCode: user.region_code });
  });
  await deleteUserSessions(opts.db, opts.id);
}

export async function unlockUser(opts: { db: Kysely<Database>; actor: Actor; id: string }): Promise<void> {
  await opts.db.transaction().execute(async (trx) => {
    const user = await lockManagedUser(trx, opts.actor, opts.id);
    await trx.updateTable('app_user').set({ failed_attempts: 0, locked_until: null }).where('id', '=', user.id).execute();
    await recordAudit(trx, {
      actor: opts.actor,
      action: 'user.unlock',
      entity: 'app_user',
      entityId: user.id,
      regionCode: user.region_code,
      before: { locked_until: user.locked_until, failed_attempts: user.failed_attempts },
      after: { locked_until: null, failed_attempts: 0 },
    });
  });
}
