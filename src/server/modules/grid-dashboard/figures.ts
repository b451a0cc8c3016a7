import { sql, type Kysely } from 'kysely';
import { regionPrefix } from '../../../domain/regions.ts';
import { chinaDate } from '../../../domain/time.ts';
import { DEFAULT_MAX_HOUSEHOLDS, DEFAULT_MIN_HOUSEHOLDS, exemptionOf, DEFAULT_EXEMPT_AGE } from '../../../domain/villages/index.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';
import { allows } from '../../db/scoped.ts';
import { invalidField, outOfScopeField } from '../../http/errors.ts';

type Db = Kysely<Database>;

/** DSH-1 / GRD the grid figures of a village, or summed over villages. */
export interface GridFigures {
  households: number;
  covered: number;
  coverageRate: number | null;
  members: number;
  activeMembers: number;
  /** Members who carry households with a load inside 20–30. */
  membersInRange: number;
  visits: number;
  visitedHouseholds: number;
  visitsPerHousehold: number | null;
  inspections: number;
  hazardsFound: number;
  hazardsFixed: number;
  hazardsOpen: number;
  hazardsOverdue: number;
  mediations: number;
  mediationsResolved: number;
  resolutionRate: number | null;
  followUpsDue: number;
  upkeep: number;
}

const ZERO: Omit<GridFigures, 'coverageRate' | 'visitsPerHousehold' | 'resolutionRate'> = {
  households: 0,
  covered: 0,
  members: 0,
  activeMembers: 0,
  membersInRange: 0,
  visits: 0,
  visitedHouseholds: 0,
  inspections: 0,
  hazardsFound: 0,
  hazardsFixed: 0,
  hazardsOpen: 0,
  hazardsOverdue: 0,
  mediations: 0,
  mediationsResolved: 0,
  followUpsDue: 0,
  upkeep: 0,
};
type Counts = typeof ZERO;

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10_000) / 10_000 : null);
function finish(c: Counts): GridFigures {
  return {
    ...c,
    coverageRate: ratio(c.covered, c.households),
    visitsPerHousehold: ratio(c.visits, c.households),
    resolutionRate: ratio(c.mediationsResolved, c.mediations),
  };
}

export interface GridDashboard {
  region: { code: string; name: string };
  from: string;
  to: string;
  totals: GridFigures;
  villages: (GridFigures & { code: string; name: string })[];
}

/**
 * DSH-1 for grids (GRD-1 … GRD-2): household coverage, visits per household, hazards found and
 * fixed, mediations resolved — per village of a region and in total, over a period of dates
 * (visits, inspections, hazards found and mediations by their date; coverage and open hazards as they stand).
 */
