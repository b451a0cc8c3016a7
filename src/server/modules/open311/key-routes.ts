import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { noStore, requireActor } from '../../http/context.ts';
import { errorBodySchema } from '../../http/errors.ts';
import { idParams } from '../../http/schemas.ts';
import { createOpen311Key, listOpen311Keys, revokeOpen311Key, type Open311KeyRow } from './keys.ts';
import { createdKeySchema, keyInput, keySchema } from './schemas.ts';

const errors = { 400: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };

function presentKey(row: Open311KeyRow): z.infer<typeof keySchema> {
  return {
    id: row.id,
    name: row.name,
    keyHint: row.key_hint,
    user: { id: row.user_id, username: row.username, displayName: row.display_name, role: row.role },
    regionCode: row.region_code,
    createdAt: new Date(row.created_at).toISOString(),
    revokedAt: row.revoked_at ? new Date(row.revoked_at).toISOString() : null,
  };
}

/** MAT-1 administrators issue and revoke the API keys GeoReport v2 clients use; each key acts as one account. */
export const open311KeyRoutes: FastifyPluginAsyncZod = async (app) => {
  const { kysely } = app.deps;

  app.get(
    '/open311-keys',
    {
      schema: {
        tags: ['open311'],
        summary: 'Open311 API 密钥列表 API keys of GeoReport clients (administrators)',
        response: { 200: z.object({ items: z.array(keySchema) }), 403: errorBodySchema },
      },
    },
    async (request) => {
      const rows = await listOpen311Keys({ db: kysely, actor: requireActor(request) });
      return { items: rows.map(presentKey) };
    },
  );

  app.post(
    '/open311-keys',
    {
      schema: {
        tags: ['open311'],
        summary: '签发 Open311 API 密钥 Issue a key acting as an account; the key is returned this once (administrators)',
        body: keyInput,
        response: { 201: createdKeySchema, ...errors },
      },
    },
    async (request, reply) => {
      const { row, apiKey } = await createOpen311Key({ db: kysely, actor: requireActor(request), input: request.body });
      noStore(reply);
      return reply.status(201).send({ ...presentKey(row), apiKey });
    },
  );

  app.delete(
    '/open311-keys/:id',
    {
      schema: {
        tags: ['open311'],
        summary: '吊销 Open311 API 密钥 Revoke a key at once; the record stays (administrators)',
        params: idParams,
        response: { 200: keySchema, ...errors },
      },
    },
    async (request) => presentKey(await revokeOpen311Key({ db: kysely, actor: requireActor(request), keyId: request.params.id })),
  );
};
