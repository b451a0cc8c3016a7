import { sql, type Kysely, type Transaction } from 'kysely';
import type { Actor } from '../../auth/actor.ts';
import type { Database, OrganisationKind } from '../../db/schema.ts';
import type { ProviderKind } from '../../db/schema-lists.ts';
import { allows, scopeWhere } from '../../db/scoped.ts';
import { AppError, conflict, invalidField, notFound, unknownReference } from '../../http/errors.ts';
import { recordAudit } from '../audit/chain.ts';
import type { ResourceInput, ResourcePatch } from './schemas.ts';

type Db = Kysely<Database>;

const PROVIDER_OF: Record<OrganisationKind, ProviderKind> = {
  government: 'department',
  department: 'department',
  party_org: 'party_org',
  building_party_committee: 'party_org',
  building_management_committee: 'party_org',
  enterprise: 'enterprise',
  property_company: 'enterprise',
  property_owner: 'enterprise',
  owners_committee: 'social_organisation',
  social_organisation: 'social_organisation',
};

/** The served area is one building or one region (or neither: anywhere); both named is a mistake. */
async function checkServedArea(db: Db, servedBuildingId: string | null, servedRegionCode: string | null): Promise<void> {
  if (servedBuildingId && servedRegionCode) throw invalidField('servedRegionCode', 'field.served_area_conflict');
  if (servedBuildingId) {
    // Building names are public places; any building may be served.
    const b = await db.selectFrom('building').select('id').where('id', '=', servedBuildingId).executeTakeFirst();
    if (!b) throw unknownReference('servedBuildingId');
  }
  if (servedRegionCode) {
    const r = await db.selectFrom('region').select('code').where('code', '=', servedRegionCode).executeTakeFirst();
    if (!r) throw invalidField('servedRegionCode', 'field.region_unknown');
  }
}

/** LST-2 a resource is offered by an organisation the caller answers for (its own by default). */
export async function createResource(opts: { db: Db; actor: Actor; input: ResourceInput }): Promise<{ id: string; code: string }> {
  const { db, actor, input } = opts;
  const providerId = input.providerOrgId ?? actor.organisationId;
  if (!providerId) throw invalidField('providerOrgId', 'field.organisation_unknown');
  const provider = await db
    .selectFrom('organisation')
    .leftJoin('enterprise', 'enterprise.organisation_id', 'organisation.id')
    .select(['organisation.id', 'organisation.kind', 'organisation.path', 'organisation.region_code', 'enterprise.current_building_id'])
    .where('organisation.id', '=', providerId)
    .where((eb) => (providerId === actor.organisationId ? eb.val(true) : scopeWhere(actor, 'organisation', 'read')))
    .executeTakeFirst();
  if (!provider) throw unknownReference('providerOrgId');
  if (!allows(actor, 'resource', 'write', { regionCode: provider.region_code, orgPath: provider.path }))
    throw new AppError('forbidden', { fields: [{ path: 'providerOrgId', key: 'field.region_out_of_scope' }] });
  const servedBuildingId = input.servedBuildingId ?? null;
  const servedRegionCode = input.servedRegionCode ?? null;
  await checkServedArea(db, servedBuildingId, servedRegionCode);
  if (input.validFrom && input.validUntil && input.validFrom > input.validUntil) throw invalidField('validUntil', 'field.valid_range');
  const committeeBuilding =
    provider.current_building_id ??
    (await db.selectFrom('building').select('id').where('party_committee_id', '=', provider.id).executeTakeFirst())?.id ??
    null;
  return db
    .transaction()
    .execute(async (trx) =>
      insertResource(trx, { actor, input, provider: { ...provider, building_id: committeeBuilding }, servedBuildingId, servedRegionCode }),
    );
}

