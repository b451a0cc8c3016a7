import type { Locale } from '../api/types.ts';

/** Times are shown on China's clock whatever the browser's zone: records are about Chinese places and office hours. */
const ZONE = 'Asia/Shanghai';

export function formatDateTime(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(locale === 'en' ? 'en-GB' : 'zh-CN', { timeZone: ZONE, hour12: false });
}

/** Calendar dates (YYYY-MM-DD) are shown as stored: they carry no time zone. */
export function formatDate(value: string | null | undefined): string {
  return value ?? '—';
}
