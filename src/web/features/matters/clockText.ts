import type { Translate } from '../../app/i18n.ts';
import { splitWorkingMinutes } from './countdown.ts';

/** "1 个工作日 3 小时": the two largest units of a length of working time; empty under a minute. */
export function durationText(t: Translate, minutes: number, dayMinutes: number): string {
  const r = splitWorkingMinutes(Math.abs(minutes), dayMinutes);
  const parts: string[] = [];
  if (r.days > 0) {
    parts.push(t(r.days === 1 ? 'matter.cd.day' : 'matter.cd.days', { n: r.days }));
    if (r.hours > 0) parts.push(t('matter.cd.hours', { n: r.hours }));
  } else if (r.hours > 0) {
    parts.push(t('matter.cd.hours', { n: r.hours }));
    if (r.minutes > 0) parts.push(t('matter.cd.minutes', { n: r.minutes }));
  } else if (r.minutes > 0) {
    parts.push(t('matter.cd.minutes', { n: r.minutes }));
  }
  return parts.join(' ');
}

/** "剩余 1 个工作日 3 小时" / "超时 2 小时 5 分钟". */
export function remainingText(t: Translate, minutes: number, dayMinutes: number): string {
  const time = durationText(t, minutes, dayMinutes);
  if (!time) return t('matter.cd.dueNow');
  return t(minutes < 0 ? 'matter.cd.overdue' : 'matter.cd.left', { time });
}
