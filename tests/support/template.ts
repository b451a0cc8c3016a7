import { randomBytes } from 'node:crypto';
import path from 'node:path';
import os from 'node:os';
import pg from 'pg';
import { openDatabase } from '../../src/server/db/index.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { loadRegions } from '../../src/server/regions/load.ts';

/**
 * One migrated database per test run, copied per test file: PGlite as a
 * dumped data directory, PostgreSQL as a template database.
 */
export const PGLITE_TEMPLATE = path.join(os.tmpdir(), `hongtu-test-template-${process.pid}.tar.gz`);
export const TEST_REGION_SCOPE = ['350102', '360732'];

export function serverUrl(databaseUrl: string, database: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function buildPgliteTemplate(): Promise<string> {
  const db = await openDatabase({ dataDir: 'memory://' });
  await migrate(db.pool);
  await loadRegions(db.kysely, TEST_REGION_SCOPE);
  const dump = await db.pglite!.dumpDataDir('gzip');
  const { writeFile } = await import('node:fs/promises');
  await writeFile(PGLITE_TEMPLATE, Buffer.from(await dump.arrayBuffer()));
  await db.close();
  return PGLITE_TEMPLATE;
}

export async function buildPostgresTemplate(databaseUrl: string): Promise<string> {
  const name = `hongtu_tpl_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const db = await openDatabase({ databaseUrl: serverUrl(databaseUrl, name), poolSize: 2 });
  await migrate(db.pool);
  await loadRegions(db.kysely, TEST_REGION_SCOPE);
  await db.close();
  return name;
}

export async function dropDatabase(databaseUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
