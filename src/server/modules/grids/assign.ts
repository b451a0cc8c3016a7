import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { assignHouseholds, type HouseholdPlanStats } from '../../../domain/villages/index.ts';
import { regionPrefix } from '../../../domain/regions.ts';
import { chinaDate } from '../../../domain/time.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Database, Locale } from '../../db/schema.ts';
import { allows, scopeWhere } from '../../db/scoped.ts';
import { AppError, invalidField, notFound, outOfScopeField } from '../../http/errors.ts';
import { recordAudit } from '../audit/chain.ts';
import { namesOf, presentViolation } from './coverage.ts';
import { loadRegionHouseholds, toDomainHousehold, toDomainMember, type HouseholdRow, type MemberRow } from './queries.ts';
import type { PreviewInput } from './schemas.ts';

type Db = Kysely<Database>;
/** One apply at a time per installation: two applies over overlapping regions must not interleave. */
const APPLY_LOCK = 4_801_713;
const BATCH = 500;
/** Changes returned with a run; the stored run keeps them all. */
const SHOWN_CHANGES = 500;

interface Change {
  householdId: string;
  address: string;
  from: string | null;
  to: string | null;
  distanceKm: number | null;
}

interface RunParams {
  min: number;
  max: number;
  exemptAge: number | null;
  lambda: number | null;
  pins: { householdId: string; memberId: string }[];
  exemptions: { memberId: string; exempt: boolean | null }[];
}

