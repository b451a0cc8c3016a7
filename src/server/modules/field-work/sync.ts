import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Actor } from '../../auth/actor.ts';
import type { Secrets } from '../../auth/secrets.ts';
import type { Database, Locale } from '../../db/schema.ts';
import { AppError, fromZodIssues, presentError } from '../../http/errors.ts';
import { recordInspection, recordMediation, recordUpkeep, recordVisit, type Recorded } from './commands.ts';
import { inspectionInput, mediationInput, SYNC_KINDS, upkeepInput, visitInput, type SyncKind } from './schemas.ts';

type Db = Kysely<Database>;

export interface SyncResult {
  clientId: string;
  kind: string;
  status: 'created' | 'exists' | 'error';
  id: string | null;
  error: ReturnType<typeof presentError>['error'] | null;
}

function parse<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const r = schema.safeParse(value, { reportInput: true });
  if (!r.success) throw fromZodIssues(r.error.issues);
  return r.data;
}

/**
 * GRD-3 the phone's offline queue, sent as one batch when the connection is back. Records are
 * taken one by one, each in its own transaction, and answered one by one: created, already
 * there (its client id was stored before — a retried batch changes nothing), or the error a
 * single request would have had. One bad record does not hold back the others.
 */
export async function syncRecords(opts: {
  db: Db;
  actor: Actor;
  secrets: Secrets;
  records: readonly { kind: string; clientId: string }[];
  locale: Locale;
}): Promise<SyncResult[]> {
  const { db, actor, secrets, locale } = opts;
  const results: SyncResult[] = [];
  for (const record of opts.records) {
    const answer = (status: SyncResult['status'], id: string | null, error: SyncResult['error'] = null) =>
      results.push({ clientId: record.clientId, kind: record.kind, status, id, error });
    try {
      if (!(SYNC_KINDS as readonly string[]).includes(record.kind))
        throw new AppError('validation', { fields: [{ path: 'kind', key: 'field.raise_kind' }] });
      const kind = record.kind as SyncKind;
      let done: Recorded;
      switch (kind) {
        case 'visit':
          done = await recordVisit({ db, actor, input: parse(visitInput, record) });
          break;
        case 'upkeep':
          done = await recordUpkeep({ db, actor, input: parse(upkeepInput, record) });
          break;
        case 'inspection':
          done = await recordInspection({ db, actor, input: parse(inspectionInput, record) });
          break;
        case 'mediation':
          done = await recordMediation({ db, actor, secrets, input: parse(mediationInput, record) });
          break;
      }
      answer(done.created ? 'created' : 'exists', done.id);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      answer('error', null, presentError(err, locale).error);
    }
  }
  return results;
}
