import type { Selectable, Transaction } from 'kysely';
import type { Actor } from '../../auth/actor.ts';
import type { Database, InvestmentLeadTable } from '../../db/schema.ts';
import { allows } from '../../db/scoped.ts';
import { AppError, invalidField, outOfScopeField } from '../../http/errors.ts';
import { recordAudit } from '../audit/chain.ts';
import type { TransitionInput } from './schemas.ts';
import { openLease } from '../leases/commands.ts';

type Trx = Transaction<Database>;

const creditCodeTaken = () => new AppError('conflict', { fields: [{ path: 'enterprise.creditCode', key: 'field.credit_code_taken' }] });

/**
 * REG-8 入驻: the lead becomes an enterprise (organisation kind 'enterprise' with its profile)
 * and a lease in the chosen building with its move-in event — in the caller's transaction,
 * with the lead already locked. The building row is locked first (the lease command's lock
 * order), so two leads settling into one building cannot both take its last vacant space.
 */
export async function settleLead(opts: {
  trx: Trx;
  actor: Actor;
  lead: Selectable<InvestmentLeadTable>;
  input: TransitionInput;
}): Promise<{ buildingId: string; enterpriseId: string; leaseId: string }> {
  const { trx, actor, lead, input } = opts;
  const enterpriseInput = input.enterprise!;
  const leaseInput = input.lease!;

  const building = await trx.selectFrom('building').selectAll().where('id', '=', input.buildingId!).forUpdate().executeTakeFirst();
  if (!building || !allows(actor, 'building', 'read', { regionCode: building.region_code, orgPath: building.org_path })) {
    throw new AppError('not_found', { fields: [{ path: 'buildingId', key: 'field.building_unknown' }] });
  }
  const area = leaseInput.area ?? Number(lead.area_needed);

  const regionCode = enterpriseInput.regionCode ?? building.region_code;
  const region = await trx.selectFrom('region').select('code').where('code', '=', regionCode).executeTakeFirst();
  if (!region) throw invalidField('enterprise.regionCode', 'field.region_unknown');
  if (!allows(actor, 'organisation', 'write', { regionCode, orgPath: '/' })) throw outOfScopeField('enterprise.regionCode');
  const taken = await trx
    .selectFrom('enterprise')
    .select('organisation_id')
    .where('credit_code', '=', enterpriseInput.creditCode)
    .unionAll(trx.selectFrom('organisation').select('id as organisation_id').where('credit_code', '=', enterpriseInput.creditCode))
    .executeTakeFirst();
  if (taken) throw creditCodeTaken();

  const org = await trx
    .insertInto('organisation')
    .values({
      name: enterpriseInput.name,
      kind: 'enterprise',
      party_org_kind: null,
      formation: null,
      department_kind: null,
      parent_id: null,
      region_code: regionCode,
      credit_code: enterpriseInput.creditCode,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const orgPath = `/${org.id}/`;
  const tenantPlace = { regionCode, orgPath: [orgPath, building.org_path] };
  if (!allows(actor, 'enterprise', 'write', tenantPlace)) throw outOfScopeField('enterprise.regionCode');
  const leasePlace = { regionCode: building.region_code, orgPath: [building.org_path, orgPath] };
  if (!allows(actor, 'lease', 'write', leasePlace)) throw outOfScopeField('buildingId');
  const organisation = await trx
    .updateTable('organisation')
    .set({ path: orgPath })
    .where('id', '=', org.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(trx, {
    actor,
    action: 'organisation.create',
    entity: 'organisation',
    entityId: org.id,
    regionCode,
    after: organisation,
  });

  let profile;
  try {
    profile = await trx
      .insertInto('enterprise')
      .values({
        organisation_id: org.id,
        credit_code: enterpriseInput.creditCode,
        industry_code: enterpriseInput.industryCode ?? lead.industry_code,
        size_class: enterpriseInput.sizeClass ?? null,
        staff_count: enterpriseInput.staffCount ?? null,
        party_member_count: null,
        registered_on: null,
        legal_representative: null,
        region_code: regionCode,
        org_path: orgPath,
        // The building's staff see their tenant through its building path (scope rule for enterprises).
        building_path: building.org_path,
        current_building_id: building.id,
        lng: building.lng,
        lat: building.lat,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  } catch (err) {
    // A concurrent registration of the same code between our check and insert.
    if ((err as { code?: string }).code === '23505') throw creditCodeTaken();
    throw err;
  }
  const { search: _search, ...profileAudit } = profile;
  await recordAudit(trx, { actor, action: 'enterprise.create', entity: 'enterprise', entityId: org.id, regionCode, after: profileAudit });

  // The lease command's own rules (scope, one running lease, capacity over the whole period) decide,
  // so a lead cannot take space the lease form would refuse; its field errors name the lease part.
  const leaseId = await openLease({
    trx,
    actor,
    input: {
      buildingId: building.id,
      enterpriseId: org.id,
      area,
      units: leaseInput.units ?? '',
      startOn: leaseInput.startOn,
      endOn: leaseInput.endOn,
      monthlyRent: leaseInput.monthlyRent ?? null,
      note: `招商线索 ${lead.name} 入驻`,
    },
  }).catch((err: unknown) => {
    throw err instanceof AppError ? prefixFields(err, 'lease') : err;
  });
  return { buildingId: building.id, enterpriseId: org.id, leaseId };
}

const LEASE_FIELDS = new Set(['area', 'units', 'startOn', 'endOn', 'monthlyRent']);
function prefixFields(err: AppError, prefix: string): AppError {
  const fields = err.fields.map((f) => (LEASE_FIELDS.has(f.path) ? { ...f, path: `${prefix}.${f.path}` } : f));
  return new AppError(err.code, { key: err.key, params: err.params, fields });
}
