import { sql, type Kysely } from 'kysely';
import {
  assignToAgents,
  DEFAULT_LAMBDA,
  planarKm,
  type AssignmentAgent,
  type AssignmentItem,
} from '../../../domain/registry/assignment.ts';
import { regionPrefix } from '../../../domain/regions.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';
import { allows, scopeWhere } from '../../db/scoped.ts';
import { invalidField, outOfScopeField } from '../../http/errors.ts';
import { recordAudit } from '../audit/chain.ts';
import { presentPlanStats } from './presenter.ts';
import type { AssignInput } from './schemas.ts';

/** Runs in one region at a time across all app instances: two applies must not interleave their writes. */
const ASSIGNMENT_LOCK = 4_801_517;
const BATCH = 500;

interface Located {
  lng: number | null;
  lat: number | null;
}

/** What a run works on: active instructors, non-public enterprises (placed at their building when they have no point of their own), pins. */
async function loadRun(db: Kysely<Database>, actor: Actor, regionCode: string) {
  const prefix = `${regionPrefix(regionCode)}%`;
  const [instructors, enterprises] = await Promise.all([
    db
      .selectFrom('instructor')
      .select(['person_id', 'capacity', 'lng', 'lat', 'active'])
      .where('region_code', 'like', prefix)
      .where(scopeWhere(actor, 'instructor', 'read'))
      .orderBy('person_id')
      .execute(),
    db
      .selectFrom('enterprise')
      .leftJoin('building', 'building.id', 'enterprise.current_building_id')
      .leftJoin('instructor_assignment', 'instructor_assignment.enterprise_id', 'enterprise.organisation_id')
      .select([
        'enterprise.organisation_id as id',
        sql<number | null>`coalesce(enterprise.lng, building.lng)`.as('lng'),
        sql<number | null>`coalesce(enterprise.lat, building.lat)`.as('lat'),
        'instructor_assignment.person_id as assigned_to',
        'instructor_assignment.pinned',
      ])
      .where('enterprise.region_code', 'like', prefix)
      .where('enterprise.is_non_public', '=', true)
      .where(scopeWhere(actor, 'enterprise', 'read'))
      .orderBy('enterprise.organisation_id')
      .execute(),
  ]);
  return { instructors, enterprises };
}

/**
 * SVC-1 assigns instructors to the non-public enterprises of a region: the optimised plan
 * beside the plain greedy baseline, and — unless a dry run — written in one transaction
 * with one audit row listing every change. Pins stay; pins to instructors outside the run
 * leave their enterprise out of it.
 */
