import { LIST_CATEGORIES, type ListCategory } from './categories.ts';
import { dayNumber } from './factors.ts';
import { CATEGORY_SHARE, INDUSTRIES, PROVIDERS, THEMES } from './phrases.ts';
import type { ListNeed, ListResource } from './types.ts';

/**
 * LST-1/LST-2 generated needs and resources with Chinese descriptions, for the demo seed
 * and the matching benchmark. Pure: the caller passes a seeded `random` (0 ≤ x < 1), so
 * the same seed gives the same lists everywhere.
 */
export type Random = () => number;

/** A street and its buildings; `weight` makes some streets busier than others. */
export interface ListPlace {
  /** 9-digit street (or 12-digit community) code. */
  regionCode: string;
  buildingIds: readonly string[];
  weight?: number;
}

const int = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));
function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function weighted<T>(random: Random, items: readonly T[], weightOf: (t: T) => number): T {
  const total = items.reduce((s, t) => s + weightOf(t), 0);
  let x = random() * total;
  for (const t of items) {
    x -= weightOf(t);
    if (x < 0) return t;
  }
  return items[items.length - 1]!;
}

export function pickCategory(random: Random): ListCategory {
  return weighted(random, LIST_CATEGORIES, (c) => CATEGORY_SHARE[c]);
}

function fill(random: Random, template: string, n: number): string {
  return template
    .replaceAll('{n}', String(n))
    .replaceAll('{industry}', pick(random, INDUSTRIES))
    .replaceAll('{provider}', pick(random, PROVIDERS));
}

const NEED_OPENINGS = ['', '', '', '楼宇内{industry}企业反映：', '我司是{industry}企业，', '党支部反映：', '人才专员收集：'];
const NEED_ENDINGS = ['', '。', '，盼尽快对接。', '，时间比较紧。', '，请楼宇专员协助。'];
const RESOURCE_ENDINGS = ['', '。', '，名额有限。', '，欢迎楼宇企业咨询。', '，详询楼宇专员。'];

/** A need's description in a category, and the number it mentions (people, hundreds of ㎡ …). */
export function describeNeed(random: Random, category: ListCategory): { description: string; n: number } {
  const theme = pick(random, THEMES[category]);
  const n = int(random, 2, 8);
  const opening = fill(random, pick(random, NEED_OPENINGS), n);
  return { description: opening + fill(random, pick(random, theme.needs), n) + pick(random, NEED_ENDINGS), n };
}

export function describeResource(random: Random, category: ListCategory): string {
  const theme = pick(random, THEMES[category]);
  return fill(random, pick(random, theme.resources), int(random, 2, 8)) + pick(random, RESOURCE_ENDINGS);
}

function addDays(date: string, days: number): string {
  return new Date((dayNumber(date) + days) * 86_400_000).toISOString().slice(0, 10);
}

export function generateListNeeds(options: { random: Random; count: number; places: readonly ListPlace[]; idPrefix?: string }): ListNeed[] {
  const { random, places } = options;
  const out: ListNeed[] = [];
  for (let i = 0; i < options.count; i++) {
    const place = weighted(random, places, (p) => p.weight ?? 1);
    const category = pickCategory(random);
    const { description, n } = describeNeed(random, category);
    // People to recruit or train use that many places; most other needs are one enterprise's one request.
    const counted = (category === 'talent' || category === 'training') && description.includes(String(n));
    out.push({
      id: `${options.idPrefix ?? 'n'}${i + 1}`,
      category,
      description,
      quantity: counted ? n : random() < 0.85 ? 1 : int(random, 2, 3),
      buildingId: place.buildingIds.length > 0 && random() < 0.9 ? pick(random, place.buildingIds) : null,
      regionCode: place.regionCode,
    });
  }
  return out;
}

export function generateListResources(options: {
  random: Random;
  count: number;
  places: readonly ListPlace[];
  asOf: string;
  idPrefix?: string;
}): ListResource[] {
  const { random, places, asOf } = options;
  const out: ListResource[] = [];
  for (let i = 0; i < options.count; i++) {
    const place = weighted(random, places, (p) => p.weight ?? 1);
    const category = pickCategory(random);
    const buildingId = place.buildingIds.length > 0 && random() < 0.6 ? pick(random, place.buildingIds) : null;
    const street = place.regionCode.slice(0, 9);
    // Area served: a building's own resources, a street's, a district's, the city's, or any.
    const a = random();
    const servedBuildingId = a < 0.15 && buildingId !== null ? buildingId : null;
    const servedRegionCode =
      servedBuildingId !== null || a >= 0.95 ? null : a < 0.55 ? street : a < 0.85 ? street.slice(0, 6) : `${street.slice(0, 4)}00`;
    const unlimited = category === 'policy' ? random() < 0.6 : random() < 0.05;
    const v = random();
    out.push({
      id: `${options.idPrefix ?? 'r'}${i + 1}`,
      category,
      description: describeResource(random, category),
      capacityLeft: unlimited ? null : random() < 0.08 ? 0 : int(random, 1, 30),
      buildingId,
      regionCode: place.regionCode,
      servedBuildingId,
      servedRegionCode,
      validFrom: v < 0.05 ? addDays(asOf, int(random, 1, 60)) : v < 0.5 ? addDays(asOf, -int(random, 1, 365)) : null,
      validUntil: v < 0.5 ? null : v < 0.58 ? addDays(asOf, -int(random, 1, 90)) : addDays(asOf, int(random, 0, 400)),
    });
  }
  return out;
}
