import type { Locale } from '../server/db/schema.ts';
import { AppError, presentError } from '../server/http/errors.ts';

/** A failure the operator can act on: printed without a stack, exit code 1. */
export class CliError extends Error {}

export function cliLocale(env: NodeJS.ProcessEnv = process.env): Locale {
  return /^zh/i.test(env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? '') ? 'zh-CN' : 'en';
}

/** An error as lines a person reads in a terminal: the message, then each invalid field. */
export function describeError(err: unknown, locale: Locale = cliLocale()): string {
  if (err instanceof CliError) return err.message;
  if (err instanceof AppError) {
    const body = presentError(err, locale).error;
    return [body.message, ...body.fields.map((f) => `  ${f.path}: ${f.message}`)].join('\n');
  }
  return err instanceof Error ? err.message : String(err);
}
