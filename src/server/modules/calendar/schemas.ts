import { z } from 'zod';
import { MAX_YEAR, MIN_YEAR, checkOfficeHours, type OfficeHoursProblem } from '../../../domain/calendar/index.ts';
import type { MessageKey } from '../../i18n/messages.ts';

/** MAT-4 the working calendar's boundary: a year's days, overrides and office hours. */

const inRange = (date: string) => {
  const year = Number(date.slice(0, 4));
  return year >= MIN_YEAR && year <= MAX_YEAR;
};
const calendarDate = z.iso.date().refine(inRange, 'field.calendar_year_range');

export const calendarQuery = z.object({
  year: z.coerce.number().int().min(MIN_YEAR, 'field.calendar_year_range').max(MAX_YEAR, 'field.calendar_year_range').optional(),
});

export const overrideParams = z.object({ date: calendarDate });
export const yearParams = z.object({
  year: z.coerce.number().int().min(MIN_YEAR, 'field.calendar_year_range').max(MAX_YEAR, 'field.calendar_year_range'),
});

const note = z.string().trim().max(200).nullable().optional();

export const overrideInput = z.object({ working: z.boolean(), note });
export type OverrideInput = z.infer<typeof overrideInput>;

export const yearOverridesInput = z.object({
  overrides: z
    .array(z.object({ date: calendarDate, working: z.boolean(), note }))
    .max(366)
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((o, i) => {
        if (seen.has(o.date)) ctx.addIssue({ code: 'custom', path: [i, 'date'], message: 'field.override_duplicate' });
        seen.add(o.date);
      });
    }),
});
export type YearOverridesInput = z.infer<typeof yearOverridesInput>;

const hhmm = z.string().regex(/^\d{2}:\d{2}$/, 'field.time_format');
const session = z.object({ start: hhmm, end: hhmm });

const PROBLEM_KEYS: Record<OfficeHoursProblem, MessageKey> = {
  time_format: 'field.time_format',
  session_order: 'field.session_order',
  sessions_overlap: 'field.sessions_overlap',
  sessions_empty: 'field.sessions_empty',
  date_format: 'field.month_day_format',
};

/** Office hours (作息时间): the rules that need more than one field (order, overlap) are checked by the domain and reported per field. */
export const officeHoursSchema = z
  .object({
    sessions: z.array(session).max(6),
    summer: z
      .object({
        from: z.string().regex(/^\d{2}-\d{2}$/, 'field.month_day_format'),
        to: z.string().regex(/^\d{2}-\d{2}$/, 'field.month_day_format'),
        sessions: z.array(session).max(6),
      })
      .nullable(),
  })
  .superRefine((hours, ctx) => {
    for (const issue of checkOfficeHours(hours)) ctx.addIssue({ code: 'custom', path: issue.path, message: PROBLEM_KEYS[issue.problem] });
  });
export type OfficeHoursInput = z.infer<typeof officeHoursSchema>;

const dayKind = z.enum(['holiday', 'make_up_day']).nullable();

export const calendarDaySchema = z.object({
  date: z.string(),
  working: z.boolean(),
  source: z.enum(['package', 'override', 'weekday']),
  packageWorking: z.boolean(),
  kind: dayKind,
  holiday: z.string().nullable(),
  note: z.string().nullable(),
  minutes: z.number(),
});

export const officeHoursResponse = z.object({
  officeHours: z.object({
    sessions: z.array(session),
    summer: z.object({ from: z.string(), to: z.string(), sessions: z.array(session) }).nullable(),
  }),
  dayMinutes: z.number(),
});

export const calendarResponse = officeHoursResponse.extend({
  year: z.number().int(),
  /** Whether the package holds the State Council's arrangement for this year; when not, weekdays are working days unless overridden. */
  covered: z.boolean(),
  workingDays: z.number().int(),
  days: z.array(calendarDaySchema),
});
