import type { ErrorBody, FieldError, Locale } from './types.ts';

/**
 * A small typed fetch client for the conventions in docs/API.md: JSON in and
 * out, the CSRF header on writes, the UI locale on every request, and one
 * error type carrying the server's per-field messages.
 */

const CSRF_COOKIE = 'hongtu_csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** `network` and `bad_response` are raised here, not by the server: their text comes from the UI dictionary. */
export type ClientErrorCode = 'network' | 'bad_response';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[];

  constructor(status: number, code: string, message: string, fields: FieldError[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}

let locale: Locale = 'zh-CN';
const unauthenticatedListeners = new Set<() => void>();

export function setApiLocale(next: Locale): void {
  locale = next;
}

/** Called on any 401 except from requests that expect one (the session probe, the login itself). */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

function readCookie(name: string): string | null {
  // Read on every write: the server rotates the token at sign-in, and another tab may have signed in again.
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

export type QueryValue = string | number | boolean | null | undefined;

export function buildQuery(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

export interface RequestOptions {
  query?: Record<string, QueryValue> | undefined;
  body?: unknown;
  /** A 401 is an expected answer (e.g. "am I signed in?"), not a reason to leave the page. */
  allowUnauthenticated?: boolean;
  signal?: AbortSignal | undefined;
  /** Extra request headers, e.g. an Idempotency-Key on a submission. */
  headers?: Record<string, string> | undefined;
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { ...options.headers, Accept: 'application/json', 'X-Locale': locale };
  // A file upload is multipart: the browser writes the content type with its boundary.
  const form = options.body instanceof FormData ? options.body : null;
  if (options.body !== undefined && !form) headers['Content-Type'] = 'application/json';
  if (!SAFE_METHODS.has(method)) {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) headers['X-CSRF-Token'] = csrf;
  }

  let response: Response;
  try {
    response = await fetch(path + buildQuery(options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: form ?? (options.body === undefined ? null : JSON.stringify(options.body)),
      signal: options.signal ?? null,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network' satisfies ClientErrorCode, '');
  }

  const text = await response.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text) as unknown;
    } catch {
      data = undefined;
    }
  }

  if (!response.ok) {
    if (response.status === 401 && !options.allowUnauthenticated) {
      for (const listener of unauthenticatedListeners) listener();
    }
    if (isErrorBody(data)) {
      throw new ApiError(response.status, data.error.code, data.error.message, data.error.fields ?? []);
    }
    throw new ApiError(response.status, 'bad_response' satisfies ClientErrorCode, '');
  }
  if (text && data === undefined) throw new ApiError(response.status, 'bad_response' satisfies ClientErrorCode, '');
  return data as T;
}

export const http = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, { ...options, body: body ?? {} }),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('PATCH', path, { ...options, body }),
  put: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('PUT', path, { ...options, body }),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
};
