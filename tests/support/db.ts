import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Db } from '../../src/server/db/index.ts';
import { dropDatabase, serverUrl } from './template.ts';

export const TEST_BACKEND = (process.env.TEST_BACKEND ?? 'pglite') as 'pglite' | 'postgres';

/** A fresh, migrated database with the test regions loaded, private to the caller. */
export async function createTestDb(): Promise<Db> {
  if (TEST_BACKEND === 'postgres') {
    const databaseUrl = process.env.DATABASE_URL!;
    const name = `hongtu_test_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('postgresTemplate')}`);
    await admin.end();
    const db = await openDatabase({ databaseUrl: serverUrl(databaseUrl, name), poolSize: 10 });
    return {
      ...db,
      close: async () => {
        await db.close();
        await dropDatabase(databaseUrl, name);
      },
    };
  }
  const dump = await readFile(inject('pgliteTemplate'));
  return openDatabase({ dataDir: 'memory://', loadDataDir: new Blob([dump]) });
}
