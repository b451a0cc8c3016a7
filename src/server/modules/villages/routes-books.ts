import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../auth/actor.ts';
import { requireActor } from '../../http/context.ts';
import { errorBodySchema, notFound } from '../../http/errors.ts';
import { createFundProject, fundLedger, publicFundSummary, recordFundEntry } from './funds.ts';
import { incomeOverview, recordCollectiveIncome, setIncomeThresholds } from './income.ts';
import {
  fundEntryInput,
  fundLedgerQuery,
  fundLedgerSchema,
  fundProjectInput,
  publicFundSummarySchema,
  type FundLedgerQuery,
} from './schemas-funds.ts';
import { incomeInput, incomeOverviewSchema, incomeParams, incomeQuery, thresholdsInput } from './schemas-heritage.ts';
import { raisedMatterSchema, raiseMatterInput, villageParams } from './schemas.ts';
import { raiseVillageMatter } from './village-matters.ts';

const errors = { 400: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const tags = ['villages'];

/** VIL-2 the protection-funds ledger and its public summary; VIL-3 collective income and thresholds. */
export const bookRoutes: FastifyPluginAsyncZod = async (app) => {
  const { kysely } = app.deps;
  const ledger = async (actor: Actor, code: string, q: FundLedgerQuery = { limit: 50, offset: 0 }) => {
    const found = await fundLedger(kysely, actor, code, q);
    if (!found) throw notFound();
    return found;
  };

  app.get(
    '/villages/:code/funds',
    {
      schema: {
        tags,
        summary: '保护资金台账 The funds ledger with balances (VIL-2)',
        params: villageParams,
        querystring: fundLedgerQuery,
        response: { 200: fundLedgerSchema, 400: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (request) => ledger(requireActor(request), request.params.code, request.query),
  );

  app.post(
    '/villages/:code/fund-projects',
    {
      schema: {
        tags,
        summary: '资金项目 Add a fund project (planning, infrastructure, building protection)',
        params: villageParams,
        body: fundProjectInput,
        response: { 201: fundLedgerSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      await createFundProject({ db: kysely, actor, code: request.params.code, input: request.body });
      return reply.status(201).send(await ledger(actor, request.params.code));
    },
  );

  app.post(
    '/villages/:code/fund-entries',
    {
      schema: {
        tags,
        summary: '入账：来源、分配、支出（凭证） Record a source, allocation or spending (VIL-2)',
        params: villageParams,
        body: fundEntryInput,
        response: { 201: fundLedgerSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      await recordFundEntry({ db: kysely, actor, code: request.params.code, input: request.body });
      return reply.status(201).send(await ledger(actor, request.params.code));
    },
  );

  app.post(
    '/villages/:code/funds/matter',
    {
      schema: {
        tags,
        summary: '资金异常上报为事项 Raise a matter about the funds (MAT-1)',
        params: villageParams,
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
        subject: { kind: 'funds' },
        input: request.body,
        locale: request.locale,
      });
      return reply.status(result.created ? 201 : 200).send({ matterId: result.id, created: result.created });
    },
  );

  app.get(
    '/public/villages/:code/funds',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: '保护资金公示（免登录，仅汇总） The published funds summary, aggregates only (VIL-2)',
        params: villageParams,
        response: { 200: publicFundSummarySchema, 400: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (request) => {
      const summary = await publicFundSummary(kysely, request.params.code);
      if (!summary) throw notFound();
      return summary;
    },
  );

  app.get(
    '/collective-income',
    {
      schema: {
        tags,
        summary: '村集体经济经营性收入与门槛 Collective income against the thresholds (VIL-3)',
        querystring: incomeQuery,
        response: { 200: incomeOverviewSchema, 400: errorBodySchema, 403: errorBodySchema },
      },
    },
    async (request) => incomeOverview(kysely, requireActor(request), request.query),
  );

  app.put(
    '/villages/:code/income/:year',
    {
      schema: {
        tags,
        summary: '填报年度经营性收入 Record a year’s operating income (VIL-3)',
        params: incomeParams,
        body: incomeInput,
        response: { 200: z.object({ regionCode: z.string(), year: z.number().int(), operatingIncome: z.number() }), ...errors },
      },
    },
    async (request) => {
      const { code, year } = request.params;
      await recordCollectiveIncome({ db: kysely, actor: requireActor(request), code, year, input: request.body });
      return { regionCode: code, year, operatingIncome: request.body.operatingIncome };
    },
  );

  app.put(
    '/collective-income/thresholds',
    {
      schema: {
        tags,
        summary: '设定收入门槛 Set a county’s income thresholds (VIL-3)',
        body: thresholdsInput,
        response: { 200: z.object({ regionCode: z.string(), amounts: z.array(z.number()) }), ...errors },
      },
    },
    async (request) => {
      const amounts = await setIncomeThresholds({ db: kysely, actor: requireActor(request), input: request.body });
      return { regionCode: request.body.regionCode, amounts };
    },
  );
};
