import { sql, type Transaction } from 'kysely';
import {
  applyLeaseEvent,
  fitsOfficeArea,
  peakLeasedArea,
  type LeaseEventFact,
  type LeaseEventInput,
  type LeaseEventRefusal,
  type LeaseState,
} from '../../../domain/registry/occupancy.ts';
import type { Database } from '../../db/schema.ts';
import { allows, scopeWhere } from '../../db/scoped.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import { recordAudit } from '../audit/chain.ts';
import { capacityEvents } from '../leases/facts.ts';
import { leaseInput } from '../leases/schemas.ts';
import type { RowError } from './schemas.ts';
import { present, RowRefused, type BatchContext, type BatchOutcome, type BatchProcessor } from './rows.ts';

/**
 * REG-9 leases by their contract number (`external_ref`), or by building,
 * enterprise and start date when a row has none. A row states the lease as it
 * stands; where it differs from the recorded lease the difference is recorded
 * as the event it is (REG-3): a larger or smaller area an area change, a later
 * end a renewal, a move-out date a move-out (or an expiry after the end) — each
 * checked by the lease rules and the building's capacity, effective today.
 */
type Trx = Transaction<Database>;
type Lease = Awaited<ReturnType<typeof leasesByRef>>[number];

function leasesByRef(trx: Trx, refs: string[]) {
  return trx.selectFrom('lease').selectAll().where('external_ref', 'in', refs).forUpdate().execute();
}

const refusalKey: Record<LeaseEventRefusal['reason'], MessageKey> = {
  ended: 'import.lease_ended_fixed',
  before_last_event: 'field.lease_event_order',
  expiry_before_end: 'field.lease_expiry_before_end',
  after_end: 'field.lease_after_end',
  area_required: 'field.area_required',
  area_unchanged: 'field.area_unchanged',
  end_required: 'field.end_required',
  end_not_later: 'field.end_not_later',
  end_before_effective: 'field.date_order',
};

interface Resolved {
  row: number;
  building: { id: string; region_code: string; org_path: string; office_area: string };
  enterprise: { id: string; org_path: string };
  area: number;
  units: string;
  startOn: string;
  endOn: string;
  endedOn: string | null;
  monthlyRent: number | null;
  externalRef: string | null;
  given: Set<string>;
}

