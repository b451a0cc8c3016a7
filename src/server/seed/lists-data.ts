import type { ListCategory } from '../../domain/lists/categories.ts';

/** LST-1/LST-2 the article's kinds of needs and resources, by name, for 东街街道 and 鼓楼区 (seed/lists.ts). */
export interface ArticleResource {
  title: string;
  description: string;
  category: ListCategory;
  capacity: number | null;
  provider: 'department' | 'building';
  /** A word of the providing department's name (人社, 商务, 科技 …). */
  providerHint: string;
  served: 'district' | 'street';
}

export const ARTICLE_RESOURCES: readonly ArticleResource[] = [
  {
    title: '高层次人才认定与人才申报辅导',
    description: '人才专员上门辅导人才申报、人才补贴申领和高层次人才认定材料',
    category: 'talent',
    capacity: 40,
    provider: 'department',
    providerHint: '人',
    served: 'district',
  },
  {
    title: '大数据开发人才专场招聘会',
    description: '面向楼宇数字经济企业招聘大数据开发、数据分析工程师等人才',
    category: 'talent',
    capacity: 20,
    provider: 'department',
    providerHint: '人',
    served: 'district',
  },
  {
    title: '“数字鼓楼”市场开拓对接会',
    description: '组织楼宇企业与国企、平台企业洽谈采购，开拓本地市场和政务数据服务市场',
    category: 'market',
    capacity: 30,
    provider: 'department',
    providerHint: '商务',
    served: 'district',
  },
  {
    title: '高校技术创新联合攻关',
    description: '对接福州大学实验室，联合开展技术创新、数据安全与软件研发攻关',
    category: 'technology',
    capacity: 10,
    provider: 'department',
    providerHint: '市场',
    served: 'district',
  },
  {
    title: '产业升级技改补助申报',
    description: '支持企业数字化转型、产业升级改造，提供技改补助政策申报指导',
    category: 'industrial_upgrading',
    capacity: null,
    provider: 'department',
    providerHint: '商务',
    served: 'district',
  },
  {
    title: '楼宇党建标准化建设指导',
    description: '楼宇党委派党建指导员指导企业党支部规范化、标准化建设，开展三会一课',
    category: 'party_building',
    capacity: 15,
    provider: 'building',
    providerHint: '',
    served: 'street',
  },
  {
    title: '楼宇共享会议室与路演厅',
    description: '楼宇党群服务中心会议室、路演厅免费预约，适合企业发布会与培训',
    category: 'space',
    capacity: 50,
    provider: 'building',
    providerHint: '',
    served: 'street',
  },
];

export interface ArticleNeed {
  title: string;
  description: string;
  category: ListCategory;
  quantity: number;
  /** Which tenant of the building raises it (by order). */
  tenant: number;
}

export const ARTICLE_NEEDS: readonly ArticleNeed[] = [
  {
    title: '申报高层次人才认定',
    description: '公司两名技术骨干拟申报高层次人才，需辅导人才申报材料',
    category: 'talent',
    quantity: 2,
    tenant: 0,
  },
  { title: '开拓政务数据服务市场', description: '希望对接国企和政府部门，开拓数据服务市场', category: 'market', quantity: 1, tenant: 0 },
  { title: '数据安全技术创新合作', description: '寻求高校合作开展数据安全技术创新攻关', category: 'technology', quantity: 1, tenant: 1 },
  {
    title: '数字化产业升级改造',
    description: '计划进行产线数字化改造，了解技改补助和产业升级政策',
    category: 'industrial_upgrading',
    quantity: 1,
    tenant: 2,
  },
  { title: '支部党建标准化建设', description: '新成立党支部，需要党建标准化建设指导', category: 'party_building', quantity: 1, tenant: 3 },
];

export const MILESTONES: readonly { title: string; weight: number }[] = [
  { title: '对接洽谈', weight: 1 },
  { title: '方案落实', weight: 2 },
  { title: '验收评估', weight: 1 },
];

/** A short title from a generated description: its first clause, without the collector's opening. */
export function titleOf(description: string): string {
  const body = description.includes('：') ? description.slice(description.indexOf('：') + 1) : description;
  const clause = body.replace(/^我司是[^，]*，/, '').split(/[，。；]/)[0] ?? body;
  return (clause.trim() || body.trim()).slice(0, 30);
}
