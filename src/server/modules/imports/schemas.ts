import { z } from 'zod';
import { IMPORT_KINDS } from '../../../domain/registry/import-rows.ts';
import { idSchema, pageQuery, regionCodeSchema } from '../../http/schemas.ts';

export const kindParams = z.object({ kind: z.enum(IMPORT_KINDS) });
export const jobParams = z.object({ id: idSchema });
export const exportQuery = z.object({ regionCode: regionCodeSchema.optional() });
export const uploadQuery = z.object({
  /** Answer when the import has finished rather than at once (scripts, the CLI); the UI polls instead. */
  wait: z.enum(['true', 'false']).optional(),
});
export const jobsQuery = z.object({ ...pageQuery });

/** One row-level problem, already in the uploader's language. */
export const rowErrorSchema = z.object({
  row: z.number().int(),
  /** The column's header as the template shows it; empty for a problem with the whole row or file. */
  column: z.string(),
  field: z.string(),
  message: z.string(),
});
export type RowError = z.infer<typeof rowErrorSchema>;

export const jobSchema = z.object({
  id: z.string(),
  kind: z.enum(IMPORT_KINDS),
  fileName: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  totalRows: z.number().int(),
  processed: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  failed: z.number().int(),
  /** At most the first 1,000 problems are kept; `failed` counts them all. */
  errors: z.array(rowErrorSchema),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportJobView = z.infer<typeof jobSchema>;

/** The job as the list shows it: without the error report. */
export const jobSummarySchema = jobSchema.omit({ errors: true });
