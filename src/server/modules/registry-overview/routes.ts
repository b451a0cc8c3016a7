import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { chinaDate } from '../../../domain/time.ts';
import { allows } from '../../db/scoped.ts';
import { requireActor } from '../../http/context.ts';
import { errorBodySchema, notFound } from '../../http/errors.ts';
import { registryOverview } from './queries.ts';
import { overviewQuery, overviewSchema } from './schemas.ts';

/** DSH-3 the registry overview (红色新云图 总览): the article's figures, computed from data in the caller's scope. */
export const registryOverviewRoutes: FastifyPluginAsyncZod = async (app) => {
  const { kysely } = app.deps;

  app.get(
    '/registry/overview',
    {
      schema: {
        tags: ['registry'],
        summary: '楼宇党建总览 Registry overview: buildings, enterprises, instructors, cadres, belts, occupancy, coverage (DSH-3)',
        querystring: overviewQuery,
        response: { 200: overviewSchema, 400: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { regionCode } = request.query;
      let region: { code: string; name: string; level: string; prefix: string } | null = null;
      if (regionCode) {
        // A region outside the caller's subtree answers as if it did not exist (ORG-4).
        const found = await kysely
          .selectFrom('region')
          .select(['code', 'name', 'level', 'prefix'])
          .where('code', '=', regionCode)
          .executeTakeFirst();
        if (!found || !allows(actor, 'region', 'read', { regionCode: found.code })) throw notFound();
        region = found;
      }
      const today = chinaDate();
      const figures = await registryOverview(kysely, actor, region, today);
      return { region: region && { code: region.code, name: region.name, level: region.level }, today, ...figures };
    },
  );
};
