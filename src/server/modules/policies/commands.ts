import type { Kysely, Selectable, Transaction } from 'kysely';
import { fieldsUsed } from '../../../domain/policies/rule.ts';
import { regionLevelOf } from '../../../domain/regions.ts';
import { chinaDate } from '../../../domain/time.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';
import type { PolicyLevel, PolicyTable } from '../../db/schema-policies.ts';
import { allows } from '../../db/scoped.ts';
import { AppError, forbidden, invalidField, notFound, outOfScopeField } from '../../http/errors.ts';
import { recordAudit } from '../audit/chain.ts';
import { recomputePolicyResults, type RecomputeSummary } from '../policy-results/recompute.ts';
import type { PolicyInput, PolicyPatch } from './schemas.ts';

type Trx = Transaction<Database>;
type Policy = Selectable<PolicyTable>;

/** The level follows the catalogue region: none is national; a village keeps no policies. */
function levelOf(regionCode: string | null): PolicyLevel {
  if (regionCode === null) return 'national';
  const level = regionLevelOf(regionCode);
  if (level === null || level === 'village') throw invalidField('regionCode', 'field.policy_region_level');
  return level;
}

async function checkPlace(trx: Trx, actor: Actor, regionCode: string | null): Promise<void> {
  if (regionCode === null) {
    if (actor.role !== 'admin') throw new AppError('forbidden', { fields: [{ path: 'regionCode', key: 'field.policy_national_admin' }] });
    return;
  }
  const region = await trx.selectFrom('region').select('code').where('code', '=', regionCode).executeTakeFirst();
  if (!region) throw invalidField('regionCode', 'field.region_unknown');
  if (!allows(actor, 'policy', 'write', { regionCode })) throw outOfScopeField('regionCode');
}

function snapshot(p: Policy): string {
  const { search: _s, ...rest } = p;
  return JSON.stringify(rest);
}

async function remember(trx: Trx, actor: Actor, p: Policy, action: 'create' | 'update' | 'publish' | 'withdraw'): Promise<void> {
  await trx
    .insertInto('policy_history')
    .values({
      policy_id: p.id,
      version: p.version,
      action,
      snapshot: snapshot(p),
      actor_user_id: actor.userId === '0' ? null : actor.userId,
      actor_name: actor.displayName,
    })
    .execute();
  const { search: _s, rule: _r, ...audited } = p;
  await recordAudit(trx, {
    actor,
    action: `policy.${action}`,
    entity: 'policy',
    entityId: p.id,
    regionCode: p.region_code,
    after: { ...audited, version: p.version },
  });
}

function columns(input: Partial<PolicyInput>) {
  return {
    ...(input.title !== undefined ? { title: input.title } : {}),
    ...(input.issuer !== undefined ? { issuer: input.issuer } : {}),
    ...(input.validFrom !== undefined ? { valid_from: input.validFrom } : {}),
    ...(input.validTo !== undefined ? { valid_to: input.validTo } : {}),
    ...(input.beneficiaries !== undefined ? { beneficiaries: input.beneficiaries } : {}),
    ...(input.benefit !== undefined ? { benefit: input.benefit } : {}),
    ...(input.benefitAmount !== undefined ? { benefit_amount: input.benefitAmount } : {}),
    ...(input.benefitRate !== undefined ? { benefit_rate: input.benefitRate } : {}),
    ...(input.benefitCap !== undefined ? { benefit_cap: input.benefitCap } : {}),
    ...(input.fullText !== undefined ? { full_text: input.fullText } : {}),
    ...(input.mode !== undefined ? { mode: input.mode } : {}),
    ...(input.deadline !== undefined ? { deadline: input.deadline } : {}),
    ...(input.contact !== undefined ? { contact: input.contact || null } : {}),
    ...(input.rule !== undefined ? { rule: JSON.stringify(input.rule), fields_used: fieldsUsed(input.rule) } : {}),
  };
}

function checkDates(p: { valid_from: string | null; valid_to: string | null }): void {
  if (p.valid_from && p.valid_to && p.valid_to < p.valid_from) throw invalidField('validTo', 'field.date_order');
}

