import { sql, type Transaction } from 'kysely';
import type { Database } from './schema.ts';

/**
 * Every column that keeps a copy of an organisation's materialised path, so
 * organisation scope is one indexed LIKE without a join. Moving an
 * organisation must rewrite all of them in its transaction, or records stay
 * visible to the old parent's users and vanish for the moved subtree's own.
 * A test compares this list with the database's `*_path` columns.
 */
export const ORG_PATH_COPIES = [
  { table: 'person', column: 'org_path' },
  { table: 'app_user', column: 'org_path' },
  { table: 'building', column: 'org_path' },
  { table: 'enterprise', column: 'org_path' },
  { table: 'enterprise', column: 'building_path' },
  { table: 'lease', column: 'org_path' },
  { table: 'lease', column: 'tenant_path' },
  { table: 'service_record', column: 'org_path' },
  { table: 'notification', column: 'org_path' },
  { table: 'matter', column: 'org_path' },
  { table: 'matter', column: 'enterprise_path' },
  { table: 'matter', column: 'handler_path' },
  { table: 'notification_target', column: 'org_path' },
  { table: 'outbox', column: 'source_org_path' },
  { table: 'need', column: 'org_path' },
  { table: 'need', column: 'requester_path' },
  { table: 'resource', column: 'org_path' },
  { table: 'project', column: 'org_path' },
  { table: 'village_profile', column: 'org_path' },
  { table: 'policy_application', column: 'org_path' },
] as const satisfies readonly { table: keyof Database; column: string }[];

/**
 * Rewrites the copies of every path under `from` to sit under `to` (paths are digits and
 * slashes, so LIKE needs no escaping). Returns the accounts whose scope moved, so the caller
 * can evict their cached sessions once the transaction has committed.
 */
export async function moveOrgPathCopies(trx: Transaction<Database>, from: string, to: string): Promise<string[]> {
  const moved: string[] = [];
  for (const { table, column } of ORG_PATH_COPIES) {
    const col = sql.ref(column);
    const { rows } = await sql<{ id: string }>`UPDATE ${sql.table(table)} SET ${col} = ${to} || substr(${col}, ${from.length + 1})
      WHERE ${col} LIKE ${`${from}%`} ${table === 'app_user' ? sql`RETURNING id` : sql``}`.execute(trx);
    if (table === 'app_user') moved.push(...rows.map((r) => String(r.id)));
  }
  return moved;
}
