import type { FormInstance } from 'antd';
import { useCallback, useState } from 'react';
import { ApiError } from '../api/client.ts';
import type { FieldError } from '../api/types.ts';

type NamePath = (string | number)[];

/** `posts.0.title` → ['posts', 0, 'title']; the `body.` prefix some validators add is not part of the form. */
export function toNamePath(path: string): NamePath {
  const parts = path.split('.').filter(Boolean);
  if (parts[0] === 'body') parts.shift();
  return parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/**
 * Puts each server field message next to its form field (SEC-3) and returns
 * the messages no field could show, so the alert can list them instead.
 */
export function applyFieldErrors(form: FormInstance, fields: FieldError[], rename: Record<string, string> = {}): FieldError[] {
  const known = new Set(form.getFieldsError().map((f) => f.name.join('.')));
  const placed = new Map<string, { name: NamePath; errors: string[] }>();
  const rest: FieldError[] = [];
  for (const field of fields) {
    const name = toNamePath(rename[field.path] ?? field.path);
    const key = name.join('.');
    if (!known.has(key)) {
      rest.push(field);
      continue;
    }
    const entry = placed.get(key) ?? { name, errors: [] };
    entry.errors.push(field.message);
    placed.set(key, entry);
  }
  form.setFields([...placed.values()]);
  return rest;
}

export interface FormErrorState {
  error: unknown;
  unplaced: FieldError[];
  /** Shows a failed submit: field messages on the fields, the rest in the alert. */
  show: (err: unknown) => void;
  clear: () => void;
}

export function useFormErrors(form: FormInstance, rename?: Record<string, string>): FormErrorState {
  const [error, setError] = useState<unknown>(null);
  const [unplaced, setUnplaced] = useState<FieldError[]>([]);
  const show = useCallback(
    (err: unknown) => {
      setError(err);
      setUnplaced(err instanceof ApiError ? applyFieldErrors(form, err.fields, rename) : []);
    },
    [form, rename],
  );
  const clear = useCallback(() => {
    setError(null);
    setUnplaced([]);
  }, []);
  return { error, unplaced, show, clear };
}
