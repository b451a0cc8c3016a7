import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Actor } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';

/**
 * SEC-2: every change writes an audit row in the same transaction, chained by
 * hash to the row before it, so editing or deleting any row breaks the chain.
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

/**
 * Appends one audit row; call inside the transaction that makes the change,
 * as late in it as possible: the chain's lock is held from here to the commit.
 */
export async function recordAudit(trx: Transaction<Database>, input: AuditEntryInput): Promise<void> {
  // Serialise appenders for the rest of this transaction so the chain stays a line.
  await sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
  const fields: ChainFields = {
    at: new Date().toISOString(),
    actor_user_id: input.actor.userId === '0' ? null : input.actor.userId,
    actor_name: input.actor.username,
    action: input.action,
    entity: input.entity,
    entity_id: input.entityId,
    region_code: input.regionCode ?? null,
    before: asStoredJson(input.before),
    after: asStoredJson(input.after),
  };
  // The previous hash is read and the new one computed by the insert itself — entryHash's
  // bytes, sha256(prev ‖ '\n' ‖ canonical JSON) — so the lock is held for one round trip
  // fewer. A new statement sees every appender that committed before the lock was ours.
  await sql`
    INSERT INTO audit_log (at, actor_user_id, actor_name, action, entity, entity_id, region_code, before, after, prev_hash, hash)
    SELECT ${fields.at}::timestamptz, ${fields.actor_user_id}::bigint, ${fields.actor_name}, ${fields.action}, ${fields.entity},
      ${fields.entity_id}, ${fields.region_code}, ${fields.before === null ? null : JSON.stringify(fields.before)}::jsonb,
      ${fields.after === null ? null : JSON.stringify(fields.after)}::jsonb, p.hash,
      encode(sha256(convert_to(p.hash || chr(10) || ${canonicalJson(fields)}, 'UTF8')), 'hex')
    FROM (SELECT coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), ${GENESIS_HASH}) AS hash) p`.execute(trx);
}

/**
 * Appends many audit rows at once (a sweep acting on a batch): the chain's lock,
 * one read of the last hash, the hashes computed here in order, one insert.
 * Same rows, same chain as that many `recordAudit` calls.
 */
export async function recordAuditBatch(trx: Transaction<Database>, inputs: readonly AuditEntryInput[]): Promise<void> {
  if (inputs.length === 0) return;
  await sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
  const last = await trx.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  let prev = last?.hash ?? GENESIS_HASH;
  const at = new Date().toISOString();
  const rows = inputs.map((input) => {
    const fields: ChainFields = {
      at,
      actor_user_id: input.actor.userId === '0' ? null : input.actor.userId,
      actor_name: input.actor.username,
      action: input.action,
      entity: input.entity,
      entity_id: input.entityId,
      region_code: input.regionCode ?? null,
      before: asStoredJson(input.before),
      after: asStoredJson(input.after),
    };
    const hash = entryHash(prev, fields);
    const row = {
      ...fields,
      before: fields.before === null ? null : JSON.stringify(fields.before),
      after: fields.after === null ? null : JSON.stringify(fields.after),
      prev_hash: prev,
      hash,
    };
    prev = hash;
    return row;
  });
  // Ids are taken in VALUES order, so the chain's order is the id order verify walks.
  for (let i = 0; i < rows.length; i += 2_000) {
    await trx
      .insertInto('audit_log')
      .values(rows.slice(i, i + 2_000))
      .execute();
  }
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** The first row whose hash or link does not match, if any. */
  brokenAt?: { id: string; reason: 'hash_mismatch' | 'broken_link' };
}

/** Walks the whole chain in id order, in pages, recomputing every hash. */
export async function verifyAuditChain(db: Kysely<Database>, pageSize = 5000): Promise<VerifyResult> {
  let prevHash = GENESIS_HASH;
  let afterId = '0';
  let checked = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('id', '>', afterId).orderBy('id').limit(pageSize).execute();
    if (rows.length === 0) return { ok: true, checked };
    for (const row of rows) {
      if (row.prev_hash !== prevHash) return { ok: false, checked, brokenAt: { id: row.id, reason: 'broken_link' } };
      const expected = entryHash(row.prev_hash, {
        at: row.at.toISOString(),
        actor_user_id: row.actor_user_id,
        actor_name: row.actor_name,
        action: row.action,
        entity: row.entity,
        entity_id: row.entity_id,
        region_code: row.region_code,
        before: row.before ?? null,
        after: row.after ?? null,
      });
      if (expected !== row.hash) return { ok: false, checked, brokenAt: { id: row.id, reason: 'hash_mismatch' } };
      prevHash = row.hash;
      checked++;
      afterId = row.id;
    }
  }
}
