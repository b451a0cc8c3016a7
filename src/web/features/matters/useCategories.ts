import { matterApi, type MatterCategory } from '../../api/matters.ts';
import { useLoader, type Loaded } from '../../ui/useLoader.ts';

let cached: Promise<MatterCategory[]> | null = null;

/** The category catalogue (the Open311 services), fetched once per tab. */
export function useCategories(): Loaded<MatterCategory[]> {
  return useLoader(() => {
    cached ??= matterApi.categories().then(
      (r) => r.items,
      (err: unknown) => {
        cached = null;
        throw err;
      },
    );
    return cached;
  }, []);
}
