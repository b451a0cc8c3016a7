import type { Locale } from '../db/schema.ts';

/** MAT-1 messages of the Open311 GeoReport v2 interface, merged into the one message table. */
export const open311Messages = {
  'open311.api_key_invalid': {
    'zh-CN': 'api_key 缺失、无效或已吊销',
    en: 'api_key is missing, invalid or revoked',
  },
  'open311.service_code_unknown': { 'zh-CN': 'service_code 不存在：{code}', en: 'Unknown service_code: {code}' },
  'open311.request_not_found': { 'zh-CN': '服务请求不存在或不在该密钥的范围内', en: 'No such service request within this key’s scope' },
  'open311.service_notice': { 'zh-CN': '已受理，将于 {due} 前答复', en: 'Received; a reply is due by {due}' },
  'open311.date_time_format': {
    'zh-CN': '日期时间须为 ISO 8601 格式，如 2026-01-05T09:30:00+08:00',
    en: 'Date-times are ISO 8601, e.g. 2026-01-05T09:30:00+08:00',
  },
  'open311.lat_long_pair': { 'zh-CN': 'lat 与 long 须同时提供', en: 'Give lat and long together' },
  'open311.key_user_unknown': { 'zh-CN': '账号不存在或已停用', en: 'The account does not exist or is disabled' },
} as const satisfies Record<string, Record<Locale, string>>;
