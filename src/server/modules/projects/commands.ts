import { sql, type Kysely, type Transaction } from 'kysely';
import type { Actor } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';
import { allows, scopeWhere } from '../../db/scoped.ts';
import { AppError, conflict, invalidField, notFound, unknownReference } from '../../http/errors.ts';
import { recordAudit } from '../audit/chain.ts';
import { lockRunningProject, lockWritableProject, projectReadable } from './access.ts';
import { refreshProgress } from './progress.ts';
import type { MemberInput, MilestoneInput, MilestonePatch, ProjectInput, ProjectPatch } from './schemas.ts';

type Db = Kysely<Database>;

export interface ProjectOwner {
  id: string;
  path: string;
  region_code: string;
}

/** The owner organisation: named (and readable by the caller), or the caller's own. */
export async function resolveOwner(
  db: Db,
  actor: Actor,
  ownerOrgId: string | null | undefined,
  fallback?: string | null,
): Promise<ProjectOwner> {
  const id = ownerOrgId ?? actor.organisationId ?? fallback ?? null;
  if (!id) throw invalidField('ownerOrgId', 'field.organisation_unknown');
  const owner = await db
    .selectFrom('organisation')
    .select(['id', 'path', 'region_code'])
    .where('id', '=', id)
    .where((eb) => (ownerOrgId ? scopeWhere(actor, 'organisation', 'read') : eb.val(true)))
    .executeTakeFirst();
  if (!owner) throw unknownReference('ownerOrgId');
  return owner;
}

/** Inserts a project (code 'XM' and the id) and its milestones; progress is rolled up by the caller. */
export async function insertProject(
  trx: Transaction<Database>,
  opts: {
    actor: Actor;
    name: string;
    description?: string;
    owner: ProjectOwner;
    regionCode: string;
    buildingId: string | null;
    parentId?: string | null;
    weight?: number;
    startedOn?: string | null;
    dueOn?: string | null;
    milestones?: readonly MilestoneInput[];
    now?: Date;
  },
): Promise<{ id: string; code: string }> {
  const { id } = await sql<{ id: string }>`SELECT nextval('project_id_seq')::text AS id`.execute(trx).then((r) => r.rows[0]!);
  const code = `XM${id.padStart(6, '0')}`;
  const now = opts.now ?? new Date();
  await trx
    .insertInto('project')
    .values({
      id,
      code,
      name: opts.name,
      description: opts.description ?? '',
      owner_org_id: opts.owner.id,
      org_path: opts.owner.path,
      building_id: opts.buildingId,
      region_code: opts.regionCode,
      parent_id: opts.parentId ?? null,
      weight: opts.weight ?? 1,
      progress: 0,
      started_on: opts.startedOn ?? now.toISOString().slice(0, 10),
      due_on: opts.dueOn ?? null,
      closing_report: null,
      closed_at: null,
      closed_by: null,
      created_by: opts.actor.userId === '0' ? null : opts.actor.userId,
      created_at: now,
      updated_at: now,
    })
    .execute();
  if (opts.milestones && opts.milestones.length > 0)
    await trx
      .insertInto('project_milestone')
      .values(opts.milestones.map((m, i) => ({ project_id: id, title: m.title, due_on: m.dueOn ?? null, weight: m.weight, position: i })))
      .execute();
  return { id, code };
}

async function checkParent(trx: Transaction<Database>, actor: Actor, projectId: string | null, parentId: string): Promise<void> {
  const parent = await trx
    .selectFrom('project')
    .select(['id', 'status'])
    .where('id', '=', parentId)
    .where(projectReadable(actor))
    .executeTakeFirst();
  if (!parent) throw unknownReference('parentId');
  if (projectId === null) return;
  // Walk up from the parent: meeting the project itself would make a cycle.
  for (let id: string | null = parentId; id !== null;) {
    if (id === projectId) throw invalidField('parentId', 'list.project_cycle');
    const up: { parent_id: string | null } | undefined = await trx
      .selectFrom('project')
      .select('parent_id')
      .where('id', '=', id)
      .executeTakeFirst();
    id = up?.parent_id ?? null;
  }
}

