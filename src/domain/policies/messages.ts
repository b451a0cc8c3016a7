import { industryName } from '../registry/industry.ts';
import type { PartyOrgStatus, Qualification, SizeClass } from './profile.ts';
import type { BooleanField, Comparison, RuleField } from './rule.ts';

/**
 * POL-2 words of the explanations, both locales in one place: field labels,
 * value names, and sentence templates with {placeholders}.
 */
export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
export type Localized = Record<Locale, string>;

export const FIELD_LABELS: Record<RuleField, Localized> = {
  industryCode: { 'zh-CN': '所属行业', en: 'industry' },
  sizeClass: { 'zh-CN': '企业规模', en: 'size' },
  regionCode: { 'zh-CN': '注册地', en: 'registered region' },
  registeredOn: { 'zh-CN': '成立日期', en: 'registration date' },
  staffCount: { 'zh-CN': '职工人数', en: 'staff' },
  revenue: { 'zh-CN': '营业收入', en: 'revenue' },
  rdSpending: { 'zh-CN': '研发费用', en: 'R&D spending' },
  rdRatio: { 'zh-CN': '研发费用占比', en: 'R&D ratio' },
  qualifications: { 'zh-CN': '资质', en: 'qualifications' },
  inBuilding: { 'zh-CN': '入驻楼宇', en: 'building tenancy' },
  buildingId: { 'zh-CN': '所在楼宇', en: 'building' },
  buildingRegionCode: { 'zh-CN': '楼宇所在地', en: 'building location' },
  movedInOn: { 'zh-CN': '入驻日期', en: 'move-in date' },
  partyOrgStatus: { 'zh-CN': '党组织覆盖', en: 'party organisation' },
  isKeyEnterprise: { 'zh-CN': '重点企业', en: 'key enterprise' },
  isNonPublic: { 'zh-CN': '非公企业', en: 'non-public enterprise' },
};

export const SIZE_LABELS: Record<SizeClass, Localized> = {
  large: { 'zh-CN': '大型', en: 'large' },
  medium: { 'zh-CN': '中型', en: 'medium' },
  small: { 'zh-CN': '小型', en: 'small' },
  micro: { 'zh-CN': '微型', en: 'micro' },
};

export const PARTY_ORG_LABELS: Record<PartyOrgStatus, Localized> = {
  own: { 'zh-CN': '单独建立党组织', en: 'own party organisation' },
  joint: { 'zh-CN': '联合建立党组织', en: 'joint party organisation' },
  instructor: { 'zh-CN': '党建指导员覆盖', en: 'covered by a party-building instructor' },
  none: { 'zh-CN': '未覆盖', en: 'not covered' },
};

export const QUALIFICATION_LABELS: Record<Qualification, Localized> = {
  high_tech: { 'zh-CN': '高新技术企业', en: 'high-tech enterprise' },
  tech_sme: { 'zh-CN': '科技型中小企业', en: 'technology-based SME' },
  innovative_sme: { 'zh-CN': '创新型中小企业', en: 'innovative SME' },
  specialised_sme: { 'zh-CN': '专精特新中小企业', en: 'specialised and innovative SME' },
  little_giant: { 'zh-CN': '专精特新“小巨人”企业', en: '“little giant” enterprise' },
  gazelle: { 'zh-CN': '瞪羚企业', en: 'gazelle enterprise' },
  enterprise_tech_centre: { 'zh-CN': '企业技术中心', en: 'enterprise technology centre' },
  headquarters: { 'zh-CN': '总部企业', en: 'headquarters enterprise' },
  above_scale: { 'zh-CN': '规模以上企业', en: 'above-scale enterprise' },
  tax_credit_a: { 'zh-CN': '纳税信用 A 级', en: 'A-grade tax credit' },
  listed: { 'zh-CN': '上市企业', en: 'listed company' },
};

/** How a yes/no field reads when true and when false. */
export const BOOLEAN_LABELS: Record<BooleanField, { yes: Localized; no: Localized }> = {
  inBuilding: {
    yes: { 'zh-CN': '已入驻登记楼宇', en: 'in a registered building' },
    no: { 'zh-CN': '未入驻登记楼宇', en: 'not in a registered building' },
  },
  isKeyEnterprise: { yes: { 'zh-CN': '重点企业', en: 'a key enterprise' }, no: { 'zh-CN': '非重点企业', en: 'not a key enterprise' } },
  isNonPublic: {
    yes: { 'zh-CN': '非公企业', en: 'a non-public enterprise' },
    no: { 'zh-CN': '公有制企业', en: 'a public-sector enterprise' },
  },
};

