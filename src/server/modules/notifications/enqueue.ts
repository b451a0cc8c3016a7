import { sql, type Insertable, type Kysely, type RawBuilder, type SqlBool, type Transaction } from 'kysely';
import { targetHears } from '../../../domain/notifications/delivery.ts';
import { ancestorCodes } from '../../../domain/regions.ts';
import type { Database, Locale, NotificationTable, NotificationTargetKind, OutboxTable } from '../../db/schema.ts';
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
  /** The users' languages when the caller read them already (saves a read). */
  locales?: ReadonlyMap<string, Locale>;
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
  const [result] = await enqueueNotifications(trx, [input]);
  return result!;
}

/** A channel that may hear a notice: enabled, and placed where one of the notices' regions lies (or everywhere). */
export interface TargetCandidate {
  id: string;
  kind: NotificationTargetKind;
  region_code: string | null;
  org_path: string | null;
  topics: string[] | null;
}

/** The places (a region and its ancestors) whose channels may hear a notice of `regionCode`. */
export function placesOf(regionCode: string | null | undefined): Set<string> {
  return new Set(regionCode ? [regionCode, ...ancestorCodes(regionCode)] : []);
}

/** The enabled channels of any of these places, or of no place, or of an organisation (filtered per notice by `outboxRowsOf`). */
export function targetCandidatesQuery(db: Pick<Kysely<Database>, 'selectFrom'>, places: readonly string[]) {
  return db
    .selectFrom('notification_target')
    .select(['id', 'kind', 'region_code', 'org_path', 'topics'])
    .where('enabled', '=', true)
    .where((eb) =>
      eb.or([
        eb('region_code', 'is', null),
        eb('org_path', 'is not', null),
        // = ANY of an array, not IN (…): one statement text however many places (intake prepares it).
        sql<SqlBool>`region_code = ANY (${[...places]}::text[])`,
      ]),
    );
}

/**
 * The same inside a larger statement (intake's one read before it writes): `expression`
 * yields a jsonb array, `candidates` turns it back into the rows the query returns.
 */
export function targetCandidatesJson(
  db: Pick<Kysely<Database>, 'selectFrom'>,
  places: readonly string[],
): { expression: RawBuilder<unknown>; candidates: (value: unknown) => TargetCandidate[] } {
  return {
    expression: sql`(SELECT coalesce(jsonb_agg(t), '[]'::jsonb) FROM (${targetCandidatesQuery(db, places)}) t)`,
    // jsonb holds the bigint id as a number; the query's rows hold it as text.
    candidates: (value) => (Array.isArray(value) ? (value as TargetCandidate[]) : []).map((c) => ({ ...c, id: String(c.id) })),
  };
}

/** Each notice's readers, once each. */
function usersOf(inputs: readonly NotificationInput[]): string[][] {
  return inputs.map((input) => [...new Set(input.userIds)]);
}

/** The readers' languages the callers already know. */
function knownLocalesOf(inputs: readonly NotificationInput[]): Map<string, Locale> {
  const locales = new Map<string, Locale>();
  for (const input of inputs) for (const [id, locale] of input.locales ?? []) locales.set(id, locale);
  return locales;
}

/**
 * The rows of notices of a new fact (nobody can have heard of it yet, so nothing is old news):
 * every in-app row and every outbox row its channels owe, for a caller that writes them itself.
 * The readers' languages must come with the inputs.
 */
export function newFactRowsOf(
  inputs: readonly NotificationInput[],
  candidates: readonly TargetCandidate[],
): { notifications: Insertable<NotificationTable>[]; outbox: Insertable<OutboxTable>[] } {
  const users = usersOf(inputs);
  const outbound = inputs.map((input, i) => ({ input, i })).filter(({ input }) => input.targets !== 'none');
  return {
    notifications: notificationRowsOf(inputs, users, knownLocalesOf(inputs)).map((r) => r.row),
    outbox: outboxRowsOf(outbound, users, candidates).map((r) => r.row),
  };
}

/** The in-app rows of many notices, each in its reader's language; `input` says whose row it is. */
export function notificationRowsOf(
  inputs: readonly NotificationInput[],
  users: readonly (readonly string[])[],
  locales: ReadonlyMap<string, Locale>,
): { input: number; row: Insertable<NotificationTable> }[] {
  return inputs.flatMap((input, i) =>
    users[i]!.map((userId) => {
      const locale = locales.get(userId) ?? OUTBOUND_LOCALE;
      return {
        input: i,
        row: {
          user_id: userId,
          kind: input.kind,
          title: render(input.title, locale),
          body: render(input.body, locale),
          link: input.link ?? null,
          region_code: input.regionCode ?? null,
          org_path: input.orgPath ?? null,
          dedupe_key: input.dedupeKey ? `${input.dedupeKey}:${userId}` : null,
        },
      };
    }),
  );
}

