import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/actor.ts';
import type { Action } from '../../auth/policy.ts';
import type { Database } from '../../db/schema.ts';
import { scopeWhere } from '../../db/scoped.ts';

const likeEscape = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function base(db: Kysely<Database>, actor: Actor, action: Action = 'read') {
  return db
    .selectFrom('person')
    .leftJoin('region', 'region.code', 'person.region_code')
    .leftJoin('organisation', 'organisation.id', 'person.organisation_id')
    .selectAll('person')
    .select(['region.name as region_name', 'organisation.name as organisation_name'])
    .where(scopeWhere(actor, 'person', action));
}
export type PersonRow = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

export function findPerson(db: Kysely<Database>, actor: Actor, id: string) {
  return base(db, actor).where('person.id', '=', id).executeTakeFirst();
}

export async function listPeople(
  db: Kysely<Database>,
  actor: Actor,
  f: { organisationId?: string | undefined; q?: string | undefined; partyMember?: 'true' | 'false' | undefined; limit: number; offset: number },
): Promise<{ rows: PersonRow[]; total: number }> {
  let query = base(db, actor);
  if (f.organisationId) query = query.where('person.organisation_id', '=', f.organisationId);
  if (f.partyMember) query = query.where('person.is_party_member', '=', f.partyMember === 'true');
  if (f.q) query = query.where('person.name', 'like', likeEscape(f.q));
  const [rows, count] = await Promise.all([
    query.orderBy('person.id').limit(f.limit).offset(f.offset).execute(),
    query.clearSelect().select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Posts of a person, in organisations the caller can see. */
export function listPosts(db: Kysely<Database>, actor: Actor, personId: string) {
  return db
    .selectFrom('post')
    .innerJoin('organisation', 'organisation.id', 'post.organisation_id')
    .select(['post.id', 'post.organisation_id', 'organisation.name as organisation_name', 'post.title', 'post.started_on', 'post.ended_on'])
    .where('post.person_id', '=', personId)
    .where(scopeWhere(actor, 'organisation'))
    .orderBy('post.id')
    .execute();
}
