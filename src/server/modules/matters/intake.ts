import { sql, type Kysely } from 'kysely';
import type { WorkCalendar } from '../../../domain/calendar/work-calendar.ts';
import { maskPhone } from '../../../domain/identity/codes.ts';
import { MATTER_STATUS_LABELS } from '../../../domain/matters/labels.ts';
import type { CategoryKind, MatterLevel, MatterPriority } from '../../../domain/matters/limits.ts';
import { applyClockOps } from '../../../domain/matters/matter-clocks.ts';
import { applyMatterEvent, type MatterSnapshot } from '../../../domain/matters/workflow.ts';
import { regionLevelOf } from '../../../domain/regions.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Secrets } from '../../auth/secrets.ts';
import type { Database, MatterTable } from '../../db/schema.ts';
import { scopeWhere } from '../../db/scoped.ts';
import { AppError, invalidField, unknownReference } from '../../http/errors.ts';
import { recordAudit } from '../audit/chain.ts';
import { loadWorkCalendar } from '../calendar/load.ts';
import { notifyMatter } from './notify.ts';
import { mayRaiseFor } from './policy.ts';
import { LIMITS_SETTING_KEY, appendEvents, columnsOf, limitsFor, limitsOverridesOf, type EventToWrite } from './state.ts';

export interface MatterIntake {
  categoryId: string;
  title: string;
  description: string;
  enterpriseId?: string | null | undefined;
  buildingId?: string | null | undefined;
  regionCode?: string | null | undefined;
  urgent?: boolean | undefined;
  contactName?: string | null | undefined;
  contactPhone?: string | null | undefined;
  address?: string | null | undefined;
  lat?: number | null | undefined;
  lng?: number | null | undefined;
  source: MatterTable['source'];
  /** A client's key for this submission: retrying with it returns the first matter (MAT-1). */
  idempotencyKey?: string | null | undefined;
}

export interface IntakeResult {
  id: string;
  /** False when an earlier submission with the same idempotency key was returned. */
  created: boolean;
}

type Db = Kysely<Database>;

/** Where a matter sits: its enterprise, building, region and the paths scope filters read. */
async function placeMatter(db: Db, actor: Actor, input: MatterIntake) {
  let enterprise:
    | {
        organisation_id: string;
        region_code: string;
        org_path: string;
        building_path: string;
        current_building_id: string | null;
        is_key_enterprise: boolean;
      }
    | undefined;
  const enterpriseId = input.enterpriseId ?? (actor.role === 'enterprise' ? actor.organisationId : null);
  if (enterpriseId) {
    enterprise = await db
      .selectFrom('enterprise')
      .select(['organisation_id', 'region_code', 'org_path', 'building_path', 'current_building_id', 'is_key_enterprise'])
      .where('organisation_id', '=', enterpriseId)
      .where(scopeWhere(actor, 'enterprise', 'read'))
      .executeTakeFirst();
    if (!enterprise) throw unknownReference('enterpriseId');
  }
  let buildingId = input.buildingId ?? enterprise?.current_building_id ?? null;
  if (!buildingId && !enterprise && actor.role === 'building') {
    // Building staff raising a matter of the building itself: their own building.
    const own = await db
      .selectFrom('building')
      .select('id')
      .where(scopeWhere(actor, 'building', 'read'))
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    buildingId = own?.id ?? null;
  }
  let building: { id: string; region_code: string; org_path: string } | undefined;
  if (buildingId) {
    building = await db
      .selectFrom('building')
      .select(['id', 'region_code', 'org_path'])
      .where('id', '=', buildingId)
      // An enterprise may name the building it rents in, which it cannot otherwise read.
      .where((eb) => (enterprise && enterprise.current_building_id === buildingId ? eb.val(true) : scopeWhere(actor, 'building', 'read')))
      .executeTakeFirst();
    if (!building) throw new AppError('not_found', { fields: [{ path: 'buildingId', key: 'field.organisation_unknown' }] });
    if (input.enterpriseId && enterprise && enterprise.current_building_id !== building.id)
      throw invalidField('buildingId', 'field.enterprise_not_in_building');
  }
  const regionCode = building?.region_code ?? enterprise?.region_code ?? input.regionCode ?? actor.regionCode ?? null;
  if (!regionCode) throw invalidField('enterpriseId', 'field.matter_place_required');
  // A building's or enterprise's region exists (a foreign key says so); one given or taken from the account is checked.
  if (!building && !enterprise) {
    const region = await db.selectFrom('region').select('code').where('code', '=', regionCode).executeTakeFirst();
    if (!region) throw invalidField('regionCode', 'field.region_unknown');
  }
  const place = { regionCode, buildingPath: building?.org_path ?? '', enterprisePath: enterprise?.org_path ?? '' };
  if (!mayRaiseFor(actor, place))
    throw new AppError('forbidden', { fields: [{ path: enterprise ? 'enterpriseId' : 'regionCode', key: 'field.region_out_of_scope' }] });
  // The first desk: the building when there is one (or a village's own office), else the street, else the district.
  const levelOfRegion = regionLevelOf(regionCode);
  const level: MatterLevel =
    building || levelOfRegion === 'village'
      ? 'building'
      : levelOfRegion === 'township'
        ? 'street'
        : levelOfRegion === 'county'
          ? 'district'
          : 'city';
  return { enterprise, building, regionCode, level, place };
}

/** China-time date digits for the record number. */
function chinaDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '');
}

/**
 * MAT-1 a matter comes in (收集). From the enterprise portal or Open311 it waits
 * for the building to register it; entered by staff it is registered at once.
 * Key enterprises ride the priority lane (MAT-6). The idempotency key makes a
 * retried submission return the first matter rather than a second one.
 */
