import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Actor } from '../../auth/actor.ts';
import { errorBodySchema, notFound } from '../../http/errors.ts';
import { requireActor } from '../../http/context.ts';
import { idParams, listOf } from '../../http/schemas.ts';
import { createUser, setUserPassword, unlockUser, updateUser } from './commands.ts';
import { presentUser, userSchema } from './presenter.ts';
import { findScopedUser, listUsers } from './queries.ts';
import { passwordInput, userInput, userPatch, userQuery } from './schemas.ts';

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  const { kysely } = app.deps;
  const errors = { 400: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };

  async function detail(actor: Actor, id: string) {
    const row = await findScopedUser(kysely, actor, id);
    if (!row) throw notFound();
    return presentUser(row);
  }

  app.get(
    '/users',
    { schema: { tags: ['users'], summary: '账号列表 Accounts the caller manages (SEC-1)', querystring: userQuery, response: { 200: listOf(userSchema) } } },
    async (request) => {
      const { rows, total } = await listUsers(kysely, requireActor(request), request.query);
      return { items: rows.map((r) => presentUser(r)), total };
    },
  );

  app.get(
    '/users/:id',
    { schema: { tags: ['users'], summary: '账号详情 Account', params: idParams, response: { 200: userSchema, 404: errorBodySchema } } },
    async (request) => detail(requireActor(request), request.params.id),
  );

  app.post(
    '/users',
    { schema: { tags: ['users'], summary: '新建账号 Create account', body: userInput, response: { 201: userSchema, ...errors } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const id = await createUser({ db: kysely, actor, input: request.body });
      return reply.status(201).send(await detail(actor, id));
    },
  );

  app.patch(
    '/users/:id',
    { schema: { tags: ['users'], summary: '修改账号 Update account', params: idParams, body: userPatch, response: { 200: userSchema, ...errors } } },
    async (request) => {
      const actor = requireActor(request);
      await updateUser({ db: kysely, actor, id: request.params.id, patch: request.body });
      return detail(actor, request.params.id);
    },
  );

  app.post(
    '/users/:id/password',
    { schema: { tags: ['users'], summary: '重置密码 Set a new password', params: idParams, body: passwordInput, response: { 200: userSchema, ...errors } } },
    async (request) => {
      const actor = requireActor(request);
      await setUserPassword({ db: kysely, actor, id: request.params.id, password: request.body.password });
      return detail(actor, request.params.id);
    },
  );

  app.post(
    '/users/:id/unlock',
    { schema: { tags: ['users'], summary: '解除锁定 Clear a lockout', params: idParams, response: { 200: userSchema, ...errors } } },
    async (request) => {
      const actor = requireActor(request);
      await unlockUser({ db: kysely, actor, id: request.params.id });
      return detail(actor, request.params.id);
    },
  );
};
