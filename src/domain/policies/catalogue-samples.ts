import type { Qualification, SizeClass } from './profile.ts';
import type { Band, Comparison, EligibilityRule, NumberField } from './rule.ts';
import { FUZHOU_COUNTIES } from './profile-samples.ts';

/**
 * POL-1/POL-2 sample policies modelled on the real kinds of Chinese
 * pro-business policy (惠企政策) — high-tech certification awards, R&D grants,
 * talent subsidies, rent subsidies for moving into a building, social-insurance
 * relief for small enterprises, financing guarantees … — at national,
 * provincial, Fuzhou city and district level, each with its eligibility rule.
 * For the benchmark and the demo seed; `random` returns a float in [0, 1).
 */
export type PolicyLevel = 'national' | 'province' | 'city' | 'county';
export type ApplicationMode = 'automatic' | 'fast_track' | 'application';

export interface SamplePolicy {
  key: string;
  title: string;
  issuer: string;
  level: PolicyLevel;
  mode: ApplicationMode;
  /** One line on what the enterprise gets. */
  benefit: string;
  rule: EligibilityRule;
}

interface Area {
  level: PolicyLevel;
  /** null for national policies: no region condition. */
  code: string | null;
  name: string;
}

const AREAS: readonly Area[] = [
  { level: 'national', code: null, name: '' },
  { level: 'province', code: '350000', name: '福建省' },
  { level: 'city', code: '350100', name: '福州市' },
  ...Object.entries(FUZHOU_COUNTIES).map(([code, name]) => ({ level: 'county' as const, code, name })),
];

const NATIONAL_ISSUER: Record<Department, string> = {
  tech: '科技部',
  hr: '人力资源社会保障部',
  industry: '工业和信息化部',
  commerce: '商务部',
  finance: '财政部 国家税务总局',
  investment: '国家发展改革委',
  party: '中共中央组织部',
};
const LOCAL_DEPARTMENT: Record<Department, string> = {
  tech: '科学技术局',
  hr: '人力资源和社会保障局',
  industry: '工业和信息化局',
  commerce: '商务局',
  finance: '财政局',
  investment: '投资促进局',
  party: '委组织部',
};
const PROVINCE_DEPARTMENT: Partial<Record<Department, string>> = {
  tech: '科学技术厅',
  hr: '人力资源和社会保障厅',
  industry: '工业和信息化厅',
  commerce: '商务厅',
  finance: '财政厅',
};

type Department = 'tech' | 'hr' | 'industry' | 'commerce' | 'finance' | 'investment' | 'party';

function issuerOf(area: Area, department: Department): string {
  if (area.level === 'national') return NATIONAL_ISSUER[department];
  if (department === 'party') return `中共${area.name}${LOCAL_DEPARTMENT.party}`;
  if (area.level === 'province') return `${area.name}${PROVINCE_DEPARTMENT[department] ?? '人民政府'}`;
  return `${area.name}${LOCAL_DEPARTMENT[department]}`;
}

// Rule builders, so the templates read like the policy texts they copy.
const and = (...rules: (EligibilityRule | null)[]): EligibilityRule => {
  const parts = rules.filter((r): r is EligibilityRule => r !== null);
  return parts.length === 1 ? parts[0]! : { kind: 'and', rules: parts };
};
const or = (...rules: EligibilityRule[]): EligibilityRule => ({ kind: 'or', rules });
const num = (field: NumberField, op: Comparison, value: number): EligibilityRule => ({ kind: 'condition', field, op, value });
const industry = (...values: string[]): EligibilityRule => ({ kind: 'condition', field: 'industryCode', op: 'prefix_in', values });
const notIndustry = (...values: string[]): EligibilityRule => ({ kind: 'condition', field: 'industryCode', op: 'not_prefix_in', values });
const size = (...values: SizeClass[]): EligibilityRule => ({ kind: 'condition', field: 'sizeClass', op: 'in', values });
const has = (op: 'has_any' | 'has_all' | 'has_none', ...values: Qualification[]): EligibilityRule => ({
  kind: 'condition',
  field: 'qualifications',
  op,
  values,
});
const registeredYears = (op: 'years_at_least' | 'years_less_than', value: number): EligibilityRule => ({
  kind: 'condition',
  field: 'registeredOn',
  op,
  value,
});
const isTrue = (field: 'inBuilding' | 'isKeyEnterprise' | 'isNonPublic'): EligibilityRule => ({ kind: 'condition', field, op: 'is_true' });
const within = (area: Area, field: 'regionCode' | 'buildingRegionCode' = 'regionCode'): EligibilityRule | null =>
  area.code === null ? null : { kind: 'condition', field, op: 'within', values: [area.code] };
