import { buildingApi, type BuildingFilter } from '../../api/registry.ts';
import type { Building } from '../../api/registryTypes.ts';
import { regionApi } from '../../api/resources.ts';

/** A page of the list API holds at most 200; a city's registry is a few hundred buildings. */
const PAGE = 200;
const MAX_PAGES = 10;

/**
 * Every building the filter matches, read page by page: the spatial view plots
 * all of them.
 */
export async function listAllBuildings(filter: BuildingFilter, signal: AbortSignal): Promise<{ items: Building[]; total: number }> {
  const items: Building[] = [];
  let total = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await buildingApi.list({ ...filter, limit: PAGE, offset: page * PAGE }, signal);
    items.push(...res.items);
    total = res.total;
    if (items.length >= total || res.items.length < PAGE) break;
  }
  return { items, total };
}

export type OccupancyBand = 'low' | 'mid' | 'high' | 'vacant';
export const OCCUPANCY_BANDS: readonly OccupancyBand[] = ['low', 'mid', 'high', 'vacant'];

/** Each band as the server's occupancy filter: occupancy below 60 %, 60–85 %, 85 % and above, or any vacant space. */
export const OCCUPANCY_FILTER: Record<OccupancyBand, Pick<BuildingFilter, 'vacancyRateMin' | 'vacancyRateMax' | 'vacantAreaMin'>> = {
  low: { vacancyRateMin: 0.4 },
  mid: { vacancyRateMin: 0.15, vacancyRateMax: 0.4 },
  high: { vacancyRateMax: 0.15 },
  vacant: { vacantAreaMin: 1 },
};

export function occupancyBand(rate: number): OccupancyBand {
  if (rate < 0.6) return 'low';
  return rate < 0.85 ? 'mid' : 'high';
}

/** The county-level (区县) code of a region: its first six digits. */
export const districtOf = (regionCode: string) => regionCode.slice(0, 6);

/** Names of the districts the buildings stand in, one look-up per district. */
export async function districtNames(buildings: readonly Building[]): Promise<Map<string, string>> {
  const codes = [...new Set(buildings.map((b) => districtOf(b.regionCode)))];
  const names = new Map<string, string>();
  await Promise.all(
    codes.map(async (code) => {
      try {
        names.set(code, (await regionApi.get(code)).region.name);
      } catch {
        // A district above the caller's scope is not readable; its code stands in for the name.
        names.set(code, code);
      }
    }),
  );
  return names;
}

export function percent(rate: number | null | undefined, digits = 1): string {
  if (rate === null || rate === undefined) return '—';
  return `${(rate * 100).toFixed(digits)}%`;
}

export function area(value: number): string {
  return value.toLocaleString('zh-CN', { maximumFractionDigits: 0 });
}