/** POL-1 enters a policy as a draft in a catalogue the actor keeps. */
export async function createPolicy(opts: { db: Kysely<Database>; actor: Actor; input: PolicyInput }): Promise<string> {
  const { actor, input } = opts;
  const regionCode = input.regionCode ?? null;
  const level = levelOf(regionCode);
  return opts.db.transaction().execute(async (trx) => {
    await checkPlace(trx, actor, regionCode);
    const values = { title: input.title, issuer: input.issuer, mode: input.mode, rule: JSON.stringify(input.rule), ...columns(input) };
    checkDates({ valid_from: input.validFrom ?? null, valid_to: input.validTo ?? null });
    const created = await trx
      .insertInto('policy')
      .values({ ...values, level, region_code: regionCode, created_by: actor.userId === '0' ? null : actor.userId })
      .returningAll()
      .executeTakeFirstOrThrow();
    await remember(trx, actor, created, 'create');
    return created.id;
  });
}

/** Locks a policy the actor keeps: 404 when it cannot see it, 403 when it sees but may not change it, 409 on a stale version. */
async function lockPolicy(trx: Trx, actor: Actor, id: string, expectedVersion?: number): Promise<Policy> {
  const row = await trx.selectFrom('policy').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  const place = { regionCode: row?.region_code ?? null };
  const readable =
    row && (allows(actor, 'policy', 'write', place) || (row.status === 'published' && allows(actor, 'policy', 'read', place)));
  if (!row || !readable) throw notFound();
  if (!allows(actor, 'policy', 'write', place)) throw forbidden();
  if (expectedVersion !== undefined && expectedVersion !== row.version)
    throw new AppError('conflict', { key: 'policy.version_conflict', params: { version: row.version } });
  return row;
}

export interface PolicyChange {
  id: string;
  version: number;
  results: RecomputeSummary | null;
}

/**
 * POL-1/POL-3 changes a policy; every change is a new version kept in the history.
 * A published policy's results are recomputed in the same transaction and enterprises
 * that have just come to qualify are pushed.
 */
export async function updatePolicy(opts: { db: Kysely<Database>; actor: Actor; id: string; patch: PolicyPatch }): Promise<PolicyChange> {
  const { actor, patch } = opts;
  return opts.db.transaction().execute(async (trx) => {
    const before = await lockPolicy(trx, actor, opts.id, patch.expectedVersion);
    const regionCode = patch.regionCode !== undefined ? patch.regionCode : before.region_code;
    if (regionCode !== before.region_code) await checkPlace(trx, actor, regionCode);
    const set = { ...columns(patch), region_code: regionCode, level: levelOf(regionCode) };
    checkDates({ valid_from: set.valid_from ?? before.valid_from, valid_to: set.valid_to ?? before.valid_to });
    const after = await trx
      .updateTable('policy')
      .set({ ...set, version: before.version + 1, updated_at: new Date() })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await remember(trx, actor, after, 'update');
    const results = after.status === 'published' ? await recomputePolicyResults({ trx, policyId: after.id, asOf: chinaDate() }) : null;
    return { id: after.id, version: after.version, results };
  });
}

/** POL-1/POL-3 publishes a draft (or republishes a withdrawn policy): results are computed and eligible enterprises pushed. */
export async function publishPolicy(opts: {
  db: Kysely<Database>;
  actor: Actor;
  id: string;
  expectedVersion?: number;
}): Promise<PolicyChange> {
  const { actor } = opts;
  return opts.db.transaction().execute(async (trx) => {
    const before = await lockPolicy(trx, actor, opts.id, opts.expectedVersion);
    if (before.status === 'published') throw new AppError('conflict', { key: 'policy.already_published' });
    const now = new Date();
    const after = await trx
      .updateTable('policy')
      .set({ status: 'published', version: before.version + 1, published_at: now, withdrawn_at: null, updated_at: now })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await remember(trx, actor, after, 'publish');
    const results = await recomputePolicyResults({ trx, policyId: after.id, asOf: chinaDate(now) });
    return { id: after.id, version: after.version, results };
  });
}

/** POL-1 withdraws a published policy: it leaves enterprises' lists; grants and applications already made stay. */
export async function withdrawPolicy(opts: {
  db: Kysely<Database>;
  actor: Actor;
  id: string;
  expectedVersion?: number;
}): Promise<PolicyChange> {
  const { actor } = opts;
  return opts.db.transaction().execute(async (trx) => {
    const before = await lockPolicy(trx, actor, opts.id, opts.expectedVersion);
    if (before.status !== 'published') throw new AppError('conflict', { key: 'policy.not_published' });
    const now = new Date();
    const after = await trx
      .updateTable('policy')
      .set({ status: 'withdrawn', version: before.version + 1, withdrawn_at: now, updated_at: now })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await remember(trx, actor, after, 'withdraw');
    const results = await recomputePolicyResults({ trx, policyId: after.id, asOf: chinaDate(now) });
    return { id: after.id, version: after.version, results };
  });
}
