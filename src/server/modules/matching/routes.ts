import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../http/context.ts';
import { errorBodySchema } from '../../http/errors.ts';
import { idParams } from '../../http/schemas.ts';
import { z } from 'zod';
import { confirmMatch, rejectMatch } from './decisions.ts';
import { listFunnel } from './funnel.ts';
import { planStreet } from './plan.ts';
import { proposeNeeds, proposeResources } from './proposals.ts';
import {
  confirmInput,
  confirmResult,
  funnelQuery,
  funnelSchema,
  needProposals,
  planInput,
  planSchema,
  proposalQuery,
  rejectInput,
  resourceProposals,
} from './schemas.ts';

const errors = { 400: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };

/** LST-3 precise matching (精准对接): proposals both ways, decisions, the street plan and the conversion funnel. */
export const matchingRoutes: FastifyPluginAsyncZod = async (app) => {
  const { kysely } = app.deps;

  app.get(
    '/needs/:id/proposals',
    {
      schema: {
        tags: ['lists'],
        summary: '需求的推荐资源及评分理由 Ranked resources for a need, each score explained (LST-3)',
        params: idParams,
        querystring: proposalQuery,
        response: { 200: resourceProposals, 404: errorBodySchema },
      },
    },
    async (request) =>
      proposeResources({
        db: kysely,
        actor: requireActor(request),
        needId: request.params.id,
        limit: request.query.limit,
        locale: request.locale,
      }),
  );

  app.get(
    '/resources/:id/proposals',
    {
      schema: {
        tags: ['lists'],
        summary: '资源可服务的需求 Needs a resource could serve, explained (LST-3)',
        params: idParams,
        querystring: proposalQuery,
        response: { 200: needProposals, 404: errorBodySchema },
      },
    },
    async (request) =>
      proposeNeeds({
        db: kysely,
        actor: requireActor(request),
        resourceId: request.params.id,
        limit: request.query.limit,
        locale: request.locale,
      }),
  );

  app.post(
    '/needs/:id/confirm',
    {
      schema: {
        tags: ['lists'],
        summary: '确认对接：占用资源容量，创建或加入项目 Confirm a match; it creates or joins a project (LST-3, LST-4)',
        params: idParams,
        body: confirmInput,
        response: { 200: confirmResult, ...errors },
      },
    },
    async (request) => confirmMatch({ db: kysely, actor: requireActor(request), needId: request.params.id, input: request.body }),
  );

  app.post(
    '/needs/:id/reject',
    {
      schema: {
        tags: ['lists'],
        summary: '拒绝推荐：不再推荐此资源 Reject a proposal; never proposed again (LST-3)',
        params: idParams,
        body: rejectInput,
        response: { 200: z.object({ matchId: z.string() }), ...errors },
      },
    },
    async (request) => rejectMatch({ db: kysely, actor: requireActor(request), needId: request.params.id, input: request.body }),
  );

  app.post(
    '/matching/plan',
    {
      schema: {
        tags: ['lists'],
        summary: '街道批量对接方案（与贪心基线对比） A street’s bulk plan beside the greedy baseline (LST-3)',
        body: planInput,
        response: { 200: planSchema, ...errors },
      },
    },
    async (request) =>
      planStreet({ db: kysely, actor: requireActor(request), regionCode: request.body.regionCode, mode: request.body.mode }),
  );

  app.get(
    '/lists/funnel',
    {
      schema: {
        tags: ['lists'],
        summary: '转化漏斗：需求→对接→立项→办结 The conversion funnel (LST-3, LST-4)',
        querystring: funnelQuery,
        response: { 200: funnelSchema, ...errors },
      },
    },
    async (request) => listFunnel({ db: kysely, actor: requireActor(request), ...request.query }),
  );
};
