import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';
import { allows, scopeWhere } from '../../db/scoped.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/chain.ts';

/**
 * Every change to a village's records locks its profile row first: ledger entries are
 * checked against balances computed under that lock, rules versions are numbered under it,
 * and a refused caller learns nothing (404 when the village is invisible, 403 when read-only).
 */
export type Trx = Transaction<Database>;
export type VillageBook = 'village_profile' | 'village_fund' | 'collective_income';

export async function lockVillage(trx: Trx, actor: Actor, code: string, book: VillageBook = 'village_profile') {
  const village = await trx.selectFrom('village_profile').selectAll().where('region_code', '=', code).forUpdate().executeTakeFirst();
  const record = { regionCode: village?.region_code ?? null, orgPath: village?.org_path ?? null };
  if (!village || !allows(actor, book, 'read', record)) throw notFound();
  if (!allows(actor, book, 'write', record)) throw forbidden();
  return village;
}

/** A person the caller can see (people are scoped like every record), or 404 naming the field. */
export async function visiblePerson(db: Kysely<Database> | Trx, actor: Actor, field: string, id: string) {
  const person = await db
    .selectFrom('person')
    .select(['id', 'name', 'region_code'])
    .where('id', '=', id)
    .where(scopeWhere(actor, 'person', 'read'))
    .executeTakeFirst();
  if (!person) throw new AppError('not_found', { fields: [{ path: field, key: 'field.person_unknown' }] });
  return person;
}

export async function visibleOrganisation(db: Kysely<Database> | Trx, actor: Actor, field: string, id: string) {
  const org = await db
    .selectFrom('organisation')
    .select(['id', 'name', 'path', 'region_code', 'kind'])
    .where('id', '=', id)
    .where(scopeWhere(actor, 'organisation', 'read'))
    .executeTakeFirst();
  if (!org) throw new AppError('not_found', { fields: [{ path: field, key: 'field.organisation_unknown' }] });
  return org;
}

/** A row of a village's child table that must belong to the locked village, else 404 naming the field. */
export function belongs<T extends { region_code: string }>(
  row: T | undefined,
  code: string,
  field: string,
  key:
    | 'field.traditional_building_unknown'
    | 'field.plan_unknown'
    | 'field.post_unknown'
    | 'field.responsibility_unknown'
    | 'field.fund_project_unknown'
    | 'field.site_unknown',
): T {
  if (!row || row.region_code !== code) throw new AppError('not_found', { fields: [{ path: field, key }] });
  return row;
}

/** The audit row of a change to one of a village's records, in the change's transaction. */
export async function audited(
  trx: Trx,
  actor: Actor,
  code: string,
  action: string,
  entity: string,
  id: string,
  after: unknown,
  before?: unknown,
) {
  await recordAudit(trx, { actor, action, entity, entityId: id, regionCode: code, after, ...(before !== undefined ? { before } : {}) });
}
