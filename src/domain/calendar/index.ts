export { createWorkCalendar, MAX_YEAR, MIN_YEAR } from './work-calendar.ts';
export type { CalendarDay, CalendarOverride, DaySource, WorkCalendar } from './work-calendar.ts';
export { DEFAULT_OFFICE_HOURS, checkOfficeHours, minutesOfDay, sessionMinutes } from './office-hours.ts';
export type { OfficeHours, OfficeHoursIssue, OfficeHoursProblem, Session, SummerHours } from './office-hours.ts';
export { dayOfIsoDate, isoDateOfDay, packageYear } from './days.ts';
export type { PackageDayKind } from './days.ts';