const bracket = (field: NumberField, op: Comparison, by: NumberField, bands: Band[], otherwise: number): EligibilityRule => ({
  kind: 'bracket',
  field,
  op,
  by,
  bands,
  otherwise,
});
/** 高新技术企业认定管理办法 第十一条: R&D at ≥ 5 % / 4 % / 3 % of revenue up to ¥50M / ¥200M (both inclusive) / above. */
export const HIGH_TECH_RD_RATIO: EligibilityRule = bracket(
  'rdRatio',
  'gte',
  'revenue',
  [
    { upTo: 50_000_000, inclusive: true, threshold: 5 },
    { upTo: 200_000_000, inclusive: true, threshold: 4 },
  ],
  3,
);

const WAN = 10_000;

interface Template {
  key: string;
  department: Department;
  levels: readonly PolicyLevel[];
  make: (area: Area, pickOf: <T>(items: readonly T[]) => T) => Omit<SamplePolicy, 'key' | 'issuer' | 'level'>;
}

const TEMPLATES: readonly Template[] = [
  {
    key: 'high-tech-award',
    department: 'tech',
    levels: ['city', 'county'],
    make: (area, pickOf) => ({
      title: `${area.name}首次认定高新技术企业奖励`,
      mode: 'automatic',
      benefit: `一次性奖励 ${pickOf([10, 20, 30, 50])} 万元`,
      rule: and(has('has_all', 'high_tech'), registeredYears('years_at_least', 1), within(area)),
    }),
  },
  {
    key: 'high-tech-pool',
    department: 'tech',
    levels: ['province', 'city', 'county'],
    make: (area, pickOf) => ({
      title: `${area.name}高新技术企业培育库入库`,
      mode: 'application',
      benefit: `入库企业给予研发经费补助 ${pickOf([5, 10, 20])} 万元`,
      rule: and(
        has('has_any', 'tech_sme', 'innovative_sme'),
        has('has_none', 'high_tech'),
        registeredYears('years_at_least', 1),
        HIGH_TECH_RD_RATIO,
        industry('C', 'I', 'M'),
        within(area),
      ),
    }),
  },
  {
    key: 'rd-grant',
    department: 'tech',
    levels: ['province', 'city', 'county'],
    make: (area, pickOf) => {
      const min = pickOf([50, 100, 200, 500]);
      return {
        title: `${area.name}企业研发经费投入分段补助`,
        mode: 'fast_track',
        benefit: `按上年度研发费用的 ${pickOf([5, 10])}% 给予补助，最高 ${pickOf([50, 100, 200])} 万元`,
        rule: and(num('rdSpending', 'gte', min * WAN), or(has('has_any', 'high_tech', 'tech_sme'), num('rdRatio', 'gte', 3)), within(area)),
      };
    },
  },
  {
    key: 'rd-by-revenue',
    department: 'finance',
    levels: ['city', 'county'],
    make: (area) => ({
      title: `${area.name}规上企业研发费用后补助`,
      mode: 'fast_track',
      benefit: '按研发费用增量的 10% 给予后补助',
      rule: and(
        has('has_any', 'above_scale'),
        bracket(
          'rdSpending',
          'gte',
          'revenue',
          [
            { upTo: 100_000_000, inclusive: true, threshold: 100 * WAN },
            { upTo: 500_000_000, inclusive: true, threshold: 300 * WAN },
          ],
          500 * WAN,
        ),
        within(area),
      ),
    }),
  },
  {
    key: 'tech-sme-grant',
    department: 'tech',
    levels: ['national', 'province', 'city'],
    make: (area, pickOf) => ({
      title: `${area.name}科技型中小企业研发费用补助`,
      mode: 'fast_track',
      benefit: `按研发费用的 ${pickOf([3, 5])}% 给予补助`,
      rule: and(
        has('has_all', 'tech_sme'),
        num('staffCount', 'lte', 500),
        num('revenue', 'lte', 2e8),
        num('rdRatio', 'gte', 3),
        within(area),
      ),
    }),
  },
  {
    key: 'specialised-award',
    department: 'industry',
    levels: ['province', 'city', 'county'],
    make: (area, pickOf) => ({
      title: `${area.name}专精特新企业奖励`,
      mode: 'automatic',
      benefit: `专精特新中小企业奖励 ${pickOf([10, 20])} 万元，“小巨人”企业奖励 ${pickOf([50, 100])} 万元`,
      rule: and(has('has_any', 'specialised_sme', 'little_giant'), industry('C', 'I', 'M'), within(area)),
    }),
  },
  {
    key: 'talent-subsidy',
    department: 'hr',
    levels: ['city', 'county'],
    make: (area, pickOf) => ({
      title: `${area.name}企业引进高层次人才补贴`,
      mode: 'application',
      benefit: `每引进一名硕士以上人才给予企业 ${pickOf([1, 2, 3])} 万元引才补贴`,
      rule: and(
        industry(
          ...pickOf([
            ['I', 'M'],
            ['I', 'M', 'C'],
            ['I', 'M', 'J', '72'],
          ]),
        ),
        num('staffCount', 'gte', pickOf([10, 20, 50])),
        within(area),
      ),
    }),
  },
  {
    key: 'graduate-hiring',
    department: 'hr',
    levels: ['province', 'city', 'county'],
    make: (area, pickOf) => ({
      title: `${area.name}小微企业吸纳高校毕业生社保补贴`,
      mode: 'fast_track',
      benefit: `吸纳毕业两年内高校毕业生的，按每人每月 ${pickOf([500, 800, 1000])} 元给予社会保险补贴`,
      rule: and(size('small', 'micro'), isTrue('isNonPublic'), within(area)),
    }),
  },
  {
    key: 'social-insurance-relief',
    department: 'hr',
    levels: ['national', 'province'],
    make: (area, pickOf) => ({
      title: `${area.name}小微企业阶段性降低失业保险费率`,
      mode: 'automatic',
      benefit: `失业保险费率阶段性降至 ${pickOf(['0.5', '1'])}%`,
      rule: and(or(size('small', 'micro'), num('staffCount', 'lte', 100)), num('revenue', 'lte', pickOf([3e7, 5e7, 1e8])), within(area)),
    }),
  },
  {
    key: 'job-stabilisation',
    department: 'hr',
    levels: ['province', 'city'],
    make: (area, pickOf) => ({
      title: `${area.name}稳岗返还`,
      mode: 'automatic',
      benefit: `按上年度实际缴纳失业保险费的 ${pickOf([60, 90])}% 返还`,
      rule: and(num('staffCount', 'gte', 1), size('medium', 'small', 'micro'), registeredYears('years_at_least', 1), within(area)),
    }),
  },
  {
    key: 'building-rent',
    department: 'investment',
    levels: ['county'],
    make: (area, pickOf) => ({
      title: `${area.name}楼宇经济入驻企业租金补贴`,
      mode: 'application',
      benefit: `入驻前两年按实际租金的 50% 给予补贴，每平方米每月最高 ${pickOf([20, 30, 40])} 元`,
      rule: and(
        isTrue('inBuilding'),
        within(area, 'buildingRegionCode'),
        { kind: 'condition', field: 'movedInOn', op: 'years_less_than', value: pickOf([1, 2]) },
        industry(
          ...pickOf([
            ['J', 'I', '72', 'M'],
            ['J', '72'],
            ['I', 'M'],
          ]),
        ),
        or(num('revenue', 'gte', pickOf([500, 1000, 2000]) * WAN), has('has_any', 'headquarters', 'high_tech'), isTrue('isKeyEnterprise')),
      ),
    }),
  },
  {
    key: 'building-professional',
    department: 'commerce',
    levels: ['county'],
    make: (area, pickOf) => ({
      title: `${area.name}特色楼宇专业服务机构入驻奖励`,
      mode: 'application',
      benefit: `新入驻的律师事务所、会计师事务所等专业服务机构一次性奖励 ${pickOf([5, 10, 20])} 万元`,
      rule: and(
        isTrue('inBuilding'),
        within(area, 'buildingRegionCode'),
        industry('7231', '7241', '7242', '723'),
        num('staffCount', 'gte', 10),
      ),
    }),
  },
  {
    key: 'headquarters',
    department: 'investment',
    levels: ['city', 'county'],
    make: (area, pickOf) => ({
      title: `${area.name}总部企业落户奖励`,
      mode: 'application',
      benefit: `按地方经济贡献给予最高 ${pickOf([500, 1000, 2000])} 万元落户奖励`,
      rule: and(
        or(has('has_any', 'headquarters'), num('revenue', 'gte', pickOf([5e8, 1e9]))),
        registeredYears('years_less_than', 3),
        within(area),
      ),
    }),
  },
  {
    key: 'above-scale',
    department: 'industry',
    levels: ['city', 'county'],
    make: (area, pickOf) => ({
      title: `${area.name}“小升规”企业培育奖励`,
      mode: 'automatic',
      benefit: `首次纳入规模以上统计的企业奖励 ${pickOf([10, 20, 30])} 万元`,
      rule: and(
        has('has_none', 'above_scale'),
        or(
          and(industry('C'), num('revenue', 'gte', 2000 * WAN)),
          and(industry('51'), num('revenue', 'gte', 2000 * WAN)),
          and(industry('52', '61', '62'), num('revenue', 'gte', 500 * WAN)),
          and(industry('G', 'I', '70'), num('revenue', 'gte', 2000 * WAN)),
          and(industry('L', 'M', 'O', 'R'), or(num('revenue', 'gte', 1000 * WAN), num('staffCount', 'gte', 50))),
        ),
        within(area),
      ),
    }),
  },
  {
    key: 'guarantee-fee',
    department: 'finance',
    levels: ['province', 'city', 'county'],
    make: (area, pickOf) => ({
      title: `${area.name}中小微企业融资担保费补贴`,
      mode: 'fast_track',
      benefit: `担保费率超过 1% 的部分给予补贴，单户最高 ${pickOf([10, 20, 50])} 万元`,
      rule: and(
        size('medium', 'small', 'micro'),
        notIndustry('J', 'K'),
        num('revenue', 'lte', 4e8),
        registeredYears('years_at_least', 1),
        within(area),
      ),
    }),
  },
  {
    key: 'startup-loan',
    department: 'hr',
    levels: ['province', 'city'],
    make: (area, pickOf) => ({
      title: `${area.name}小微企业创业担保贷款贴息`,
      mode: 'application',
      benefit: `贷款额度最高 ${pickOf([300, 400])} 万元，LPR 减 150 个基点以上部分财政贴息`,
      rule: and(
        size('small', 'micro'),
        registeredYears('years_less_than', pickOf([3, 5])),
        num('staffCount', 'lte', pickOf([50, 100])),
        within(area),
      ),
    }),
  },
  {
    key: 'credit-loan',
    department: 'finance',
    levels: ['city', 'county'],
    make: (area) => ({
      title: `${area.name}纳税信用 A 级小微企业信用贷款贴息`,
      mode: 'fast_track',
      benefit: '信用贷款按实际利息的 30% 贴息',
      rule: and(has('has_all', 'tax_credit_a'), size('small', 'micro'), within(area)),
    }),
  },
  {
    key: 'party-funding',
    department: 'party',
    levels: ['city', 'county'],
    make: (area, pickOf) => ({
      title: `${area.name}非公企业党组织工作经费补助`,
      mode: 'automatic',
      benefit: `每个党组织每年补助工作经费 ${pickOf([3000, 5000, 10000])} 元`,
      rule: and(
        isTrue('isNonPublic'),
        { kind: 'condition', field: 'partyOrgStatus', op: 'in', values: pickOf([['own'], ['own', 'joint']]) },
        num('staffCount', 'gte', 3),
        within(area),
      ),
    }),
  },
  {
    key: 'key-enterprise',
    department: 'commerce',
    levels: ['city', 'county'],
    make: (area) => ({
      title: `${area.name}重点企业“政企直通车”专员服务`,
      mode: 'automatic',
      benefit: '配备服务专员，诉求 3 个工作日内响应',
      rule: and(or(isTrue('isKeyEnterprise'), num('revenue', 'gte', 1e9)), within(area)),
    }),
  },
  {
    key: 'digital-economy',
    department: 'industry',
    levels: ['province', 'city', 'county'],
    make: (area, pickOf) => ({
      title: `${area.name}数字经济核心产业企业奖励`,
      mode: 'application',
      benefit: `营业收入首次突破门槛的奖励 ${pickOf([20, 50, 100])} 万元`,
      rule: and(industry('63', '64', '65', '39'), num('revenue', 'gte', pickOf([1000, 5000, 10000]) * WAN), within(area)),
    }),
  },
  {
    key: 'commerce-award',
    department: 'commerce',
    levels: ['city', 'county'],
    make: (area, pickOf) => ({
      title: `${area.name}限上商贸企业促消费奖励`,
      mode: 'fast_track',
      benefit: `零售额增长达标的奖励 ${pickOf([5, 10, 20])} 万元`,
      rule: and(industry('F'), num('revenue', 'gte', pickOf([2000, 5000]) * WAN), has('has_any', 'above_scale'), within(area)),
    }),
  },
  {
    key: 'culture',
    department: 'commerce',
    levels: ['city', 'county'],
    make: (area, pickOf) => ({
      title: `${area.name}文化创意企业发展补助`,
      mode: 'application',
      benefit: `项目补助最高 ${pickOf([20, 50])} 万元`,
      rule: and(
        industry('86', '87', '88', '6572', '7259'),
        num('staffCount', 'gte', 5),
        registeredYears('years_at_least', 1),
        within(area),
      ),
    }),
  },
  {
    key: 'finance-institution',
    department: 'finance',
    levels: ['city', 'county'],
    make: (area, pickOf) => ({
      title: `${area.name}新设金融机构落户奖励`,
      mode: 'application',
      benefit: `按注册资本给予最高 ${pickOf([300, 500, 1000])} 万元落户奖励`,
      rule: and(industry('J'), registeredYears('years_less_than', 2), within(area)),
    }),
  },
  {
    key: 'listing',
    department: 'finance',
    levels: ['province', 'city', 'county'],
    make: (area, pickOf) => ({
      title: `${area.name}企业上市奖励`,
      mode: 'application',
      benefit: `境内外上市企业分阶段奖励共 ${pickOf([300, 500, 800])} 万元`,
      rule: and(has('has_all', 'listed'), within(area)),
    }),
  },
  {
    key: 'gazelle',
    department: 'tech',
    levels: ['province', 'city'],
    make: (area) => ({
      title: `${area.name}瞪羚企业认定`,
      mode: 'application',
      benefit: '认定后给予 50 万元研发经费补助',
      rule: and(
        or(has('has_any', 'gazelle'), and(num('revenue', 'gte', 2000 * WAN), num('revenue', 'lte', 5e8), num('rdRatio', 'gte', 3))),
        registeredYears('years_less_than', 10),
        within(area),
      ),
    }),
  },
  {
    key: 'tech-centre',
    department: 'industry',
    levels: ['province', 'city'],
    make: (area, pickOf) => ({
      title: `${area.name}企业技术中心奖励`,
      mode: 'automatic',
      benefit: `新认定的企业技术中心奖励 ${pickOf([50, 100])} 万元`,
      rule: and(has('has_any', 'enterprise_tech_centre'), within(area)),
    }),
  },
];

/** `count` policies cycling through the kinds, each at one of its levels with its own thresholds. */
export function samplePolicies(options: { count?: number; random: () => number }): SamplePolicy[] {
  const { random } = options;
  const count = options.count ?? 200;
  const pickOf = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const template = TEMPLATES[i % TEMPLATES.length]!;
    const area = pickOf(AREAS.filter((a) => template.levels.includes(a.level)));
    const { title, ...made } = template.make(area, pickOf);
    const round = Math.floor(i / TEMPLATES.length);
    return {
      key: `${template.key}-${area.code ?? 'cn'}-${i + 1}`,
      // Later rounds are the next years' editions of the same kind of policy.
      title: round === 0 ? title : `${title}（${2025 - round} 年度）`,
      issuer: issuerOf(area, template.department),
      level: area.level,
      ...made,
    };
  });
}
