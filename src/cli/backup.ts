import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { finished } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Secrets } from '../server/auth/secrets.ts';
import type { Database } from '../server/db/schema.ts';

/**
 * OPS-3 logical backup: every table of the schema as JSON lines, gzip.
 * Values travel as PostgreSQL's own text form (`col::text`), so a backup is
 * independent of the backend and of the driver's type parsing, and restores
 * PGlite → PGlite, PGlite → PostgreSQL and back. Tables come in foreign-key
 * order, rows of self-referencing tables parents first.
 *
 * File layout, one JSON value a line:
 *   {format, version, createdAt, migrations, keyCheck}          header
 *   {table, columns}  then one array of text|null per row          per table
 *   {end: true, counts, sequences}                                  footer
 */
export const BACKUP_FORMAT = 'hongtu-backup';
const BACKUP_VERSION = 1;
const PAGE_ROWS = 5000;

type Db = Kysely<Database> | Transaction<Database>;

interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  migrations: string[];
  /** A fingerprint of the personal-data key: the key itself never enters a backup. */
  keyCheck: string;
}

interface BackupFooter {
  end: true;
  counts: Record<string, number>;
  sequences: Record<string, { value: string; isCalled: boolean }>;
}

interface TableInfo {
  name: string;
  columns: { name: string; type: string }[];
  identityAlways: boolean;
  primaryKey: string[];
  /** Column pairs (child → parent) of foreign keys to the table itself. */
  selfRefs: { from: string[]; to: string[] }[];
}

export function keyFingerprint(secrets: Secrets): string {
  return secrets.lookupHash('hongtu:backup-key-check').slice(0, 16);
}

async function rows<T>(db: Db, query: ReturnType<typeof sql<T>>): Promise<T[]> {
  return (await query.execute(db)).rows;
}

/** The schema's tables in an order where every table comes after the tables it refers to. */
export async function describeTables(db: Db): Promise<TableInfo[]> {
  const tables = await rows<{ name: string }>(
    db,
    sql`SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition
          AND c.relname <> 'schema_migration'
        ORDER BY c.relname`,
  );
  const columns = await rows<{ table: string; name: string; type: string; generated: boolean; identity_always: boolean }>(
    db,
    sql`SELECT c.relname AS "table", a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
               a.attgenerated <> '' AS generated, a.attidentity = 'a' AS identity_always
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY c.relname, a.attnum`,
  );
  const keys = await rows<{ table: string; columns: string[] }>(
    db,
    sql`SELECT c.relname AS "table",
               array(SELECT a.attname::text FROM unnest(i.indkey) WITH ORDINALITY k(attnum, ord)
                     JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum ORDER BY k.ord) AS columns
        FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND i.indisprimary`,
  );
  const fks = await rows<{ child: string; parent: string; from: string[]; to: string[] }>(
    db,
    sql`SELECT ch.relname AS child, pa.relname AS parent,
               array(SELECT a.attname::text FROM unnest(f.conkey) WITH ORDINALITY k(attnum, ord)
                     JOIN pg_attribute a ON a.attrelid = f.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS "from",
               array(SELECT a.attname::text FROM unnest(f.confkey) WITH ORDINALITY k(attnum, ord)
                     JOIN pg_attribute a ON a.attrelid = f.confrelid AND a.attnum = k.attnum ORDER BY k.ord) AS "to"
        FROM pg_constraint f JOIN pg_class ch ON ch.oid = f.conrelid JOIN pg_class pa ON pa.oid = f.confrelid
        JOIN pg_namespace n ON n.oid = f.connamespace
        WHERE f.contype = 'f' AND n.nspname = current_schema()`,
  );

  const info = new Map<string, TableInfo>();
  for (const t of tables) {
    const cols = columns.filter((c) => c.table === t.name);
    info.set(t.name, {
      name: t.name,
      columns: cols.filter((c) => !c.generated).map((c) => ({ name: c.name, type: c.type })),
      identityAlways: cols.some((c) => c.identity_always),
      primaryKey: keys.find((k) => k.table === t.name)?.columns ?? [],
      selfRefs: fks.filter((f) => f.child === t.name && f.parent === t.name).map((f) => ({ from: f.from, to: f.to })),
    });
  }
  // Depth-first topological sort; names sorted so the order is stable.
  const ordered: TableInfo[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, trail: string[]) => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') throw new Error(`foreign keys form a cycle: ${[...trail, name].join(' → ')}`);
    state.set(name, 'visiting');
    const parents = [...new Set(fks.filter((f) => f.child === name && f.parent !== name).map((f) => f.parent))].sort();
    for (const p of parents) if (info.has(p)) visit(p, [...trail, name]);
    state.set(name, 'done');
    const t = info.get(name);
    if (t) ordered.push(t);
  };
  for (const t of tables) visit(t.name, []);
  return ordered;
}

