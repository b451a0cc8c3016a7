import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Actor } from '../../auth/actor.ts';
import { requireActor } from '../../http/context.ts';
import { errorBodySchema, notFound } from '../../http/errors.ts';
import { idParams, listOf } from '../../http/schemas.ts';
import { createEnterprise, updateEnterprise } from './commands.ts';
import { presentEnterprise, presentEnterpriseLease } from './presenter.ts';
import { enterpriseLeases, findEnterprise, listEnterprises } from './queries.ts';
import { enterpriseDetailSchema, enterpriseInput, enterprisePatch, enterpriseQuery, enterpriseSchema } from './schemas.ts';

const errors = { 400: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };

/** REG-2 enterprises: an organisation of kind 'enterprise' with its profile. */
export const enterpriseRoutes: FastifyPluginAsyncZod = async (app) => {
  const { kysely } = app.deps;

  async function detail(actor: Actor, id: string) {
    const row = await findEnterprise(kysely, actor, id);
    if (!row) throw notFound();
    const leases = await enterpriseLeases(kysely, actor, id);
    return { ...presentEnterprise(row), leases: leases.map(presentEnterpriseLease) };
  }

  app.get(
    '/enterprises',
    { schema: { tags: ['enterprises'], summary: '企业列表 Enterprises (REG-2)', querystring: enterpriseQuery, response: { 200: listOf(enterpriseSchema), 400: errorBodySchema } } },
    async (request) => {
      const { rows, total } = await listEnterprises(kysely, requireActor(request), request.query);
      return { items: rows.map(presentEnterprise), total };
    },
  );

  app.post(
    '/enterprises',
    { schema: { tags: ['enterprises'], summary: '登记企业 Register an enterprise', body: enterpriseInput, response: { 201: enterpriseDetailSchema, ...errors } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const id = await createEnterprise({ db: kysely, actor, input: request.body });
      return reply.status(201).send(await detail(actor, id));
    },
  );

  app.get(
    '/enterprises/:id',
    { schema: { tags: ['enterprises'], summary: '企业详情 Enterprise', params: idParams, response: { 200: enterpriseDetailSchema, 404: errorBodySchema } } },
    async (request) => detail(requireActor(request), request.params.id),
  );

  app.patch(
    '/enterprises/:id',
    { schema: { tags: ['enterprises'], summary: '修改企业 Update an enterprise', params: idParams, body: enterprisePatch, response: { 200: enterpriseDetailSchema, ...errors } } },
    async (request) => {
      const actor = requireActor(request);
      await updateEnterprise({ db: kysely, actor, id: request.params.id, patch: request.body });
      return detail(actor, request.params.id);
    },
  );
};
