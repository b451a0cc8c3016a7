import { sql, type RawBuilder, type Transaction } from 'kysely';
import { MATTER_LEVELS } from '../../../domain/matters/limits.ts';
import type { Database, Locale } from '../../db/schema.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import { enqueueNotifications, type NotificationInput } from '../notifications/enqueue.ts';
import { levelRegion, type MatterPlace } from './policy.ts';

/**
 * NTF-1 who hears of a step: the desk that now owes the next move. Recipients are
 * found by the same places the policy uses (organisation paths, level regions), and
 * the notice goes through the outbox in the transition's own transaction.
 */
export type Audience = 'coordinator' | 'handler' | 'enterprise' | 'supervisor';

export interface NoticeMatter extends MatterPlace {
  id: string;
  code: string;
  title: string;
  status: string;
}

const ROLE_OF_LEVEL = { street: 'street', district: 'district', city: 'city' } as const;

/**
 * Who is in an audience, as data: accounts of these roles whose organisation
 * path is a prefix of `overPath`, whose region is `regionIs`, or whose region is
 * a prefix of `regionOver`. One rule, read by the single and the batch query.
 */
interface AudienceSpec {
  roles: readonly string[];
  overPath?: string;
  regionIs?: string;
  regionOver?: string;
}

function audienceSpec(matter: MatterPlace, audience: Audience): AudienceSpec | null {
  switch (audience) {
    case 'enterprise':
      return matter.enterprise_path ? { roles: ['enterprise'], overPath: matter.enterprise_path } : null;
    case 'handler':
      return matter.handler_path ? { roles: ['dept', 'building'], overPath: matter.handler_path } : null;
    case 'coordinator':
      return coordinatorSpec(matter, matter.level);
    case 'supervisor': {
      const above = MATTER_LEVELS[Math.min(MATTER_LEVELS.indexOf(matter.level) + 1, MATTER_LEVELS.length - 1)]!;
      return coordinatorSpec(matter, above);
    }
  }
}

function coordinatorSpec(matter: MatterPlace, level: MatterPlace['level']): AudienceSpec {
  if (level === 'building') {
    if (matter.building_id === null) return { roles: ['village'], regionOver: matter.region_code };
    return { roles: ['building'], overPath: matter.org_path };
  }
  return { roles: [ROLE_OF_LEVEL[level]], regionIs: levelRegion(matter.region_code, level) };
}

export async function audienceUserIds(trx: Transaction<Database>, matter: MatterPlace, audience: Audience): Promise<string[]> {
  const [users] = await audiencesUsers(trx, [{ matter, audience }]);
  return users!.map((u) => u.id);
}

export interface Recipient {
  id: string;
  locale: Locale;
}

type Ask = { matter: MatterPlace; audience: Audience };

/**
 * The distinct audiences of the asks as rows of a recordset (`i` the row's own number),
 * and for each ask the row that answers it (null: no audience). A sweep's 2,000 notices
 * name a few hundred audiences; each is matched against the accounts once.
 */
function audienceRowsOf(asks: readonly Ask[]) {
  const rows: { i: number; roles: string; over_path: string | null; region_is: string | null; region_over: string | null }[] = [];
  const rowOfKey = new Map<string, number>();
  const rowOfAsk = asks.map((a) => {
    const spec = audienceSpec(a.matter, a.audience);
    if (spec === null) return null;
    const row = {
      i: rows.length,
      roles: spec.roles.join(','),
      over_path: spec.overPath ?? null,
      region_is: spec.regionIs ?? null,
      region_over: spec.regionOver ?? null,
    };
    const key = JSON.stringify([row.roles, row.over_path, row.region_is, row.region_over]);
    const known = rowOfKey.get(key);
    if (known !== undefined) return known;
    rowOfKey.set(key, row.i);
    rows.push(row);
    return row.i;
  });
  return { rows, rowOfAsk };
}

