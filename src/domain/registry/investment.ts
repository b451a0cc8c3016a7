import { isWithinRegion } from '../regions.ts';
import { industryName, sectionOf } from './industry.ts';

/**
 * REG-8 investment attraction (招商引资): for a prospective investor, a ranked list of
 * buildings whose vacancy and positioning fit, each score component with its reason,
 * so staff can tell the investor *why* a building is proposed ("因楼制宜").
 * Pure: the server supplies vacancy computed from lease events.
 */
export interface InvestorProfile {
  /** GB/T 4754 division ('65'), section ('I') or a finer class whose first two digits are the division. */
  industryCode: string | null;
  /** Floor area needed, ㎡. */
  area: number;
  /** Rent budget, ¥ per ㎡ per month. */
  budget: number | null;
  preferredRegionCode: string | null;
  /** Extra positioning words the investor asked for (律师, 总部 …). */
  keywords?: readonly string[];
}

export type DemoStatus = 'none' | 'cultivating' | 'named';

export interface BuildingOffer {
  id: string;
  regionCode: string;
  positioning: string | null;
  industryFocus: readonly string[];
  vacantArea: number;
  askingRent: number | null;
  demoStatus: DemoStatus;
}

export type Factor = 'vacancy' | 'industry' | 'positioning' | 'rent' | 'location' | 'demo';

export type Reason =
  | { code: 'vacancy_fits' | 'vacancy_short'; vacant: number; need: number }
  | { code: 'industry_division'; industry: string }
  | { code: 'industry_section'; section: string }
  | { code: 'industry_other'; focus: readonly string[] }
  | { code: 'industry_unset' | 'industry_unknown' }
  | { code: 'positioning_match'; positioning: string; keyword: string }
  | { code: 'positioning_other'; positioning: string }
  | { code: 'positioning_unset' }
  | { code: 'rent_within'; rent: number; budget: number }
  | { code: 'rent_over'; rent: number; budget: number; percent: number }
  | { code: 'rent_unknown' | 'budget_unset' }
  | { code: 'location_in' | 'location_county' | 'location_city' | 'location_other' | 'location_unset' }
  | { code: 'demo_named' | 'demo_cultivating' | 'demo_none' };

export interface ScoreComponent {
  factor: Factor;
  points: number;
  reason: Reason;
}

export interface BuildingMatch {
  buildingId: string;
  score: number;
  fitsArea: boolean;
  components: ScoreComponent[];
}

/** Weights in points; the vacancy penalty outweighs every bonus together, so a building too small never outranks one that fits. */
export const WEIGHTS = {
  vacancyFits: 30,
  vacancyShort: -100,
  industryDivision: 25,
  industrySection: 15,
  positioning: 10,
  rentWithin: 15,
  rentOverMax: 20,
  locationIn: 10,
  locationCounty: 5,
  locationCity: 2,
  demoNamed: 5,
  demoCultivating: 3,
} as const;

/**
 * Words in a building's positioning (特色楼宇: 总部经济楼, 律师楼, 保险楼 …) that suit an
 * industry. Divisions are more specific than their section, so both lists are tried.
 */
const POSITIONING_WORDS: Readonly<Record<string, readonly string[]>> = {
  '66': ['金融', '银行'],
  '67': ['金融', '证券', '基金', '资本'],
  '68': ['保险', '金融'],
  '69': ['金融', '财富'],
  '72': ['总部', '商务', '律师', '法律', '咨询', '会计'],
  '64': ['互联网', '数字', '电商'],
  '65': ['软件', '信息', '数字', '数据'],
  A: ['农业'],
  C: ['制造', '研发', '总部'],
  E: ['建筑', '设计'],
  F: ['商贸', '贸易', '电商'],
  G: ['物流', '航运', '贸易'],
  H: ['酒店', '商业'],
  I: ['科技', '信息', '软件', '互联网', '数字'],
  J: ['金融', '保险', '证券', '银行'],
  K: ['地产', '商务'],
  L: ['商务', '总部'],
  M: ['科技', '研发', '创新', '设计', '检测'],
  P: ['教育', '培训'],
  Q: ['医疗', '健康'],
  R: ['文化', '创意', '传媒', '影视'],
};

function divisionOf(code: string): string | null {
  return /^\d{2}/.test(code) ? code.slice(0, 2) : null;
}

export function positioningWords(industryCode: string | null, extra: readonly string[] = []): string[] {
  const words: string[] = [...extra.map((w) => w.trim()).filter(Boolean)];
  if (industryCode) {
    const division = divisionOf(industryCode);
    const section = sectionOf(industryCode);
    if (division) words.push(...(POSITIONING_WORDS[division] ?? []));
    if (section) words.push(...(POSITIONING_WORDS[section] ?? []));
  }
  return [...new Set(words)];
}

