import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it, vi } from 'vitest';
import { TEST_BACKEND } from '../../tests/support/db.ts';
import { loadConfig } from '../server/config.ts';
import { openDatabase } from '../server/db/index.ts';
import { startServer } from '../server/main.ts';
import { runCli } from './main.ts';

/**
 * The commands as an operator runs them, in this process, against an embedded
 * data directory made from the test template (鼓楼区 and 兴国县 loaded). The
 * PostgreSQL run has no embedded template; the same commands are covered there
 * through backup.test.ts and audit.test.ts.
 */
describe.skipIf(TEST_BACKEND === 'postgres')('OPS-3 hongtu CLI on an embedded data directory', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hongtu-cli-'));
  const dataDir = path.join(dir, 'data');
  const saved = { ...process.env };
  let out: string[] = [];
  let err: string[] = [];

  const hongtu = async (...args: string[]) => {
    out = [];
    err = [];
    return runCli(['node', 'hongtu', ...args]);
  };
  const withDb = async <T>(run: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> => {
    const db = await openDatabase({ dataDir: path.join(dataDir, 'pglite') });
    try {
      return await run(db);
    } finally {
      await db.close();
    }
  };

  beforeAll(async () => {
    const template = new Blob([readFileSync(inject('pgliteTemplate'))]);
    const db = await openDatabase({ dataDir: path.join(dataDir, 'pglite'), loadDataDir: template });
    await db.close();
    process.env.HONGTU_DATA_DIR = dataDir;
    process.env.HONGTU_REGION_SCOPE = '350102,360732';
    delete process.env.DATABASE_URL;
    delete process.env.HONGTU_SECRET_KEY;
    process.env.LANG = 'en_US.UTF-8';
  });
  beforeEach(() => {
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
    vi.spyOn(console, 'warn').mockImplementation(() => {});
  });
  afterAll(() => {
    vi.restoreAllMocks();
    process.env = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it('OPS-3 hongtu user add creates an account with the API rules and an audit row', async () => {
    expect(
      await hongtu(
        'user',
        'add',
        '--username',
        'ops.dongjie',
        '--role',
        'street',
        '--password',
        'Dongjie2026',
        '--region',
        '350102004',
        '--name',
        '东街值班员',
      ),
    ).toBe(0);
    expect(out.join('\n')).toContain('Created account ops.dongjie');
    const row = await withDb((db) =>
      db.kysely
        .selectFrom('audit_log')
        .select(['action', 'actor_name', 'actor_user_id'])
        .where('action', '=', 'user.create')
        .executeTakeFirstOrThrow(),
    );
    expect(row.actor_name).toMatch(/^cli:/);
    expect(row.actor_user_id).toBeNull();
    // The data directory is unlocked again once the command is done.
    expect(existsSync(path.join(dataDir, 'hongtu.pid'))).toBe(false);
  });

  it('SEC-3 hongtu user add refuses bad input field by field and changes nothing', async () => {
    expect(
      await hongtu('user', 'add', '--username', 'ops.x', '--role', 'street', '--password', 'Dongjie2026', '--region', '350102999'),
    ).toBe(1);
    expect(err.join('\n')).toMatch(/regionCode: Unknown region code/);
    expect(
      await hongtu('user', 'add', '--username', 'ops.x', '--role', 'street', '--password', 'onlyletters', '--region', '350102004'),
    ).toBe(1);
    expect(err.join('\n')).toMatch(/password:/);
    expect(
      await hongtu('user', 'add', '--username', 'ops.x', '--role', 'mayor', '--password', 'Dongjie2026', '--region', '350102004'),
    ).toBe(1);
    expect(err.join('\n')).toMatch(/role:/);
    expect(
      await hongtu('user', 'add', '--username', 'ops.dongjie', '--role', 'street', '--password', 'Dongjie2026', '--region', '350102004'),
    ).toBe(1);
    expect(err.join('\n')).toMatch(/username: Username already taken/);
    const users = await withDb((db) => db.kysely.selectFrom('app_user').select('username').execute());
    expect(users.map((u) => u.username)).toEqual(['ops.dongjie']);
  });

  it('OPS-3 hongtu user passwd sets a new password and writes an audit row', async () => {
    expect(await hongtu('user', 'passwd', '--username', 'ops.dongjie', '--password', 'Changed2026')).toBe(0);
    expect(await hongtu('user', 'passwd', '--username', 'nobody', '--password', 'Changed2026')).toBe(1);
    expect(err.join('\n')).toContain("no account named 'nobody'");
    const actions = await withDb((db) => db.kysely.selectFrom('audit_log').select('action').orderBy('id').execute());
    expect(actions.map((a) => a.action)).toEqual(['user.create', 'user.password_reset']);
  });

  it('SEC-2 hongtu audit verify exits 1 and names the first tampered row', async () => {
    expect(await hongtu('audit', 'verify')).toBe(0);
    expect(out.join('\n')).toContain('Audit chain intact: 2 rows verified');
    const first = await withDb(async (db) => {
      const row = await db.kysely.selectFrom('audit_log').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow();
      await sql`UPDATE audit_log SET after = '{"role": "admin"}'::jsonb WHERE id = ${row.id}`.execute(db.kysely);
      return row.id;
    });
    expect(await hongtu('audit', 'verify')).toBe(1);
    expect(err.join('\n')).toMatch(new RegExp(`BROKEN at row ${first} .*user\\.create`));
  });

  it('OPS-1 serve: a cold start loads the scope and seeds; a warm start does neither', async () => {
    const config = { ...loadConfig(), port: 0, host: '127.0.0.1', logLevel: 'silent', regionScope: ['350100', '360732'] };
    const lines: string[] = [];
    const cold = await startServer(config, { demo: true, handleSignals: false, log: (l) => lines.push(l) });
    try {
      expect((await fetch(`${cold.url}healthz`)).status).toBe(200);
      expect(lines.join('\n')).toMatch(/Loaded \d+ regions for 350100, 360732/);
      expect(lines.join('\n')).toMatch(/Seeded demo data/);
      expect(lines.join('\n')).toMatch(/password for all: Hongtu@2026[\s\S]*guantian +village/);
      // One process at a time on the embedded database.
      expect(await hongtu('backup', path.join(dir, 'busy.jsonl.gz'))).toBe(1);
      expect(err.join('\n')).toMatch(/in use by process/);
    } finally {
      await cold.close();
    }
    lines.length = 0;
    const warm = await startServer(config, { demo: true, handleSignals: false, log: (l) => lines.push(l) });
    try {
      const res = await fetch(`${warm.url}api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'dongjie', password: 'Hongtu@2026' }),
      });
      expect(res.status).toBe(200);
      expect(lines.join('\n')).not.toMatch(/Loaded|Seeded|Migrated/);
      expect(lines.join('\n')).toMatch(/dongjie +street/);
    } finally {
      await warm.close();
    }
  }, 180_000);

  it('OPS-3 hongtu backup, then restore into a fresh data directory with the same key', async () => {
    const file = path.join(dir, 'hongtu.jsonl.gz');
    expect(await hongtu('backup', file)).toBe(0);
    expect(out.join('\n')).toMatch(/app_user \d+/);

    const copyDir = path.join(dir, 'copy');
    process.env.HONGTU_DATA_DIR = copyDir;
    try {
      expect(await hongtu('restore', file)).toBe(1);
      expect(err.join('\n')).toMatch(/copy secret\.key/);
      mkdirSync(copyDir, { recursive: true });
      copyFileSync(path.join(dataDir, 'secret.key'), path.join(copyDir, 'secret.key'));
      expect(await hongtu('restore', file), err.join('\n')).toBe(0);
      expect(out.join('\n')).toMatch(/Restored .*app_user \d+/);
      // The copy carries the tampered chain along, and says so.
      expect(out.join('\n')).toMatch(/audit chain in the backup is broken/);
    } finally {
      process.env.HONGTU_DATA_DIR = dataDir;
    }
  }, 180_000);
});
