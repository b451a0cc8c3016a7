import { sql, type Kysely } from 'kysely';
import { regionPrefix } from '../../../domain/regions.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';
import { allows, scopeWhere } from '../../db/scoped.ts';
import { AppError, forbidden, invalidField, notFound, outOfScopeField } from '../../http/errors.ts';
import { recordAudit } from '../audit/chain.ts';
import { visiblePerson } from './access.ts';
import { viewRegion } from './income.ts';
import type { HeritageItemInput, InheritorInput, PerformanceInput, PeriodQuery } from './schemas-heritage.ts';

type Db = Kysely<Database>;

/** VIL-4 an intangible heritage item (非遗项目), usually listed for the whole county. */
export async function createHeritageItem(opts: { db: Db; actor: Actor; input: HeritageItemInput }): Promise<string> {
  const { actor, input } = opts;
  if (!allows(actor, 'heritage_item', 'write', { regionCode: input.regionCode })) throw outOfScopeField('regionCode');
  return opts.db.transaction().execute(async (trx) => {
    const region = await trx.selectFrom('region').select('code').where('code', '=', input.regionCode).executeTakeFirst();
    if (!region) throw invalidField('regionCode', 'field.region_unknown');
    const clash = await trx
      .selectFrom('heritage_item')
      .select('id')
      .where('region_code', '=', input.regionCode)
      .where('name', '=', input.name)
      .executeTakeFirst();
    if (clash) throw new AppError('conflict', { fields: [{ path: 'name', key: 'field.heritage_item_exists' }] });
    const row = await trx
      .insertInto('heritage_item')
      .values({
        region_code: input.regionCode,
        name: input.name,
        category: input.category,
        level: input.level,
        listed_year: input.listedYear ?? null,
        description: input.description ?? '',
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      action: 'heritage_item.create',
      entity: 'heritage_item',
      entityId: row.id,
      regionCode: row.region_code,
      after: row,
    });
    return row.id;
  });
}

export async function addInheritor(opts: { db: Db; actor: Actor; itemId: string; input: InheritorInput }): Promise<string> {
  const { actor, input } = opts;
  return opts.db.transaction().execute(async (trx) => {
    const item = await trx
      .selectFrom('heritage_item')
      .select(['id', 'region_code'])
      .where('id', '=', opts.itemId)
      .forUpdate()
      .executeTakeFirst();
    if (!item) throw notFound();
    if (!allows(actor, 'heritage_item', 'write', { regionCode: item.region_code })) throw forbidden();
    const person = input.personId ? await visiblePerson(trx, actor, 'personId', input.personId) : null;
    const row = await trx
      .insertInto('inheritor')
      .values({
        heritage_item_id: item.id,
        region_code: item.region_code,
        name: input.name,
        level: input.level,
        since_year: input.sinceYear ?? null,
        person_id: person?.id ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      action: 'inheritor.create',
      entity: 'heritage_item',
      entityId: item.id,
      regionCode: item.region_code,
      after: row,
    });
    return row.id;
  });
}

/** Heritage items in view: those placed in the region asked for, its ancestors (a county item shows in its villages) or beneath it. */
export async function listHeritage(db: Db, actor: Actor, asked: string | undefined) {
  const regionCode = viewRegion(actor, asked);
  let q = db
    .selectFrom('heritage_item')
    .innerJoin('region', 'region.code', 'heritage_item.region_code')
    .selectAll('heritage_item')
    .select('region.name as region_name')
    .where(scopeWhere(actor, 'heritage_item', 'read'));
  if (regionCode) {
    const prefix = regionPrefix(regionCode);
    q = q.where((eb) =>
      eb.or([eb('heritage_item.region_code', 'like', `${prefix}%`), eb(eb.val(prefix), 'like', sql<string>`region.prefix || '%'`)]),
    );
  }
  const items = await q.orderBy('heritage_item.level').orderBy('heritage_item.id').execute();
  const inheritors = items.length
    ? await db
        .selectFrom('inheritor')
        .selectAll()
        .where(
          'heritage_item_id',
          'in',
          items.map((i) => i.id),
        )
        .orderBy('id')
        .execute()
    : [];
  return items.map((i) => ({
    id: i.id,
    regionCode: i.region_code,
    regionName: i.region_name,
    name: i.name,
    category: i.category,
    level: i.level,
    listedYear: i.listed_year,
    description: i.description,
    inheritors: inheritors
      .filter((h) => h.heritage_item_id === i.id)
      .map((h) => ({ id: h.id, name: h.name, level: h.level, sinceYear: h.since_year })),
  }));
}

