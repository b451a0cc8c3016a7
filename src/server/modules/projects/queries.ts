import { sql, type Kysely, type SqlBool } from 'kysely';
import { regionPrefix } from '../../../domain/regions.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';
import { scopeWhere } from '../../db/scoped.ts';
import { projectReadable } from './access.ts';
import type { ProjectQuery } from './schemas.ts';

type Db = Kysely<Database>;

/** LST-4 projects with the names a list shows, through projectReadable. */
export function projectsWithNames(db: Db, actor: Actor) {
  return db
    .selectFrom('project')
    .innerJoin('organisation as owner', 'owner.id', 'project.owner_org_id')
    .leftJoin('building', 'building.id', 'project.building_id')
    .leftJoin('region', 'region.code', 'project.region_code')
    .leftJoin('project as parent', 'parent.id', 'project.parent_id')
    .select([
      'project.id',
      'project.code',
      'project.name',
      'project.description',
      'project.owner_org_id',
      'project.org_path',
      'project.building_id',
      'project.region_code',
      'project.parent_id',
      'project.weight',
      'project.status',
      'project.progress',
      'project.started_on',
      'project.due_on',
      'project.closing_report',
      'project.closed_at',
      'project.version',
      'project.created_at',
      'owner.name as owner_name',
      'building.name as building_name',
      'region.name as region_name',
      'parent.code as parent_code',
      'parent.name as parent_name',
      (eb) =>
        eb
          .selectFrom('need')
          .select((e) => e.fn.countAll<string>().as('n'))
          .whereRef('need.project_id', '=', 'project.id')
          .as('need_count'),
    ])
    .where(projectReadable(actor));
}

export type ProjectRow = Awaited<ReturnType<ReturnType<typeof projectsWithNames>['executeTakeFirstOrThrow']>>;

function filtered(db: Db, actor: Actor, query: Omit<ProjectQuery, 'limit' | 'offset'>) {
  let q = projectsWithNames(db, actor);
  if (query.status) q = q.where('project.status', '=', query.status);
  if (query.parentId) q = q.where('project.parent_id', '=', query.parentId);
  if (query.topLevel) q = q.where('project.parent_id', 'is', null);
  if (query.regionCode) q = q.where(sql<SqlBool>`project.region_code LIKE ${regionPrefix(query.regionCode) + '%'}`);
  const term = query.q?.trim();
  if (term)
    q = q.where((eb) => eb.or([eb('project.code', '=', term.toUpperCase()), sql<SqlBool>`project.search @@ hongtu_bigram_query(${term})`]));
  return q;
}

export async function listProjects(db: Db, actor: Actor, query: ProjectQuery): Promise<{ rows: ProjectRow[]; total: number }> {
  const q = filtered(db, actor, query);
  const [rows, count] = await Promise.all([
    q.orderBy('project.created_at', 'desc').orderBy('project.id', 'desc').limit(query.limit).offset(query.offset).execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function exportProjects(db: Db, actor: Actor, query: Omit<ProjectQuery, 'limit' | 'offset'>, max: number) {
  return filtered(db, actor, query).orderBy('project.created_at', 'desc').orderBy('project.id', 'desc').limit(max).execute();
}

export function findProject(db: Db, actor: Actor, id: string): Promise<ProjectRow | undefined> {
  return projectsWithNames(db, actor).where('project.id', '=', id).executeTakeFirst();
}

/** Everything the project page shows beside the row: members, milestones, children, needs, resources, evidence. */
export async function projectParts(db: Db, actor: Actor, id: string) {
  const [members, milestones, children, needs, resources, evidence] = await Promise.all([
    db
      .selectFrom('project_member')
      .leftJoin('organisation', 'organisation.id', 'project_member.organisation_id')
      .select([
        'project_member.id',
        'project_member.name',
        'project_member.role',
        'project_member.organisation_id',
        'organisation.name as organisation_name',
        'project_member.person_id',
      ])
      .where('project_id', '=', id)
      .orderBy('project_member.id')
      .execute(),
    db.selectFrom('project_milestone').selectAll().where('project_id', '=', id).orderBy('position').orderBy('id').execute(),
    db
      .selectFrom('project')
      .select(['id', 'code', 'name', 'weight', 'progress', 'status'])
      .where('parent_id', '=', id)
      .where(projectReadable(actor))
      .orderBy('id')
      .execute(),
    db
      .selectFrom('need')
      .select(['id', 'code', 'title', 'status', 'category', 'requester_name'])
      .where('project_id', '=', id)
      // A provider reading the project sees that needs exist, not whose: names only for needs it may read.
      .select((eb) => eb.or([scopeWhere(actor, 'need', 'read')]).as('readable'))
      .orderBy('id')
      .execute(),
    db
      .selectFrom('need_match')
      .innerJoin('resource', 'resource.id', 'need_match.resource_id')
      .innerJoin('organisation', 'organisation.id', 'resource.provider_org_id')
      .select([
        'resource.id',
        'resource.code',
        'resource.title',
        'organisation.name as provider',
        'need_match.need_id',
        'need_match.quantity',
        'need_match.score',
      ])
      .where('need_match.project_id', '=', id)
      .where('need_match.status', '=', 'confirmed')
      .orderBy('need_match.id')
      .execute(),
    db
      .selectFrom('project_evidence')
      .select(['id', 'file_name', 'mime_type', 'size_bytes', 'created_at'])
      .where('project_id', '=', id)
      .orderBy('id')
      .execute(),
  ]);
  return { members, milestones, children, needs, resources, evidence };
}
