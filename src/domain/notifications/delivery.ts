import { isWithinRegion } from '../regions.ts';

/**
 * NTF-1 rules of outbound delivery that need no IO: which channel hears a
 * notification, how long to wait before the next attempt, how an address is
 * shown once stored.
 */

export interface TargetPlace {
  /** NULL: the whole installation. */
  regionCode: string | null;
  /** When set, only notifications under this organisation subtree. */
  orgPath: string | null;
  /** NULL: every kind; otherwise exact kinds or prefixes ending in '*'. */
  topics: readonly string[] | null;
}

export interface NoticePlace {
  kind: string;
  regionCode?: string | null | undefined;
  orgPath?: string | null | undefined;
}

export function topicMatches(topics: readonly string[] | null, kind: string): boolean {
  if (!topics || topics.length === 0) return true;
  return topics.some((t) => (t.endsWith('*') ? kind.startsWith(t.slice(0, -1)) : t === kind));
}

/**
 * A target hears a notice whose place lies inside its own: under its
 * organisation when it names one, otherwise in its region subtree. An
 * installation-wide target hears everything; a notice placed nowhere reaches
 * only installation-wide targets.
 */
export function targetHears(target: TargetPlace, notice: NoticePlace): boolean {
  if (!topicMatches(target.topics, notice.kind)) return false;
  if (target.orgPath) return Boolean(notice.orgPath?.startsWith(target.orgPath));
  if (target.regionCode === null) return true;
  return Boolean(notice.regionCode && isWithinRegion(notice.regionCode, target.regionCode));
}

export interface RetryPolicy {
  /** Attempts in all, the first included; after the last failure the row is 'failed'. */
  maxAttempts: number;
  baseMs: number;
  capMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseMs: 30_000, capMs: 3_600_000 };

/**
 * Exponential backoff with "equal jitter": after the n-th failed attempt wait
 * between half and all of min(cap, base·2^(n−1)). The random half keeps many
 * rows that failed together (a target that was down) from retrying in step.
 */
export function retryDelayMs(attempts: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** What happens to a row after a failed attempt: another try later, or 'failed' for an administrator to retry. */
export function afterFailure(
  attempts: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): { status: 'pending'; delayMs: number } | { status: 'failed' } {
  if (attempts >= policy.maxAttempts) return { status: 'failed' };
  return { status: 'pending', delayMs: retryDelayMs(attempts, policy, random) };
}

/**
 * An address as lists show it: a robot URL keeps its host and path and loses
 * its query (where the access token lives); a mailbox keeps its first letter and domain.
 */
export function maskAddress(kind: 'wecom' | 'dingtalk' | 'email' | 'webhook', address: string): string {
  if (kind === 'email') {
    const at = address.indexOf('@');
    return at > 0 ? `${address[0]}***${address.slice(at)}` : '***';
  }
  try {
    const url = new URL(address);
    const query = url.search ? '?***' : '';
    return `${url.protocol}//${url.host}${url.pathname}${query}`;
  } catch {
    return '***';
  }
}
