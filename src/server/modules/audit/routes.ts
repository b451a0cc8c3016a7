import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { mayReadAudit } from '../../auth/policy.ts';
import { errorBodySchema, forbidden } from '../../http/errors.ts';
import { requireActor } from '../../http/context.ts';
import { listOf, pageQuery } from '../../http/schemas.ts';
import { scopeWhere } from '../../db/scoped.ts';
import { verifyAuditChain } from './chain.ts';

const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actorUserId: z.string().nullable(),
  actorName: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  regionCode: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  /** Null for a moment after the write, until the chainer links the row. */
  hash: z.string().nullable(),
});

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  const { kysely } = app.deps;

  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: '审计日志 Audit log (SEC-2, admins)',
        querystring: z.object({
          entity: z.string().trim().max(40).optional(),
          entityId: z.string().trim().max(40).optional(),
          actor: z.string().trim().max(40).optional(),
          action: z.string().trim().max(60).optional(),
          from: z.iso.date().optional(),
          to: z.iso.date().optional(),
          ...pageQuery,
        }),
        response: { 200: listOf(auditEntrySchema), 403: errorBodySchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      if (!mayReadAudit(actor)) throw forbidden();
      const f = request.query;
      let query = kysely.selectFrom('audit_log').where(scopeWhere(actor, 'audit_log'));
      if (f.entity) query = query.where('entity', '=', f.entity);
      if (f.entityId) query = query.where('entity_id', '=', f.entityId);
      if (f.actor) query = query.where('actor_name', '=', f.actor);
      if (f.action) query = query.where('action', 'like', `${f.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      // Dates are China's calendar days.
      if (f.from) query = query.where('at', '>=', new Date(`${f.from}T00:00:00+08:00`));
      if (f.to) query = query.where('at', '<', new Date(new Date(`${f.to}T00:00:00+08:00`).getTime() + 86_400_000));
      const [rows, count] = await Promise.all([
        query.selectAll().orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute(),
        query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return {
        total: Number(count.n),
        items: rows.map((r) => ({
          id: r.id,
          at: r.at.toISOString(),
          actorUserId: r.actor_user_id,
          actorName: r.actor_name,
          action: r.action,
          entity: r.entity,
          entityId: r.entity_id,
          regionCode: r.region_code,
          before: r.before,
          after: r.after,
          hash: r.hash,
        })),
      };
    },
  );

  app.get(
    '/audit/verify',
    {
      schema: {
        tags: ['audit'],
        summary: '校验审计哈希链 Verify the audit hash chain (admins)',
        response: {
          200: z.object({
            ok: z.boolean(),
            checked: z.number().int(),
            brokenAt: z.object({ id: z.string(), reason: z.enum(['hash_mismatch', 'broken_link']) }).optional(),
          }),
          403: errorBodySchema,
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      if (!mayReadAudit(actor)) throw forbidden();
      return verifyAuditChain(kysely);
    },
  );
};
