import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../auth/actor.ts';
import type { Locale } from '../../db/schema.ts';
import { requireActor } from '../../http/context.ts';
import { errorBodySchema, notFound } from '../../http/errors.ts';
import { idParams } from '../../http/schemas.ts';
import { loadWorkCalendar } from '../calendar/load.ts';
import { submitMatter } from './intake.ts';
import { partiesOf } from './policy.ts';
import { presentCategory, presentEvent, presentMatterSummary, presentSlip, stepsAvailable } from './presenter.ts';
import { findMatter, handlerOptions, listCategories, listMatters, matterEvents, matterSlips } from './queries.ts';
import {
  categorySchema,
  created,
  matterDetailSchema,
  matterInput,
  matterListSchema,
  matterQuery,
  stepInput,
  stepResult,
} from './schemas.ts';
import { takeMatterStep } from './transition.ts';
import { DEFAULT_LIMITS, buildDefaultLimits, limitsOverridesSchema } from '../../../domain/matters/limits.ts';
import { setLimitsOverrides } from './settings.ts';
import { readLimitsOverrides } from './state.ts';

const errors = { 400: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };

/** MAT-1 … MAT-8 matters (楼宇事项): intake, the queues, one matter with its timeline, and its steps. */
export const matterRoutes: FastifyPluginAsyncZod = async (app) => {
  const { kysely, secrets } = app.deps;

  async function detail(actor: Actor, id: string, _locale: Locale) {
    const row = await findMatter(kysely, actor, id);
    if (!row) throw notFound();
    const calendar = await loadWorkCalendar(kysely);
    const now = new Date();
    const [events, slips, category] = await Promise.all([
      matterEvents(kysely, id),
      matterSlips(kysely, id),
      kysely.selectFrom('matter_category').select('department_kind').where('id', '=', row.category_id).executeTakeFirstOrThrow(),
    ]);
    const actions = stepsAvailable(actor, row);
    const parties = partiesOf(actor, row);
    // Those who must call the enterprise back see its number; everyone else sees it masked (ORG-3).
    const fullPhone = parties.has('coordinator') || parties.has('handler');
    return {
      ...presentMatterSummary(row, calendar, now),
      description: row.description,
      contactName: row.contact_name,
      contactPhone: row.contact_phone_enc ? (fullPhone ? secrets.decrypt(row.contact_phone_enc) : row.contact_phone_mask) : null,
      address: row.address,
      deliberation: row.deliberation,
      respondedOnTime: row.responded_on_time,
      repliedOnTime: row.replied_on_time,
      events: events.map(presentEvent),
      slips: slips.map(presentSlip),
      actions,
      handlerOptions: actions.includes('dispatch') ? await handlerOptions(kysely, row, category.department_kind) : [],
    };
  }

  app.get(
    '/matter-categories',
    {
      schema: {
        tags: ['matters'],
        summary: '事项类别 Matter categories (Open311 services)',
        response: { 200: z.object({ items: z.array(categorySchema) }) },
      },
    },
    async (request) => {
      requireActor(request);
      return { items: (await listCategories(kysely)).map(presentCategory) };
    },
  );

  app.get(
    '/matters',
    {
      schema: {
        tags: ['matters'],
        summary: '事项列表与待办 Matters and the user’s queue (MAT-5)',
        querystring: matterQuery,
        response: { 200: matterListSchema, 400: errorBodySchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const [{ rows, total }, calendar] = await Promise.all([listMatters(kysely, actor, request.query), loadWorkCalendar(kysely)]);
      const now = new Date();
      return { items: rows.map((r) => presentMatterSummary(r, calendar, now)), total };
    },
  );

  app.post(
    '/matters',
    {
      schema: {
        tags: ['matters'],
        summary: '提交事项 Raise a matter (MAT-1); Idempotency-Key header makes retries safe',
        headers: z.object({ 'idempotency-key': z.string().trim().min(1).max(100).optional() }),
        body: matterInput,
        response: { 200: created, 201: created, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const source = request.body.source ?? (actor.role === 'enterprise' ? 'portal' : actor.role === 'member' ? 'member' : 'staff');
      const result = await submitMatter({
        db: kysely,
        actor,
        secrets,
        input: { ...request.body, source, idempotencyKey: request.headers['idempotency-key'] ?? null },
      });
      return reply.status(result.created ? 201 : 200).send(result);
    },
  );

  app.get(
    '/matters/:id',
    {
      schema: {
        tags: ['matters'],
        summary: '事项详情：时间线、派发单、可执行操作 Matter with timeline, dispatch slips and the user’s steps',
        params: idParams,
        response: { 200: matterDetailSchema, 404: errorBodySchema },
      },
    },
    async (request) => detail(requireActor(request), request.params.id, request.locale),
  );

  app.post(
    '/matters/:id/steps',
    {
      schema: {
        tags: ['matters'],
        summary: '办理一步：签收、分派、上报、反馈、回复、评价… Take a step (MAT-2, MAT-3, MAT-5, MAT-7)',
        params: idParams,
        body: stepInput,
        response: { 200: stepResult, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { extensionDays, ...rest } = request.body;
      const calendar = await loadWorkCalendar(kysely);
      const { version } = await takeMatterStep({
        db: kysely,
        actor,
        matterId: request.params.id,
        calendar,
        locale: request.locale,
        input: { ...rest, ...(extensionDays !== undefined ? { extensionMinutes: Math.round(extensionDays * calendar.dayMinutes) } : {}) },
      });
      // A step can take the matter out of the user's sight (a department returning it): then there is nothing to show.
      const row = await findMatter(kysely, actor, request.params.id);
      return { version, matter: row ? await detail(actor, request.params.id, request.locale) : null };
    },
  );

  const limitsSchema = z.object({
    dayMinutes: z.number(),
    defaults: z.record(z.string(), z.unknown()),
    overrides: z.record(z.string(), z.unknown()),
  });

  app.get(
    '/matter-settings/limits',
    {
      schema: {
        tags: ['matters'],
        summary: '办理时限（默认值与本地调整）Limits table: defaults and this installation’s overrides (MAT-4)',
        response: { 200: limitsSchema },
      },
    },
    async (request) => {
      requireActor(request);
      const calendar = await loadWorkCalendar(kysely);
      const defaults = calendar.dayMinutes === 390 ? DEFAULT_LIMITS : buildDefaultLimits(calendar.dayMinutes);
      return { dayMinutes: calendar.dayMinutes, defaults, overrides: (await readLimitsOverrides(kysely)) ?? {} };
    },
  );

  app.put(
    '/matter-settings/limits',
    {
      schema: {
        tags: ['matters'],
        summary: '调整办理时限 Set the limits overrides (admin; applies to clocks started afterwards)',
        body: z.object({ overrides: limitsOverridesSchema }),
        response: { 200: limitsSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const overrides = await setLimitsOverrides({ db: kysely, actor, overrides: request.body.overrides });
      const calendar = await loadWorkCalendar(kysely);
      return { dayMinutes: calendar.dayMinutes, defaults: buildDefaultLimits(calendar.dayMinutes), overrides };
    },
  );
};
