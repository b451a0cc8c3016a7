import { sql, type Kysely } from 'kysely';
import type { Sweep } from '../../jobs/runner.ts';
import type { Database } from '../../db/schema.ts';

/**
 * DSH-1 moves the rollup's pending deltas into its rows (migration 023): writers only
 * append deltas, so none waits for another on a shared rollup row; the dashboard reads
 * rows and pending deltas together, so folding changes no figure, only how many rows a
 * figure reads. Safe beside another fold (each takes its own deltas). Returns how many moved.
 */
export async function foldMatterRollup(db: Kysely<Database>, batch = 20_000): Promise<number> {
  let moved = 0;
  for (;;) {
    const n = await sql<{ n: number }>`SELECT matter_rollup_fold(${batch}) AS n`.execute(db).then((r) => Number(r.rows[0]!.n));
    moved += n;
    if (n < batch) return moved;
  }
}

/** Every few seconds: the deltas stay few, so the dashboard's read of them stays short. */
export const matterRollupFoldSweep: Sweep = {
  name: 'matter-rollup-fold',
  everySeconds: 5,
  run: async (deps) => ({ processed: await foldMatterRollup(deps.kysely) }),
};
