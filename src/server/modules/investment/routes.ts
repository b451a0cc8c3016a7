import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { rankBuildings } from '../../../domain/registry/investment.ts';
import { chinaDate } from '../../../domain/time.ts';
import type { Actor } from '../../auth/actor.ts';
import { scopeRule } from '../../auth/policy.ts';
import type { Locale } from '../../db/schema.ts';
import { requireActor } from '../../http/context.ts';
import { errorBodySchema, forbidden, notFound } from '../../http/errors.ts';
import { idParams, listOf } from '../../http/schemas.ts';
import { createLead, deleteLead, transitionLead } from './commands.ts';
import { presentBuildingFit, presentIndustryMix, presentLead, presentMatch } from './presenter.ts';
import { findLead, listLeads } from './queries.ts';
import { leadInput, leadQuery, leadSchema, matchInput, matchSchema, transitionInput, vacancyQuery, vacancySchema } from './schemas.ts';
import { buildingVacancies, industryMix, vacantArea } from './vacancy.ts';

const errors = { 400: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };

/** Investment attraction is the work of region staff and departments; other roles have no lead scope at all. */
function requireInvestmentRole(actor: Actor): void {
  if (scopeRule(actor, 'investment_lead', 'read').kind === 'none') throw forbidden();
}

/** REG-8 investment attraction (招商引资): vacancies and industry mix, matching buildings to an investor, and leads. */
export const investmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const { kysely } = app.deps;

  async function detail(actor: Actor, id: string, locale: Locale) {
    const row = await findLead(kysely, actor, id);
    if (!row) throw notFound();
    return presentLead(row, locale);
  }

  app.get(
    '/investment/vacancies',
    {
      schema: {
        tags: ['investment'],
        summary: '楼宇空置与产业构成 Vacancy and industry mix per building (REG-8)',
        querystring: vacancyQuery,
        response: { 200: vacancySchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      requireInvestmentRole(actor);
      const all = await buildingVacancies(kysely, actor, { today: chinaDate(), regionCode: request.query.regionCode }).execute();
      // Most vacant space first: where an investor can be placed.
      all.sort((a, b) => vacantArea(b) - vacantArea(a) || Number(a.id) - Number(b.id));
      const page = all.slice(request.query.offset, request.query.offset + request.query.limit);
      const mix = await industryMix(
        kysely,
        actor,
        page.map((r) => r.id),
      );
      const officeArea = all.reduce((s, r) => s + r.office_area, 0);
      const leasedArea = all.reduce((s, r) => s + Math.min(r.leased_area, r.office_area), 0);
      return {
        items: page.map((r) => ({ ...presentBuildingFit(r), industryMix: presentIndustryMix(mix.filter((m) => m.building_id === r.id)) })),
        total: all.length,
        totals: {
          officeArea,
          leasedArea,
          vacantArea: officeArea - leasedArea,
          vacancyRate: officeArea > 0 ? Math.round(((officeArea - leasedArea) / officeArea) * 10_000) / 10_000 : null,
        },
      };
    },
  );

  app.post(
    '/investment/match',
    {
      schema: {
        tags: ['investment'],
        summary: '楼宇推荐 Buildings ranked for an investor, with reasons (REG-8)',
        body: matchInput,
        response: { 200: matchSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      requireInvestmentRole(actor);
      const input = request.body;
      const rows = await buildingVacancies(kysely, actor, { today: chinaDate() }).execute();
      const byId = new Map(rows.map((r) => [r.id, r]));
      const ranked = rankBuildings(
        {
          industryCode: input.industryCode ?? null,
          area: input.area,
          budget: input.budget ?? null,
          preferredRegionCode: input.preferredRegionCode ?? null,
          keywords: input.keywords ?? [],
        },
        rows.map((r) => ({
          id: r.id,
          regionCode: r.region_code,
          positioning: r.positioning,
          industryFocus: r.industry_focus,
          vacantArea: vacantArea(r),
          askingRent: r.asking_rent,
          demoStatus: r.demo_status,
        })),
        { strictArea: input.strictArea ?? false },
      );
      return {
        items: ranked.slice(0, input.limit).map((m, i) => presentMatch(m, i + 1, byId.get(m.buildingId)!, request.locale)),
        total: ranked.length,
      };
    },
  );

  app.get(
    '/investment/leads',
    {
      schema: {
        tags: ['investment'],
        summary: '招商线索 Investment leads',
        querystring: leadQuery,
        response: { 200: listOf(leadSchema), ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      requireInvestmentRole(actor);
      const { rows, total } = await listLeads(kysely, actor, request.query);
      return { items: rows.map((r) => presentLead(r, request.locale)), total };
    },
  );

  app.post(
    '/investment/leads',
    {
      schema: {
        tags: ['investment'],
        summary: '登记招商线索 Record a lead (潜在)',
        body: leadInput,
        response: { 201: leadSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const id = await createLead({ db: kysely, actor, input: request.body });
      return reply.status(201).send(await detail(actor, id, request.locale));
    },
  );

  app.get(
    '/investment/leads/:id',
    {
      schema: { tags: ['investment'], summary: '招商线索详情 Lead', params: idParams, response: { 200: leadSchema, 404: errorBodySchema } },
    },
    async (request) => detail(requireActor(request), request.params.id, request.locale),
  );

  app.delete(
    '/investment/leads/:id',
    {
      schema: {
        tags: ['investment'],
        summary: '删除招商线索 Delete a lead that has not settled (REG-8)',
        params: idParams,
        response: { 204: z.null(), ...errors, 409: errorBodySchema },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      requireInvestmentRole(actor);
      await deleteLead({ db: kysely, actor, id: request.params.id });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/investment/leads/:id/transition',
    {
      schema: {
        tags: ['investment'],
        summary: '线索流转 Move a lead: 潜在 → 洽谈 → 入驻 (settling registers the enterprise and its lease)',
        params: idParams,
        body: transitionInput,
        response: { 200: leadSchema, ...errors, 409: errorBodySchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await transitionLead({ db: kysely, actor, id: request.params.id, input: request.body });
      return detail(actor, request.params.id, request.locale);
    },
  );
};
