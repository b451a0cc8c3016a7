import type { z } from 'zod';
import { packageYear, type CalendarDay, type WorkCalendar } from '../../../domain/calendar/index.ts';
import type { Locale } from '../../db/schema.ts';
import type { calendarDaySchema, calendarResponse, officeHoursResponse } from './schemas.ts';

type DayOut = z.infer<typeof calendarDaySchema>;

export function presentDay(day: CalendarDay, locale: Locale): DayOut {
  return { ...day, holiday: day.holiday ? day.holiday[locale] : null };
}

export function presentOfficeHours(calendar: WorkCalendar): z.infer<typeof officeHoursResponse> {
  return { officeHours: calendar.officeHours, dayMinutes: calendar.dayMinutes };
}

/** MAT-4 a year as the calendar counts it: every day, whether it is worked and who decided. */
export function presentYear(calendar: WorkCalendar, year: number, locale: Locale): z.infer<typeof calendarResponse> {
  const days = calendar.yearDays(year).map((d) => presentDay(d, locale));
  return {
    ...presentOfficeHours(calendar),
    year,
    covered: packageYear(year).covered,
    workingDays: days.filter((d) => d.working).length,
    days,
  };
}
