import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CATEGORY_LABELS } from '../../../domain/lists/categories.ts';
import { PROVIDER_KIND_LABELS } from '../../../domain/lists/labels.ts';
import type { Actor } from '../../auth/actor.ts';
import { allows } from '../../db/scoped.ts';
import { requireActor } from '../../http/context.ts';
import { errorBodySchema, notFound } from '../../http/errors.ts';
import { idParams } from '../../http/schemas.ts';
import { EXPORT_MAX, label, sendSheet, type SheetColumn } from '../needs/workbook.ts';
import { createResource, updateResource } from './commands.ts';
import { presentResource } from './presenter.ts';
import { exportResources, findResource, listResources, resourceMatches, type ResourceRow } from './queries.ts';
import { resourceDetailSchema, resourceInput, resourceListSchema, resourcePatch, resourceQuery } from './schemas.ts';

const errors = { 400: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };

const RESOURCE_COLUMNS: SheetColumn<ResourceRow>[] = [
  { zh: '编号', en: 'Code', value: (r) => r.code },
  { zh: '资源', en: 'Resource', width: 30, value: (r) => r.title },
  { zh: '类别', en: 'Category', value: (r, en) => label(CATEGORY_LABELS, r.category, en) },
  { zh: '提供方类别', en: 'Provider kind', value: (r, en) => label(PROVIDER_KIND_LABELS, r.provider_kind, en) },
  { zh: '提供方', en: 'Provider', width: 26, value: (r) => r.provider_name },
  { zh: '容量', en: 'Capacity', value: (r) => r.capacity },
  { zh: '剩余', en: 'Left', value: (r) => r.capacity_left },
  {
    zh: '服务范围',
    en: 'Area served',
    width: 20,
    value: (r, en) => r.served_building_name ?? r.served_region_name ?? (en ? 'Anywhere' : '不限'),
  },
  { zh: '有效期自', en: 'Valid from', value: (r) => r.valid_from },
  { zh: '有效期至', en: 'Valid until', value: (r) => r.valid_until },
  { zh: '条件', en: 'Conditions', width: 30, value: (r) => r.conditions },
  { zh: '状态', en: 'Status', value: (r, en) => (r.status === 'active' ? (en ? 'Active' : '有效') : en ? 'Withdrawn' : '已撤回') },
  { zh: '描述', en: 'Description', width: 50, value: (r) => r.description },
];

function mayEdit(actor: Actor, row: ResourceRow): boolean {
  return allows(actor, 'resource', 'write', { regionCode: row.region_code, orgPath: row.org_path });
}

/** LST-2 the resources list (资源清单). */
export const resourceRoutes: FastifyPluginAsyncZod = async (app) => {
  const { kysely } = app.deps;

  app.get(
    '/resources',
    {
      schema: {
        tags: ['lists'],
        summary: '资源清单 Resources (LST-2)',
        querystring: resourceQuery,
        response: { 200: resourceListSchema, 400: errorBodySchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { rows, total } = await listResources(kysely, actor, request.query);
      return { items: rows.map((r) => ({ ...presentResource(r), mayEdit: mayEdit(actor, r) })), total };
    },
  );

  app.get(
    '/resources/export',
    {
      schema: {
        tags: ['lists'],
        summary: '导出资源清单 Resources as Excel (LST-2)',
        querystring: resourceQuery.omit({ limit: true, offset: true }),
        response: { 200: z.unknown(), 400: errorBodySchema },
      },
    },
    async (request, reply) => {
      const rows = await exportResources(kysely, requireActor(request), request.query, EXPORT_MAX);
      return sendSheet(reply, { locale: request.locale, name: { zh: '资源清单', en: 'Resources' }, columns: RESOURCE_COLUMNS, rows });
    },
  );

  app.post(
    '/resources',
    {
      schema: {
        tags: ['lists'],
        summary: '登记资源 Offer a resource (LST-2)',
        body: resourceInput,
        response: { 201: z.object({ id: z.string(), code: z.string() }), ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createResource({ db: kysely, actor: requireActor(request), input: request.body })),
  );

  app.get(
    '/resources/:id',
    {
      schema: {
        tags: ['lists'],
        summary: '资源详情 A resource and the needs it serves (LST-2, LST-4)',
        params: idParams,
        response: { 200: resourceDetailSchema, 404: errorBodySchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const row = await findResource(kysely, actor, request.params.id);
      if (!row) throw notFound();
      const matches = await resourceMatches(kysely, row.id);
      return {
        ...presentResource(row),
        mayEdit: mayEdit(actor, row),
        matches: matches.map((m) => ({
          needId: m.id,
          needCode: m.code,
          needTitle: m.title,
          status: m.status,
          quantity: m.quantity,
          projectId: m.project_id,
        })),
      };
    },
  );

  app.patch(
    '/resources/:id',
    {
      schema: {
        tags: ['lists'],
        summary: '修改或撤回资源 Edit or withdraw a resource (LST-2)',
        params: idParams,
        body: resourcePatch,
        response: { 200: z.object({ version: z.number() }), ...errors },
      },
    },
    async (request) => updateResource({ db: kysely, actor: requireActor(request), id: request.params.id, input: request.body }),
  );
};
