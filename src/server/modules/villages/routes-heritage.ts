import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../http/context.ts';
import { errorBodySchema } from '../../http/errors.ts';
import { idParams } from '../../http/schemas.ts';
import { villageDashboard } from './dashboard.ts';
import { addInheritor, createHeritageItem, listHeritage, listPerformances, recordPerformance } from './heritage.ts';
import { villageDashboardQuery, villageDashboardSchema } from './schemas-dashboard.ts';
import {
  guideInput,
  heritageItemInput,
  heritageListSchema,
  inheritorInput,
  performanceInput,
  performanceListSchema,
  periodQuery,
  siteInput,
  siteListSchema,
  visitorInput,
  visitorParams,
} from './schemas-heritage.ts';
import { addGuide, createTourismSite, listTourism, recordVisitors } from './tourism.ts';
import { villageDashboardFileName, writeVillageDashboardWorkbook } from './workbook.ts';

const errors = { 400: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const tags = ['villages'];
const created = z.object({ id: z.string() });
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const regionQuery = z.object({
  regionCode: z
    .string()
    .regex(/^\d{6}(\d{3}(\d{3})?)?$/, 'field.region_unknown')
    .optional(),
});

function attachment(name: string): string {
  return `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** VIL-4 heritage items, inheritors, performances, tourism sites, guides and visitors; DSH-1 the county's village dashboard. */
export const heritageRoutes: FastifyPluginAsyncZod = async (app) => {
  const { kysely } = app.deps;

  app.get(
    '/heritage-items',
    {
      schema: {
        tags,
        summary: '非遗项目与传承人 Heritage items and inheritors (VIL-4)',
        querystring: regionQuery,
        response: { 200: heritageListSchema, 400: errorBodySchema },
      },
    },
    async (request) => ({ items: await listHeritage(kysely, requireActor(request), request.query.regionCode) }),
  );

  app.post(
    '/heritage-items',
    { schema: { tags, summary: '新增非遗项目 Add a heritage item', body: heritageItemInput, response: { 201: created, ...errors } } },
    async (request, reply) =>
      reply.status(201).send({ id: await createHeritageItem({ db: kysely, actor: requireActor(request), input: request.body }) }),
  );

  app.post(
    '/heritage-items/:id/inheritors',
    {
      schema: {
        tags,
        summary: '新增传承人 Add an inheritor',
        params: idParams,
        body: inheritorInput,
        response: { 201: created, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send({ id: await addInheritor({ db: kysely, actor: requireActor(request), itemId: request.params.id, input: request.body }) }),
  );

  app.get(
    '/performances',
    {
      schema: {
        tags,
        summary: '非遗展演 Performances in a period (VIL-4)',
        querystring: periodQuery,
        response: { 200: performanceListSchema, 400: errorBodySchema },
      },
    },
    async (request) => listPerformances(kysely, requireActor(request), request.query),
  );

  app.post(
    '/performances',
    {
      schema: {
        tags,
        summary: '登记展演 Record a performance (date, place, audience)',
        body: performanceInput,
        response: { 201: created, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send({ id: await recordPerformance({ db: kysely, actor: requireActor(request), input: request.body }) }),
  );

  app.get(
    '/tourism-sites',
    {
      schema: {
        tags,
        summary: '旅游点、讲解员与接待人次 Tourism sites, guides and visitors (VIL-4)',
        querystring: periodQuery,
        response: { 200: siteListSchema, 400: errorBodySchema },
      },
    },
    async (request) => ({ items: await listTourism(kysely, requireActor(request), request.query) }),
  );

  app.post(
    '/tourism-sites',
    { schema: { tags, summary: '新增旅游点 Add a tourism site', body: siteInput, response: { 201: created, ...errors } } },
    async (request, reply) =>
      reply.status(201).send({ id: await createTourismSite({ db: kysely, actor: requireActor(request), input: request.body }) }),
  );

  app.post(
    '/tourism-sites/:id/guides',
    { schema: { tags, summary: '新增讲解员 Add a guide', params: idParams, body: guideInput, response: { 201: created, ...errors } } },
    async (request, reply) =>
      reply
        .status(201)
        .send({ id: await addGuide({ db: kysely, actor: requireActor(request), siteId: request.params.id, input: request.body }) }),
  );

  app.put(
    '/tourism-sites/:id/visitors/:month',
    {
      schema: {
        tags,
        summary: '填报月接待人次 Record a month’s visitors',
        params: visitorParams,
        body: visitorInput,
        response: { 200: z.object({ month: z.string(), visitors: z.number().int() }), ...errors },
      },
    },
    async (request) => {
      await recordVisitors({
        db: kysely,
        actor: requireActor(request),
        siteId: request.params.id,
        month: request.params.month,
        visitors: request.body.visitors,
      });
      return { month: request.params.month, visitors: request.body.visitors };
    },
  );

  app.get(
    '/village-dashboard',
    {
      schema: {
        tags,
        summary: '传统村落统计 The county’s village figures (DSH-1, VIL-2…4)',
        querystring: villageDashboardQuery,
        response: { 200: villageDashboardSchema, ...errors },
      },
    },
    async (request) => villageDashboard({ db: kysely, actor: requireActor(request), query: request.query }),
  );

  app.get(
    '/village-dashboard.xlsx',
    {
      schema: {
        tags,
        summary: '传统村落统计导出 Excel The village figures as .xlsx (DSH-2)',
        querystring: villageDashboardQuery,
        response: { 200: z.unknown(), ...errors },
      },
    },
    async (request, reply) => {
      // Figures first: a refusal is answered as JSON before any byte of the file.
      const dashboard = await villageDashboard({ db: kysely, actor: requireActor(request), query: request.query });
      const out = new PassThrough();
      writeVillageDashboardWorkbook(dashboard, request.locale, out).catch((err: unknown) => {
        request.log.error({ err }, 'village dashboard export failed');
        out.destroy(err instanceof Error ? err : new Error(String(err)));
      });
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', attachment(villageDashboardFileName(dashboard, request.locale)))
        .header('cache-control', 'no-store')
        .send(out);
    },
  );
};
