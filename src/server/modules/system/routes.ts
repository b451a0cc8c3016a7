import { sql } from 'kysely';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

export const systemRoutes: FastifyPluginAsyncZod = async (app) => {
  const { kysely, db, config } = app.deps;

  app.get(
    '/healthz',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['system'],
        summary: '健康检查 Health',
        response: { 200: z.object({ status: z.literal('ok'), database: z.literal('ok'), backend: z.string() }), 503: z.object({ status: z.literal('unavailable') }) },
      },
    },
    async (_request, reply) => {
      try {
        await sql`SELECT 1`.execute(kysely);
        return { status: 'ok' as const, database: 'ok' as const, backend: db.backend };
      } catch {
        return reply.status(503).send({ status: 'unavailable' as const });
      }
    },
  );

  app.get('/api/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, async () => app.swagger());

  app.get(
    '/api/meta',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['system'],
        summary: '安装信息 Installation',
        response: { 200: z.object({ product: z.string(), version: z.string(), regionScope: z.array(z.string()) }) },
      },
    },
    async () => ({ product: '红图 Hongtu', version: '0.1.0', regionScope: config.regionScope }),
  );
};
