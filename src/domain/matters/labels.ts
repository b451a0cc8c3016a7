import type { MatterLevel, MatterPriority } from './limits.ts';
import type { MatterAction, MatterStatus, Satisfaction } from './workflow.ts';

type Label = { 'zh-CN': string; en: string };

/** The article's words for each status and step, shared by the server's messages and the web pages. */
export const MATTER_STATUS_LABELS: Readonly<Record<MatterStatus, Label>> = {
  collected: { 'zh-CN': '已收集', en: 'Collected' },
  registered: { 'zh-CN': '已登记', en: 'Registered' },
  dispatched: { 'zh-CN': '已分派', en: 'Dispatched' },
  accepted: { 'zh-CN': '办理中', en: 'In hand' },
  waiting_enterprise: { 'zh-CN': '待企业补充', en: 'Waiting for the enterprise' },
  reported_back: { 'zh-CN': '已反馈', en: 'Reported back' },
  replied: { 'zh-CN': '已回复', en: 'Replied' },
  closed: { 'zh-CN': '已办结', en: 'Closed' },
  withdrawn: { 'zh-CN': '已撤回', en: 'Withdrawn' },
};

export const MATTER_ACTION_LABELS: Readonly<Record<MatterAction, Label>> = {
  collect: { 'zh-CN': '收集', en: 'Collect' },
  register: { 'zh-CN': '登记', en: 'Register' },
  dispatch: { 'zh-CN': '分派', en: 'Dispatch' },
  accept: { 'zh-CN': '签收', en: 'Sign for' },
  return: { 'zh-CN': '退回', en: 'Return' },
  resolve_on_site: { 'zh-CN': '一线处置', en: 'Resolve on the spot' },
  escalate: { 'zh-CN': '逐级上报', en: 'Escalate' },
  request_info: { 'zh-CN': '请企业补充', en: 'Ask the enterprise' },
  provide_info: { 'zh-CN': '补充材料', en: 'Add information' },
  report_back: { 'zh-CN': '反馈结果', en: 'Report back' },
  reply: { 'zh-CN': '回复企业', en: 'Reply to the enterprise' },
  rate: { 'zh-CN': '评价', en: 'Rate' },
  reopen: { 'zh-CN': '重办', en: 'Reopen' },
  close: { 'zh-CN': '办结', en: 'Close' },
  withdraw: { 'zh-CN': '撤回', en: 'Withdraw' },
  supervise: { 'zh-CN': '督办', en: 'Supervise' },
  request_extension: { 'zh-CN': '申请延期', en: 'Request an extension' },
  approve_extension: { 'zh-CN': '批准延期', en: 'Approve the extension' },
  refuse_extension: { 'zh-CN': '驳回延期', en: 'Refuse the extension' },
  deliberate: { 'zh-CN': '一企一议', en: 'Deliberate' },
};

export const MATTER_LEVEL_LABELS: Readonly<Record<MatterLevel, Label>> = {
  building: { 'zh-CN': '楼宇', en: 'Building' },
  street: { 'zh-CN': '街道', en: 'Street' },
  district: { 'zh-CN': '区级', en: 'District' },
  city: { 'zh-CN': '市级', en: 'City' },
};

export const MATTER_PRIORITY_LABELS: Readonly<Record<MatterPriority, Label>> = {
  normal: { 'zh-CN': '一般', en: 'Normal' },
  urgent: { 'zh-CN': '紧急', en: 'Urgent' },
  key_enterprise: { 'zh-CN': '重点企业直通车', en: 'Key-enterprise lane' },
};

export const SATISFACTION_LABELS: Readonly<Record<Satisfaction, Label>> = {
  satisfied: { 'zh-CN': '满意', en: 'Satisfied' },
  basically_satisfied: { 'zh-CN': '基本满意', en: 'Basically satisfied' },
  dissatisfied: { 'zh-CN': '不满意', en: 'Dissatisfied' },
};

export const MATTER_SOURCE_LABELS: Readonly<Record<'portal' | 'staff' | 'member' | 'joint_meeting' | 'inspection' | 'open311', Label>> = {
  portal: { 'zh-CN': '企业端提交', en: 'Enterprise portal' },
  staff: { 'zh-CN': '楼宇代录', en: 'Entered by staff' },
  member: { 'zh-CN': '党员收集', en: 'Party member' },
  joint_meeting: { 'zh-CN': '联席会议', en: 'Joint meeting' },
  inspection: { 'zh-CN': '巡查发现', en: 'Inspection' },
  open311: { 'zh-CN': 'Open311 接口', en: 'Open311 API' },
};
