import { createHash } from 'node:crypto';
import { sql, type Kysely, type RawBuilder, type Selectable, type Transaction } from 'kysely';
import type { Actor } from '../../auth/actor.ts';
import type { AuditLogTable, Database } from '../../db/schema.ts';

/**
 * SEC-2: every change writes an audit row in the same transaction; the chainer
 * then links committed rows by hash, each to the row linked before it, so
 * editing or deleting a linked row breaks the chain. Linking after the commit
 * keeps writers from queueing on one lock through their commits
 * (docs/decisions/0004-audit-chain-after-commit.md); a row waits for its link
 * for a moment (the app links after each write request and every few seconds).
 */
const AUDIT_CHAIN_LOCK = 4_801_302;
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with sorted keys and Dates as ISO strings: the same bytes however the value round-trips through jsonb. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  return JSON.stringify(value);
}

/** Normalises a value the way storing it as jsonb and reading it back would. */
function asStoredJson(value: unknown): unknown {
  return value === undefined || value === null ? null : (JSON.parse(canonicalJson(value)) as unknown);
}

export interface AuditEntryInput {
  actor: Actor;
  action: string;
  entity: string;
  entityId: string;
  regionCode?: string | null;
  before?: unknown;
  after?: unknown;
}

interface ChainFields {
  at: string;
  actor_user_id: string | null;
  actor_name: string;
  action: string;
  entity: string;
  entity_id: string;
  region_code: string | null;
  before: unknown;
  after: unknown;
}

export function entryHash(prevHash: string, fields: ChainFields): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(fields)).digest('hex');
}

/** The row an audit entry is stored as (not yet linked). */
export function auditRowOf(input: AuditEntryInput, at: string) {
  const before = asStoredJson(input.before);
  const after = asStoredJson(input.after);
  return {
    at,
    actor_user_id: input.actor.userId === '0' ? null : input.actor.userId,
    actor_name: input.actor.username,
    action: input.action,
    entity: input.entity,
    entity_id: input.entityId,
    region_code: input.regionCode ?? null,
    before: before === null ? null : JSON.stringify(before),
    after: after === null ? null : JSON.stringify(after),
  };
}

/** Writes one audit row inside the transaction that makes the change; the chainer links it after the commit. */
export async function recordAudit(trx: Transaction<Database>, input: AuditEntryInput): Promise<void> {
  await recordAuditBatch(trx, [input]);
}

/** Many audit rows in one insert (a sweep acting on a batch). */
export async function recordAuditBatch(trx: Transaction<Database>, inputs: readonly AuditEntryInput[]): Promise<void> {
  if (inputs.length === 0) return;
  const at = new Date().toISOString();
  await insertAuditSql(inputs.map((input) => auditRowOf(input, at))).execute(trx);
}

/** Audit rows as one statement of one text however many (a recordset, not thousands of parameters). */
export function insertAuditSql(rows: readonly ReturnType<typeof auditRowOf>[]): RawBuilder<unknown> {
  return sql`
    INSERT INTO audit_log (at, actor_user_id, actor_name, action, entity, entity_id, region_code, before, after)
    SELECT at, actor_user_id, actor_name, action, entity, entity_id, region_code, before::jsonb, after::jsonb
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(at timestamptz, actor_user_id bigint, actor_name text,
      action text, entity text, entity_id text, region_code text, before text, after text)`;
}

/** The fields a stored row's hash covers: the same bytes the chainer hashed and verification recomputes. */
function fieldsOf(row: Selectable<AuditLogTable>): ChainFields {
  return {
    at: row.at.toISOString(),
    actor_user_id: row.actor_user_id,
    actor_name: row.actor_name,
    action: row.action,
    entity: row.entity,
    entity_id: row.entity_id,
    region_code: row.region_code,
    before: row.before ?? null,
    after: row.after ?? null,
  };
}

