import { CATEGORY_LABELS, type ListCategory } from './categories.ts';
import type { Proximity } from './factors.ts';
import type { MatchReason } from './types.ts';

/** LST-3 the sentences a person reads beside each score component, in both locales. */
const zhCat = (c: ListCategory) => CATEGORY_LABELS[c].zh;
const enCat = (c: ListCategory) => CATEGORY_LABELS[c].en;
const pct = (v: number) => Math.round(v * 100);

export function categoryReason(need: ListCategory, resource: ListCategory, strength: number): MatchReason {
  const params = { needCategory: need, resourceCategory: resource, percent: pct(strength) };
  if (strength >= 1) return { code: 'category_same', zh: `类别相同：${zhCat(need)}`, en: `Same category: ${enCat(need)}`, params };
  if (strength > 0) {
    return {
      code: 'category_related',
      zh: `类别相关：${zhCat(resource)}资源可部分满足${zhCat(need)}需求（相关度 ${pct(strength)}%）`,
      en: `Related category: a resource in ${enCat(resource)} partly serves a need in ${enCat(need)} (${pct(strength)} %)`,
      params,
    };
  }
  return {
    code: 'category_unrelated',
    zh: `类别不相关：${zhCat(resource)}资源不能满足${zhCat(need)}需求`,
    en: `Unrelated category: a resource in ${enCat(resource)} does not serve a need in ${enCat(need)}`,
    params,
  };
}

export function textReason(value: number, phrases: readonly string[]): MatchReason {
  if (phrases.length === 0) return { code: 'text_none', zh: '描述没有共同词语', en: 'The descriptions share no words' };
  const zhList = phrases.map((p) => `“${p}”`).join('、');
  const enList = phrases.map((p) => `“${p}”`).join(', ');
  return {
    code: 'text_shared',
    zh: `描述相关（${pct(value)}%）：共同词语 ${zhList}`,
    en: `Descriptions related (${pct(value)} %): both mention ${enList}`,
    params: { percent: pct(value), phrases: phrases.join('、') },
  };
}

const PROXIMITY_TEXT: Readonly<Record<Proximity, { zh: string; en: string }>> = {
  building: { zh: '同一楼宇', en: 'Same building' },
  street: { zh: '同一街道', en: 'Same street' },
  district: { zh: '同一区县', en: 'Same district' },
  city: { zh: '同一城市', en: 'Same city' },
  farther: { zh: '不在同一城市', en: 'Not in the same city' },
};

export function proximityReason(p: Proximity): MatchReason {
  return { code: `proximity_${p}`, ...PROXIMITY_TEXT[p] };
}

export function capacityReason(left: number | null, quantity: number): MatchReason {
  if (left === null) return { code: 'capacity_unlimited', zh: '名额不限', en: 'No capacity limit', params: { quantity } };
  const params = { left, quantity };
  if (left <= 0) return { code: 'capacity_none', zh: '容量已用完', en: 'No capacity left', params };
  if (left >= quantity) {
    return {
      code: 'capacity_enough',
      zh: `剩余 ${left}，足够需求的 ${quantity}`,
      en: `${left} left, enough for the ${quantity} needed`,
      params,
    };
  }
  return {
    code: 'capacity_partial',
    zh: `仅剩 ${left}，少于需求的 ${quantity}`,
    en: `Only ${left} left of the ${quantity} needed`,
    params,
  };
}

export function validityReason(
  state: 'open' | 'valid' | 'soon' | 'expired' | 'not_yet',
  date: string | null,
  days: number | null,
): MatchReason {
  const params = { date: date ?? '', days: days ?? 0 };
  switch (state) {
    case 'open':
      return { code: 'validity_open', zh: '长期有效', en: 'No end date' };
    case 'valid':
      return { code: 'validity_valid', zh: `有效期至 ${date}`, en: `Valid until ${date}`, params };
    case 'soon':
      return {
        code: 'validity_soon',
        zh: `即将到期：还剩 ${days} 天（至 ${date}）`,
        en: `Expires soon: ${days} days left (until ${date})`,
        params,
      };
    case 'expired':
      return { code: 'validity_expired', zh: `已过期（${date} 截止）`, en: `Expired (ended ${date})`, params };
    case 'not_yet':
      return { code: 'validity_not_yet', zh: `尚未生效（${date} 起）`, en: `Not valid yet (from ${date})`, params };
  }
}

export function areaReason(
  kind: 'anywhere' | 'building' | 'region',
  served: string | null,
  inside: boolean,
  needPlace: string | null,
): MatchReason {
  const params = { served: served ?? '', need: needPlace ?? '' };
  if (kind === 'anywhere') return { code: 'area_anywhere', zh: '服务范围不限', en: 'Serves any area' };
  if (kind === 'building') {
    return inside
      ? { code: 'area_building', zh: '服务本楼宇', en: 'Serves this building', params }
      : {
          code: 'area_other_building',
          zh: `仅服务楼宇 ${served}，需求不在该楼宇`,
          en: `Serves building ${served} only; the need is elsewhere`,
          params,
        };
  }
  return inside
    ? { code: 'area_region', zh: `服务范围 ${served} 覆盖需求所在地`, en: `Serves region ${served}, where the need is`, params }
    : {
        code: 'area_other_region',
        zh: `服务范围 ${served} 不含需求所在地 ${needPlace}`,
        en: `Serves region ${served}, which does not include the need's ${needPlace}`,
        params,
      };
}
