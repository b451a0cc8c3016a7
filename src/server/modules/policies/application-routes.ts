import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../auth/actor.ts';
import { APPLICATION_MODES, APPLICATION_STATUSES } from '../../db/schema-policies.ts';
import { requireActor } from '../../http/context.ts';
import { errorBodySchema, notFound } from '../../http/errors.ts';
import { dateSchema, idParams, idSchema, listOf, pageQuery } from '../../http/schemas.ts';
import { createApplication, listApplications, presentApplication, transitionApplication } from './applications.ts';

const errors = { 400: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const amount = z.number().finite().min(0).max(1e12);

const applicationSchema = z.object({
  id: z.string(),
  policyId: z.string(),
  policyTitle: z.string(),
  mode: z.enum(APPLICATION_MODES),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  status: z.enum(APPLICATION_STATUSES),
  automatic: z.boolean(),
  requestedAmount: z.number().nullable(),
  grantedAmount: z.number().nullable(),
  submittedOn: z.string().nullable(),
  grantedOn: z.string().nullable(),
  note: z.string().nullable(),
  updatedAt: z.string(),
});

const applicationQuery = z.object({
  policyId: idSchema.optional(),
  enterpriseId: idSchema.optional(),
  status: z.enum(APPLICATION_STATUSES).optional(),
  ...pageQuery,
});

/** POL-3 applications and grants: 待申报 → 已申报 → 已兑现; 免申即享 grants appear here as 已兑现. */
export const policyApplicationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { kysely } = app.deps;

  async function one(actor: Actor, id: string) {
    const row = await findOne(actor, id);
    if (!row) throw notFound();
    return presentApplication(row);
  }
  async function findOne(actor: Actor, id: string) {
    const { rows } = await listApplications(kysely, actor, { id, offset: 0, limit: 1 });
    return rows[0];
  }

  app.get(
    '/policy-applications',
    {
      schema: {
        tags: ['policies'],
        summary: '政策申报与兑现 Applications and grants (POL-3)',
        querystring: applicationQuery,
        response: { 200: listOf(applicationSchema), ...errors },
      },
    },
    async (request) => {
      const { rows, total } = await listApplications(kysely, requireActor(request), request.query);
      return { items: rows.map(presentApplication), total };
    },
  );

  app.post(
    '/policies/:id/applications',
    {
      schema: {
        tags: ['policies'],
        summary: '申报政策（待申报） Start an application (POL-3)',
        params: idParams,
        body: z.object({
          enterpriseId: idSchema.nullable().optional(),
          requestedAmount: amount.nullable().optional(),
          note: z.string().max(2000).nullable().optional(),
        }),
        response: { 201: applicationSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const id = await createApplication({ db: kysely, actor, policyId: request.params.id, input: request.body });
      return reply.status(201).send(await findOne(actor, id).then((r) => presentApplication(r!)));
    },
  );

  app.post(
    '/policy-applications/:id/transition',
    {
      schema: {
        tags: ['policies'],
        summary: '申报流转：已申报 / 已兑现（金额、日期）/ 未通过 Move an application (POL-3)',
        params: idParams,
        body: z.object({
          to: z.enum(APPLICATION_STATUSES),
          amount: amount.nullable().optional(),
          on: dateSchema.nullable().optional(),
          note: z.string().max(2000).nullable().optional(),
        }),
        response: { 200: applicationSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await transitionApplication({ db: kysely, actor, id: request.params.id, input: request.body });
      return one(actor, request.params.id);
    },
  );
};