/**
 * LST-4 a project formed by hand (a parent of several, or around needs whose matches were
 * confirmed without one): `needIds` are needs in 'matched', which join it.
 */
export async function createProject(opts: { db: Db; actor: Actor; input: ProjectInput }): Promise<{ id: string; code: string }> {
  const { db, actor, input } = opts;
  const owner = await resolveOwner(db, actor, input.ownerOrgId);
  return db.transaction().execute(async (trx) => {
    const needs = input.needIds.length
      ? await trx
          .selectFrom('need')
          .selectAll()
          .where('id', 'in', input.needIds)
          .where(scopeWhere(actor, 'need', 'read'))
          .forUpdate()
          .execute()
      : [];
    if (needs.length !== input.needIds.length) throw unknownReference('needIds');
    for (const n of needs) {
      if (n.status !== 'matched' || n.project_id !== null) throw invalidField('needIds', 'field.need_not_matched');
      if (
        !allows(actor, 'need', 'write', {
          regionCode: n.region_code,
          orgPath: [n.org_path, n.requester_path],
          personId: n.requester_person_id,
        })
      )
        throw new AppError('forbidden');
    }
    if (input.parentId) await checkParent(trx, actor, null, input.parentId);
    const regionCode = needs[0]?.region_code ?? input.regionCode ?? owner.region_code;
    if (!allows(actor, 'project', 'write', { regionCode, orgPath: owner.path }))
      throw new AppError('forbidden', { fields: [{ path: 'ownerOrgId', key: 'field.region_out_of_scope' }] });
    const created = await insertProject(trx, {
      actor,
      name: input.name,
      description: input.description,
      owner,
      regionCode,
      buildingId: needs[0]?.building_id ?? null,
      parentId: input.parentId ?? null,
      weight: input.weight,
      startedOn: input.startedOn ?? null,
      dueOn: input.dueOn ?? null,
      milestones: input.milestones,
    });
    if (needs.length) {
      const now = new Date();
      await trx
        .updateTable('need')
        .set({ project_id: created.id, status: 'in_project', in_project_at: now, updated_at: now, version: sql`version + 1` })
        .where('id', 'in', input.needIds)
        .execute();
      await trx
        .updateTable('need_match')
        .set({ project_id: created.id })
        .where('need_id', 'in', input.needIds)
        .where('status', '=', 'confirmed')
        .where('project_id', 'is', null)
        .execute();
    }
    await refreshProgress(trx, created.id);
    await recordAudit(trx, {
      actor,
      action: 'project.create',
      entity: 'project',
      entityId: created.id,
      regionCode,
      after: { code: created.code, name: input.name, needIds: input.needIds, parentId: input.parentId ?? null },
    });
    return created;
  });
}

export async function updateProject(opts: { db: Db; actor: Actor; id: string; input: ProjectPatch }): Promise<{ version: number }> {
  const { db, actor, id, input } = opts;
  return db.transaction().execute(async (trx) => {
    const row = await lockWritableProject(trx, actor, id);
    if (row.version !== input.version) throw conflict();
    if (input.parentId) await checkParent(trx, actor, id, input.parentId);
    const changes = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.parentId !== undefined ? { parent_id: input.parentId } : {}),
      ...(input.weight !== undefined ? { weight: input.weight } : {}),
      ...(input.startedOn !== undefined ? { started_on: input.startedOn } : {}),
      ...(input.dueOn !== undefined ? { due_on: input.dueOn } : {}),
    };
    await trx
      .updateTable('project')
      .set({ ...changes, version: row.version + 1, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    // A new parent or weight changes the figures above: both the old and the new parent roll up again.
    await refreshProgress(trx, id);
    if (row.parent_id && row.parent_id !== (input.parentId ?? row.parent_id)) await refreshProgress(trx, row.parent_id);
    await recordAudit(trx, {
      actor,
      action: 'project.update',
      entity: 'project',
      entityId: id,
      regionCode: row.region_code,
      after: changes,
    });
    return { version: row.version + 1 };
  });
}

