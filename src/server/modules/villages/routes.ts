import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../auth/actor.ts';
import { requireActor } from '../../http/context.ts';
import { errorBodySchema, notFound } from '../../http/errors.ts';
import {
  addPlan,
  addTraditionalBuilding,
  createVillage,
  recordRepair,
  updatePlan,
  updateTraditionalBuilding,
  updateVillage,
} from './profile-commands.ts';
import {
  addPostHolder,
  addResponsibility,
  addVillagePost,
  adoptVillageRules,
  endPostHolder,
  reinstateVillageRules,
  removeResponsibility,
} from './record-commands.ts';
import { listVillages, presentVillageSummary, rulesVersions, villageDetail } from './profile-queries.ts';
import { bookRoutes } from './routes-books.ts';
import { heritageRoutes } from './routes-heritage.ts';
import {
  holderEnd,
  holderInput,
  holderParams,
  planInput,
  planPatch,
  raisedMatterSchema,
  raiseMatterInput,
  repairInput,
  responsibilityInput,
  rulesInput,
  rulesVersionListSchema,
  traditionalBuildingInput,
  traditionalBuildingPatch,
  villageDetailSchema,
  villageInput,
  villageItemParams,
  villageListSchema,
  villageParams,
  villagePatch,
  villagePostInput,
  villageQuery,
  villageVersionParams,
} from './schemas.ts';
import { raiseVillageMatter } from './village-matters.ts';

