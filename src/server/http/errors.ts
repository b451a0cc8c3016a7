import { z } from 'zod';
import type { Locale } from '../db/schema.ts';
import { isMessageKey, t, type MessageKey } from '../i18n/messages.ts';

export type ErrorCode =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'csrf'
  | 'locked'
  | 'rate_limited'
  | 'internal';

export interface FieldIssue {
  path: string;
  /** A message key (translated when presented) or a raw Zod issue. */
  key?: MessageKey;
  params?: Record<string, string | number>;
  zodIssue?: z.core.$ZodIssue;
}

const STATUS: Record<ErrorCode, number> = {
  validation: 400,
  unauthenticated: 401,
  csrf: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  locked: 423,
  rate_limited: 429,
  internal: 500,
};

const DEFAULT_KEY: Record<ErrorCode, MessageKey> = {
  validation: 'error.validation',
  unauthenticated: 'error.unauthenticated',
  csrf: 'error.csrf',
  forbidden: 'error.forbidden',
  not_found: 'error.not_found',
  conflict: 'error.conflict',
  locked: 'auth.locked',
  rate_limited: 'error.rate_limited',
  internal: 'error.internal',
};

/** An expected failure: carries its code, a message key and field issues; presented in the caller's language. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly key: MessageKey;
  readonly params: Record<string, string | number>;
  readonly fields: FieldIssue[];

  constructor(code: ErrorCode, opts: { key?: MessageKey; params?: Record<string, string | number>; fields?: FieldIssue[] } = {}) {
    super(opts.key ?? DEFAULT_KEY[code]);
    this.code = code;
    this.status = STATUS[code];
    this.key = opts.key ?? DEFAULT_KEY[code];
    this.params = opts.params ?? {};
    this.fields = opts.fields ?? [];
  }
}

export const notFound = () => new AppError('not_found');
export const forbidden = () => new AppError('forbidden');
export const conflict = () => new AppError('conflict');
/** One invalid field, e.g. a business rule that Zod cannot see (an unknown region code). */
export const invalidField = (path: string, key: MessageKey, params?: Record<string, string | number>) =>
  new AppError('validation', { fields: [{ path, key, ...(params ? { params } : {}) }] });

/** A referenced record the caller cannot see: 404, naming the field, revealing nothing more. */
export const unknownReference = (path: string) => new AppError('not_found', { fields: [{ path, key: 'field.organisation_unknown' }] });
/** A target outside the caller's scope (creating into another street): 403, naming the field. */
export const outOfScopeField = (path: string) => new AppError('forbidden', { fields: [{ path, key: 'field.region_out_of_scope' }] });

export function fromZodIssues(issues: readonly z.core.$ZodIssue[], prefix?: string): AppError {
  return new AppError('validation', {
    fields: issues.map((issue) => ({
      path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
      zodIssue: issue,
    })),
  });
}

const zodLocales = { 'zh-CN': z.locales.zhCN().localeError, en: z.locales.en().localeError };

function zodMessage(issue: z.core.$ZodIssue, locale: Locale): string {
  // Schemas name our own message keys for rules Zod has no words for (check digits, formats).
  if (isMessageKey(issue.message)) return t(locale, issue.message);
  const out = zodLocales[locale](issue as never);
  if (typeof out === 'string') return out;
  return out?.message ?? issue.message;
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; fields: { path: string; message: string }[] };
}

export function presentError(err: AppError, locale: Locale): ErrorBody {
  return {
    error: {
      code: err.code,
      message: t(locale, err.key, err.params),
      fields: err.fields.map((f) => ({
        path: f.path,
        message: f.key ? t(locale, f.key, f.params) : f.zodIssue ? zodMessage(f.zodIssue, locale) : '',
      })),
    },
  };
}

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ path: z.string(), message: z.string() })),
  }),
});
