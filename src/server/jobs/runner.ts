import pg from 'pg';
import PgBoss from 'pg-boss';
import type { Deps } from '../http/context.ts';

/**
 * OPS-2 / NTF-1 background work: sweeps (deadline checks, deliveries, lease
 * warnings) run by pg-boss on the application's own database. Each sweep is a
 * pg-boss queue with the 'singleton' policy (one active job across every
 * instance); every instance offers a job per period with `singletonSeconds`
 * set to the period, so the job table's unique slot admits one run per period
 * however many instances offer it, and a restart inside a period runs nothing
 * again. A sweep must still be safe when two passes overlap (a job that outlives
 * its expiry is failed by pg-boss while its handler runs on): sweeps claim their
 * rows with FOR UPDATE SKIP LOCKED, and that, not the queue, is what keeps two
 * instances from handling one row twice.
 */
export interface Sweep {
  /** Unique, [a-z0-9-]: becomes the queue name `sweep-<name>`. */
  name: string;
  /** The period: at most one pass starts per period across all instances. */
  everySeconds: number;
  run(deps: Deps): Promise<{ processed: number }>;
}

export interface Jobs {
  stop(): Promise<void>;
}

/** Enough of pino (and of Fastify's logger) for the runner's few lines. */
export interface JobLogger {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface StartJobsOptions {
  deps: Deps;
  sweeps: readonly Sweep[];
  logger?: JobLogger;
}

const consoleLogger: JobLogger = {
  info: () => {},
  error: (obj, msg) => console.error(msg, obj),
};

/**
 * pg-boss's only door to the database. On PGlite the pool is the
 * application's pool of one connection: pg-boss's statements queue behind the
 * application's transactions and never hold the connection between
 * statements, so a sweep's own queries (through Kysely) cannot deadlock with
 * them. pg-boss sends some transactions as one string (`BEGIN; …; COMMIT;`)
 * and expects some to fail (two instances installing its schema at once); a
 * failure leaves that connection inside an aborted transaction, which on a
 * pool of one would refuse every later query of the application — so the
 * connection is rolled back before it goes back to the pool.
 */
export function bossDbAdapter(pool: pg.Pool): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[]) {
      const client = await pool.connect();
      try {
        const result = await client.query(text, values);
        return { rows: result.rows };
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
  };
}

export function sweepQueueName(sweep: Pick<Sweep, 'name'>): string {
  return `sweep-${sweep.name}`;
}

/** How often this instance offers a job: the period, but at least every 30 s so a pass starts near its period's start. */
const offerIntervalMs = (s: Sweep) => Math.min(s.everySeconds, 30) * 1000;
/** Idle workers look for a job this often; the offering instance wakes its own worker at once. */
const pollSeconds = (s: Sweep) => Math.min(Math.max(s.everySeconds, 2), 30);

/**
 * pg-boss creates a queue's partition without a lock of its own: instances
 * starting together can deadlock on it. The loser retries and finds the queue there.
 */
async function ensureQueue(boss: PgBoss, name: string, expireInSeconds: number): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    if (await boss.getQueue(name)) return;
    try {
      // 'singleton': one active job across instances; a job whose instance died blocks its queue until it expires.
      await boss.createQueue(name, { name, policy: 'singleton', retryLimit: 0, expireInSeconds });
      return;
    } catch (err) {
      if (attempt >= 5) throw err;
      await new Promise((r) => setTimeout(r, 100 * attempt + Math.random() * 200));
    }
  }
}

export async function startJobs(opts: StartJobsOptions): Promise<Jobs> {
  const { deps, sweeps } = opts;
  const logger = opts.logger ?? consoleLogger;
  const names = new Set<string>();
  for (const s of sweeps) {
    if (!/^[a-z0-9-]+$/.test(s.name) || names.has(s.name)) throw new Error(`sweep name "${s.name}" must be unique and [a-z0-9-]`);
    if (!(s.everySeconds >= 1)) throw new Error(`sweep ${s.name}: everySeconds must be at least 1`);
    names.add(s.name);
  }
  // PostgreSQL: a small pool of the runner's own, so polling never waits behind a busy request pool.
  const ownPool =
    deps.db.backend === 'postgres' && deps.config.databaseUrl
      ? new pg.Pool({ connectionString: deps.config.databaseUrl, max: 2, application_name: 'hongtu-jobs' })
      : undefined;
  ownPool?.on('error', () => {
    // An idle client lost its connection; the pool replaces it on next use.
  });
  const boss = new PgBoss({
    db: bossDbAdapter(ownPool ?? deps.db.pool),
    schedule: false,
    supervise: true,
    // Sweep jobs are bookkeeping: keep them a day, not pg-boss's default week.
    archiveCompletedAfterSeconds: 3600,
    archiveFailedAfterSeconds: 3600,
    deleteAfterDays: 1,
  });
  boss.on('error', (err) => logger.error({ err }, 'job runner error'));
  const timers: NodeJS.Timeout[] = [];
  let stopping = false;
  try {
    await boss.start();
    for (const sweep of sweeps) {
      const queue = sweepQueueName(sweep);
      await ensureQueue(boss, queue, Math.max(300, sweep.everySeconds * 2));
      const workerId = await boss.work(queue, { pollingIntervalSeconds: pollSeconds(sweep), batchSize: 1 }, async () => {
        const t0 = performance.now();
        try {
          const { processed } = await sweep.run(deps);
          if (processed > 0) logger.info({ sweep: sweep.name, processed, ms: Math.round(performance.now() - t0) }, 'sweep done');
        } catch (err) {
          logger.error({ err, sweep: sweep.name }, 'sweep failed');
          throw err;
        }
      });
      const offer = async () => {
        if (stopping) return;
        try {
          const id = await boss.send(queue, {}, { singletonSeconds: sweep.everySeconds, retryLimit: 0 });
          if (id && !stopping) boss.notifyWorker(workerId);
        } catch (err) {
          if (!stopping) logger.error({ err, sweep: sweep.name }, 'sweep could not be offered');
        }
      };
      void offer();
      const timer = setInterval(() => void offer(), offerIntervalMs(sweep));
      timer.unref();
      timers.push(timer);
    }
  } catch (err) {
    for (const t of timers) clearInterval(t);
    await boss.stop({ graceful: false, wait: true });
    await ownPool?.end();
    throw err;
  }
  logger.info({ sweeps: sweeps.map((s) => s.name), backend: deps.db.backend, ownPool: ownPool !== undefined }, 'jobs started');

  let stopped: Promise<void> | undefined;
  return {
    stop: () =>
      (stopped ??= (async () => {
        stopping = true;
        for (const t of timers) clearInterval(t);
        // Lets a running pass finish (up to the timeout) before the database closes.
        await boss.stop({ graceful: true, wait: true, timeout: 8_000 });
        await ownPool?.end();
      })()),
  };
}
