import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { EligibilityRule } from '../../../domain/policies/rule.ts';
import { chinaDate } from '../../../domain/time.ts';
import type { Actor } from '../../auth/actor.ts';
import { scopeRule } from '../../auth/policy.ts';
import type { Locale } from '../../db/schema.ts';
import { allows, scopeWhere } from '../../db/scoped.ts';
import { requireActor } from '../../http/context.ts';
import { errorBodySchema, invalidField, notFound } from '../../http/errors.ts';
import { idParams, listOf } from '../../http/schemas.ts';
import { t } from '../../i18n/messages.ts';
import { submitMatter } from '../matters/intake.ts';
import { explain, namesFor, policyResultPage } from '../policy-results/explain.ts';
import { loadProfiles } from '../policy-results/profiles.ts';
import { compiledRule } from '../policy-results/rules.ts';
import { createPolicy, publishPolicy, updatePolicy, withdrawPolicy } from './commands.ts';
import { presentPolicy, presentPolicySummary } from './presenter.ts';
import { previewRule, requirePolicyOfficer } from './preview.ts';
import { catalogueReader, eligibleCounts, findPolicy, listPolicies, policyHistory } from './queries.ts';
import {
  policyInput,
  policyPatch,
  policyQuery,
  policyResultsQuery,
  policyResultsSchema,
  policySchema,
  policySummarySchema,
  previewInput,
  previewSchema,
  questionInput,
  questionSchema,
  versionBody,
} from './schemas.ts';

const errors = { 400: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };
const isOfficer = (actor: Actor) => scopeRule(actor, 'policy', 'write').kind !== 'none';

