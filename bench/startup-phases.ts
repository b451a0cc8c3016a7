/**
 * `serve --demo`'s start, step by step, in one process: run by bench/profile.ts
 * as `node --import tsx bench/startup-phases.ts <data dir>`. Prints one JSON
 * line { phases: [{ name, ms }], cpuMs }. The steps mirror startServer in
 * src/server/main.ts; the web bundle check is left out (the startup benchmark
 * makes the bundle fresh first).
 */
import type { Phase } from './startup.ts';

const phases: Phase[] = [{ name: 'node and the tsx loader', ms: process.uptime() * 1000 }];
let last = performance.now();
const lap = (name: string) => {
  const now = performance.now();
  phases.push({ name, ms: now - last });
  last = now;
};

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: node --import tsx bench/startup-phases.ts <data dir>');

const { loadConfig } = await import('../src/server/config.ts');
const { prepareDatabase } = await import('../src/server/main.ts');
const { buildApp } = await import('../src/server/app.ts');
const { seedDemo } = await import('../src/server/seed/demo.ts');
await import('../src/cli/main.ts');
lap('importing the CLI and server modules');

const config = loadConfig({ ...process.env, DATABASE_URL: '', HONGTU_DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
const { db, secrets } = await prepareDatabase(config, () => {});
lap('opening the database (PGlite, migrations check, regions check)');
const deps = { config, db, kysely: db.kysely, secrets };
await seedDemo(deps);
lap('demo seed (a check when already seeded)');
const app = await buildApp(deps, { logger: false });
await app.listen({ host: '127.0.0.1', port: 0 });
lap('building the Fastify app and listening');

const cpu = process.cpuUsage();
process.stdout.write(JSON.stringify({ phases, cpuMs: (cpu.user + cpu.system) / 1000 }) + '\n');
await app.close();
await db.close();
