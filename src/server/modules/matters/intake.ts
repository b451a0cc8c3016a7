import { CompiledQuery, sql, type Insertable, type Kysely, type RawBuilder } from 'kysely';
import type { WorkCalendar } from '../../../domain/calendar/work-calendar.ts';
import { maskPhone } from '../../../domain/identity/codes.ts';
import { bigramVector } from '../../../domain/search/bigrams.ts';
import { MATTER_STATUS_LABELS } from '../../../domain/matters/labels.ts';
import type { CategoryKind, MatterLevel, MatterPriority } from '../../../domain/matters/limits.ts';
import { applyClockOps } from '../../../domain/matters/matter-clocks.ts';
import { applyMatterEvent, type MatterSnapshot } from '../../../domain/matters/workflow.ts';
import { regionLevelOf } from '../../../domain/regions.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Secrets } from '../../auth/secrets.ts';
import type { Database, MatterTable } from '../../db/schema.ts';
import { PREPARED } from '../../db/prepared.ts';
import { scopeWhere } from '../../db/scoped.ts';
import { AppError, invalidField, unknownReference } from '../../http/errors.ts';
import { auditRowOf, insertAuditSql } from '../audit/chain.ts';
import { ownBuildingId } from '../buildings/queries.ts';
import { loadWorkCalendar } from '../calendar/load.ts';
import { insertNotificationsSql, insertOutboxSql, newFactRowsOf, placesOf, targetCandidatesJson } from '../notifications/enqueue.ts';
import { audiencesJson, noticeInputsOf } from './notify.ts';
import { mayRaiseFor } from './policy.ts';
import { LIMITS_SETTING_KEY, columnsOf, eventRowsOf, insertEventsSql, limitsFor, limitsOverridesOf, type EventToWrite } from './state.ts';

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

const ID = /^[1-9]\d{0,17}$/;

/** A building that does not exist, or that the actor may not name. */
const unknownBuilding = () => new AppError('not_found', { fields: [{ path: 'buildingId', key: 'field.organisation_unknown' }] });

/** Everything intake reads before it decides, in one statement (bench/matters-intake-profile.ts). */
interface IntakeRead {
  earlier: string | null;
  category_id: string | null;
  category_kind: CategoryKind | null;
  limits: unknown;
  enterprise_id: string | null;
  enterprise_region: string | null;
  enterprise_path: string | null;
  enterprise_building: string | null;
  key_enterprise: boolean | null;
  building_id: string | null;
  building_region: string | null;
  building_path: string | null;
  building_readable: boolean | null;
  region_known: boolean | null;
}

/**
 * One read for what intake needs before it decides: an earlier submission with the
 * same key (a retry is answered at once), the category, the limits table, the
 * enterprise (as the actor may read it) and the building it names or rents in.
 */
async function readIntake(
  db: Db,
  actor: Actor,
  input: MatterIntake,
  key: string | null,
  enterpriseId: string | null,
  buildingId: string | null,
) {
  const userId = actor.userId === '0' ? null : actor.userId;
  const regionCode = input.regionCode ?? actor.regionCode ?? null;
  return sql<IntakeRead>`${sql.raw(PREPARED)}
    SELECT
      (SELECT id::text FROM matter WHERE ${key}::text IS NOT NULL AND submitted_by = ${userId}::bigint
         AND idempotency_key = ${key}) AS earlier,
      c.id::text AS category_id, c.kind AS category_kind,
      (SELECT value FROM app_setting WHERE key = ${LIMITS_SETTING_KEY}) AS limits,
      enterprise.organisation_id::text AS enterprise_id, enterprise.region_code AS enterprise_region,
      enterprise.org_path AS enterprise_path, enterprise.current_building_id::text AS enterprise_building,
      enterprise.is_key_enterprise AS key_enterprise,
      building.id::text AS building_id, building.region_code AS building_region, building.org_path AS building_path,
      building.id IS NOT NULL AND ${scopeWhere(actor, 'building', 'read')} AS building_readable,
      CASE WHEN ${regionCode}::text IS NOT NULL THEN EXISTS (SELECT 1 FROM region WHERE code = ${regionCode}) END AS region_known
    FROM (SELECT 1) one
    LEFT JOIN matter_category c ON c.id = ${input.categoryId}::bigint AND c.active
    LEFT JOIN enterprise ON ${enterpriseId}::bigint IS NOT NULL AND enterprise.organisation_id = ${enterpriseId}::bigint
      AND ${scopeWhere(actor, 'enterprise', 'read')}
    LEFT JOIN building ON building.id = coalesce(${buildingId}::bigint, enterprise.current_building_id)`
    .execute(db)
    .then((r) => r.rows[0]!);
}

