import { sql, type RawBuilder, type Transaction } from 'kysely';
import { MATTER_LEVELS } from '../../../domain/matters/limits.ts';
import type { Database } from '../../db/schema.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import { enqueueNotification } from '../notifications/enqueue.ts';
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

export async function audienceUserIds(trx: Transaction<Database>, matter: MatterPlace, audience: Audience): Promise<string[]> {
  const condition = audienceCondition(matter, audience);
  if (condition === null) return [];
  const rows = await trx.selectFrom('app_user').select('id').where('disabled', '=', false).where(condition).execute();
  return rows.map((r) => r.id);
}

/** `app_user`'s path is a prefix of the matter's place: the account sits over it. */
const over = (path: string) => sql<boolean>`app_user.org_path <> '' AND ${path} LIKE app_user.org_path || '%'`;

function audienceCondition(matter: MatterPlace, audience: Audience): RawBuilder<boolean> | null {
  switch (audience) {
    case 'enterprise':
      return matter.enterprise_path ? sql<boolean>`app_user.role = 'enterprise' AND ${over(matter.enterprise_path)}` : null;
    case 'handler':
      return matter.handler_path ? sql<boolean>`app_user.role IN ('dept', 'building') AND ${over(matter.handler_path)}` : null;
    case 'coordinator':
      return coordinatorCondition(matter, matter.level);
    case 'supervisor': {
      const above = MATTER_LEVELS[Math.min(MATTER_LEVELS.indexOf(matter.level) + 1, MATTER_LEVELS.length - 1)]!;
      return coordinatorCondition(matter, above);
    }
  }
}

function coordinatorCondition(matter: MatterPlace, level: MatterPlace['level']): RawBuilder<boolean> {
  if (level === 'building') {
    if (matter.building_id === null) {
      return sql<boolean>`app_user.role = 'village' AND app_user.region_code IS NOT NULL AND ${matter.region_code} LIKE app_user.region_code || '%'`;
    }
    return sql<boolean>`app_user.role = 'building' AND ${over(matter.org_path)}`;
  }
  return sql<boolean>`app_user.role = ${ROLE_OF_LEVEL[level]} AND app_user.region_code = ${levelRegion(matter.region_code, level)}`;
}

export async function notifyMatter(
  trx: Transaction<Database>,
  opts: {
    matter: NoticeMatter;
    audience: Audience;
    key: MessageKey;
    params?: Record<string, string | number>;
    /** Names the fact, so a sweep that runs twice notifies once. */
    dedupeKey: string;
    statusLabel: string;
  },
): Promise<void> {
  const userIds = await audienceUserIds(trx, opts.matter, opts.audience);
  if (userIds.length === 0) return;
  await enqueueNotification(trx, {
    kind: `matter.${opts.key.replace(/^notice\.matter_/, '')}`,
    title: { key: opts.key, params: { title: opts.matter.title, ...(opts.params ?? {}) } },
    body: { key: 'notice.matter_body', params: { code: opts.matter.code, status: opts.statusLabel } },
    link: `/matters/${opts.matter.id}`,
    regionCode: opts.matter.region_code,
    orgPath: opts.matter.org_path || null,
    userIds,
    dedupeKey: opts.dedupeKey,
  });
}