/** The audiences joined to the accounts in them: `s.i` the audience, `u` the account. */
function audienceFrom(rows: ReturnType<typeof audienceRowsOf>['rows']) {
  return sql`
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS s(i int, roles text, over_path text, region_is text, region_over text)
    JOIN app_user u ON NOT u.disabled
      AND u.role = ANY (string_to_array(s.roles, ','))
      AND (s.over_path IS NULL OR (u.org_path <> '' AND s.over_path LIKE u.org_path || '%'))
      AND (s.region_is IS NULL OR u.region_code = s.region_is)
      AND (s.region_over IS NULL OR (u.region_code IS NOT NULL AND s.region_over LIKE u.region_code || '%'))`;
}

/** The accounts (and their languages) of many audiences in one statement, in the order asked. */
async function audiencesUsers(trx: Transaction<Database>, asks: readonly Ask[]): Promise<Recipient[][]> {
  const { rows, rowOfAsk } = audienceRowsOf(asks);
  if (rows.length === 0) return asks.map(() => []);
  const found = await sql<{
    i: number;
    id: string;
    locale: Locale;
  }>`SELECT s.i, u.id, u.locale ${audienceFrom(rows)} ORDER BY s.i, u.id`.execute(trx);
  return recipientsByAsk(rows.length, rowOfAsk, found.rows);
}

function recipientsByAsk(
  audiences: number,
  rowOfAsk: readonly (number | null)[],
  found: readonly { i: number; id: string | number; locale: Locale }[],
): Recipient[][] {
  const byRow: Recipient[][] = Array.from({ length: audiences }, () => []);
  for (const r of found) byRow[r.i]!.push({ id: String(r.id), locale: r.locale });
  return rowOfAsk.map((row) => (row === null ? [] : byRow[row]!));
}

/**
 * The same inside a larger statement (intake: one read for its number, audiences and
 * channels): `expression` yields a jsonb value, `recipients` turns it back into the
 * accounts of each ask.
 */
export function audiencesJson(asks: readonly Ask[]): { expression: RawBuilder<unknown>; recipients: (value: unknown) => Recipient[][] } {
  const { rows, rowOfAsk } = audienceRowsOf(asks);
  return {
    expression:
      rows.length === 0
        ? sql`'[]'::jsonb`
        : sql`(SELECT coalesce(jsonb_agg(jsonb_build_object('i', s.i, 'id', u.id::text, 'locale', u.locale) ORDER BY s.i, u.id), '[]'::jsonb) ${audienceFrom(rows)})`,
    recipients: (value) =>
      recipientsByAsk(rows.length, rowOfAsk, Array.isArray(value) ? (value as { i: number; id: string; locale: Locale }[]) : []),
  };
}

export interface MatterNotice {
  matter: NoticeMatter;
  audience: Audience;
  key: MessageKey;
  params?: Record<string, string | number>;
  /** Names the fact, so a sweep that runs twice notifies once. */
  dedupeKey: string;
  statusLabel: string;
}

/** Many notices about matters: one read of their audiences, then the batch enqueue. */
export async function notifyMatters(trx: Transaction<Database>, notices: readonly MatterNotice[]): Promise<void> {
  if (notices.length === 0) return;
  const inputs = noticeInputsOf(notices, await audiencesUsers(trx, notices));
  if (inputs.length > 0) await enqueueNotifications(trx, inputs);
}

/** What each notice says to its audience (the accounts found for it): notices nobody is to hear are dropped. */
export function noticeInputsOf(notices: readonly MatterNotice[], audiences: readonly Recipient[][]): NotificationInput[] {
  return notices.flatMap((n, i) => {
    const recipients = audiences[i]!;
    if (recipients.length === 0) return [];
    return [
      {
        kind: `matter.${n.key.replace(/^notice\.matter_/, '')}`,
        title: { key: n.key, params: { title: n.matter.title, ...(n.params ?? {}) } },
        body: { key: 'notice.matter_body' as const, params: { code: n.matter.code, status: n.statusLabel } },
        link: `/matters/${n.matter.id}`,
        regionCode: n.matter.region_code,
        orgPath: n.matter.org_path || null,
        userIds: recipients.map((r) => r.id),
        locales: new Map(recipients.map((r) => [r.id, r.locale])),
        dedupeKey: n.dedupeKey,
      },
    ];
  });
}