/** A digest of everything a plan is computed from, so an apply can tell the preview still holds. */
function basisOf(members: readonly MemberRow[], households: readonly HouseholdRow[]): string {
  const h = createHash('sha256');
  for (const m of members) h.update(`m|${m.person_id}|${m.village_code}|${m.grid_id}|${m.lng}|${m.lat}|${m.exempt}|${m.birth_date}\n`);
  for (const x of households) h.update(`h|${x.id}|${x.village_code}|${x.grid_id}|${x.lng}|${x.lat}|${x.member_person_id}|${x.pinned}\n`);
  return h.digest('hex');
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
function roundStats(s: HouseholdPlanStats): HouseholdPlanStats {
  return {
    ...s,
    totalDistanceKm: round3(s.totalDistanceKm),
    meanDistanceKm: round3(s.meanDistanceKm),
    maxDistanceKm: round3(s.maxDistanceKm),
    cost: round3(s.cost),
    load: { min: s.load.min, max: s.load.max, mean: round3(s.load.mean), stdDev: round3(s.load.stdDev) },
  };
}

async function checkRegion(db: Db, actor: Actor, regionCode: string) {
  const region = await db.selectFrom('region').select('code').where('code', '=', regionCode).executeTakeFirst();
  if (!region) throw invalidField('regionCode', 'field.region_unknown');
  if (!allows(actor, 'household_assignment', 'write', { regionCode })) throw outOfScopeField('regionCode');
}

/** Computes the plan on the region's current members and households with the run's pins and exemptions. */
async function computePlan(db: Db, actor: Actor, regionCode: string, params: RunParams) {
  const { members, households } = await loadRegionHouseholds(db, actor, regionCode, 'write');
  const memberIds = new Set(members.map((m) => m.person_id));
  const householdIds = new Set(households.map((h) => h.id));
  params.pins.forEach((p, i) => {
    if (!householdIds.has(p.householdId)) throw invalidField(`pins.${i}.householdId`, 'field.household_unknown');
    if (!memberIds.has(p.memberId)) throw invalidField(`pins.${i}.memberId`, 'field.member_unknown');
  });
  params.exemptions.forEach((e, i) => {
    if (!memberIds.has(e.memberId)) throw invalidField(`exemptions.${i}.memberId`, 'field.member_unknown');
  });
  const pins = new Map(params.pins.map((p) => [p.householdId, p.memberId]));
  const exemptions = new Map(params.exemptions.map((e) => [e.memberId, e.exempt]));
  const started = performance.now();
  const plan = assignHouseholds({
    members: members.map((m) => toDomainMember(m, exemptions.has(m.person_id) ? exemptions.get(m.person_id) : undefined)),
    households: households.map((h) => toDomainHousehold(h, pins.get(h.id))),
    minPerMember: params.min,
    maxPerMember: params.max,
    exemptAge: params.exemptAge,
    asOf: chinaDate(),
    ...(params.lambda !== null ? { lambda: params.lambda } : {}),
  });
  const elapsedMs = Math.round((performance.now() - started) * 10) / 10;
  const changes: Change[] = [];
  plan.assignments.forEach((a, i) => {
    const h = households[i]!;
    if (a.memberId !== h.member_person_id)
      changes.push({
        householdId: h.id,
        address: h.address,
        from: h.member_person_id,
        to: a.memberId,
        distanceKm: a.distanceKm === null ? null : round3(a.distanceKm),
      });
  });
  return { members, households, plan, changes, elapsedMs, basis: basisOf(members, households) };
}

type RunRow = Awaited<ReturnType<typeof findRunRow>>;
function findRunRow(db: Db, id: string) {
  return db.selectFrom('household_assignment_run').selectAll().where('id', '=', id).executeTakeFirst();
}

export function presentRun(row: NonNullable<RunRow>, full: boolean) {
  const changes = row.changes as Change[];
  return {
    id: row.id,
    regionCode: row.region_code,
    status: row.status,
    params: row.params as RunParams,
    stats: row.stats as HouseholdPlanStats,
    baseline: row.baseline as HouseholdPlanStats,
    violations: full ? (row.violations as ReturnType<typeof presentViolation>[]) : [],
    changes: full ? changes.slice(0, SHOWN_CHANGES) : [],
    changed: changes.length,
    elapsedMs: row.elapsed_ms,
    createdAt: row.created_at.toISOString(),
    appliedAt: row.applied_at?.toISOString() ?? null,
  };
}

/**
 * GRD-1 previews an assignment of a village's (or township's, county's) households to its
 * members: the plan beside the greedy baseline, its violations and the households that
 * would change member. The run is stored so that it can be applied as shown.
 */
export async function previewHouseholdAssignment(opts: { db: Db; actor: Actor; input: PreviewInput; locale: Locale }) {
  const { db, actor, input } = opts;
  await checkRegion(db, actor, input.regionCode);
  const params: RunParams = {
    min: input.min,
    max: input.max,
    exemptAge: input.exemptAge || null,
    lambda: input.lambda ?? null,
    pins: input.pins,
    exemptions: input.exemptions,
  };
  const r = await computePlan(db, actor, input.regionCode, params);
  const { names, addresses } = namesOf(r.members, r.households);
  const row = await db
    .insertInto('household_assignment_run')
    .values({
      region_code: input.regionCode,
      status: 'preview',
      params: JSON.stringify(params),
      stats: JSON.stringify(roundStats(r.plan.stats)),
      baseline: JSON.stringify(roundStats(r.plan.baseline)),
      violations: JSON.stringify(r.plan.violations.map((v) => presentViolation(v, opts.locale, names, addresses))),
      changes: JSON.stringify(r.changes),
      basis: r.basis,
      elapsed_ms: r.elapsedMs,
      created_by: actor.userId === '0' ? null : actor.userId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return presentRun(row, true);
}

export async function findRun(db: Db, actor: Actor, id: string) {
  const row = await findRunRow(db, id);
  if (!row || !allows(actor, 'household_assignment', 'read', { regionCode: row.region_code })) throw notFound();
  return presentRun(row, true);
}

async function writeChanges(trx: Transaction<Database>, changes: readonly Change[], params: RunParams, now: Date) {
  for (let i = 0; i < changes.length; i += BATCH) {
    const part = changes.slice(i, i + BATCH);
    // One statement per batch: a VALUES list joined to the households it moves.
    const values = sql.join(part.map((c) => sql`(${c.householdId}::bigint, ${c.to}::bigint, ${c.distanceKm}::double precision)`));
    await sql`UPDATE household AS h SET member_person_id = v.member, distance_km = v.km, assigned_at = ${now}, updated_at = ${now},
      pinned = h.pinned AND v.member IS NOT NULL
      FROM (VALUES ${values}) AS v (id, member, km) WHERE h.id = v.id`.execute(trx);
  }
  for (const p of params.pins) {
    await trx
      .updateTable('household')
      .set({ pinned: true, member_person_id: p.memberId, updated_at: now })
      .where('id', '=', p.householdId)
      .execute();
  }
  for (const e of params.exemptions) {
    await trx.updateTable('grid_member').set({ exempt: e.exempt, updated_at: now }).where('person_id', '=', e.memberId).execute();
  }
}

/**
 * GRD-1 applies a previewed run in one transaction with one audit row — only when the members,
 * households and assignments it was computed from are unchanged (409 otherwise: preview again).
 */
export async function applyHouseholdAssignment(opts: { db: Db; actor: Actor; runId: string }) {
  const { db, actor } = opts;
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${APPLY_LOCK})`.execute(trx);
    const run = await trx.selectFrom('household_assignment_run').selectAll().where('id', '=', opts.runId).forUpdate().executeTakeFirst();
    const place = { regionCode: run?.region_code };
    if (!run || !allows(actor, 'household_assignment', 'read', place)) throw notFound();
    if (!allows(actor, 'household_assignment', 'write', place)) throw new AppError('forbidden');
    if (run.status !== 'preview') throw new AppError('conflict', { key: 'grid.run_not_preview' });
    const { members, households } = await loadRegionHouseholds(trx, actor, run.region_code, 'write');
    if (basisOf(members, households) !== run.basis) throw new AppError('conflict', { key: 'grid.run_stale' });
    const params = run.params as RunParams;
    const changes = run.changes as Change[];
    const now = new Date();
    await writeChanges(trx, changes, params, now);
    const applied = await trx
      .updateTable('household_assignment_run')
      .set({ status: 'applied', applied_by: actor.userId === '0' ? null : actor.userId, applied_at: now })
      .where('id', '=', run.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    // Other previews of the region were computed from what this one just changed.
    await trx
      .updateTable('household_assignment_run')
      .set({ status: 'superseded' })
      .where('status', '=', 'preview')
      .where('id', '<>', run.id)
      .where('region_code', '=', run.region_code)
      .execute();
    await recordAudit(trx, {
      actor,
      action: 'household_assignment.apply',
      entity: 'household_assignment_run',
      entityId: run.id,
      regionCode: run.region_code,
      after: { params, stats: run.stats, changed: changes.length, changes },
    });
    return presentRun(applied, true);
  });
}

export async function listRuns(db: Db, actor: Actor, regionCode: string | undefined) {
  let q = db
    .selectFrom('household_assignment_run')
    .selectAll()
    .where(scopeWhere(actor, 'household_assignment'))
    .orderBy('id', 'desc')
    .limit(50);
  if (regionCode) q = q.where('region_code', 'like', `${regionPrefix(regionCode)}%`);
  return (await q.execute()).map((r) => presentRun(r, false));
}
