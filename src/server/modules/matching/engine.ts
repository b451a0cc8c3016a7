import { sql, type Kysely } from 'kysely';
import { resourceCategoriesFor, type ListCategory } from '../../../domain/lists/categories.ts';
import type { ListNeed, ListResource, MatchPair } from '../../../domain/lists/types.ts';
import { ancestorCodes, regionPrefix } from '../../../domain/regions.ts';
import type { Database } from '../../db/schema.ts';

/**
 * LST-3 rows as the pure matching engine (src/domain/lists) sees them, and the SQL that
 * picks the candidate resources of an area: active, with capacity left, valid on the day,
 * serving the area (a building of it, the area or a region above or inside it, anywhere).
 */
type Db = Kysely<Database>;

export interface NeedRowForMatching {
  id: string;
  category: ListCategory;
  title: string;
  description: string;
  quantity: number;
  building_id: string | null;
  region_code: string;
}

export function toListNeed(row: NeedRowForMatching): ListNeed {
  return {
    id: row.id,
    category: row.category,
    description: `${row.title} ${row.description}`,
    quantity: row.quantity,
    buildingId: row.building_id,
    regionCode: row.region_code,
  };
}

export interface ResourceRowForMatching {
  id: string;
  category: ListCategory;
  title: string;
  description: string;
  capacity_left: number | null;
  building_id: string | null;
  region_code: string;
  served_building_id: string | null;
  served_region_code: string | null;
  valid_from: string | null;
  valid_until: string | null;
}

export function toListResource(row: ResourceRowForMatching): ListResource {
  return {
    id: row.id,
    category: row.category,
    description: `${row.title} ${row.description}`,
    capacityLeft: row.capacity_left,
    buildingId: row.building_id,
    regionCode: row.region_code,
    servedBuildingId: row.served_building_id,
    servedRegionCode: row.served_region_code,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
  };
}

export const MATCHING_RESOURCE_COLUMNS = [
  'resource.id',
  'resource.category',
  'resource.title',
  'resource.description',
  'resource.capacity_left',
  'resource.building_id',
  'resource.region_code',
  'resource.served_building_id',
  'resource.served_region_code',
  'resource.valid_from',
  'resource.valid_until',
] as const;

/**
 * Resources that may serve some need in `areaCode` (a street, or a district or city for needs
 * placed there) on `asOf`. `categories` narrows to those a need's category can use.
 */
export async function candidateResources(
  db: Db,
  opts: { areaCode: string; asOf: string; categories?: readonly ListCategory[] },
): Promise<ListResource[]> {
  const prefix = regionPrefix(opts.areaCode);
  const above = [...ancestorCodes(opts.areaCode), opts.areaCode];
  let q = db
    .selectFrom('resource')
    .select(MATCHING_RESOURCE_COLUMNS)
    .where('resource.status', '=', 'active')
    .where((eb) => eb.or([eb('resource.capacity_left', 'is', null), eb('resource.capacity_left', '>', 0)]))
    .where((eb) => eb.or([eb('resource.valid_from', 'is', null), eb('resource.valid_from', '<=', opts.asOf)]))
    .where((eb) => eb.or([eb('resource.valid_until', 'is', null), eb('resource.valid_until', '>=', opts.asOf)]))
    .where((eb) =>
      eb.or([
        eb.and([
          eb('resource.served_building_id', 'is', null),
          eb.or([
            eb('resource.served_region_code', 'is', null),
            eb('resource.served_region_code', 'in', above),
            sql<boolean>`resource.served_region_code LIKE ${prefix + '%'}`,
          ]),
        ]),
        eb(
          'resource.served_building_id',
          'in',
          eb
            .selectFrom('building')
            .select('building.id')
            .where(sql<boolean>`building.region_code LIKE ${prefix + '%'}`),
        ),
      ]),
    );
  if (opts.categories) q = q.where('resource.category', 'in', [...opts.categories]);
  const rows = await q.execute();
  return rows.map(toListResource);
}

/** The resource categories a need of this category can use. */
export function usableCategories(category: ListCategory): ListCategory[] {
  return resourceCategoriesFor(category).map((c) => c.category);
}

/** Pairs a person already decided for these needs: rejected ones are never proposed again, confirmed ones are done. */
export async function decidedPairs(db: Db, needIds: readonly string[]): Promise<MatchPair[]> {
  if (needIds.length === 0) return [];
  const rows = await db
    .selectFrom('need_match')
    .select(['need_id', 'resource_id'])
    .where('need_id', 'in', [...needIds])
    .where('status', 'in', ['rejected', 'confirmed'])
    .execute();
  return rows.map((r) => ({ needId: r.need_id, resourceId: r.resource_id }));
}

/** The area a need's index covers: its street (a community's street), else its own region. */
export function matchingAreaOf(regionCode: string): string {
  return regionCode.length >= 9 ? regionCode.slice(0, 9) : regionCode;
}
