import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../auth/actor.ts';
import { requireActor } from '../../http/context.ts';
import { errorBodySchema, notFound } from '../../http/errors.ts';
import { idParams, listOf } from '../../http/schemas.ts';
import { runAssignment } from './assign.ts';
import { cadreRoutes } from './cadre-routes.ts';
import { createInstructor, pinInstructor, updateInstructor } from './commands.ts';
import { presentInstructor } from './presenter.ts';
import { unassignInstructor } from './removals.ts';
import { findInstructor, instructorEnterprises, listInstructors, serviceCount } from './queries.ts';
import {
  assignInput,
  assignResultSchema,
  instructorDetailSchema,
  instructorInput,
  instructorPatch,
  instructorQuery,
  instructorSchema,
  pinInput,
  pinSchema,
} from './schemas.ts';

const errors = { 400: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };

/** SVC-1 party-building instructors (党建工作指导员) and their assignment to non-public enterprises; SVC-2 cadres and service records. */
export const instructorRoutes: FastifyPluginAsyncZod = async (app) => {
  const { kysely } = app.deps;

  async function detail(actor: Actor, personId: string) {
    const row = await findInstructor(kysely, actor, personId);
    if (!row) throw notFound();
    const [enterprises, services] = await Promise.all([
      instructorEnterprises(kysely, actor, personId),
      serviceCount(kysely, actor, personId),
    ]);
    return {
      ...presentInstructor(row),
      enterprises: enterprises.map((e) => ({
        id: e.id,
        name: e.name,
        creditCode: e.credit_code,
        pinned: e.pinned,
        distanceKm: e.distance_km,
        assignedAt: e.assigned_at.toISOString(),
      })),
      serviceCount: services,
    };
  }

  app.get(
    '/instructors',
    {
      schema: {
        tags: ['instructors'],
        summary: '党建工作指导员 Instructors with their load (SVC-1)',
        querystring: instructorQuery,
        response: { 200: listOf(instructorSchema), 400: errorBodySchema },
      },
    },
    async (request) => {
      const { rows, total } = await listInstructors(kysely, requireActor(request), request.query);
      return { items: rows.map(presentInstructor), total };
    },
  );

  app.post(
    '/instructors',
    {
      schema: {
        tags: ['instructors'],
        summary: '选聘指导员 Make a person an instructor',
        body: instructorInput,
        response: { 201: instructorDetailSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const id = await createInstructor({ db: kysely, actor, input: request.body });
      return reply.status(201).send(await detail(actor, id));
    },
  );

  app.post(
    '/instructors/assign',
    {
      schema: {
        tags: ['instructors'],
        summary: '指导员分配 Assign instructors in a region: optimised plan vs greedy baseline; applied unless dryRun',
        body: assignInput,
        response: { 200: assignResultSchema, ...errors },
      },
    },
    async (request) => runAssignment({ db: kysely, actor: requireActor(request), input: request.body }),
  );

  app.get(
    '/instructors/:id',
    {
      schema: {
        tags: ['instructors'],
        summary: '指导员详情 Instructor with enterprises (id = person id)',
        params: idParams,
        response: { 200: instructorDetailSchema, 404: errorBodySchema },
      },
    },
    async (request) => detail(requireActor(request), request.params.id),
  );

  app.patch(
    '/instructors/:id',
    {
      schema: {
        tags: ['instructors'],
        summary: '修改指导员 Capacity, place, title, active',
        params: idParams,
        body: instructorPatch,
        response: { 200: instructorDetailSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await updateInstructor({ db: kysely, actor, personId: request.params.id, patch: request.body });
      return detail(actor, request.params.id);
    },
  );

  app.put(
    '/enterprises/:id/instructor',
    {
      schema: {
        tags: ['instructors'],
        summary: '指定指导员 Assign (and pin) an instructor to an enterprise',
        params: idParams,
        body: pinInput,
        response: { 200: pinSchema, ...errors },
      },
    },
    async (request) => pinInstructor({ db: kysely, actor: requireActor(request), enterpriseId: request.params.id, input: request.body }),
  );

  app.delete(
    '/enterprises/:id/instructor',
    {
      schema: {
        tags: ['instructors'],
        summary: '取消指导员 Remove an enterprise’s instructor (and its pin); the next run may assign another (SVC-1)',
        params: idParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await unassignInstructor({ db: kysely, actor: requireActor(request), enterpriseId: request.params.id });
      return reply.status(204).send(null);
    },
  );

  await app.register(cadreRoutes);
};
