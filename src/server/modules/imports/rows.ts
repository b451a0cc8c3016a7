import type { Transaction } from 'kysely';
import type { z } from 'zod';
import { COLUMNS, type CellIssue, type FieldValue, type ImportKind } from '../../../domain/registry/import-rows.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Database, Locale } from '../../db/schema.ts';
import { fromZodIssues, presentError, type AppError } from '../../http/errors.ts';
import { t, type MessageKey } from '../../i18n/messages.ts';
import type { RowError } from './schemas.ts';

/** What every batch processor gets: one transaction per batch, the uploader, and the day changes take effect. */
export interface BatchContext {
  trx: Transaction<Database>;
  actor: Actor;
  locale: Locale;
  today: string;
  jobId: string;
  errors: RowErrors;
  /** Region codes already looked up in this job. */
  regions: Map<string, boolean>;
}

export interface ParsedRow {
  row: number;
  values: Record<string, FieldValue>;
}

export interface BatchOutcome {
  created: string[];
  updated: string[];
  unchanged: number;
  errors: RowError[];
}

export type BatchProcessor = (ctx: BatchContext, rows: readonly ParsedRow[]) => Promise<BatchOutcome>;

/**
 * Row errors in the uploader's language, naming the column as the template
 * heads it. Schema fields that are not columns (a resolved id) name the column
 * the value came from.
 */
export class RowErrors {
  constructor(
    private readonly kind: ImportKind,
    private readonly locale: Locale,
    private readonly fieldColumns: Record<string, string> = {},
  ) {}

  private column(field: string): { field: string; column: string } {
    const key = this.fieldColumns[field] ?? field;
    const spec = COLUMNS[this.kind].find((c) => c.key === key);
    return { field: spec ? key : field, column: spec ? spec.header[this.locale] : '' };
  }

  key(row: number, field: string, key: MessageKey, params?: Record<string, string | number>): RowError {
    return { row, ...this.column(field), message: t(this.locale, key, params) };
  }

  cell(row: number, issue: CellIssue): RowError {
    return this.key(row, issue.column, issue.key, issue.params);
  }

  /** Zod issues, worded exactly as the API words them. */
  zod(row: number, issues: readonly z.core.$ZodIssue[]): RowError[] {
    return presentError(fromZodIssues(issues), this.locale).error.fields.map((f) => ({
      row,
      ...this.column(f.path.split('.')[0] ?? ''),
      message: f.message,
    }));
  }

  /** A command's AppError (field issues) as row errors. */
  app(row: number, err: AppError): RowError[] {
    const body = presentError(err, this.locale).error;
    if (body.fields.length === 0) return [{ row, field: '', column: '', message: body.message }];
    return body.fields.map((f) => ({ row, ...this.column(f.path), message: f.message }));
  }
}

/** Field values as the schemas take them: empty cells are absent (null would mean "clear"). */
export function present(values: Record<string, FieldValue>): Record<string, FieldValue> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null));
}

/**
 * A row refused after part of it was written: the batch's transaction is rolled
 * back and its rows are retried one by one, so only this row fails, leaving nothing.
 */
export class RowRefused extends Error {
  constructor(readonly error: RowError) {
    super(error.message);
  }
}
