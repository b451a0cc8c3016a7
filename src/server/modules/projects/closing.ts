import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Actor } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';
import { AppError, invalidField, notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/chain.ts';
import { lockRunningProject, projectReadable } from './access.ts';
import { refreshProgress } from './progress.ts';

type Db = Kysely<Database>;

/** Evidence files are kept in the database (migration 015); this bounds each one. */
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;
export const MAX_EVIDENCE_FILES = 20;

/** LST-4 closing evidence (佐证材料): a photo, a signed acceptance, a report — added while the project runs. */
export async function addEvidence(opts: {
  db: Db;
  actor: Actor;
  id: string;
  file: { name: string; mimeType: string; content: Buffer };
}): Promise<{ id: string }> {
  const { db, actor, id, file } = opts;
  if (file.content.length === 0) throw invalidField('file', 'field.file_required');
  if (file.content.length > MAX_EVIDENCE_BYTES)
    throw invalidField('file', 'field.file_too_large', { mb: MAX_EVIDENCE_BYTES / 1024 / 1024 });
  return db.transaction().execute(async (trx) => {
    const row = await lockRunningProject(trx, actor, id);
    const count = await trx
      .selectFrom('project_evidence')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('project_id', '=', id)
      .executeTakeFirstOrThrow();
    if (Number(count.n) >= MAX_EVIDENCE_FILES) throw invalidField('file', 'field.file_too_large', { mb: MAX_EVIDENCE_BYTES / 1024 / 1024 });
    const sha256 = createHash('sha256').update(file.content).digest('hex');
    const inserted = await trx
      .insertInto('project_evidence')
      .values({
        project_id: id,
        file_name: file.name.slice(0, 200) || 'evidence',
        mime_type: file.mimeType.slice(0, 100) || 'application/octet-stream',
        size_bytes: file.content.length,
        sha256,
        content: file.content,
        uploaded_by: actor.userId === '0' ? null : actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      action: 'project.evidence_add',
      entity: 'project',
      entityId: id,
      regionCode: row.region_code,
      after: { evidenceId: inserted.id, fileName: file.name, sizeBytes: file.content.length, sha256 },
    });
    return { id: inserted.id };
  });
}

export async function readEvidence(db: Db, actor: Actor, projectId: string, evidenceId: string) {
  const row = await db
    .selectFrom('project_evidence')
    .innerJoin('project', 'project.id', 'project_evidence.project_id')
    .select(['project_evidence.file_name', 'project_evidence.mime_type', 'project_evidence.content'])
    .where('project_evidence.id', '=', evidenceId)
    .where('project_evidence.project_id', '=', projectId)
    .where(projectReadable(actor))
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

/**
 * LST-4 closing (结项): done with a short report and at least one evidence file — its needs
 * are then done too — or cancelled with the reason, its needs open again for another match.
 * A parent waits for its running sub-projects.
 */
export async function closeProject(opts: {
  db: Db;
  actor: Actor;
  id: string;
  input: { outcome: 'done' | 'cancelled'; report: string };
}): Promise<void> {
  const { db, actor, id, input } = opts;
  await db.transaction().execute(async (trx) => {
    const row = await lockRunningProject(trx, actor, id);
    const running = await trx
      .selectFrom('project')
      .select('id')
      .where('parent_id', '=', id)
      .where('status', '=', 'in_progress')
      .executeTakeFirst();
    if (running) throw new AppError('conflict', { key: 'list.children_open' });
    if (input.outcome === 'done') {
      const evidence = await trx.selectFrom('project_evidence').select('id').where('project_id', '=', id).executeTakeFirst();
      if (!evidence)
        throw new AppError('validation', { key: 'list.evidence_required', fields: [{ path: 'evidence', key: 'list.evidence_required' }] });
    }
    const now = new Date();
    await trx
      .updateTable('project')
      .set({
        status: input.outcome,
        closing_report: input.report,
        closed_at: now,
        closed_by: actor.userId === '0' ? null : actor.userId,
        updated_at: now,
        version: row.version + 1,
      })
      .where('id', '=', id)
      .execute();
    if (input.outcome === 'done') {
      await trx
        .updateTable('need')
        .set({ status: 'done', done_at: now, updated_at: now, version: sql`version + 1` })
        .where('project_id', '=', id)
        .where('status', '=', 'in_project')
        .execute();
    } else {
      await trx
        .updateTable('need')
        .set({ status: 'open', project_id: null, updated_at: now, version: sql`version + 1` })
        .where('project_id', '=', id)
        .where('status', '=', 'in_project')
        .execute();
    }
    await refreshProgress(trx, id);
    if (row.parent_id) await refreshProgress(trx, row.parent_id);
    await recordAudit(trx, {
      actor,
      action: 'project.close',
      entity: 'project',
      entityId: id,
      regionCode: row.region_code,
      before: { status: row.status, progress: Number(row.progress) },
      after: { status: input.outcome, report: input.report },
    });
  });
}