/** POL-1 … POL-3 the catalogue, the rule preview, each policy's eligible and nearly eligible enterprises, and questions. */
export const policyRoutes: FastifyPluginAsyncZod = async (app) => {
  const { kysely, secrets } = app.deps;

  async function visiblePolicy(actor: Actor, id: string) {
    const reader = await catalogueReader(kysely, actor);
    const row = await findPolicy(kysely, actor, reader, id);
    if (!row) throw notFound();
    return row;
  }

  async function detail(actor: Actor, id: string, locale: Locale) {
    const row = await visiblePolicy(actor, id);
    const mayEdit = allows(actor, 'policy', 'write', { regionCode: row.region_code });
    const [counts, history] = await Promise.all([
      isOfficer(actor) ? eligibleCounts(kysely, actor, [row.id]) : null,
      mayEdit ? policyHistory(kysely, row.id) : [],
    ]);
    let mine = null;
    if (actor.role === 'enterprise' && actor.organisationId) {
      const [profile] = await loadProfiles(kysely, { enterpriseIds: [actor.organisationId] });
      if (profile) {
        const rule = compiledRule(row.id, row.version, row.rule).rule;
        mine = explain({ rule, profile: profile.profile, asOf: chinaDate(), names: await namesFor(kysely, [rule]), locale });
      }
    }
    return presentPolicy(row, { eligible: counts ? (counts.get(row.id) ?? 0) : null, mayEdit, mine, history });
  }

  app.get(
    '/policies',
    {
      schema: {
        tags: ['policies'],
        summary: '惠企政策目录 The policy catalogue, searchable in Chinese (POL-1)',
        querystring: policyQuery,
        response: { 200: listOf(policySummarySchema), ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const reader = await catalogueReader(kysely, actor);
      const { rows, total } = await listPolicies(kysely, actor, reader, request.query);
      const counts = isOfficer(actor)
        ? await eligibleCounts(
            kysely,
            actor,
            rows.map((r) => r.id),
          )
        : null;
      return { items: rows.map((r) => presentPolicySummary(r, counts ? (counts.get(r.id) ?? 0) : null)), total };
    },
  );

  app.post(
    '/policies',
    {
      schema: {
        tags: ['policies'],
        summary: '录入政策（草稿） Enter a policy as a draft (POL-1)',
        body: policyInput,
        response: { 201: policySchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const id = await createPolicy({ db: kysely, actor, input: request.body });
      return reply.status(201).send(await detail(actor, id, request.locale));
    },
  );

  app.post(
    '/policies/preview',
    {
      schema: {
        tags: ['policies'],
        summary: '谁符合条件（预览，不保存） Who qualifies for a rule now, without saving (POL-2)',
        body: previewInput,
        response: { 200: previewSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      requirePolicyOfficer(actor);
      return previewRule({
        db: kysely,
        actor,
        rule: request.body.rule,
        regionCode: request.body.regionCode ?? null,
        limit: request.body.limit,
        locale: request.locale,
      });
    },
  );

  app.get(
    '/policies/:id',
    { schema: { tags: ['policies'], summary: '政策详情 A policy (POL-1)', params: idParams, response: { 200: policySchema, ...errors } } },
    async (request) => detail(requireActor(request), request.params.id, request.locale),
  );

  app.patch(
    '/policies/:id',
    {
      schema: {
        tags: ['policies'],
        summary: '修改政策（新版本；已发布的重新计算并推送） Change a policy: a new version; a published one is recomputed (POL-1, POL-3)',
        params: idParams,
        body: policyPatch,
        response: { 200: policySchema, ...errors, 409: errorBodySchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await updatePolicy({ db: kysely, actor, id: request.params.id, patch: request.body });
      return detail(actor, request.params.id, request.locale);
    },
  );

  for (const [verb, command, summary] of [
    ['publish', publishPolicy, '发布政策：计算符合条件的企业并推送 Publish: compute who qualifies and push (POL-1, POL-3)'],
    ['withdraw', withdrawPolicy, '撤回政策 Withdraw a policy (POL-1)'],
  ] as const) {
    app.post(
      `/policies/:id/${verb}`,
      {
        schema: {
          tags: ['policies'],
          summary,
          params: idParams,
          body: versionBody,
          response: { 200: policySchema, ...errors, 409: errorBodySchema },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        await command({
          db: kysely,
          actor,
          id: request.params.id,
          ...(request.body.expectedVersion !== undefined ? { expectedVersion: request.body.expectedVersion } : {}),
        });
        return detail(actor, request.params.id, request.locale);
      },
    );
  }

  app.get(
    '/policies/:id/results',
    {
      schema: {
        tags: ['policies'],
        summary: '符合条件的企业与差距清单 Eligible and nearly eligible enterprises of a policy, explained (POL-2)',
        params: idParams,
        querystring: policyResultsQuery,
        response: { 200: policyResultsSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      requirePolicyOfficer(actor);
      const policy = await visiblePolicy(actor, request.params.id);
      const scope = scopeWhere(actor, 'enterprise', 'read', 'e');
      const { kind, offset, limit } = request.query;
      const [page, other] = await Promise.all([
        policyResultPage(kysely, { policyId: policy.id, scope, gap: kind === 'met' ? 0 : 1, offset, limit }),
        policyResultPage(kysely, { policyId: policy.id, scope, gap: kind === 'met' ? 1 : 0, offset: 0, limit: 1 }),
      ]);
      const rule = compiledRule(policy.id, policy.version, policy.rule).rule as EligibilityRule;
      const profiles = new Map(
        (await loadProfiles(kysely, { enterpriseIds: page.rows.map((r) => r.enterprise_id) })).map((p) => [p.enterpriseId, p]),
      );
      const names = await namesFor(kysely, [rule]);
      const asOf = chinaDate();
      return {
        items: page.rows.map((r) => ({
          enterpriseId: r.enterprise_id,
          name: r.name,
          regionCode: r.region_code,
          gap: r.gap,
          explanation: explain({ rule, profile: profiles.get(r.enterprise_id)!.profile, asOf, names, locale: request.locale }),
        })),
        total: page.total,
        counts: kind === 'met' ? { met: page.total, nearly: other.total } : { met: other.total, nearly: page.total },
      };
    },
  );

  app.post(
    '/policies/:id/questions',
    {
      schema: {
        tags: ['policies'],
        summary: '政策咨询：一键转为楼宇事项 A question about a policy becomes a matter (POL-3, MAT-1)',
        params: idParams,
        body: questionInput,
        response: { 201: questionSchema, 200: questionSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const policy = await visiblePolicy(actor, request.params.id);
      const category = await kysely.selectFrom('matter_category').select('id').where('code', '=', 'policy_consultation').executeTakeFirst();
      if (!category) throw invalidField('question', 'field.category_missing');
      const link = `/policies/${policy.id}`;
      const result = await submitMatter({
        db: kysely,
        actor,
        secrets,
        input: {
          categoryId: category.id,
          title: t('zh-CN', 'policy.question_title', { title: policy.title }).slice(0, 200),
          description: `${request.body.question}\n\n政策：${policy.title}（${link}）`,
          enterpriseId: request.body.enterpriseId ?? null,
          source: actor.role === 'enterprise' ? 'portal' : 'staff',
          idempotencyKey: request.body.idempotencyKey ?? null,
        },
      });
      return reply.status(result.created ? 201 : 200).send({ matterId: result.id, created: result.created });
    },
  );
};
