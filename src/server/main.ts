import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { createSecrets, loadSecretKey, type Secrets } from './auth/secrets.ts';
import { loadConfig, type Config } from './config.ts';
import { openDatabase, type DatabaseOptions, type Db } from './db/index.ts';
import { migrate } from './db/migrate.ts';
import type { Deps } from './http/context.ts';
import type { Jobs } from './jobs/runner.ts';
import { isScopeLoaded, loadRegions } from './regions/load.ts';
import { DemoRegionsMissingError, formatDemoAccounts, seedDemo, type SeedResult } from './seed/demo.ts';

/**
 * Where the database lives: PostgreSQL when DATABASE_URL is set, otherwise the
 * embedded PGlite in `<dataDir>/pglite`, beside the secret key file (which
 * must never sit inside a database dump).
 */
export function databaseOptions(config: Config): DatabaseOptions {
  return config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: path.join(config.dataDir, 'pglite') };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The embedded database is one process's files: a second process opening
 * them (a CLI backup beside a running server) would corrupt them. A pid file
 * keeps it to one; a file left by a process that died is taken over.
 */
function lockDataDir(dir: string): () => void {
  const file = path.join(dir, 'hongtu.pid');
  mkdirSync(dir, { recursive: true });
  for (;;) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && isRunning(holder)) {
        throw new Error(
          `the data directory ${dir} is in use by process ${holder}; stop it first (the embedded database admits one process)`,
        );
      }
      unlinkSync(file);
    }
  }
  const release = () => {
    process.off('exit', release);
    try {
      if (readFileSync(file, 'utf8').trim() === String(process.pid)) unlinkSync(file);
    } catch {
      // Already gone.
    }
  };
  process.once('exit', release);
  return release;
}

/** Opens the installation's database; the embedded one is locked to this process until closed. */
export async function openInstallationDatabase(config: Config): Promise<Db> {
  const options = databaseOptions(config);
  if (!options.dataDir) return openDatabase(options);
  const release = lockDataDir(config.dataDir);
  try {
    const db = await openDatabase(options);
    return {
      ...db,
      close: async () => {
        try {
          await db.close();
        } finally {
          release();
        }
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

export function loadSecrets(config: Config, log: (line: string) => void = console.warn): Secrets {
  if (config.databaseUrl && !config.secretKey) {
    // Several instances sharing one database must share one key, or each reads only its own writes.
    log(`HONGTU_SECRET_KEY is not set: personal data is encrypted with the key file in ${config.dataDir}. Set it in production.`);
  }
  return createSecrets(loadSecretKey(config.secretKey, config.dataDir));
}

export interface PreparedDatabase {
  db: Db;
  secrets: Secrets;
}

/**
 * Opens and migrates the database and loads the installation's regions when
 * they are not there yet. On a warm data directory this is one small read.
 */
export async function prepareDatabase(config: Config, log: (line: string) => void = console.log): Promise<PreparedDatabase> {
  const t0 = performance.now();
  const db = await openInstallationDatabase(config);
  try {
    const applied = await migrate(db.pool);
    if (applied.length > 0) log(`Migrated: ${applied.join(', ')}`);
    if (!(await isScopeLoaded(db.kysely, config.regionScope))) {
      const r = await loadRegions(db.kysely, config.regionScope);
      log(`Loaded ${r.rows} regions for ${r.scope.join(', ')} from ${r.source} in ${r.readMs + r.writeMs} ms`);
    }
    const secrets = loadSecrets(config, log);
    log(`Database ready (${db.backend}) in ${Math.round(performance.now() - t0)} ms`);
    return { db, secrets };
  } catch (err) {
    await db.close();
    throw err;
  }
}

export interface StartOptions {
  /** Seed the demo data even where the configuration would not (PostgreSQL). */
  demo?: boolean;
  /** Close the server and the database on SIGINT/SIGTERM (default true). */
  handleSignals?: boolean;
  log?: (line: string) => void;
}

export interface RunningServer {
  app: FastifyInstance;
  deps: Deps;
  url: string;
  close(): Promise<void>;
}

/**
 * Asked for explicitly (--demo), the demo must seed or the start fails; seeded
 * by default (embedded database) into a scope without Fuzhou and Xingguo, the
 * platform starts without it.
 */
async function seedDemoUnlessOutOfScope(deps: Deps, required: boolean, log: (line: string) => void): Promise<SeedResult | null> {
  try {
    return await seedDemo(deps);
  } catch (err) {
    if (required || !(err instanceof DemoRegionsMissingError)) throw err;
    log(`No demo data: ${err.message}`);
    return null;
  }
}

export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const log = options.log ?? console.log;
  // The HTTP stack is most of the code to load: load it while the database opens.
  const appModule = import('./app.ts');
  appModule.catch(() => {}); // awaited below; this only keeps an early failure from going unhandled
  const { db, secrets } = await prepareDatabase(config, log);
  const deps: Deps = { config, db, kysely: db.kysely, secrets };
  let app: FastifyInstance | undefined;
  let jobs: Jobs | undefined;
  try {
    const seeded = options.demo === true || config.seedDemo ? await seedDemoUnlessOutOfScope(deps, options.demo === true, log) : null;
    if (seeded?.seeded && seeded.counts) {
      const c = seeded.counts;
      log(
        `Seeded demo data: ${c.organisations} organisations, ${c.people} people, ${c.posts} posts, ${c.users} accounts in ${seeded.ms} ms`,
      );
    }
    const { buildApp } = await appModule;
    app = await buildApp(deps);
    await app.listen({ host: config.host, port: config.port });
    // NTF-1 / OPS-2 sweeps and deliveries; after migrations and the demo seed, so a sweep never sees a half-built database.
    jobs = config.jobs ? await startPlatformJobs(deps, app) : undefined;
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    const url = `http://${shownHost}:${port}/`;
    log(`红图 Hongtu is listening on ${url}`);
    if (seeded && seeded.accounts.length > 0) log(formatDemoAccounts(seeded.accounts));
    const readySeconds = Number(process.uptime().toFixed(2));
    log(`Ready in ${readySeconds} s since process start`);
    app.log.info({ url, backend: db.backend, readySeconds }, 'ready');

    let closing: Promise<void> | undefined;
    const started = app;
    const close = () =>
      (closing ??= (async () => {
        await jobs?.stop();
        await started.close();
        await db.close();
      })());
    if (options.handleSignals !== false) {
      const onSignal = (signal: NodeJS.Signals) => {
        // A launcher may pass on the terminal's Ctrl-C, so the same signal can arrive twice: shut down once.
        if (closing) return;
        log(`${signal}: shutting down`);
        setTimeout(() => {
          console.error('shutdown took over 10 s; exiting');
          process.exit(1);
        }, 10_000).unref();
        close().then(
          () => process.exit(0),
          (err: unknown) => {
            console.error(err);
            process.exit(1);
          },
        );
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
    }
    return { app, deps, url, close };
  } catch (err) {
    await jobs?.stop();
    await app?.close();
    await db.close();
    throw err;
  }
}

async function startPlatformJobs(deps: Deps, app: FastifyInstance): Promise<Jobs> {
  const [{ startJobs }, { platformSweeps }] = await Promise.all([import('./jobs/runner.ts'), import('./jobs/sweeps.ts')]);
  return startJobs({ deps, sweeps: platformSweeps(), logger: app.log });
}

// `tsx src/server/main.ts` starts the server with the environment's configuration.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  startServer(loadConfig()).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
