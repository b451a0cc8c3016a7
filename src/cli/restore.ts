import { sql, type Transaction } from 'kysely';
import type { Secrets } from '../server/auth/secrets.ts';
import type { Db } from '../server/db/index.ts';
import { migrate } from '../server/db/migrate.ts';
import type { Database } from '../server/db/schema.ts';
import { verifyAuditChain, type VerifyResult } from '../server/modules/audit/chain.ts';
import { describeTables, keyFingerprint, readBackupHeader, readBackupLines, type BackupFooter, type TableInfo } from './backup.ts';

// PostgreSQL takes at most 65,535 bind parameters a statement.
const MAX_PARAMS = 30_000;
/**
 * Rows here mean the installation has been used: regions are loaded at the
 * first start, and every account and every change leaves a row. Migrations
 * alone never fill them, though they may fill reference tables.
 */
const IN_USE_TABLES = ['region', 'app_user', 'audit_log'];

export interface RestoreOptions {
  /** Restore even though the backup was made under another personal-data key. */
  ignoreKeyMismatch?: boolean;
}

export interface RestoreResult {
  counts: Record<string, number>;
  ms: number;
  audit: VerifyResult;
}

type Row = (string | null)[];

/**
 * Restores a backup into an empty database (fresh, or only migrated):
 * migrate, replace every table's rows in one transaction (all or nothing),
 * set every sequence where it was, then check the audit chain of the copy.
 */
export async function restoreBackup(db: Db, secrets: Secrets, file: string, options: RestoreOptions = {}): Promise<RestoreResult> {
  const t0 = performance.now();
  const header = await readBackupHeader(file);
  if (header.keyCheck !== keyFingerprint(secrets) && !options.ignoreKeyMismatch) {
    throw new Error(
      'this backup was made under a different personal-data key, so phone and ID numbers in it could not be read here. ' +
        'Copy the original secret.key into the data directory or set HONGTU_SECRET_KEY to the original key, then retry ' +
        '(or pass --ignore-key-mismatch to restore anyway).',
    );
  }
  await migrate(db.pool);
  const migrations = (await sql<{ name: string }>`SELECT name FROM schema_migration ORDER BY version`.execute(db.kysely)).rows.map(
    (r) => r.name,
  );
  if (migrations.join() !== header.migrations.join()) {
    throw new Error(
      `the backup's schema (${header.migrations.at(-1) ?? 'none'}) differs from this build's (${migrations.at(-1) ?? 'none'}); ` +
        'restore with the version that made the backup, then upgrade.',
    );
  }
  const tables = new Map((await describeTables(db.kysely)).map((t) => [t.name, t]));
  for (const name of IN_USE_TABLES) {
    if (!tables.has(name)) continue;
    const { rows } = await sql<{ found: boolean }>`SELECT EXISTS (SELECT 1 FROM ${sql.id(name)}) AS found`.execute(db.kysely);
    if (rows[0]?.found) throw new Error(`restore needs an empty database, but this one is in use: table ${name} has rows`);
  }

  const counts: Record<string, number> = {};
  await db.kysely.transaction().execute(async (trx) => {
    // Reference data that migrations insert (industry codes …) is in the backup too: the backup's copy replaces it.
    await sql`TRUNCATE ${sql.join([...tables.keys()].map((n) => sql.id(n)))} CASCADE`.execute(trx);
    // The backup holds every derived row (search vectors, the matters rollup) as it was; triggers that
    // derive them would count twice, so they are off while rows go in, as pg_dump --disable-triggers does.
    for (const name of tables.keys()) await sql`ALTER TABLE ${sql.id(name)} DISABLE TRIGGER USER`.execute(trx);
    await sql`SET LOCAL TimeZone = 'UTC'`.execute(trx);
    await sql`SET LOCAL DateStyle = 'ISO, YMD'`.execute(trx);
    await sql`SET LOCAL IntervalStyle = 'iso_8601'`.execute(trx);
    let current: { table: TableInfo; columns: TableInfo['columns'] } | null = null;
    let batch: Row[] = [];
    let footer: BackupFooter | null = null;
    const flush = async () => {
      if (current && batch.length > 0) await insertRows(trx, current.table, current.columns, batch);
      batch = [];
    };
    let first = true;
    for await (const line of readBackupLines(file)) {
      if (first) {
        first = false; // the header, already read
        continue;
      }
      if (Array.isArray(line)) {
        if (!current) throw new Error('backup row before any table');
        batch.push(line as Row);
        counts[current.table.name] = (counts[current.table.name] ?? 0) + 1;
        if (batch.length >= Math.floor(MAX_PARAMS / current.columns.length)) await flush();
        continue;
      }
      await flush();
      const meta = line as { table?: string; columns?: string[]; end?: boolean };
      if (meta.end) {
        footer = line as BackupFooter;
        break;
      }
      const table = meta.table ? tables.get(meta.table) : undefined;
      if (!table || !meta.columns) throw new Error(`the backup has a table this database lacks: ${meta.table ?? '?'}`);
      const columns = meta.columns.map((name) => {
        const col = table.columns.find((c) => c.name === name);
        if (!col) throw new Error(`the backup has a column this database lacks: ${table.name}.${name}`);
        return col;
      });
      current = { table, columns };
      counts[table.name] = 0;
    }
    if (!footer) throw new Error('the backup is truncated: it ends before its last table');
    for (const [name, expected] of Object.entries(footer.counts)) {
      if ((counts[name] ?? 0) !== expected)
        throw new Error(`table ${name}: the backup lists ${expected} rows but holds ${counts[name] ?? 0}`);
    }
    for (const name of tables.keys()) await sql`ALTER TABLE ${sql.id(name)} ENABLE TRIGGER USER`.execute(trx);
    for (const [name, seq] of Object.entries(footer.sequences)) {
      await sql`SELECT setval(quote_ident(${name})::regclass, ${seq.value}::bigint, ${seq.isCalled})`.execute(trx);
    }
  });
  const audit = await verifyAuditChain(db.kysely);
  return { counts, ms: Math.round(performance.now() - t0), audit };
}

async function insertRows(trx: Transaction<Database>, table: TableInfo, columns: TableInfo['columns'], batch: Row[]): Promise<void> {
  // Explicit casts from the catalogue's type names: the text form parses back into any type.
  const casts = columns.map((c) => sql.raw(c.type));
  const values = sql.join(batch.map((row) => sql`(${sql.join(row.map((v, i) => sql`CAST(${v} AS ${casts[i]!})`))})`));
  const overriding = table.identityAlways ? sql`OVERRIDING SYSTEM VALUE` : sql``;
  await sql`INSERT INTO ${sql.id(table.name)} (${sql.join(columns.map((c) => sql.id(c.name)))}) ${overriding} VALUES ${values}`.execute(
    trx,
  );
}
