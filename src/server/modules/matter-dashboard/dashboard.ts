import type { Kysely } from 'kysely';
import { MATTER_LEVELS, type MatterLevel } from '../../../domain/matters/limits.ts';
import { matterRates, splitPeriod, type MatterRates } from '../../../domain/matters/reporting.ts';
import { isWithinRegion, regionLevelOf, regionPrefix } from '../../../domain/regions.ts';
import { chinaDate } from '../../../domain/time.ts';
import type { Actor } from '../../auth/actor.ts';
import { scopeRule } from '../../auth/policy.ts';
import type { Database, Role } from '../../db/schema.ts';
import { scopeWhere } from '../../db/scoped.ts';
import { forbidden, invalidField, notFound } from '../../http/errors.ts';
import { loadWorkCalendar } from '../calendar/load.ts';
import { groupedCounts, emptyCounts, type FigureFilter, type GroupCounts } from './figures.ts';

/**
 * DSH-1 the matters dashboard of a region (or a department: the matters it
 * handled) over a period of intake dates: the headline figures, breakdowns by
 * month, category and level, and rankings of the child regions and of the
 * departments. Definitions: docs/matters-dashboard.md.
 */
export interface MatterDashboardQuery {
  regionCode?: string | undefined;
  organisationId?: string | undefined;
  /** China dates, inclusive; default: the twelve months up to today. */
  from?: string | undefined;
  to?: string | undefined;
}

export interface Figures extends GroupCounts, MatterRates {
  /** 当前超期 now. */
  overdue: number;
}

export interface MatterDashboard {
  region: { code: string; name: string } | null;
  organisation: { id: string; name: string } | null;
  from: string;
  to: string;
  dayMinutes: number;
  totals: Figures;
  byLevel: { level: MatterLevel; matters: number; escalatedTo: number }[];
  byMonth: (Figures & { month: string })[];
  byCategory: (Figures & { categoryId: string; code: string; name: string; nameEn: string })[];
  regionRanking: (Figures & { code: string; name: string })[];
  departmentRanking: (Figures & { organisationId: string; name: string })[];
  /** How the figures were read: whole months from the rollup, other days from the matters. */
  source: { rollupMonths: number; matterRanges: number };
}

const DASHBOARD_ROLES: readonly Role[] = ['admin', 'city', 'district', 'street', 'village', 'dept'];
const DAY_MS = 86_400_000;
const CN_OFFSET_MS = 8 * 3_600_000;
const MAX_PERIOD_DAYS = 366 * 5;

const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const chinaStart = (iso: string) => new Date(dayOf(iso) * DAY_MS - CN_OFFSET_MS);
const chinaEnd = (iso: string) => new Date((dayOf(iso) + 1) * DAY_MS - CN_OFFSET_MS);

/** The default period: from the first of the month eleven months back to today. */
export function defaultPeriod(today: string): { from: string; to: string } {
  const d = new Date(`${today}T00:00:00Z`);
  const first = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 11, 1));
  return { from: first.toISOString().slice(0, 10), to: today };
}

/** Ranking children: provinces under everything, cities under a province, districts under a city, streets, villages. */
function childLengthOf(regionCode: string | null): number {
  switch (regionCode === null ? null : regionLevelOf(regionCode)) {
    case null:
      return 2;
    case 'province':
      return 4;
    case 'city':
      return 6;
    case 'county':
      return 9;
    default:
      return 12;
  }
}

function childCode(prefix: string): string {
  if (prefix.length === 2) return `${prefix}0000`;
  if (prefix.length === 4) return `${prefix}00`;
  return prefix;
}

function figures(counts: GroupCounts, dayMinutes: number): Figures {
  return { ...counts, ...matterRates(counts, dayMinutes) };
}

/** Higher 按时办结率 first, then more matters received. */
function byPerformance(a: Figures, b: Figures): number {
  const ra = a.onTimeClosureRate ?? -1;
  const rb = b.onTimeClosureRate ?? -1;
  return rb - ra || b.received - a.received;
}

