import { sql, type Kysely } from 'kysely';
import { regionPrefix } from '../../../domain/regions.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';
import { scopeWhere } from '../../db/scoped.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/chain.ts';
import { lockVillage, visiblePerson, type Trx } from './access.ts';
import { viewRegion } from './income.ts';
import type { GuideInput, PeriodQuery, SiteInput } from './schemas-heritage.ts';

type Db = Kysely<Database>;

/** VIL-4 a tourism site of a village (e.g. 官田中央兵工厂旧址 and its ordnance museum). */
export async function createTourismSite(opts: { db: Db; actor: Actor; input: SiteInput }): Promise<string> {
  const { actor, input } = opts;
  return opts.db.transaction().execute(async (trx) => {
    const v = await lockVillage(trx, actor, input.regionCode).catch((err: unknown) => {
      // The village is named in the body: say which field, as for any unknown reference.
      if (err instanceof AppError && err.code === 'not_found')
        throw new AppError('not_found', { fields: [{ path: 'regionCode', key: 'field.village_unknown' }] });
      throw err;
    });
    const clash = await trx
      .selectFrom('tourism_site')
      .select('id')
      .where('region_code', '=', v.region_code)
      .where('name', '=', input.name)
      .executeTakeFirst();
    if (clash) throw new AppError('conflict', { fields: [{ path: 'name', key: 'field.site_exists' }] });
    const row = await trx
      .insertInto('tourism_site')
      .values({
        region_code: v.region_code,
        name: input.name,
        kind: input.kind,
        description: input.description ?? '',
        opened_on: input.openedOn ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      action: 'tourism_site.create',
      entity: 'tourism_site',
      entityId: row.id,
      regionCode: v.region_code,
      after: row,
    });
    return row.id;
  });
}

/** The site and its village, locked for a change; 404/403 as the village's. */
async function lockSite(trx: Trx, actor: Actor, siteId: string) {
  const site = await trx.selectFrom('tourism_site').select(['id', 'region_code', 'name']).where('id', '=', siteId).executeTakeFirst();
  if (!site) throw notFound();
  await lockVillage(trx, actor, site.region_code);
  return site;
}

export async function addGuide(opts: { db: Db; actor: Actor; siteId: string; input: GuideInput }): Promise<string> {
  const { actor, input } = opts;
  return opts.db.transaction().execute(async (trx) => {
    const site = await lockSite(trx, actor, opts.siteId);
    const person = input.personId ? await visiblePerson(trx, actor, 'personId', input.personId) : null;
    const row = await trx
      .insertInto('tourism_guide')
      .values({
        site_id: site.id,
        region_code: site.region_code,
        name: input.name,
        person_id: person?.id ?? null,
        since: input.since ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      action: 'tourism_guide.create',
      entity: 'tourism_site',
      entityId: site.id,
      regionCode: site.region_code,
      after: row,
    });
    return row.id;
  });
}

/** VIL-4 the visitors a site received in a month ('YYYY-MM'); a second count for the month replaces the first. */
export async function recordVisitors(opts: { db: Db; actor: Actor; siteId: string; month: string; visitors: number }): Promise<void> {
  const { actor } = opts;
  await opts.db.transaction().execute(async (trx) => {
    const site = await lockSite(trx, actor, opts.siteId);
    const month = `${opts.month}-01`;
    const before = await trx
      .selectFrom('visitor_count')
      .selectAll()
      .where('site_id', '=', site.id)
      .where('month', '=', month)
      .executeTakeFirst();
    const after = await trx
      .insertInto('visitor_count')
      .values({ site_id: site.id, region_code: site.region_code, month, visitors: opts.visitors })
      .onConflict((oc) => oc.columns(['site_id', 'month']).doUpdateSet({ visitors: opts.visitors, updated_at: new Date() }))
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      action: 'visitor_count.record',
      entity: 'tourism_site',
      entityId: site.id,
      regionCode: site.region_code,
      after,
      ...(before ? { before } : {}),
    });
  });
}

/** Sites in view with their guides and monthly visitors inside the period (default: everything). */
export async function listTourism(db: Db, actor: Actor, q: PeriodQuery) {
  const regionCode = viewRegion(actor, q.regionCode);
  let sites = db
    .selectFrom('tourism_site')
    .innerJoin('village_profile', 'village_profile.region_code', 'tourism_site.region_code')
    .innerJoin('region', 'region.code', 'tourism_site.region_code')
    .selectAll('tourism_site')
    .select('region.name as village_name')
    .where(scopeWhere(actor, 'village_profile', 'read'));
  if (regionCode) sites = sites.where('tourism_site.region_code', 'like', `${regionPrefix(regionCode)}%`);
  const rows = await sites.orderBy('tourism_site.region_code').orderBy('tourism_site.id').execute();
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return [];
  let visitors = db
    .selectFrom('visitor_count')
    .select(['site_id', sql<string>`to_char(month, 'YYYY-MM')`.as('month'), 'visitors'])
    .where('site_id', 'in', ids);
  if (q.from) visitors = visitors.where('month', '>=', `${q.from.slice(0, 7)}-01`);
  if (q.to) visitors = visitors.where('month', '<=', q.to);
  const [guides, counts] = await Promise.all([
    db.selectFrom('tourism_guide').select(['id', 'site_id', 'name', 'since', 'active']).where('site_id', 'in', ids).orderBy('id').execute(),
    visitors.orderBy('month').execute(),
  ]);
  return rows.map((s) => {
    const own = counts.filter((c) => c.site_id === s.id).map((c) => ({ month: c.month, visitors: c.visitors }));
    return {
      id: s.id,
      regionCode: s.region_code,
      villageName: s.village_name,
      name: s.name,
      kind: s.kind,
      description: s.description,
      openedOn: s.opened_on,
      guides: guides.filter((g) => g.site_id === s.id).map((g) => ({ id: g.id, name: g.name, since: g.since, active: g.active })),
      visitors: own,
      visitorsInPeriod: own.reduce((sum, c) => sum + c.visitors, 0),
    };
  });
}
