import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { chinaDate } from '../../../domain/time.ts';
import type { Actor } from '../../auth/actor.ts';
import { allows } from '../../db/scoped.ts';
import { requireActor } from '../../http/context.ts';
import { errorBodySchema, invalidField, notFound } from '../../http/errors.ts';
import { regionCoverage } from './coverage.ts';
import { assignLiaison, listVacancies, vacateLiaison } from './liaisons.ts';
import { presentLiaisonSlots } from './presenter.ts';
import { currentLiaisons, findBuilding } from './queries.ts';
import { coverageQuery, coverageResponse, liaisonInput, liaisonParams, liaisonSlotSchema, vacanciesQuery, vacanciesResponse } from './schemas.ts';
import { z } from 'zod';

const errors = { 400: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };

/** REG-6 一楼八员 and REG-4 coverage: per building and across a region. */
export const liaisonRoutes: FastifyPluginAsyncZod = async (app) => {
  const { kysely } = app.deps;

  async function slots(actor: Actor, buildingId: string) {
    if (!(await findBuilding(kysely, actor, buildingId))) throw notFound();
    return { items: presentLiaisonSlots(await currentLiaisons(kysely, [buildingId])) };
  }

  /**
   * A region asked for by code must be one the caller oversees (404 otherwise,
   * revealing nothing); without a code, the caller's own region or, for
   * building staff, simply what their scope holds.
   */
  async function regionFor(actor: Actor, code: string | undefined) {
    const wanted = code ?? actor.regionCode;
    if (!wanted) return null;
    const region = await kysely.selectFrom('region').select(['code', 'name', 'level', 'prefix']).where('code', '=', wanted).executeTakeFirst();
    if (!region) throw invalidField('query.regionCode', 'field.region_unknown');
    if (!allows(actor, 'region', 'read', { regionCode: region.code })) throw notFound();
    return region;
  }

  const slotsResponse = z.object({ items: z.array(liaisonSlotSchema) });

  app.put(
    '/buildings/:id/liaisons/:role',
    {
      schema: {
        tags: ['buildings'],
        summary: '任命一楼八员 Appoint a liaison (REG-6); the previous holder’s term ends',
        params: liaisonParams,
        body: liaisonInput,
        response: { 200: slotsResponse, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await assignLiaison({ db: kysely, actor, buildingId: request.params.id, role: request.params.role, input: request.body, today: chinaDate() });
      return slots(actor, request.params.id);
    },
  );

  app.delete(
    '/buildings/:id/liaisons/:role',
    { schema: { tags: ['buildings'], summary: '空缺 Vacate a liaison role (REG-6)', params: liaisonParams, response: { 200: slotsResponse, ...errors } } },
    async (request) => {
      const actor = requireActor(request);
      await vacateLiaison({ db: kysely, actor, buildingId: request.params.id, role: request.params.role, today: chinaDate() });
      return slots(actor, request.params.id);
    },
  );

  app.get(
    '/liaisons/vacancies',
    {
      schema: {
        tags: ['buildings'],
        summary: '一楼八员空缺表 Buildings × eight roles (REG-6)',
        querystring: vacanciesQuery,
        response: { 200: vacanciesResponse, 400: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      if (request.query.regionCode) await regionFor(actor, request.query.regionCode);
      return listVacancies(kysely, actor, request.query);
    },
  );

  app.get(
    '/coverage',
    {
      schema: {
        tags: ['buildings'],
        summary: '党建覆盖率 Coverage for a region and its child regions (REG-4)',
        querystring: coverageQuery,
        response: { 200: coverageResponse, 400: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const region = await regionFor(actor, request.query.regionCode);
      if (!region) throw invalidField('query.regionCode', 'field.region_required');
      return regionCoverage(kysely, actor, region, chinaDate());
    },
  );
};
