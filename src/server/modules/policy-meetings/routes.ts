import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { chinaDate } from '../../../domain/time.ts';
import { APPLICATION_MODES } from '../../db/schema-policies.ts';
import { requireActor } from '../../http/context.ts';
import { errorBodySchema } from '../../http/errors.ts';
import { idParams, idSchema, listOf, pageQuery, regionCodeSchema, text } from '../../http/schemas.ts';
import { createMeeting, listMeetings, meetingDetail, recordInvite } from './commands.ts';
import { policyDashboard } from './dashboard.ts';
import { policyDashboardFileName, writePolicyDashboardWorkbook } from './workbook.ts';

const errors = { 400: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const meetingSummary = z.object({
  id: z.string(),
  title: z.string(),
  heldAt: z.string(),
  venue: z.string(),
  regionCode: z.string(),
  policies: z.number().int(),
  invited: z.number().int(),
  attended: z.number().int(),
});
const meetingSchema = z.object({
  id: z.string(),
  title: z.string(),
  heldAt: z.string(),
  venue: z.string(),
  regionCode: z.string(),
  notes: z.string(),
  mayEdit: z.boolean(),
  policies: z.array(z.object({ id: z.string(), title: z.string(), issuer: z.string(), mode: z.enum(APPLICATION_MODES) })),
  invites: z.array(
    z.object({
      enterpriseId: z.string(),
      name: z.string(),
      reason: z.enum(['eligible', 'nearly']),
      attended: z.boolean().nullable(),
      followUp: z.string().nullable(),
      followedUpAt: z.string().nullable(),
    }),
  ),
});
const figures = { pushes: z.number(), eligible: z.number(), applied: z.number(), granted: z.number(), grantedAmount: z.number() };
const dashboardSchema = z.object({
  totals: z.object({ ...figures, policies: z.number() }),
  byPolicy: z.array(z.object({ id: z.string(), title: z.string(), issuer: z.string(), mode: z.string(), status: z.string(), ...figures })),
  byIssuer: z.array(z.object({ issuer: z.string(), policies: z.number(), ...figures })),
  byStreet: z.array(z.object({ regionCode: z.string(), name: z.string(), ...figures })),
});
const dashboardQuery = z.object({ regionCode: regionCodeSchema.optional() });

function attachment(name: string): string {
  return `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** POL-4 matching meetings (政策对接会) and the POL-3 dashboard with its Excel export. */
export const policyMeetingRoutes: FastifyPluginAsyncZod = async (app) => {
  const { kysely } = app.deps;

  app.get(
    '/policy-meetings',
    {
      schema: {
        tags: ['policies'],
        summary: '政策对接会 Matching meetings (POL-4)',
        querystring: z.object(pageQuery),
        response: { 200: listOf(meetingSummary), ...errors },
      },
    },
    async (request) => listMeetings(kysely, requireActor(request), request.query),
  );

  app.post(
    '/policy-meetings',
    {
      schema: {
        tags: ['policies'],
        summary: '组织政策对接会：邀请符合或接近符合条件的企业 Hold a meeting; eligible and nearly eligible enterprises invited (POL-4)',
        body: z.object({
          title: text(200),
          heldAt: z.iso.datetime({ offset: true }),
          venue: z.string().trim().max(200).optional(),
          regionCode: regionCodeSchema,
          notes: z.string().max(5000).optional(),
          policyIds: z.array(idSchema).min(1).max(50),
        }),
        response: { 201: meetingSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const id = await createMeeting({ db: kysely, actor, input: request.body });
      return reply.status(201).send(await meetingDetail(kysely, actor, id));
    },
  );

  app.get(
    '/policy-meetings/:id',
    {
      schema: {
        tags: ['policies'],
        summary: '对接会详情 A meeting (POL-4)',
        params: idParams,
        response: { 200: meetingSchema, ...errors },
      },
    },
    async (request) => meetingDetail(kysely, requireActor(request), request.params.id),
  );

  app.patch(
    '/policy-meetings/:id/invites/:enterpriseId',
    {
      schema: {
        tags: ['policies'],
        summary: '签到与跟进 Attendance and follow-up of an invited enterprise (POL-4)',
        params: z.object({ id: idSchema, enterpriseId: idSchema }),
        body: z.object({ attended: z.boolean().nullable().optional(), followUp: z.string().trim().max(2000).nullable().optional() }),
        response: { 200: meetingSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await recordInvite({
        db: kysely,
        actor,
        meetingId: request.params.id,
        enterpriseId: request.params.enterpriseId,
        input: request.body,
      });
      return meetingDetail(kysely, actor, request.params.id);
    },
  );

  app.get(
    '/policy-dashboard',
    {
      schema: {
        tags: ['policies'],
        summary: '惠企政策统计：推送、符合、申报、兑现 Pushes, eligible, applied, granted (POL-3)',
        querystring: dashboardQuery,
        response: { 200: dashboardSchema, ...errors },
      },
    },
    async (request) => policyDashboard({ db: kysely, actor: requireActor(request), regionCode: request.query.regionCode }),
  );

  app.get(
    '/policy-dashboard.xlsx',
    {
      schema: {
        tags: ['policies'],
        summary: '惠企政策统计导出 Excel The dashboard as .xlsx (POL-3)',
        querystring: dashboardQuery,
        response: { 200: z.unknown(), ...errors },
      },
    },
    async (request, reply) => {
      const dashboard = await policyDashboard({ db: kysely, actor: requireActor(request), regionCode: request.query.regionCode });
      const out = new PassThrough();
      writePolicyDashboardWorkbook(dashboard, request.locale, out).catch((err: unknown) => {
        request.log.error({ err }, 'policy dashboard export failed');
        out.destroy(err instanceof Error ? err : new Error(String(err)));
      });
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', attachment(policyDashboardFileName(request.locale, chinaDate())))
        .header('cache-control', 'no-store')
        .send(out);
    },
  );
};
