import type { Locale } from '../db/schema.ts';

/** MAT-1 … MAT-8 server messages of the matters module, merged into the one message table. */
export const matterMessages = {
  'matter.illegal_transition': {
    'zh-CN': '事项当前状态为「{status}」，不能执行「{action}」',
    en: 'The matter is “{status}”; “{action}” is not possible now',
  },
  'matter.not_your_step': { 'zh-CN': '您不能对该事项执行「{action}」', en: 'You cannot “{action}” this matter' },
  'matter.version_conflict': {
    'zh-CN': '该事项刚被他人处理，请刷新后重试',
    en: 'Someone has just acted on this matter; reload and retry',
  },
  'matter.return_cap_reached': {
    'zh-CN': '该事项已被退回 {max} 次，不能再退回，请签收办理或逐级上报',
    en: 'Returned {max} times already: sign for it or escalate it',
  },
  'matter.top_level': { 'zh-CN': '已是市级，不能再上报', en: 'Already at city level; nothing above' },
  'matter.not_building_level': { 'zh-CN': '一线处置仅限楼宇层级', en: 'On-the-spot resolution is for the building level only' },
  'matter.extension_pending': { 'zh-CN': '已有待审批的延期申请', en: 'An extension request is already pending' },
  'matter.no_extension_pending': { 'zh-CN': '没有待审批的延期申请', en: 'No extension request is pending' },
  'matter.already_rated': { 'zh-CN': '该事项已评价', en: 'This matter has been rated already' },
  'matter.not_dissatisfied': { 'zh-CN': '只有企业不满意的事项才能重办', en: 'Only a matter rated dissatisfied can be reopened' },
  'field.note_required': { 'zh-CN': '请填写说明或理由', en: 'Give a note or reason' },
  'field.handler_required': { 'zh-CN': '请选择承办部门', en: 'Choose the handling department' },
  'field.handler_invalid': {
    'zh-CN': '承办单位须为事项所在区域的职能部门、物业或党组织',
    en: 'The handler must be a department, property company or party organisation serving the matter’s area',
  },
  'field.extension_minutes_required': { 'zh-CN': '请填写延期时长', en: 'Give the extension length' },
  'field.satisfaction_required': { 'zh-CN': '请选择满意度', en: 'Choose a satisfaction rating' },
  'field.colour_required': { 'zh-CN': '请选择督办等级（黄牌/红牌）', en: 'Choose yellow or red' },
  'field.limit_minutes': { 'zh-CN': '时限须为正整数分钟（工作时间），且不超过一年', en: 'A limit is a whole number of working minutes, at most a year' },
  'field.category_unknown': { 'zh-CN': '事项类别不存在', en: 'Unknown category' },
  'field.matter_place_required': {
    'zh-CN': '请指明事项所属的企业、楼宇或区域',
    en: 'Name the enterprise, building or region the matter belongs to',
  },
  'field.enterprise_not_in_building': { 'zh-CN': '该企业不在所选楼宇内', en: 'The enterprise is not in that building' },
  'notice.matter_new': { 'zh-CN': '新事项待登记：{title}', en: 'New matter to register: {title}' },
  'notice.matter_dispatched': { 'zh-CN': '新派发事项待签收：{title}', en: 'Matter dispatched to you: {title}' },
  'notice.matter_returned': { 'zh-CN': '事项被退回：{title}', en: 'Matter returned: {title}' },
  'notice.matter_escalated': { 'zh-CN': '事项上报至本级：{title}', en: 'Matter escalated to your level: {title}' },
  'notice.matter_info_requested': { 'zh-CN': '事项需要您补充材料：{title}', en: 'Please add information to: {title}' },
  'notice.matter_reported_back': {
    'zh-CN': '承办结果已反馈，请答复企业：{title}',
    en: 'Result reported; reply to the enterprise: {title}',
  },
  'notice.matter_replied': { 'zh-CN': '您的事项已答复，请评价：{title}', en: 'Your matter has an answer; please rate it: {title}' },
  'notice.matter_reopened': { 'zh-CN': '企业不满意，事项重办：{title}', en: 'Enterprise dissatisfied; matter reopened: {title}' },
  'notice.matter_extension_requested': { 'zh-CN': '延期申请待审批：{title}', en: 'Extension request to decide: {title}' },
  'notice.matter_extension_decided': { 'zh-CN': '延期申请已{decision}：{title}', en: 'Extension {decision}: {title}' },
  'notice.matter_supervised': { 'zh-CN': '{card}督办：{title}', en: '{card} supervision: {title}' },
  'notice.matter_clock_warning': { 'zh-CN': '{clock}时限将至（黄牌）：{title}', en: '{clock} deadline near (yellow): {title}' },
  'notice.matter_clock_breach': { 'zh-CN': '{clock}已超时（红牌）：{title}', en: '{clock} deadline missed (red): {title}' },
  'notice.matter_body': { 'zh-CN': '事项编号 {code}，当前状态：{status}', en: 'Matter {code}, now {status}' },
  'field.period_too_long': { 'zh-CN': '统计周期不能超过五年', en: 'The period cannot exceed five years' },
} as const satisfies Record<string, Record<Locale, string>>;
