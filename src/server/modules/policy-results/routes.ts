import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { chinaDate } from '../../../domain/time.ts';
import type { Actor } from '../../auth/actor.ts';
import { requireActor } from '../../http/context.ts';
import { errorBodySchema } from '../../http/errors.ts';
import { idParams } from '../../http/schemas.ts';
import { forYouQuery, forYouSchema, profileInput, profileSchema } from '../policies/schemas.ts';
import { policiesForEnterprise } from './for-you.ts';
import { loadProfiles } from './profiles.ts';
import { readableEnterprise, updatePolicyProfile } from './profile-command.ts';

const errors = { 400: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };

/** POL-2/POL-3 an enterprise's policies and the profile facts they read. */
export const policyResultRoutes: FastifyPluginAsyncZod = async (app) => {
  const { kysely } = app.deps;

  async function profileOf(actor: Actor, id: string, change: { gained: string[]; lost: string[] }) {
    await readableEnterprise(kysely, actor, id);
    const [row, stored] = await Promise.all([
      loadProfiles(kysely, { enterpriseIds: [id] }),
      kysely.selectFrom('enterprise_profile').selectAll().where('enterprise_id', '=', id).executeTakeFirst(),
    ]);
    return {
      enterpriseId: id,
      revenue: stored?.revenue == null ? null : Number(stored.revenue),
      rdSpending: stored?.rd_spending == null ? null : Number(stored.rd_spending),
      qualifications: stored?.qualifications ?? null,
      reportedYear: stored?.reported_year ?? null,
      profile: { ...row[0]!.profile },
      ...change,
    };
  }

  app.get(
    '/enterprises/:id/policies',
    {
      schema: {
        tags: ['policies'],
        summary: '为您推荐的政策：符合的在前，差一项的在后，附理由 Policies for an enterprise, with reasons (POL-2)',
        params: idParams,
        querystring: forYouQuery,
        response: { 200: forYouSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await readableEnterprise(kysely, actor, request.params.id);
      return policiesForEnterprise({
        db: kysely,
        enterpriseId: request.params.id,
        offset: request.query.offset,
        limit: request.query.limit,
        asOf: chinaDate(),
        locale: request.locale,
      });
    },
  );

  app.get(
    '/enterprises/:id/policy-profile',
    {
      schema: {
        tags: ['policies'],
        summary: '企业政策画像 The profile eligibility rules read (POL-2)',
        params: idParams,
        response: { 200: profileSchema, ...errors },
      },
    },
    async (request) => profileOf(requireActor(request), request.params.id, { gained: [], lost: [] }),
  );

  app.put(
    '/enterprises/:id/policy-profile',
    {
      schema: {
        tags: ['policies'],
        summary: '填报营收、研发与资质；重新匹配政策 Report revenue, R&D and qualifications; policies re-matched (POL-2, POL-3)',
        params: idParams,
        body: profileInput,
        response: { 200: profileSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const result = await updatePolicyProfile({ db: kysely, actor, enterpriseId: request.params.id, input: request.body });
      return profileOf(actor, request.params.id, { gained: result.gained, lost: result.lost });
    },
  );
};
