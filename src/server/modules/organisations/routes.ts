import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorBodySchema, notFound } from '../../http/errors.ts';
import { requireActor } from '../../http/context.ts';
import { idParams, listOf } from '../../http/schemas.ts';
import { createOrganisation, updateOrganisation } from './commands.ts';
import { presentOrganisation } from './presenter.ts';
import { findOrganisationDetail, listOrganisations } from './queries.ts';
import { organisationDetailSchema, organisationInput, organisationPatch, organisationQuery, organisationSchema } from './schemas.ts';

export const organisationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { kysely } = app.deps;

  async function detail(actor: ReturnType<typeof requireActor>, id: string) {
    const row = await findOrganisationDetail(kysely, actor, id);
    if (!row) throw notFound();
    return {
      ...presentOrganisation(row),
      parent: row.parent,
      childCount: Number(row.child_count),
      posts: row.posts.map((p) => ({
        id: p.id,
        personId: p.person_id,
        personName: p.person_name,
        title: p.title,
        startedOn: p.started_on,
        endedOn: p.ended_on,
      })),
    };
  }

  app.get(
    '/organisations',
    {
      schema: {
        tags: ['organisations'],
        summary: '组织列表 Organisations (ORG-2)',
        querystring: organisationQuery,
        response: { 200: listOf(organisationSchema) },
      },
    },
    async (request) => {
      const { rows, total } = await listOrganisations(kysely, requireActor(request), request.query);
      return { items: rows.map(presentOrganisation), total };
    },
  );

  app.get(
    '/organisations/:id',
    { schema: { tags: ['organisations'], summary: '组织详情 Organisation', params: idParams, response: { 200: organisationDetailSchema, 404: errorBodySchema } } },
    async (request) => detail(requireActor(request), request.params.id),
  );

  app.post(
    '/organisations',
    {
      schema: {
        tags: ['organisations'],
        summary: '新建组织 Create organisation',
        body: organisationInput,
        response: { 201: organisationDetailSchema, 400: errorBodySchema },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const id = await createOrganisation({ db: kysely, actor, input: request.body });
      return reply.status(201).send(await detail(actor, id));
    },
  );

  app.patch(
    '/organisations/:id',
    {
      schema: {
        tags: ['organisations'],
        summary: '修改组织 Update organisation',
        params: idParams,
        body: organisationPatch,
        response: { 200: organisationDetailSchema, 400: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await updateOrganisation({ db: kysely, actor, id: request.params.id, patch: request.body });
      return detail(actor, request.params.id);
    },
  );
};
