import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { ApiError } from '../../api/client.ts';
import { sendFieldRecords, type FieldRecord, type SyncResult } from './api.ts';

/**
 * GRD-3 the phone's offline queue. A record is stored on the device first and sent through
 * POST /api/field-sync afterwards, so a visit in a hamlet without signal is never lost; the
 * client id makes a resend harmless. localStorage is enough: a member queues tens of records, not thousands.
 */
export interface QueuedRecord {
  record: FieldRecord;
  queuedAt: string;
  /** The server refused it (validation, scope): kept to be read and removed by hand, not retried blindly. */
  error: string | null;
}

export interface LastSync {
  at: string;
  sent: number;
  stored: number;
  failed: number;
  /** True when the server could not be reached at all. */
  offline: boolean;
}

export interface QueueState {
  items: readonly QueuedRecord[];
  last: LastSync | null;
  syncing: boolean;
}

const BATCH = 200;
const EMPTY: QueueState = { items: [], last: null, syncing: false };

const states = new Map<string, QueueState>();
const listeners = new Set<() => void>();
const inFlight = new Map<string, Promise<void>>();

const storageKey = (userId: string) => `hongtu.fieldQueue.${userId}`;

function load(userId: string): QueueState {
  const cached = states.get(userId);
  if (cached) return cached;
  let state = EMPTY;
  try {
    const raw = localStorage.getItem(storageKey(userId));
    if (raw) state = { ...(JSON.parse(raw) as Omit<QueueState, 'syncing'>), syncing: false };
  } catch {
    // Unreadable storage starts an empty queue rather than breaking the page.
  }
  states.set(userId, state);
  return state;
}

function save(userId: string, state: QueueState): void {
  states.set(userId, state);
  try {
    localStorage.setItem(storageKey(userId), JSON.stringify({ items: state.items, last: state.last }));
  } catch {
    /* private browsing: the queue lives as long as the tab */
  }
  for (const l of listeners) l();
}

/** Puts a record on the device's queue; it is sent by the next sync. */
export function enqueueRecord({ userId, record }: { userId: string; record: FieldRecord }): void {
  const state = load(userId);
  save(userId, { ...state, items: [...state.items, { record, queuedAt: new Date().toISOString(), error: null }] });
}

export function removeQueued({ userId, clientId }: { userId: string; clientId: string }): void {
  const state = load(userId);
  save(userId, { ...state, items: state.items.filter((q) => q.record.clientId !== clientId) });
}

/** Drops what the server stored (created or already there) and keeps refused records with their reason. */
export function applySyncResults(items: readonly QueuedRecord[], results: readonly SyncResult[]): QueuedRecord[] {
  const byId = new Map(results.map((r) => [r.clientId, r]));
  const kept: QueuedRecord[] = [];
  for (const q of items) {
    const r = byId.get(q.record.clientId);
    if (!r) kept.push(q);
    else if (r.status === 'error') kept.push({ ...q, error: r.error?.fields[0]?.message ?? r.error?.message ?? r.status });
  }
  return kept;
}

async function runSync(userId: string): Promise<void> {
  const start = load(userId);
  const pending = start.items.filter((q) => q.error === null);
  if (pending.length === 0) return;
  const at = new Date().toISOString();
  if (!navigator.onLine) {
    save(userId, { ...start, last: { at, sent: 0, stored: 0, failed: 0, offline: true } });
    return;
  }
  save(userId, { ...start, syncing: true });
  const results: SyncResult[] = [];
  let offline = false;
  for (let i = 0; i < pending.length; i += BATCH) {
    try {
      results.push(...(await sendFieldRecords(pending.slice(i, i + BATCH).map((q) => q.record))));
    } catch (err) {
      // Unreachable or a server error: everything not answered stays queued for the next try.
      offline = !(err instanceof ApiError) || err.status === 0 || err.status >= 500;
      break;
    }
  }
  // Records queued while the request was out are kept: only the answered ones change.
  const now = load(userId);
  const stored = results.filter((r) => r.status !== 'error').length;
  save(userId, {
    items: applySyncResults(now.items, results),
    last: { at, sent: results.length, stored, failed: results.length - stored, offline },
    syncing: false,
  });
}

/** Sends the queue once; a second call while one runs waits for the same run instead of sending twice. */
export function syncQueue(userId: string): Promise<void> {
  const running = inFlight.get(userId);
  if (running) return running;
  const run = runSync(userId).finally(() => inFlight.delete(userId));
  inFlight.set(userId, run);
  return run;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The queue of the signed-in member; syncs on mount (page load) and whenever the browser comes back online. */
export function useFieldQueue(userId: string) {
  const state = useSyncExternalStore(
    subscribe,
    () => load(userId),
    () => EMPTY,
  );
  useEffect(() => {
    void syncQueue(userId);
    const onOnline = () => void syncQueue(userId);
    window.addEventListener('online', onOnline);
    return () => window.removeEventListener('online', onOnline);
  }, [userId]);
  const enqueue = useCallback(
    (record: FieldRecord) => {
      enqueueRecord({ userId, record });
      void syncQueue(userId);
    },
    [userId],
  );
  const sync = useCallback(() => syncQueue(userId), [userId]);
  const remove = useCallback((clientId: string) => removeQueued({ userId, clientId }), [userId]);
  return { ...state, pending: state.items.length, enqueue, sync, remove };
}
