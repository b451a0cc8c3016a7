import { sql, type Kysely } from 'kysely';
import { countAboveThresholds } from '../../../domain/village-books/income.ts';
import { toFen, toYuan } from '../../../domain/village-books/money.ts';
import { FUND_PURPOSE_ORDER } from '../../../domain/village-books/funds.ts';
import { isWithinRegion, regionPrefix } from '../../../domain/regions.ts';
import { chinaDate } from '../../../domain/time.ts';
import type { Actor } from '../../auth/actor.ts';
import { FUND_SOURCE_KINDS, type FundPurpose, type FundSourceKind } from '../../db/schema-villages.ts';
import type { Database, Role } from '../../db/schema.ts';
import { scopeWhere } from '../../db/scoped.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { thresholdsForRegion } from './income.ts';
import type { VillageDashboard, VillageDashboardQuery } from './schemas-dashboard.ts';

type Db = Kysely<Database>;
type Rows<Q extends { execute(): Promise<unknown[]> }> = Awaited<ReturnType<Q['execute']>>;
const DASHBOARD_ROLES: readonly Role[] = ['admin', 'city', 'district', 'street', 'village'];
// The income chart shows at most this many recent years.
const INCOME_YEARS = 6;

/**
 * DSH-1 the village figures of a county (or township, or village) on one page: villages above
 * each income threshold per year (VIL-3), protection funds received, allocated and spent by
 * purpose (VIL-2), heritage performances and site visitors per month of the year (VIL-4), and
 * the same per village. Every query is an aggregate over indexed region prefixes, so the page
 * costs a handful of grouped scans whatever the ledger's length (bench/villages-dashboard.ts).
 */
