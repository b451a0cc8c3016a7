import type { Locale } from '../db/schema.ts';

/** VIL-1 … VIL-4 server messages of the villages module, merged into the one message table. */
export const villageMessages = {
  'field.village_unknown': { 'zh-CN': '村不存在或不在您的管辖范围内', en: 'Unknown village, or outside your scope' },
  'field.region_not_village': { 'zh-CN': '请选择村（社区）一级的行政区划', en: 'Choose a village or community (a 12-digit code)' },
  'field.village_exists': { 'zh-CN': '该村已建档', en: 'This village already has a profile' },
  'field.village_listing_designated': {
    'zh-CN': '传统村落名录信息由乡镇及以上填报',
    en: 'The traditional-village listing is entered by the township or above',
  },
  'field.listing_needs_traditional': {
    'zh-CN': '非传统村落不能填写名录级别和批次',
    en: 'Only a traditional village has a listing level and batch',
  },
  'field.party_org_unknown': { 'zh-CN': '党组织不存在或不在该村', en: 'Unknown party organisation, or not in this village' },
  'field.traditional_building_unknown': { 'zh-CN': '传统建筑不存在', en: 'Unknown traditional building' },
  'field.plan_unknown': { 'zh-CN': '保护规划不存在', en: 'Unknown protection plan' },
  'field.post_unknown': { 'zh-CN': '岗位不存在', en: 'Unknown post' },
  'field.holder_exists': { 'zh-CN': '此人已在该岗位', en: 'This person already holds the post' },
  'field.holder_unknown': { 'zh-CN': '此人不在该岗位', en: 'This person does not hold the post' },
  'field.rules_version_unknown': { 'zh-CN': '村规民约版本不存在', en: 'Unknown version of the village rules' },
  'field.responsibility_party_required': {
    'zh-CN': '请填写责任人或责任单位',
    en: 'Name a person or an organisation',
  },
  'field.responsibility_unknown': { 'zh-CN': '责任链条目不存在', en: 'Unknown link of the responsibility chain' },
  'field.fund_project_unknown': { 'zh-CN': '资金项目不存在', en: 'Unknown fund project' },
  'field.fund_project_required': { 'zh-CN': '请选择资金项目', en: 'Choose the fund project' },
  'field.fund_project_exists': { 'zh-CN': '同名资金项目已存在', en: 'A fund project of this name exists' },
  'field.fund_source_kind_required': { 'zh-CN': '请选择资金来源', en: 'Choose where the money comes from' },
  'field.fund_source_no_project': {
    'zh-CN': '资金来源不归入项目，请先入账再分配',
    en: 'Money received goes to the village; allocate it afterwards',
  },
  'field.voucher_required': { 'zh-CN': '支出须填写凭证号', en: 'A spending needs its voucher number' },
  'field.payee_required': { 'zh-CN': '支出须填写收款单位或个人', en: 'A spending needs its payee' },
  'field.voucher_duplicate': { 'zh-CN': '凭证号 {voucherNo} 已入账', en: 'Voucher {voucherNo} is already in the ledger' },
  'field.fund_insufficient': {
    'zh-CN': '余额不足：可用 {available} 元，本笔 {amount} 元；确需透支请填写透支说明',
    en: 'Insufficient balance: {available} available, {amount} asked; give an overdraft note if this is intended',
  },
  'field.income_thresholds': {
    'zh-CN': '请填写 1—5 个不同的正数门槛（元）',
    en: 'Give one to five different positive thresholds (yuan)',
  },
  'field.thresholds_not_allowed': {
    'zh-CN': '集体经济收入门槛由县（市）设定',
    en: 'Income thresholds are set by the county or city',
  },
  'field.heritage_item_unknown': { 'zh-CN': '非遗项目不存在', en: 'Unknown heritage item' },
  'field.heritage_item_exists': { 'zh-CN': '该区域已有同名非遗项目', en: 'This region already has a heritage item of this name' },
  'field.site_unknown': { 'zh-CN': '旅游点不存在或不在您的管辖范围内', en: 'Unknown tourism site, or outside your scope' },
  'field.site_exists': { 'zh-CN': '该村已有同名旅游点', en: 'This village already has a site of this name' },
  'field.month_format': { 'zh-CN': '月份格式应为 YYYY-MM', en: 'Months are written YYYY-MM' },
  'field.money_cents': { 'zh-CN': '金额须为正数，最多两位小数（元）', en: 'Amounts are in yuan with at most two decimals' },
  'field.period_order': { 'zh-CN': '结束日期不能早于开始日期', en: 'The end cannot be before the start' },
  'village.matter_building_title': { 'zh-CN': '传统建筑险情：{village}{name}', en: 'Traditional building in danger: {name}, {village}' },
  'village.matter_funds_title': { 'zh-CN': '保护资金异常：{village}', en: 'Protection funds irregularity: {village}' },
} as const satisfies Record<string, Record<Locale, string>>;
