import { sql, type Transaction } from 'kysely';
import { rollUpProgress } from '../../../domain/lists/progress.ts';
import type { Database } from '../../db/schema.ts';

/**
 * LST-4 stores a project's rolled-up progress and walks up its parents, each of which rolls
 * up its milestones and its children again. Called in the transaction that changed a
 * milestone, a child or a status, so the stored figures never disagree with their parts.
 */
export async function refreshProgress(trx: Transaction<Database>, projectId: string): Promise<void> {
  const seen = new Set<string>();
  for (let id: string | null = projectId; id !== null && !seen.has(id);) {
    seen.add(id);
    const project = await trx
      .selectFrom('project')
      .select(['id', 'status', 'progress', 'parent_id'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!project) return;
    const [milestones, children] = await Promise.all([
      trx.selectFrom('project_milestone').select(['weight', 'done']).where('project_id', '=', id).execute(),
      trx.selectFrom('project').select(['weight', 'progress', 'status']).where('parent_id', '=', id).execute(),
    ]);
    const { progress } = rollUpProgress({
      status: project.status,
      milestones: milestones.map((m) => ({ weight: Number(m.weight), done: m.done })),
      children: children.map((c) => ({ weight: Number(c.weight), progress: Number(c.progress), status: c.status })),
      current: Number(project.progress),
    });
    if (Math.abs(progress - Number(project.progress)) > 1e-9)
      await trx
        .updateTable('project')
        .set({ progress, updated_at: sql`now()` })
        .where('id', '=', id)
        .execute();
    id = project.parent_id;
  }
}