/** Where a matter sits: its enterprise, building, region and the paths scope filters read. */
function placeMatter(actor: Actor, input: MatterIntake, read: IntakeRead) {
  const enterprise =
    read.enterprise_id === null
      ? undefined
      : {
          organisation_id: read.enterprise_id,
          region_code: read.enterprise_region!,
          org_path: read.enterprise_path!,
          current_building_id: read.enterprise_building,
          is_key_enterprise: read.key_enterprise === true,
        };
  const building =
    read.building_id === null ? undefined : { id: read.building_id, region_code: read.building_region!, org_path: read.building_path! };
  if (building) {
    // An enterprise may name the building it rents in, which it cannot otherwise read.
    if (!(read.building_readable || (enterprise && enterprise.current_building_id === building.id))) throw unknownBuilding();
    if (input.enterpriseId && enterprise && enterprise.current_building_id !== building.id)
      throw invalidField('buildingId', 'field.enterprise_not_in_building');
  }
  const regionCode = building?.region_code ?? enterprise?.region_code ?? input.regionCode ?? actor.regionCode ?? null;
  if (!regionCode) throw invalidField('enterpriseId', 'field.matter_place_required');
  // A building's or enterprise's region exists (a foreign key says so); one given or taken from the account is checked.
  if (!building && !enterprise && !read.region_known) throw invalidField('regionCode', 'field.region_unknown');
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
  if (!ID.test(input.categoryId)) throw invalidField('categoryId', 'field.category_unknown');
  const enterpriseId = input.enterpriseId ?? (actor.role === 'enterprise' ? actor.organisationId : null);
  if (enterpriseId !== null && !ID.test(enterpriseId)) throw unknownReference('enterpriseId');
  let buildingId = input.buildingId ?? null;
  if (buildingId !== null && !ID.test(buildingId)) throw unknownBuilding();
  // Building staff raising a matter of the building itself: their own building.
  if (!buildingId && !enterpriseId && actor.role === 'building') buildingId = await ownBuildingId(db, actor);
  const read = await readIntake(db, actor, input, key, enterpriseId, buildingId);
  if (read.earlier) return { id: read.earlier, created: false };
  if (!read.category_id || !read.category_kind) throw invalidField('categoryId', 'field.category_unknown');
  if (enterpriseId && !read.enterprise_id) throw unknownReference('enterpriseId');
  if (buildingId && !read.building_id) throw unknownBuilding();
  const { enterprise, building, regionCode, level } = placeMatter(actor, input, read);
  const staffEntry = input.source === 'staff' || input.source === 'joint_meeting' || input.source === 'inspection';
  const priority: MatterPriority =
    input.urgent && actor.role !== 'enterprise' ? 'urgent' : enterprise?.is_key_enterprise ? 'key_enterprise' : 'normal';
  const calendar = opts.calendar ?? (await loadWorkCalendar(db));
  const now = opts.now ?? new Date();

  const limits = limitsFor({ overrides: limitsOverridesOf(read.limits), categoryKind: read.category_kind, level, priority, calendar });
  let snapshot: MatterSnapshot = applyMatterEvent(null, { action: 'collect', level });
  let clocks = applyClockOps({ calendar, clocks: {}, action: 'collect', at: now, limits });
  const events: EventToWrite[] = [{ action: 'collect', from: null, to: 'collected', level, note: null, data: { source: input.source } }];
  if (staffEntry) {
    snapshot = applyMatterEvent(snapshot, { action: 'register' });
    clocks = applyClockOps({ calendar, clocks, action: 'register', at: now, limits });
    events.push({ action: 'register', from: 'collected', to: 'registered', level, note: null, data: {} });
  }
  const place = {
    level,
    region_code: regionCode,
    org_path: building?.org_path ?? '',
    enterprise_path: enterprise?.org_path ?? '',
    handler_path: '',
    building_id: building?.id ?? null,
  };
  // Staff who entered it have it in hand; a matter from the portal waits for the building's desk.
  const asks = staffEntry ? [] : [{ matter: place, audience: 'coordinator' as const }];
  const audiences = audiencesJson(asks);
  const channels = targetCandidatesJson(db, [...placesOf(regionCode)]);

  // The second read, after every check: the matter's number, who hears of it and the channels of its place.
  const next = await sql<{ id: string; recipients: unknown; targets: unknown }>`${sql.raw(PREPARED)}
    SELECT nextval('matter_id_seq')::text AS id, ${audiences.expression} AS recipients,
      ${asks.length === 0 ? sql`'[]'::jsonb` : channels.expression} AS targets`
    .execute(db)
    .then((r) => r.rows[0]!);
  const id = next.id;
  const phone = input.contactPhone?.trim() || null;
  const code = `LY${chinaDate(now)}${id.padStart(6, '0')}`;
  const matter: Insertable<MatterTable> = {
    id,
    code,
    title: input.title,
    description: input.description,
    category_id: read.category_id,
    source: input.source,
    priority,
    enterprise_id: enterprise?.organisation_id ?? null,
    building_id: building?.id ?? null,
    region_code: regionCode,
    org_path: place.org_path,
    enterprise_path: place.enterprise_path,
    contact_name: input.contactName?.trim() || null,
    contact_phone_enc: phone ? opts.secrets.encrypt(phone) : null,
    contact_phone_mask: phone ? maskPhone(phone) : null,
    address: input.address?.trim() || null,
    lat: input.lat ?? null,
    lng: input.lng ?? null,
    // Entered by staff, the matter is in hand at once: it counts as responded on time (响应率).
    responded_at: staffEntry ? now : null,
    responded_on_time: staffEntry ? true : null,
    idempotency_key: key,
    submitted_by: actor.userId === '0' ? null : actor.userId,
    created_at: now,
    updated_at: now,
    ...columnsOf(snapshot, clocks, calendar),
    // The trigger's vector, built here: in PL/pgSQL it was a fifth of the database's time per matter (migration 025).
    search: bigramVector(`${code} ${input.title} ${input.description}`),
  };
  const notices = noticeInputsOf(
    asks.map(({ audience }) => ({
      matter: { ...place, id, code: matter.code, title: input.title, status: snapshot.status },
      audience,
      key: 'notice.matter_new' as const,
      dedupeKey: `matter:${id}:new`,
      statusLabel: MATTER_STATUS_LABELS[snapshot.status]['zh-CN'],
    })),
    audiences.recipients(next.recipients),
  );
  const noticeRows = newFactRowsOf(notices, channels.candidates(next.targets));
  const eventRows = eventRowsOf({ matterId: id, events, afterSeq: 0, actor, at: now });
  const audit = auditRowOf(
    {
      actor,
      action: 'matter.submit',
      entity: 'matter',
      entityId: id,
      regionCode,
      after: { code: matter.code, status: snapshot.status, level, priority },
    },
    now.toISOString(),
  );
  const write = writeStatement(db, matter, [
    { rows: eventRows, insert: () => insertEventsSql(eventRows) },
    { rows: [audit], insert: () => insertAuditSql([audit]) },
    { rows: noticeRows.notifications, insert: () => insertNotificationsSql(noticeRows.notifications) },
    { rows: noticeRows.outbox, insert: () => insertOutboxSql(noticeRows.outbox) },
  ]);
  try {
    // One statement writes the matter, its events, its notices and its audit row: one transaction, one round trip;
    // the audit row is linked into the hash chain after the commit (decision 0004).
    await db.executeQuery(write);
    return { id, created: true };
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

/** Rows that go into the statement as one jsonb recordset parameter, and the insert that reads them. */
interface Recordset {
  rows: readonly unknown[];
  insert: () => RawBuilder<unknown>;
}

/** The write statement's text for each list of matter columns, compiled by Kysely the first time only. */
const writeTexts = new Map<string, string>();

/**
 * One statement of one text whatever the matter brings (its rows go as jsonb recordsets, one
 * parameter each), so it is prepared once per connection — and compiled once per process: its
 * parameters are the matter's values in column order, then each recordset as JSON. Building and
 * compiling the statement afresh was a tenth of the server's time per matter (bench/README.md).
 */
function writeStatement(db: Kysely<Database>, matter: Insertable<MatterTable>, recordsets: readonly [Recordset, Recordset, Recordset, Recordset]): CompiledQuery {
  const columns = Object.keys(matter) as (keyof typeof matter)[];
  const parameters: unknown[] = [...columns.map((c) => matter[c]), ...recordsets.map((r) => JSON.stringify(r.rows))];
  const key = columns.join(',');
  let text = writeTexts.get(key);
  if (text === undefined) {
    const compiled = sql`${sql.raw(PREPARED)}
      WITH m AS (${db.insertInto('matter').values(matter).returning('id')}),
      e AS (${recordsets[0].insert()}),
      a AS (${recordsets[1].insert()}),
      n AS (${recordsets[2].insert()}),
      o AS (${recordsets[3].insert()})
      SELECT id FROM m`.compile(db);
    // The text is reused only if its parameters are exactly the ones laid out above.
    const same =
      compiled.parameters.length === parameters.length &&
      compiled.parameters.every((p, i) => p === parameters[i] || (p instanceof Date && p.getTime() === (parameters[i] as Date).getTime()));
    if (!same) throw new Error('the intake write statement does not take its parameters in column order');
    text = compiled.sql;
    writeTexts.set(key, text);
  }
  return CompiledQuery.raw(text, parameters);
}
