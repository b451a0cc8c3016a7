import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CATEGORY_LABELS } from '../../../domain/lists/categories.ts';
import { NEED_STATUS_LABELS, REQUESTER_KIND_LABELS, URGENCY_LABELS } from '../../../domain/lists/labels.ts';
import { requireActor } from '../../http/context.ts';
import { errorBodySchema, notFound } from '../../http/errors.ts';
import { idParams } from '../../http/schemas.ts';
import { closeNeed, createNeed, updateNeed } from './commands.ts';
import { needsOfMatter, spawnNeedFromMatter, turnNeedIntoMatter } from './matter-links.ts';
import { presentNeed, presentNeedDetail } from './presenter.ts';
import { exportNeeds, findNeed, listNeeds, needDecisions, type NeedRow } from './queries.ts';
import {
  createdSchema,
  fromMatterInput,
  needClose,
  needDetailSchema,
  needInput,
  needListSchema,
  needPatch,
  needQuery,
  toMatterInput,
} from './schemas.ts';
import { EXPORT_MAX, label, sendSheet, type SheetColumn } from './workbook.ts';

const errors = { 400: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const L = label;

const NEED_COLUMNS: SheetColumn<NeedRow>[] = [
  { zh: '编号', en: 'Code', value: (r) => r.code },
  { zh: '需求', en: 'Need', width: 30, value: (r) => r.title },
  { zh: '类别', en: 'Category', value: (r, en) => L(CATEGORY_LABELS, r.category, en) },
  { zh: '提出方类别', en: 'Requester kind', value: (r, en) => L(REQUESTER_KIND_LABELS, r.requester_kind, en) },
  { zh: '提出方', en: 'Requester', width: 26, value: (r) => r.requester_name },
  { zh: '楼宇', en: 'Building', width: 20, value: (r) => r.building_name },
  { zh: '区域', en: 'Region', value: (r) => r.region_name ?? r.region_code },
  { zh: '数量', en: 'Quantity', value: (r) => r.quantity },
  { zh: '紧急程度', en: 'Urgency', value: (r, en) => L(URGENCY_LABELS, r.urgency, en) },
  { zh: '状态', en: 'Status', value: (r, en) => L(NEED_STATUS_LABELS, r.status, en) },
  { zh: '项目', en: 'Project', width: 24, value: (r) => r.project_name },
  { zh: '描述', en: 'Description', width: 50, value: (r) => r.description },
  { zh: '登记时间', en: 'Entered', width: 20, value: (r) => r.created_at.toISOString().slice(0, 16).replace('T', ' ') },
];

/** LST-1 the needs list (需求清单) and its links to matters. */
export const needRoutes: FastifyPluginAsyncZod = async (app) => {
  const { kysely, secrets } = app.deps;

  app.get(
    '/needs',
    {
      schema: {
        tags: ['lists'],
        summary: '需求清单 Needs (LST-1)',
        querystring: needQuery,
        response: { 200: needListSchema, 400: errorBodySchema },
      },
    },
    async (request) => {
      const { rows, total } = await listNeeds(kysely, requireActor(request), request.query);
      return { items: rows.map(presentNeed), total };
    },
  );

  app.get(
    '/needs/export',
    {
      schema: {
        tags: ['lists'],
        summary: '导出需求清单 Needs as Excel, with the list’s filters (LST-1)',
        querystring: needQuery.omit({ limit: true, offset: true }),
        response: { 200: z.unknown(), 400: errorBodySchema },
      },
    },
    async (request, reply) => {
      const rows = await exportNeeds(kysely, requireActor(request), request.query, EXPORT_MAX);
      return sendSheet(reply, { locale: request.locale, name: { zh: '需求清单', en: 'Needs' }, columns: NEED_COLUMNS, rows });
    },
  );

  app.post(
    '/needs',
    { schema: { tags: ['lists'], summary: '登记需求 Enter a need (LST-1)', body: needInput, response: { 201: createdSchema, ...errors } } },
    async (request, reply) => reply.status(201).send(await createNeed({ db: kysely, actor: requireActor(request), input: request.body })),
  );

  app.get(
    '/needs/:id',
    {
      schema: {
        tags: ['lists'],
        summary: '需求详情 A need with its project and decided matches (LST-1, LST-4)',
        params: idParams,
        response: { 200: needDetailSchema, 404: errorBodySchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const row = await findNeed(kysely, actor, request.params.id);
      if (!row) throw notFound();
      return presentNeedDetail(actor, row, await needDecisions(kysely, row.id));
    },
  );

  app.patch(
    '/needs/:id',
    {
      schema: {
        tags: ['lists'],
        summary: '修改需求 Edit an open need (LST-1)',
        params: idParams,
        body: needPatch,
        response: { 200: z.object({ version: z.number() }), ...errors },
      },
    },
    async (request) => updateNeed({ db: kysely, actor: requireActor(request), id: request.params.id, input: request.body }),
  );

  app.post(
    '/needs/:id/close',
    {
      schema: {
        tags: ['lists'],
        summary: '关闭需求 Close a need that will not be served (LST-1)',
        params: idParams,
        body: needClose,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await closeNeed({ db: kysely, actor: requireActor(request), id: request.params.id, reason: request.body.reason });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/needs/:id/matter',
    {
      schema: {
        tags: ['lists'],
        summary: '需求转事项 A need that is really a complaint becomes a matter (LST-1, MAT-1)',
        params: idParams,
        body: toMatterInput,
        response: { 201: z.object({ matterId: z.string() }), ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await turnNeedIntoMatter({ db: kysely, actor: requireActor(request), secrets, needId: request.params.id, input: request.body }),
        ),
  );

  app.post(
    '/matters/:id/need',
    {
      schema: {
        tags: ['lists'],
        summary: '事项生成需求 A matter spawns a need (LST-1, MAT-1)',
        params: idParams,
        body: fromMatterInput,
        response: { 201: createdSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await spawnNeedFromMatter({ db: kysely, actor: requireActor(request), matterId: request.params.id, input: request.body })),
  );

  app.get(
    '/matters/:id/needs',
    {
      schema: {
        tags: ['lists'],
        summary: '事项关联的需求 Needs linked to a matter (LST-1, MAT-1)',
        params: idParams,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                code: z.string(),
                title: z.string(),
                status: z.string(),
                category: z.string(),
                link: z.enum(['spawned', 'became_matter']),
              }),
            ),
          }),
          404: errorBodySchema,
        },
      },
    },
    async (request) => ({ items: await needsOfMatter(kysely, requireActor(request), request.params.id) }),
  );
};