/** The outbox rows of notices going out: one per channel that hears it (its place and topics), in group robots' language. */
export function outboxRowsOf(
  outbound: readonly { input: NotificationInput; i: number }[],
  users: readonly (readonly string[])[],
  candidates: readonly TargetCandidate[],
): { input: number; row: Insertable<OutboxTable> }[] {
  return outbound.flatMap(({ input, i }) => {
    const regionCode = input.regionCode ?? null;
    const places = placesOf(regionCode);
    const notice = { kind: input.kind, regionCode, orgPath: input.orgPath ?? null };
    const targets = candidates.filter(
      (c) =>
        (c.region_code === null || c.org_path !== null || places.has(c.region_code)) &&
        targetHears({ regionCode: c.region_code, orgPath: c.org_path, topics: c.topics }, notice),
    );
    if (targets.length === 0) return [];
    const payload = JSON.stringify({
      title: render(input.title, OUTBOUND_LOCALE),
      body: render(input.body, OUTBOUND_LOCALE),
      link: input.link ?? null,
    });
    return targets.map((target) => ({
      input: i,
      row: {
        topic: input.kind,
        payload,
        recipients: [...users[i]!],
        target_id: target.id,
        target_kind: target.kind,
        region_code: target.region_code,
        source_region_code: regionCode,
        source_org_path: input.orgPath ?? null,
        dedupe_key: input.dedupeKey ?? null,
      },
    }));
  });
}

/** In-app rows as one statement of one text however many (a recordset); a row whose key was written before is skipped. */
export function insertNotificationsSql(rows: readonly Insertable<NotificationTable>[]): RawBuilder<{ dedupe_key: string | null }> {
  return sql`
    INSERT INTO notification (user_id, kind, title, body, link, region_code, org_path, dedupe_key)
    SELECT user_id, kind, title, body, link, region_code, org_path, dedupe_key
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(user_id bigint, kind text, title text, body text,
      link text, region_code text, org_path text, dedupe_key text)
    ON CONFLICT (dedupe_key) DO NOTHING`;
}

/** Outbox rows likewise; a fact already queued for a channel is skipped. */
export function insertOutboxSql(
  rows: readonly Insertable<OutboxTable>[],
): RawBuilder<{ dedupe_key: string | null; target_id: string | null }> {
  return sql`
    INSERT INTO outbox (topic, payload, recipients, target_id, target_kind, region_code, source_region_code, source_org_path, dedupe_key)
    SELECT topic, payload::jsonb, recipients, target_id, target_kind, region_code, source_region_code, source_org_path, dedupe_key
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(topic text, payload text, recipients bigint[],
      target_id bigint, target_kind text, region_code text, source_region_code text, source_org_path text, dedupe_key text)
    ON CONFLICT (dedupe_key, target_id) DO NOTHING`;
}

/**
 * Many notices in a few statements (a sweep acting on a batch): the readers'
 * languages in one read, every in-app notification in one insert, the enabled
 * channels in one read, every outbox row in one insert. One result per input.
 */
export async function enqueueNotifications(trx: Transaction<Database>, inputs: readonly NotificationInput[]): Promise<EnqueueResult[]> {
  const users = usersOf(inputs);
  const localised = inputs.some((input) => typeof input.title !== 'string' || typeof input.body !== 'string');
  const locales = knownLocalesOf(inputs);
  const unknown = [...new Set(users.flat())].filter((id) => !locales.has(id));
  if (localised && unknown.length > 0) {
    const rows = await trx.selectFrom('app_user').select(['id', 'locale']).where('id', 'in', unknown).execute();
    for (const r of rows) locales.set(r.id, r.locale);
  }

  const results: EnqueueResult[] = inputs.map(() => ({ notified: 0, outbox: 0 }));
  const notificationRows = notificationRowsOf(inputs, users, locales);
  if (notificationRows.length > 0) {
    // Rows without a key never conflict, so each is written; keyed ones count when the insert returns them.
    const inputOfKey = new Map<string, number>();
    for (const n of notificationRows) {
      if (n.row.dedupe_key == null) results[n.input]!.notified += 1;
      else inputOfKey.set(n.row.dedupe_key, n.input);
    }
    const inserted = await sql<{
      dedupe_key: string | null;
    }>`${insertNotificationsSql(notificationRows.map((n) => n.row))} RETURNING dedupe_key`
      .execute(trx)
      .then((r) => r.rows);
    for (const r of inserted) {
      const i = r.dedupe_key === null ? undefined : inputOfKey.get(r.dedupe_key);
      if (i !== undefined) results[i]!.notified += 1;
    }
  }

  const outbound = inputs
    .map((input, i) => ({ input, i }))
    .filter(({ input, i }) => {
      if (input.targets === 'none') return false;
      // A fact every user had already heard of is old news: a channel added since must not receive the backlog.
      return !(input.dedupeKey && users[i]!.length > 0 && results[i]!.notified === 0);
    });
  if (outbound.length === 0) return results;
  const allPlaces = [...new Set(outbound.flatMap(({ input }) => [...placesOf(input.regionCode)]))];
  const candidates = await targetCandidatesQuery(trx, allPlaces).execute();
  const outboxRows = outboxRowsOf(outbound, users, candidates);
  if (outboxRows.length === 0) return results;
  const written = await sql<{ dedupe_key: string | null; target_id: string | null }>`${insertOutboxSql(outboxRows.map((o) => o.row))}
    RETURNING dedupe_key, target_id::text AS target_id`
    .execute(trx)
    .then((r) => r.rows);
  const inputOfOutbox = new Map<string, number>();
  for (const o of outboxRows) {
    if (o.row.dedupe_key == null) results[o.input]!.outbox += 1;
    else inputOfOutbox.set(`${o.row.dedupe_key}|${o.row.target_id}`, o.input);
  }
  for (const w of written) {
    const i = w.dedupe_key === null ? undefined : inputOfOutbox.get(`${w.dedupe_key}|${w.target_id}`);
    if (i !== undefined) results[i]!.outbox += 1;
  }
  return results;
}
