import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, TEST_BACKEND } from '../../tests/support/db.ts';
import { createSecrets } from '../server/auth/secrets.ts';
import { SYSTEM_ACTOR } from '../server/auth/actor.ts';
import { openDatabase, type Db } from '../server/db/index.ts';
import { migrate } from '../server/db/migrate.ts';
import { chainAuditLog, recordAudit } from '../server/modules/audit/chain.ts';
import { loadRegions } from '../server/regions/load.ts';
import { seedDemo } from '../server/seed/demo.ts';
import { describeTables, parentsFirst, readBackupLines, writeBackup, type TableInfo } from './backup.ts';
import { restoreBackup } from './restore.ts';

/** Empties every table (migrations stay applied) and resets the sequences. */
async function empty(db: Db): Promise<Db> {
  const tables = (await describeTables(db.kysely)).map((t) => sql.id(t.name));
  await sql`TRUNCATE ${sql.join(tables)} RESTART IDENTITY CASCADE`.execute(db.kysely);
  return db;
}

async function rowCounts(db: Db): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of await describeTables(db.kysely)) {
    const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.id(t.name)}`.execute(db.kysely);
    out[t.name] = Number(rows[0]?.n);
  }
  return out;
}

/** A backup's body: everything but the header, whose timestamp differs between runs. */
async function body(file: string): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of readBackupLines(file)) lines.push(JSON.stringify(line));
  return lines.slice(1);
}

describe('OPS-3 backup and restore', { timeout: 180_000 }, () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hongtu-backup-'));
  const file = path.join(dir, 'backup.jsonl.gz');
  const secrets = createSecrets(randomBytes(32));
  let source: Db;
  let target: Db;

  beforeAll(async () => {
    target = await createTestDb();
    source = await createTestDb();
    await loadRegions(source.kysely, ['350100']);
    await seedDemo({ kysely: source.kysely, secrets });
    await source.kysely.transaction().execute(async (trx) => {
      // A parent created after its child: in id order the child would be inserted first.
      const late = await trx
        .insertInto('organisation')
        .values({ kind: 'government', name: '后建的上级组织', region_code: '350102', parent_id: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .updateTable('organisation')
        .set({ path: `/${late.id}/` })
        .where('id', '=', late.id)
        .execute();
      await trx.updateTable('organisation').set({ parent_id: late.id }).where('id', '=', '1').execute();
      await recordAudit(trx, {
        actor: SYSTEM_ACTOR,
        action: 'organisation.update',
        entity: 'organisation',
        entityId: '1',
        after: { parent_id: late.id },
      });
    });
    // Linked, as the running app links its audit rows moments after each write.
    await chainAuditLog(source.kysely);
    await writeBackup(source.kysely, secrets, file);
  });
  // A freshly migrated database: migrations also fill reference tables (industries), which a restore replaces.
  beforeEach(async () => {
    await empty(target);
    await migrate(target.pool);
  });
  afterAll(async () => {
    await target.close();
    await source.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('OPS-3 backup → restore round trip gives identical row counts and identical data', async () => {
    const r = await restoreBackup(target, secrets, file);
    expect(r.audit).toMatchObject({ ok: true, checked: 2 });
    const counts = await rowCounts(source);
    expect(counts.organisation).toBeGreaterThan(40);
    expect(await rowCounts(target)).toEqual(counts);
    expect(r.counts).toEqual(counts);
    const again = path.join(dir, 'again.jsonl.gz');
    await writeBackup(target.kysely, secrets, again);
    expect(await body(again)).toEqual(await body(file));
  });

  it('OPS-3 a restored copy goes on numbering where the original stopped, and reads personal data', async () => {
    await restoreBackup(target, secrets, file);
    const max = await target.kysely
      .selectFrom('organisation')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirstOrThrow();
    const next = await target.kysely
      .insertInto('organisation')
      .values({ kind: 'enterprise', name: '恢复后新建企业', region_code: '350102004', parent_id: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(Number(next.id)).toBe(Number(max.id) + 1);
    const person = await target.kysely.selectFrom('person').selectAll().orderBy('id').limit(1).executeTakeFirstOrThrow();
    expect(secrets.decrypt(person.phone_enc!)).toMatch(/^1\d{10}$/);
  });

  it.runIf(TEST_BACKEND === 'postgres')(
    'OPS-2 a PostgreSQL backup restores into the embedded database',
    async () => {
      const embedded = await openDatabase({ dataDir: 'memory://' });
      try {
        await restoreBackup(embedded, secrets, file);
        expect(await rowCounts(embedded)).toEqual(await rowCounts(source));
      } finally {
        await embedded.close();
      }
    },
    120_000,
  );

  it('OPS-3 restore refuses a database that already has rows', async () => {
    await expect(restoreBackup(source, secrets, file)).rejects.toThrow(/empty database/);
  });

  it('OPS-3 restore refuses a backup made under another personal-data key', async () => {
    await expect(restoreBackup(target, createSecrets(randomBytes(32)), file)).rejects.toThrow(/different personal-data key/);
  });

  it('OPS-3 a truncated backup restores nothing', async () => {
    const lines: string[] = [];
    for await (const line of readBackupLines(file)) lines.push(JSON.stringify(line));
    const truncated = path.join(dir, 'truncated.jsonl.gz');
    writeFileSync(truncated, gzipSync(lines.slice(0, -1).join('\n') + '\n'));
    const before = await rowCounts(target);
    await expect(restoreBackup(target, secrets, truncated)).rejects.toThrow(/truncated/);
    expect(await rowCounts(target)).toEqual(before);
  });
});

describe('backup row order', () => {
  const table: TableInfo = {
    name: 'node',
    columns: [
      { name: 'id', type: 'bigint' },
      { name: 'parent_id', type: 'bigint' },
    ],
    identityAlways: false,
    primaryKey: ['id'],
    selfRefs: [{ from: ['parent_id'], to: ['id'] }],
  };

  it('puts every row after the row it refers to', () => {
    const rows = [
      ['1', '5'],
      ['2', null],
      ['3', '1'],
      ['4', '3'],
      ['5', '2'],
    ];
    const ordered = parentsFirst(table, rows).map((r) => r[0]);
    expect([...ordered].sort()).toEqual(['1', '2', '3', '4', '5']);
    for (const [id, parent] of rows) {
      if (parent) expect(ordered.indexOf(parent)).toBeLessThan(ordered.indexOf(id!));
    }
  });
});