/**
 * Links every committed, not yet linked audit row into the chain, in id order
 * after the last linked one: one chainer at a time (a lock), batches of
 * `batch` rows, each one read, hashes computed here, one update. A row that
 * commits after a later id was linked is linked after it: the chain's order is
 * `chain_seq`, the order of linking. Returns how many rows it linked.
 */
export async function chainAuditLog(db: Kysely<Database>, batch = 5_000): Promise<number> {
  let linked = 0;
  for (;;) {
    const n = await db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
      // Every linked row leaves a dead entry in the partial index of unlinked rows until a vacuum.
      // A bitmap scan visits all of them on every pass (intake slowed as its audit rows grew); a
      // plain index scan marks them dead as it passes, so the next pass skips them.
      await sql`SET LOCAL enable_bitmapscan = off`.execute(trx);
      const pending = await trx.selectFrom('audit_log').selectAll().where('chain_seq', 'is', null).orderBy('id').limit(batch).execute();
      if (pending.length === 0) return 0;
      const tail = await trx
        .selectFrom('audit_log')
        .select(['hash', 'chain_seq'])
        .where('chain_seq', 'is not', null)
        .orderBy('chain_seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      let prev = tail?.hash ?? GENESIS_HASH;
      let seq = BigInt(tail?.chain_seq ?? '0');
      const links = pending.map((row) => {
        const hash = entryHash(prev, fieldsOf(row));
        const link = { id: row.id, prev_hash: prev, hash, chain_seq: String((seq += 1n)) };
        prev = hash;
        return link;
      });
      await sql`
        UPDATE audit_log a SET prev_hash = l.prev_hash, hash = l.hash, chain_seq = l.chain_seq
        FROM jsonb_to_recordset(${JSON.stringify(links)}::jsonb) AS l(id bigint, prev_hash text, hash text, chain_seq bigint)
        WHERE a.id = l.id AND a.chain_seq IS NULL`.execute(trx);
      return links.length;
    });
    linked += n;
    if (n < batch) return linked;
  }
}

/**
 * Links audit rows soon after writes without a pass per request: a poke schedules
 * one pass after a short delay, and pokes meanwhile join it.
 */
export function auditChainer(db: Kysely<Database>, opts: { delayMs?: number; onError?: (err: unknown) => void } = {}) {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  let again = false;
  let closed = false;
  const run = () => {
    timer = null;
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = chainAuditLog(db)
      .catch((err: unknown) => opts.onError?.(err))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          poke();
        }
      });
  };
  const poke = () => {
    if (closed) return;
    timer ??= setTimeout(run, opts.delayMs ?? 20);
    timer.unref();
  };
  return {
    poke,
    /** Stops taking pokes and waits for a pass in progress (shutdown). */
    async settle(): Promise<void> {
      closed = true;
      if (timer) {
        clearTimeout(timer);
        timer = null;
      }
      await running;
    },
  };
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** The first row whose hash or link does not match, if any. */
  brokenAt?: { id: string; reason: 'hash_mismatch' | 'broken_link' };
}

/**
 * Links what is waiting for its link (as the app would within moments), then
 * walks the whole chain in link order, in pages, recomputing every hash.
 */
export async function verifyAuditChain(db: Kysely<Database>, pageSize = 5000): Promise<VerifyResult> {
  await chainAuditLog(db);
  let prevHash = GENESIS_HASH;
  let afterSeq = '0';
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('chain_seq', '>', afterSeq)
      .orderBy('chain_seq')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) return { ok: true, checked };
    for (const row of rows) {
      if (row.prev_hash !== prevHash) return { ok: false, checked, brokenAt: { id: row.id, reason: 'broken_link' } };
      if (entryHash(row.prev_hash, fieldsOf(row)) !== row.hash)
        return { ok: false, checked, brokenAt: { id: row.id, reason: 'hash_mismatch' } };
      prevHash = row.hash;
      checked++;
      afterSeq = row.chain_seq!;
    }
  }
}
