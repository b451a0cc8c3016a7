import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PROJECT_STATUS_LABELS } from '../../../domain/lists/labels.ts';
import { requireActor } from '../../http/context.ts';
import { errorBodySchema, invalidField, notFound } from '../../http/errors.ts';
import { idParams, idSchema } from '../../http/schemas.ts';
import { EXPORT_MAX, label, sendSheet, type SheetColumn } from '../needs/workbook.ts';
import { lockRunningProject } from './access.ts';
import { addEvidence, closeProject, MAX_EVIDENCE_BYTES, readEvidence } from './closing.ts';
import { addMilestone, createProject, deleteMilestone, setProjectMembers, updateMilestone, updateProject } from './commands.ts';
import { presentProject, presentProjectDetail } from './presenter.ts';
import { exportProjects, findProject, listProjects, projectParts, type ProjectRow } from './queries.ts';
import {
  closeInput,
  membersInput,
  milestoneInput,
  milestonePatch,
  projectDetailSchema,
  projectInput,
  projectListSchema,
  projectPatch,
  projectQuery,
} from './schemas.ts';

const errors = { 400: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const milestoneParams = z.object({ id: idSchema, milestoneId: idSchema });
const evidenceParams = z.object({ id: idSchema, evidenceId: idSchema });
const created = z.object({ id: z.string(), code: z.string() });

const PROJECT_COLUMNS: SheetColumn<ProjectRow>[] = [
  { zh: '编号', en: 'Code', value: (r) => r.code },
  { zh: '项目', en: 'Project', width: 30, value: (r) => r.name },
  { zh: '牵头单位', en: 'Owner', width: 26, value: (r) => r.owner_name },
  { zh: '上级项目', en: 'Parent', width: 24, value: (r) => r.parent_name },
  { zh: '权重', en: 'Weight', value: (r) => Number(r.weight) },
  { zh: '进度（%）', en: 'Progress (%)', value: (r) => Number(r.progress) },
  { zh: '状态', en: 'Status', value: (r, en) => label(PROJECT_STATUS_LABELS, r.status, en) },
  { zh: '需求数', en: 'Needs', value: (r) => Number(r.need_count ?? 0) },
  { zh: '楼宇', en: 'Building', width: 20, value: (r) => r.building_name },
  { zh: '区域', en: 'Region', value: (r) => r.region_name ?? r.region_code },
  { zh: '开始', en: 'Started', value: (r) => r.started_on },
  { zh: '计划完成', en: 'Due', value: (r) => r.due_on },
  { zh: '结项报告', en: 'Closing report', width: 40, value: (r) => r.closing_report },
];

/** LST-4 the projects list (项目清单): projects, milestones, members, evidence and closing. */
export const projectRoutes: FastifyPluginAsyncZod = async (app) => {
  const { kysely } = app.deps;
  // Multipart bodies are accepted by the evidence upload only (this plugin's routes).
  await app.register(multipart, { limits: { fileSize: MAX_EVIDENCE_BYTES, files: 1, fields: 2 } });

  app.get(
    '/projects',
    {
      schema: {
        tags: ['lists'],
        summary: '项目清单 Projects (LST-4)',
        querystring: projectQuery,
        response: { 200: projectListSchema, 400: errorBodySchema },
      },
    },
    async (request) => {
      const { rows, total } = await listProjects(kysely, requireActor(request), request.query);
      return { items: rows.map(presentProject), total };
    },
  );

  app.get(
    '/projects/export',
    {
      schema: {
        tags: ['lists'],
        summary: '导出项目清单 Projects as Excel (LST-4)',
        querystring: projectQuery.omit({ limit: true, offset: true }),
        response: { 200: z.unknown(), 400: errorBodySchema },
      },
    },
    async (request, reply) => {
      const rows = await exportProjects(kysely, requireActor(request), request.query, EXPORT_MAX);
      return sendSheet(reply, { locale: request.locale, name: { zh: '项目清单', en: 'Projects' }, columns: PROJECT_COLUMNS, rows });
    },
  );

  app.post(
    '/projects',
    {
      schema: {
        tags: ['lists'],
        summary: '新建项目 Create a project, optionally around matched needs (LST-4)',
        body: projectInput,
        response: { 201: created, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createProject({ db: kysely, actor: requireActor(request), input: request.body })),
  );

  app.get(
    '/projects/:id',
    {
      schema: {
        tags: ['lists'],
        summary: '项目详情 A project with milestones, sub-projects, needs, resources and evidence (LST-4)',
        params: idParams,
        response: { 200: projectDetailSchema, 404: errorBodySchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const row = await findProject(kysely, actor, request.params.id);
      if (!row) throw notFound();
      return presentProjectDetail(actor, row, await projectParts(kysely, actor, row.id));
    },
  );

  app.patch(
    '/projects/:id',
    {
      schema: {
        tags: ['lists'],
        summary: '修改项目 Edit a project, its parent and weight (LST-4)',
        params: idParams,
        body: projectPatch,
        response: { 200: z.object({ version: z.number() }), ...errors },
      },
    },
    async (request) => updateProject({ db: kysely, actor: requireActor(request), id: request.params.id, input: request.body }),
  );

  app.put(
    '/projects/:id/members',
    {
      schema: {
        tags: ['lists'],
        summary: '项目成员 Set the project’s members (LST-4)',
        params: idParams,
        body: membersInput,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await setProjectMembers({ db: kysely, actor: requireActor(request), id: request.params.id, members: request.body.members });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/projects/:id/milestones',
    {
      schema: {
        tags: ['lists'],
        summary: '添加节点 Add a milestone (LST-4)',
        params: idParams,
        body: milestoneInput,
        response: { 201: z.object({ id: z.string() }), ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addMilestone({ db: kysely, actor: requireActor(request), id: request.params.id, input: request.body })),
  );

  app.patch(
    '/projects/:id/milestones/:milestoneId',
    {
      schema: {
        tags: ['lists'],
        summary: '更新节点（完成、权重、日期） Update a milestone; progress rolls up (LST-4)',
        params: milestoneParams,
        body: milestonePatch,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await updateMilestone({
        db: kysely,
        actor: requireActor(request),
        id: request.params.id,
        milestoneId: request.params.milestoneId,
        input: request.body,
      });
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/projects/:id/milestones/:milestoneId',
    {
      schema: {
        tags: ['lists'],
        summary: '删除节点 Remove a milestone (LST-4)',
        params: milestoneParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await deleteMilestone({ db: kysely, actor: requireActor(request), id: request.params.id, milestoneId: request.params.milestoneId });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/projects/:id/evidence',
    {
      schema: {
        tags: ['lists'],
        summary: '上传佐证材料 Upload an evidence file (multipart field "file", ≤ 10 MB) (LST-4)',
        params: idParams,
        consumes: ['multipart/form-data'],
        response: { 201: z.object({ id: z.string() }), ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      // Scope before the body: an outsider learns nothing from how its upload was formed.
      await kysely.transaction().execute((trx) => lockRunningProject(trx, actor, request.params.id));
      if (!request.isMultipart()) throw invalidField('file', 'field.file_required');
      const part = await request.file();
      if (!part) throw invalidField('file', 'field.file_required');
      const content = await part.toBuffer().catch(() => {
        throw invalidField('file', 'field.file_too_large', { mb: MAX_EVIDENCE_BYTES / 1024 / 1024 });
      });
      const result = await addEvidence({
        db: kysely,
        actor,
        id: request.params.id,
        file: { name: part.filename, mimeType: part.mimetype, content },
      });
      return reply.status(201).send(result);
    },
  );

  app.get(
    '/projects/:id/evidence/:evidenceId',
    {
      schema: {
        tags: ['lists'],
        summary: '下载佐证材料 Download an evidence file (LST-4)',
        params: evidenceParams,
        response: { 200: z.unknown(), 404: errorBodySchema },
      },
    },
    async (request, reply) => {
      const file = await readEvidence(kysely, requireActor(request), request.params.id, request.params.evidenceId);
      return reply
        .type(file.mime_type)
        .header(
          'content-disposition',
          `attachment; filename="${file.file_name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.file_name)}`,
        )
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(file.content);
    },
  );

  app.post(
    '/projects/:id/close',
    {
      schema: {
        tags: ['lists'],
        summary: '结项 Close a project: done with report and evidence, or cancelled (LST-4)',
        params: idParams,
        body: closeInput,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await closeProject({ db: kysely, actor: requireActor(request), id: request.params.id, input: request.body });
      return reply.status(204).send(null);
    },
  );
};