function scoreVacancy(p: InvestorProfile, b: BuildingOffer): ScoreComponent {
  const vacant = Math.max(0, b.vacantArea);
  return vacant >= p.area
    ? { factor: 'vacancy', points: WEIGHTS.vacancyFits, reason: { code: 'vacancy_fits', vacant, need: p.area } }
    : { factor: 'vacancy', points: WEIGHTS.vacancyShort, reason: { code: 'vacancy_short', vacant, need: p.area } };
}

function scoreIndustry(p: InvestorProfile, b: BuildingOffer): ScoreComponent {
  if (!p.industryCode) return { factor: 'industry', points: 0, reason: { code: 'industry_unknown' } };
  if (b.industryFocus.length === 0) return { factor: 'industry', points: 0, reason: { code: 'industry_unset' } };
  const division = divisionOf(p.industryCode);
  const section = sectionOf(p.industryCode);
  if (division && b.industryFocus.some((f) => divisionOf(f) === division)) {
    return { factor: 'industry', points: WEIGHTS.industryDivision, reason: { code: 'industry_division', industry: division } };
  }
  // A focus given as a section, or a division of the same section, is a looser fit.
  if (section && b.industryFocus.some((f) => sectionOf(f) === section)) {
    // An investor naming only a section matches a section focus as closely as it can.
    const exact = !division && b.industryFocus.includes(section);
    return exact
      ? { factor: 'industry', points: WEIGHTS.industryDivision, reason: { code: 'industry_division', industry: section } }
      : { factor: 'industry', points: WEIGHTS.industrySection, reason: { code: 'industry_section', section } };
  }
  return { factor: 'industry', points: 0, reason: { code: 'industry_other', focus: b.industryFocus } };
}

function scorePositioning(p: InvestorProfile, b: BuildingOffer): ScoreComponent {
  const positioning = b.positioning?.trim();
  if (!positioning) return { factor: 'positioning', points: 0, reason: { code: 'positioning_unset' } };
  const keyword = positioningWords(p.industryCode, p.keywords).find((w) => positioning.includes(w));
  return keyword
    ? { factor: 'positioning', points: WEIGHTS.positioning, reason: { code: 'positioning_match', positioning, keyword } }
    : { factor: 'positioning', points: 0, reason: { code: 'positioning_other', positioning } };
}

function scoreRent(p: InvestorProfile, b: BuildingOffer): ScoreComponent {
  if (p.budget === null) return { factor: 'rent', points: 0, reason: { code: 'budget_unset' } };
  if (b.askingRent === null) return { factor: 'rent', points: 0, reason: { code: 'rent_unknown' } };
  const { askingRent: rent } = b;
  const budget = p.budget;
  if (rent <= budget) return { factor: 'rent', points: WEIGHTS.rentWithin, reason: { code: 'rent_within', rent, budget } };
  // The penalty grows with the overshoot: 10 % over costs 4 points, half again or more costs the most.
  const over = budget > 0 ? (rent - budget) / budget : 1;
  const points = -Math.min(WEIGHTS.rentOverMax, Math.round(over * 40));
  return { factor: 'rent', points, reason: { code: 'rent_over', rent, budget, percent: Math.round(over * 100) } };
}

function scoreLocation(p: InvestorProfile, b: BuildingOffer): ScoreComponent {
  const want = p.preferredRegionCode;
  if (!want) return { factor: 'location', points: 0, reason: { code: 'location_unset' } };
  if (isWithinRegion(b.regionCode, want)) return { factor: 'location', points: WEIGHTS.locationIn, reason: { code: 'location_in' } };
  if (want.length >= 6 && !want.slice(0, 6).endsWith('00') && b.regionCode.slice(0, 6) === want.slice(0, 6)) {
    return { factor: 'location', points: WEIGHTS.locationCounty, reason: { code: 'location_county' } };
  }
  if (b.regionCode.slice(0, 4) === want.slice(0, 4))
    return { factor: 'location', points: WEIGHTS.locationCity, reason: { code: 'location_city' } };
  return { factor: 'location', points: 0, reason: { code: 'location_other' } };
}

function scoreDemo(b: BuildingOffer): ScoreComponent {
  if (b.demoStatus === 'named') return { factor: 'demo', points: WEIGHTS.demoNamed, reason: { code: 'demo_named' } };
  if (b.demoStatus === 'cultivating') return { factor: 'demo', points: WEIGHTS.demoCultivating, reason: { code: 'demo_cultivating' } };
  return { factor: 'demo', points: 0, reason: { code: 'demo_none' } };
}

export function scoreBuilding(profile: InvestorProfile, building: BuildingOffer): BuildingMatch {
  const components = [
    scoreVacancy(profile, building),
    scoreIndustry(profile, building),
    scorePositioning(profile, building),
    scoreRent(profile, building),
    scoreLocation(profile, building),
    scoreDemo(building),
  ];
  return {
    buildingId: building.id,
    score: components.reduce((s, c) => s + c.points, 0),
    fitsArea: components[0]!.reason.code === 'vacancy_fits',
    components,
  };
}