/** VIL-4 a performance (展演) of a heritage item: where it took place decides who keeps the record. */
export async function recordPerformance(opts: { db: Db; actor: Actor; input: PerformanceInput }): Promise<string> {
  const { actor, input } = opts;
  return opts.db.transaction().execute(async (trx) => {
    const region = await trx.selectFrom('region').select('code').where('code', '=', input.regionCode).executeTakeFirst();
    if (!region) throw invalidField('regionCode', 'field.region_unknown');
    const village = await trx
      .selectFrom('village_profile')
      .select(['region_code', 'org_path'])
      .where('region_code', '=', input.regionCode)
      .executeTakeFirst();
    if (!allows(actor, 'performance', 'write', { regionCode: input.regionCode, orgPath: village?.org_path ?? null }))
      throw outOfScopeField('regionCode');
    const item = await trx
      .selectFrom('heritage_item')
      .select('id')
      .where('id', '=', input.heritageItemId)
      .where(scopeWhere(actor, 'heritage_item', 'read'))
      .executeTakeFirst();
    if (!item) throw new AppError('not_found', { fields: [{ path: 'heritageItemId', key: 'field.heritage_item_unknown' }] });
    const row = await trx
      .insertInto('performance')
      .values({
        heritage_item_id: item.id,
        region_code: input.regionCode,
        title: input.title,
        performed_on: input.performedOn,
        place: input.place,
        audience: input.audience,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      action: 'performance.create',
      entity: 'performance',
      entityId: row.id,
      regionCode: row.region_code,
      after: row,
    });
    return row.id;
  });
}

export async function listPerformances(db: Db, actor: Actor, q: PeriodQuery) {
  const regionCode = viewRegion(actor, q.regionCode);
  let base = db
    .selectFrom('performance')
    .innerJoin('heritage_item', 'heritage_item.id', 'performance.heritage_item_id')
    .innerJoin('region', 'region.code', 'performance.region_code')
    .leftJoin('village_profile', 'village_profile.region_code', 'performance.region_code')
    .where(scopeWhere(actor, 'performance', 'read'));
  if (regionCode) base = base.where('performance.region_code', 'like', `${regionPrefix(regionCode)}%`);
  if (q.from) base = base.where('performance.performed_on', '>=', q.from);
  if (q.to) base = base.where('performance.performed_on', '<=', q.to);
  const [rows, totals] = await Promise.all([
    base
      .select([
        'performance.id',
        'performance.heritage_item_id',
        'heritage_item.name as item_name',
        'performance.region_code',
        'region.name as region_name',
        'performance.title',
        'performance.performed_on',
        'performance.place',
        'performance.audience',
      ])
      .orderBy('performance.performed_on', 'desc')
      .orderBy('performance.id', 'desc')
      .limit(500)
      .execute(),
    base
      .select([sql<string>`count(*)`.as('n'), sql<string>`coalesce(sum(performance.audience), 0)`.as('audience')])
      .executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      heritageItemId: r.heritage_item_id,
      heritageItemName: r.item_name,
      regionCode: r.region_code,
      regionName: r.region_name,
      title: r.title,
      performedOn: r.performed_on,
      place: r.place,
      audience: r.audience,
    })),
    total: Number(totals.n),
    audience: Number(totals.audience),
  };
}
