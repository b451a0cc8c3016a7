import { http } from './client.ts';

/** NTF-1 outbound channels (通知渠道) and the outbox; shapes as in docs/API.md. */
export const TARGET_KINDS = ['wecom', 'dingtalk', 'email', 'webhook'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];
export const OUTBOX_STATUSES = ['pending', 'sending', 'delivered', 'failed', 'cancelled'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export interface Target {
  id: string;
  name: string;
  kind: TargetKind;
  addressMasked: string;
  hasSecret: boolean;
  regionCode: string | null;
  organisationId: string | null;
  topics: string[] | null;
  enabled: boolean;
  pending: number;
  failed: number;
  createdAt: string;
  updatedAt: string;
}

export interface TargetInput {
  name: string;
  kind: TargetKind;
  address: string;
  secret?: string | null;
  regionCode?: string | null;
  organisationId?: string | null;
  topics?: string[] | null;
  enabled?: boolean;
}

export interface OutboxMessage {
  id: string;
  topic: string;
  title: string;
  targetId: string | null;
  targetName: string | null;
  targetKind: TargetKind;
  regionCode: string | null;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

export const notificationChannelApi = {
  listTargets: (q: { limit: number; offset: number }) =>
    http.get<{ items: Target[]; total: number }>('/api/notification-targets', { query: q }),
  createTarget: (input: TargetInput) => http.post<Target>('/api/notification-targets', input),
  updateTarget: (id: string, patch: Partial<TargetInput>) => http.patch<Target>(`/api/notification-targets/${id}`, patch),
  deleteTarget: (id: string) => http.delete<null>(`/api/notification-targets/${id}`),
  testTarget: (id: string) => http.post<{ ok: boolean; error: string | null }>(`/api/notification-targets/${id}/test`),
  listOutbox: (q: { status?: OutboxStatus | undefined; limit: number; offset: number }) =>
    http.get<{ items: OutboxMessage[]; total: number; counts: Record<OutboxStatus, number> }>('/api/outbox', { query: q }),
  retry: (id: string) => http.post<OutboxMessage>(`/api/outbox/${id}/retry`),
};