/** Rows of a self-referencing table, reordered so every row follows the row it points to. */
export function parentsFirst(table: TableInfo, data: (string | null)[][]): (string | null)[][] {
  if (table.selfRefs.length === 0) return data;
  const index = (name: string) => table.columns.findIndex((c) => c.name === name);
  const refs = table.selfRefs.map((r) => ({ from: r.from.map(index), to: r.to.map(index) }));
  const keyOf = (row: (string | null)[], cols: number[]) =>
    cols.some((c) => row[c] === null) ? null : JSON.stringify(cols.map((c) => row[c]));
  const byKey = refs.map((r) => new Map(data.map((row, i) => [keyOf(row, r.to), i])));
  const out: (string | null)[][] = [];
  const placed = new Uint8Array(data.length);
  for (let start = 0; start < data.length; start++) {
    // Walk up to the first unplaced ancestor chain, then emit it top-down.
    const chain: number[] = [];
    const seen = new Set<number>();
    const stack = [start];
    while (stack.length > 0) {
      const i = stack.pop()!;
      if (placed[i] || seen.has(i)) continue;
      seen.add(i);
      chain.push(i);
      refs.forEach((r, k) => {
        const parentKey = keyOf(data[i]!, r.from);
        const parent = parentKey === null ? undefined : byKey[k]!.get(parentKey);
        if (parent !== undefined && parent !== i) stack.push(parent);
      });
    }
    for (const i of chain.reverse()) {
      if (!placed[i]) {
        placed[i] = 1;
        out.push(data[i]!);
      }
    }
  }
  return out;
}

const ident = (name: string) => sql.id(name);

async function readTable(trx: Transaction<Database>, table: TableInfo, each: (row: (string | null)[]) => Promise<void>): Promise<number> {
  const select = sql.join(table.columns.map((c) => sql`${ident(c.name)}::text`));
  const names = table.columns.map((c) => c.name);
  const toArray = (r: Record<string, string | null>) => names.map((n) => r[n] ?? null);
  const pk = table.primaryKey;
  if (table.selfRefs.length > 0 || pk.length !== 1) {
    const order = pk.length > 0 ? sql.join(pk.map((c) => sql.id(table.name, c))) : sql`ctid`;
    const all = await rows<Record<string, string | null>>(trx, sql`SELECT ${select} FROM ${ident(table.name)} ORDER BY ${order}`);
    for (const row of parentsFirst(table, all.map(toArray))) await each(row);
    return all.length;
  }
  // Keyset pages on the single-column primary key: constant cost a page, however large the table.
  const keyIndex = names.indexOf(pk[0]!);
  const keyColumn = table.columns[keyIndex];
  if (!keyColumn) throw new Error(`primary key ${pk[0]} of ${table.name} is a generated column`);
  const key = ident(keyColumn.name);
  // The type name comes from the catalogue (format_type), not from input.
  const keyType = sql.raw(keyColumn.type);
  let last: string | null = null;
  let count = 0;
  for (;;) {
    const after: RawBuilder<unknown> = last === null ? sql`` : sql`WHERE ${key} > CAST(${last} AS ${keyType})`;
    const page: Record<string, string | null>[] = await rows<Record<string, string | null>>(
      trx,
      // Qualified: a bare name would sort the selected text column, not the key, and pages would skip rows.
      sql`SELECT ${select} FROM ${ident(table.name)} ${after} ORDER BY ${sql.id(table.name, keyColumn.name)} LIMIT ${PAGE_ROWS}`,
    );
    for (const r of page) await each(toArray(r));
    count += page.length;
    if (page.length < PAGE_ROWS) return count;
    last = toArray(page[page.length - 1]!)[keyIndex] ?? null;
  }
}

