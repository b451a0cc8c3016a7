import type { NotificationTargetKind, OutboxStatus } from '../../db/schema.ts';

export interface TargetRow {
  id: string;
  name: string;
  kind: NotificationTargetKind;
  address_masked: string;
  secret_enc: string | null;
  region_code: string | null;
  organisation_id: string | null;
  topics: string[] | null;
  enabled: boolean;
  created_at: Date;
  updated_at: Date;
  pending: string | number | null;
  failed: string | number | null;
}

/** NTF-1 a channel as it leaves the server: the address masked, the secret only as "set". */
export function presentTarget(t: TargetRow) {
  return {
    id: t.id,
    name: t.name,
    kind: t.kind,
    addressMasked: t.address_masked,
    hasSecret: t.secret_enc !== null,
    regionCode: t.region_code,
    organisationId: t.organisation_id,
    topics: t.topics,
    enabled: t.enabled,
    pending: Number(t.pending ?? 0),
    failed: Number(t.failed ?? 0),
    createdAt: t.created_at.toISOString(),
    updatedAt: t.updated_at.toISOString(),
  };
}

export interface OutboxRow {
  id: string;
  topic: string;
  payload: unknown;
  target_id: string | null;
  target_name: string | null;
  target_kind: NotificationTargetKind;
  region_code: string | null;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  created_at: Date;
  delivered_at: Date | null;
}

export function presentOutbox(r: OutboxRow) {
  const payload = (r.payload ?? {}) as { title?: unknown };
  const due = r.status === 'pending' || r.status === 'sending';
  return {
    id: r.id,
    topic: r.topic,
    title: typeof payload.title === 'string' ? payload.title : '',
    targetId: r.target_id,
    targetName: r.target_name,
    targetKind: r.target_kind,
    regionCode: r.region_code,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: due ? r.next_attempt_at.toISOString() : null,
    lastError: r.last_error,
    createdAt: r.created_at.toISOString(),
    deliveredAt: r.delivered_at?.toISOString() ?? null,
  };
}