export async function runAssignment(opts: { db: Kysely<Database>; actor: Actor; input: AssignInput }) {
  const { actor, input } = opts;
  const region = await opts.db.selectFrom('region').select('code').where('code', '=', input.regionCode).executeTakeFirst();
  if (!region) throw invalidField('regionCode', 'field.region_unknown');
  if (!allows(actor, 'instructor', input.dryRun ? 'read' : 'write', { regionCode: input.regionCode })) throw outOfScopeField('regionCode');
  const lambda = input.lambda ?? DEFAULT_LAMBDA;

  const plan = async (db: Kysely<Database>) => {
    const { instructors, enterprises } = await loadRun(db, actor, input.regionCode);
    const pinnedTo = new Set(enterprises.filter((e) => e.pinned).map((e) => e.assigned_to!));
    // Inactive instructors take nothing new but keep their pins.
    const pinnedCount = new Map<string, number>();
    for (const e of enterprises) if (e.pinned) pinnedCount.set(e.assigned_to!, (pinnedCount.get(e.assigned_to!) ?? 0) + 1);
    const agentsRows = instructors.filter((i) => i.active || pinnedTo.has(i.person_id));
    const known = new Set(agentsRows.map((i) => i.person_id));
    const itemsRows = enterprises.filter((e) => !e.pinned || known.has(e.assigned_to!));
    const lats = [...agentsRows, ...itemsRows].flatMap((p: Located) => (p.lng !== null && p.lat !== null ? [p.lat] : []));
    // Kilometres on a plane around the region's mean latitude (Fuzhou's when nothing is placed).
    const refLat = lats.length ? lats.reduce((s, l) => s + l, 0) / lats.length : 26;
    const where = (p: Located) => (p.lng !== null && p.lat !== null ? planarKm(p.lng, p.lat, refLat) : null);
    const agents: AssignmentAgent[] = agentsRows.map((i) => ({
      id: i.person_id,
      location: where(i),
      capacity: i.active ? i.capacity : (pinnedCount.get(i.person_id) ?? 0),
    }));
    const items: AssignmentItem[] = itemsRows.map((e) => ({
      id: e.id,
      location: where(e),
      pinnedAgentId: e.pinned ? e.assigned_to : null,
    }));
    const started = performance.now();
    const outcome = assignToAgents({ agents, items, lambda });
    const elapsedMs = Math.round((performance.now() - started) * 10) / 10;
    const changes: { enterpriseId: string; from: string | null; to: string | null; distanceKm: number | null }[] = [];
    itemsRows.forEach((e, i) => {
      if (e.pinned) return;
      const a = outcome.optimised.agentOf[i]!;
      const to = a >= 0 ? agents[a]!.id : null;
      if (to !== e.assigned_to)
        changes.push({
          enterpriseId: e.id,
          from: e.assigned_to,
          to,
          distanceKm: a >= 0 ? Math.round(outcome.optimised.distance[i]! * 1000) / 1000 : null,
        });
    });
    return { agents, items, outcome, elapsedMs, changes };
  };

  const summarise = (r: Awaited<ReturnType<typeof plan>>) => ({
    regionCode: input.regionCode,
    dryRun: input.dryRun,
    instructors: r.agents.length,
    enterprises: r.items.length,
    pinned: r.outcome.pinned,
    unlocated: r.outcome.unlocated,
    lambda,
    optimal: r.outcome.optimal,
    rounds: r.outcome.rounds,
    elapsedMs: r.elapsedMs,
    changed: r.changes.length,
    optimised: presentPlanStats(r.outcome.optimised.stats),
    greedy: presentPlanStats(r.outcome.greedy.stats),
  });

  if (input.dryRun) return summarise(await plan(opts.db));

  return opts.db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${ASSIGNMENT_LOCK})`.execute(trx);
    const result = await plan(trx);
    const now = new Date();
    const moved = result.changes.filter((c) => c.to !== null);
    for (let i = 0; i < moved.length; i += BATCH) {
      await trx
        .insertInto('instructor_assignment')
        .values(
          moved
            .slice(i, i + BATCH)
            .map((c) => ({ enterprise_id: c.enterpriseId, person_id: c.to!, pinned: false, distance_km: c.distanceKm, assigned_at: now })),
        )
        .onConflict((oc) =>
          oc
            .column('enterprise_id')
            .doUpdateSet((eb) => ({
              person_id: eb.ref('excluded.person_id'),
              distance_km: eb.ref('excluded.distance_km'),
              assigned_at: eb.ref('excluded.assigned_at'),
            })),
        )
        .execute();
    }
    // No capacity left for these: their old, unpinned assignment goes.
    const dropped = result.changes.filter((c) => c.to === null).map((c) => c.enterpriseId);
    for (let i = 0; i < dropped.length; i += BATCH) {
      await trx
        .deleteFrom('instructor_assignment')
        .where('enterprise_id', 'in', dropped.slice(i, i + BATCH))
        .where('pinned', '=', false)
        .execute();
    }
    const summary = summarise(result);
    await recordAudit(trx, {
      actor,
      action: 'instructor_assignment.run',
      entity: 'instructor_assignment',
      entityId: input.regionCode,
      regionCode: input.regionCode,
      after: { ...summary, changes: result.changes },
    });
    return summary;
  });
}
