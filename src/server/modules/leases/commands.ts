import type { Kysely, Transaction } from 'kysely';
import {
  applyLeaseEvent,
  fitsOfficeArea,
  peakLeasedArea,
  type LeaseEventFact,
  type LeaseEventRefusal,
} from '../../../domain/registry/occupancy.ts';
import { chinaDate } from '../../../domain/time.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';
import { allows } from '../../db/scoped.ts';
import { AppError, conflict, forbidden, invalidField, notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/chain.ts';
import { refreshEnterprisePolicies } from '../policy-results/refresh.ts';
import { capacityEvents } from './facts.ts';
import type { LeaseEventBody, LeaseInput } from './schemas.ts';
import { notifyMoveOut } from './warnings.ts';

/**
 * REG-3 leases as events. Locks are taken in one order everywhere — building,
 * then enterprise, then lease — so concurrent requests queue rather than
 * deadlock: two move-outs of one lease run one after the other, and the second
 * finds the lease ended (409).
 */
type Trx = Transaction<Database>;

const externalRefTaken = () => new AppError('conflict', { fields: [{ path: 'externalRef', key: 'field.external_ref_taken' }] });
function isExternalRefRace(err: unknown): boolean {
  const e = err as { code?: string; constraint?: string; message?: string };
  return e.code === '23505' && (e.constraint === 'lease_external_ref_key' || /external_ref/.test(e.message ?? ''));
}

async function lockBuilding(trx: Trx, id: string) {
  return trx
    .selectFrom('building')
    .select(['id', 'name', 'region_code', 'org_path', 'office_area'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

async function lockEnterprise(trx: Trx, id: string) {
  return trx
    .selectFrom('enterprise')
    .innerJoin('organisation', 'organisation.id', 'enterprise.organisation_id')
    .select([
      'enterprise.organisation_id as id',
      'organisation.name',
      'enterprise.region_code',
      'enterprise.org_path',
      'enterprise.building_path',
      'enterprise.current_building_id',
    ])
    .where('enterprise.organisation_id', '=', id)
    .forUpdate(['enterprise'])
    .executeTakeFirst();
}

/** Refuses what would lease more than the building's office area on any day of the period. */
async function checkCapacity(trx: Trx, building: { id: string; office_area: string }, added: LeaseEventFact, until: string): Promise<void> {
  const events = await capacityEvents(trx, building.id, { from: added.effectiveOn, to: until });
  const peak = peakLeasedArea([...events, added], added.effectiveOn, until);
  if (!fitsOfficeArea(peak, Number(building.office_area))) {
    throw invalidField('area', 'field.lease_area_exceeds', { leased: peak, office: Number(building.office_area) });
  }
}

/** REG-3 a move-in: the lease, its first event, and the enterprise's current building, in one transaction. */
export async function createLease(opts: { db: Kysely<Database>; actor: Actor; input: LeaseInput }): Promise<string> {
  try {
    return await opts.db.transaction().execute((trx) => openLease({ trx, actor: opts.actor, input: opts.input }));
  } catch (err) {
    if (isExternalRefRace(err)) throw externalRefTaken();
    throw err;
  }
}

/**
 * REG-3 the move-in inside the caller's transaction: every way a lease begins (the lease
 * form, an investment lead settling) passes the same scope and capacity rules, so the
 * building's vacancy has one definition.
 */
export async function openLease(opts: { trx: Trx; actor: Actor; input: LeaseInput }): Promise<string> {
  const { trx, actor, input } = opts;
  const building = await lockBuilding(trx, input.buildingId);
  if (!building || !allows(actor, 'building', 'read', { regionCode: building.region_code, orgPath: building.org_path })) {
    throw new AppError('not_found', { fields: [{ path: 'buildingId', key: 'field.building_unknown' }] });
  }
  const enterprise = await lockEnterprise(trx, input.enterpriseId);
  if (
    !enterprise ||
    !allows(actor, 'enterprise', 'read', { regionCode: enterprise.region_code, orgPath: [enterprise.org_path, enterprise.building_path] })
  ) {
    throw new AppError('not_found', { fields: [{ path: 'enterpriseId', key: 'field.enterprise_unknown' }] });
  }
  if (!allows(actor, 'lease', 'write', { regionCode: building.region_code, orgPath: [building.org_path, enterprise.org_path] }))
    throw forbidden();
  const running = await trx
    .selectFrom('lease')
    .select('id')
    .where('enterprise_id', '=', enterprise.id)
    .where('building_id', '=', building.id)
    .where('ended_on', 'is', null)
    .where('end_on', '>=', input.startOn)
    .executeTakeFirst();
  if (running) throw invalidField('enterpriseId', 'field.lease_exists');
  if (input.externalRef && (await trx.selectFrom('lease').select('id').where('external_ref', '=', input.externalRef).executeTakeFirst()))
    throw externalRefTaken();
  const moveIn: LeaseEventFact = {
    leaseId: 'new',
    kind: 'move_in',
    effectiveOn: input.startOn,
    areaAfter: input.area,
    endOnAfter: input.endOn,
    seq: Number.MAX_SAFE_INTEGER,
  };
  await checkCapacity(trx, building, moveIn, input.endOn);

  const lease = await trx
    .insertInto('lease')
    .values({
      building_id: building.id,
      enterprise_id: enterprise.id,
      units: input.units ?? '',
      area: input.area,
      start_on: input.startOn,
      end_on: input.endOn,
      ended_on: null,
      monthly_rent: input.monthlyRent ?? null,
      external_ref: input.externalRef ?? null,
      region_code: building.region_code,
      org_path: building.org_path,
      tenant_path: enterprise.org_path,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const event = await trx
    .insertInto('lease_event')
    .values({
      lease_id: lease.id,
      kind: 'move_in',
      effective_on: input.startOn,
      area_after: input.area,
      end_on_after: input.endOn,
      note: input.note ?? null,
      actor_user_id: actor.userId === '0' ? null : actor.userId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  // The building staff now see their new tenant (enterprise scope reads building_path).
  await trx
    .updateTable('enterprise')
    .set({ current_building_id: building.id, building_path: building.org_path, updated_at: new Date() })
    .where('organisation_id', '=', enterprise.id)
    .execute();
  // POL-3 building tenancy is a policy condition: the tenant's results move with the lease, in this transaction.
  await refreshEnterprisePolicies({ trx, enterpriseId: enterprise.id, asOf: chinaDate() });
  await recordAudit(trx, {
    actor,
    action: 'lease.create',
    entity: 'lease',
    entityId: lease.id,
    regionCode: building.region_code,
    after: { lease, event },
  });
  return lease.id;
}

function refusal(r: LeaseEventRefusal, state: { endOn: string; lastEffectiveOn: string }): AppError {
  switch (r.reason) {
    case 'ended':
      return conflict();
    case 'before_last_event':
      return invalidField(r.field, 'field.lease_event_order', { date: state.lastEffectiveOn });
    case 'expiry_before_end':
      return invalidField(r.field, 'field.lease_expiry_before_end', { date: state.endOn });
    case 'after_end':
      return invalidField(r.field, 'field.lease_after_end', { date: state.endOn });
    case 'area_required':
      return invalidField(r.field, 'field.area_required');
    case 'area_unchanged':
      return invalidField(r.field, 'field.area_unchanged');
    case 'end_required':
      return invalidField(r.field, 'field.end_required');
    case 'end_not_later':
      return invalidField(r.field, 'field.end_not_later', { date: state.endOn });
    case 'end_before_effective':
      return invalidField(r.field, 'field.date_order');
  }
}

/** The enterprise's current building after one of its leases ended: another open lease if it has one, else none. */
async function refreshCurrentBuilding(trx: Trx, enterpriseId: string) {
  const other = await trx
    .selectFrom('lease')
    .innerJoin('building', 'building.id', 'lease.building_id')
    .select(['building.id', 'building.org_path'])
    .where('lease.enterprise_id', '=', enterpriseId)
    .where('lease.ended_on', 'is', null)
    .orderBy('lease.start_on', 'desc')
    .orderBy('lease.id', 'desc')
    .executeTakeFirst();
  await trx
    .updateTable('enterprise')
    .set({ current_building_id: other?.id ?? null, building_path: other?.org_path ?? '', updated_at: new Date() })
    .where('organisation_id', '=', enterpriseId)
    .execute();
}

/** REG-3 records a move-out, area change, renewal or expiry; a move-out is announced to the building's and street's staff at once. */
export async function addLeaseEvent(opts: { db: Kysely<Database>; actor: Actor; leaseId: string; input: LeaseEventBody }): Promise<void> {
  const { actor, leaseId, input } = opts;
  await opts.db.transaction().execute(async (trx) => {
    // A lease's building and tenant never change, so they can be read before locking in order.
    const head = await trx.selectFrom('lease').select(['building_id', 'enterprise_id']).where('id', '=', leaseId).executeTakeFirst();
    if (!head) throw notFound();
    const building = (await lockBuilding(trx, head.building_id))!;
    const enterprise = (await lockEnterprise(trx, head.enterprise_id))!;
    const before = await trx.selectFrom('lease').selectAll().where('id', '=', leaseId).forUpdate().executeTakeFirstOrThrow();
    const place = { regionCode: before.region_code, orgPath: [before.org_path, before.tenant_path] };
    if (!allows(actor, 'lease', 'read', place)) throw notFound();
    if (!allows(actor, 'lease', 'write', place)) throw forbidden();

    const last = await trx
      .selectFrom('lease_event')
      .select('effective_on')
      .where('lease_id', '=', leaseId)
      .orderBy('effective_on', 'desc')
      .limit(1)
      .executeTakeFirst();
    const state = {
      startOn: before.start_on,
      area: Number(before.area),
      endOn: before.end_on,
      endedOn: before.ended_on,
      lastEffectiveOn: last?.effective_on ?? before.start_on,
    };
    const outcome = applyLeaseEvent(state, input);
    if (!outcome.ok) throw refusal(outcome, state);
    if (input.kind === 'renewal' || outcome.areaAfter > state.area) {
      const added: LeaseEventFact = {
        leaseId,
        kind: input.kind,
        effectiveOn: input.effectiveOn,
        areaAfter: outcome.areaAfter,
        endOnAfter: outcome.endOnAfter,
        seq: Number.MAX_SAFE_INTEGER,
      };
      await checkCapacity(trx, building, added, outcome.endOnAfter);
    }

    const event = await trx
      .insertInto('lease_event')
      .values({
        lease_id: leaseId,
        kind: input.kind,
        effective_on: input.effectiveOn,
        area_after: outcome.areaAfter,
        end_on_after: outcome.endOnAfter,
        note: input.note ?? null,
        actor_user_id: actor.userId === '0' ? null : actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const after = await trx
      .updateTable('lease')
      .set({
        // The lease row keeps its last leased area, so a lease that ended still says how much it had.
        area: outcome.areaAfter > 0 ? outcome.areaAfter : before.area,
        end_on: outcome.endOnAfter,
        ended_on: outcome.endedOn,
        updated_at: new Date(),
      })
      .where('id', '=', leaseId)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (outcome.endedOn !== null) await refreshCurrentBuilding(trx, enterprise.id);
    // POL-3 a move-out changes building tenancy (and the move-in day rules read): re-match the tenant here too.
    await refreshEnterprisePolicies({ trx, enterpriseId: enterprise.id, asOf: chinaDate() });
    await recordAudit(trx, {
      actor,
      action: `lease.${input.kind}`,
      entity: 'lease',
      entityId: leaseId,
      regionCode: before.region_code,
      before,
      after: { lease: after, event },
    });
    if (input.kind === 'move_out') {
      await notifyMoveOut(trx, { leaseId, building, enterpriseName: enterprise.name, effectiveOn: input.effectiveOn, area: state.area });
    }
  });
}
