import { useEffect, useState } from 'react';
import { regionApi } from '../../api/resources.ts';
import type { RegionSummary } from '../../api/types.ts';
import { useDebounced } from '../../ui/useDebounced.ts';

export interface RegionSearchState {
  results: RegionSummary[];
  searching: boolean;
  error: unknown;
}

/** Regions whose name matches `query` (GET /api/regions?q=), as the user types. */
export function useRegionSearch(query: string): RegionSearchState {
  const settled = useDebounced(query.trim());
  const [state, setState] = useState<RegionSearchState>({ results: [], searching: false, error: null });

  useEffect(() => {
    if (!settled) {
      setState({ results: [], searching: false, error: null });
      return;
    }
    let cancelled = false;
    setState((s) => ({ ...s, searching: true }));
    regionApi
      .search(settled)
      .then(({ items }) => {
        if (!cancelled) setState({ results: items, searching: false, error: null });
      })
      .catch((error: unknown) => {
        if (!cancelled) setState({ results: [], searching: false, error });
      });
    return () => {
      cancelled = true;
    };
  }, [settled]);

  return state;
}
