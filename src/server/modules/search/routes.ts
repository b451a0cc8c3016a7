import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../http/context.ts';
import { errorBodySchema } from '../../http/errors.ts';
import { presentSearch } from './presenter.ts';
import { searchAll, searchTerms } from './queries.ts';
import { searchQuery, searchSchema } from './schemas.ts';

/** Buildings, enterprises and people by any part of a name, address or credit code, grouped by kind. */
export const searchRoutes: FastifyPluginAsyncZod = async (app) => {
  const { kysely } = app.deps;

  app.get(
    '/search',
    {
      schema: {
        tags: ['search'],
        summary: '全局搜索 Search buildings, enterprises and people',
        querystring: searchQuery,
        response: { 200: searchSchema, 400: errorBodySchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const terms = searchTerms(request.query.q, request.query.limit);
      return presentSearch(terms.q, terms.limit, await searchAll(kysely, actor, terms));
    },
  );
};
