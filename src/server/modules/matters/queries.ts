import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import { regionPrefix } from '../../../domain/regions.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';
import { scopeWhere } from '../../db/scoped.ts';
import { levelRegion } from './policy.ts';
import type { MatterRow } from './state.ts';

export interface MatterFilters {
  queue: 'todo' | 'all' | 'overdue' | 'supervised';
  status?: string | undefined;
  level?: string | undefined;
  categoryId?: string | undefined;
  buildingId?: string | undefined;
  enterpriseId?: string | undefined;
  regionCode?: string | undefined;
  q?: string | undefined;
  limit: number;
  offset: number;
}

export interface MatterListRow extends MatterRow {
  category_name: string;
  category_kind: 'consultation' | 'service' | 'complaint';
  building_name: string | null;
  enterprise_name: string | null;
  handler_name: string | null;
}

const like = (path: string | null) => (path ?? '\u0000') + '%';

/**
 * MAT-5 the user's own queue (待办): the matters on which the next step is theirs.
 * It mirrors policy.ts's parties in SQL so the list is one indexed query.
 */
function todoCondition(actor: Actor): Expression<SqlBool> {
  switch (actor.role) {
    case 'admin':
      return sql<SqlBool>`matter.status NOT IN ('closed', 'withdrawn')`;
    case 'enterprise':
      return sql<SqlBool>`matter.enterprise_path LIKE ${like(actor.orgPath)} AND matter.status IN ('waiting_enterprise', 'replied')`;
    case 'dept':
      return sql<SqlBool>`matter.handler_path LIKE ${like(actor.orgPath)} AND matter.status IN ('dispatched', 'accepted', 'waiting_enterprise')`;
    case 'building':
      return sql<SqlBool>`(
        (matter.level = 'building' AND matter.org_path LIKE ${like(actor.orgPath)} AND matter.status IN ('collected', 'registered', 'reported_back', 'replied'))
        OR (matter.handler_path LIKE ${like(actor.orgPath)} AND matter.status IN ('dispatched', 'accepted')))`;
    case 'village':
      return sql<SqlBool>`matter.level = 'building' AND matter.building_id IS NULL AND matter.region_code LIKE ${(actor.regionCode ?? '\u0000') + '%'}
        AND matter.status IN ('collected', 'registered', 'reported_back', 'replied')`;
    case 'street':
    case 'district':
    case 'city': {
      const code = actor.regionCode ?? '\u0000';
      const below =
        actor.role === 'street'
          ? ['building']
          : actor.role === 'district'
            ? ['building', 'street']
            : ['building', 'street', 'district', 'city'];
      return sql<SqlBool>`(
        (matter.level = ${actor.role} AND matter.region_code LIKE ${regionPrefix(code) + '%'} AND matter.status IN ('registered', 'reported_back', 'replied'))
        OR (matter.pending_extension_minutes IS NOT NULL AND matter.level IN (${sql.join(below)}) AND matter.region_code LIKE ${regionPrefix(code) + '%'}))`;
    }
    case 'member':
      return sql<SqlBool>`false`;
  }
}

