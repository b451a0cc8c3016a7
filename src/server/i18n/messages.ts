import type { Locale } from '../db/schema.ts';
import { gridMessages } from './messages-grids.ts';
import { listMessages } from './messages-lists.ts';
import { matterMessages } from './messages-matters.ts';
import { villageMessages } from './messages-villages.ts';
import { open311Messages } from './messages-open311.ts';
import { policyMessages } from './messages-policies.ts';

/** Server-side messages in both locales. Keys double as error codes' messages. */
const messages = {
  ...matterMessages,
  ...listMessages,
  ...villageMessages,
  ...gridMessages,
  ...open311Messages,
  ...policyMessages,
  'error.validation': { 'zh-CN': '输入有误，请检查标出的字段', en: 'Some fields are invalid' },
  'error.unauthenticated': { 'zh-CN': '请先登录', en: 'Please sign in' },
  'error.forbidden': { 'zh-CN': '您没有权限执行此操作', en: 'You are not allowed to do this' },
  'error.not_found': { 'zh-CN': '记录不存在或不在您的管辖范围内', en: 'Not found, or outside your scope' },
  'error.conflict': { 'zh-CN': '记录已被他人修改，请刷新后重试', en: 'The record changed meanwhile; reload and retry' },
  'error.csrf': { 'zh-CN': '请求校验失败，请刷新页面后重试', en: 'Request check failed; reload the page and retry' },
  'error.internal': { 'zh-CN': '服务器内部错误，请稍后重试', en: 'Internal error; please retry later' },
  'error.rate_limited': { 'zh-CN': '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  'auth.bad_credentials': { 'zh-CN': '用户名或密码错误', en: 'Wrong username or password' },
  'auth.locked': {
    'zh-CN': '连续登录失败次数过多，账号已锁定，请 {minutes} 分钟后再试',
    en: 'Too many failed sign-ins; the account is locked for {minutes} minutes',
  },
  'auth.disabled': { 'zh-CN': '账号已停用', en: 'This account is disabled' },
  'field.username_taken': { 'zh-CN': '用户名已被使用', en: 'Username already taken' },
  'field.username_format': {
    'zh-CN': '用户名须为 3–40 位小写字母、数字或 _ . -',
    en: 'Username: 3–40 lowercase letters, digits or _ . -',
  },
  'field.password_weak': {
    'zh-CN': '密码至少 8 位，且须同时包含字母和数字',
    en: 'Password: at least 8 characters with letters and digits',
  },
  'field.region_unknown': { 'zh-CN': '行政区划代码不存在', en: 'Unknown region code' },
  'field.region_out_of_scope': { 'zh-CN': '该行政区划不在您的管辖范围内', en: 'Region outside your scope' },
  'field.organisation_unknown': { 'zh-CN': '组织不存在或不在您的管辖范围内', en: 'Unknown organisation, or outside your scope' },
  'field.scope_required': { 'zh-CN': '该角色须指定管辖区划或所属组织', en: 'This role needs a region or an organisation' },
  'field.role_not_allowed': { 'zh-CN': '您不能创建该角色的账号', en: 'You cannot create accounts of this role' },
  'field.party_org_kind_required': { 'zh-CN': '党组织须注明类别（党委/党总支/党支部）', en: 'A party organisation needs its kind' },
  'field.party_org_kind_forbidden': { 'zh-CN': '只有党组织才有党组织类别', en: 'Only party organisations have a party kind' },
  'field.phone_format': { 'zh-CN': '手机号码格式不正确（11 位，以 1 开头）', en: 'Phone: 11 digits starting with 1' },
  'field.id_number_format': { 'zh-CN': '身份证号码无效（18 位，校验码不符）', en: 'Invalid ID number (18 characters, check digit)' },
  'field.credit_code_format': {
    'zh-CN': '统一社会信用代码无效（18 位，校验码不符）',
    en: 'Invalid unified social credit code (18 characters, check digit)',
  },
  'field.parent_cycle': { 'zh-CN': '上级组织不能是其自身或下级', en: 'The parent cannot be the organisation or one below it' },
  'field.date_order': { 'zh-CN': '结束日期不能早于开始日期', en: 'End date cannot precede start date' },
  // REG-1…6 building registry, leases, 一楼八员; NTF-1 lease warnings.
  'field.organisation_kind_mismatch': { 'zh-CN': '所选组织的类型不符合要求', en: 'That organisation is not of the required kind' },
  'field.building_unknown': { 'zh-CN': '楼宇不存在或不在您的管辖范围内', en: 'Unknown building, or outside your scope' },
  'field.enterprise_unknown': { 'zh-CN': '企业不存在或不在您的管辖范围内', en: 'Unknown enterprise, or outside your scope' },
  'field.person_unknown': { 'zh-CN': '人员不存在或不在您的管辖范围内', en: 'Unknown person, or outside your scope' },
  'field.region_required': { 'zh-CN': '请指定行政区划', en: 'Choose a region' },
  'field.industry_unknown': { 'zh-CN': '国民经济行业分类代码不存在（GB/T 4754）', en: 'Unknown GB/T 4754 industry code' },
  'field.credit_code_taken': { 'zh-CN': '该统一社会信用代码已登记', en: 'This unified social credit code is already registered' },
  'field.party_members_exceed_staff': { 'zh-CN': '党员人数不能超过职工人数', en: 'Party members cannot outnumber staff' },
  'field.enterprise_designation': {
    'zh-CN': '重点企业认定、党组织状况和所在区划由主管部门维护',
    en: 'Key-enterprise status, party organisation status and region are kept by the authorities',
  },
  'field.unit_taken': { 'zh-CN': '该单元编号已存在', en: 'This unit number already exists' },
  'field.external_ref_taken': { 'zh-CN': '该外部编号已被另一租约使用', en: 'Another lease already uses this reference' },
  'field.lease_exists': { 'zh-CN': '该企业在本楼宇已有未结束的租约', en: 'This enterprise already has a running lease in this building' },
  'field.lease_area_exceeds': {
    'zh-CN': '租赁面积超出楼宇办公面积（届时已租 {leased} ㎡，办公面积 {office} ㎡）',
    en: 'Leased area would exceed the office area ({leased} m² leased then, {office} m² in all)',
  },
  'field.lease_event_order': { 'zh-CN': '生效日期不能早于上一事件的生效日期（{date}）', en: 'Effective date cannot precede the previous event ({date})' },
  'field.lease_expiry_before_end': {
    'zh-CN': '租约到期日（{date}）之后才能登记到期；提前搬离请登记迁出',
    en: 'Expiry can only be recorded after the end date ({date}); leaving early is a move-out',
  },
  'field.lease_after_end': { 'zh-CN': '租约已于 {date} 到期，请先续租', en: 'The lease ended on {date}; renew it first' },
  'field.area_required': { 'zh-CN': '请填写大于 0 的面积', en: 'Enter an area above 0' },
  'field.area_unchanged': { 'zh-CN': '面积与现有面积相同', en: 'The area is unchanged' },
  'field.end_required': { 'zh-CN': '请填写续租后的到期日期', en: 'Enter the new end date' },
  'field.end_not_later': { 'zh-CN': '续租后的到期日期须晚于现到期日期（{date}）', en: 'The new end date must be after the current one ({date})' },
  'field.liaison_start_order': {
    'zh-CN': '任职日期不能早于现任人员的任职日期（{date}）',
    en: 'Start date cannot precede the current holder’s ({date})',
  },
  'field.liaison_ineligible.building_head': { 'zh-CN': '楼长须来自街道（政府）或本楼宇两委', en: 'A building head comes from the street or this building’s two committees' },
  'field.liaison_ineligible.building_instructor': { 'zh-CN': '楼宇指导员须来自党组织或政府', en: 'A building instructor comes from a party organisation or government' },
  'field.liaison_ineligible.property_liaison': { 'zh-CN': '物管单位联络员须来自本楼宇的物业公司', en: 'The property liaison comes from this building’s property company' },
  'field.liaison_ineligible.police_officer': { 'zh-CN': '派出所片警须来自辖区公安派出所', en: 'The police officer comes from the local police station' },
  'field.liaison_ineligible.market_section_head': { 'zh-CN': '市场管理片段长须来自辖区市场监管部门', en: 'The market section head comes from local market regulation' },
  'field.liaison_ineligible.tax_officer': { 'zh-CN': '税务专管员须来自辖区税务部门', en: 'The tax officer comes from the local tax bureau' },
  'field.liaison_ineligible.talent_officer': { 'zh-CN': '人才专员须来自辖区人才工作部门', en: 'The talent officer comes from the local talent office' },
  'field.liaison_ineligible.building_officer': { 'zh-CN': '楼宇专员须来自街道（政府）或本楼宇两委', en: 'A building officer comes from the street or this building’s two committees' },
  'notification.lease_expiry.title': { 'zh-CN': '租约即将到期：{enterprise}（{building}）', en: 'Lease ending soon: {enterprise} ({building})' },
  'notification.lease_expiry.body': {
    'zh-CN': '{enterprise} 在 {building} 的租约（{area} ㎡）将于 {date} 到期，还有 {days} 天。',
    en: 'The lease of {enterprise} in {building} ({area} m²) ends on {date}, in {days} days.',
  },
  'notification.lease_overdue.title': { 'zh-CN': '租约已到期：{enterprise}（{building}）', en: 'Lease has ended: {enterprise} ({building})' },
  'notification.lease_overdue.body': {
    'zh-CN': '{enterprise} 在 {building} 的租约（{area} ㎡）已于 {date} 到期，尚未登记续租或迁出。',
    en: 'The lease of {enterprise} in {building} ({area} m²) ended on {date}; no renewal or move-out is recorded.',
  },
  'notification.lease_move_out.title': { 'zh-CN': '企业迁出：{enterprise}（{building}）', en: 'Move-out: {enterprise} ({building})' },
  'notification.lease_move_out.body': {
    'zh-CN': '{enterprise} 自 {date} 起迁出 {building}，腾出 {area} ㎡。',
    en: '{enterprise} moves out of {building} from {date}, freeing {area} m².',
  },
  // REG-9 spreadsheet import: row-by-row errors.
  'import.required': { 'zh-CN': '此项必填', en: 'Required' },
  'import.not_a_number': { 'zh-CN': '须为数字', en: 'Must be a number' },
  'import.not_an_integer': { 'zh-CN': '须为整数', en: 'Must be a whole number' },
  'import.not_a_date': { 'zh-CN': '日期格式应为 YYYY-MM-DD', en: 'Dates are written YYYY-MM-DD' },
  'import.not_an_option': { 'zh-CN': '须为以下之一：{options}', en: 'Must be one of: {options}' },
  'import.not_a_boolean': { 'zh-CN': '请填写“是”或“否”', en: 'Write 是 (yes) or 否 (no)' },
  'import.duplicate_in_file': { 'zh-CN': '与第 {row} 行重复', en: 'Repeats row {row}' },
  'import.out_of_scope': { 'zh-CN': '该记录不在您的管辖范围内', en: 'This record is outside your scope' },
  'import.lease_start_fixed': { 'zh-CN': '已登记租约的起租日期（{date}）不能通过导入修改', en: 'A recorded lease’s start ({date}) cannot be changed by import' },
  'import.lease_parties_fixed': { 'zh-CN': '该合同编号已登记为其他楼宇或企业的租约', en: 'This contract number belongs to a lease of another building or enterprise' },
  'import.lease_ended_fixed': { 'zh-CN': '租约已于 {date} 结束，不能通过导入修改', en: 'The lease ended on {date}; an import cannot change it' },
  'import.row_failed': { 'zh-CN': '该行未能写入，请检查后重试', en: 'This row could not be written; check it and retry' },
  'import.file_unreadable': { 'zh-CN': '无法读取该文件，请上传 .xlsx 格式的 Excel 文件', en: 'The file cannot be read; upload an .xlsx workbook' },
  'import.file_required': { 'zh-CN': '请选择要导入的 Excel 文件', en: 'Choose an Excel file to import' },
  'import.job_failed': {
    'zh-CN': '导入中断：已完成的批次已保存，重新导入同一文件不会重复写入',
    en: 'The import stopped; finished batches are kept, and importing the same file again writes nothing twice',
  },
  'import.job_abandoned': {
    'zh-CN': '导入进程已中断（服务重启或故障），任务已终止：已完成的批次已保存，请重新导入同一文件，已导入的行不会重复写入',
    en: 'The import was cut off (the server restarted or failed) and has stopped; finished batches are kept — import the same file again, nothing is written twice',
  },
  // Registry services: demonstration belts, investment leads, instructors and cadres (REG-7, REG-8, SVC-1, SVC-2).
  'field.belt_building_exists': { 'zh-CN': '该楼宇已在本示范带中', en: 'This building is already in the belt' },
  'field.required_to_settle': { 'zh-CN': '入驻须填写此项', en: 'Required to settle' },
  'field.lease_over_vacancy': { 'zh-CN': '楼宇当前空置 {vacant}㎡，不足 {area}㎡', en: 'The building has {vacant}㎡ vacant, less than {area}㎡' },
  'lead.settled_kept': { 'zh-CN': '已入驻的线索不能删除（企业与租约已登记）', en: 'A settled lead cannot be deleted: its enterprise and lease are on record' },
  'lead.transition_illegal': { 'zh-CN': '线索当前为「{from}」，不能转为「{to}」', en: 'The lead is {fromEn}; it cannot move to {toEn}' },
  'field.instructor_exists': { 'zh-CN': '该人员已是党建工作指导员', en: 'This person is already an instructor' },
  'field.instructor_unknown': { 'zh-CN': '指导员不存在或不在您的管辖范围内', en: 'Unknown instructor, or outside your scope' },
  'field.instructor_full': { 'zh-CN': '该指导员已满负荷（{load}/{capacity}）', en: 'This instructor is at capacity ({load}/{capacity})' },
  'field.instructor_inactive': { 'zh-CN': '该指导员已停止指导工作', en: 'This instructor is no longer active' },
  'field.cadre_exists': { 'zh-CN': '该人员已是选派干部', en: 'This person is already a stationed cadre' },
  'field.cadre_unknown': { 'zh-CN': '选派干部不存在或不在您的管辖范围内', en: 'Unknown stationed cadre, or outside your scope' },
  'field.cadre_enterprise_exists': { 'zh-CN': '该企业已在该干部的联系企业中', en: 'The enterprise is already in this cadre’s portfolio' },
  'field.not_service_person': { 'zh-CN': '该人员不是党建工作指导员或选派干部', en: 'This person is neither an instructor nor a stationed cadre' },
  'field.public_enterprise': { 'zh-CN': '党建工作指导员只联系非公企业', en: 'Instructors serve non-public enterprises only' },
  // Policy eligibility rules (POL-2), checked by the rule schema in src/domain/policies/rule.ts.
  'field.rule_date_format': { 'zh-CN': '日期格式应为 YYYY-MM-DD', en: 'Dates are written YYYY-MM-DD' },
  'field.rule_range_order': { 'zh-CN': '上限不能小于下限', en: 'The upper bound cannot be below the lower bound' },
  'field.rule_bracket_same_field': { 'zh-CN': '分档依据不能是被比较的指标本身', en: 'A bracket cannot be banded by the field it compares' },
  'field.rule_bands_order': { 'zh-CN': '各档上限须逐档递增', en: 'Each band must end above the one before it' },
  'field.rule_percent_range': { 'zh-CN': '比例须在 0%–100% 之间', en: 'A percentage is between 0 and 100' },
  'field.rule_too_deep': { 'zh-CN': '条件分组嵌套不能超过 8 层', en: 'Condition groups nest at most 8 levels deep' },
  'field.rule_too_many_conditions': { 'zh-CN': '一项政策的条件不能超过 100 条', en: 'A policy has at most 100 conditions' },
  // MAT-4 the working calendar: overrides and office hours.
  'field.time_format': { 'zh-CN': '时间格式应为 HH:MM（24 小时制）', en: 'Times are written HH:MM (24-hour)' },
  'field.session_order': { 'zh-CN': '结束时间须晚于开始时间', en: 'The end must be after the start' },
  'field.sessions_overlap': { 'zh-CN': '办公时段须按时间先后排列且互不重叠', en: 'Sessions must be in order and must not overlap' },
  'field.sessions_empty': { 'zh-CN': '请至少填写一个办公时段', en: 'Enter at least one session' },
  'field.month_day_format': { 'zh-CN': '日期格式应为 MM-DD', en: 'Dates are written MM-DD' },
  'field.calendar_year_range': { 'zh-CN': '年份须在 1970—2199 年之间', en: 'The year must be within 1970–2199' },
  'field.override_outside_year': { 'zh-CN': '该日期不在 {year} 年内', en: 'This date is not in {year}' },
  'field.override_duplicate': { 'zh-CN': '同一日期只能调整一次', en: 'Each date may appear once' },
  // NTF-1 outbound channels and the outbox.
  'field.target_url': { 'zh-CN': '请填写以 http:// 或 https:// 开头的机器人或回调地址', en: 'Enter the robot or webhook URL (http:// or https://)' },
  'field.target_email': { 'zh-CN': '请填写有效的电子邮箱地址', en: 'Enter a valid e-mail address' },
  'outbox.not_failed': { 'zh-CN': '只有发送失败的消息可以重发', en: 'Only failed messages can be retried' },
  'outbox.test_title': { 'zh-CN': '红图通知渠道测试', en: 'Hongtu channel test' },
  'outbox.test_body': { 'zh-CN': '这是一条测试消息：渠道「{name}」已可接收红图平台的通知。', en: 'A test message: channel “{name}” receives Hongtu notifications.' },
} as const satisfies Record<string, Record<Locale, string>>;

export type MessageKey = keyof typeof messages;

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(messages, key);
}

export function t(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template: string = messages[key][locale];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/**
 * Picks the locale: the UI's explicit choice (X-Locale), else the signed-in
 * user's preference, else Accept-Language, else zh-CN.
 */
export function negotiateLocale(input: { explicit?: string | undefined; user?: Locale | undefined; acceptLanguage?: string | undefined }): Locale {
  const explicit = input.explicit?.trim();
  if (explicit === 'en' || explicit === 'zh-CN') return explicit;
  if (input.user) return input.user;
  const first = input.acceptLanguage?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}
