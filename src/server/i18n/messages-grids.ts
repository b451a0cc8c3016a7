import type { Locale } from '../db/schema.ts';

/** GRD-1 … GRD-3 messages of grids, households and field work, merged into the one message table. */
export const gridMessages = {
  'field.village_code': { 'zh-CN': '请选择一个村（社区），12 位区划代码', en: 'Choose a village or community (12-digit code)' },
  'field.grid_unknown': { 'zh-CN': '网格不存在或不在您的管辖范围内', en: 'Unknown grid, or outside your scope' },
  'field.grid_other_village': { 'zh-CN': '该网格不属于所选的村', en: 'That grid belongs to another village' },
  'field.grid_name_taken': { 'zh-CN': '本村已有同名网格', en: 'The village already has a grid of that name' },
  'field.household_unknown': { 'zh-CN': '农户不存在或不在您的包户范围内', en: 'Unknown household, or not one of yours' },
  'field.member_unknown': {
    'zh-CN': '该党员不存在、不是本村党员或不在您的管辖范围内',
    en: 'Unknown party member, not of this village, or outside your scope',
  },
  'field.member_not_party': { 'zh-CN': '只有党员可以包户', en: 'Only party members carry households' },
  'field.member_village_required': {
    'zh-CN': '您尚未登记为网格党员，请联系村党组织',
    en: 'You are not registered as a grid member of a village yet; ask the village party branch',
  },
  'field.household_bounds': { 'zh-CN': '每名党员包户的下限不能大于上限', en: 'The minimum cannot exceed the maximum' },
  'field.resident_head': { 'zh-CN': '每户须有且只有一名户主', en: 'A household has exactly one head' },
  'field.checklist_item_unknown': { 'zh-CN': '检查项不存在', en: 'Unknown checklist item' },
  'field.checklist_duplicate': { 'zh-CN': '检查项重复', en: 'Checklist item listed twice' },
  'field.inspection_place': { 'zh-CN': '请选择农户或填写检查地点', en: 'Choose a household or name the place inspected' },
  'field.deadline_order': { 'zh-CN': '整改期限不能早于排查日期', en: 'The deadline cannot precede the inspection' },
  'field.recheck_order': { 'zh-CN': '复查日期不能早于发现日期', en: 'The recheck cannot precede the finding' },
  'field.new_deadline_required': { 'zh-CN': '复查未通过，请给出新的整改期限', en: 'The recheck failed: give a new deadline' },
  'field.follow_up_order': { 'zh-CN': '回访日期不能早于调解日期', en: 'The follow-up cannot precede the mediation' },
  'field.parties_min': { 'zh-CN': '请至少填写两方当事人', en: 'Name at least two parties' },
  'field.future_date': { 'zh-CN': '日期不能晚于今天', en: 'The date cannot be in the future' },
  'field.client_id_taken': {
    'zh-CN': '该记录编号已被另一条记录使用',
    en: 'This record id is already used by another record',
  },
  'field.raise_kind': { 'zh-CN': '不能从该记录生成事项', en: 'No matter can be raised from this record' },
  'grid.hazard_fixed': { 'zh-CN': '该隐患已整改完毕并复查通过', en: 'This hazard has been fixed and rechecked' },
  'grid.matter_raised': { 'zh-CN': '该记录已生成事项 {code}', en: 'A matter ({code}) has been raised from this record' },
  'grid.follow_up_done': { 'zh-CN': '该调解已回访', en: 'This mediation has been followed up' },
  'grid.run_stale': {
    'zh-CN': '预览之后农户、党员或包户关系已有变化，请重新预览',
    en: 'Households, members or assignments changed since the preview; preview again',
  },
  'grid.run_not_preview': { 'zh-CN': '该方案已应用或已作废', en: 'This plan was applied or superseded' },
  'grid.hazard_matter_title': { 'zh-CN': '消防安全隐患：{item}', en: 'Fire hazard: {item}' },
  'grid.visit_matter_title': { 'zh-CN': '入户走访反映：{address}', en: 'Raised on a visit: {address}' },
  'grid.upkeep_matter_title': { 'zh-CN': '{kind}：{subject}', en: '{kind}: {subject}' },
  'grid.mediation_matter_title': { 'zh-CN': '矛盾纠纷：{type}', en: 'Dispute: {type}' },
} as const satisfies Record<string, Record<Locale, string>>;
