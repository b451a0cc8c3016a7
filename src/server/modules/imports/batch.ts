import { sql, type Transaction } from 'kysely';
import type { Actor } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';

/** Helpers the batch processors share (REG-9). */
type Trx = Transaction<Database>;

/** `count` fresh ids of a bigserial table, in order: the rows' paths can be written in the same INSERT. */
export async function allocateIds(trx: Trx, table: 'organisation' | 'building' | 'lease', count: number): Promise<string[]> {
  if (count === 0) return [];
  const { rows } = await sql<{
    id: string;
  }>`SELECT nextval(${`${table}_id_seq`}::regclass)::text AS id FROM generate_series(1, ${count})`.execute(trx);
  return rows.map((r) => r.id).sort((a, b) => Number(a) - Number(b));
}

/** The codes that name a region; `cache` carries answers from batch to batch of one job (regions do not change meanwhile). */
export async function knownRegions(trx: Trx, codes: readonly string[], cache: Map<string, boolean> = new Map()): Promise<Set<string>> {
  const unknown = [...new Set(codes)].filter((c) => !cache.has(c));
  if (unknown.length) {
    const found = new Set((await trx.selectFrom('region').select('code').where('code', 'in', unknown).execute()).map((r) => r.code));
    for (const c of unknown) cache.set(c, found.has(c));
  }
  return new Set(codes.filter((c) => cache.get(c)));
}

/**
 * Where imported organisations (enterprises, new building committees) sit in the
 * tree: under the uploader's own organisation when their scope is that
 * organisation's subtree (building and enterprise staff), else at the top — region
 * staff keep records by region, as the registry's commands do.
 */
export function newRecordParent(actor: Actor): { id: string | null; path: string } {
  if ((actor.role === 'building' || actor.role === 'enterprise') && actor.organisationId && actor.orgPath)
    return { id: actor.organisationId, path: actor.orgPath };
  return { id: null, path: '/' };
}