export async function insertResource(
  trx: Transaction<Database>,
  opts: {
    actor: Actor;
    input: Omit<ResourceInput, 'providerOrgId' | 'servedBuildingId' | 'servedRegionCode'>;
    provider: { id: string; kind: OrganisationKind; path: string; region_code: string; building_id: string | null };
    servedBuildingId: string | null;
    servedRegionCode: string | null;
    audit?: boolean;
  },
): Promise<{ id: string; code: string }> {
  const { input, provider, actor } = opts;
  const { id } = await sql<{ id: string }>`SELECT nextval('resource_id_seq')::text AS id`.execute(trx).then((r) => r.rows[0]!);
  const code = `ZY${id.padStart(6, '0')}`;
  await trx
    .insertInto('resource')
    .values({
      id,
      code,
      title: input.title,
      description: input.description,
      category: input.category,
      provider_kind: input.providerKind ?? PROVIDER_OF[provider.kind],
      provider_org_id: provider.id,
      org_path: provider.path,
      building_id: provider.building_id,
      region_code: provider.region_code,
      capacity: input.capacity,
      capacity_left: input.capacity,
      conditions: input.conditions,
      contact: input.contact,
      served_building_id: opts.servedBuildingId,
      served_region_code: opts.servedRegionCode,
      valid_from: input.validFrom,
      valid_until: input.validUntil,
      entered_by: actor.userId === '0' ? null : actor.userId,
    })
    .execute();
  if (opts.audit !== false)
    await recordAudit(trx, {
      actor,
      action: 'resource.create',
      entity: 'resource',
      entityId: id,
      regionCode: provider.region_code,
      after: { code, title: input.title, category: input.category, capacity: input.capacity },
    });
  return { id, code };
}

export async function lockWritableResource(trx: Transaction<Database>, actor: Actor, id: string) {
  const row = await trx
    .selectFrom('resource')
    .selectAll()
    .where('id', '=', id)
    .where(scopeWhere(actor, 'resource', 'read'))
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound();
  if (!allows(actor, 'resource', 'write', { regionCode: row.region_code, orgPath: row.org_path })) throw new AppError('forbidden');
  return row;
}

/** LST-2 edit or withdraw a resource; capacity keeps what confirmed matches already use. */
export async function updateResource(opts: { db: Db; actor: Actor; id: string; input: ResourcePatch }): Promise<{ version: number }> {
  const { db, actor, id, input } = opts;
  return db.transaction().execute(async (trx) => {
    const row = await lockWritableResource(trx, actor, id);
    if (row.version !== input.version) throw conflict();
    const servedBuildingId = input.servedBuildingId !== undefined ? input.servedBuildingId : row.served_building_id;
    const servedRegionCode = input.servedRegionCode !== undefined ? input.servedRegionCode : row.served_region_code;
    await checkServedArea(trx, servedBuildingId, servedRegionCode);
    const validFrom = input.validFrom !== undefined ? input.validFrom : row.valid_from;
    const validUntil = input.validUntil !== undefined ? input.validUntil : row.valid_until;
    if (validFrom && validUntil && validFrom > validUntil) throw invalidField('validUntil', 'field.valid_range');
    let capacity = row.capacity;
    let capacityLeft = row.capacity_left;
    if (input.capacity !== undefined) {
      const used = row.capacity !== null && row.capacity_left !== null ? row.capacity - row.capacity_left : 0;
      if (input.capacity !== null && input.capacity < used) throw invalidField('capacity', 'field.capacity_below_used', { used });
      capacity = input.capacity;
      capacityLeft = input.capacity === null ? null : input.capacity - used;
    }
    const changes = {
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.category !== undefined ? { category: input.category } : {}),
      ...(input.conditions !== undefined ? { conditions: input.conditions } : {}),
      ...(input.contact !== undefined ? { contact: input.contact } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
      capacity,
      capacity_left: capacityLeft,
      served_building_id: servedBuildingId,
      served_region_code: servedRegionCode,
      valid_from: validFrom,
      valid_until: validUntil,
    };
    await trx
      .updateTable('resource')
      .set({ ...changes, version: row.version + 1, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, {
      actor,
      action: 'resource.update',
      entity: 'resource',
      entityId: id,
      regionCode: row.region_code,
      before: Object.fromEntries(Object.keys(changes).map((k) => [k, row[k as keyof typeof row]])),
      after: changes,
    });
    return { version: row.version + 1 };
  });
}
