import type { Kysely, Transaction } from 'kysely';
import { canTransition, LEAD_STATUS_LABELS, type LeadStatus } from '../../../domain/registry/lead-status.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';
import { allows } from '../../db/scoped.ts';
import { AppError, forbidden, invalidField, notFound, outOfScopeField, type FieldIssue } from '../../http/errors.ts';
import { recordAudit } from '../audit/chain.ts';
import type { LeadInput, TransitionInput } from './schemas.ts';
import { settleLead } from './settle.ts';

type Trx = Transaction<Database>;

async function regionExists(trx: Trx, field: string, code: string): Promise<void> {
  const region = await trx.selectFrom('region').select('code').where('code', '=', code).executeTakeFirst();
  if (!region) throw invalidField(field, 'field.region_unknown');
}

export async function createLead(opts: { db: Kysely<Database>; actor: Actor; input: LeadInput }): Promise<string> {
  const { actor, input } = opts;
  return opts.db.transaction().execute(async (trx) => {
    await regionExists(trx, 'regionCode', input.regionCode);
    if (!allows(actor, 'investment_lead', 'write', { regionCode: input.regionCode })) throw outOfScopeField('regionCode');
    // An investor may prefer a district outside the owner's own: it only has to exist.
    if (input.preferredRegionCode) await regionExists(trx, 'preferredRegionCode', input.preferredRegionCode);
    const created = await trx
      .insertInto('investment_lead')
      .values({
        name: input.name,
        contact_name: input.contactName ?? null,
        industry_code: input.industryCode ?? null,
        area_needed: input.areaNeeded,
        budget: input.budget ?? null,
        preferred_region_code: input.preferredRegionCode ?? null,
        note: input.note ?? null,
        region_code: input.regionCode,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      action: 'investment_lead.create',
      entity: 'investment_lead',
      entityId: created.id,
      regionCode: created.region_code,
      after: created,
    });
    return created.id;
  });
}

/** Settling names a building, the enterprise to register and its lease; missing parts are reported per field before anything is locked. */
function missingForSettle(input: TransitionInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!input.buildingId) issues.push({ path: 'buildingId', key: 'field.required_to_settle' });
  if (!input.enterprise) issues.push({ path: 'enterprise', key: 'field.required_to_settle' });
  if (!input.lease) issues.push({ path: 'lease', key: 'field.required_to_settle' });
  else if (input.lease.endOn < input.lease.startOn) issues.push({ path: 'lease.endOn', key: 'field.date_order' });
  return issues;
}

/** 409: the lead is not where the move starts (often because someone else moved it first). Both locales' labels travel as parameters. */
function illegalMove(from: LeadStatus, to: LeadStatus): AppError {
  const params = {
    from: LEAD_STATUS_LABELS[from]['zh-CN'],
    to: LEAD_STATUS_LABELS[to]['zh-CN'],
    fromEn: LEAD_STATUS_LABELS[from].en,
    toEn: LEAD_STATUS_LABELS[to].en,
  };
  return new AppError('conflict', {
    key: 'lead.transition_illegal',
    params,
    fields: [{ path: 'to', key: 'lead.transition_illegal', params }],
  });
}

/**
 * REG-8 moves a lead along the transition table. The lead row is locked first, so of two
 * concurrent moves the second sees the first's result: a second "settle" finds the lead
 * settled and gets 409, never a second enterprise or lease.
 */
export async function transitionLead(opts: { db: Kysely<Database>; actor: Actor; id: string; input: TransitionInput }): Promise<void> {
  const { actor, input } = opts;
  if (input.to === 'settled') {
    const issues = missingForSettle(input);
    if (issues.length) throw new AppError('validation', { fields: issues });
  }
  await opts.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('investment_lead').selectAll().where('id', '=', opts.id).forUpdate().executeTakeFirst();
    if (!before || !allows(actor, 'investment_lead', 'read', { regionCode: before.region_code })) throw notFound();
    if (!allows(actor, 'investment_lead', 'write', { regionCode: before.region_code })) throw forbidden();
    if (!canTransition(before.status, input.to)) throw illegalMove(before.status, input.to);

    let placed: { buildingId: string | null; enterpriseId: string | null; leaseId: string | null } = {
      buildingId: before.building_id,
      enterpriseId: before.enterprise_id,
      leaseId: before.lease_id,
    };
    if (input.to === 'settled') {
      placed = await settleLead({ trx, actor, lead: before, input });
    } else if (input.buildingId) {
      // The building under discussion while negotiating; it must be one the actor can see.
      const building = await trx
        .selectFrom('building')
        .select(['id', 'region_code', 'org_path'])
        .where('id', '=', input.buildingId)
        .executeTakeFirst();
      if (!building || !allows(actor, 'building', 'read', { regionCode: building.region_code, orgPath: building.org_path })) {
        throw new AppError('not_found', { fields: [{ path: 'buildingId', key: 'field.building_unknown' }] });
      }
      placed.buildingId = building.id;
    }
    const after = await trx
      .updateTable('investment_lead')
      .set({
        status: input.to,
        building_id: placed.buildingId,
        enterprise_id: placed.enterpriseId,
        lease_id: placed.leaseId,
        note: input.note !== undefined ? input.note : before.note,
        updated_at: new Date(),
      })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      action: `investment_lead.${input.to}`,
      entity: 'investment_lead',
      entityId: before.id,
      regionCode: before.region_code,
      before,
      after,
    });
  });
}

/**
 * REG-8 deletes a lead entered by mistake or no longer worth keeping. A settled lead is
 * history — its enterprise and lease exist — so it stays (409); drop it from the board instead.
 */
export async function deleteLead(opts: { db: Kysely<Database>; actor: Actor; id: string }): Promise<void> {
  const { actor } = opts;
  await opts.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('investment_lead').selectAll().where('id', '=', opts.id).forUpdate().executeTakeFirst();
    if (!before || !allows(actor, 'investment_lead', 'read', { regionCode: before.region_code })) throw notFound();
    if (!allows(actor, 'investment_lead', 'write', { regionCode: before.region_code })) throw forbidden();
    if (before.status === 'settled') throw new AppError('conflict', { key: 'lead.settled_kept' });
    await trx.deleteFrom('investment_lead').where('id', '=', before.id).execute();
    await recordAudit(trx, {
      actor,
      action: 'investment_lead.delete',
      entity: 'investment_lead',
      entityId: before.id,
      regionCode: before.region_code,
      before,
    });
  });
}
