import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../http/context.ts';
import { errorBodySchema, notFound } from '../../http/errors.ts';
import { idParams } from '../../http/schemas.ts';
import { markNotificationRead } from './commands.ts';
import { presentNotification } from './presenter.ts';
import { findNotification, listNotifications } from './queries.ts';
import { notificationList, notificationQuery, notificationSchema } from './schemas.ts';

/** NTF-1 the in-app notification centre. */
export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { kysely } = app.deps;

  app.get(
    '/notifications',
    { schema: { tags: ['notifications'], summary: '通知中心 My notifications, unread first (NTF-1)', querystring: notificationQuery, response: { 200: notificationList, 400: errorBodySchema } } },
    async (request) => {
      const { rows, total, unread } = await listNotifications(kysely, requireActor(request), request.query);
      return { items: rows.map(presentNotification), total, unread };
    },
  );

  app.post(
    '/notifications/:id/read',
    { schema: { tags: ['notifications'], summary: '标为已读 Mark read', params: idParams, response: { 200: notificationSchema, 404: errorBodySchema } } },
    async (request) => {
      const actor = requireActor(request);
      await markNotificationRead({ db: kysely, actor, id: request.params.id });
      const row = await findNotification(kysely, actor, request.params.id);
      if (!row) throw notFound();
      return presentNotification(row);
    },
  );
};
