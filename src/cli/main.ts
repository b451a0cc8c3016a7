import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { loadConfig, type Config } from '../server/config.ts';
import type { Db } from '../server/db/index.ts';
import { migrate } from '../server/db/migrate.ts';
import { ROLES } from '../server/db/schema.ts';
import { openInstallationDatabase, prepareDatabase, loadSecrets, startServer } from '../server/main.ts';
import { loadRegions, normaliseRegionCode } from '../server/regions/load.ts';
import { formatDemoAccounts, seedDemo } from '../server/seed/demo.ts';
import { CliError, describeError } from './errors.ts';
// Command bodies import the modules only they need, so `hongtu serve` loads no backup or Vite code.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

async function withDb<T>(config: Config, run: (db: Db) => Promise<T>): Promise<T> {
  const db = await openInstallationDatabase(config);
  try {
    return await run(db);
  } finally {
    await db.close();
  }
}

function scopeList(value: string): string[] {
  const codes = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const c of codes) {
    if (!normaliseRegionCode(c)) throw new InvalidArgumentError(`'${c}' is not a region code (e.g. 350100 or 3501)`);
  }
  if (codes.length === 0) throw new InvalidArgumentError('name at least one region code');
  return codes;
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('a port number, 0–65535');
  return n;
}

const count = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([t, n]) => `${t} ${n}`)
    .join(', ');