export async function matterDashboard(opts: {
  db: Kysely<Database>;
  actor: Actor;
  query: MatterDashboardQuery;
  now?: Date;
}): Promise<MatterDashboard> {
  const { db, actor, query } = opts;
  const now = opts.now ?? new Date();
  if (!DASHBOARD_ROLES.includes(actor.role)) throw forbidden();

  const regionCode = query.regionCode ?? (actor.role === 'admin' ? null : actor.regionCode);
  if (actor.role !== 'admin' && !regionCode) throw forbidden();
  let region: { code: string; name: string } | null = null;
  if (regionCode) {
    region = (await db.selectFrom('region').select(['code', 'name']).where('code', '=', regionCode).executeTakeFirst()) ?? null;
    if (!region) throw notFound();
    if (actor.role !== 'admin' && !(actor.regionCode && isWithinRegion(regionCode, actor.regionCode))) throw forbidden();
  }

  const organisationId = query.organisationId ?? (actor.role === 'dept' ? actor.organisationId : null);
  let organisation: { id: string; name: string; path: string } | null = null;
  if (organisationId) {
    organisation =
      (await db.selectFrom('organisation').select(['id', 'name', 'path']).where('id', '=', organisationId).executeTakeFirst()) ?? null;
    if (!organisation) throw notFound();
    if (actor.role === 'dept' && !(actor.orgPath && organisation.path.startsWith(actor.orgPath))) throw forbidden();
  }

  const today = chinaDate(now);
  const period = { ...defaultPeriod(today), ...(query.from ? { from: query.from } : {}), ...(query.to ? { to: query.to } : {}) };
  if (period.from > period.to) throw invalidField('to', 'field.date_order');
  if (dayOf(period.to) - dayOf(period.from) > MAX_PERIOD_DAYS) throw invalidField('from', 'field.period_too_long');

  const childLength = childLengthOf(regionCode);
  const rule = scopeRule(actor, 'matter', 'read');
  // The rollup knows streets, not organisations or villages: region-scoped users down to a district view read it.
  const regionOnly = rule.kind === 'all' || (rule.kind === 'where' && rule.orgPath === undefined && rule.personId === undefined);
  const split = regionOnly && childLength <= 9 ? splitPeriod({ from: period.from, to: period.to, today }) : { months: [], edges: [period] };
  const filter: FigureFilter = {
    prefix: regionCode ? regionPrefix(regionCode) : '',
    childLength,
    handlerPath: organisation?.path ?? null,
    scope: scopeWhere(actor, 'matter', 'read'),
    months: split.months,
    ranges: split.edges.map((e) => ({ start: chinaStart(e.from), end: chinaEnd(e.to) })),
  };
  const [counts, calendar] = await Promise.all([groupedCounts(db, filter), loadWorkCalendar(db)]);
  const dayMinutes = calendar.dayMinutes;

  const [categories, regionNames, orgNames] = await Promise.all([
    db.selectFrom('matter_category').select(['id', 'code', 'name', 'name_en', 'sort']).orderBy('sort').execute(),
    counts.byChild.size
      ? db
          .selectFrom('region')
          .select(['code', 'name'])
          .where('code', 'in', [...counts.byChild.keys()].map(childCode))
          .execute()
      : [],
    counts.byHandler.size
      ? db
          .selectFrom('organisation')
          .select(['id', 'name'])
          .where('id', 'in', [...counts.byHandler.keys()])
          .execute()
      : [],
  ]);
  const regionName = new Map(regionNames.map((r) => [r.code, r.name]));
  const orgName = new Map(orgNames.map((o) => [o.id, o.name]));

  const t = counts.total;
  const escalatedTo: Record<MatterLevel, number> = { building: 0, street: t.escStreet, district: t.escDistrict, city: t.escCity };
  const atLevel: Record<MatterLevel, number> = { building: t.atBuilding, street: t.atStreet, district: t.atDistrict, city: t.atCity };
  return {
    region,
    organisation: organisation ? { id: organisation.id, name: organisation.name } : null,
    from: period.from,
    to: period.to,
    dayMinutes,
    totals: figures(t, dayMinutes),
    byLevel: MATTER_LEVELS.map((level) => ({ level, matters: atLevel[level], escalatedTo: escalatedTo[level] })),
    byMonth: [...counts.byMonth.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([month, c]) => ({ month, ...figures(c, dayMinutes) })),
    byCategory: categories
      .filter((c) => counts.byCategory.has(c.id))
      .map((c) => ({
        categoryId: c.id,
        code: c.code,
        name: c.name,
        nameEn: c.name_en,
        ...figures(counts.byCategory.get(c.id) ?? emptyCounts(), dayMinutes),
      })),
    regionRanking: [...counts.byChild.entries()]
      .map(([prefix, c]) => ({
        code: childCode(prefix),
        name: regionName.get(childCode(prefix)) ?? childCode(prefix),
        ...figures(c, dayMinutes),
      }))
      .filter((r) => r.received > 0)
      .sort(byPerformance),
    departmentRanking: [...counts.byHandler.entries()]
      .map(([id, c]) => ({ organisationId: id, name: orgName.get(id) ?? id, ...figures(c, dayMinutes) }))
      .filter((r) => r.received > 0)
      .sort(byPerformance),
    source: { rollupMonths: split.months.length, matterRanges: split.edges.length },
  };
}