export const COMPARISON_SIGNS: Record<Comparison, string> = { gte: '≥', gt: '>', lte: '≤', lt: '<' };

/** Sentence templates. `{Label}` is the label with a capital first letter (English sentences start with it). */
export const TEMPLATES = {
  'leaf.known': { 'zh-CN': '{label} {actual}，要求 {requirement}', en: '{Label} {actual}, required {requirement}' },
  'leaf.unknown': { 'zh-CN': '{label}未填报，要求 {requirement}', en: '{Label} not reported; required {requirement}' },
  'leaf.boolean': { 'zh-CN': '{actual}，要求{requirement}', en: '{Actual}; required: {requirement}' },
  'leaf.no_building': {
    'zh-CN': '未入驻登记楼宇，要求{label} {requirement}',
    en: 'Not in a registered building; required {label} {requirement}',
  },
  'leaf.rd_ratio_no_revenue': {
    'zh-CN': '营业收入为 0，无法计算研发费用占比，要求 {requirement}',
    en: 'Revenue is zero, so the R&D ratio cannot be computed; required {requirement}',
  },
  'requirement.between': { 'zh-CN': '{min} 至 {max}', en: '{min} to {max}' },
  'requirement.one_of': { 'zh-CN': '{values}之一', en: 'one of {values}' },
  'requirement.in_industry': { 'zh-CN': '属于{values}', en: 'in {values}' },
  'requirement.not_in_industry': { 'zh-CN': '不属于{values}', en: 'not in {values}' },
  'requirement.within': { 'zh-CN': '位于{values}', en: 'within {values}' },
  'requirement.not_within': { 'zh-CN': '不在{values}', en: 'outside {values}' },
  'requirement.is': { 'zh-CN': '为{values}', en: '{values}' },
  'requirement.is_not': { 'zh-CN': '不为{values}', en: 'not {values}' },
  'requirement.has_any': { 'zh-CN': '具有{values}', en: 'holding {values}' },
  'requirement.has_all': { 'zh-CN': '同时具有{values}', en: 'holding all of {values}' },
  'requirement.has_none': { 'zh-CN': '不具有{values}', en: 'holding none of {values}' },
  'requirement.years_at_least': { 'zh-CN': '满 {years} 年', en: 'at least {years} ago' },
  'requirement.years_less_than': { 'zh-CN': '未满 {years} 年', en: 'less than {years} ago' },
  'requirement.on_or_after': { 'zh-CN': '不早于 {date}', en: 'on or after {date}' },
  'requirement.on_or_before': { 'zh-CN': '不晚于 {date}', en: 'on or before {date}' },
  'requirement.by_band': { 'zh-CN': '{requirement}（{band}）', en: '{requirement} ({band})' },
  'requirement.bands_unknown': { 'zh-CN': '视{by}而定：{list}', en: 'depending on {by}: {list}' },
  'actual.years': { 'zh-CN': '{date}（已满 {years} 年）', en: '{date} ({years} completed)' },
  'actual.none': { 'zh-CN': '无', en: 'none' },
  'band.below': { 'zh-CN': '{by}低于 {upTo}', en: '{by} below {upTo}' },
  'band.up_to': { 'zh-CN': '{by}不超过 {upTo}', en: '{by} up to {upTo}' },
  'band.from': { 'zh-CN': '{by}不低于 {from}', en: '{by} from {from}' },
  'band.over': { 'zh-CN': '{by}高于 {from}', en: '{by} over {from}' },
  'band.from_below': { 'zh-CN': '{by}不低于 {from}、低于 {upTo}', en: '{by} from {from} and below {upTo}' },
  'band.from_up_to': { 'zh-CN': '{by}不低于 {from}、不超过 {upTo}', en: '{by} from {from} up to {upTo}' },
  'band.over_below': { 'zh-CN': '{by}高于 {from}、低于 {upTo}', en: '{by} over {from} and below {upTo}' },
  'band.over_up_to': { 'zh-CN': '{by}高于 {from}、不超过 {upTo}', en: '{by} over {from} and up to {upTo}' },
  'change.gte': { 'zh-CN': '{label}需提高至 {target}', en: '{Label} needs to rise to {target}' },
  'change.gt': { 'zh-CN': '{label}需高于 {target}', en: '{Label} needs to exceed {target}' },
  'change.lte': { 'zh-CN': '{label}需降至 {target}', en: '{Label} needs to fall to {target}' },
  'change.lt': { 'zh-CN': '{label}需低于 {target}', en: '{Label} needs to fall below {target}' },
  'change.rd_spending': { 'zh-CN': '{change}（研发费用约需 {amount}）', en: '{change} (R&D spending of about {amount})' },
  'change.be': { 'zh-CN': '{label}需{requirement}', en: '{Label} needs to be {requirement}' },
  'change.boolean': { 'zh-CN': '需为{requirement}', en: 'Needs to be {requirement}' },
  'change.acquire': { 'zh-CN': '需取得{values}', en: 'Needs {values}' },
  'change.acquire_one': { 'zh-CN': '需取得{values}之一', en: 'Needs one of {values}' },
  'change.give_up': { 'zh-CN': '不得具有{values}', en: 'Must not hold {values}' },
  'change.move_in': { 'zh-CN': '需入驻登记楼宇', en: 'Needs to move into a registered building' },
  'change.wait': { 'zh-CN': '{date} 起{label}满 {years} 年', en: 'From {date}, {years} since the {label}' },
} as const satisfies Record<string, Localized>;