const errors = { 400: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const tags = ['villages'];

/** VIL-1 … VIL-4 traditional villages (传统村落): profiles here; the books, heritage, tourism and the dashboard beside. */
export const villageRoutes: FastifyPluginAsyncZod = async (app) => {
  const { kysely } = app.deps;
  const detail = async (actor: Actor, code: string) => {
    const found = await villageDetail(kysely, actor, code);
    if (!found) throw notFound();
    return found;
  };

  app.get(
    '/villages',
    {
      schema: {
        tags,
        summary: '村档案列表 Village profiles (VIL-1)',
        querystring: villageQuery,
        response: { 200: villageListSchema, 400: errorBodySchema },
      },
    },
    async (request) => {
      const rows = await listVillages(kysely, requireActor(request), request.query);
      return { items: rows.map(presentVillageSummary), total: rows.length };
    },
  );

  app.post(
    '/villages',
    {
      schema: {
        tags,
        summary: '建立村档案 Open a village profile (VIL-1)',
        body: villageInput,
        response: { 201: villageDetailSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const code = await createVillage({ db: kysely, actor, input: request.body });
      return reply.status(201).send(await detail(actor, code));
    },
  );

  app.get(
    '/villages/:code',
    {
      schema: {
        tags,
        summary: '一村一档 The village profile (VIL-1)',
        params: villageParams,
        response: { 200: villageDetailSchema, 400: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (request) => detail(requireActor(request), request.params.code),
  );

  app.patch(
    '/villages/:code',
    {
      schema: {
        tags,
        summary: '修改村档案 Update the profile, listing or publication (VIL-1, VIL-2)',
        params: villageParams,
        body: villagePatch,
        response: { 200: villageDetailSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await updateVillage({ db: kysely, actor, code: request.params.code, patch: request.body });
      return detail(actor, request.params.code);
    },
  );

  app.post(
    '/villages/:code/plans',
    {
      schema: {
        tags,
        summary: '保护发展规划 Add a protection plan',
        params: villageParams,
        body: planInput,
        response: { 201: villageDetailSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      await addPlan({ db: kysely, actor, code: request.params.code, input: request.body });
      return reply.status(201).send(await detail(actor, request.params.code));
    },
  );

  app.patch(
    '/villages/:code/plans/:id',
    {
      schema: {
        tags,
        summary: '规划状态 Update a plan’s status and dates',
        params: villageItemParams,
        body: planPatch,
        response: { 200: villageDetailSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await updatePlan({ db: kysely, actor, code: request.params.code, id: request.params.id, patch: request.body });
      return detail(actor, request.params.code);
    },
  );

  app.post(
    '/villages/:code/buildings',
    {
      schema: {
        tags,
        summary: '传统建筑 Add a traditional building',
        params: villageParams,
        body: traditionalBuildingInput,
        response: { 201: villageDetailSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      await addTraditionalBuilding({ db: kysely, actor, code: request.params.code, input: request.body });
      return reply.status(201).send(await detail(actor, request.params.code));
    },
  );

  app.patch(
    '/villages/:code/buildings/:id',
    {
      schema: {
        tags,
        summary: '建筑状况 Update a building’s condition',
        params: villageItemParams,
        body: traditionalBuildingPatch,
        response: { 200: villageDetailSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await updateTraditionalBuilding({ db: kysely, actor, code: request.params.code, id: request.params.id, patch: request.body });
      return detail(actor, request.params.code);
    },
  );

  app.post(
    '/villages/:code/buildings/:id/repairs',
    {
      schema: {
        tags,
        summary: '修缮记录 Record a repair',
        params: villageItemParams,
        body: repairInput,
        response: { 201: villageDetailSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      await recordRepair({ db: kysely, actor, code: request.params.code, buildingId: request.params.id, input: request.body });
      return reply.status(201).send(await detail(actor, request.params.code));
    },
  );

  app.post(
    '/villages/:code/buildings/:id/matter',
    {
      schema: {
        tags,
        summary: '险情上报为事项 Raise a matter about a building in danger (MAT-1)',
        params: villageItemParams,
        body: raiseMatterInput,
        response: { 200: raisedMatterSchema, 201: raisedMatterSchema, ...errors },
      },
    },
    async (request, reply) => {
      const result = await raiseVillageMatter({
        db: kysely,
        actor: requireActor(request),
        secrets: app.deps.secrets,
        code: request.params.code,
        subject: { kind: 'building', buildingId: request.params.id },
        input: request.body,
        locale: request.locale,
      });
      return reply.status(result.created ? 201 : 200).send({ matterId: result.id, created: result.created });
    },
  );

  app.post(
    '/villages/:code/posts',
    {
      schema: {
        tags,
        summary: '党员先锋岗/示范岗 Add a post',
        params: villageParams,
        body: villagePostInput,
        response: { 201: villageDetailSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      await addVillagePost({ db: kysely, actor, code: request.params.code, input: request.body });
      return reply.status(201).send(await detail(actor, request.params.code));
    },
  );

  app.post(
    '/villages/:code/posts/:id/holders',
    {
      schema: {
        tags,
        summary: '上岗 A member takes up a post',
        params: villageItemParams,
        body: holderInput,
        response: { 201: villageDetailSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      await addPostHolder({ db: kysely, actor, code: request.params.code, postId: request.params.id, input: request.body });
      return reply.status(201).send(await detail(actor, request.params.code));
    },
  );

  app.post(
    '/villages/:code/posts/:id/holders/:personId/end',
    {
      schema: {
        tags,
        summary: '离岗 A member leaves a post',
        params: holderParams,
        body: holderEnd,
        response: { 200: villageDetailSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { code, id, personId } = request.params;
      await endPostHolder({ db: kysely, actor, code, postId: id, personId, until: request.body.until });
      return detail(actor, code);
    },
  );

  app.get(
    '/villages/:code/rules',
    {
      schema: {
        tags,
        summary: '村规民约各版本 Every version of the village rules',
        params: villageParams,
        response: { 200: rulesVersionListSchema, 400: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const items = await rulesVersions(kysely, actor, request.params.code);
      // No versions and no readable village look the same to an outsider: 404 only when the village itself is hidden.
      if (items.length === 0) await detail(actor, request.params.code);
      return { items };
    },
  );

  app.post(
    '/villages/:code/rules',
    {
      schema: {
        tags,
        summary: '修订村规民约 Adopt a new version (kept, becomes current)',
        params: villageParams,
        body: rulesInput,
        response: { 201: villageDetailSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      await adoptVillageRules({ db: kysely, actor, code: request.params.code, input: request.body });
      return reply.status(201).send(await detail(actor, request.params.code));
    },
  );

  app.post(
    '/villages/:code/rules/:version/current',
    {
      schema: {
        tags,
        summary: '恢复为现行版本 Make an earlier version current',
        params: villageVersionParams,
        body: z.object({}).optional(),
        response: { 200: villageDetailSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await reinstateVillageRules({ db: kysely, actor, code: request.params.code, version: request.params.version });
      return detail(actor, request.params.code);
    },
  );

  app.post(
    '/villages/:code/chain',
    {
      schema: {
        tags,
        summary: '五级联动责任链 Add a link of the responsibility chain',
        params: villageParams,
        body: responsibilityInput,
        response: { 201: villageDetailSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      await addResponsibility({ db: kysely, actor, code: request.params.code, input: request.body });
      return reply.status(201).send(await detail(actor, request.params.code));
    },
  );

  app.delete(
    '/villages/:code/chain/:id',
    {
      schema: {
        tags,
        summary: '移除责任链条目 Remove a link',
        params: villageItemParams,
        response: { 200: villageDetailSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await removeResponsibility({ db: kysely, actor, code: request.params.code, id: request.params.id });
      return detail(actor, request.params.code);
    },
  );

  await app.register(bookRoutes);
  await app.register(heritageRoutes);
};
