import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { occupancyOf } from '../../../domain/registry/occupancy.ts';
import { chinaDate } from '../../../domain/time.ts';
import type { Actor } from '../../auth/actor.ts';
import { requireActor } from '../../http/context.ts';
import { errorBodySchema, notFound } from '../../http/errors.ts';
import { idParams, listOf } from '../../http/schemas.ts';
import { addUnits, createBuilding, updateBuilding } from './commands.ts';
import { liaisonRoutes } from './liaison-routes.ts';
import { buildingDetail, buildingOccupancy, buildingPage } from './page.ts';
import { presentBuilding } from './presenter.ts';
import { listBuildings } from './queries.ts';
import {
  buildingDetailSchema,
  buildingInput,
  buildingPageSchema,
  buildingPatch,
  buildingQuery,
  buildingSchema,
  occupancyQuery,
  occupancyResponse,
  pageQuerySchema,
  unitsInput,
} from './schemas.ts';

const errors = { 400: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };

/** REG-1…6 the building registry (红色新云图). */
export const buildingRoutes: FastifyPluginAsyncZod = async (app) => {
  const { kysely } = app.deps;

  async function detail(actor: Actor, id: string) {
    const found = await buildingDetail(kysely, actor, id, chinaDate());
    if (!found) throw notFound();
    return found;
  }

  app.get(
    '/buildings',
    {
      schema: {
        tags: ['buildings'],
        summary: '楼宇列表 Buildings (REG-1), filtered by occupancy today (REG-3, REG-8)',
        querystring: buildingQuery,
        response: { 200: listOf(buildingSchema), 400: errorBodySchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const today = chinaDate();
      const { rows, total } = await listBuildings(kysely, actor, { ...request.query, today });
      return { items: rows.map((r) => presentBuilding(r, occupancyOf(Number(r.office_area), r.leased_area))), total };
    },
  );

  app.post(
    '/buildings',
    {
      schema: {
        tags: ['buildings'],
        summary: '登记楼宇 Register a building (REG-1, REG-5)',
        body: buildingInput,
        response: { 201: buildingDetailSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const id = await createBuilding({ db: kysely, actor, input: request.body });
      return reply.status(201).send(await detail(actor, id));
    },
  );

  app.get(
    '/buildings/:id',
    {
      schema: {
        tags: ['buildings'],
        summary: '楼宇详情 Building',
        params: idParams,
        response: { 200: buildingDetailSchema, 404: errorBodySchema },
      },
    },
    async (request) => detail(requireActor(request), request.params.id),
  );

  app.patch(
    '/buildings/:id',
    {
      schema: {
        tags: ['buildings'],
        summary: '修改楼宇 Update a building',
        params: idParams,
        body: buildingPatch,
        response: { 200: buildingDetailSchema, ...errors, 409: errorBodySchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await updateBuilding({ db: kysely, actor, id: request.params.id, patch: request.body });
      return detail(actor, request.params.id);
    },
  );

  app.get(
    '/buildings/:id/page',
    {
      schema: {
        tags: ['buildings'],
        summary: '楼宇页 Building page: occupancy timeline, enterprises, 一楼八员, 楼宇两委, coverage, warnings',
        params: idParams,
        querystring: pageQuerySchema,
        response: { 200: buildingPageSchema, 404: errorBodySchema },
      },
    },
    async (request) => {
      const page = await buildingPage(kysely, requireActor(request), request.params.id, {
        today: chinaDate(),
        warningDays: request.query.warningDays,
      });
      if (!page) throw notFound();
      return page;
    },
  );

  app.post(
    '/buildings/:id/units',
    {
      schema: {
        tags: ['buildings'],
        summary: '添加单元 Add units',
        params: idParams,
        body: unitsInput,
        response: { 201: buildingDetailSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      await addUnits({ db: kysely, actor, buildingId: request.params.id, input: request.body });
      return reply.status(201).send(await detail(actor, request.params.id));
    },
  );

  app.get(
    '/buildings/:id/occupancy',
    {
      schema: {
        tags: ['buildings'],
        summary: '入驻率 Occupancy on a day (REG-3)',
        params: idParams,
        querystring: occupancyQuery,
        response: { 200: occupancyResponse, 400: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (request) => {
      const found = await buildingOccupancy(kysely, requireActor(request), request.params.id, request.query.on ?? chinaDate());
      if (!found) throw notFound();
      return found;
    },
  );

  await app.register(liaisonRoutes);
};
