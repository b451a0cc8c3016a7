import type { Kysely } from 'kysely';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../auth/actor.ts';
import type { Secrets } from '../auth/secrets.ts';
import type { Config } from '../config.ts';
import type { Database, Locale } from '../db/schema.ts';
import type { Db } from '../db/index.ts';
import { AppError } from './errors.ts';

/** What every route and command may use; built once at start. */
export interface Deps {
  config: Config;
  db: Db;
  kysely: Kysely<Database>;
  secrets: Secrets;
}

export type AuthMode = 'public' | 'user';

declare module 'fastify' {
  interface FastifyInstance {
    deps: Deps;
    routeTable: { method: string; url: string; auth: string }[];
  }
  interface FastifyRequest {
    actor: Actor | null;
    locale: Locale;
    /** Set when the request was authenticated by session cookie (CSRF applies). */
    csrfToken: string | null;
  }
  interface FastifyContextConfig {
    auth?: AuthMode;
  }
}

/** The signed-in actor, or 401. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('unauthenticated');
  return request.actor;
}

export function noStore(reply: FastifyReply): void {
  reply.header('cache-control', 'no-store');
}
