import { type Kysely } from 'kysely';
import { scoreMatch } from '../../../domain/lists/score.ts';
import { chinaDate } from '../../../domain/time.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';
import { allows } from '../../db/scoped.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/chain.ts';
import { lockWritableNeed } from '../needs/commands.ts';
import { lockRunningProject } from '../projects/access.ts';
import { insertProject, resolveOwner } from '../projects/commands.ts';
import { refreshProgress } from '../projects/progress.ts';
import { MATCHING_RESOURCE_COLUMNS, toListNeed, toListResource } from './engine.ts';
import { mayConfirmMatch } from './policy.ts';

type Db = Kysely<Database>;

export interface ConfirmInput {
  resourceId: string;
  /** Join this running project; else the need's own project; else a new one (unless createProject is false). */
  projectId?: string | null | undefined;
  createProject?: boolean | undefined;
  projectName?: string | undefined;
  ownerOrgId?: string | null | undefined;
  note?: string | undefined;
}

/**
 * LST-3 → LST-4 a person confirms a proposed resource for a need: the pair is checked again
 * on the locked rows (eligible, capacity left, never decided before), the resource's
 * capacity is used up by the need's quantity, and the need joins a project — the one
 * named, the one it is already in, or a new one owned by the confirming officer's
 * organisation. One transaction with its audit row.
 */
export async function confirmMatch(opts: { db: Db; actor: Actor; needId: string; input: ConfirmInput; now?: Date }) {
  const { db, actor, needId, input } = opts;
  const now = opts.now ?? new Date();
  const asOf = chinaDate(now);
  return db.transaction().execute(async (trx) => {
    const need = await lockWritableNeed(trx, actor, needId);
    if (!mayConfirmMatch(actor)) throw new AppError('forbidden', { key: 'list.may_not_confirm' });
    if (!['open', 'matched', 'in_project'].includes(need.status))
      throw new AppError('conflict', { key: 'list.need_not_open', params: { status: need.status } });
    const resource = await trx
      .selectFrom('resource')
      .select(MATCHING_RESOURCE_COLUMNS)
      .select(['resource.status', 'resource.provider_org_id', 'resource.title'])
      .where('resource.id', '=', input.resourceId)
      .forUpdate()
      .executeTakeFirst();
    if (!resource || resource.status !== 'active')
      throw new AppError('not_found', { fields: [{ path: 'resourceId', key: 'field.organisation_unknown' }] });
    const earlier = await trx
      .selectFrom('need_match')
      .select(['id', 'status'])
      .where('need_id', '=', needId)
      .where('resource_id', '=', input.resourceId)
      .executeTakeFirst();
    if (earlier && earlier.status !== 'proposed') throw new AppError('conflict', { key: 'list.match_decided' });
    const listNeed = toListNeed(need);
    const listResource = toListResource(resource);
    // Checked again on the locked rows; words weigh alike here (no corpus), the proposal's figure may differ slightly.
    const score = scoreMatch({ need: listNeed, resource: listResource, asOf });
    if (!score.eligible)
      throw new AppError('conflict', { key: 'list.match_ineligible', params: { reasons: score.ineligible.map((r) => r.zh).join('；') } });
    if (resource.capacity_left !== null && resource.capacity_left < need.quantity)
      throw new AppError('conflict', { key: 'list.capacity_short', params: { left: resource.capacity_left, quantity: need.quantity } });

    let projectId = input.projectId ?? need.project_id ?? null;
    if (input.projectId && need.project_id && input.projectId !== need.project_id)
      throw new AppError('conflict', { key: 'list.need_in_other_project' });
    let createdProject: { id: string; code: string } | null = null;
    if (projectId) {
      await lockRunningProject(trx, actor, projectId);
    } else if (input.createProject !== false) {
      const building = need.building_id
        ? await trx.selectFrom('building').select('party_committee_id').where('id', '=', need.building_id).executeTakeFirst()
        : undefined;
      const owner = await resolveOwner(trx, actor, input.ownerOrgId, building?.party_committee_id ?? resource.provider_org_id);
      if (!allows(actor, 'project', 'write', { regionCode: need.region_code, orgPath: owner.path }))
        throw new AppError('forbidden', { fields: [{ path: 'ownerOrgId', key: 'field.region_out_of_scope' }] });
      createdProject = await insertProject(trx, {
        actor,
        name: input.projectName ?? need.title,
        description: `${need.title} × ${resource.title}`,
        owner,
        regionCode: need.region_code,
        buildingId: need.building_id,
        now,
      });
      projectId = createdProject.id;
    }

    const explanation = JSON.stringify(
      score.components.map((c) => ({ factor: c.factor, points: c.points, code: c.reason.code, zh: c.reason.zh, en: c.reason.en })),
    );
    const values = {
      status: 'confirmed' as const,
      score: Math.round(score.score * 100) / 100,
      explanation,
      quantity: need.quantity,
      project_id: projectId,
      note: input.note ?? null,
      decided_by: actor.userId === '0' ? null : actor.userId,
      decided_at: now,
    };
    const match = earlier
      ? await trx.updateTable('need_match').set(values).where('id', '=', earlier.id).returning('id').executeTakeFirstOrThrow()
      : await trx
          .insertInto('need_match')
          .values({ need_id: needId, resource_id: input.resourceId, ...values })
          .returning('id')
          .executeTakeFirstOrThrow();
    if (resource.capacity_left !== null)
      await trx
        .updateTable('resource')
        .set({ capacity_left: resource.capacity_left - need.quantity, updated_at: now })
        .where('id', '=', input.resourceId)
        .execute();
    await trx
      .updateTable('need')
      .set({
        status: projectId ? 'in_project' : 'matched',
        project_id: projectId,
        matched_at: need.matched_at ?? now,
        in_project_at: projectId ? (need.in_project_at ?? now) : need.in_project_at,
        updated_at: now,
        version: need.version + 1,
      })
      .where('id', '=', needId)
      .execute();
    if (projectId) await refreshProgress(trx, projectId);
    await recordAudit(trx, {
      actor,
      action: 'need.match_confirm',
      entity: 'need',
      entityId: needId,
      regionCode: need.region_code,
      before: { status: need.status, capacityLeft: resource.capacity_left },
      after: {
        matchId: match.id,
        resourceId: input.resourceId,
        score: values.score,
        projectId,
        createdProject: createdProject?.code ?? null,
      },
    });
    return { matchId: match.id, projectId, projectCode: createdProject?.code ?? null };
  });
}

