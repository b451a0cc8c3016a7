import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import { regionPrefix } from '../../../domain/regions.ts';
import { QUALIFICATIONS, type EnterpriseProfile, type Qualification, type SizeClass } from '../../../domain/policies/profile.ts';
import type { Database } from '../../db/schema.ts';
import type { Match } from './match.ts';
import { catalogueStamp } from './rules.ts';

/**
 * POL-2 an enterprise's profile as rules read it, assembled from the registry
 * (industry, size, staff, registration, party organisation, designations, the
 * current lease's building and move-in day) and `enterprise_profile` (revenue,
 * R&D spending, qualifications). One query for one enterprise or for all.
 */
export interface ProfileRow {
  enterpriseId: string;
  name: string;
  regionCode: string;
  orgPath: string;
  profile: EnterpriseProfile;
}

const KNOWN_QUALIFICATIONS: ReadonlySet<string> = new Set(QUALIFICATIONS);
const money = (v: string | null): number | null => (v === null ? null : Number(v));

export async function loadProfiles(
  db: Kysely<Database>,
  options: {
    enterpriseIds?: readonly string[];
    /** Enterprises in this region's subtree only. */
    regionCode?: string | null;
    /** A scope condition over the enterprise table aliased `e`. */
    scope?: Expression<SqlBool>;
  } = {},
): Promise<ProfileRow[]> {
  let q = profileQuery(db).orderBy('e.organisation_id');
  if (options.enterpriseIds) q = q.where('e.organisation_id', 'in', options.enterpriseIds.length ? options.enterpriseIds : ['0']);
  if (options.regionCode) q = q.where('e.region_code', 'like', `${regionPrefix(options.regionCode)}%`);
  if (options.scope) q = q.where(options.scope);
  const rows = await q.execute();
  return rows.map(toProfileRow);
}

/**
 * POL-3 one enterprise for re-matching, in one round trip: its profile, its stored match
 * and the catalogue's stamp (`catalogueStamp`), so the compiled catalogue is re-read only
 * when a policy was published, changed or withdrawn since.
 */
export async function loadForMatching(
  db: Kysely<Database>,
  enterpriseId: string,
): Promise<{ row: ProfileRow; stored: Match | null; stamp: string } | null> {
  const r = await profileQuery(db)
    .leftJoin('policy_match as m', 'm.enterprise_id', 'e.organisation_id')
    .select(['m.met', 'm.unknown', 'm.unmet', catalogueStamp.as('stamp')])
    .where('e.organisation_id', '=', enterpriseId)
    .executeTakeFirst();
  if (!r) return null;
  const stored =
    r.met === null ? null : { met: r.met.map(String), unknown: (r.unknown ?? []).map(String), unmet: (r.unmet ?? []).map(String) };
  return { row: toProfileRow(r), stored, stamp: r.stamp };
}

function profileQuery(db: Kysely<Database>) {
  return db
    .selectFrom('enterprise as e')
    .innerJoin('organisation as o', 'o.id', 'e.organisation_id')
    .leftJoin('enterprise_profile as p', 'p.enterprise_id', 'e.organisation_id')
    .leftJoin('building as b', 'b.id', 'e.current_building_id')
    .select([
      'e.organisation_id as id',
      'o.name',
      'e.industry_code',
      'e.size_class',
      'e.region_code',
      'e.org_path',
      'e.registered_on',
      'e.staff_count',
      'e.party_org_status',
      'e.is_key_enterprise',
      'e.is_non_public',
      'e.current_building_id',
      'b.region_code as building_region_code',
      'p.revenue',
      'p.rd_spending',
      'p.qualifications',
      sql<string | null>`(SELECT min(l.start_on)::text FROM lease l
        WHERE l.enterprise_id = e.organisation_id AND l.building_id = e.current_building_id AND l.ended_on IS NULL)`.as('moved_in_on'),
    ]);
}

type ProfileQueryRow = Awaited<ReturnType<ReturnType<typeof profileQuery>['execute']>>[number];

function toProfileRow(r: ProfileQueryRow): ProfileRow {
  const inBuilding = r.current_building_id !== null;
  const profile: EnterpriseProfile = {
    industryCode: r.industry_code,
    sizeClass: r.size_class as SizeClass | null,
    regionCode: r.region_code,
    registeredOn: r.registered_on,
    staffCount: r.staff_count,
    revenue: money(r.revenue),
    rdSpending: money(r.rd_spending),
    qualifications: r.qualifications === null ? null : (r.qualifications.filter((q) => KNOWN_QUALIFICATIONS.has(q)) as Qualification[]),
    inBuilding,
    buildingId: inBuilding ? r.current_building_id : null,
    buildingRegionCode: inBuilding ? r.building_region_code : null,
    movedInOn: inBuilding ? r.moved_in_on : null,
    partyOrgStatus: r.party_org_status,
    isKeyEnterprise: r.is_key_enterprise,
    isNonPublic: r.is_non_public,
  };
  return {
    enterpriseId: r.id,
    name: r.name,
    regionCode: r.region_code,
    orgPath: r.org_path,
    profile,
  };
}
