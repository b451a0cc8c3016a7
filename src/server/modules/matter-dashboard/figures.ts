import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { MatterCounts } from '../../../domain/matters/reporting.ts';
import type { Database } from '../../db/schema.ts';

/**
 * DSH-1 the dashboard's counts in one statement: the matters of a region and
 * period grouped five ways at once (total, month, child region, category,
 * handler) with GROUPING SETS. Whole months come from the trigger-kept
 * `matter_rollup`; the days at the period's edges, street and village views and
 * organisation-scoped users read the matters themselves through the same
 * per-matter function (`matter_rollup_of`), so both paths count alike.
 */
export interface LevelCounts {
  atBuilding: number;
  atStreet: number;
  atDistrict: number;
  atCity: number;
  escStreet: number;
  escDistrict: number;
  escCity: number;
}

/** 当前超期: matters of the group in hand with a clock found breached (matter.overdue, migration 019). */
export type GroupCounts = MatterCounts & LevelCounts & { overdue: number };

export interface GroupedCounts {
  total: GroupCounts;
  byMonth: Map<string, GroupCounts>;
  byChild: Map<string, GroupCounts>;
  byCategory: Map<string, GroupCounts>;
  /** Keyed by handler organisation id; matters without a handler are left out. */
  byHandler: Map<string, GroupCounts>;
}

export interface FigureFilter {
  /** Region prefix ('' for everything); matters whose region code starts with it. */
  prefix: string;
  /** Length of the child region codes the ranking groups by (4, 6, 9 or 12), then padded by the caller. */
  childLength: number;
  /** Handler organisation path: matters whose current (or last) handler lies under it. */
  handlerPath: string | null;
  /** The user's scope on matters, applied to every row read from `matter`. */
  scope: Expression<SqlBool>;
  /** Months ('YYYY-MM-01') read from the rollup. */
  months: string[];
  /** Instants [start, end) read from the matters. */
  ranges: { start: Date; end: Date }[];
}

const SUMS = [
  ['received', 'received'],
  ['key_enterprise', 'keyEnterprise'],
  ['withdrawn', 'withdrawn'],
  ['open', 'open'],
  ['responded', 'responded'],
  ['responded_on_time', 'respondedOnTime'],
  ['closed', 'closed'],
  ['closed_on_time', 'closedOnTime'],
  ['close_minutes', 'closeMinutes'],
  ['rated', 'rated'],
  ['satisfied', 'satisfied'],
  ['reopened', 'reopened'],
  ['at_building', 'atBuilding'],
  ['at_street', 'atStreet'],
  ['at_district', 'atDistrict'],
  ['at_city', 'atCity'],
  ['esc_street', 'escStreet'],
  ['esc_district', 'escDistrict'],
  ['esc_city', 'escCity'],
  ['overdue', 'overdue'],
] as const satisfies readonly (readonly [string, keyof GroupCounts])[];

/** The rollup's count columns (migrations 008 and 019), in table order. */
export const ROLLUP_COUNT_COLUMNS: readonly string[] = SUMS.map(([column]) => column);

export function emptyCounts(): GroupCounts {
  const out = {} as GroupCounts;
  for (const [, key] of SUMS) out[key] = 0;
  return out;
}

function handlerIn(column: string, handlerPath: string | null): RawBuilder<SqlBool> {
  return handlerPath === null
    ? sql<SqlBool>`true`
    : sql<SqlBool>`${sql.ref(column)} IN (SELECT id FROM organisation WHERE path LIKE ${handlerPath + '%'})`;
}

function createdIn(ranges: { start: Date; end: Date }[]): RawBuilder<SqlBool> {
  if (ranges.length === 0) return sql<SqlBool>`false`;
  return sql<SqlBool>`(${sql.join(
    ranges.map((r) => sql`(matter.created_at >= ${r.start} AND matter.created_at < ${r.end})`),
    sql` OR `,
  )})`;
}

/** The rows to add up: rollup rows of whole months, and per-matter rows of the rest, with the child region of each. */
function source(f: FigureFilter): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [];
  if (f.months.length > 0) {
    parts.push(sql`SELECT r.*, left(r.region9, ${f.childLength}) AS child FROM matter_rollup_now r
      WHERE r.region9 LIKE ${f.prefix + '%'} AND r.month = ANY(${sql.val(f.months)}::date[])
        AND ${handlerIn('r.handler_org_id', f.handlerPath)}`);
  }
  if (f.ranges.length > 0) {
    parts.push(sql`SELECT (matter_rollup_of(matter)).*, left(matter.region_code, ${f.childLength}) AS child FROM matter
      WHERE matter.region_code LIKE ${f.prefix + '%'} AND ${createdIn(f.ranges)} AND ${f.scope}
        AND ${handlerIn('matter.handler_org_id', f.handlerPath)}`);
  }
  if (parts.length === 0) return sql`SELECT r.*, r.region9 AS child FROM matter_rollup_now r WHERE false`;
  return sql.join(parts, sql` UNION ALL `);
}

type Row = Record<string, string | number | null> & { g: number; month: string | null; child: string | null };

const n = (v: string | number | null | undefined) => Number(v ?? 0);

export async function groupedCounts(db: Kysely<Database>, f: FigureFilter): Promise<GroupedCounts> {
  const sums = sql.join(SUMS.map(([column]) => sql`sum(${sql.ref(`src.${column}`)})::bigint AS ${sql.ref(column)}`));
  const { rows } = await sql<Row>`
    WITH src AS (${source(f)})
    SELECT GROUPING(src.month, src.child, src.category_id, src.handler_org_id)::int AS g,
      to_char(src.month, 'YYYY-MM') AS month, src.child, src.category_id::text AS category_id,
      src.handler_org_id::text AS handler_org_id, ${sums}
    FROM src
    GROUP BY GROUPING SETS ((), (src.month), (src.child), (src.category_id), (src.handler_org_id))`.execute(db);
  const out: GroupedCounts = { total: emptyCounts(), byMonth: new Map(), byChild: new Map(), byCategory: new Map(), byHandler: new Map() };
  for (const row of rows) {
    const counts = emptyCounts();
    for (const [column, key] of SUMS) counts[key] = n(row[column]);
    // GROUPING() sets a bit per column left out of the set: month 8, child 4, category 2, handler 1.
    if (row.g === 15) out.total = counts;
    else if (row.g === 7 && row.month) out.byMonth.set(row.month, counts);
    else if (row.g === 11 && row.child) out.byChild.set(row.child, counts);
    else if (row.g === 13) out.byCategory.set(String(row.category_id), counts);
    else if (row.g === 14 && row.handler_org_id && row.handler_org_id !== '0') out.byHandler.set(String(row.handler_org_id), counts);
  }
  return out;
}
