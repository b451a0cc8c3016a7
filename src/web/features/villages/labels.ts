import type {
  BuildingCondition,
  FundEntryKind,
  FundPurpose,
  FundSourceKind,
  ListingLevel,
  PlanStatus,
  ResponsibilityLevel,
  TourismSiteKind,
  VillagePostKind,
} from '../../../server/db/schema-villages.ts';

/** [中文, English] of the village records' enumerations; typed by the server's lists so a new value fails the build here. */
type Pair = readonly [string, string];
export const pick = (pair: Pair, zh: boolean) => (zh ? pair[0] : pair[1]);

export const LISTING: Record<ListingLevel, Pair> = {
  national: ['国家级', 'National'],
  provincial: ['省级', 'Provincial'],
  municipal: ['市级', 'Municipal'],
  county: ['县级', 'County'],
};
export const PLAN_STATUS: Record<PlanStatus, Pair> = {
  drafting: ['编制中', 'Drafting'],
  approved: ['已批复', 'Approved'],
  implementing: ['实施中', 'Implementing'],
  completed: ['已完成', 'Completed'],
};
export const CONDITION: Record<BuildingCondition, Pair> = {
  good: ['完好', 'Good'],
  fair: ['一般', 'Fair'],
  poor: ['较差', 'Poor'],
  dangerous: ['危房', 'Dangerous'],
};
export const CONDITION_COLOUR: Record<BuildingCondition, string> = { good: 'green', fair: 'blue', poor: 'orange', dangerous: 'red' };
export const POST_KIND: Record<VillagePostKind, Pair> = {
  pioneer_post: ['党员先锋岗', 'Pioneer post'],
  model_post: ['党员示范岗', 'Model post'],
};
export const CHAIN_LEVEL: Record<ResponsibilityLevel, Pair> = {
  county_leader: ['县领导挂点', 'County leader'],
  township_leader: ['乡镇领导包村', 'Township leader'],
  department: ['部门结对', 'Paired department'],
  village_secretary: ['村党组织书记', 'Village secretary'],
  social: ['社会力量', 'Social partner'],
};
export const ENTRY_KIND: Record<FundEntryKind, Pair> = {
  source: ['到位', 'Received'],
  allocation: ['分配', 'Allocated'],
  spending: ['支出', 'Spent'],
};
export const PURPOSE: Record<FundPurpose, Pair> = {
  planning: ['规划编制', 'Planning'],
  infrastructure: ['基础设施', 'Infrastructure'],
  building_protection: ['传统建筑保护', 'Building protection'],
};
export const SOURCE: Record<FundSourceKind, Pair> = {
  central: ['中央财政', 'Central'],
  provincial: ['省级财政', 'Provincial'],
  municipal: ['市级财政', 'Municipal'],
  county: ['县级财政', 'County'],
  social: ['社会资金', 'Social'],
  other: ['其他', 'Other'],
};
export const SITE_KIND: Record<TourismSiteKind, Pair> = {
  red_education: ['红色教育', 'Red education'],
  museum: ['纪念馆/博物馆', 'Museum'],
  ancient_village: ['古村落', 'Ancient village'],
  ecology: ['生态旅游', 'Ecology'],
  other: ['其他', 'Other'],
};

/** Yuan as the ledger shows it: ¥1,234,567.89. */
export function yuan(amount: number | null | undefined): string {
  if (amount === null || amount === undefined) return '—';
  return `¥${amount.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** Large sums for cards: 2,046.00 万元 / ¥20.46M. */
export function wan(amount: number, zh: boolean): string {
  return zh ? `${(amount / 10_000).toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 万元` : `¥${(amount / 1e6).toFixed(2)}M`;
}

/** A Select's options for one of the enumerations above, in their declared order. */
export const labelOptions = <K extends string>(labels: Record<K, Pair>, zh: boolean) =>
  (Object.keys(labels) as K[]).map((value) => ({ value, label: pick(labels[value], zh) }));