export async function villageDashboard(opts: {
  db: Db;
  actor: Actor;
  query: VillageDashboardQuery;
  today?: string;
}): Promise<VillageDashboard> {
  const { db, actor, query } = opts;
  if (!DASHBOARD_ROLES.includes(actor.role)) throw forbidden();
  const regionCode = query.regionCode ?? actor.regionCode ?? null;
  if (actor.role !== 'admin' && !regionCode) throw forbidden();
  let region: { code: string; name: string } | null = null;
  if (regionCode) {
    region = (await db.selectFrom('region').select(['code', 'name']).where('code', '=', regionCode).executeTakeFirst()) ?? null;
    if (!region) throw notFound();
    if (actor.role !== 'admin' && !(actor.regionCode && isWithinRegion(regionCode, actor.regionCode))) throw forbidden();
  }
  const today = opts.today ?? chinaDate();
  const year = query.year ?? Number(today.slice(0, 4));
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const previousFrom = `${year - 1}-01-01`;
  const prefix = regionCode ? `${regionPrefix(regionCode)}%` : '%';

  const villagesQ = db
    .selectFrom('village_profile')
    .innerJoin('region as v', 'v.code', 'village_profile.region_code')
    .innerJoin('region as t', 't.code', 'v.parent_code')
    .select(['village_profile.region_code', 'v.name', 't.name as township_name', 'village_profile.is_traditional'])
    .select((eb) =>
      eb
        .selectFrom('traditional_building as b')
        .select(sql<string>`count(*)`.as('n'))
        .whereRef('b.region_code', '=', 'village_profile.region_code')
        .where('b.condition', '=', 'dangerous')
        .as('dangerous'),
    )
    .where('village_profile.region_code', 'like', prefix)
    .where(scopeWhere(actor, 'village_fund', 'read'))
    .orderBy('village_profile.region_code');
  const incomeQ = db
    .selectFrom('collective_income')
    .innerJoin('village_profile', 'village_profile.region_code', 'collective_income.region_code')
    .select([
      'collective_income.region_code',
      'collective_income.year',
      'collective_income.operating_income',
      'village_profile.is_traditional',
    ])
    .where('collective_income.region_code', 'like', prefix)
    .where(scopeWhere(actor, 'village_fund', 'read'));
  const fundsQ = db
    .selectFrom('fund_entry')
    .innerJoin('village_profile', 'village_profile.region_code', 'fund_entry.region_code')
    .leftJoin('fund_project', 'fund_project.id', 'fund_entry.project_id')
    .select([
      'fund_entry.region_code',
      'fund_entry.kind',
      'fund_entry.source_kind',
      'fund_project.purpose',
      sql<string>`sum(fund_entry.amount)`.as('amount'),
    ])
    .where('fund_entry.region_code', 'like', prefix)
    .where(scopeWhere(actor, 'village_fund', 'read'))
    .groupBy(['fund_entry.region_code', 'fund_entry.kind', 'fund_entry.source_kind', 'fund_project.purpose']);
  const performancesQ = db
    .selectFrom('performance')
    .innerJoin('heritage_item', 'heritage_item.id', 'performance.heritage_item_id')
    .leftJoin('village_profile', 'village_profile.region_code', 'performance.region_code')
    .select([
      'performance.region_code',
      'heritage_item.name',
      sql<string>`to_char(performance.performed_on, 'YYYY-MM')`.as('month'),
      sql<string>`count(*)`.as('n'),
      sql<string>`sum(performance.audience)`.as('audience'),
    ])
    .where('performance.region_code', 'like', prefix)
    .where('performance.performed_on', '>=', from)
    .where('performance.performed_on', '<=', to)
    .where(scopeWhere(actor, 'performance', 'read'))
    .groupBy(['performance.region_code', 'heritage_item.name', sql`to_char(performance.performed_on, 'YYYY-MM')`]);
  const visitorsQ = db
    .selectFrom('visitor_count')
    .innerJoin('tourism_site', 'tourism_site.id', 'visitor_count.site_id')
    .innerJoin('village_profile', 'village_profile.region_code', 'visitor_count.region_code')
    .select([
      'visitor_count.site_id',
      'visitor_count.region_code',
      sql<string>`to_char(visitor_count.month, 'YYYY-MM')`.as('month'),
      'visitor_count.visitors',
    ])
    .where('visitor_count.region_code', 'like', prefix)
    .where('visitor_count.month', '>=', previousFrom)
    .where('visitor_count.month', '<=', to)
    .where(scopeWhere(actor, 'village_fund', 'read'));
  const sitesQ = db
    .selectFrom('tourism_site')
    .innerJoin('village_profile', 'village_profile.region_code', 'tourism_site.region_code')
    .innerJoin('region', 'region.code', 'tourism_site.region_code')
    .select(['tourism_site.id', 'tourism_site.name', 'region.name as village_name'])
    .select((eb) =>
      eb
        .selectFrom('tourism_guide as g')
        .select(sql<string>`count(*)`.as('n'))
        .whereRef('g.site_id', '=', 'tourism_site.id')
        .where('g.active', '=', true)
        .as('guides'),
    )
    .where('tourism_site.region_code', 'like', prefix)
    .where(scopeWhere(actor, 'village_fund', 'read'))
    .orderBy('tourism_site.id');

  // One statement for the six aggregates: on PGlite every statement is a round trip through one
  // connection, and the page's cost was those round trips, not the scans (bench/explain-villages.ts).
  // json_agg keeps each query's rows; numbers arrive as JSON numbers, ids are made strings below.
  const [figures, thresholds] = await Promise.all([
    sql<{
      villages: Rows<typeof villagesQ>;
      incomes: Rows<typeof incomeQ>;
      funds: Rows<typeof fundsQ>;
      performances: Rows<typeof performancesQ>;
      visitors: Rows<typeof visitorsQ>;
      sites: Rows<typeof sitesQ>;
    }>`SELECT
      (SELECT coalesce(json_agg(q), '[]') FROM (${villagesQ}) q) AS villages,
      (SELECT coalesce(json_agg(q), '[]') FROM (${incomeQ}) q) AS incomes,
      (SELECT coalesce(json_agg(q), '[]') FROM (${fundsQ}) q) AS funds,
      (SELECT coalesce(json_agg(q), '[]') FROM (${performancesQ}) q) AS performances,
      (SELECT coalesce(json_agg(q), '[]') FROM (${visitorsQ}) q) AS visitors,
      (SELECT coalesce(json_agg(q), '[]') FROM (${sitesQ}) q) AS sites`
      .execute(db)
      .then((r) => r.rows[0]!),
    thresholdsForRegion(db, regionCode),
  ]);
  const { incomes, funds, performances } = figures;
  // json_agg does not promise the subquery's order: sort here.
  const villages = figures.villages.sort((a, b) => (a.region_code < b.region_code ? -1 : a.region_code > b.region_code ? 1 : 0));
  const sites = figures.sites.map((x) => ({ ...x, id: String(x.id) })).sort((a, b) => Number(a.id) - Number(b.id));
  const visitors = figures.visitors.map((x) => ({ ...x, site_id: String(x.site_id) }));

  // VIL-3 traditional villages above each threshold, per year with any figure.
  const years = [...new Set(incomes.map((i) => i.year))].sort((a, b) => a - b).slice(-INCOME_YEARS);
  const incomeByYear = years.map((y) => {
    const values = incomes.filter((i) => i.year === y && i.is_traditional).map((i) => Number(i.operating_income));
    return {
      year: y,
      reported: values.length,
      total: toYuan(values.reduce((s, v) => s + toFen(v), 0)),
      counts: countAboveThresholds(values, thresholds.amounts),
    };
  });

  // VIL-2 funds: received by source, allocated and spent by purpose, per village.
  const fen = { received: 0, allocated: 0, spent: 0 };
  const bySource = new Map<FundSourceKind, number>();
  const byPurpose = new Map<FundPurpose, { allocated: number; spent: number }>(
    FUND_PURPOSE_ORDER.map((p) => [p, { allocated: 0, spent: 0 }]),
  );
  const villageFunds = new Map<string, { received: number; spent: number }>();
  for (const f of funds) {
    const amount = toFen(f.amount);
    const v = villageFunds.get(f.region_code) ?? { received: 0, spent: 0 };
    villageFunds.set(f.region_code, v);
    if (f.kind === 'source') {
      fen.received += amount;
      v.received += amount;
      if (f.source_kind) bySource.set(f.source_kind, (bySource.get(f.source_kind) ?? 0) + amount);
    } else if (f.purpose) {
      const p = byPurpose.get(f.purpose)!;
      if (f.kind === 'allocation') {
        fen.allocated += amount;
        p.allocated += amount;
      } else {
        fen.spent += amount;
        p.spent += amount;
        v.spent += amount;
      }
    }
  }

  // VIL-4 performances of the year, by month and item; visitors of the year and since the year before.
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  const perfByMonth = new Map(months.map((m) => [m, { performances: 0, audience: 0 }]));
  const perfByItem = new Map<string, number>();
  const perfByVillage = new Map<string, { performances: number; audience: number }>();
  for (const p of performances) {
    const n = Number(p.n);
    const audience = Number(p.audience);
    const m = perfByMonth.get(p.month);
    if (m) {
      m.performances += n;
      m.audience += audience;
    }
    perfByItem.set(p.name, (perfByItem.get(p.name) ?? 0) + n);
    const v = perfByVillage.get(p.region_code) ?? { performances: 0, audience: 0 };
    v.performances += n;
    v.audience += audience;
    perfByVillage.set(p.region_code, v);
  }
  const visByMonth = new Map(months.map((m) => [m, 0]));
  const visBySite = new Map<string, { year: number; since: number }>();
  const visByVillage = new Map<string, number>();
  for (const v of visitors) {
    const inYear = v.month.startsWith(`${year}-`);
    const s = visBySite.get(v.site_id) ?? { year: 0, since: 0 };
    s.since += v.visitors;
    if (inYear) {
      s.year += v.visitors;
      visByMonth.set(v.month, (visByMonth.get(v.month) ?? 0) + v.visitors);
      visByVillage.set(v.region_code, (visByVillage.get(v.region_code) ?? 0) + v.visitors);
    }
    visBySite.set(v.site_id, s);
  }
  const latestIncome = new Map<string, { year: number; income: number }>();
  for (const i of incomes) {
    const seen = latestIncome.get(i.region_code);
    if (!seen || i.year > seen.year) latestIncome.set(i.region_code, { year: i.year, income: Number(i.operating_income) });
  }

  return {
    region,
    year,
    villages: villages.filter((v) => v.is_traditional).length,
    thresholds: thresholds.amounts,
    incomeByYear,
    funds: {
      received: toYuan(fen.received),
      allocated: toYuan(fen.allocated),
      spent: toYuan(fen.spent),
      balance: toYuan(fen.received - fen.spent),
      bySource: FUND_SOURCE_KINDS.filter((k) => bySource.has(k)).map((k) => ({ sourceKind: k, amount: toYuan(bySource.get(k) ?? 0) })),
      byPurpose: FUND_PURPOSE_ORDER.map((p) => ({
        purpose: p,
        allocated: toYuan(byPurpose.get(p)!.allocated),
        spent: toYuan(byPurpose.get(p)!.spent),
      })),
    },
    heritage: {
      performances: [...perfByMonth.values()].reduce((s, m) => s + m.performances, 0),
      audience: [...perfByMonth.values()].reduce((s, m) => s + m.audience, 0),
      byMonth: months.map((m) => ({ month: m, ...perfByMonth.get(m)! })),
      byItem: [...perfByItem.entries()].map(([name, n]) => ({ name, performances: n })).sort((a, b) => b.performances - a.performances),
    },
    tourism: {
      visitors: [...visByMonth.values()].reduce((s, n) => s + n, 0),
      visitorsSincePreviousYear: [...visBySite.values()].reduce((s, v) => s + v.since, 0),
      guides: sites.reduce((s, site) => s + Number(site.guides ?? 0), 0),
      byMonth: months.map((m) => ({ month: m, visitors: visByMonth.get(m) ?? 0 })),
      sites: sites.map((s) => ({
        id: s.id,
        name: s.name,
        villageName: s.village_name,
        visitors: visBySite.get(s.id)?.year ?? 0,
        visitorsSincePreviousYear: visBySite.get(s.id)?.since ?? 0,
        guides: Number(s.guides ?? 0),
      })),
    },
    perVillage: villages.map((v) => {
      const f = villageFunds.get(v.region_code) ?? { received: 0, spent: 0 };
      const income = latestIncome.get(v.region_code);
      return {
        regionCode: v.region_code,
        name: v.name,
        townshipName: v.township_name,
        isTraditional: v.is_traditional,
        income: income?.income ?? null,
        incomeYear: income?.year ?? null,
        received: toYuan(f.received),
        spent: toYuan(f.spent),
        balance: toYuan(f.received - f.spent),
        performances: perfByVillage.get(v.region_code)?.performances ?? 0,
        audience: perfByVillage.get(v.region_code)?.audience ?? 0,
        visitors: visByVillage.get(v.region_code) ?? 0,
        dangerousBuildings: Number(v.dangerous ?? 0),
      };
    }),
  };
}
