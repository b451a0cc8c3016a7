import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../http/context.ts';
import { errorBodySchema } from '../../http/errors.ts';
import { matterDashboard } from './dashboard.ts';
import { dashboardQuery, dashboardSchema } from './schemas.ts';
import { dashboardFileName, writeDashboardWorkbook } from './workbook.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const errors = { 400: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };

function attachment(name: string): string {
  return `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** DSH-1 the matters dashboard of a region or department, and the same figures as Excel. */
export const matterDashboardRoutes: FastifyPluginAsyncZod = async (app) => {
  const { kysely } = app.deps;

  app.get(
    '/matter-dashboard',
    {
      schema: {
        tags: ['matters'],
        summary: '事项统计：受理、响应率、办结率、按时办结率、满意率、超期、上报、排名 Matters dashboard (DSH-1)',
        querystring: dashboardQuery,
        response: { 200: dashboardSchema, ...errors },
      },
    },
    async (request) => matterDashboard({ db: kysely, actor: requireActor(request), query: request.query }),
  );

  app.get(
    '/matter-dashboard.xlsx',
    {
      schema: {
        tags: ['matters'],
        summary: '事项统计导出 Excel The dashboard’s figures as .xlsx (DSH-1)',
        querystring: dashboardQuery,
        response: { 200: z.unknown(), ...errors },
      },
    },
    async (request, reply) => {
      // Figures first: a refusal or a bad period is answered as JSON before any byte of the file.
      const dashboard = await matterDashboard({ db: kysely, actor: requireActor(request), query: request.query });
      const out = new PassThrough();
      writeDashboardWorkbook(dashboard, request.locale, out).catch((err: unknown) => {
        request.log.error({ err }, 'dashboard export failed');
        out.destroy(err instanceof Error ? err : new Error(String(err)));
      });
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', attachment(dashboardFileName(dashboard, request.locale)))
        .header('cache-control', 'no-store')
        .send(out);
    },
  );
};
