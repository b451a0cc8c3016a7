import { sql, type Kysely } from 'kysely';
import { chinaDate } from '../../domain/time.ts';
import type { Sweep } from '../jobs/runner.ts';
import type { Database } from './schema.ts';
import type { Db } from './index.ts';

/**
 * Tables whose rows are deleted or rewritten all day: the dashboard's delta queue (appended by
 * every step, emptied by the fold every few seconds), the outbox, the audit log (each row rewritten
 * once by the chainer), notifications (read marks), the rollup (folded into), matters (a row per
 * step) and their events. Without a vacuum they keep every dead row version, and partial indexes
 * keep their dead entries (the chainer's unlinked rows, the sweep's due matters).
 */
export const CHURNING_TABLES = [
  'matter_rollup_delta',
  'matter_rollup',
  'outbox',
  'audit_log',
  'notification',
  'matter',
  'dispatch_slip',
] as const;

const LAST_FULL_KEY = 'upkeep.last_full_vacuum';

/**
 * A PostgreSQL server vacuums and analyses by itself (autovacuum); the embedded PGlite never does,
 * and a server may have autovacuum turned off. Then this process does it.
 */
export async function needsOwnUpkeep(db: Pick<Db, 'backend' | 'kysely'>): Promise<boolean> {
  if (db.backend === 'pglite') return true;
  const row = await sql<{ on: boolean }>`SELECT current_setting('autovacuum')::boolean AS on`.execute(db.kysely);
  return !row.rows[0]!.on;
}

/** China hours (02:00–04:59) in which the whole database is vacuumed, once a night. */
const NIGHT = { from: 2, to: 5 };

/**
 * Vacuums and analyses the churning tables, and once a night (China time) the whole database
 * (statistics for the planner, the rest of the dead rows). VACUUM runs outside any transaction;
 * on PGlite it holds the one connection while it runs: milliseconds to a few hundred on the
 * churning tables, longer for the whole of a large database — hence at night.
 */
export async function upkeepDatabase(opts: { db: Kysely<Database>; now?: Date }): Promise<{ full: boolean }> {
  const now = opts.now ?? new Date();
  const today = chinaDate(now);
  const hour = (now.getUTCHours() + 8) % 24;
  const last = await opts.db.selectFrom('app_setting').select('value').where('key', '=', LAST_FULL_KEY).executeTakeFirst();
  const full = hour >= NIGHT.from && hour < NIGHT.to && last?.value !== today;
  if (full) {
    await sql`VACUUM (ANALYZE)`.execute(opts.db);
    await opts.db
      .insertInto('app_setting')
      .values({ key: LAST_FULL_KEY, value: JSON.stringify(today) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(today) }))
      .execute();
  } else {
    await sql`VACUUM (ANALYZE) ${sql.join(CHURNING_TABLES.map((t) => sql.table(t)))}`.execute(opts.db);
  }
  return { full };
}

/** Every ten minutes, where nothing else vacuums (PGlite, or a server with autovacuum off). */
export const databaseUpkeepSweep: Sweep = {
  name: 'database-upkeep',
  everySeconds: 600,
  run: async (deps) => {
    if (!(await needsOwnUpkeep(deps.db))) return { processed: 0 };
    await upkeepDatabase({ db: deps.kysely });
    return { processed: 1 };
  },
};
