import type { Locale } from '../db/schema.ts';

/** POL-1 … POL-4 server messages of the policies module, merged into the one message table. */
export const policyMessages = {
  'notice.policy_eligible_title': { 'zh-CN': '政策推送：{title}', en: 'A policy for you: {title}' },
  'notice.policy_eligible_body': {
    'zh-CN': '根据贵企业的信息，您符合「{title}」的申报条件，可在「为您推荐的政策」中查看并申报。',
    en: 'From your profile, your enterprise qualifies for “{title}”. See it under “Policies for you” and apply.',
  },
  'notice.policy_granted_body': {
    'zh-CN': '贵企业符合「{title}」的条件，该政策免申即享，已为您登记兑现，无需申报。',
    en: 'Your enterprise qualifies for “{title}”, granted without application: it has been recorded as granted.',
  },
  'policy.not_published': { 'zh-CN': '该政策尚未发布或已撤回', en: 'The policy is not published' },
  'policy.already_published': { 'zh-CN': '该政策已发布', en: 'The policy is already published' },
  'policy.version_conflict': {
    'zh-CN': '该政策刚被他人修改（当前第 {version} 版），请刷新后重试',
    en: 'Someone has just changed this policy (now version {version}); reload and retry',
  },
  'policy.automatic_no_application': {
    'zh-CN': '该政策免申即享，符合条件即兑现，无需申报',
    en: 'This policy is granted without application',
  },
  'policy.deadline_passed': {
    'zh-CN': '该政策申报已于 {deadline} 截止，不能再申报',
    en: 'Applications for this policy closed on {deadline}',
  },
  'policy.application_exists': { 'zh-CN': '该企业已申报过该政策', en: 'This enterprise has applied for the policy already' },
  'policy.application_transition': {
    'zh-CN': '申报当前为「{from}」，不能改为「{to}」',
    en: 'The application is “{fromEn}”; it cannot become “{toEn}”',
  },
  'policy.question_title': { 'zh-CN': '政策咨询：{title}', en: 'Policy question: {title}' },
  'field.policy_region_level': {
    'zh-CN': '政策须归属省、市、区县或街道（乡镇）',
    en: 'A policy belongs to a province, city, county or street',
  },
  'field.policy_national_admin': { 'zh-CN': '全国性政策仅由平台管理员录入', en: 'National policies are entered by administrators' },
  'field.granted_amount_required': { 'zh-CN': '请填写兑现金额', en: 'Give the amount granted' },
  'field.policy_unknown': { 'zh-CN': '政策不存在或不可见', en: 'No such policy, or not visible to you' },
  'field.enterprise_required': { 'zh-CN': '请选择企业', en: 'Choose the enterprise' },
  'field.category_missing': { 'zh-CN': '惠企政策咨询类别未配置', en: 'The policy enquiry category is not configured' },
} as const satisfies Record<string, Record<Locale, string>>;
