import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../http/context.ts';
import { errorBodySchema } from '../../http/errors.ts';
import { dateSchema, regionCodeSchema } from '../../http/schemas.ts';
import { gridDashboard } from './figures.ts';
import { gridDashboardFileName, writeGridDashboardWorkbook } from './workbook.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const errors = { 400: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };
const query = z.object({ regionCode: regionCodeSchema, from: dateSchema.optional(), to: dateSchema.optional() });

const figures = z.object({
  households: z.number().int(),
  covered: z.number().int(),
  coverageRate: z.number().nullable(),
  members: z.number().int(),
  activeMembers: z.number().int(),
  membersInRange: z.number().int(),
  visits: z.number().int(),
  visitedHouseholds: z.number().int(),
  visitsPerHousehold: z.number().nullable(),
  inspections: z.number().int(),
  hazardsFound: z.number().int(),
  hazardsFixed: z.number().int(),
  hazardsOpen: z.number().int(),
  hazardsOverdue: z.number().int(),
  mediations: z.number().int(),
  mediationsResolved: z.number().int(),
  resolutionRate: z.number().nullable(),
  followUpsDue: z.number().int(),
  upkeep: z.number().int(),
});
export const gridDashboardSchema = z.object({
  region: z.object({ code: z.string(), name: z.string() }),
  from: z.string(),
  to: z.string(),
  totals: figures,
  villages: z.array(figures.extend({ code: z.string(), name: z.string() })),
});

const attachment = (name: string) =>
  `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

/** DSH-1 grid figures per village and region (household coverage, visits, hazards, mediations), and as Excel. */
export const gridDashboardRoutes: FastifyPluginAsyncZod = async (app) => {
  const { kysely } = app.deps;
  app.get(
    '/grid-dashboard',
    {
      schema: {
        tags: ['grids'],
        summary: '网格包户统计：覆盖率、户均走访、隐患发现与整改、调解成功 Grid figures per village (GRD, DSH-1)',
        querystring: query,
        response: { 200: gridDashboardSchema, ...errors },
      },
    },
    async (request) => gridDashboard({ db: kysely, actor: requireActor(request), query: request.query }),
  );
  app.get(
    '/grid-dashboard.xlsx',
    {
      schema: {
        tags: ['grids'],
        summary: '网格包户统计导出 Excel (GRD, DSH-2)',
        querystring: query,
        response: { 200: z.unknown(), ...errors },
      },
    },
    async (request, reply) => {
      const d = await gridDashboard({ db: kysely, actor: requireActor(request), query: request.query });
      const out = new PassThrough();
      writeGridDashboardWorkbook(d, request.locale, out).catch((err: unknown) => {
        request.log.error({ err }, 'grid dashboard export failed');
        out.destroy(err instanceof Error ? err : new Error(String(err)));
      });
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', attachment(gridDashboardFileName(d, request.locale)))
        .header('cache-control', 'no-store')
        .send(out);
    },
  );
};