export async function setProjectMembers(opts: { db: Db; actor: Actor; id: string; members: readonly MemberInput[] }): Promise<void> {
  const { db, actor, id, members } = opts;
  await db.transaction().execute(async (trx) => {
    const row = await lockWritableProject(trx, actor, id);
    await trx.deleteFrom('project_member').where('project_id', '=', id).execute();
    if (members.length)
      await trx
        .insertInto('project_member')
        .values(
          members.map((m) => ({
            project_id: id,
            name: m.name,
            role: m.role,
            organisation_id: m.organisationId ?? null,
            person_id: m.personId ?? null,
          })),
        )
        .execute();
    await recordAudit(trx, {
      actor,
      action: 'project.members',
      entity: 'project',
      entityId: id,
      regionCode: row.region_code,
      after: { members: members.map((m) => `${m.role}:${m.name}`) },
    });
  });
}

export async function addMilestone(opts: { db: Db; actor: Actor; id: string; input: MilestoneInput }): Promise<{ id: string }> {
  const { db, actor, id, input } = opts;
  return db.transaction().execute(async (trx) => {
    const row = await lockRunningProject(trx, actor, id);
    const pos = await trx
      .selectFrom('project_milestone')
      .select((eb) => eb.fn.max('position').as('p'))
      .where('project_id', '=', id)
      .executeTakeFirst();
    const inserted = await trx
      .insertInto('project_milestone')
      .values({ project_id: id, title: input.title, due_on: input.dueOn ?? null, weight: input.weight, position: Number(pos?.p ?? -1) + 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    await refreshProgress(trx, id);
    await trx
      .updateTable('project')
      .set({ version: row.version + 1 })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, {
      actor,
      action: 'project.milestone_add',
      entity: 'project',
      entityId: id,
      regionCode: row.region_code,
      after: { milestoneId: inserted.id, ...input },
    });
    return { id: inserted.id };
  });
}

export async function updateMilestone(opts: {
  db: Db;
  actor: Actor;
  id: string;
  milestoneId: string;
  input: MilestonePatch;
}): Promise<void> {
  const { db, actor, id, milestoneId, input } = opts;
  await db.transaction().execute(async (trx) => {
    const row = await lockRunningProject(trx, actor, id);
    const m = await trx
      .selectFrom('project_milestone')
      .selectAll()
      .where('id', '=', milestoneId)
      .where('project_id', '=', id)
      .executeTakeFirst();
    if (!m) throw notFound();
    const changes = {
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.dueOn !== undefined ? { due_on: input.dueOn } : {}),
      ...(input.weight !== undefined ? { weight: input.weight } : {}),
      ...(input.done !== undefined ? { done: input.done, done_at: input.done ? (m.done_at ?? new Date()) : null } : {}),
    };
    await trx.updateTable('project_milestone').set(changes).where('id', '=', milestoneId).execute();
    await refreshProgress(trx, id);
    await trx
      .updateTable('project')
      .set({ version: row.version + 1 })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, {
      actor,
      action: 'project.milestone_update',
      entity: 'project',
      entityId: id,
      regionCode: row.region_code,
      before: { milestoneId, done: m.done, weight: m.weight, title: m.title },
      after: { milestoneId, ...input },
    });
  });
}

export async function deleteMilestone(opts: { db: Db; actor: Actor; id: string; milestoneId: string }): Promise<void> {
  const { db, actor, id, milestoneId } = opts;
  await db.transaction().execute(async (trx) => {
    const row = await lockRunningProject(trx, actor, id);
    const gone = await trx
      .deleteFrom('project_milestone')
      .where('id', '=', milestoneId)
      .where('project_id', '=', id)
      .returning(['title'])
      .executeTakeFirst();
    if (!gone) throw notFound();
    await refreshProgress(trx, id);
    await trx
      .updateTable('project')
      .set({ version: row.version + 1 })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, {
      actor,
      action: 'project.milestone_delete',
      entity: 'project',
      entityId: id,
      regionCode: row.region_code,
      before: { milestoneId, title: gone.title },
    });
  });
}
