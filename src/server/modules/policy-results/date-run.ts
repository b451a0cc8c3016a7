import { sql, type Kysely } from 'kysely';
import { readsToday } from '../../../domain/policies/rule.ts';
import type { Database } from '../../db/schema.ts';
import { loadProfiles } from './profiles.ts';
import { rematch, type RecomputeSummary } from './recompute.ts';
import { livePolicies } from './rules.ts';

/** Any constant: one date run at a time across instances (the job queue's singleton is not a lock). */
const DATE_RUN_LOCK = 6_301_806;

export interface DateRunSummary extends RecomputeSummary {
  /** False when this day had already been done. */
  ran: boolean;
  /** Policies judged again. */
  policies: number;
}

/**
 * POL-3 what the date alone changes, once per China day: policies whose rules count
 * whole years to today (years since registration or moving in), and policies whose
 * validity window opened or closed since the last run (a policy in force keeps
 * results, one out of force none). Their results are recomputed for every
 * enterprise; enterprises that now meet one are pushed as after any change. The
 * first run (no earlier day recorded, e.g. after an upgrade) recomputes every policy.
 */
export async function recomputeForDate(opts: { db: Kysely<Database>; asOf: string }): Promise<DateRunSummary> {
  const { asOf } = opts;
  return opts.db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${DATE_RUN_LOCK})`.execute(trx);
    const last = await trx.selectFrom('policy_date_run').select('as_of').orderBy('as_of', 'desc').limit(1).executeTakeFirst();
    const skipped: DateRunSummary = {
      ran: false,
      policies: 0,
      evaluated: 0,
      met: 0,
      nearly: 0,
      written: 0,
      removed: 0,
      pushed: 0,
      granted: 0,
      notified: 0,
    };
    if (last && last.as_of >= asOf) return skipped;
    // Windows opening after the last day run, up to today; closing from the last day run on (in force through valid_to).
    const published = await trx.selectFrom('policy').select(['id', 'valid_from', 'valid_to']).where('status', '=', 'published').execute();
    const crossed = new Set(
      published
        .filter(
          (p) =>
            !last ||
            (p.valid_from !== null && p.valid_from > last.as_of && p.valid_from <= asOf) ||
            (p.valid_to !== null && p.valid_to >= last.as_of && p.valid_to < asOf),
        )
        .map((p) => p.id),
    );
    const live = await livePolicies(trx, { asOf });
    const judged = live.filter((p) => crossed.has(p.id) || readsToday(p.rule));
    const recomputed = new Set([...crossed, ...judged.map((p) => p.id)]);
    const summary =
      recomputed.size === 0 ? skipped : await rematch({ trx, policies: judged, recomputed, profiles: await loadProfiles(trx), asOf });
    await trx
      .insertInto('policy_date_run')
      .values({ as_of: asOf, policies: recomputed.size, changed: summary.written })
      .onConflict((oc) => oc.column('as_of').doNothing())
      .execute();
    return { ...summary, ran: true, policies: recomputed.size };
  });
}
