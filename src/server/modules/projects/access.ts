import { sql, type Expression, type SqlBool, type Transaction } from 'kysely';
import type { Actor } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';
import { allows, scopeWhere } from '../../db/scoped.ts';
import { AppError, notFound } from '../../http/errors.ts';

/**
 * LST-4 who sees a project: the owner organisation and the region's offices (the project
 * scope rule), and also whoever sees one of its needs (the requester follows the project
 * serving it) or provides one of its resources. Writing stays with the owner and the region.
 */
export function projectReadable(actor: Actor): Expression<SqlBool> {
  return sql<SqlBool>`(${scopeWhere(actor, 'project', 'read')}
    OR EXISTS (SELECT 1 FROM need n WHERE n.project_id = project.id AND ${scopeWhere(actor, 'need', 'read', 'n')})
    OR EXISTS (SELECT 1 FROM need_match m JOIN resource r ON r.id = m.resource_id
               WHERE m.project_id = project.id AND m.status = 'confirmed' AND ${scopeWhere(actor, 'resource', 'read', 'r')}))`;
}

export function mayWriteProject(actor: Actor, row: { region_code: string; org_path: string }): boolean {
  return allows(actor, 'project', 'write', { regionCode: row.region_code, orgPath: row.org_path });
}

/** Locks a project the caller may change: 404 when it cannot see it, 403 when it only reads it. */
export async function lockWritableProject(trx: Transaction<Database>, actor: Actor, id: string) {
  const row = await trx.selectFrom('project').selectAll().where('id', '=', id).where(projectReadable(actor)).forUpdate().executeTakeFirst();
  if (!row) throw notFound();
  if (!mayWriteProject(actor, row)) throw new AppError('forbidden');
  return row;
}

/** The same, and the project must still be running. */
export async function lockRunningProject(trx: Transaction<Database>, actor: Actor, id: string) {
  const row = await lockWritableProject(trx, actor, id);
  if (row.status !== 'in_progress') throw new AppError('conflict', { key: 'list.project_not_running' });
  return row;
}
