import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { Actor } from '../../auth/actor.ts';
import type { Database, Role } from '../../db/schema.ts';
import { scopeWhere } from '../../db/scoped.ts';
import type { UserRow } from './presenter.ts';

type UserQuery = SelectQueryBuilder<
  Database & { r: Database['region']; o: Database['organisation'] },
  'app_user' | 'r' | 'o',
  UserRow
>;

function baseUserQuery(db: Kysely<Database>): UserQuery {
  return db
    .selectFrom('app_user')
    .leftJoin('region as r', 'r.code', 'app_user.region_code')
    .leftJoin('organisation as o', 'o.id', 'app_user.organisation_id')
    .select([
      'app_user.id',
      'app_user.username',
      'app_user.display_name',
      'app_user.role',
      'app_user.locale',
      'app_user.region_code',
      'r.name as region_name',
      'app_user.organisation_id',
      'o.name as organisation_name',
      'app_user.person_id',
      'app_user.disabled',
      'app_user.locked_until',
      'app_user.created_at',
    ]) as unknown as UserQuery;
}

/** One account by id, unscoped: for the signed-in user's own profile. */
export function findUserById(db: Kysely<Database>, id: string): Promise<UserRow | undefined> {
  return baseUserQuery(db).where('app_user.id', '=', id).executeTakeFirst();
}

export function findScopedUser(db: Kysely<Database>, actor: Actor, id: string): Promise<UserRow | undefined> {
  return baseUserQuery(db).where('app_user.id', '=', id).where(scopeWhere(actor, 'app_user')).executeTakeFirst();
}

export async function listUsers(
  db: Kysely<Database>,
  actor: Actor,
  filter: { role?: Role | undefined; q?: string | undefined; limit: number; offset: number },
): Promise<{ rows: UserRow[]; total: number }> {
  let query = baseUserQuery(db).where(scopeWhere(actor, 'app_user'));
  if (filter.role) query = query.where('app_user.role', '=', filter.role);
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('app_user.username', 'ilike', like), eb('app_user.display_name', 'ilike', like)]));
  }
  const [rows, count] = await Promise.all([
    query.orderBy('app_user.id').limit(filter.limit).offset(filter.offset).execute(),
    query.clearSelect().select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
