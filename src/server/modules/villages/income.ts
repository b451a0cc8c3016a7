import { sql, type Kysely } from 'kysely';
import { countAboveThresholds, isAboveThreshold, normaliseThresholds, thresholdsFor } from '../../../domain/village-books/income.ts';
import { ancestorCodes, regionLevelOf, regionPrefix } from '../../../domain/regions.ts';
import { chinaDate } from '../../../domain/time.ts';
import type { Actor } from '../../auth/actor.ts';
import { mayConfigureIncomeThresholds } from '../../auth/policy.ts';
import type { Database } from '../../db/schema.ts';
import { allows, scopeWhere } from '../../db/scoped.ts';
import { AppError, invalidField, outOfScopeField } from '../../http/errors.ts';
import { recordAudit } from '../audit/chain.ts';
import { lockVillage } from './access.ts';
import type { IncomeInput, IncomeOverview, IncomeQuery, ThresholdsInput } from './schemas-heritage.ts';

type Db = Kysely<Database>;

/** VIL-3 a village's operating income for a year: one figure, replaced when corrected (the audit keeps the old one). */
export async function recordCollectiveIncome(opts: {
  db: Db;
  actor: Actor;
  code: string;
  year: number;
  input: IncomeInput;
}): Promise<void> {
  const { actor, input } = opts;
  await opts.db.transaction().execute(async (trx) => {
    const v = await lockVillage(trx, actor, opts.code, 'collective_income');
    const before = await trx
      .selectFrom('collective_income')
      .selectAll()
      .where('region_code', '=', v.region_code)
      .where('year', '=', opts.year)
      .executeTakeFirst();
    const values = {
      operating_income: input.operatingIncome,
      total_income: input.totalIncome ?? null,
      note: input.note?.trim() || null,
      updated_at: new Date(),
    };
    const after = await trx
      .insertInto('collective_income')
      .values({ region_code: v.region_code, year: opts.year, ...values })
      .onConflict((oc) => oc.columns(['region_code', 'year']).doUpdateSet(values))
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      action: 'collective_income.record',
      entity: 'collective_income',
      entityId: `${v.region_code}:${opts.year}`,
      regionCode: v.region_code,
      after,
      ...(before ? { before } : {}),
    });
  });
}

/** The region's own code, then its ancestors nearest first: where thresholds are looked up. */
function thresholdChain(regionCode: string | null): string[] {
  return regionCode ? [regionCode, ...ancestorCodes(regionCode).reverse()] : [];
}

/** The thresholds in force for a region (its own, an ancestor's or the defaults). */
export async function thresholdsForRegion(db: Db, regionCode: string | null) {
  const chain = thresholdChain(regionCode);
  const rows = chain.length
    ? await db.selectFrom('collective_income_threshold').select(['region_code', 'amount']).where('region_code', 'in', chain).execute()
    : [];
  const byRegion = new Map<string, number[]>();
  for (const r of rows) byRegion.set(r.region_code, [...(byRegion.get(r.region_code) ?? []), Number(r.amount)]);
  return thresholdsFor(chain, byRegion);
}

