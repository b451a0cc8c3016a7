import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../auth/actor.ts';
import { errorBodySchema, notFound } from '../../http/errors.ts';
import { requireActor } from '../../http/context.ts';
import { idParams, idSchema, listOf } from '../../http/schemas.ts';
import { addPost, createPerson, endPost, updatePerson } from './commands.ts';
import { presentPerson } from './presenter.ts';
import { findPerson, listPeople, listPosts } from './queries.ts';
import { personDetailSchema, personInput, personPatch, personQuery, personSchema, postInput } from './schemas.ts';

export const peopleRoutes: FastifyPluginAsyncZod = async (app) => {
  const { kysely, secrets } = app.deps;

  async function detail(actor: Actor, id: string) {
    const row = await findPerson(kysely, actor, id);
    if (!row) throw notFound();
    const posts = await listPosts(kysely, actor, id);
    return {
      ...presentPerson(row, actor, secrets),
      posts: posts.map((p) => ({
        id: p.id,
        organisationId: p.organisation_id,
        organisationName: p.organisation_name,
        title: p.title,
        startedOn: p.started_on,
        endedOn: p.ended_on,
      })),
    };
  }

  app.get(
    '/people',
    { schema: { tags: ['people'], summary: '人员列表 People (ORG-3)', querystring: personQuery, response: { 200: listOf(personSchema) } } },
    async (request) => {
      const actor = requireActor(request);
      const { rows, total } = await listPeople(kysely, actor, request.query);
      return { items: rows.map((r) => presentPerson(r, actor, secrets)), total };
    },
  );

  app.get(
    '/people/:id',
    { schema: { tags: ['people'], summary: '人员详情 Person with posts', params: idParams, response: { 200: personDetailSchema, 404: errorBodySchema } } },
    async (request) => detail(requireActor(request), request.params.id),
  );

  app.post(
    '/people',
    { schema: { tags: ['people'], summary: '新建人员 Create person', body: personInput, response: { 201: personDetailSchema, 400: errorBodySchema } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const id = await createPerson({ db: kysely, actor, secrets, input: request.body });
      return reply.status(201).send(await detail(actor, id));
    },
  );

  app.patch(
    '/people/:id',
    {
      schema: {
        tags: ['people'],
        summary: '修改人员 Update person',
        params: idParams,
        body: personPatch,
        response: { 200: personDetailSchema, 400: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await updatePerson({ db: kysely, actor, secrets, id: request.params.id, patch: request.body });
      return detail(actor, request.params.id);
    },
  );

  app.post(
    '/people/:id/posts',
    {
      schema: {
        tags: ['people'],
        summary: '任职 Add a post (cross-appointment allowed)',
        params: idParams,
        body: postInput,
        response: { 201: personDetailSchema, 400: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      await addPost({ db: kysely, actor, personId: request.params.id, input: request.body });
      return reply.status(201).send(await detail(actor, request.params.id));
    },
  );

  app.delete(
    '/people/:id/posts/:postId',
    {
      schema: {
        tags: ['people'],
        summary: '离任 End a post',
        params: z.object({ id: idSchema, postId: idSchema }),
        response: { 200: personDetailSchema, 404: errorBodySchema, 409: errorBodySchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await endPost({ db: kysely, actor, personId: request.params.id, postId: request.params.postId });
      return detail(actor, request.params.id);
    },
  );
};
