import { sql, type Kysely } from 'kysely';
import { regionPrefix } from '../../../domain/regions.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';
import { scopeWhere } from '../../db/scoped.ts';
import { leasedAreaByBuilding } from '../leases/facts.ts';

/** REG-8 buildings in the actor's scope with their office area, leased area and vacancy today (the lease rule of occupancy.ts). */
export function buildingVacancies(
  db: Kysely<Database>,
  actor: Actor,
  f: { today: string; regionCode?: string | undefined; buildingIds?: string[] | undefined },
) {
  let buildings = db.selectFrom('building').where(scopeWhere(actor, 'building', 'read'));
  if (f.regionCode) buildings = buildings.where('building.region_code', 'like', `${regionPrefix(f.regionCode)}%`);
  if (f.buildingIds) buildings = buildings.where('building.id', 'in', f.buildingIds.length ? f.buildingIds : ['0']);
  // One grouped aggregate over the selected buildings' leases, not a subquery per building.
  const leased = leasedAreaByBuilding(db, { on: f.today, buildings: buildings.select('building.id') }).as('leased');
  return buildings
    .leftJoin('region', 'region.code', 'building.region_code')
    .leftJoin(leased, 'leased.building_id', 'building.id')
    .select([
      'building.id',
      'building.name',
      'building.address',
      'building.region_code',
      'region.name as region_name',
      'building.positioning',
      'building.industry_focus',
      'building.demo_status',
      sql<number | null>`building.asking_rent::float8`.as('asking_rent'),
      sql<number>`building.office_area::float8`.as('office_area'),
      sql<number>`coalesce(leased.leased_area, 0)`.as('leased_area'),
    ]);
}
export type VacancyRow = Awaited<ReturnType<ReturnType<typeof buildingVacancies>['execute']>>[number];

export const vacantArea = (row: Pick<VacancyRow, 'office_area' | 'leased_area'>) => Math.max(0, row.office_area - row.leased_area);

/** REG-8 industry mix: tenants per GB/T 4754 section in each building, counting enterprises whose current building it is. */
export function industryMix(db: Kysely<Database>, actor: Actor, buildingIds: string[]) {
  return db
    .selectFrom('enterprise')
    .leftJoin('industry', 'industry.code', 'enterprise.industry_code')
    .select(['enterprise.current_building_id as building_id', 'industry.section', (eb) => eb.fn.countAll<string>().as('n')])
    .where('enterprise.current_building_id', 'in', buildingIds.length ? buildingIds : ['0'])
    .where(scopeWhere(actor, 'enterprise', 'read'))
    .groupBy(['enterprise.current_building_id', 'industry.section'])
    .execute();
}
