import type { Kysely } from 'kysely';
import { categoryRelatedness } from '../../../domain/lists/categories.ts';
import { servesArea } from '../../../domain/lists/factors.ts';
import { buildResourceIndex, rankResources, type ResourceIndex } from '../../../domain/lists/resource-index.ts';
import { scoreMatch } from '../../../domain/lists/score.ts';
import type { ListNeed, ListResource, MatchPair, MatchScore } from '../../../domain/lists/types.ts';
import type { Database } from '../../db/schema.ts';
import { MATCHING_RESOURCE_COLUMNS, toListResource } from './engine.ts';

/**
 * LST-3 one resource index for the whole installation (every resource usable on the day),
 * plus the resources changed since it was built. The index only reads the buckets whose
 * area contains the need, so one index serves every street; an index per street (as before)
 * held the city's and district's resources once per street and, with more streets than
 * cache slots, was rebuilt on most requests (bench/lists-api.ts: p50 168 ms on 10,000 rows).
 *
 * Every insert or update of a resource takes a new `change_seq` (migration 015). A request
 * reads max(change_seq) (one indexed read); when it moved, the rows changed since the build
 * are read by that index (cached per sequence number), left out of the index's search and
 * scored directly — so confirming a match (which uses capacity) never forces a rebuild, which
 * costs seconds of CPU at 100,000 resources. Past `maxChanged` changed rows the index is rebuilt.
 * The text weights (idf) stay those of the build until then: a handful of rows hardly moves them.
 */
interface Entry {
  seq: string;
  asOf: string;
  index: ResourceIndex;
}

interface Changed {
  fromSeq: string;
  toSeq: string;
  /** Every changed row's id: left out of the index's search. */
  ids: string[];
  /** The changed rows still usable (active): scored directly. */
  usable: ListResource[];
}

export interface CurrentIndex {
  index: ResourceIndex;
  changed: Changed | null;
}

export class ResourceIndexCache {
  private entry: Entry | null = null;
  private pending: Promise<Entry> | null = null;
  private changed: Changed | null = null;
  builds = 0;

  constructor(private readonly maxChanged = 2000) {}

  /** `seq`: max(change_seq) when the caller already read it with its own query. */
  async current(db: Kysely<Database>, asOf: string, knownSeq?: string): Promise<CurrentIndex> {
    const seq = knownSeq ?? (await currentResourceSeq(db));
    let entry = this.entry;
    if (!entry || entry.asOf !== asOf) entry = await this.build(db, asOf);
    if (BigInt(entry.seq) >= BigInt(seq)) return { index: entry.index, changed: null };
    const changed = await this.changedSince(db, entry, seq);
    if (changed) return { index: entry.index, changed };
    entry = await this.build(db, asOf);
    return { index: entry.index, changed: BigInt(entry.seq) >= BigInt(seq) ? null : await this.changedSince(db, entry, seq) };
  }

  clear(): void {
    this.entry = null;
    this.changed = null;
  }

  private async changedSince(db: Kysely<Database>, entry: Entry, seq: string): Promise<Changed | null> {
    const hit = this.changed;
    if (hit && hit.fromSeq === entry.seq && hit.toSeq === seq) return hit;
    const rows = await db
      .selectFrom('resource')
      .select(MATCHING_RESOURCE_COLUMNS)
      .select('resource.status')
      .where('resource.change_seq', '>', entry.seq)
      .where('resource.change_seq', '<=', seq)
      .limit(this.maxChanged + 1)
      .execute();
    if (rows.length > this.maxChanged) return null;
    const changed = {
      fromSeq: entry.seq,
      toSeq: seq,
      ids: rows.map((r) => r.id),
      usable: rows.filter((r) => r.status === 'active').map(toListResource),
    };
    this.changed = changed;
    return changed;
  }

  /** Concurrent requests share one build. The sequence is read first, so a change during the load shows up as changed later. */
  private build(db: Kysely<Database>, asOf: string): Promise<Entry> {
    if (!this.pending) {
      const pending = (async () => {
        const seq = await currentResourceSeq(db);
        const resources = await usableResources(db, asOf);
        this.builds++;
        const entry = { seq, asOf, index: buildResourceIndex(resources) };
        this.entry = entry;
        this.changed = null;
        return entry;
      })();
      this.pending = pending;
      pending.finally(() => (this.pending = null)).catch(() => {});
    }
    return this.pending;
  }
}

/** Every resource usable on `asOf`: active, with capacity left (or unlimited), valid. */
async function usableResources(db: Kysely<Database>, asOf: string): Promise<ListResource[]> {
  const rows = await db
    .selectFrom('resource')
    .select(MATCHING_RESOURCE_COLUMNS)
    .where('resource.status', '=', 'active')
    .where((eb) => eb.or([eb('resource.capacity_left', 'is', null), eb('resource.capacity_left', '>', 0)]))
    .where((eb) => eb.or([eb('resource.valid_from', 'is', null), eb('resource.valid_from', '<=', asOf)]))
    .where((eb) => eb.or([eb('resource.valid_until', 'is', null), eb('resource.valid_until', '>=', asOf)]))
    .execute();
  return rows.map(toListResource);
}

/**
 * The best `limit` resources for a need from the cached index and the rows changed since:
 * the index searches without them (as if rejected), the changed rows this need could use are
 * scored one by one, and the two lists are merged.
 */
export function rankWithChanges(opts: {
  need: ListNeed;
  current: CurrentIndex;
  asOf: string;
  decided: readonly MatchPair[];
  limit: number;
}): MatchScore[] {
  const { need, current, asOf, decided, limit } = opts;
  const changed = current.changed;
  if (!changed) return rankResources({ need, resources: current.index, asOf, rejectedPairs: decided, limit });
  const skip = new Set(decided.filter((p) => p.needId === need.id).map((p) => p.resourceId));
  const fromIndex = rankResources({
    need,
    resources: current.index,
    asOf,
    rejectedPairs: [...decided, ...changed.ids.map((resourceId) => ({ needId: need.id, resourceId }))],
    limit,
  });
  const direct = changed.usable
    .filter((r) => !skip.has(r.id) && categoryRelatedness(need.category, r.category) > 0 && servesArea(r, need))
    .map((resource) => scoreMatch({ need, resource, asOf, corpus: current.index.corpus }))
    .filter((s) => s.eligible);
  if (direct.length === 0) return fromIndex;
  return [...fromIndex, ...direct]
    .sort((a, b) => b.score - a.score || (a.resourceId < b.resourceId ? -1 : a.resourceId > b.resourceId ? 1 : 0))
    .slice(0, limit);
}

export async function currentResourceSeq(db: Kysely<Database>): Promise<string> {
  const row = await db
    .selectFrom('resource')
    .select((eb) => eb.fn.max('change_seq').as('seq'))
    .executeTakeFirst();
  return String(row?.seq ?? '0');
}

const caches = new WeakMap<Kysely<Database>, ResourceIndexCache>();

/** One cache per database the process talks to (tests open several). */
export function resourceIndexCacheFor(db: Kysely<Database>): ResourceIndexCache {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new ResourceIndexCache()));
  return cache;
}
