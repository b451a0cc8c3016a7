import { sql, type Transaction } from 'kysely';
import { MATTER_LEVELS } from '../../../domain/matters/limits.ts';
import type { Database, Locale } from '../../db/schema.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import { enqueueNotifications } from '../notifications/enqueue.ts';
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

interface Recipient {
  id: string;
  locale: Locale;
}

/** The accounts (and their languages) of many audiences in one statement, in the order asked. */
async function audiencesUsers(
  trx: Transaction<Database>,
  asks: readonly { matter: MatterPlace; audience: Audience }[],
): Promise<Recipient[][]> {
  const out: Recipient[][] = asks.map(() => []);
  const rows = asks.flatMap((a, i) => {
    const spec = audienceSpec(a.matter, a.audience);
    if (spec === null) return [];
    return [
      {
        i,
        roles: spec.roles.join(','),
        over_path: spec.overPath ?? null,
        region_is: spec.regionIs ?? null,
        region_over: spec.regionOver ?? null,
      },
    ];
  });
  if (rows.length === 0) return out;
  const found = await sql<{ i: number; id: string; locale: Locale }>`
    SELECT s.i, u.id, u.locale
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS s(i int, roles text, over_path text, region_is text, region_over text)
    JOIN app_user u ON NOT u.disabled
      AND u.role = ANY (string_to_array(s.roles, ','))
      AND (s.over_path IS NULL OR (u.org_path <> '' AND s.over_path LIKE u.org_path || '%'))
      AND (s.region_is IS NULL OR u.region_code = s.region_is)
      AND (s.region_over IS NULL OR (u.region_code IS NOT NULL AND s.region_over LIKE u.region_code || '%'))
    ORDER BY s.i, u.id`.execute(trx);
  for (const r of found.rows) out[r.i]!.push({ id: String(r.id), locale: r.locale });
  return out;
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

export async function notifyMatter(trx: Transaction<Database>, notice: MatterNotice): Promise<void> {
  await notifyMatters(trx, [notice]);
}

/** Many notices about matters: one read of their audiences, then the batch enqueue. */
export async function notifyMatters(trx: Transaction<Database>, notices: readonly MatterNotice[]): Promise<void> {
  if (notices.length === 0) return;
  const audiences = await audiencesUsers(trx, notices);
  const inputs = notices.flatMap((n, i) => {
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
  if (inputs.length > 0) await enqueueNotifications(trx, inputs);
}