/**
 * Best first. `strictArea` drops buildings without the space; otherwise they stay,
 * penalised, so an investor with an unusual need still sees the nearest options.
 * Ties go to the tighter fit (less space left idle), then to the older record.
 */
export function rankBuildings(
  profile: InvestorProfile,
  buildings: readonly BuildingOffer[],
  opts: { strictArea?: boolean } = {},
): BuildingMatch[] {
  const vacancy = new Map(buildings.map((b) => [b.id, b.vacantArea]));
  return buildings
    .map((b) => scoreBuilding(profile, b))
    .filter((m) => m.fitsArea || !opts.strictArea)
    .sort(
      (a, b) =>
        Number(b.fitsArea) - Number(a.fitsArea) ||
        b.score - a.score ||
        Math.abs(vacancy.get(a.buildingId)! - profile.area) - Math.abs(vacancy.get(b.buildingId)! - profile.area) ||
        Number(a.buildingId) - Number(b.buildingId) ||
        a.buildingId.localeCompare(b.buildingId),
    );
}

const area = (n: number) => `${Math.round(n).toLocaleString('en-US')}㎡`;
const money = (n: number) => `¥${Number(n.toFixed(2)).toLocaleString('en-US')}`;
const industryLabel = (code: string) => `${code} ${industryName(code) ?? ''}`.trim();

/** The reason in words, e.g. "空置面积 1,200㎡ 满足需求 800㎡". */
export function explainReason(reason: Reason, locale: 'zh-CN' | 'en'): string {
  const zh = locale === 'zh-CN';
  switch (reason.code) {
    case 'vacancy_fits':
      return zh
        ? `空置面积 ${area(reason.vacant)} 满足需求 ${area(reason.need)}`
        : `Vacant ${area(reason.vacant)} covers the ${area(reason.need)} needed`;
    case 'vacancy_short':
      return zh
        ? `空置面积 ${area(reason.vacant)} 不足需求 ${area(reason.need)}`
        : `Vacant ${area(reason.vacant)} is short of the ${area(reason.need)} needed`;
    case 'industry_division':
      return zh
        ? `行业「${industryLabel(reason.industry)}」与楼宇主导产业一致`
        : `Industry ${industryLabel(reason.industry)} is the building's focus`;
    case 'industry_section':
      return zh
        ? `同属「${industryLabel(reason.section)}」门类，与楼宇主导产业相近`
        : `Same section as the building's focus: ${industryLabel(reason.section)}`;
    case 'industry_other': {
      const focus = reason.focus.map(industryLabel).join('、');
      return zh ? `楼宇主导产业为 ${focus}，与该行业不同` : `The building focuses on ${focus}, another industry`;
    }
    case 'industry_unset':
      return zh ? '楼宇未设定主导产业' : 'The building has no industry focus';
    case 'industry_unknown':
      return zh ? '未提供意向行业' : 'No industry given';
    case 'positioning_match':
      return zh
        ? `楼宇定位「${reason.positioning}」契合「${reason.keyword}」`
        : `Positioning "${reason.positioning}" suits "${reason.keyword}"`;
    case 'positioning_other':
      return zh ? `楼宇定位「${reason.positioning}」与该行业无直接关联` : `Positioning "${reason.positioning}" is unrelated`;
    case 'positioning_unset':
      return zh ? '楼宇未设定特色定位' : 'The building has no positioning';
    case 'rent_within':
      return zh
        ? `租金 ${money(reason.rent)}/㎡·月 在预算 ${money(reason.budget)}/㎡·月 以内`
        : `Rent ${money(reason.rent)}/㎡/month within the ${money(reason.budget)} budget`;
    case 'rent_over':
      return zh
        ? `租金 ${money(reason.rent)}/㎡·月 超出预算 ${money(reason.budget)}/㎡·月 ${reason.percent}%`
        : `Rent ${money(reason.rent)}/㎡/month is ${reason.percent}% over the ${money(reason.budget)} budget`;
    case 'rent_unknown':
      return zh ? '楼宇未登记租金' : 'No asking rent recorded';
    case 'budget_unset':
      return zh ? '未提供租金预算' : 'No budget given';
    case 'location_in':
      return zh ? '位于意向区域内' : 'In the preferred area';
    case 'location_county':
      return zh ? '与意向区域同属一个区县' : 'In the same district as the preferred area';
    case 'location_city':
      return zh ? '与意向区域同属一个城市' : 'In the same city as the preferred area';
    case 'location_other':
      return zh ? '不在意向区域' : 'Outside the preferred area';
    case 'location_unset':
      return zh ? '未提供意向区域' : 'No preferred area given';
    case 'demo_named':
      return zh ? '已命名示范楼宇' : 'A named demonstration building';
    case 'demo_cultivating':
      return zh ? '培育中示范楼宇' : 'A demonstration building in cultivation';
    case 'demo_none':
      return zh ? '非示范楼宇' : 'Not a demonstration building';
  }
}