export async function listMatters(db: Kysely<Database>, actor: Actor, f: MatterFilters): Promise<{ rows: MatterListRow[]; total: number }> {
  let q = db
    .selectFrom('matter')
    .innerJoin('matter_category as c', 'c.id', 'matter.category_id')
    .leftJoin('building as b', 'b.id', 'matter.building_id')
    .leftJoin('organisation as e', 'e.id', 'matter.enterprise_id')
    .leftJoin('organisation as h', 'h.id', 'matter.handler_org_id')
    .where(scopeWhere(actor, 'matter', 'read'));
  if (f.queue === 'todo') q = q.where(todoCondition(actor));
  if (f.queue === 'overdue') {
    q = q.where(
      sql<SqlBool>`matter.status NOT IN ('closed', 'withdrawn') AND least(matter.sign_for_due_at, matter.resolution_due_at, matter.reply_due_at) < now()`,
    );
  }
  if (f.queue === 'supervised') q = q.where('matter.supervision', 'is not', null);
  if (f.status) q = q.where('matter.status', '=', f.status);
  if (f.level) q = q.where('matter.level', '=', f.level as MatterRow['level']);
  if (f.categoryId) q = q.where('matter.category_id', '=', f.categoryId);
  if (f.buildingId) q = q.where('matter.building_id', '=', f.buildingId);
  if (f.enterpriseId) q = q.where('matter.enterprise_id', '=', f.enterpriseId);
  if (f.regionCode) q = q.where('matter.region_code', 'like', regionPrefix(f.regionCode) + '%');
  if (f.q) {
    const term = f.q;
    q = q.where((eb) => eb.or([eb('matter.code', '=', term.toUpperCase()), sql<SqlBool>`matter.search @@ hongtu_bigram_query(${term})`]));
  }
  const [rows, count] = await Promise.all([
    q
      .selectAll('matter')
      .select([
        'c.name as category_name',
        'c.kind as category_kind',
        'b.name as building_name',
        'e.name as enterprise_name',
        'h.name as handler_name',
      ])
      // Most urgent first: open matters by their nearest deadline, then the newest.
      .orderBy(sql`CASE WHEN matter.status IN ('closed', 'withdrawn') THEN 1 ELSE 0 END`)
      .orderBy(sql`least(matter.sign_for_due_at, matter.resolution_due_at, matter.reply_due_at) ASC NULLS LAST`)
      .orderBy('matter.created_at', 'desc')
      .orderBy('matter.id', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as MatterListRow[], total: Number(count.n) };
}

export async function findMatter(db: Kysely<Database>, actor: Actor, id: string): Promise<MatterListRow | undefined> {
  const row = await db
    .selectFrom('matter')
    .innerJoin('matter_category as c', 'c.id', 'matter.category_id')
    .leftJoin('building as b', 'b.id', 'matter.building_id')
    .leftJoin('organisation as e', 'e.id', 'matter.enterprise_id')
    .leftJoin('organisation as h', 'h.id', 'matter.handler_org_id')
    .selectAll('matter')
    .select([
      'c.name as category_name',
      'c.kind as category_kind',
      'b.name as building_name',
      'e.name as enterprise_name',
      'h.name as handler_name',
    ])
    .where('matter.id', '=', id)
    .where(scopeWhere(actor, 'matter', 'read'))
    .executeTakeFirst();
  return row as MatterListRow | undefined;
}

export async function matterEvents(db: Kysely<Database>, matterId: string) {
  return db.selectFrom('matter_event').selectAll().where('matter_id', '=', matterId).orderBy('seq').execute();
}

export async function matterSlips(db: Kysely<Database>, matterId: string) {
  return db
    .selectFrom('dispatch_slip as s')
    .innerJoin('organisation as o', 'o.id', 's.handler_org_id')
    .leftJoin('app_user as u', 'u.id', 's.dispatched_by')
    .selectAll('s')
    .select(['o.name as handler_name', 'u.display_name as dispatcher_name'])
    .where('s.matter_id', '=', matterId)
    .orderBy('s.id')
    .execute();
}

/** Desks a matter may be dispatched to: departments (and the building's property side) serving its area; the category's kind first. */
export async function handlerOptions(db: Kysely<Database>, matter: MatterRow, departmentKind: string | null) {
  const area = levelRegion(matter.region_code, matter.level);
  const ancestors = [
    matter.region_code.slice(0, 4) + '00',
    matter.region_code.slice(0, 6),
    matter.region_code.slice(0, 9),
    matter.region_code,
  ];
  const rows = await db
    .selectFrom('organisation')
    .select(['id', 'name', 'department_kind', 'kind'])
    .where('kind', 'in', ['department', 'property_company'])
    .where((eb) => eb.or([eb('region_code', 'in', ancestors), eb('region_code', 'like', regionPrefix(area) + '%')]))
    .orderBy('name')
    .limit(200)
    .execute();
  return rows
    .map((r) => ({
      id: r.id,
      name: r.name,
      departmentKind: r.department_kind,
      suggested: departmentKind !== null && r.department_kind === departmentKind,
    }))
    .sort((a, b) => Number(b.suggested) - Number(a.suggested));
}

export async function listCategories(db: Kysely<Database>) {
  return db.selectFrom('matter_category').selectAll().where('active', '=', true).orderBy('sort').orderBy('id').execute();
}
