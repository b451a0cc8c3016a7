import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import { sql } from 'kysely';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formatRow, type ImportKind } from '../../../domain/registry/import-rows.ts';
import type { Actor } from '../../auth/actor.ts';
import { scopeRule, type Entity } from '../../auth/policy.ts';
import { allows, scopeWhere } from '../../db/scoped.ts';
import { requireActor } from '../../http/context.ts';
import { errorBodySchema, forbidden, invalidField, notFound } from '../../http/errors.ts';
import { listOf } from '../../http/schemas.ts';
import { exportPages } from './export.ts';
import { createJob, estimateDataRows, failAbandonedJobs, findJob, presentJob, runImport } from './jobs.ts';
import { exportQuery, jobParams, jobSchema, jobsQuery, jobSummarySchema, kindParams, uploadQuery } from './schemas.ts';
import { exportWriter, fileName, templateBuffer, XLSX_TYPE } from './workbook.ts';

/**
 * REG-9 Excel import and export of buildings, enterprises and leases: a
 * template per kind, an export of the caller's scoped records in the same
 * columns, and imports as jobs with progress and a row-by-row report.
 */
const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
const ENTITY: Record<ImportKind, Entity> = { buildings: 'building', enterprises: 'enterprise', leases: 'lease' };
const errors = { 400: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };

/** A role that can never read (or write) a kind is refused outright; which records is decided row by row. */
function mayUse(actor: Actor, kind: ImportKind, action: 'read' | 'write'): void {
  if (scopeRule(actor, ENTITY[kind], action).kind === 'none') throw forbidden();
}

function attachment(name: string): string {
  return `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  const { kysely } = app.deps;
  // Registered here only: multipart bodies are accepted by these routes and no others.
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5 } });

  app.get(
    '/imports/templates/:kind',
    {
      schema: {
        tags: ['imports'],
        summary: '导入模板 Import template (REG-9)',
        params: kindParams,
        response: { 200: z.unknown(), ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      mayUse(actor, request.params.kind, 'write');
      const body = await templateBuffer(request.params.kind, request.locale);
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', attachment(fileName(request.params.kind, 'template', request.locale)))
        .send(body);
    },
  );

  app.get(
    '/exports/:kind',
    {
      schema: {
        tags: ['imports'],
        summary: '导出 Export the records in scope, in the template’s columns (REG-9)',
        params: kindParams,
        querystring: exportQuery,
        response: { 200: z.unknown(), ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { kind } = request.params;
      mayUse(actor, kind, 'read');
      let prefix: string | null = null;
      if (request.query.regionCode) {
        const region = await kysely
          .selectFrom('region')
          .select(['code', 'prefix'])
          .where('code', '=', request.query.regionCode)
          .executeTakeFirst();
        if (!region || !allows(actor, 'region', 'read', { regionCode: region.code })) throw notFound();
        prefix = region.prefix;
      }
      const out = new PassThrough();
      const writer = exportWriter(kind, request.locale, out);
      void (async () => {
        for await (const page of exportPages(kysely, actor, kind, prefix))
          for (const record of page) writer.addRow(formatRow(kind, record));
        await writer.finish();
      })().catch((err: unknown) => {
        request.log.error({ err }, 'export failed');
        out.destroy(err instanceof Error ? err : new Error(String(err)));
      });
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', attachment(fileName(kind, 'export', request.locale)))
        .header('cache-control', 'no-store')
        .send(out);
    },
  );

  app.post(
    '/imports/:kind',
    {
      schema: {
        tags: ['imports'],
        summary: '导入 Import an .xlsx file as a job (multipart field "file"); 202 at once, or 200 when done with ?wait=true (REG-9)',
        params: kindParams,
        querystring: uploadQuery,
        consumes: ['multipart/form-data'],
        response: { 200: jobSchema, 202: jobSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { kind } = request.params;
      mayUse(actor, kind, 'write');
      if (!request.isMultipart()) throw invalidField('file', 'import.file_required');
      const part = await request.file();
      if (!part) throw invalidField('file', 'import.file_required');
      const file = path.join(tmpdir(), `hongtu-import-${randomUUID()}.xlsx`);
      let started = false;
      try {
        await pipeline(part.file, createWriteStream(file));
        if (part.file.truncated) throw invalidField('file', 'import.file_unreadable');
        const totalRows = await estimateDataRows(file).catch(() => {
          throw invalidField('file', 'import.file_unreadable');
        });
        const jobId = await createJob(kysely, actor, { kind, fileName: part.filename || 'upload.xlsx', totalRows });
        const run = runImport({
          db: kysely,
          actor,
          locale: request.locale,
          kind,
          jobId,
          file,
          log: (err) => request.log.error({ err }, 'import row failed'),
        }).finally(() => rm(file, { force: true }));
        started = true;
        if (request.query.wait === 'true') await run;
        else run.catch((err: unknown) => request.log.error({ err }, 'import failed'));
        const job = await findJob(kysely, jobId);
        return reply.status(request.query.wait === 'true' ? 200 : 202).send(presentJob(job!));
      } finally {
        if (!started) await rm(file, { force: true });
      }
    },
  );

  app.get(
    '/imports/:id',
    {
      schema: {
        tags: ['imports'],
        summary: '导入任务 Import job: progress and the row-by-row report (REG-9)',
        params: jobParams,
        response: { 200: jobSchema, 404: errorBodySchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await failAbandonedJobs({ db: kysely, actor, locale: request.locale });
      const job = await kysely
        .selectFrom('import_job')
        .selectAll()
        .where('id', '=', request.params.id)
        .where(scopeWhere(actor, 'import_job'))
        .executeTakeFirst();
      if (!job) throw notFound();
      return presentJob(job);
    },
  );

  app.get(
    '/imports',
    {
      schema: {
        tags: ['imports'],
        summary: '我的导入任务 My import jobs (REG-9)',
        querystring: jobsQuery,
        response: { 200: listOf(jobSummarySchema), 400: errorBodySchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await failAbandonedJobs({ db: kysely, actor, locale: request.locale });
      const base = kysely.selectFrom('import_job').where(scopeWhere(actor, 'import_job'));
      const [rows, total] = await Promise.all([
        base.selectAll().orderBy('id', 'desc').limit(request.query.limit).offset(request.query.offset).execute(),
        base.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map((r) => jobSummarySchema.parse(presentJob(r))), total: Number(total.n) };
    },
  );
};
