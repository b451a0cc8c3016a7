/**
 * GRD-2 the words of field work, shared by the server (validation, matters, exports) and
 * the phone pages: the fire-safety checklist of a household inspection (消防安全隐患排查),
 * visit topics (入户宣传), dispute types and outcomes (矛盾纠纷调解), household relations.
 */
export interface Label {
  'zh-CN': string;
  en: string;
}

export const FIRE_CHECKLIST = [
  { key: 'extinguisher', label: { 'zh-CN': '灭火器配备且在有效期内', en: 'Extinguisher present and in date' } },
  { key: 'wiring', label: { 'zh-CN': '电线无私拉乱接、无老化破损', en: 'Wiring neither makeshift nor worn' } },
  { key: 'gas', label: { 'zh-CN': '燃气灶具、管道无泄漏', en: 'Gas stove and pipes do not leak' } },
  { key: 'stove', label: { 'zh-CN': '柴火灶、火塘远离可燃物', en: 'Wood stove and fire pit clear of fuel' } },
  { key: 'fuel_storage', label: { 'zh-CN': '柴草等可燃物堆放规范', en: 'Firewood and straw stored safely' } },
  { key: 'ebike', label: { 'zh-CN': '电动车不在室内、楼道充电', en: 'No e-bike charging indoors' } },
  { key: 'exits', label: { 'zh-CN': '疏散通道畅通', en: 'Escape routes clear' } },
  { key: 'smoke_alarm', label: { 'zh-CN': '独立式烟感报警器完好', en: 'Smoke alarm works' } },
] as const;
export type ChecklistItem = (typeof FIRE_CHECKLIST)[number]['key'];
export const CHECKLIST_ITEMS: readonly ChecklistItem[] = FIRE_CHECKLIST.map((c) => c.key);

export const VISIT_TOPICS = {
  protection: { 'zh-CN': '传统村落保护', en: 'Village protection' },
  fire_safety: { 'zh-CN': '消防安全', en: 'Fire safety' },
  environment: { 'zh-CN': '人居环境', en: 'Living environment' },
  village_rules: { 'zh-CN': '村规民约', en: 'Village rules' },
  policy: { 'zh-CN': '惠民政策', en: 'Benefit policies' },
  heritage: { 'zh-CN': '非遗传承', en: 'Intangible heritage' },
  concerns: { 'zh-CN': '群众诉求', en: 'Residents’ concerns' },
} as const satisfies Record<string, Label>;
export type VisitTopic = keyof typeof VISIT_TOPICS;
export const VISIT_TOPIC_KEYS = Object.keys(VISIT_TOPICS) as VisitTopic[];

export const DISPUTE_TYPE_LABELS = {
  neighbour: { 'zh-CN': '邻里纠纷', en: 'Between neighbours' },
  land: { 'zh-CN': '土地山林', en: 'Land and forest' },
  family: { 'zh-CN': '婚姻家庭', en: 'Marriage and family' },
  housing: { 'zh-CN': '房屋宅基地', en: 'Houses and plots' },
  debt: { 'zh-CN': '债务经济', en: 'Debts' },
  other: { 'zh-CN': '其他', en: 'Other' },
} as const satisfies Record<string, Label>;

export const MEDIATION_OUTCOME_LABELS = {
  resolved: { 'zh-CN': '调解成功', en: 'Resolved' },
  partial: { 'zh-CN': '部分达成', en: 'Partly resolved' },
  unresolved: { 'zh-CN': '未达成', en: 'Unresolved' },
} as const satisfies Record<string, Label>;

export const RELATION_LABELS = {
  head: { 'zh-CN': '户主', en: 'Head' },
  spouse: { 'zh-CN': '配偶', en: 'Spouse' },
  child: { 'zh-CN': '子女', en: 'Child' },
  parent: { 'zh-CN': '父母', en: 'Parent' },
  grandchild: { 'zh-CN': '孙辈', en: 'Grandchild' },
  sibling: { 'zh-CN': '兄弟姐妹', en: 'Sibling' },
  other: { 'zh-CN': '其他', en: 'Other' },
} as const satisfies Record<string, Label>;

export const UPKEEP_KIND_LABELS = {
  infrastructure: { 'zh-CN': '公共基础设施管护', en: 'Public infrastructure upkeep' },
  environment: { 'zh-CN': '人居环境整治', en: 'Living-environment work' },
} as const satisfies Record<string, Label>;

/** Days a hazard gets for its rectification when the inspector names no deadline. */
export const DEFAULT_RECTIFICATION_DAYS = 7;

/** 'YYYY-MM-DD' plus whole days (calendar days, as rectification deadlines are given). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` ('YYYY-MM-DD'), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A household's name masked for people without the right to read it: 张三丰 → 张*丰, 李四 → 李*. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
