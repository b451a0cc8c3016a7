import { sql, type Kysely, type Transaction } from 'kysely';
import type { Actor } from '../../auth/actor.ts';
import { evictCachedSessions } from '../../auth/sessions.ts';
import type { Database, Organisation } from '../../db/schema.ts';
import { moveOrgPathCopies } from '../../db/org-paths.ts';
import { allows } from '../../db/scoped.ts';
import {
  AppError,
  conflict,
  forbidden,
  invalidField,
  notFound,
  type FieldIssue,
  outOfScopeField,
  unknownReference,
} from '../../http/errors.ts';
import { recordAudit } from '../audit/chain.ts';
import type { OrganisationInput, OrganisationPatch } from './schemas.ts';

type Trx = Transaction<Database>;

/** Rules of shape the database would also refuse, checked first so the caller gets a field-level message. */
function checkShape(input: { kind: OrganisationInput['kind']; partyOrgKind?: string | null | undefined }): FieldIssue[] {
  if (input.kind === 'party_org' && !input.partyOrgKind) return [{ path: 'partyOrgKind', key: 'field.party_org_kind_required' }];
  if (input.kind !== 'party_org' && input.partyOrgKind) return [{ path: 'partyOrgKind', key: 'field.party_org_kind_forbidden' }];
  return [];
}

async function checkRegion(trx: Trx, actor: Actor, regionCode: string): Promise<void> {
  const region = await trx.selectFrom('region').select('code').where('code', '=', regionCode).executeTakeFirst();
  if (!region) throw invalidField('regionCode', 'field.region_unknown');
  if (!allows(actor, 'organisation', 'write', { regionCode })) throw outOfScopeField('regionCode');
}

/** The parent must exist and be writable by the actor; its row is locked so a concurrent move cannot make a cycle. */
async function loadParent(trx: Trx, actor: Actor, parentId: string): Promise<Organisation> {
  const parent = await trx.selectFrom('organisation').selectAll().where('id', '=', parentId).forUpdate().executeTakeFirst();
  if (!parent || !allows(actor, 'organisation', 'read', { regionCode: parent.region_code, orgPath: parent.path })) {
    throw unknownReference('parentId');
  }
  return parent;
}

export async function createOrganisation(opts: { db: Kysely<Database>; actor: Actor; input: OrganisationInput }): Promise<string> {
  const { actor, input } = opts;
  const issues = checkShape(input);
  if (issues.length) throw new AppError('validation', { fields: issues });
  return opts.db.transaction().execute(async (trx) => {
    await checkRegion(trx, actor, input.regionCode);
    const parent = input.parentId ? await loadParent(trx, actor, input.parentId) : null;
    const row = await trx
      .insertInto('organisation')
      .values({
        name: input.name,
        kind: input.kind,
        party_org_kind: input.partyOrgKind ?? null,
        formation: input.formation ?? null,
        department_kind: input.departmentKind ?? null,
        parent_id: parent?.id ?? null,
        region_code: input.regionCode,
        credit_code: input.creditCode ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const created = await trx
      .updateTable('organisation')
      .set({ path: `${parent?.path ?? '/'}${row.id}/` })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      action: 'organisation.create',
      entity: 'organisation',
      entityId: row.id,
      regionCode: created.region_code,
      after: created,
    });
    return row.id;
  });
}

/**
 * Changes an organisation; a new parent moves the whole subtree (paths of
 * organisations beneath it and every copy of their paths are rewritten in the same transaction).
 */
export async function updateOrganisation(opts: {
  db: Kysely<Database>;
  actor: Actor;
  id: string;
  patch: OrganisationPatch;
}): Promise<void> {
  const { actor, id, patch } = opts;
  const movedUsers = await opts.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('organisation').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before || !allows(actor, 'organisation', 'read', { regionCode: before.region_code, orgPath: before.path })) throw notFound();
    if (!allows(actor, 'organisation', 'write', { regionCode: before.region_code, orgPath: before.path })) throw forbidden();
    if (patch.expectedUpdatedAt && new Date(patch.expectedUpdatedAt).getTime() !== before.updated_at.getTime()) throw conflict();
    const kind = patch.kind ?? before.kind;
    const partyOrgKind = patch.partyOrgKind !== undefined ? patch.partyOrgKind : kind === 'party_org' ? before.party_org_kind : null;
    const issues = checkShape({ kind, partyOrgKind });
    if (issues.length) throw new AppError('validation', { fields: issues });
    if (patch.regionCode && patch.regionCode !== before.region_code) await checkRegion(trx, actor, patch.regionCode);

    let path = before.path;
    let parentId = before.parent_id;
    if (patch.parentId !== undefined && patch.parentId !== before.parent_id) {
      const parent = patch.parentId ? await loadParent(trx, actor, patch.parentId) : null;
      if (parent && parent.path.startsWith(before.path)) throw invalidField('parentId', 'field.parent_cycle');
      if (!parent && actor.role !== 'admin') throw unknownReference('parentId');
      parentId = parent?.id ?? null;
      path = `${parent?.path ?? '/'}${id}/`;
    }
    const after = await trx
      .updateTable('organisation')
      .set({
        name: patch.name ?? before.name,
        kind,
        party_org_kind: partyOrgKind ?? null,
        formation: patch.formation !== undefined ? patch.formation : before.formation,
        department_kind: patch.departmentKind !== undefined ? patch.departmentKind : before.department_kind,
        region_code: patch.regionCode ?? before.region_code,
        credit_code: patch.creditCode !== undefined ? patch.creditCode : before.credit_code,
        parent_id: parentId,
        path,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const moved = path !== before.path ? await movePaths(trx, before.path, path) : [];
    await recordAudit(trx, {
      actor,
      action: 'organisation.update',
      entity: 'organisation',
      entityId: id,
      regionCode: after.region_code,
      before,
      after,
    });
    return moved;
  });
  // Accounts in the moved subtree get their new scope on their next request, not after the session cache expires.
  for (const userId of movedUsers) evictCachedSessions(opts.db, userId);
}

async function movePaths(trx: Trx, from: string, to: string): Promise<string[]> {
  const rewrite = (column: string) => sql<string>`${to} || substr(${sql.ref(column)}, ${from.length + 1})`;
  await trx
    .updateTable('organisation')
    .set({ path: rewrite('path') })
    .where('path', 'like', `${from}_%`)
    .execute();
  // People, accounts and registry rows keep copies of the path for scope (db/org-paths.ts).
  return moveOrgPathCopies(trx, from, to);
}
