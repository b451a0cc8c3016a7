import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import type { DemoAccount } from './support/accounts.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    demoAccounts: DemoAccount[];
    demoPassword: string;
  }
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const START_TIMEOUT_MS = 400_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The account table the server prints at start: `  username  role  name  scope`, under "password for all: …". */
export function parseDemoAccounts(output: string): { accounts: DemoAccount[]; password: string | null } {
  const password = /password for all:\s*([^\s)]+)/i.exec(output)?.[1] ?? null;
  const accounts: DemoAccount[] = [];
  const roles = new Set(['admin', 'city', 'district', 'street', 'dept', 'building', 'enterprise', 'member', 'village']);
  for (const line of output.split('\n')) {
    const cells = line.trim().split(/\s{2,}/);
    const [username, role, displayName, scope] = cells;
    if (username && role && roles.has(role) && /^[a-z0-9_.-]{3,40}$/.test(username)) {
      accounts.push({ username, role, displayName: displayName ?? '', scope: scope ?? '' });
    }
  }
  return { accounts, password };
}

async function waitForHealth(baseUrl: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} before it was ready:\n${log()}`);
    try {
      const res = await fetch(`${baseUrl}/healthz`);
      if (res.ok && ((await res.json()) as { status?: string }).status === 'ok') return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the server was not healthy within ${START_TIMEOUT_MS / 1000} s:\n${log()}`);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(path.join(ROOT, 'dist/web/index.html'))) {
    throw new Error('dist/web is missing: run `npm run build:web` first (`npm run test:e2e` does)');
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), 'hongtu-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;

  const env: NodeJS.ProcessEnv = { ...process.env, HONGTU_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' };
  // CI exports DATABASE_URL for the service tests; this server must use its own embedded database, never that one.
  delete env.DATABASE_URL;
  const child = spawn('npx', ['tsx', 'src/cli/main.ts', 'serve', '--demo', '--no-build'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so teardown ends npx, tsx and node together.
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const stop = async () => {
    if (child.pid && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      await new Promise((r) => setTimeout(r, 500));
      if (child.exitCode === null) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(baseUrl, child, () => output);
  } catch (err) {
    await stop();
    throw err;
  }

  // The account table is printed once start-up has finished (after the background jobs start), which can be a moment after /healthz answers.
  let { accounts, password } = parseDemoAccounts(output);
  for (const deadline = Date.now() + 60_000; (accounts.length === 0 || !password) && Date.now() < deadline && child.exitCode === null;) {
    await new Promise((r) => setTimeout(r, 500));
    ({ accounts, password } = parseDemoAccounts(output));
  }
  if (accounts.length === 0 || !password) {
    await stop();
    throw new Error(`could not read the demo accounts from the server output:\n${output}`);
  }
  project.provide('baseUrl', baseUrl);
  project.provide('demoAccounts', accounts);
  project.provide('demoPassword', password);
  return stop;
}
