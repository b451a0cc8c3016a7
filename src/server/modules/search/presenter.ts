import type { searchAll } from './queries.ts';

/** The first `limit` hits of each kind and whether there were more (the queries fetch one extra). */
export function presentSearch(
  q: string,
  limit: number,
  found: Awaited<ReturnType<typeof searchAll>>,
) {
  return {
    q,
    buildings: found.buildings
      .slice(0, limit)
      .map((b) => ({ id: b.id, name: b.name, detail: b.region_name, regionCode: b.region_code, address: b.address })),
    enterprises: found.enterprises
      .slice(0, limit)
      .map((e) => ({ id: e.id, name: e.name, detail: e.building_name, regionCode: e.region_code, creditCode: e.credit_code })),
    people: found.people.slice(0, limit).map((p) => ({ id: p.id, name: p.name, detail: p.organisation_name, regionCode: p.region_code })),
    more: { buildings: found.buildings.length > limit, enterprises: found.enterprises.length > limit, people: found.people.length > limit },
  };
}