/** VIL-3 a county (or city) sets the thresholds its villages are counted against. */
export async function setIncomeThresholds(opts: { db: Db; actor: Actor; input: ThresholdsInput }): Promise<number[]> {
  const { actor, input } = opts;
  const level = regionLevelOf(input.regionCode);
  if (level !== 'county' && level !== 'city') throw invalidField('regionCode', 'field.thresholds_not_allowed');
  const amounts = normaliseThresholds(input.amounts);
  if (!amounts) throw invalidField('amounts', 'field.income_thresholds');
  if (!mayConfigureIncomeThresholds(actor))
    throw new AppError('forbidden', { fields: [{ path: 'regionCode', key: 'field.thresholds_not_allowed' }] });
  if (!allows(actor, 'collective_income', 'write', { regionCode: input.regionCode })) throw outOfScopeField('regionCode');
  return opts.db.transaction().execute(async (trx) => {
    const region = await trx.selectFrom('region').select('code').where('code', '=', input.regionCode).executeTakeFirst();
    if (!region) throw invalidField('regionCode', 'field.region_unknown');
    const before = await trx
      .deleteFrom('collective_income_threshold')
      .where('region_code', '=', input.regionCode)
      .returning('amount')
      .execute();
    await trx
      .insertInto('collective_income_threshold')
      .values(amounts.map((amount) => ({ region_code: input.regionCode, amount })))
      .execute();
    await recordAudit(trx, {
      actor,
      action: 'collective_income.thresholds',
      entity: 'collective_income_threshold',
      entityId: input.regionCode,
      regionCode: input.regionCode,
      before: { amounts: before.map((b) => Number(b.amount)) },
      after: { amounts },
    });
    return amounts;
  });
}

/** The region a county figure is about: the one asked for, else the caller's own (null: everything, for admins). */
export function viewRegion(actor: Actor, asked: string | undefined): string | null {
  return asked ?? actor.regionCode ?? null;
}

/**
 * VIL-3 the collective income of the villages in view for a year, and how many are above
 * each threshold. Only villages with a profile count; `traditional` (default true) keeps
 * the traditional villages, the article's denominator.
 */
export async function incomeOverview(db: Db, actor: Actor, q: IncomeQuery): Promise<IncomeOverview> {
  const year = q.year ?? Number(chinaDate().slice(0, 4)) - 1;
  const regionCode = viewRegion(actor, q.regionCode);
  let villages = db
    .selectFrom('village_profile')
    .innerJoin('region as v', 'v.code', 'village_profile.region_code')
    .innerJoin('region as t', 't.code', 'v.parent_code')
    .leftJoin('collective_income', (j) =>
      j.onRef('collective_income.region_code', '=', 'village_profile.region_code').on('collective_income.year', '=', year),
    )
    .select([
      'village_profile.region_code',
      'v.name',
      't.name as township_name',
      'village_profile.is_traditional',
      'collective_income.operating_income',
      'collective_income.total_income',
      'collective_income.note',
    ])
    // The books' rule: income is read by region staff of the village's subtree.
    .where(scopeWhere(actor, 'village_fund', 'read'));
  if (regionCode) villages = villages.where('village_profile.region_code', 'like', `${regionPrefix(regionCode)}%`);
  if ((q.traditional ?? 'true') === 'true') villages = villages.where('village_profile.is_traditional', '=', true);
  const [rows, { amounts, from }] = await Promise.all([
    villages
      .orderBy(sql`collective_income.operating_income DESC NULLS LAST`)
      .orderBy('village_profile.region_code')
      .execute(),
    thresholdsForRegion(db, regionCode),
  ]);
  const reported = rows.filter((r) => r.operating_income !== null).map((r) => Number(r.operating_income));
  return {
    year,
    regionCode,
    thresholds: amounts,
    thresholdsFrom: from,
    mayConfigure:
      mayConfigureIncomeThresholds(actor) &&
      regionCode !== null &&
      ['county', 'city'].includes(regionLevelOf(regionCode) ?? '') &&
      allows(actor, 'collective_income', 'write', { regionCode }),
    villages: rows.length,
    reported: reported.length,
    counts: countAboveThresholds(reported, amounts),
    total: reported.reduce((s, v) => s + Math.round(v * 100), 0) / 100,
    items: rows.map((r) => {
      const income = r.operating_income === null ? null : Number(r.operating_income);
      return {
        regionCode: r.region_code,
        name: r.name,
        townshipName: r.township_name,
        isTraditional: r.is_traditional,
        operatingIncome: income,
        totalIncome: r.total_income === null ? null : Number(r.total_income),
        note: r.note,
        above: income === null ? [] : amounts.filter((t) => isAboveThreshold(income, t)),
      };
    }),
  };
}
