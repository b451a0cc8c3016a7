import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../http/context.ts';
import { errorBodySchema, notFound } from '../../http/errors.ts';
import { idParams, idSchema, listOf } from '../../http/schemas.ts';
import { applyHouseholdAssignment, findRun, listRuns, previewHouseholdAssignment } from './assign.ts';
import { createGrid, putGridMember, updateGrid } from './commands.ts';
import { householdCoverage } from './coverage.ts';
import { listGrids } from './queries.ts';
import {
  coverageQuery,
  coverageSchema,
  gridInput,
  gridMemberInput,
  gridPatch,
  gridQuery,
  gridSchema,
  previewInput,
  runListQuery,
  runSchema,
  runSummarySchema,
} from './schemas.ts';

const errors = { 400: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };

/** GRD-1 grids, party members on them, responsibility and violations, assignment runs. */
export const gridRoutes: FastifyPluginAsyncZod = async (app) => {
  const { kysely } = app.deps;
  const presentGrid = (g: Awaited<ReturnType<typeof listGrids>>[number]) => ({
    id: g.id,
    villageCode: g.village_code,
    villageName: g.village_name,
    name: g.name,
    lng: g.lng,
    lat: g.lat,
    households: g.households ?? 0,
    members: g.members ?? 0,
  });
  const oneGrid = async (actor: ReturnType<typeof requireActor>, id: string) => {
    const g = (await listGrids(kysely, actor, undefined)).find((x) => x.id === id);
    if (!g) throw notFound();
    return presentGrid(g);
  };

  app.get(
    '/grids',
    {
      schema: {
        tags: ['grids'],
        summary: '网格列表 Grids of a region (GRD-1)',
        querystring: gridQuery,
        response: { 200: listOf(gridSchema), ...errors },
      },
    },
    async (request) => {
      const rows = await listGrids(kysely, requireActor(request), request.query.regionCode);
      return { items: rows.map(presentGrid), total: rows.length };
    },
  );

  app.post(
    '/grids',
    {
      schema: {
        tags: ['grids'],
        summary: '新建网格 Create a grid in a village (GRD-1)',
        body: gridInput,
        response: { 201: gridSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const id = await createGrid({ db: kysely, actor, input: request.body });
      return reply.status(201).send(await oneGrid(actor, id));
    },
  );

  app.patch(
    '/grids/:id',
    {
      schema: {
        tags: ['grids'],
        summary: '修改网格 Update a grid (GRD-1)',
        params: idParams,
        body: gridPatch,
        response: { 200: gridSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await updateGrid({ db: kysely, actor, id: request.params.id, patch: request.body });
      return oneGrid(actor, request.params.id);
    },
  );

  app.put(
    '/grid-members/:personId',
    {
      schema: {
        tags: ['grids'],
        summary: '网格党员登记 Register a party member on a village grid, location and exemption (GRD-1)',
        params: z.object({ personId: idSchema }),
        body: gridMemberInput,
        response: { 200: z.object({ personId: z.string() }), ...errors },
      },
    },
    async (request) => {
      await putGridMember({ db: kysely, actor: requireActor(request), personId: request.params.personId, input: request.body });
      return { personId: request.params.personId };
    },
  );

  app.get(
    '/household-coverage',
    {
      schema: {
        tags: ['grids'],
        summary: '党员包户责任与违规清单 Each member’s households and the 20–30 / coverage / exemption violations (GRD-1)',
        querystring: coverageQuery,
        response: { 200: coverageSchema, ...errors },
      },
    },
    async (request) =>
      householdCoverage({
        db: kysely,
        actor: requireActor(request),
        regionCode: request.query.regionCode,
        rules: { min: request.query.min, max: request.query.max, exemptAge: request.query.exemptAge },
        locale: request.locale,
      }),
  );

  app.post(
    '/household-assignment/preview',
    {
      schema: {
        tags: ['grids'],
        summary: '包户方案预览 Preview an assignment beside the greedy baseline, with pins and exemptions (GRD-1)',
        body: previewInput,
        response: { 201: runSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await previewHouseholdAssignment({ db: kysely, actor: requireActor(request), input: request.body, locale: request.locale })),
  );

  app.get(
    '/household-assignment/runs',
    {
      schema: {
        tags: ['grids'],
        summary: '包户方案记录 Assignment runs (GRD-1)',
        querystring: runListQuery,
        response: { 200: listOf(runSummarySchema), ...errors },
      },
    },
    async (request) => {
      const items = await listRuns(kysely, requireActor(request), request.query.regionCode);
      return { items, total: items.length };
    },
  );

  app.get(
    '/household-assignment/runs/:id',
    {
      schema: {
        tags: ['grids'],
        summary: '包户方案 An assignment run with its changes (GRD-1)',
        params: idParams,
        response: { 200: runSchema, ...errors },
      },
    },
    async (request) => findRun(kysely, requireActor(request), request.params.id),
  );

  app.post(
    '/household-assignment/runs/:id/apply',
    {
      schema: {
        tags: ['grids'],
        summary: '应用包户方案 Apply a previewed run when nothing changed since (GRD-1)',
        params: idParams,
        response: { 200: runSchema, ...errors },
      },
    },
    async (request) => applyHouseholdAssignment({ db: kysely, actor: requireActor(request), runId: request.params.id }),
  );
};