async function readSequences(db: Db): Promise<BackupFooter['sequences']> {
  const seqs = await rows<{ name: string }>(
    db,
    sql`SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND c.relkind = 'S' ORDER BY c.relname`,
  );
  const out: BackupFooter['sequences'] = {};
  for (const s of seqs) {
    const [v] = await rows<{ value: string; is_called: boolean }>(
      db,
      sql`SELECT last_value::text AS value, is_called FROM ${ident(s.name)}`,
    );
    if (v) out[s.name] = { value: v.value, isCalled: v.is_called };
  }
  return out;
}

export interface BackupResult {
  counts: Record<string, number>;
  ms: number;
}

/** Writes a consistent snapshot (one repeatable-read transaction) of every table to `file`. */
export async function writeBackup(db: Kysely<Database>, secrets: Secrets, file: string): Promise<BackupResult> {
  const t0 = performance.now();
  const gzip = createGzip();
  const out = createWriteStream(file);
  gzip.pipe(out);
  const write = async (value: unknown) => {
    if (!gzip.write(`${JSON.stringify(value)}\n`)) await once(gzip, 'drain');
  };
  const counts: Record<string, number> = {};
  try {
    await db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        await sql`SET LOCAL TimeZone = 'UTC'`.execute(trx);
        await sql`SET LOCAL DateStyle = 'ISO, YMD'`.execute(trx);
        await sql`SET LOCAL IntervalStyle = 'iso_8601'`.execute(trx);
        await sql`SET LOCAL extra_float_digits = 3`.execute(trx);
        const migrations = await rows<{ name: string }>(trx, sql`SELECT name FROM schema_migration ORDER BY version`);
        const header: BackupHeader = {
          format: BACKUP_FORMAT,
          version: BACKUP_VERSION,
          createdAt: new Date().toISOString(),
          migrations: migrations.map((m) => m.name),
          keyCheck: keyFingerprint(secrets),
        };
        await write(header);
        for (const table of await describeTables(trx)) {
          await write({ table: table.name, columns: table.columns.map((c) => c.name) });
          counts[table.name] = await readTable(trx, table, write);
        }
        await write({ end: true, counts, sequences: await readSequences(trx) } satisfies BackupFooter);
      });
  } finally {
    gzip.end();
    await finished(out);
  }
  return { counts, ms: Math.round(performance.now() - t0) };
}

export async function* readBackupLines(file: string): AsyncGenerator<unknown> {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) if (line) yield JSON.parse(line) as unknown;
}

export async function readBackupHeader(file: string): Promise<BackupHeader> {
  for await (const first of readBackupLines(file)) {
    const h = first as Partial<BackupHeader>;
    if (h.format !== BACKUP_FORMAT || typeof h.version !== 'number' || !Array.isArray(h.migrations)) break;
    if (h.version > BACKUP_VERSION) throw new Error(`${file} is a version ${h.version} backup; this build reads version ${BACKUP_VERSION}`);
    return h as BackupHeader;
  }
  throw new Error(`${file} is not a Hongtu backup`);
}

export type { BackupFooter, BackupHeader, TableInfo };
