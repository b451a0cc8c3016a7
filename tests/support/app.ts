import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { createSecrets } from '../../src/server/auth/secrets.ts';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import type { Db } from '../../src/server/db/index.ts';
import type { Deps } from '../../src/server/http/context.ts';
import { createTestDb } from './db.ts';

export interface TestContext {
  app: FastifyInstance;
  db: Db;
  deps: Deps;
  close(): Promise<void>;
}

/** A whole app on a private database, no web bundle, no logs. */
export async function createTestApp(): Promise<TestContext> {
  const db = await createTestDb();
  const config = { ...loadConfig({}), seedDemo: false, logLevel: 'silent' };
  const deps: Deps = { config, db, kysely: db.kysely, secrets: createSecrets(randomBytes(32)) };
  const app = await buildApp(deps, { logger: false, serveWeb: false });
  await app.ready();
  return {
    app,
    db,
    deps,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}

/** A signed-in browser: carries the session cookie and echoes the CSRF token on writes. */
export interface Agent {
  username: string;
  cookie: string;
  csrfToken: string;
  request(method: InjectOptions['method'], url: string, payload?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

export async function login(app: FastifyInstance, username: string, password: string): Promise<Agent> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const session = res.cookies.find((c) => c.name === 'hongtu_session');
  const csrf = res.cookies.find((c) => c.name === 'hongtu_csrf');
  const cookie = `hongtu_session=${session!.value}; hongtu_csrf=${csrf!.value}`;
  const csrfToken = (res.json() as { csrfToken: string }).csrfToken;
  return {
    username,
    cookie,
    csrfToken,
    request: (method, url, payload, headers = {}) =>
      app.inject({
        method,
        url,
        headers: { cookie, 'x-csrf-token': csrfToken, ...headers },
        ...(payload !== undefined ? { payload: payload as InjectOptions['payload'] } : {}),
      }),
  };
}
