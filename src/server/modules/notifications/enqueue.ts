import type { Transaction } from 'kysely';
import { targetHears } from '../../../domain/notifications/delivery.ts';
import { ancestorCodes } from '../../../domain/regions.ts';
import type { Database, Locale } from '../../db/schema.ts';
import { t, type MessageKey } from '../../i18n/messages.ts';

/** A text as written, or a message key rendered in each reader's language (group robots read zh-CN). */
export type NoticeText = string | { key: MessageKey; params?: Record<string, string | number> };

export interface NotificationInput {
  /** What happened, e.g. 'lease_expiry' or 'matter.overdue'; targets may subscribe by kind or prefix. */
  kind: string;
  title: NoticeText;
  body: NoticeText;
  /** A path inside the web app, e.g. '/buildings/12'. */
  link?: string | null;
  /** Where the fact lies: decides which regional and organisational channels hear it. */
  regionCode?: string | null;
  orgPath?: string | null;
  /** Accounts whose notification centre shows it. */
  userIds: readonly string[];
  /**
   * Names the fact: each user hears of it once (`<key>:<userId>`), each channel
   * once (`<key>` per target), however often it is raised.
   */
  dedupeKey?: string;
  /** 'auto' (default): the channels whose region/organisation covers the fact; 'none': in-app only. */
  targets?: 'auto' | 'none';
}

export interface EnqueueResult {
  /** New in-app notifications (0 when every user had heard of it already). */
  notified: number;
  /** New outbox rows, one per channel. */
  outbox: number;
}

const OUTBOUND_LOCALE: Locale = 'zh-CN';

function render(text: NoticeText, locale: Locale): string {
  return typeof text === 'string' ? text : t(locale, text.key, text.params);
}

/**
 * NTF-1 the one way to notify: writes the in-app notifications and the outbox
 * rows for outbound channels inside the caller's transaction, so a transition
 * that rolls back notifies no one, and one that commits cannot lose its
 * messages (the delivery sweep sends them, retrying while a channel is down).
 */
export async function enqueueNotification(trx: Transaction<Database>, input: NotificationInput): Promise<EnqueueResult> {
  const userIds = [...new Set(input.userIds)];
  const localised = typeof input.title !== 'string' || typeof input.body !== 'string';
  const locales = new Map<string, Locale>();
  if (localised && userIds.length > 0) {
    const rows = await trx.selectFrom('app_user').select(['id', 'locale']).where('id', 'in', userIds).execute();
    for (const r of rows) locales.set(r.id, r.locale);
  }
  let notified = 0;
  if (userIds.length > 0) {
    const inserted = await trx
      .insertInto('notification')
      .values(
        userIds.map((userId) => {
          const locale = locales.get(userId) ?? OUTBOUND_LOCALE;
          return {
            user_id: userId,
            kind: input.kind,
            title: render(input.title, locale),
            body: render(input.body, locale),
            link: input.link ?? null,
            region_code: input.regionCode ?? null,
            org_path: input.orgPath ?? null,
            dedupe_key: input.dedupeKey ? `${input.dedupeKey}:${userId}` : null,
          };
        }),
      )
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .returning('id')
      .execute();
    notified = inserted.length;
  }
  if (input.targets === 'none') return { notified, outbox: 0 };
  // A fact every user had already heard of is old news: a channel added since must not receive the backlog.
  if (input.dedupeKey && userIds.length > 0 && notified === 0) return { notified, outbox: 0 };

  const regionCode = input.regionCode ?? null;
  const places = regionCode ? [regionCode, ...ancestorCodes(regionCode)] : [];
  const candidates = await trx
    .selectFrom('notification_target')
    .select(['id', 'kind', 'region_code', 'org_path', 'topics'])
    .where('enabled', '=', true)
    .where((eb) =>
      eb.or([
        eb('region_code', 'is', null),
        eb('org_path', 'is not', null),
        ...(places.length > 0 ? [eb('region_code', 'in', places)] : []),
      ]),
    )
    .execute();
  const notice = { kind: input.kind, regionCode, orgPath: input.orgPath ?? null };
  const targets = candidates.filter((c) => targetHears({ regionCode: c.region_code, orgPath: c.org_path, topics: c.topics }, notice));
  if (targets.length === 0) return { notified, outbox: 0 };
  const payload = JSON.stringify({
    title: render(input.title, OUTBOUND_LOCALE),
    body: render(input.body, OUTBOUND_LOCALE),
    link: input.link ?? null,
  });
  const written = await trx
    .insertInto('outbox')
    .values(
      targets.map((target) => ({
        topic: input.kind,
        payload,
        recipients: userIds,
        target_id: target.id,
        target_kind: target.kind,
        region_code: target.region_code,
        source_region_code: regionCode,
        source_org_path: input.orgPath ?? null,
        dedupe_key: input.dedupeKey ?? null,
      })),
    )
    .onConflict((oc) => oc.columns(['dedupe_key', 'target_id']).doNothing())
    .returning('id')
    .execute();
  return { notified, outbox: written.length };
}