export function buildProgram(): Command {
  const program = new Command('hongtu')
    .description('红图 Hongtu — party-building-led grassroots governance. Settings come from the environment (see README).')
    .version('0.1.0')
    .showHelpAfterError()
    // Set before the subcommands are added, which inherit it: errors come back to runCli, never process.exit.
    .exitOverride();

  program
    .command('serve')
    .description('start the platform (embedded database unless DATABASE_URL is set)')
    .option('--demo', 'seed the demo data (the default for the embedded database)')
    .option('--port <port>', 'listen on this port (default PORT or 3000)', port)
    .option('--no-build', 'do not check or rebuild the web bundle')
    .action(async (opts: { demo?: boolean; port?: number; build: boolean }) => {
      const config = loadConfig();
      if (opts.port !== undefined) config.port = opts.port;
      if (opts.build) {
        const { ensureWebBundle, webBuildPaths } = await import('./web-build.ts');
        await ensureWebBundle(webBuildPaths(ROOT));
      }
      try {
        await startServer(config, { demo: opts.demo === true });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
          throw new CliError(`port ${config.port} is already in use: stop the other server or set PORT / --port`);
        }
        throw err;
      }
    });

  program
    .command('migrate')
    .description('apply the database migrations not yet applied')
    .action(async () => {
      await withDb(loadConfig(), async (db) => {
        const applied = await migrate(db.pool);
        console.log(applied.length > 0 ? `Applied ${applied.join(', ')}` : 'The database is up to date');
      });
    });

  program
    .command('seed')
    .description('load sample data')
    .command('demo')
    .description('the demo organisations, people and one account per role (idempotent)')
    .action(async () => {
      const config = loadConfig();
      const { db, secrets } = await prepareDatabase(config);
      try {
        const r = await seedDemo({ kysely: db.kysely, secrets });
        if (r.seeded && r.counts) {
          console.log(
            `Seeded ${r.counts.organisations} organisations, ${r.counts.people} people, ${r.counts.posts} posts, ${r.counts.users} accounts in ${r.ms} ms`,
          );
        } else {
          console.log('The demo data is already there; nothing changed');
        }
        if (r.accounts.length > 0) console.log(formatDemoAccounts(r.accounts));
      } finally {
        await db.close();
      }
    });

  program
    .command('regions')
    .description('administrative regions (GB/T 2260)')
    .command('load')
    .description('load the regions of a scope, its ancestors and everything beneath it, down to villages')
    .option('--scope <codes>', 'comma-separated region codes (default HONGTU_REGION_SCOPE or 350100,360732)', scopeList)
    .action(async (opts: { scope?: string[] }) => {
      const config = loadConfig();
      await withDb(config, async (db) => {
        await migrate(db.pool);
        const r = await loadRegions(db.kysely, opts.scope ?? config.regionScope);
        const levels = Object.entries(r.byLevel)
          .map(([level, n]) => `${n} ${level}`)
          .join(', ');
        console.log(
          `Loaded ${r.rows} regions (${levels}) for ${r.scope.join(', ')} from ${r.source}: read ${r.readMs} ms, write ${r.writeMs} ms`,
        );
      });
    });

  const user = program.command('user').description('accounts');
  user
    .command('add')
    .description('create an account, with the same rules as the API')
    .requiredOption('--username <username>', 'lower-case letters, digits, . _ -')
    .requiredOption('--role <role>', ROLES.join(' | '))
    .option('--password <password>', 'at least 8 characters with letters and digits (asked for when omitted)')
    .option('--region <code>', 'the region the account serves')
    .option('--org <id>', 'the organisation the account belongs to')
    .option('--person <id>', 'the person the account belongs to')
    .option('--name <name>', 'display name (default: the username)')
    .option('--locale <locale>', 'zh-CN | en')
    .action(
      async (opts: {
        username: string;
        role: string;
        password?: string;
        region?: string;
        org?: string;
        person?: string;
        name?: string;
        locale?: string;
      }) => {
        const { addUser, readPassword } = await import('./users.ts');
        const config = loadConfig();
        const password = opts.password ?? (await readPassword('Password: '));
        const { db } = await prepareDatabase(config, () => {});
        try {
          const id = await addUser(db.kysely, { ...opts, password });
          console.log(`Created account ${opts.username} (${opts.role}), id ${id}`);
        } finally {
          await db.close();
        }
      },
    );
  user
    .command('passwd')
    .description("set an account's password and end its sessions")
    .requiredOption('--username <username>')
    .option('--password <password>', 'the new password (asked for when omitted)')
    .action(async (opts: { username: string; password?: string }) => {
      const { changePassword, readPassword } = await import('./users.ts');
      const password = opts.password ?? (await readPassword('New password: '));
      await withDb(loadConfig(), async (db) => {
        await changePassword(db.kysely, opts.username, password);
        console.log(`Password of ${opts.username} changed; its sessions were ended`);
      });
    });

  program
    .command('audit')
    .description('the audit log (SEC-2)')
    .command('verify')
    .description('recompute the hash chain; exit code 1 when any row was altered or removed')
    .action(async () => {
      const { auditReport } = await import('./audit.ts');
      await withDb(loadConfig(), async (db) => {
        const report = await auditReport(db.kysely);
        if (!report.ok) throw new CliError(report.message);
        console.log(report.message);
      });
    });

  program
    .command('backup <file>')
    .description('write a logical backup of every table (gzip JSON lines; restores on PGlite or PostgreSQL)')
    .action(async (file: string) => {
      const { writeBackup } = await import('./backup.ts');
      const config = loadConfig();
      await withDb(config, async (db) => {
        const r = await writeBackup(db.kysely, loadSecrets(config), file);
        console.log(`Backup written to ${file} in ${r.ms} ms: ${count(r.counts)}`);
        console.log('The personal-data key is not in the backup: keep secret.key (or HONGTU_SECRET_KEY) with it.');
      });
    });

  program
    .command('restore <file>')
    .description('restore a backup into an empty database (a fresh HONGTU_DATA_DIR or DATABASE_URL)')
    .option('--ignore-key-mismatch', 'restore even if the personal-data key differs (phone and ID numbers stay unreadable)')
    .action(async (file: string, opts: { ignoreKeyMismatch?: boolean }) => {
      const { readBackupHeader } = await import('./backup.ts');
      const { restoreBackup } = await import('./restore.ts');
      const config = loadConfig();
      const header = await readBackupHeader(file);
      if (!config.secretKey && !existsSync(path.join(config.dataDir, 'secret.key')) && !opts.ignoreKeyMismatch) {
        throw new CliError(
          `no personal-data key here: copy secret.key from the installation that made the backup into ${config.dataDir} ` +
            '(or set HONGTU_SECRET_KEY), then retry.',
        );
      }
      await withDb(config, async (db) => {
        const r = await restoreBackup(db, loadSecrets(config), file, { ignoreKeyMismatch: opts.ignoreKeyMismatch === true });
        console.log(`Restored the backup of ${header.createdAt} in ${r.ms} ms: ${count(r.counts)}`);
        console.log(
          r.audit.ok
            ? `Audit chain intact: ${r.audit.checked} rows`
            : `WARNING: the audit chain in the backup is broken at row ${r.audit.brokenAt?.id}`,
        );
      });
    });

  return program;
}

/** Runs one command; resolves to the process exit code. */
export async function runCli(argv: string[] = process.argv): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (err) {
    // Commander has already printed its own usage errors (and help, which exits 0).
    if (err instanceof CommanderError) return err.exitCode;
    console.error(`error: ${describeError(err)}`);
    return 1;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await runCli();
}
