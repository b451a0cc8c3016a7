import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { chinaDate } from '../../../domain/time.ts';
import { requireActor } from '../../http/context.ts';
import { errorBodySchema } from '../../http/errors.ts';
import { deleteCalendarOverride, replaceYearOverrides, setCalendarOverride, setOfficeHours } from './commands.ts';
import { loadWorkCalendar } from './load.ts';
import { presentDay, presentOfficeHours, presentYear } from './presenter.ts';
import {
  calendarDaySchema,
  calendarQuery,
  calendarResponse,
  officeHoursResponse,
  officeHoursSchema,
  overrideInput,
  overrideParams,
  yearOverridesInput,
  yearParams,
} from './schemas.ts';

const errors = { 400: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };

/** MAT-4 the working calendar: every signed-in user reads it (countdowns), administrators change it. */
export const calendarRoutes: FastifyPluginAsyncZod = async (app) => {
  const { kysely } = app.deps;

  async function dayOf(date: string, locale: 'zh-CN' | 'en') {
    const calendar = await loadWorkCalendar(kysely);
    const day = calendar.yearDays(Number(date.slice(0, 4))).find((d) => d.date === date);
    if (!day) throw new Error(`calendar has no ${date}`);
    return presentDay(day, locale);
  }

  app.get(
    '/calendar',
    {
      schema: {
        tags: ['calendar'],
        summary: '工作日历 A year of working days, holidays and make-up days, with office hours (MAT-4)',
        querystring: calendarQuery,
        response: { 200: calendarResponse, 400: errorBodySchema },
      },
    },
    async (request) => {
      requireActor(request);
      const year = request.query.year ?? Number(chinaDate().slice(0, 4));
      return presentYear(await loadWorkCalendar(kysely), year, request.locale);
    },
  );

  app.put(
    '/calendar/overrides/:date',
    {
      schema: {
        tags: ['calendar'],
        summary: '调整某日 Make a date a working day or a day off (MAT-4, administrators)',
        params: overrideParams,
        body: overrideInput,
        response: { 200: calendarDaySchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await setCalendarOverride({ db: kysely, actor, date: request.params.date, input: request.body });
      return dayOf(request.params.date, request.locale);
    },
  );

  app.delete(
    '/calendar/overrides/:date',
    {
      schema: {
        tags: ['calendar'],
        summary: '恢复法定安排 Give a date back to the State Council arrangement (MAT-4, administrators)',
        params: overrideParams,
        response: { 200: calendarDaySchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await deleteCalendarOverride({ db: kysely, actor, date: request.params.date });
      return dayOf(request.params.date, request.locale);
    },
  );

  app.put(
    '/calendar/years/:year/overrides',
    {
      schema: {
        tags: ['calendar'],
        summary: '整年调整 Replace a year’s overrides, e.g. from the State Council notice (MAT-4, administrators)',
        params: yearParams,
        body: yearOverridesInput,
        response: { 200: calendarResponse, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await replaceYearOverrides({ db: kysely, actor, year: request.params.year, input: request.body });
      return presentYear(await loadWorkCalendar(kysely), request.params.year, request.locale);
    },
  );

  app.put(
    '/calendar/sessions',
    {
      schema: {
        tags: ['calendar'],
        summary: '作息时间 Set the office hours the clocks run in (MAT-4, administrators)',
        body: officeHoursSchema,
        response: { 200: officeHoursResponse, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await setOfficeHours({ db: kysely, actor, input: request.body });
      return presentOfficeHours(await loadWorkCalendar(kysely));
    },
  );
};
