import { sql, type Kysely } from 'kysely';
import { coverageRate } from '../../../domain/registry/coverage.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Database, RegionLevel } from '../../db/schema.ts';
import { scopeWhere } from '../../db/scoped.ts';

/**
 * REG-4 coverage rates for a region and each of its child regions ("全覆盖"):
 * buildings with a comprehensive party organisation, and enterprises leasing
 * today that are covered. An enterprise leasing in two places of one region
 * counts once there. "Leasing today" reads the lease row (its latest state);
 * the building page reads the events, which differ only for renewals recorded
 * ahead of their effective day.
 */

/** The length of a child's code prefix, by the parent's level. */
const CHILD_PREFIX_LENGTH: Record<RegionLevel, number> = { province: 4, city: 6, county: 9, township: 12, village: 12 };

interface Counts {
  buildings: number;
  coveredBuildings: number;
  enterprises: number;
  own: number;
  joint: number;
  instructor: number;
  none: number;
}
const ZERO: Counts = { buildings: 0, coveredBuildings: 0, enterprises: 0, own: 0, joint: 0, instructor: 0, none: 0 };

function present(c: Counts) {
  const covered = c.own + c.joint + c.instructor;
  return {
    buildings: c.buildings,
    coveredBuildings: c.coveredBuildings,
    buildingRate: coverageRate(c.coveredBuildings, c.buildings),
    enterprises: c.enterprises,
    coveredEnterprises: covered,
    enterpriseRate: coverageRate(covered, c.enterprises),
    byStatus: { own: c.own, joint: c.joint, instructor: c.instructor, none: c.none },
  };
}

export async function regionCoverage(db: Kysely<Database>, actor: Actor, region: { code: string; name: string; level: RegionLevel; prefix: string }, today: string) {
  const n = CHILD_PREFIX_LENGTH[region.level];
  const like = `${region.prefix}%`;
  // GROUPING SETS: one pass gives each child's counts and the region's own (where an enterprise in two children counts once).
  const [children, buildings, enterprises] = await Promise.all([
    db.selectFrom('region').select(['code', 'name', 'level', 'prefix']).where('parent_code', '=', region.code).orderBy('code').execute(),
    sql<{ g: string | null; n: string; c: string }>`
      SELECT g, count(*) AS n, count(*) FILTER (WHERE covered) AS c
      FROM (
        SELECT left(building.region_code, ${n}) AS g, building.comprehensive_party_org_id IS NOT NULL AS covered
        FROM building
        WHERE building.region_code LIKE ${like} AND ${scopeWhere(actor, 'building')}
      ) listed
      GROUP BY GROUPING SETS ((g), ())`.execute(db),
    sql<{ g: string | null; total: string; own: string; joint: string; instructor: string; none: string }>`
      SELECT g,
        count(DISTINCT id) AS total,
        count(DISTINCT id) FILTER (WHERE status = 'own') AS own,
        count(DISTINCT id) FILTER (WHERE status = 'joint') AS joint,
        count(DISTINCT id) FILTER (WHERE status = 'instructor') AS instructor,
        count(DISTINCT id) FILTER (WHERE status = 'none') AS none
      FROM (
        SELECT left(lease.region_code, ${n}) AS g, lease.enterprise_id AS id,
          CASE WHEN enterprise.party_org_status = 'none' AND ia.enterprise_id IS NOT NULL THEN 'instructor' ELSE enterprise.party_org_status END AS status
        FROM lease
        JOIN enterprise ON enterprise.organisation_id = lease.enterprise_id
        LEFT JOIN instructor_assignment ia ON ia.enterprise_id = lease.enterprise_id
        WHERE lease.region_code LIKE ${like}
          AND lease.start_on <= ${today} AND lease.end_on >= ${today} AND (lease.ended_on IS NULL OR lease.ended_on > ${today})
          AND ${scopeWhere(actor, 'lease')}
      ) current
      GROUP BY GROUPING SETS ((g), ())`.execute(db),
  ]);
  // In GROUPING SETS the grand total is the row whose group is NULL (a group key itself is never NULL here).
  const counts = new Map<string | null, Counts>();
  const at = (g: string | null) => counts.get(g) ?? { ...ZERO };
  for (const r of buildings.rows) counts.set(r.g, { ...at(r.g), buildings: Number(r.n), coveredBuildings: Number(r.c) });
  for (const r of enterprises.rows) {
    counts.set(r.g, { ...at(r.g), enterprises: Number(r.total), own: Number(r.own), joint: Number(r.joint), instructor: Number(r.instructor), none: Number(r.none) });
  }
  return {
    region: { code: region.code, name: region.name, level: region.level },
    today,
    totals: present(at(null)),
    children: children.map((c) => ({ code: c.code, name: c.name, level: c.level, ...present(at(c.prefix)) })),
  };
}