/** LST-3 a person rejects a proposal; the pair is remembered and never proposed again. */
export async function rejectMatch(opts: {
  db: Db;
  actor: Actor;
  needId: string;
  input: { resourceId: string; note?: string | undefined };
}) {
  const { db, actor, needId, input } = opts;
  return db.transaction().execute(async (trx) => {
    const need = await lockWritableNeed(trx, actor, needId);
    const resource = await trx.selectFrom('resource').select(['id']).where('id', '=', input.resourceId).executeTakeFirst();
    if (!resource) throw notFound();
    const earlier = await trx
      .selectFrom('need_match')
      .select(['id', 'status'])
      .where('need_id', '=', needId)
      .where('resource_id', '=', input.resourceId)
      .executeTakeFirst();
    if (earlier && earlier.status !== 'proposed') throw new AppError('conflict', { key: 'list.match_decided' });
    const now = new Date();
    const values = {
      status: 'rejected' as const,
      note: input.note ?? null,
      decided_by: actor.userId === '0' ? null : actor.userId,
      decided_at: now,
    };
    const match = earlier
      ? await trx.updateTable('need_match').set(values).where('id', '=', earlier.id).returning('id').executeTakeFirstOrThrow()
      : await trx
          .insertInto('need_match')
          .values({ need_id: needId, resource_id: input.resourceId, score: 0, explanation: '[]', ...values })
          .returning('id')
          .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      action: 'need.match_reject',
      entity: 'need',
      entityId: needId,
      regionCode: need.region_code,
      after: { matchId: match.id, resourceId: input.resourceId, note: input.note ?? null },
    });
    return { matchId: match.id };
  });
}
