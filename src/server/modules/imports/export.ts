import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { FieldValue, ImportKind } from '../../../domain/registry/import-rows.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';
import { scopeWhere } from '../../db/scoped.ts';

/**
 * REG-9 the caller's scoped records as template records, a page at a time
 * (keyset on id), so an export of any size holds one page in memory. The
 * fields are the template's, so the exported file re-imports as unchanged.
 */
const PAGE = 2000;
type Record_ = Record<string, FieldValue>;

const num = (v: string | number | null) => (v === null ? null : Number(v));

function within(column: string, prefix: string | null): RawBuilder<SqlBool> {
  return prefix ? sql<SqlBool>`${sql.ref(column)} LIKE ${prefix + '%'}` : sql<SqlBool>`true`;
}

async function* buildings(db: Kysely<Database>, actor: Actor, prefix: string | null): AsyncGenerator<Record_[]> {
  for (let after = '0'; ;) {
    const rows = await db
      .selectFrom('building')
      .leftJoin('organisation as pc', 'pc.id', 'building.property_company_id')
      .leftJoin('organisation as po', 'po.id', 'building.property_owner_id')
      .selectAll('building')
      .select(['pc.name as property_company', 'po.name as property_owner'])
      .where(scopeWhere(actor, 'building'))
      .where(within('building.region_code', prefix))
      .where('building.id', '>', after)
      .orderBy('building.id')
      .limit(PAGE)
      .execute();
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!.id;
    yield rows.map((b) => ({
      name: b.name,
      regionCode: b.region_code,
      address: b.address,
      lng: b.lng,
      lat: b.lat,
      floorsAbove: b.floors_above,
      floorsBelow: b.floors_below,
      grossArea: num(b.gross_area),
      officeArea: num(b.office_area),
      ownership: b.ownership,
      managementMode: b.management_mode,
      propertyCompany: b.property_company,
      propertyOwner: b.property_owner,
      positioning: b.positioning,
      industryFocus: b.industry_focus,
      askingRent: num(b.asking_rent),
      completedYear: b.completed_year,
    }));
  }
}

async function* enterprises(db: Kysely<Database>, actor: Actor, prefix: string | null): AsyncGenerator<Record_[]> {
  for (let after = '0'; ;) {
    const rows = await db
      .selectFrom('enterprise')
      .innerJoin('organisation', 'organisation.id', 'enterprise.organisation_id')
      .selectAll('enterprise')
      .select('organisation.name')
      .where(scopeWhere(actor, 'enterprise'))
      .where(within('enterprise.region_code', prefix))
      .where('enterprise.organisation_id', '>', after)
      .orderBy('enterprise.organisation_id')
      .limit(PAGE)
      .execute();
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!.organisation_id;
    yield rows.map((e) => ({
      name: e.name,
      creditCode: e.credit_code,
      regionCode: e.region_code,
      industryCode: e.industry_code,
      sizeClass: e.size_class,
      staffCount: e.staff_count,
      partyMemberCount: e.party_member_count,
      isKeyEnterprise: e.is_key_enterprise,
      isNonPublic: e.is_non_public,
      partyOrgStatus: e.party_org_status,
      registeredOn: e.registered_on,
      legalRepresentative: e.legal_representative,
      lng: e.lng,
      lat: e.lat,
    }));
  }
}

async function* leases(db: Kysely<Database>, actor: Actor, prefix: string | null): AsyncGenerator<Record_[]> {
  for (let after = '0'; ;) {
    const rows = await db
      .selectFrom('lease')
      .innerJoin('building', 'building.id', 'lease.building_id')
      .innerJoin('enterprise', 'enterprise.organisation_id', 'lease.enterprise_id')
      .innerJoin('organisation', 'organisation.id', 'lease.enterprise_id')
      .selectAll('lease')
      .select([
        'building.name as building_name',
        'building.region_code as building_region',
        'enterprise.credit_code',
        'organisation.name as enterprise_name',
      ])
      .where(scopeWhere(actor, 'lease'))
      .where(within('lease.region_code', prefix))
      .where('lease.id', '>', after)
      .orderBy('lease.id')
      .limit(PAGE)
      .execute();
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!.id;
    yield rows.map((l) => ({
      externalRef: l.external_ref,
      buildingName: l.building_name,
      buildingRegionCode: l.building_region,
      enterpriseCreditCode: l.credit_code,
      enterpriseName: l.enterprise_name,
      units: l.units,
      area: num(l.area),
      startOn: l.start_on,
      endOn: l.end_on,
      monthlyRent: num(l.monthly_rent),
      endedOn: l.ended_on,
    }));
  }
}

export function exportPages(db: Kysely<Database>, actor: Actor, kind: ImportKind, prefix: string | null): AsyncGenerator<Record_[]> {
  switch (kind) {
    case 'buildings':
      return buildings(db, actor, prefix);
    case 'enterprises':
      return enterprises(db, actor, prefix);
    case 'leases':
      return leases(db, actor, prefix);
  }
}
