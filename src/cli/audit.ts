import type { Kysely } from 'kysely';
import type { Database } from '../server/db/schema.ts';
import { verifyAuditChain } from '../server/modules/audit/chain.ts';

export interface AuditReport {
  ok: boolean;
  checked: number;
  brokenId?: string;
  message: string;
}

/** SEC-2 verification in words an operator can act on: which row, and what is wrong with it. */
export async function auditReport(db: Kysely<Database>): Promise<AuditReport> {
  const r = await verifyAuditChain(db);
  if (r.ok || !r.brokenAt) return { ok: true, checked: r.checked, message: `Audit chain intact: ${r.checked} rows verified` };
  const id = r.brokenAt.id;
  const row = await db
    .selectFrom('audit_log')
    .select(['at', 'actor_name', 'action', 'entity', 'entity_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  const what =
    r.brokenAt.reason === 'broken_link'
      ? 'it does not link to the row before it (a row before it was removed or rewritten)'
      : 'its content does not match its hash (it was changed after it was written)';
  const detail = row ? ` [${row.at.toISOString()} ${row.actor_name} ${row.action} ${row.entity}#${row.entity_id}]` : '';
  return {
    ok: false,
    checked: r.checked,
    brokenId: id,
    message: `Audit chain BROKEN at row ${id}${detail}: ${what}. The ${r.checked} rows before it verified.`,
  };
}