async function lastEvent(trx: Trx, leaseId: string) {
  return trx
    .selectFrom('lease_event')
    .select(['effective_on'])
    .where('lease_id', '=', leaseId)
    .orderBy('effective_on', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
}

/** Records one event after the lease rules and, when it adds area, the building's capacity agree; else the row's error. */
async function recordEvent(
  ctx: BatchContext,
  r: Resolved,
  leaseId: string,
  state: LeaseState,
  input: LeaseEventInput,
): Promise<{ state: LeaseState } | { error: RowError }> {
  const outcome = applyLeaseEvent(state, input);
  const column = input.kind === 'move_out' || input.kind === 'expiry' ? 'endedOn' : input.kind === 'renewal' ? 'endOn' : 'area';
  if (!outcome.ok) {
    const params = {
      date:
        outcome.reason === 'before_last_event' ? state.lastEffectiveOn : outcome.reason === 'ended' ? (state.endedOn ?? '') : state.endOn,
    };
    return { error: ctx.errors.key(r.row, outcome.reason === 'area_required' ? 'area' : column, refusalKey[outcome.reason], params) };
  }
  if (outcome.areaAfter > state.area) {
    const added: LeaseEventFact = {
      leaseId,
      kind: input.kind,
      effectiveOn: input.effectiveOn,
      areaAfter: outcome.areaAfter,
      endOnAfter: outcome.endOnAfter,
      seq: Number.MAX_SAFE_INTEGER,
    };
    const error = await capacityError(ctx, r, added);
    if (error) return { error };
  }
  await ctx.trx
    .insertInto('lease_event')
    .values({
      lease_id: leaseId,
      kind: input.kind,
      effective_on: input.effectiveOn,
      area_after: outcome.areaAfter,
      end_on_after: outcome.endOnAfter,
      note: null,
      actor_user_id: ctx.actor.userId === '0' ? null : ctx.actor.userId,
    })
    .execute();
  const next: LeaseState = {
    ...state,
    area: outcome.areaAfter > 0 ? outcome.areaAfter : state.area,
    endOn: outcome.endOnAfter,
    endedOn: outcome.endedOn,
    lastEffectiveOn: input.effectiveOn,
  };
  await ctx.trx
    .updateTable('lease')
    .set({ area: next.area, end_on: next.endOn, ended_on: next.endedOn, updated_at: new Date() })
    .where('id', '=', leaseId)
    .execute();
  return { state: next };
}

async function capacityError(ctx: BatchContext, r: Resolved, added: LeaseEventFact): Promise<RowError | null> {
  const events = await capacityEvents(ctx.trx, r.building.id, { from: added.effectiveOn, to: added.endOnAfter });
  const peak = peakLeasedArea(
    [...events.filter((e) => !(e.leaseId === added.leaseId && e.effectiveOn > added.effectiveOn)), added],
    added.effectiveOn,
    added.endOnAfter,
  );
  const office = Number(r.building.office_area);
  return fitsOfficeArea(peak, office) ? null : ctx.errors.key(r.row, 'area', 'field.lease_area_exceeds', { leased: peak, office });
}

/** The changes a row asks of a recorded lease, as events, in the order the lease rules need them. */
async function update(ctx: BatchContext, r: Resolved, l: Lease): Promise<'unchanged' | 'updated' | RowError> {
  const { errors } = ctx;
  if (l.building_id !== r.building.id || l.enterprise_id !== r.enterprise.id)
    return errors.key(r.row, 'externalRef', 'import.lease_parties_fixed');
  if (!allows(ctx.actor, 'lease', 'write', { regionCode: l.region_code, orgPath: [l.org_path, l.tenant_path] }))
    return errors.key(r.row, 'externalRef', 'import.out_of_scope');
  if (l.start_on !== r.startOn) return errors.key(r.row, 'startOn', 'import.lease_start_fixed', { date: l.start_on });
  const areaChanged = Math.round(Number(l.area) * 100) !== Math.round(r.area * 100);
  const endChanged = l.end_on !== r.endOn;
  const endedChanged = r.given.has('endedOn') && r.endedOn !== l.ended_on;
  const units = r.given.has('units') && r.units !== l.units;
  const rent = r.monthlyRent !== null && Number(l.monthly_rent) !== r.monthlyRent;
  if (!areaChanged && !endChanged && !endedChanged && !units && !rent) return 'unchanged';
  if (l.ended_on) return errors.key(r.row, 'endedOn', 'import.lease_ended_fixed', { date: l.ended_on });
  const last = (await lastEvent(ctx.trx, l.id)).effective_on;
  let state: LeaseState = { startOn: l.start_on, area: Number(l.area), endOn: l.end_on, endedOn: null, lastEffectiveOn: last };
  const on = ctx.today < last ? last : ctx.today;
  const steps: LeaseEventInput[] = [];
  if (areaChanged) steps.push({ kind: 'area_change', effectiveOn: on, area: r.area });
  if (endChanged) steps.push({ kind: 'renewal', effectiveOn: on, endOn: r.endOn });
  if (endedChanged && r.endedOn) steps.push({ kind: r.endedOn > r.endOn ? 'expiry' : 'move_out', effectiveOn: r.endedOn });
  for (const [i, step] of steps.entries()) {
    const done = await recordEvent(ctx, r, l.id, state, step);
    // A later step refused after an earlier one was written: the row must leave nothing behind.
    if ('error' in done) {
      if (i > 0) throw new RowRefused(done.error);
      return done.error;
    }
    state = done.state;
  }
  if (units || rent) {
    await ctx.trx
      .updateTable('lease')
      .set({ ...(units ? { units: r.units } : {}), ...(rent ? { monthly_rent: r.monthlyRent } : {}), updated_at: new Date() })
      .where('id', '=', l.id)
      .execute();
  }
  return 'updated';
}

async function create(ctx: BatchContext, r: Resolved): Promise<string | RowError> {
  const { trx, errors } = ctx;
  if (!allows(ctx.actor, 'lease', 'write', { regionCode: r.building.region_code, orgPath: [r.building.org_path, r.enterprise.org_path] }))
    return errors.key(r.row, 'buildingName', 'import.out_of_scope');
  const running = await trx
    .selectFrom('lease')
    .select('id')
    .where('enterprise_id', '=', r.enterprise.id)
    .where('building_id', '=', r.building.id)
    .where('ended_on', 'is', null)
    .where('end_on', '>=', r.startOn)
    .executeTakeFirst();
  if (running) return errors.key(r.row, 'enterpriseCreditCode', 'field.lease_exists');
  const moveIn: LeaseEventFact = {
    leaseId: 'new',
    kind: 'move_in',
    effectiveOn: r.startOn,
    areaAfter: r.area,
    endOnAfter: r.endOn,
    seq: Number.MAX_SAFE_INTEGER,
  };
  const full = await capacityError(ctx, r, moveIn);
  if (full) return full;
  const lease = await trx
    .insertInto('lease')
    .values({
      building_id: r.building.id,
      enterprise_id: r.enterprise.id,
      units: r.units,
      area: r.area,
      start_on: r.startOn,
      end_on: r.endOn,
      ended_on: null,
      monthly_rent: r.monthlyRent,
      external_ref: r.externalRef,
      region_code: r.building.region_code,
      org_path: r.building.org_path,
      tenant_path: r.enterprise.org_path,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('lease_event')
    .values({
      lease_id: lease.id,
      kind: 'move_in',
      effective_on: r.startOn,
      area_after: r.area,
      end_on_after: r.endOn,
      note: null,
      actor_user_id: ctx.actor.userId === '0' ? null : ctx.actor.userId,
    })
    .execute();
  if (r.endedOn) {
    const state: LeaseState = { startOn: r.startOn, area: r.area, endOn: r.endOn, endedOn: null, lastEffectiveOn: r.startOn };
    const done = await recordEvent(ctx, r, lease.id, state, { kind: r.endedOn > r.endOn ? 'expiry' : 'move_out', effectiveOn: r.endedOn });
    if ('error' in done) throw new RowRefused(done.error);
  }
  return lease.id;
}

export const importLeases: BatchProcessor = async (ctx, rows) => {
  const { trx, actor, errors } = ctx;
  const out: BatchOutcome = { created: [], updated: [], unchanged: 0, errors: [] };
  const given = rows.map((r) => ({ row: r.row, v: present(r.values) }));
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const buildingKeys = given.map((g) => ({ regionCode: str(g.v.buildingRegionCode), name: str(g.v.buildingName) }));
  const buildings = await trx
    .selectFrom('building')
    .select(['id', 'name', 'region_code', 'org_path', 'office_area'])
    .where((eb) => eb.or(buildingKeys.map((k) => eb.and([eb('region_code', '=', k.regionCode), eb('name', '=', k.name)]))))
    .where(scopeWhere(actor, 'building', 'read'))
    .execute();
  const codes = [...new Set(given.map((g) => str(g.v.enterpriseCreditCode).toUpperCase()))];
  const enterprises = await trx
    .selectFrom('enterprise')
    .select(['organisation_id as id', 'credit_code', 'org_path'])
    .where('credit_code', 'in', codes)
    .where(scopeWhere(actor, 'enterprise', 'read'))
    .execute();
  const refs = given.map((g) => str(g.v.externalRef)).filter(Boolean);
  const byRef = new Map((refs.length ? await leasesByRef(trx, refs) : []).map((l) => [l.external_ref!, l]));

  const touched = new Set<string>();
  for (const g of given) {
    const building = buildings.find((b) => b.region_code === str(g.v.buildingRegionCode) && b.name === str(g.v.buildingName));
    const enterprise = enterprises.find((e) => e.credit_code === str(g.v.enterpriseCreditCode).toUpperCase());
    if (!building || !enterprise) {
      if (!building) out.errors.push(errors.key(g.row, 'buildingName', 'field.building_unknown'));
      if (!enterprise) out.errors.push(errors.key(g.row, 'enterpriseCreditCode', 'field.enterprise_unknown'));
      continue;
    }
    const parsed = leaseInput.safeParse({ ...g.v, buildingId: building.id, enterpriseId: enterprise.id });
    if (!parsed.success) {
      out.errors.push(...errors.zod(g.row, parsed.error.issues));
      continue;
    }
    const input = parsed.data;
    const endedOn = typeof g.v.endedOn === 'string' ? g.v.endedOn : null;
    if (endedOn && endedOn < input.startOn) {
      out.errors.push(errors.key(g.row, 'endedOn', 'field.date_order'));
      continue;
    }
    const r: Resolved = {
      row: g.row,
      building,
      enterprise,
      area: input.area,
      units: input.units ?? '',
      startOn: input.startOn,
      endOn: input.endOn,
      endedOn,
      monthlyRent: input.monthlyRent ?? null,
      externalRef: input.externalRef ?? null,
      given: new Set(Object.keys(g.v)),
    };
    let lease: Lease | undefined = r.externalRef ? byRef.get(r.externalRef) : undefined;
    if (
      r.externalRef &&
      !lease &&
      (await trx.selectFrom('lease').select('id').where('external_ref', '=', r.externalRef).executeTakeFirst())
    ) {
      out.errors.push(errors.key(g.row, 'externalRef', 'field.external_ref_taken'));
      continue;
    }
    if (lease && !allows(actor, 'lease', 'read', { regionCode: lease.region_code, orgPath: [lease.org_path, lease.tenant_path] })) {
      out.errors.push(errors.key(g.row, 'externalRef', 'field.external_ref_taken'));
      continue;
    }
    if (!r.externalRef) {
      lease = await trx
        .selectFrom('lease')
        .selectAll()
        .where('building_id', '=', building.id)
        .where('enterprise_id', '=', enterprise.id)
        .where('start_on', '=', r.startOn)
        .where(scopeWhere(actor, 'lease', 'read'))
        .forUpdate()
        .executeTakeFirst();
    }
    // Capacity and running leases are judged one lease at a time per building: lock it as the lease commands do.
    await trx.selectFrom('building').select('id').where('id', '=', building.id).forUpdate().execute();
    const result = lease ? await update(ctx, r, lease) : await create(ctx, r);
    if (result === 'unchanged') out.unchanged++;
    else if (typeof result === 'string') {
      if (result === 'updated') out.updated.push(lease!.id);
      else out.created.push(result);
      touched.add(enterprise.id);
    } else out.errors.push(result);
  }
  await refreshCurrentBuildings(trx, [...touched]);
  if (out.created.length || out.updated.length) {
    await recordAudit(trx, {
      actor,
      action: 'import.leases',
      entity: 'import_job',
      entityId: ctx.jobId,
      regionCode: actor.regionCode,
      after: { rows: [rows[0]!.row, rows[rows.length - 1]!.row], created: out.created, updated: out.updated },
    });
  }
  return out;
};

/** Each touched enterprise's current building: its latest open lease, as the lease commands keep it; building staff see it through it. */
async function refreshCurrentBuildings(trx: Trx, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await sql`
    UPDATE enterprise SET current_building_id = cur.building_id, building_path = coalesce(cur.org_path, ''), updated_at = now()
    FROM (
      SELECT e.organisation_id AS id, l.building_id, b.org_path
      FROM enterprise e
      LEFT JOIN LATERAL (
        SELECT lease.building_id FROM lease WHERE lease.enterprise_id = e.organisation_id AND lease.ended_on IS NULL
        ORDER BY lease.start_on DESC, lease.id DESC LIMIT 1
      ) l ON true
      LEFT JOIN building b ON b.id = l.building_id
      WHERE e.organisation_id IN (${sql.join(ids)})
    ) cur
    WHERE enterprise.organisation_id = cur.id
      AND (enterprise.current_building_id IS DISTINCT FROM cur.building_id OR enterprise.building_path IS DISTINCT FROM coalesce(cur.org_path, ''))`.execute(
    trx,
  );
}
