import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import { coverageRate } from '../../../domain/registry/coverage.ts';
import { occupancyOf } from '../../../domain/registry/occupancy.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';
import { scopeWhere } from '../../db/scoped.ts';
import type { Overview } from './schemas.ts';

/**
 * DSH-3 the registry's headline figures in one round trip. Every table is read
 * through its own scope rule (so a building user counts their building, a
 * street user their street) and, when asked, limited to a region's subtree.
 * "Today" decides current leases and cadres in post; rates follow the domain
 * rules (occupancy.ts, coverage.ts).
 */
interface Row {
  buildings: string;
  covered_buildings: string;
  office_area: string;
  leased_area: string;
  enterprises: string;
  non_public: string;
  leasing: string;
  leasing_covered: string;
  instructors: string;
  instructors_serving: string;
  instructed_enterprises: string;
  cadres: string;
  city_belts: string;
  named: string;
  cultivating: string;
}

export async function registryOverview(
  db: Kysely<Database>,
  actor: Actor,
  region: { prefix: string } | null,
  today: string,
): Promise<Omit<Overview, 'region' | 'today'>> {
  const within = (column: string): RawBuilder<SqlBool> =>
    region ? sql<SqlBool>`${sql.ref(column)} LIKE ${region.prefix + '%'}` : sql<SqlBool>`true`;
  const current = sql<SqlBool>`lease.start_on <= ${today} AND lease.end_on >= ${today} AND (lease.ended_on IS NULL OR lease.ended_on > ${today})`;
  const { rows } = await sql<Row>`
    WITH b AS (
      SELECT count(*) AS n, count(*) FILTER (WHERE comprehensive_party_org_id IS NOT NULL) AS covered, coalesce(sum(office_area), 0) AS office
      FROM building WHERE ${within('building.region_code')} AND ${scopeWhere(actor, 'building')}
    ), leased AS (
      SELECT coalesce(sum(lease.area), 0) AS area
      FROM lease JOIN building ON building.id = lease.building_id
      WHERE ${within('building.region_code')} AND ${scopeWhere(actor, 'building')} AND ${scopeWhere(actor, 'lease')} AND ${current}
    ), e AS (
      SELECT count(*) AS n, count(*) FILTER (WHERE is_non_public) AS non_public
      FROM enterprise WHERE ${within('enterprise.region_code')} AND ${scopeWhere(actor, 'enterprise')}
    ), leasing AS (
      SELECT count(DISTINCT lease.enterprise_id) AS n,
        count(DISTINCT lease.enterprise_id) FILTER (WHERE enterprise.party_org_status <> 'none' OR ia.enterprise_id IS NOT NULL) AS covered
      FROM lease
      JOIN enterprise ON enterprise.organisation_id = lease.enterprise_id
      LEFT JOIN instructor_assignment ia ON ia.enterprise_id = lease.enterprise_id
      WHERE ${within('lease.region_code')} AND ${scopeWhere(actor, 'lease')} AND ${current}
    ), i AS (
      SELECT count(*) AS n FROM instructor WHERE active AND ${within('instructor.region_code')} AND ${scopeWhere(actor, 'instructor')}
    ), served AS (
      SELECT count(DISTINCT ia.person_id) AS instructors, count(*) AS enterprises
      FROM instructor_assignment ia
      JOIN enterprise ON enterprise.organisation_id = ia.enterprise_id
      JOIN instructor ON instructor.person_id = ia.person_id AND instructor.active
      WHERE ${within('enterprise.region_code')} AND ${scopeWhere(actor, 'enterprise')}
    ), c AS (
      SELECT count(*) AS n FROM stationed_cadre
      WHERE started_on <= ${today} AND (ended_on IS NULL OR ended_on > ${today})
        AND ${within('stationed_cadre.region_code')} AND ${scopeWhere(actor, 'stationed_cadre')}
    ), belts AS (
      SELECT count(*) AS n FROM demo_belt
      WHERE level = 'city' AND ${scopeWhere(actor, 'demo_belt')}
        AND (${within('demo_belt.region_code')} OR EXISTS (
          SELECT 1 FROM demo_belt_building m JOIN building inner_b ON inner_b.id = m.building_id
          WHERE m.belt_id = demo_belt.id AND ${within('inner_b.region_code')}))
    ), demo AS (
      -- A building named in one belt and cultivated in another is a named building.
      SELECT count(*) FILTER (WHERE named) AS named, count(*) FILTER (WHERE NOT named) AS cultivating
      FROM (
        SELECT building.id, bool_or(m.status = 'named') AS named
        FROM demo_belt_building m JOIN building ON building.id = m.building_id
        WHERE ${within('building.region_code')} AND ${scopeWhere(actor, 'building')}
        GROUP BY building.id
      ) members
    )
    SELECT b.n AS buildings, b.covered AS covered_buildings, b.office AS office_area, leased.area AS leased_area,
      e.n AS enterprises, e.non_public, leasing.n AS leasing, leasing.covered AS leasing_covered,
      i.n AS instructors, served.instructors AS instructors_serving, served.enterprises AS instructed_enterprises,
      c.n AS cadres, belts.n AS city_belts, demo.named, demo.cultivating
    FROM b, leased, e, leasing, i, served, c, belts, demo`.execute(db);
  const r = rows[0]!;
  const officeArea = Number(r.office_area);
  const occupancy = occupancyOf(officeArea, Number(r.leased_area));
  return {
    buildings: Number(r.buildings),
    enterprises: Number(r.enterprises),
    nonPublicEnterprises: Number(r.non_public),
    instructors: Number(r.instructors),
    instructorsServing: Number(r.instructors_serving),
    instructedEnterprises: Number(r.instructed_enterprises),
    stationedCadres: Number(r.cadres),
    cityBelts: Number(r.city_belts),
    namedDemoBuildings: Number(r.named),
    cultivatingDemoBuildings: Number(r.cultivating),
    officeArea,
    leasedArea: occupancy.leasedArea,
    occupancyRate: officeArea > 0 ? occupancy.occupancyRate : null,
    buildingCoverageRate: coverageRate(Number(r.covered_buildings), Number(r.buildings)),
    enterpriseCoverageRate: coverageRate(Number(r.leasing_covered), Number(r.leasing)),
  };
}
