import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { chinaDate } from '../../../domain/time.ts';
import { requireActor } from '../../http/context.ts';
import { errorBodySchema, notFound } from '../../http/errors.ts';
import { idParams } from '../../http/schemas.ts';
import { recordInspection, recordMediation, recordUpkeep, recordVisit, type Recorded } from './commands.ts';
import { followUpMediation, recheckHazard } from './follow-up.ts';
import { presentHazard, presentInspection, presentMediation, presentUpkeep, presentVisit } from './presenter.ts';
import {
  findHazard,
  findInspection,
  findMediation,
  listHazards,
  listInspections,
  listMediations,
  listUpkeep,
  listVisits,
} from './queries.ts';
import { raiseMatterFrom } from './raise.ts';
import {
  createdSchema,
  followUpInput,
  hazardQuery,
  hazardSchema,
  inspectionInput,
  inspectionSchema,
  mediationInput,
  mediationSchema,
  raiseInput,
  raiseParams,
  raiseResultSchema,
  recheckInput,
  recordQuery,
  syncInput,
  syncResultSchema,
  upkeepInput,
  upkeepSchema,
  visitInput,
  visitSchema,
} from './schemas.ts';
import { syncRecords } from './sync.ts';

const errors = { 400: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
/** 201 for a new record, 200 for one the client id already stored. */
const status = (r: Recorded) => (r.created ? 201 : 200);

/** GRD-2 field work: visits, upkeep, fire inspections and hazards, mediations; raising matters; GRD-3 the offline sync. */
export const fieldWorkRoutes: FastifyPluginAsyncZod = async (app) => {
  const { kysely, secrets } = app.deps;
  const tags = ['field-work'];

  app.get(
    '/visits',
    {
      schema: { tags, summary: '入户走访记录 Visits (GRD-2)', querystring: recordQuery, response: { 200: items(visitSchema), ...errors } },
    },
    async (request) => ({
      items: (await listVisits(kysely, requireActor(request), request.query)).map(presentVisit),
    }),
  );
  app.post(
    '/visits',
    {
      schema: {
        tags,
        summary: '记录入户走访（按 clientId 幂等） Record a visit, idempotent by clientId (GRD-2)',
        body: visitInput,
        response: { 200: createdSchema, 201: createdSchema, ...errors },
      },
    },
    async (request, reply) => {
      const r = await recordVisit({ db: kysely, actor: requireActor(request), input: request.body });
      return reply.status(status(r)).send(r);
    },
  );

  app.get(
    '/upkeep',
    {
      schema: {
        tags,
        summary: '设施管护与人居环境整治 Upkeep records (GRD-2)',
        querystring: recordQuery,
        response: { 200: items(upkeepSchema), ...errors },
      },
    },
    async (request) => ({
      items: (await listUpkeep(kysely, requireActor(request), request.query)).map(presentUpkeep),
    }),
  );
  app.post(
    '/upkeep',
    {
      schema: {
        tags,
        summary: '记录设施管护或环境整治 Record upkeep (GRD-2)',
        body: upkeepInput,
        response: { 200: createdSchema, 201: createdSchema, ...errors },
      },
    },
    async (request, reply) => {
      const r = await recordUpkeep({ db: kysely, actor: requireActor(request), input: request.body });
      return reply.status(status(r)).send(r);
    },
  );

  app.get(
    '/inspections',
    {
      schema: {
        tags,
        summary: '消防安全隐患排查记录 Fire inspections (GRD-2)',
        querystring: recordQuery,
        response: { 200: items(inspectionSchema.omit({ hazards: true })), ...errors },
      },
    },
    async (request) => {
      const today = chinaDate();
      return {
        items: (await listInspections(kysely, requireActor(request), request.query)).map((i) =>
          presentInspection(i, [], request.locale, today),
        ),
      };
    },
  );
  app.get(
    '/inspections/:id',
    {
      schema: {
        tags,
        summary: '排查详情 An inspection with its hazards (GRD-2)',
        params: idParams,
        response: { 200: inspectionSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const row = await findInspection(kysely, actor, request.params.id);
      if (!row) throw notFound();
      const today = chinaDate();
      const hazards = await listHazards(kysely, actor, { inspectionId: row.id, today, limit: 100, offset: 0 });
      return presentInspection(row, hazards, request.locale, today);
    },
  );
  app.post(
    '/inspections',
    {
      schema: {
        tags,
        summary: '记录消防排查（未通过项生成隐患） Record an inspection; failed items become hazards (GRD-2)',
        body: inspectionInput,
        response: { 200: createdSchema, 201: createdSchema, ...errors },
      },
    },
    async (request, reply) => {
      const r = await recordInspection({ db: kysely, actor: requireActor(request), input: request.body });
      return reply.status(status(r)).send(r);
    },
  );

  app.get(
    '/hazards',
    {
      schema: {
        tags,
        summary: '隐患清单 Hazards, open/fixed/overdue (GRD-2)',
        querystring: hazardQuery,
        response: { 200: items(hazardSchema), ...errors },
      },
    },
    async (request) => {
      const today = chinaDate();
      return {
        items: (await listHazards(kysely, requireActor(request), { ...request.query, today })).map((h) =>
          presentHazard(h, request.locale, today),
        ),
      };
    },
  );
  app.get(
    '/hazards/:id',
    {
      schema: {
        tags,
        summary: '隐患详情 A hazard with its rechecks (GRD-2)',
        params: idParams,
        response: { 200: hazardSchema, ...errors },
      },
    },
    async (request) => {
      const row = await findHazard(kysely, requireActor(request), request.params.id);
      if (!row) throw notFound();
      return presentHazard(row, request.locale, chinaDate());
    },
  );
  app.post(
    '/hazards/:id/recheck',
    {
      schema: {
        tags,
        summary: '整改复查 Recheck a hazard’s rectification (GRD-2)',
        params: idParams,
        body: recheckInput,
        response: { 200: hazardSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await recheckHazard({ db: kysely, actor, id: request.params.id, input: request.body });
      const row = await findHazard(kysely, actor, request.params.id);
      if (!row) throw notFound();
      return presentHazard(row, request.locale, chinaDate());
    },
  );

  app.get(
    '/mediations',
    {
      schema: {
        tags,
        summary: '矛盾纠纷调解记录 Mediations (GRD-2)',
        querystring: recordQuery,
        response: { 200: items(mediationSchema), ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return { items: (await listMediations(kysely, actor, request.query)).map((m) => presentMediation(m, actor, secrets)) };
    },
  );
  app.get(
    '/mediations/:id',
    { schema: { tags, summary: '调解详情 A mediation (GRD-2)', params: idParams, response: { 200: mediationSchema, ...errors } } },
    async (request) => {
      const actor = requireActor(request);
      const row = await findMediation(kysely, actor, request.params.id);
      if (!row) throw notFound();
      return presentMediation(row, actor, secrets);
    },
  );
  app.post(
    '/mediations',
    {
      schema: {
        tags,
        summary: '记录矛盾纠纷调解 Record a mediation (GRD-2)',
        body: mediationInput,
        response: { 200: createdSchema, 201: createdSchema, ...errors },
      },
    },
    async (request, reply) => {
      const r = await recordMediation({ db: kysely, actor: requireActor(request), secrets, input: request.body });
      return reply.status(status(r)).send(r);
    },
  );
  app.post(
    '/mediations/:id/follow-up',
    {
      schema: {
        tags,
        summary: '调解回访 Follow a mediation up (GRD-2)',
        params: idParams,
        body: followUpInput,
        response: { 200: mediationSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await followUpMediation({ db: kysely, actor, id: request.params.id, note: request.body.note });
      const row = await findMediation(kysely, actor, request.params.id);
      if (!row) throw notFound();
      return presentMediation(row, actor, secrets);
    },
  );

  app.post(
    '/field-records/:kind/:id/matter',
    {
      schema: {
        tags,
        summary: '一键生成事项 Raise a matter from a hazard, visit, upkeep or mediation (GRD-2, MAT-1)',
        params: raiseParams,
        body: raiseInput,
        response: { 200: raiseResultSchema, 201: raiseResultSchema, ...errors },
      },
    },
    async (request, reply) => {
      const r = await raiseMatterFrom({
        db: kysely,
        actor: requireActor(request),
        secrets,
        kind: request.params.kind,
        id: request.params.id,
        input: request.body,
        locale: request.locale,
      });
      return reply.status(r.created ? 201 : 200).send(r);
    },
  );

  app.post(
    '/field-sync',
    {
      schema: {
        tags,
        summary: '离线记录批量同步（逐条应答，幂等） Sync the offline queue, answered per record (GRD-3)',
        body: syncInput,
        response: { 200: syncResultSchema, ...errors },
      },
    },
    async (request) => ({
      results: await syncRecords({
        db: kysely,
        actor: requireActor(request),
        secrets,
        records: request.body.records,
        locale: request.locale,
      }),
    }),
  );
};
