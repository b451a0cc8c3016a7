import { sql, type Kysely } from 'kysely';
import { parseRow, type FieldValue, type ImportKind } from '../../../domain/registry/import-rows.ts';
import { chinaDate } from '../../../domain/time.ts';
import type { Actor } from '../../auth/actor.ts';
import { scopeWhere } from '../../db/scoped.ts';
import type { Database, Locale } from '../../db/schema.ts';
import { AppError } from '../../http/errors.ts';
import { t } from '../../i18n/messages.ts';
import { recomputeAllPolicyResults } from '../policy-results/recompute.ts';
import { importBuildings } from './import-buildings.ts';
import { importEnterprises } from './import-enterprises.ts';
import { importLeases } from './import-leases.ts';
import { RowErrors, RowRefused, type BatchOutcome, type BatchProcessor, type ParsedRow } from './rows.ts';
import type { ImportJobView, RowError } from './schemas.ts';
import { readDataRows } from './reader.ts';
export { estimateDataRows } from './reader.ts';

/**
 * REG-9 an import job: the file is read twice as a stream (once to count its
 * rows for the progress bar, once to import them), so memory stays flat for
 * any size. Rows go in batches, each in its own transaction with one audit
 * row; progress and the error report are written to `import_job` after every
 * batch so the UI can poll. A batch that fails as a whole (a race on a unique
 * key) is retried one row at a time, so one bad row costs only itself.
 */
export const BATCH_ROWS = 500;
/** The report keeps the first thousand problems; `failed` counts every failed row. */
const MAX_STORED_ERRORS = 1000;
/** A running job's worker touches its heartbeat at least this often, even inside one long batch. */
export const HEARTBEAT_MS = 15_000;
/** A running job silent for this long has lost its worker: several missed beats, so a busy database is not mistaken for a crash. */
export const ABANDONED_AFTER_MS = 120_000;

const PROCESSORS: Record<ImportKind, BatchProcessor> = { buildings: importBuildings, enterprises: importEnterprises, leases: importLeases };
/** Schema fields that are not columns, by the column their value came from. */
const FIELD_COLUMNS: Record<ImportKind, Record<string, string>> = {
  buildings: {},
  enterprises: {},
  leases: { buildingId: 'buildingName', enterpriseId: 'enterpriseCreditCode' },
};

/** A row's natural key: the same record twice in one file is reported, not imported twice. */
function naturalKey(kind: ImportKind, v: Record<string, FieldValue>): string {
  const s = (k: string) => String(v[k] ?? '').trim();
  switch (kind) {
    case 'buildings':
      return `${s('regionCode')}|${s('name')}`;
    case 'enterprises':
      return s('creditCode').toUpperCase();
    case 'leases':
      return (
        s('externalRef') || `${s('buildingRegionCode')}|${s('buildingName')}|${s('enterpriseCreditCode').toUpperCase()}|${s('startOn')}`
      );
  }
}

