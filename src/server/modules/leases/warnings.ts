import { sql, type Kysely, type Transaction } from 'kysely';
import { addDays } from '../../../domain/registry/occupancy.ts';
import { regionLevelOf } from '../../../domain/regions.ts';
import { SYSTEM_ACTOR, type Actor } from '../../auth/actor.ts';
import type { Database, Locale, Role } from '../../db/schema.ts';
import { allows } from '../../db/scoped.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import { recordAudit } from '../audit/chain.ts';
import { enqueueNotification } from '../notifications/enqueue.ts';

/**
 * REG-3 / NTF-1 lease warnings in the notification centre: a lease ending
 * within N days (or past its end with nothing recorded) and a move-out are
 * announced to the users whose scope covers the building — its building staff
 * and the staff of its street. `dedupe_key` is unique, so however often the
 * sweep runs, and on however many instances, each user hears of each once.
 */

type Db = Kysely<Database> | Transaction<Database>;

interface Recipient {
  id: string;
  locale: Locale;
}

interface BuildingPlace {
  id: string;
  name: string;
  region_code: string;
  org_path: string;
}

/** The street (township) a building lies in, if it is registered at that level or below. */
function streetOf(regionCode: string): string | null {
  const level = regionLevelOf(regionCode);
  return level === 'township' || level === 'village' ? regionCode.slice(0, 9) : null;
}

/** Building-role users over the building and street users of its street, kept only if their scope really covers it. */
export async function warningRecipients(db: Db, building: BuildingPlace): Promise<Recipient[]> {
  const street = streetOf(building.region_code);
  const users = await db
    .selectFrom('app_user')
    .select(['id', 'username', 'display_name', 'role', 'locale', 'region_code', 'organisation_id', 'org_path', 'person_id'])
    .where('disabled', '=', false)
    .where((eb) =>
      eb.or([
        eb.and([eb('role', '=', 'building'), sql<boolean>`app_user.org_path <> '' AND ${building.org_path} LIKE app_user.org_path || '%'`]),
        ...(street ? [eb.and([eb('role', '=', 'street'), eb('region_code', '=', street)])] : []),
      ]),
    )
    .orderBy('id')
    .execute();
  return users
    .filter((u) => {
      const actor: Actor = {
        userId: u.id,
        username: u.username,
        displayName: u.display_name,
        role: u.role satisfies Role,
        locale: u.locale,
        regionCode: u.region_code,
        organisationId: u.organisation_id,
        orgPath: u.org_path,
        personId: u.person_id,
      };
      return allows(actor, 'building', 'read', { regionCode: building.region_code, orgPath: building.org_path });
    })
    .map((u) => ({ id: u.id, locale: u.locale }));
}

export interface LeaseNotice {
  kind: 'lease_expiry' | 'lease_overdue' | 'lease_move_out';
  /** Identifies the fact announced; the recipient is appended. */
  dedupeKey: string;
  building: BuildingPlace;
  params: Record<string, string | number>;
}

const NOTICE_TEXT: Record<LeaseNotice['kind'], { title: MessageKey; body: MessageKey }> = {
  lease_expiry: { title: 'notification.lease_expiry.title', body: 'notification.lease_expiry.body' },
  lease_overdue: { title: 'notification.lease_overdue.title', body: 'notification.lease_overdue.body' },
  lease_move_out: { title: 'notification.lease_move_out.title', body: 'notification.lease_move_out.body' },
};

/**
 * One notification per recipient, in their language, and the same notice to
 * the street's and building's outbound channels (NTF-1); returns how many
 * notifications were new.
 */
export async function notifyRecipients(trx: Transaction<Database>, notice: LeaseNotice, recipients: readonly Recipient[]): Promise<number> {
  if (recipients.length === 0) return 0;
  const { notified } = await enqueueNotification(trx, {
    kind: notice.kind,
    title: { key: NOTICE_TEXT[notice.kind].title, params: notice.params },
    body: { key: NOTICE_TEXT[notice.kind].body, params: notice.params },
    link: `/buildings/${notice.building.id}`,
    regionCode: notice.building.region_code,
    orgPath: notice.building.org_path,
    userIds: recipients.map((r) => r.id),
    dedupeKey: notice.dedupeKey,
  });
  return notified;
}

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** A lease whose end passed this long ago without anything recorded is still announced (a sweep missed while down catches up). */
const OVERDUE_GRACE_DAYS = 30;

