/**
 * LST-1/LST-2 the category taxonomy shared by needs (需求) and resources (资源), and how far
 * a resource of one category can serve a need of another (LST-3): a financing need may be
 * partly served by a policy resource (贴息、风险补偿), a talent need by a training course.
 */
export const LIST_CATEGORIES = [
  'talent',
  'financing',
  'market',
  'technology',
  'policy',
  'space',
  'training',
  'legal',
  'tax',
  'living_services',
  'industrial_upgrading',
  'party_building',
  'other',
] as const;

export type ListCategory = (typeof LIST_CATEGORIES)[number];

export interface CategoryLabel {
  zh: string;
  en: string;
}

export const CATEGORY_LABELS: Readonly<Record<ListCategory, CategoryLabel>> = {
  talent: { zh: '人才', en: 'Talent' },
  financing: { zh: '融资', en: 'Financing' },
  market: { zh: '市场开拓', en: 'Market expansion' },
  technology: { zh: '技术创新', en: 'Technological innovation' },
  policy: { zh: '政策', en: 'Policies' },
  space: { zh: '场地', en: 'Space and venues' },
  training: { zh: '培训', en: 'Training' },
  legal: { zh: '法律', en: 'Legal services' },
  tax: { zh: '财税', en: 'Tax and accounting' },
  living_services: { zh: '生活服务', en: 'Living services' },
  industrial_upgrading: { zh: '产业升级', en: 'Industrial upgrading' },
  party_building: { zh: '党建标准化', en: 'Party-building standardisation' },
  other: { zh: '其他', en: 'Other' },
};

export function isListCategory(value: string): value is ListCategory {
  return (LIST_CATEGORIES as readonly string[]).includes(value);
}

/**
 * Need category → resource categories that partly serve it, with a strength in (0, 1).
 * The same category is always 1 and not listed. Directed: a policy resource serves a
 * financing need (贴息), a financing resource does not settle a policy question.
 */
const RELATED: Readonly<Record<ListCategory, Readonly<Partial<Record<ListCategory, number>>>>> = {
  talent: { policy: 0.5, training: 0.5, living_services: 0.3 },
  financing: { policy: 0.6, tax: 0.4, legal: 0.2 },
  market: { policy: 0.3, industrial_upgrading: 0.3, training: 0.3, technology: 0.3, space: 0.2 },
  technology: { industrial_upgrading: 0.6, policy: 0.5, talent: 0.4, financing: 0.3, training: 0.3 },
  policy: { tax: 0.5, financing: 0.3, legal: 0.3, training: 0.3 },
  space: { party_building: 0.3, living_services: 0.3 },
  training: { talent: 0.4, party_building: 0.3, technology: 0.3, policy: 0.3 },
  legal: { policy: 0.3, tax: 0.3, training: 0.3 },
  tax: { policy: 0.5, legal: 0.4, financing: 0.3, training: 0.3 },
  living_services: { space: 0.3, talent: 0.3, policy: 0.2 },
  industrial_upgrading: { technology: 0.6, policy: 0.5, financing: 0.4, talent: 0.3, market: 0.3 },
  party_building: { training: 0.5, space: 0.4, policy: 0.2 },
  other: {},
};

/** 'other' on either side is a guess by whoever filed it: weakly related to everything, so the text decides. */
const OTHER_STRENGTH = 0.2;

/** How much a resource of `resourceCategory` can serve a need of `needCategory`: 1 same, (0, 1) related, 0 not at all. */
export function categoryRelatedness(needCategory: ListCategory, resourceCategory: ListCategory): number {
  if (needCategory === resourceCategory) return 1;
  if (needCategory === 'other' || resourceCategory === 'other') return OTHER_STRENGTH;
  return RELATED[needCategory][resourceCategory] ?? 0;
}

/** Resource categories that can serve a need of this category, with their strength, the same category first. */
export function resourceCategoriesFor(needCategory: ListCategory): { category: ListCategory; strength: number }[] {
  return LIST_CATEGORIES.map((category) => ({ category, strength: categoryRelatedness(needCategory, category) }))
    .filter((c) => c.strength > 0)
    .sort((a, b) => b.strength - a.strength);
}

/** Need categories a resource of this category can serve, with their strength, the same category first. */
export function needCategoriesFor(resourceCategory: ListCategory): { category: ListCategory; strength: number }[] {
  return LIST_CATEGORIES.map((category) => ({ category, strength: categoryRelatedness(category, resourceCategory) }))
    .filter((c) => c.strength > 0)
    .sort((a, b) => b.strength - a.strength);
}
