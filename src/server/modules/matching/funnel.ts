import { sql, type Kysely, type SqlBool } from 'kysely';
import { LIST_CATEGORIES, type ListCategory } from '../../../domain/lists/categories.ts';
import { regionPrefix } from '../../../domain/regions.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';
import { allows, scopeWhere } from '../../db/scoped.ts';
import { AppError } from '../../http/errors.ts';
import { projectReadable } from '../projects/access.ts';

type Db = Kysely<Database>;

export interface FunnelCounts {
  needs: number;
  matched: number;
  inProject: number;
  done: number;
}

/**
 * LST-3/LST-4 the conversion of a region's needs (the street board): collected → matched →
 * in a project → done. Each stage counts the needs whose stamp is set (a need that reached
 * a project was matched first), over the needs entered in the period that the caller sees.
 */
export async function listFunnel(opts: {
  db: Db;
  actor: Actor;
  regionCode?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}) {
  const { db, actor } = opts;
  let region: { code: string; name: string } | null = null;
  if (opts.regionCode) {
    region = (await db.selectFrom('region').select(['code', 'name']).where('code', '=', opts.regionCode).executeTakeFirst()) ?? null;
    if (!region || !allows(actor, 'need', 'read', { regionCode: region.code }))
      throw new AppError('not_found', { fields: [{ path: 'regionCode', key: 'field.region_out_of_scope' }] });
  }
  const inRegion = (column: string) =>
    region ? sql<SqlBool>`${sql.ref(column)} LIKE ${regionPrefix(region.code) + '%'}` : sql<SqlBool>`true`;
  let q = db
    .selectFrom('need')
    .select([
      'need.category',
      (eb) => eb.fn.countAll<string>().as('needs'),
      sql<string>`count(need.matched_at)`.as('matched'),
      sql<string>`count(need.in_project_at)`.as('in_project'),
      sql<string>`count(need.done_at)`.as('done'),
    ])
    .where(scopeWhere(actor, 'need', 'read'))
    .where(inRegion('need.region_code'))
    .groupBy('need.category');
  if (opts.from) q = q.where('need.created_at', '>=', new Date(`${opts.from}T00:00:00+08:00`));
  if (opts.to) q = q.where('need.created_at', '<', new Date(new Date(`${opts.to}T00:00:00+08:00`).getTime() + 86_400_000));
  const [rows, projects] = await Promise.all([
    q.execute(),
    db
      .selectFrom('project')
      .select(['project.status', (eb) => eb.fn.countAll<string>().as('n')])
      .where(projectReadable(actor))
      .where(inRegion('project.region_code'))
      .groupBy('project.status')
      .execute(),
  ]);
  const totals: FunnelCounts = { needs: 0, matched: 0, inProject: 0, done: 0 };
  const byCategory = new Map<ListCategory, FunnelCounts>();
  for (const r of rows) {
    const c: FunnelCounts = { needs: Number(r.needs), matched: Number(r.matched), inProject: Number(r.in_project), done: Number(r.done) };
    byCategory.set(r.category, c);
    totals.needs += c.needs;
    totals.matched += c.matched;
    totals.inProject += c.inProject;
    totals.done += c.done;
  }
  const projectCounts = { in_progress: 0, done: 0, cancelled: 0 };
  for (const p of projects) projectCounts[p.status] = Number(p.n);
  return {
    region,
    from: opts.from ?? null,
    to: opts.to ?? null,
    totals,
    byCategory: LIST_CATEGORIES.filter((c) => byCategory.has(c)).map((c) => ({ category: c, ...byCategory.get(c)! })),
    projects: projectCounts,
  };
}
