import { sql, type Kysely } from 'kysely';
import { INDUSTRY_SECTIONS } from '../../../domain/registry/industry.ts';
import { regionPrefix } from '../../../domain/regions.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Action } from '../../auth/policy.ts';
import type { Database } from '../../db/schema.ts';
import { scopeWhere } from '../../db/scoped.ts';
import type { EnterpriseQuery } from './schemas.ts';

function base(db: Kysely<Database>, actor: Actor, action: Action = 'read') {
  return (
    db
      .selectFrom('enterprise')
      .innerJoin('organisation', 'organisation.id', 'enterprise.organisation_id')
      .leftJoin('region', 'region.code', 'enterprise.region_code')
      .leftJoin('industry', 'industry.code', 'enterprise.industry_code')
      .leftJoin('building', 'building.id', 'enterprise.current_building_id')
      // SVC-1 the assigned instructor's name is part of the enterprise's record, as the 八员 are of a building's.
      .leftJoin('instructor_assignment as ia', 'ia.enterprise_id', 'enterprise.organisation_id')
      .leftJoin('person as instructor_person', 'instructor_person.id', 'ia.person_id')
      .select([
        'enterprise.organisation_id as id',
        'organisation.name',
        'organisation.parent_id',
        'enterprise.credit_code',
        'enterprise.region_code',
        'region.name as region_name',
        'enterprise.industry_code',
        'industry.name as industry_name',
        'industry.section as industry_section',
        'enterprise.size_class',
        'enterprise.staff_count',
        'enterprise.party_member_count',
        'enterprise.is_key_enterprise',
        'enterprise.is_non_public',
        'enterprise.party_org_status',
        sql<boolean>`ia.person_id IS NOT NULL`.as('has_instructor'),
        'ia.person_id as instructor_person_id',
        'instructor_person.name as instructor_name',
        'ia.pinned as instructor_pinned',
        'enterprise.registered_on',
        'enterprise.legal_representative',
        'enterprise.lng',
        'enterprise.lat',
        'enterprise.current_building_id',
        'building.name as current_building_name',
        'enterprise.created_at',
        'enterprise.updated_at',
      ])
      .where(scopeWhere(actor, 'enterprise', action))
  );
}
export type EnterpriseRow = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

export function findEnterprise(db: Kysely<Database>, actor: Actor, id: string): Promise<EnterpriseRow | undefined> {
  return base(db, actor).where('enterprise.organisation_id', '=', id).executeTakeFirst();
}

/** A section letter stands for itself and all of its divisions. */
function industryCodes(code: string): string[] {
  const section = INDUSTRY_SECTIONS.find((s) => s.code === code);
  return section ? [section.code, ...section.divisions.map(([d]) => d)] : [code];
}

export async function listEnterprises(
  db: Kysely<Database>,
  actor: Actor,
  f: EnterpriseQuery,
): Promise<{ rows: EnterpriseRow[]; total: number }> {
  let matching = db.selectFrom('enterprise').where(scopeWhere(actor, 'enterprise'));
  if (f.regionCode) matching = matching.where('enterprise.region_code', 'like', `${regionPrefix(f.regionCode)}%`);
  if (f.buildingId) matching = matching.where('enterprise.current_building_id', '=', f.buildingId);
  if (f.industryCode) matching = matching.where('enterprise.industry_code', 'in', industryCodes(f.industryCode));
  if (f.sizeClass) matching = matching.where('enterprise.size_class', '=', f.sizeClass);
  if (f.isKeyEnterprise) matching = matching.where('enterprise.is_key_enterprise', '=', f.isKeyEnterprise === 'true');
  if (f.partyOrgStatus) matching = matching.where('enterprise.party_org_status', '=', f.partyOrgStatus);
  // Name, credit code and legal representative, as a phrase of character bigrams.
  if (f.q) matching = matching.where(sql<boolean>`enterprise.search @@ hongtu_bigram_query(${f.q})`);
  // Registration order (the primary key) pages through 200k enterprises without sorting them; only the page is joined.
  const page = matching.select('enterprise.organisation_id').orderBy('enterprise.organisation_id').limit(f.limit).offset(f.offset);
  const [rows, count] = await Promise.all([
    base(db, actor).where('enterprise.organisation_id', 'in', page).orderBy('enterprise.organisation_id').execute(),
    matching.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** The enterprise's leases the caller may see, newest first. */
export function enterpriseLeases(db: Kysely<Database>, actor: Actor, enterpriseId: string) {
  return db
    .selectFrom('lease')
    .innerJoin('building', 'building.id', 'lease.building_id')
    .select([
      'lease.id',
      'lease.building_id',
      'building.name as building_name',
      'lease.units',
      'lease.area',
      'lease.start_on',
      'lease.end_on',
      'lease.ended_on',
    ])
    .where('lease.enterprise_id', '=', enterpriseId)
    .where(scopeWhere(actor, 'lease'))
    .orderBy('lease.start_on', 'desc')
    .orderBy('lease.id', 'desc')
    .execute();
}
