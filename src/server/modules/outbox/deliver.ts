import { sql, type Kysely } from 'kysely';
import { afterFailure, DEFAULT_RETRY_POLICY, type RetryPolicy } from '../../../domain/notifications/delivery.ts';
import type { Secrets } from '../../auth/secrets.ts';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/schema.ts';
import type { Sweep } from '../../jobs/runner.ts';
import { sendToTarget, type OutboundMessage, type SendOutcome } from './channels.ts';

/**
 * NTF-1 the delivery sweep. A row is claimed by one statement (FOR UPDATE SKIP
 * LOCKED, then marked 'sending' with a claim token and a claim deadline), sent
 * with no transaction open — on PGlite a transaction held across an HTTP call
 * would stop every request — and settled by a statement that checks the token.
 * Two instances never claim one row; a sender that died leaves its rows to be
 * taken over after the deadline (so a message may then arrive twice, never
 * not at all).
 */

export interface DeliveryOptions {
  db: Kysely<Database>;
  secrets: Secrets;
  config: Config;
  policy?: RetryPolicy;
  batchSize?: number;
  /** How long a claimed row is left to its sender before another may take it. */
  claimSeconds?: number;
  /** A pass stops claiming after this long, so one instance does not hold the sweep forever. */
  budgetMs?: number;
  random?: () => number;
  timeoutMs?: number;
}

export interface DeliveryResult {
  processed: number;
  delivered: number;
  retrying: number;
  failed: number;
  cancelled: number;
}

interface ClaimedRow {
  id: string;
  topic: string;
  payload: { title?: string; body?: string; link?: string | null };
  target_id: string | null;
  attempts: number;
  claim_token: string;
  created_at: Date;
}

/** Robots that answered "too fast" are asked again after a minute, the attempt not counted. */
const THROTTLE_DELAY_MS = 60_000;

async function claimDue(db: Kysely<Database>, limit: number, claimSeconds: number): Promise<ClaimedRow[]> {
  const { rows } = await sql<ClaimedRow>`
    WITH due AS (
      SELECT id FROM outbox
      WHERE status IN ('pending', 'sending') AND next_attempt_at <= now()
      ORDER BY next_attempt_at, id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE outbox o
    SET status = 'sending', claim_token = gen_random_uuid(), next_attempt_at = now() + make_interval(secs => ${claimSeconds})
    FROM due WHERE o.id = due.id
    RETURNING o.id, o.topic, o.payload, o.target_id, o.attempts, o.claim_token, o.created_at`.execute(db);
  return rows;
}

type Settlement =
  | { status: 'delivered' }
  | { status: 'pending'; delayMs: number; error: string; counted: boolean }
  | { status: 'failed'; error: string }
  | { status: 'cancelled'; error: string };

async function settle(db: Kysely<Database>, row: ClaimedRow, s: Settlement): Promise<void> {
  const attempts = s.status === 'cancelled' || (s.status === 'pending' && !s.counted) ? row.attempts : row.attempts + 1;
  await db
    .updateTable('outbox')
    .set({
      status: s.status,
      attempts,
      claim_token: null,
      last_error: s.status === 'delivered' ? null : s.error,
      ...(s.status === 'delivered' ? { delivered_at: sql<Date>`now()` } : {}),
      ...(s.status === 'pending' ? { next_attempt_at: sql<Date>`now() + make_interval(secs => ${s.delayMs / 1000})` } : {}),
    })
    .where('id', '=', row.id)
    // A row taken over after its claim deadline belongs to its new sender.
    .where('claim_token', '=', row.claim_token)
    .execute();
}

function settlementOf(outcome: SendOutcome, attemptsSoFar: number, policy: RetryPolicy, random: () => number): Settlement {
  if (outcome.ok) return { status: 'delivered' };
  if (outcome.throttled)
    return { status: 'pending', delayMs: THROTTLE_DELAY_MS + Math.round(random() * 30_000), error: outcome.error, counted: false };
  const next = afterFailure(attemptsSoFar + 1, policy, random);
  return next.status === 'failed'
    ? { status: 'failed', error: outcome.error }
    : { status: 'pending', delayMs: next.delayMs, error: outcome.error, counted: true };
}

export async function deliverOutbox(opts: DeliveryOptions): Promise<DeliveryResult> {
  const { db } = opts;
  const policy = opts.policy ?? DEFAULT_RETRY_POLICY;
  const batchSize = opts.batchSize ?? 20;
  const claimSeconds = opts.claimSeconds ?? 300;
  const budgetMs = opts.budgetMs ?? 30_000;
  const random = opts.random ?? Math.random;
  const result: DeliveryResult = { processed: 0, delivered: 0, retrying: 0, failed: 0, cancelled: 0 };
  const started = Date.now();
  while (Date.now() - started < budgetMs) {
    const rows = await claimDue(db, batchSize, claimSeconds);
    if (rows.length === 0) break;
    const targetIds = [...new Set(rows.map((r) => r.target_id).filter((id): id is string => id !== null))];
    const targets = targetIds.length
      ? await db
          .selectFrom('notification_target')
          .select(['id', 'kind', 'address_enc', 'secret_enc', 'enabled'])
          .where('id', 'in', targetIds)
          .execute()
      : [];
    const byId = new Map(targets.map((t) => [t.id, t]));
    // One batch is sent at once: a slow target costs one timeout, not one per row.
    const settlements = await Promise.all(
      rows.map(async (row): Promise<Settlement> => {
        const target = row.target_id ? byId.get(row.target_id) : undefined;
        if (!target) return { status: 'cancelled', error: 'target removed' };
        if (!target.enabled) return { status: 'cancelled', error: 'target disabled' };
        const message: OutboundMessage = {
          id: row.id,
          topic: row.topic,
          title: row.payload.title ?? '',
          body: row.payload.body ?? '',
          link: row.payload.link ?? null,
          createdAt: row.created_at.toISOString(),
        };
        const outcome = await sendToTarget({
          target: {
            kind: target.kind,
            address: opts.secrets.decrypt(target.address_enc),
            secret: target.secret_enc ? opts.secrets.decrypt(target.secret_enc) : null,
          },
          message,
          config: opts.config,
          ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
        });
        return settlementOf(outcome, row.attempts, policy, random);
      }),
    );
    for (const [i, row] of rows.entries()) {
      const s = settlements[i]!;
      await settle(db, row, s);
      result.processed += 1;
      if (s.status === 'delivered') result.delivered += 1;
      else if (s.status === 'pending') result.retrying += 1;
      else if (s.status === 'failed') result.failed += 1;
      else result.cancelled += 1;
    }
    if (rows.length < batchSize) break;
  }
  return result;
}

/** Due outbox rows every few seconds; at most one pass at a time across instances. */
export const outboxDeliverySweep: Sweep = {
  name: 'outbox-delivery',
  everySeconds: 5,
  run: (deps) => deliverOutbox({ db: deps.kysely, secrets: deps.secrets, config: deps.config }),
};
