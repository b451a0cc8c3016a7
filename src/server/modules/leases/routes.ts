import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { chinaDate } from '../../../domain/time.ts';
import type { Actor } from '../../auth/actor.ts';
import { requireActor } from '../../http/context.ts';
import { errorBodySchema, notFound } from '../../http/errors.ts';
import { idParams, listOf } from '../../http/schemas.ts';
import { addLeaseEvent, createLease } from './commands.ts';
import { presentLease, presentLeaseEvent } from './presenter.ts';
import { findLease, leaseEvents, listLeases } from './queries.ts';
import { leaseDetailSchema, leaseEventInput, leaseInput, leaseQuery, leaseSchema } from './schemas.ts';

const errors = { 400: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };

/** REG-3 leases and their events (move-in, move-out, area change, renewal, expiry). */
export const leaseRoutes: FastifyPluginAsyncZod = async (app) => {
  const { kysely } = app.deps;

  async function detail(actor: Actor, id: string) {
    const row = await findLease(kysely, actor, id);
    if (!row) throw notFound();
    const events = await leaseEvents(kysely, id);
    return { ...presentLease(row, chinaDate()), events: events.map(presentLeaseEvent) };
  }

  app.get(
    '/leases',
    { schema: { tags: ['leases'], summary: '租约列表 Leases (REG-3)', querystring: leaseQuery, response: { 200: listOf(leaseSchema), 400: errorBodySchema } } },
    async (request) => {
      const { rows, total } = await listLeases(kysely, requireActor(request), request.query);
      const today = chinaDate();
      return { items: rows.map((r) => presentLease(r, today)), total };
    },
  );

  app.post(
    '/leases',
    { schema: { tags: ['leases'], summary: '入驻 Move-in: a lease and its first event', body: leaseInput, response: { 201: leaseDetailSchema, ...errors } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const id = await createLease({ db: kysely, actor, input: request.body });
      return reply.status(201).send(await detail(actor, id));
    },
  );

  app.get(
    '/leases/:id',
    { schema: { tags: ['leases'], summary: '租约详情 Lease with its events', params: idParams, response: { 200: leaseDetailSchema, 404: errorBodySchema } } },
    async (request) => detail(requireActor(request), request.params.id),
  );

  app.post(
    '/leases/:id/events',
    {
      schema: {
        tags: ['leases'],
        summary: '租约事件 Record a move-out, area change, renewal or expiry',
        params: idParams,
        body: leaseEventInput,
        response: { 201: leaseDetailSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      await addLeaseEvent({ db: kysely, actor, leaseId: request.params.id, input: request.body });
      return reply.status(201).send(await detail(actor, request.params.id));
    },
  );
};
