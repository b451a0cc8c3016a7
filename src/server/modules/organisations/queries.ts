import { sql, type Kysely } from 'kysely';
import { regionPrefix } from '../../../domain/regions.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Database, OrganisationKind } from '../../db/schema.ts';
import { scopeWhere } from '../../db/scoped.ts';
import type { Action } from '../../auth/policy.ts';

const likeEscape = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function base(db: Kysely<Database>, actor: Actor, action: Action = 'read') {
  return db
    .selectFrom('organisation')
    .leftJoin('region', 'region.code', 'organisation.region_code')
    .selectAll('organisation')
    .select('region.name as region_name')
    .where(scopeWhere(actor, 'organisation', action));
}
export type OrganisationRow = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

export async function listOrganisations(
  db: Kysely<Database>,
  actor: Actor,
  f: { parentId?: string | undefined; kind?: OrganisationKind | undefined; regionCode?: string | undefined; q?: string | undefined; limit: number; offset: number },
): Promise<{ rows: OrganisationRow[]; total: number }> {
  let query = base(db, actor);
  if (f.parentId) query = query.where('organisation.parent_id', '=', f.parentId);
  if (f.kind) query = query.where('organisation.kind', '=', f.kind);
  if (f.regionCode) query = query.where('organisation.region_code', 'like', `${regionPrefix(f.regionCode)}%`);
  if (f.q) query = query.where((eb) => eb.or([eb('organisation.name', 'like', likeEscape(f.q!)), eb('organisation.credit_code', '=', f.q!.toUpperCase())]));
  const [rows, count] = await Promise.all([
    query.orderBy('organisation.path').limit(f.limit).offset(f.offset).execute(),
    query.clearSelect().select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/**
 * The organisation page in one statement: the row, its parent, how many
 * children and the posts held in it, each part limited to what the actor may see.
 */
export function findOrganisationDetail(db: Kysely<Database>, actor: Actor, id: string) {
  return base(db, actor)
    .select([
      sql<{ id: string; name: string } | null>`(SELECT json_build_object('id', p.id::text, 'name', p.name) FROM organisation p
        WHERE p.id = organisation.parent_id AND ${scopeWhere(actor, 'organisation', 'read', 'p')})`.as('parent'),
      sql<string>`(SELECT count(*) FROM organisation c WHERE c.parent_id = organisation.id AND ${scopeWhere(actor, 'organisation', 'read', 'c')})`.as(
        'child_count',
      ),
      sql<PostRow[]>`(SELECT coalesce(json_agg(json_build_object('id', post.id::text, 'person_id', post.person_id::text, 'person_name', person.name,
          'title', post.title, 'started_on', post.started_on, 'ended_on', post.ended_on) ORDER BY post.id), '[]')
        FROM post JOIN person ON person.id = post.person_id
        WHERE post.organisation_id = organisation.id AND ${scopeWhere(actor, 'person')})`.as('posts'),
    ])
    .where('organisation.id', '=', id)
    .executeTakeFirst();
}

interface PostRow {
  id: string;
  person_id: string;
  person_name: string;
  title: string;
  started_on: string | null;
  ended_on: string | null;
}
