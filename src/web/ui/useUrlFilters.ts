import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';

export interface UrlFilters {
  get: (key: string) => string | undefined;
  /** 1-based page number from `?page=`. */
  page: number;
  /** Sets or clears the given keys; any change but a page change goes back to page 1. */
  update: (changes: Record<string, string | undefined>) => void;
}

/** List filters kept in the query string, so a filtered list can be bookmarked and Back restores it. */
export function useUrlFilters(): UrlFilters {
  const [params, setParams] = useSearchParams();
  const update = useCallback(
    (changes: Record<string, string | undefined>) => {
      setParams((current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        if (!('page' in changes)) next.delete('page');
        return next;
      });
    },
    [setParams],
  );
  return {
    get: (key) => params.get(key) ?? undefined,
    page: Math.max(1, Number(params.get('page') ?? '1') || 1),
    update,
  };
}