export async function submitMatter(opts: {
  db: Db;
  actor: Actor;
  secrets: Secrets;
  input: MatterIntake;
  calendar?: WorkCalendar;
  now?: Date;
}): Promise<IntakeResult> {
  const { db, actor, input } = opts;
  const key = input.idempotencyKey?.trim() || null;
  if (!/^[1-9]\d{0,17}$/.test(input.categoryId)) throw invalidField('categoryId', 'field.category_unknown');
  // One read for what intake needs before it places the matter: a retry is answered at once,
  // and a first submission pays one round trip, not three (bench/matters-intake-profile.ts).
  const pre = await sql<{ earlier: string | null; category_id: string | null; category_kind: CategoryKind | null; limits: unknown }>`
    SELECT
      (SELECT id::text FROM matter WHERE ${key}::text IS NOT NULL AND submitted_by = ${actor.userId === '0' ? null : actor.userId}::bigint
         AND idempotency_key = ${key}) AS earlier,
      c.id::text AS category_id, c.kind AS category_kind,
      (SELECT value FROM app_setting WHERE key = ${LIMITS_SETTING_KEY}) AS limits
    FROM (SELECT 1) one LEFT JOIN matter_category c ON c.id = ${input.categoryId}::bigint AND c.active`
    .execute(db)
    .then((r) => r.rows[0]!);
  if (pre.earlier) return { id: pre.earlier, created: false };
  if (!pre.category_id || !pre.category_kind) throw invalidField('categoryId', 'field.category_unknown');
  const category = { id: pre.category_id, kind: pre.category_kind };
  const overrides = limitsOverridesOf(pre.limits);
  const { enterprise, building, regionCode, level } = await placeMatter(db, actor, input);
  const staffEntry = input.source === 'staff' || input.source === 'joint_meeting' || input.source === 'inspection';
  const priority: MatterPriority =
    input.urgent && actor.role !== 'enterprise' ? 'urgent' : enterprise?.is_key_enterprise ? 'key_enterprise' : 'normal';
  const calendar = opts.calendar ?? (await loadWorkCalendar(db));
  const now = opts.now ?? new Date();

  try {
    return await db.transaction().execute(async (trx) => {
      const limits = limitsFor({ overrides, categoryKind: category.kind, level, priority, calendar });
      let snapshot: MatterSnapshot = applyMatterEvent(null, { action: 'collect', level });
      let clocks = applyClockOps({ calendar, clocks: {}, action: 'collect', at: now, limits });
      const events: EventToWrite[] = [
        { action: 'collect', from: null, to: 'collected', level, note: null, data: { source: input.source } },
      ];
      if (staffEntry) {
        snapshot = applyMatterEvent(snapshot, { action: 'register' });
        clocks = applyClockOps({ calendar, clocks, action: 'register', at: now, limits });
        events.push({ action: 'register', from: 'collected', to: 'registered', level, note: null, data: {} });
      }
      const { id: seqId } = await sql<{ id: string }>`SELECT nextval('matter_id_seq')::text AS id`.execute(trx).then((r) => r.rows[0]!);
      const phone = input.contactPhone?.trim() || null;
      const row = await trx
        .insertInto('matter')
        .values({
          id: seqId,
          code: `LY${chinaDate(now)}${seqId.padStart(6, '0')}`,
          title: input.title,
          description: input.description,
          category_id: category.id,
          source: input.source,
          priority,
          enterprise_id: enterprise?.organisation_id ?? null,
          building_id: building?.id ?? null,
          region_code: regionCode,
          org_path: building?.org_path ?? '',
          enterprise_path: enterprise?.org_path ?? '',
          contact_name: input.contactName?.trim() || null,
          contact_phone_enc: phone ? opts.secrets.encrypt(phone) : null,
          contact_phone_mask: phone ? maskPhone(phone) : null,
          address: input.address?.trim() || null,
          lat: input.lat ?? null,
          lng: input.lng ?? null,
          // Entered by staff, the matter is in hand at once: it counts as responded on time (响应率).
          ...(staffEntry ? { responded_at: now, responded_on_time: true } : {}),
          idempotency_key: key,
          submitted_by: actor.userId === '0' ? null : actor.userId,
          created_at: now,
          updated_at: now,
          ...columnsOf(snapshot, clocks, calendar),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await appendEvents(trx, { matterId: row.id, actor, events, at: now, first: true });
      // Staff who entered it have it in hand; a matter from the portal waits for the building's desk.
      if (!staffEntry)
        await notifyMatter(trx, {
          matter: row,
          audience: 'coordinator',
          key: 'notice.matter_new',
          dedupeKey: `matter:${row.id}:new`,
          statusLabel: MATTER_STATUS_LABELS[snapshot.status]['zh-CN'],
        });
      // In the same transaction (all or nothing); linked into the hash chain after the commit (decision 0004).
      await recordAudit(trx, {
        actor,
        action: 'matter.submit',
        entity: 'matter',
        entityId: row.id,
        regionCode,
        after: { code: row.code, status: row.status, level, priority },
      });
      return { id: row.id, created: true };
    });
  } catch (err) {
    // Two retries racing with one key: the unique index lets one in; the other returns it.
    if (key && (err as { code?: string }).code === '23505') {
      const earlier = await db
        .selectFrom('matter')
        .select('id')
        .where('submitted_by', '=', actor.userId)
        .where('idempotency_key', '=', key)
        .executeTakeFirst();
      if (earlier) return { id: earlier.id, created: false };
    }
    throw err;
  }
}