export async function gridDashboard(opts: {
  db: Db;
  actor: Actor;
  query: { regionCode: string; from?: string | undefined; to?: string | undefined };
}): Promise<GridDashboard> {
  const { db, actor, query } = opts;
  const today = chinaDate();
  const to = query.to ?? today;
  const from = query.from ?? `${to.slice(0, 4)}-01-01`;
  if (from > to) throw invalidField('query.from', 'field.date_order');
  const region = await db.selectFrom('region').select(['code', 'name']).where('code', '=', query.regionCode).executeTakeFirst();
  if (!region) throw invalidField('query.regionCode', 'field.region_unknown');
  if (!allows(actor, 'grid', 'read', { regionCode: region.code })) throw outOfScopeField('query.regionCode');
  const prefix = `${regionPrefix(region.code)}%`;
  const int = (e: ReturnType<typeof sql>) => sql<number>`(${e})::int`;

  const [villages, households, members, visits, hazards, mediations, inspections, upkeep] = await Promise.all([
    db.selectFrom('region').select(['code', 'name']).where('level', '=', 'village').where('code', 'like', prefix).orderBy('code').execute(),
    db
      .selectFrom('household')
      .select(['village_code', int(sql`count(*)`).as('households'), int(sql`count(member_person_id)`).as('covered')])
      .where('village_code', 'like', prefix)
      .groupBy('village_code')
      .execute(),
    db
      .selectFrom('grid_member')
      .innerJoin('person', 'person.id', 'grid_member.person_id')
      .select([
        'grid_member.village_code',
        'grid_member.person_id',
        'grid_member.exempt',
        'person.birth_date',
        (eb) =>
          eb
            .selectFrom('household')
            .select(int(sql`count(*)`).as('n'))
            .whereRef('household.member_person_id', '=', 'grid_member.person_id')
            .as('load'),
      ])
      .where('grid_member.village_code', 'like', prefix)
      .where('person.is_party_member', '=', true)
      .execute(),
    db
      .selectFrom('visit')
      .select(['village_code', int(sql`count(*)`).as('visits'), int(sql`count(DISTINCT household_id)`).as('visited')])
      .where('village_code', 'like', prefix)
      .where('visited_on', '>=', from)
      .where('visited_on', '<=', to)
      .groupBy('village_code')
      .execute(),
    db
      .selectFrom('hazard')
      .select([
        'village_code',
        int(sql`count(*) FILTER (WHERE found_on BETWEEN ${from} AND ${to})`).as('found'),
        int(sql`count(*) FILTER (WHERE found_on BETWEEN ${from} AND ${to} AND status = 'fixed')`).as('fixed'),
        int(sql`count(*) FILTER (WHERE status = 'open')`).as('open'),
        int(sql`count(*) FILTER (WHERE status = 'open' AND deadline < ${today})`).as('overdue'),
      ])
      .where('village_code', 'like', prefix)
      .groupBy('village_code')
      .execute(),
    db
      .selectFrom('mediation')
      .select([
        'village_code',
        int(sql`count(*) FILTER (WHERE mediated_on BETWEEN ${from} AND ${to})`).as('mediations'),
        int(sql`count(*) FILTER (WHERE mediated_on BETWEEN ${from} AND ${to} AND outcome = 'resolved')`).as('resolved'),
        int(sql`count(*) FILTER (WHERE follow_up_on <= ${today} AND followed_up_at IS NULL)`).as('due'),
      ])
      .where('village_code', 'like', prefix)
      .groupBy('village_code')
      .execute(),
    db
      .selectFrom('inspection')
      .select(['village_code', int(sql`count(*)`).as('n')])
      .where('village_code', 'like', prefix)
      .where('inspected_on', '>=', from)
      .where('inspected_on', '<=', to)
      .groupBy('village_code')
      .execute(),
    db
      .selectFrom('upkeep')
      .select(['village_code', int(sql`count(*)`).as('n')])
      .where('village_code', 'like', prefix)
      .where('done_on', '>=', from)
      .where('done_on', '<=', to)
      .groupBy('village_code')
      .execute(),
  ]);

  const by = new Map<string, Counts>();
  const at = (code: string) => {
    let c = by.get(code);
    if (!c) by.set(code, (c = { ...ZERO }));
    return c;
  };
  for (const h of households) Object.assign(at(h.village_code), { households: h.households, covered: h.covered });
  for (const m of members) {
    const c = at(m.village_code);
    c.members++;
    const exempt = exemptionOf(
      { id: m.person_id, location: null, birthDate: m.birth_date, exempt: m.exempt, villageCode: m.village_code },
      DEFAULT_EXEMPT_AGE,
      today,
    );
    if (exempt) continue;
    c.activeMembers++;
    const load = m.load ?? 0;
    if (load >= DEFAULT_MIN_HOUSEHOLDS && load <= DEFAULT_MAX_HOUSEHOLDS) c.membersInRange++;
  }
  for (const v of visits) Object.assign(at(v.village_code), { visits: v.visits, visitedHouseholds: v.visited });
  for (const h of hazards)
    Object.assign(at(h.village_code), { hazardsFound: h.found, hazardsFixed: h.fixed, hazardsOpen: h.open, hazardsOverdue: h.overdue });
  for (const m of mediations)
    Object.assign(at(m.village_code), { mediations: m.mediations, mediationsResolved: m.resolved, followUpsDue: m.due });
  for (const i of inspections) at(i.village_code).inspections = i.n;
  for (const u of upkeep) at(u.village_code).upkeep = u.n;

  const names = new Map(villages.map((v) => [v.code, v.name]));
  const total: Counts = { ...ZERO };
  const rows = [...by.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, c]) => {
      for (const k of Object.keys(total) as (keyof Counts)[]) total[k] += c[k];
      return { code, name: names.get(code) ?? code, ...finish(c) };
    });
  return { region, from, to, totals: finish(total), villages: rows };
}
