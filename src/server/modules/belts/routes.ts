import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Actor } from '../../auth/actor.ts';
import type { Locale } from '../../db/schema.ts';
import { requireActor } from '../../http/context.ts';
import { errorBodySchema, notFound } from '../../http/errors.ts';
import { idParams } from '../../http/schemas.ts';
import { addBeltBuilding, addBeltPoint, createBelt, removeBeltPoint, updateBelt, updateBeltBuilding } from './commands.ts';
import { presentBelt, presentTotals } from './presenter.ts';
import { beltFacts, beltMembers, findBelt, listBelts } from './queries.ts';
import {
  beltBuildingInput,
  beltBuildingParams,
  beltPointParams,
  beltBuildingPatch,
  beltInput,
  beltListSchema,
  beltPatch,
  beltPointInput,
  beltQuery,
  beltSchema,
} from './schemas.ts';

const errors = { 400: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };

/** REG-7 demonstration belts (示范带): their buildings, points and the rules they must meet. */
export const beltRoutes: FastifyPluginAsyncZod = async (app) => {
  const { kysely } = app.deps;

  async function detail(actor: Actor, id: string, locale: Locale) {
    const row = await findBelt(kysely, actor, id);
    if (!row) throw notFound();
    return presentBelt(row, await beltMembers(kysely, [row.id]), locale);
  }

  app.get(
    '/belts',
    {
      schema: {
        tags: ['belts'],
        summary: '示范带 Demonstration belts with totals (REG-7)',
        querystring: beltQuery,
        response: { 200: beltListSchema, 400: errorBodySchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const [{ rows, total }, facts] = await Promise.all([
        listBelts(kysely, actor, request.query),
        beltFacts(kysely, actor, request.query),
      ]);
      const members = await beltMembers(
        kysely,
        rows.map((r) => r.id),
      );
      return { items: rows.map((r) => presentBelt(r, members, request.locale)), total, totals: presentTotals(facts.belts, facts) };
    },
  );

  app.post(
    '/belts',
    { schema: { tags: ['belts'], summary: '新建示范带 Create a belt', body: beltInput, response: { 201: beltSchema, ...errors } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const id = await createBelt({ db: kysely, actor, input: request.body });
      return reply.status(201).send(await detail(actor, id, request.locale));
    },
  );

  app.get(
    '/belts/:id',
    { schema: { tags: ['belts'], summary: '示范带详情 Belt', params: idParams, response: { 200: beltSchema, 404: errorBodySchema } } },
    async (request) => detail(requireActor(request), request.params.id, request.locale),
  );

  app.patch(
    '/belts/:id',
    {
      schema: {
        tags: ['belts'],
        summary: '修改示范带 Update a belt',
        params: idParams,
        body: beltPatch,
        response: { 200: beltSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await updateBelt({ db: kysely, actor, id: request.params.id, patch: request.body });
      return detail(actor, request.params.id, request.locale);
    },
  );

  app.post(
    '/belts/:id/buildings',
    {
      schema: {
        tags: ['belts'],
        summary: '确立示范楼宇 Add a demonstration building',
        params: idParams,
        body: beltBuildingInput,
        response: { 201: beltSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      await addBeltBuilding({ db: kysely, actor, beltId: request.params.id, input: request.body });
      return reply.status(201).send(await detail(actor, request.params.id, request.locale));
    },
  );

  app.patch(
    '/belts/:id/buildings/:buildingId',
    {
      schema: {
        tags: ['belts'],
        summary: '培育进度与命名 Progress or name a demonstration building',
        params: beltBuildingParams,
        body: beltBuildingPatch,
        response: { 200: beltSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await updateBeltBuilding({
        db: kysely,
        actor,
        beltId: request.params.id,
        buildingId: request.params.buildingId,
        patch: request.body,
      });
      return detail(actor, request.params.id, request.locale);
    },
  );

  app.post(
    '/belts/:id/points',
    {
      schema: {
        tags: ['belts'],
        summary: '新增示范点 Add a demonstration point',
        params: idParams,
        body: beltPointInput,
        response: { 201: beltSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      await addBeltPoint({ db: kysely, actor, beltId: request.params.id, input: request.body });
      return reply.status(201).send(await detail(actor, request.params.id, request.locale));
    },
  );

  app.delete(
    '/belts/:id/points/:pointId',
    {
      schema: {
        tags: ['belts'],
        summary: '移除示范点 Remove a demonstration point (REG-7)',
        params: beltPointParams,
        response: { 200: beltSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await removeBeltPoint({ db: kysely, actor, beltId: request.params.id, pointId: request.params.pointId });
      return detail(actor, request.params.id, request.locale);
    },
  );
};
