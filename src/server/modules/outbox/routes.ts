import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Actor } from '../../auth/actor.ts';
import { requireActor } from '../../http/context.ts';
import { errorBodySchema, notFound } from '../../http/errors.ts';
import { idParams } from '../../http/schemas.ts';
import {
  createNotificationTarget,
  deleteNotificationTarget,
  retryOutboxMessage,
  testNotificationTarget,
  updateNotificationTarget,
} from './commands.ts';
import { presentOutbox, presentTarget } from './presenter.ts';
import { findOutbox, findTarget, listOutbox, listTargets } from './queries.ts';
import {
  outboxList,
  outboxQuery,
  outboxSchema,
  targetInput,
  targetList,
  targetPatch,
  targetQuery,
  targetSchema,
  testResultSchema,
} from './schemas.ts';

const errors = { 400: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const tags = ['notifications'];

/** NTF-1 outbound channels (通知渠道) and the outbox: administrators everywhere, region staff in their region. */
export const outboxRoutes: FastifyPluginAsyncZod = async (app) => {
  const { kysely, secrets, config } = app.deps;

  async function target(actor: Actor, id: string) {
    const row = await findTarget(kysely, actor, id);
    if (!row) throw notFound();
    return presentTarget(row);
  }

  app.get(
    '/notification-targets',
    {
      schema: {
        tags,
        summary: '通知渠道 Outbound channels (NTF-1)',
        querystring: targetQuery,
        response: { 200: targetList, 400: errorBodySchema },
      },
    },
    async (request) => {
      const { rows, total } = await listTargets(kysely, requireActor(request), request.query);
      return { items: rows.map(presentTarget), total };
    },
  );

  app.post(
    '/notification-targets',
    { schema: { tags, summary: '新建通知渠道 Add a channel', body: targetInput, response: { 201: targetSchema, ...errors } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const id = await createNotificationTarget({ db: kysely, actor, secrets, input: request.body });
      return reply.status(201).send(await target(actor, id));
    },
  );

  app.get(
    '/notification-targets/:id',
    { schema: { tags, summary: '通知渠道 Channel', params: idParams, response: { 200: targetSchema, 404: errorBodySchema } } },
    async (request) => target(requireActor(request), request.params.id),
  );

  app.patch(
    '/notification-targets/:id',
    {
      schema: {
        tags,
        summary: '修改通知渠道 Update a channel',
        params: idParams,
        body: targetPatch,
        response: { 200: targetSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await updateNotificationTarget({ db: kysely, actor, secrets, id: request.params.id, patch: request.body });
      return target(actor, request.params.id);
    },
  );

  app.delete(
    '/notification-targets/:id',
    { schema: { tags, summary: '删除通知渠道 Remove a channel', params: idParams, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await deleteNotificationTarget({ db: kysely, actor: requireActor(request), id: request.params.id });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/notification-targets/:id/test',
    { schema: { tags, summary: '发送测试消息 Send a test message now', params: idParams, response: { 200: testResultSchema, ...errors } } },
    async (request) => {
      const outcome = await testNotificationTarget({ db: kysely, actor: requireActor(request), secrets, config, id: request.params.id });
      return outcome.ok ? { ok: true, error: null } : { ok: false, error: outcome.error };
    },
  );

  app.get(
    '/outbox',
    {
      schema: {
        tags,
        summary: '发送队列 Outbox with status counts',
        querystring: outboxQuery,
        response: { 200: outboxList, 400: errorBodySchema },
      },
    },
    async (request) => {
      const { rows, total, counts } = await listOutbox(kysely, requireActor(request), request.query);
      return { items: rows.map(presentOutbox), total, counts };
    },
  );

  app.post(
    '/outbox/:id/retry',
    { schema: { tags, summary: '重发失败消息 Retry a failed message', params: idParams, response: { 200: outboxSchema, ...errors } } },
    async (request) => {
      const actor = requireActor(request);
      await retryOutboxMessage({ db: kysely, actor, id: request.params.id });
      const row = await findOutbox(kysely, actor, request.params.id);
      if (!row) throw notFound();
      return presentOutbox(row);
    },
  );
};
