import type { InjectOptions } from 'fastify';
import { sql } from 'kysely';
import { expect } from 'vitest';
import type { TestContext } from './app.ts';
import type { Agent } from './app.ts';

/** A fingerprint of every table's rows, to prove a refused request changed nothing. */
export async function databaseFingerprint(ctx: TestContext): Promise<string> {
  const tables = await sql<{ name: string }>`SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> 'user_session' ORDER BY 1`.execute(ctx.db.kysely);
  const parts = await Promise.all(
    tables.rows.map(async ({ name }) => {
      // The audit chainer links rows moments after earlier writes (SEC-2): its link columns are bookkeeping, not data.
      const row =
        name === 'audit_log'
          ? sql`(x.id, x.at, x.actor_user_id, x.actor_name, x.action, x.entity, x.entity_id, x.region_code, x.before, x.after)::text`
          : sql`x::text`;
      const r = await sql<{ h: string | null }>`SELECT md5(string_agg(md5(${row}), ',' ORDER BY md5(${row}))) AS h FROM ${sql.table(name)} x`.execute(
        ctx.db.kysely,
      );
      return `${name}:${r.rows[0]?.h ?? ''}`;
    }),
  );
  return parts.join('|');
}

export interface ScopeCase {
  method: InjectOptions['method'];
  url: string;
  payload?: unknown;
}

/**
 * ORG-4 the reusable scope check: `outsider` (a user outside the record's
 * region/organisation) is refused with 403 or 404, and the database is unchanged.
 */
export async function expectOutOfScope(ctx: TestContext, outsider: Agent, c: ScopeCase): Promise<void> {
  const before = await databaseFingerprint(ctx);
  const res = await outsider.request(c.method, c.url, c.payload);
  expect([403, 404], `${c.method} ${c.url} as ${outsider.username} answered ${res.statusCode}: ${res.body}`).toContain(res.statusCode);
  expect((res.json() as { error: { code: string } }).error.code).toMatch(/forbidden|not_found/);
  expect(await databaseFingerprint(ctx), `${c.method} ${c.url} changed data`).toBe(before);
}

/** The same request by a user inside the scope succeeds: proves the case is not refused for another reason. */
export async function expectInScope(insider: Agent, c: ScopeCase): Promise<void> {
  const res = await insider.request(c.method, c.url, c.payload);
  expect(res.statusCode, `${c.method} ${c.url} as ${insider.username}: ${res.body}`).toBeLessThan(300);
}