export type TemplateKey = keyof typeof TEMPLATES;

/** A template cut into text and placeholders once, so filling is concatenation (explanations are made in bulk). */
type Segment = string | { name: string; capital: boolean };

function segmentsOf(template: string): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  for (const m of template.matchAll(/\{(\w+)\}/g)) {
    if (m.index > last) out.push(template.slice(last, m.index));
    const name = m[1]!;
    const capital = name.charAt(0) !== name.charAt(0).toLowerCase();
    out.push({ name: capital ? name.charAt(0).toLowerCase() + name.slice(1) : name, capital });
    last = m.index + m[0].length;
  }
  if (last < template.length) out.push(template.slice(last));
  return out;
}

const SEGMENTS = Object.fromEntries(
  Object.entries(TEMPLATES).map(([key, text]) => [key, { 'zh-CN': segmentsOf(text['zh-CN']), en: segmentsOf(text.en) }]),
) as Record<TemplateKey, Record<Locale, Segment[]>>;

export function fill(locale: Locale, key: TemplateKey, params: Record<string, string>): string {
  const segments = SEGMENTS[key][locale];
  let out = '';
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    if (typeof s === 'string') out += s;
    else {
      const value = params[s.name];
      if (value === undefined) out += `{${s.name}}`;
      else out += s.capital ? value.charAt(0).toUpperCase() + value.slice(1) : value;
    }
  }
  return out;
}

export function fieldLabel(field: RuleField, locale: Locale): string {
  return FIELD_LABELS[field][locale];
}

/** Up to two decimals, trailing zeros dropped. */
function trim(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** Yuan, in the units people say: 5000 万元 / 2 亿元, CNY 50 million. */
export function formatMoney(yuan: number, locale: Locale): string {
  if (locale === 'zh-CN') {
    if (yuan >= 1e8) return `${trim(yuan / 1e8)} 亿元`;
    if (yuan >= 1e4) return `${trim(yuan / 1e4)} 万元`;
    return `${trim(yuan)} 元`;
  }
  if (yuan >= 1e9) return `CNY ${trim(yuan / 1e9)} billion`;
  if (yuan >= 1e6) return `CNY ${trim(yuan / 1e6)} million`;
  return `CNY ${Math.round(yuan).toLocaleString('en')}`;
}

export function formatNumber(field: RuleField, value: number, locale: Locale): string {
  switch (field) {
    case 'revenue':
    case 'rdSpending':
      return formatMoney(value, locale);
    case 'rdRatio':
      return `${trim(value)}%`;
    default:
      return locale === 'zh-CN' ? `${trim(value)} 人` : trim(value);
  }
}

export function formatIndustry(code: string, locale: Locale): string {
  const division = /^\d/.test(code) ? code.slice(0, 2) : code;
  const name = industryName(division);
  if (locale === 'en') return `${/^\d/.test(code) ? 'division' : 'section'} ${code}`;
  return name ? `${name}（${code}）` : code;
}

/** A count of years as the templates' {years}: a bare number in Chinese ("满 3 年"), with its noun in English. */
export function formatYears(n: number, locale: Locale): string {
  if (locale === 'zh-CN') return String(n);
  return n === 1 ? '1 year' : `${n} years`;
}

export function formatList(items: readonly string[], locale: Locale): string {
  return items.join(locale === 'zh-CN' ? '、' : ', ');
}

/** A list requirement: the one value itself, or "one of …" when there are several. */
export function oneOf(items: readonly string[], locale: Locale): string {
  return items.length === 1 ? items[0]! : fill(locale, 'requirement.one_of', { values: formatList(items, locale) });
}