export async function createJob(
  db: Kysely<Database>,
  actor: Actor,
  o: { kind: ImportKind; fileName: string; totalRows: number },
): Promise<string> {
  const row = await db
    .insertInto('import_job')
    .values({
      kind: o.kind,
      file_name: o.fileName,
      status: 'running',
      total_rows: o.totalRows,
      actor_user_id: actor.userId === '0' ? null : actor.userId,
      region_code: actor.regionCode,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface RunOptions {
  db: Kysely<Database>;
  actor: Actor;
  locale: Locale;
  kind: ImportKind;
  jobId: string;
  file: string;
  log?: (err: unknown) => void;
}

export async function runImport(o: RunOptions): Promise<void> {
  const errors = new RowErrors(o.kind, o.locale, FIELD_COLUMNS[o.kind]);
  const totals = { processed: 0, created: 0, updated: 0, unchanged: 0, failed: 0 };
  // The job starts with an estimate of its rows; rows that turn out to hold no data come off it, and the end makes it exact.
  const job = await o.db.selectFrom('import_job').select('total_rows').where('id', '=', o.jobId).executeTakeFirstOrThrow();
  let total = job.total_rows;
  const stored: RowError[] = [];
  const report = (list: readonly RowError[]) => {
    for (const e of list) if (stored.length < MAX_STORED_ERRORS) stored.push(e);
  };
  const save = (status: 'running' | 'done' | 'failed') =>
    o.db
      .updateTable('import_job')
      .set({
        ...totals,
        total_rows: status === 'running' ? Math.max(total, totals.processed) : totals.processed,
        errors: JSON.stringify([...stored].sort((a, b) => a.row - b.row)),
        status,
        heartbeat_at: new Date(),
        ...(status === 'running' ? {} : { finished_at: new Date() }),
      })
      .where('id', '=', o.jobId)
      .execute();
  const today = chinaDate();
  const regions = new Map<string, boolean>();
  const runBatch = async (batch: ParsedRow[]): Promise<BatchOutcome> => {
    try {
      return await o.db
        .transaction()
        .execute((trx) => PROCESSORS[o.kind]({ trx, actor: o.actor, locale: o.locale, today, jobId: o.jobId, errors, regions }, batch));
    } catch (err) {
      if (batch.length > 1) {
        const sum: BatchOutcome = { created: [], updated: [], unchanged: 0, errors: [] };
        for (const row of batch) {
          const one = await runBatch([row]);
          sum.created.push(...one.created);
          sum.updated.push(...one.updated);
          sum.unchanged += one.unchanged;
          sum.errors.push(...one.errors);
        }
        return sum;
      }
      const row = batch[0]!.row;
      if (err instanceof RowRefused) return { created: [], updated: [], unchanged: 0, errors: [err.error] };
      if (err instanceof AppError) return { created: [], updated: [], unchanged: 0, errors: errors.app(row, err) };
      o.log?.(err);
      return { created: [], updated: [], unchanged: 0, errors: [errors.key(row, '', 'import.row_failed')] };
    }
  };
  const flush = async (batch: ParsedRow[], skipped: number) => {
    const outcome = batch.length ? await runBatch(batch) : { created: [], updated: [], unchanged: 0, errors: [] };
    totals.processed += batch.length + skipped;
    totals.created += outcome.created.length;
    totals.updated += outcome.updated.length;
    totals.unchanged += outcome.unchanged;
    totals.failed += new Set(outcome.errors.map((e) => e.row)).size;
    report(outcome.errors.sort((a, b) => a.row - b.row));
    await save('running');
  };

  const beat = setInterval(() => {
    o.db
      .updateTable('import_job')
      .set({ heartbeat_at: new Date() })
      .where('id', '=', o.jobId)
      .where('status', '=', 'running')
      .execute()
      .catch((err: unknown) => o.log?.(err));
  }, HEARTBEAT_MS);
  // The timer only reports liveness; it must not keep a finished process alive.
  beat.unref();
  try {
    const seen = new Map<string, number>();
    let batch: ParsedRow[] = [];
    let skipped = 0;
    let inflight: Promise<void> = Promise.resolve();
    // One batch is written while the next is read and checked: the database and the parser work at the same time.
    const queue = async (rows: ParsedRow[], skippedRows: number) => {
      await inflight;
      inflight = flush(rows, skippedRows);
      inflight.catch(() => {}); // awaited at the next batch or at the end; this only stops an early "unhandled" report
    };
    for await (const { row, cells } of readDataRows(o.file, o.kind, () => total--)) {
      const { values, issues } = parseRow(o.kind, cells);
      const key = naturalKey(o.kind, values);
      const earlier = seen.get(key);
      if (issues.length || earlier !== undefined) {
        // Rows that fail on their own cells never reach the database.
        report(
          issues.length ? issues.map((i) => errors.cell(row, i)) : [errors.key(row, '', 'import.duplicate_in_file', { row: earlier! })],
        );
        totals.failed++;
        skipped++;
      } else {
        seen.set(key, row);
        batch.push({ row, values });
      }
      if (batch.length + skipped >= BATCH_ROWS) {
        await queue(batch, skipped);
        batch = [];
        skipped = 0;
      }
    }
    await queue(batch, skipped);
    await inflight;
    // POL-3 imported enterprises and leases are profile changes like any other: results follow them.
    // One pass over the catalogue after the file (seconds at 100,000 enterprises) rather than a
    // re-match per row, which would cost more than the import itself; newly eligible ones are pushed once.
    if (o.kind !== 'buildings' && totals.created + totals.updated > 0) {
      await o.db.transaction().execute((trx) => recomputeAllPolicyResults({ trx, asOf: chinaDate() }));
    }
    await save('done');
  } catch (err) {
    o.log?.(err);
    report([errors.key(0, '', 'import.job_failed')]);
    await save('failed');
  } finally {
    clearInterval(beat);
  }
}

/**
 * REG-9 marks the actor's running jobs whose worker is gone (no heartbeat for
 * ABANDONED_AFTER_MS: the process crashed or restarted mid-import) as failed, with a
 * message in the actor's language saying to import the file again. Called before jobs
 * are read, so a job never shows "running" forever; it works across app instances
 * because it trusts only the heartbeat, never which process is asking.
 */
export async function failAbandonedJobs(opts: { db: Kysely<Database>; actor: Actor; locale: Locale; now?: Date }): Promise<number> {
  const cutoff = new Date((opts.now ?? new Date()).getTime() - ABANDONED_AFTER_MS);
  const problem: RowError = { row: 0, column: '', field: '', message: t(opts.locale, 'import.job_abandoned') };
  const rows = await opts.db
    .updateTable('import_job')
    .set({
      status: 'failed',
      finished_at: new Date(),
      errors: sql<string>`errors || ${JSON.stringify([problem])}::jsonb`,
    })
    .where('status', '=', 'running')
    .where('heartbeat_at', '<', cutoff)
    .where(scopeWhere(opts.actor, 'import_job'))
    .returning('id')
    .execute();
  return rows.length;
}

type JobRow = Awaited<ReturnType<typeof findJob>>;

export function findJob(db: Kysely<Database>, id: string) {
  return db.selectFrom('import_job').selectAll().where('id', '=', id).executeTakeFirst();
}

export function presentJob(row: NonNullable<JobRow>): ImportJobView {
  return {
    id: row.id,
    kind: row.kind,
    fileName: row.file_name,
    status: row.status,
    totalRows: row.total_rows,
    processed: row.processed,
    created: row.created,
    updated: row.updated,
    unchanged: row.unchanged,
    failed: row.failed,
    errors: Array.isArray(row.errors) ? (row.errors as RowError[]) : [],
    createdAt: row.created_at.toISOString(),
    finishedAt: row.finished_at ? row.finished_at.toISOString() : null,
  };
}
