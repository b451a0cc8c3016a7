import type { ResourceRow } from './queries.ts';

const named = (id: string | null, name: string | null) => (id && name ? { id, name } : null);

export function presentResource(row: ResourceRow) {
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    description: row.description,
    category: row.category,
    providerKind: row.provider_kind,
    provider: { id: row.provider_org_id, name: row.provider_name },
    building: named(row.building_id, row.building_name),
    regionCode: row.region_code,
    regionName: row.region_name,
    capacity: row.capacity,
    capacityLeft: row.capacity_left,
    conditions: row.conditions,
    contact: row.contact,
    servedBuilding: named(row.served_building_id, row.served_building_name),
    servedRegion: row.served_region_code ? { code: row.served_region_code, name: row.served_region_name ?? row.served_region_code } : null,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    status: row.status,
    version: row.version,
    createdAt: row.created_at.toISOString(),
  };
}
