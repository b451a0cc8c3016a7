import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../auth/actor.ts';
import type { Locale } from '../../db/schema.ts';
import { requireActor } from '../../http/context.ts';
import { errorBodySchema, notFound } from '../../http/errors.ts';
import { idParams, listOf } from '../../http/schemas.ts';
import { addCadreEnterprise, createCadre, createServiceRecord } from './commands.ts';
import { presentCadre, presentService } from './presenter.ts';
import { deleteServiceRecord } from './removals.ts';
import { cadrePortfolio, findCadre, findService, listCadres, listServices } from './queries.ts';
import {
  cadreDetailSchema,
  cadreInput,
  cadreQuery,
  cadreSchema,
  portfolioInput,
  serviceInput,
  serviceQuery,
  serviceSchema,
} from './schemas.ts';

const errors = { 400: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };

/** SVC-2 stationed cadres (选派党员干部入驻) with their enterprise portfolio; SVC-1/2 service records. */
export const cadreRoutes: FastifyPluginAsyncZod = async (app) => {
  const { kysely } = app.deps;

  async function detail(actor: Actor, personId: string) {
    const row = await findCadre(kysely, actor, personId);
    if (!row) throw notFound();
    const enterprises = await cadrePortfolio(kysely, actor, personId);
    return {
      ...presentCadre(row),
      enterprises: enterprises.map((e) => ({ id: e.id, name: e.name, creditCode: e.credit_code, buildingName: e.building_name })),
    };
  }

  async function service(actor: Actor, id: string, locale: Locale) {
    const row = await findService(kysely, actor, id);
    if (!row) throw notFound();
    return presentService(row, locale);
  }

  app.get(
    '/cadres',
    {
      schema: {
        tags: ['cadres'],
        summary: '选派干部 Stationed cadres (SVC-2)',
        querystring: cadreQuery,
        response: { 200: listOf(cadreSchema), 400: errorBodySchema },
      },
    },
    async (request) => {
      const { rows, total } = await listCadres(kysely, requireActor(request), request.query);
      return { items: rows.map(presentCadre), total };
    },
  );

  app.post(
    '/cadres',
    {
      schema: {
        tags: ['cadres'],
        summary: '选派干部入驻 Station a cadre in a street or park',
        body: cadreInput,
        response: { 201: cadreDetailSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const id = await createCadre({ db: kysely, actor, input: request.body });
      return reply.status(201).send(await detail(actor, id));
    },
  );

  app.get(
    '/cadres/:id',
    {
      schema: {
        tags: ['cadres'],
        summary: '选派干部详情 Cadre with portfolio (id = person id)',
        params: idParams,
        response: { 200: cadreDetailSchema, 404: errorBodySchema },
      },
    },
    async (request) => detail(requireActor(request), request.params.id),
  );

  app.post(
    '/cadres/:id/enterprises',
    {
      schema: {
        tags: ['cadres'],
        summary: '包联企业 Add an enterprise to the portfolio',
        params: idParams,
        body: portfolioInput,
        response: { 201: cadreDetailSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      await addCadreEnterprise({ db: kysely, actor, personId: request.params.id, enterpriseId: request.body.enterpriseId });
      return reply.status(201).send(await detail(actor, request.params.id));
    },
  );

  app.get(
    '/service-records',
    {
      schema: {
        tags: ['cadres'],
        summary: '服务记录 Service records (SVC-1, SVC-2)',
        querystring: serviceQuery,
        response: { 200: listOf(serviceSchema), 400: errorBodySchema },
      },
    },
    async (request) => {
      const { rows, total } = await listServices(kysely, requireActor(request), request.query);
      return { items: rows.map((r) => presentService(r, request.locale)), total };
    },
  );

  app.post(
    '/service-records',
    {
      schema: {
        tags: ['cadres'],
        summary: '登记服务 Record a service for an enterprise',
        body: serviceInput,
        response: { 201: serviceSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const id = await createServiceRecord({ db: kysely, actor, input: request.body });
      return reply.status(201).send(await service(actor, id, request.locale));
    },
  );

  app.delete(
    '/service-records/:id',
    {
      schema: {
        tags: ['cadres'],
        summary: '删除服务记录 Delete a service record entered by mistake (SVC-1, SVC-2)',
        params: idParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await deleteServiceRecord({ db: kysely, actor: requireActor(request), id: request.params.id });
      return reply.status(204).send(null);
    },
  );
};