export interface SweepResult {
  leases: number;
  notifications: number;
}

/**
 * The sweep: leases not ended whose end date falls within `withinDays` (or
 * passed in the last 30 days), read by the partial index on `lease.end_on`, in
 * batches locked FOR UPDATE SKIP LOCKED — instances running at once share the
 * work instead of waiting, and a lease being changed right now is left to the
 * next run.
 */
export async function raiseLeaseWarnings(opts: {
  db: Kysely<Database>;
  today: string;
  withinDays?: number;
  batchSize?: number;
}): Promise<SweepResult> {
  const { db, today } = opts;
  const withinDays = opts.withinDays ?? 90;
  const batchSize = opts.batchSize ?? 200;
  const result: SweepResult = { leases: 0, notifications: 0 };
  let cursor: { endOn: string; id: string } | null = null;
  for (;;) {
    const batch: { size: number; last: { endOn: string; id: string } | null } = await db.transaction().execute(async (trx) => {
      let q = trx
        .selectFrom('lease')
        .innerJoin('building', 'building.id', 'lease.building_id')
        .innerJoin('organisation', 'organisation.id', 'lease.enterprise_id')
        .select([
          'lease.id',
          'lease.end_on',
          'lease.area',
          'building.id as building_id',
          'building.name as building_name',
          'building.region_code',
          'building.org_path',
          'organisation.name as enterprise_name',
        ])
        .where('lease.ended_on', 'is', null)
        .where('lease.end_on', '>=', addDays(today, -OVERDUE_GRACE_DAYS))
        .where('lease.end_on', '<=', addDays(today, withinDays));
      if (cursor) q = q.where(sql<boolean>`(lease.end_on, lease.id) > (${cursor.endOn}::date, ${cursor.id}::bigint)`);
      const rows = await q.orderBy('lease.end_on').orderBy('lease.id').limit(batchSize).forUpdate(['lease']).skipLocked().execute();
      const recipientsByBuilding = new Map<string, Recipient[]>();
      for (const row of rows) {
        const building = { id: row.building_id, name: row.building_name, region_code: row.region_code, org_path: row.org_path };
        let recipients = recipientsByBuilding.get(building.id);
        if (!recipients) recipientsByBuilding.set(building.id, (recipients = await warningRecipients(trx, building)));
        const days = daysBetween(today, row.end_on);
        const kind = days < 0 ? 'lease_overdue' : 'lease_expiry';
        // The end date is part of the key: after a renewal the new end is announced in its turn.
        const notice: LeaseNotice = {
          kind,
          dedupeKey: `lease_expiry:${row.id}:${row.end_on}`,
          building,
          params: { enterprise: row.enterprise_name, building: building.name, date: row.end_on, days, area: Number(row.area) },
        };
        const n = await notifyRecipients(trx, notice, recipients);
        if (n > 0) {
          await recordAudit(trx, {
            actor: SYSTEM_ACTOR,
            action: 'lease.warn',
            entity: 'lease',
            entityId: row.id,
            regionCode: building.region_code,
            after: { kind, endOn: row.end_on, notified: n },
          });
        }
        result.notifications += n;
      }
      result.leases += rows.length;
      const last = rows.at(-1);
      return { size: rows.length, last: last ? { endOn: last.end_on, id: last.id } : null };
    });
    if (batch.size < batchSize || !batch.last) break;
    cursor = batch.last;
  }
  return result;
}

/** A move-out announced at once, in the transaction that records it. */
export async function notifyMoveOut(
  trx: Transaction<Database>,
  m: { leaseId: string; building: BuildingPlace; enterpriseName: string; effectiveOn: string; area: number },
): Promise<number> {
  const recipients = await warningRecipients(trx, m.building);
  return notifyRecipients(
    trx,
    {
      kind: 'lease_move_out',
      dedupeKey: `lease_move_out:${m.leaseId}`,
      building: m.building,
      params: { enterprise: m.enterpriseName, building: m.building.name, date: m.effectiveOn, area: m.area },
    },
    recipients,
  );
}
