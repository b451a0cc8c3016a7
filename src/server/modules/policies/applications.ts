import { sql, type Kysely } from 'kysely';
import { applicationsClosed } from '../../../domain/policies/deadline.ts';
import { chinaDate } from '../../../domain/time.ts';
import type { Actor } from '../../auth/actor.ts';
import { mayDecidePolicyApplication } from '../../auth/policy.ts';
import type { Database } from '../../db/schema.ts';
import type { ApplicationStatus } from '../../db/schema-policies.ts';
import { allows, scopeWhere } from '../../db/scoped.ts';
import { AppError, forbidden, invalidField, notFound, unknownReference } from '../../http/errors.ts';
import { recordAudit } from '../audit/chain.ts';
import { catalogueLine } from '../policy-results/rules.ts';

/** POL-3 application statuses in both languages: 待申报 → 已申报 → 已兑现 (or 未通过). */
export const APPLICATION_LABELS: Record<ApplicationStatus, { 'zh-CN': string; en: string }> = {
  pending: { 'zh-CN': '待申报', en: 'to apply' },
  submitted: { 'zh-CN': '已申报', en: 'applied' },
  granted: { 'zh-CN': '已兑现', en: 'granted' },
  rejected: { 'zh-CN': '未通过', en: 'not granted' },
};

/** Who may move an application where: the enterprise applies; only officers decide. */
const MOVES: Record<ApplicationStatus, readonly ApplicationStatus[]> = {
  pending: ['submitted'],
  submitted: ['granted', 'rejected'],
  granted: [],
  rejected: [],
};

/** POL-1 申报截止: the last day (China time) an enterprise may apply; deciding on applications goes on after it. */
function refuseAfterDeadline(deadline: string | null): void {
  if (deadline !== null && applicationsClosed(deadline, chinaDate()))
    throw new AppError('conflict', { key: 'policy.deadline_passed', params: { deadline } });
}

export interface ApplicationInput {
  enterpriseId?: string | null | undefined;
  requestedAmount?: number | null | undefined;
  note?: string | null | undefined;
}

/** POL-3 an enterprise (or an officer for it) marks a published policy to apply for: 待申报. */
export async function createApplication(opts: {
  db: Kysely<Database>;
  actor: Actor;
  policyId: string;
  input: ApplicationInput;
}): Promise<string> {
  const { actor, input } = opts;
  const enterpriseId = input.enterpriseId ?? (actor.role === 'enterprise' ? actor.organisationId : null);
  if (!enterpriseId) throw invalidField('enterpriseId', 'field.enterprise_required');
  return opts.db.transaction().execute(async (trx) => {
    const enterprise = await trx
      .selectFrom('enterprise')
      .select(['organisation_id', 'region_code', 'org_path'])
      .where('organisation_id', '=', enterpriseId)
      .where(scopeWhere(actor, 'enterprise', 'read'))
      .executeTakeFirst();
    if (!enterprise) throw unknownReference('enterpriseId');
    const line = catalogueLine(enterprise.region_code);
    const policy = await trx
      .selectFrom('policy')
      .select(['id', 'mode', 'region_code', 'deadline'])
      .where('id', '=', opts.policyId)
      .where('status', '=', 'published')
      .where((eb) => eb.or([eb('region_code', 'is', null), eb('region_code', 'in', line)]))
      .executeTakeFirst();
    if (!policy) throw notFound();
    const place = { regionCode: enterprise.region_code, orgPath: enterprise.org_path };
    if (!allows(actor, 'policy_application', 'write', place)) throw forbidden();
    if (policy.mode === 'automatic') throw new AppError('conflict', { key: 'policy.automatic_no_application' });
    refuseAfterDeadline(policy.deadline);
    const created = await trx
      .insertInto('policy_application')
      .values({
        policy_id: policy.id,
        enterprise_id: enterprise.organisation_id,
        status: 'pending',
        requested_amount: input.requestedAmount ?? null,
        note: input.note ?? null,
        region_code: enterprise.region_code,
        org_path: enterprise.org_path,
      })
      .onConflict((oc) => oc.columns(['policy_id', 'enterprise_id']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!created) throw new AppError('conflict', { key: 'policy.application_exists' });
    await recordAudit(trx, {
      actor,
      action: 'policy_application.create',
      entity: 'policy_application',
      entityId: created.id,
      regionCode: created.region_code,
      after: created,
    });
    return created.id;
  });
}

export interface TransitionInput {
  to: ApplicationStatus;
  amount?: number | null | undefined;
  on?: string | null | undefined;
  note?: string | null | undefined;
}

/** POL-3 待申报 → 已申报 (the enterprise or an officer), 已申报 → 已兑现 with the amount and day, or 未通过 (officers). */
export async function transitionApplication(opts: {
  db: Kysely<Database>;
  actor: Actor;
  id: string;
  input: TransitionInput;
}): Promise<void> {
  const { actor, input } = opts;
  await opts.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('policy_application').selectAll().where('id', '=', opts.id).forUpdate().executeTakeFirst();
    const place = { regionCode: before?.region_code ?? null, orgPath: before?.org_path ?? null };
    if (!before || !allows(actor, 'policy_application', 'read', place)) throw notFound();
    if (!allows(actor, 'policy_application', 'write', place)) throw forbidden();
    if (input.to !== 'submitted' && !mayDecidePolicyApplication(actor)) throw forbidden();
    if (!MOVES[before.status].includes(input.to)) {
      const params = {
        from: APPLICATION_LABELS[before.status]['zh-CN'],
        to: APPLICATION_LABELS[input.to]['zh-CN'],
        fromEn: APPLICATION_LABELS[before.status].en,
        toEn: APPLICATION_LABELS[input.to].en,
      };
      throw new AppError('conflict', {
        key: 'policy.application_transition',
        params,
        fields: [{ path: 'to', key: 'policy.application_transition', params }],
      });
    }
    if (input.to === 'submitted') {
      const policy = await trx.selectFrom('policy').select('deadline').where('id', '=', before.policy_id).executeTakeFirstOrThrow();
      refuseAfterDeadline(policy.deadline);
    }
    if (input.to === 'granted' && (input.amount === undefined || input.amount === null))
      throw invalidField('amount', 'field.granted_amount_required');
    const on = input.on ?? chinaDate();
    const after = await trx
      .updateTable('policy_application')
      .set({
        status: input.to,
        ...(input.to === 'submitted' ? { submitted_on: on, ...(input.amount != null ? { requested_amount: input.amount } : {}) } : {}),
        ...(input.to === 'granted' ? { granted_on: on, granted_amount: input.amount! } : {}),
        ...(input.note !== undefined ? { note: input.note } : {}),
        updated_at: new Date(),
      })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      action: `policy_application.${input.to}`,
      entity: 'policy_application',
      entityId: before.id,
      regionCode: before.region_code,
      before,
      after,
    });
  });
}

export async function listApplications(
  db: Kysely<Database>,
  actor: Actor,
  query: {
    id?: string;
    policyId?: string | undefined;
    enterpriseId?: string | undefined;
    status?: ApplicationStatus | undefined;
    offset: number;
    limit: number;
  },
) {
  let q = db
    .selectFrom('policy_application as a')
    .innerJoin('policy', 'policy.id', 'a.policy_id')
    .innerJoin('organisation as o', 'o.id', 'a.enterprise_id')
    .where(scopeWhere(actor, 'policy_application', 'read', 'a'));
  if (query.id) q = q.where('a.id', '=', query.id);
  if (query.policyId) q = q.where('a.policy_id', '=', query.policyId);
  if (query.enterpriseId) q = q.where('a.enterprise_id', '=', query.enterpriseId);
  if (query.status) q = q.where('a.status', '=', query.status);
  const [rows, count] = await Promise.all([
    q
      .select([
        'a.id',
        'a.policy_id',
        'policy.title as policy_title',
        'policy.mode',
        'a.enterprise_id',
        'o.name as enterprise_name',
        'a.status',
        'a.automatic',
        'a.requested_amount',
        'a.granted_amount',
        'a.submitted_on',
        'a.granted_on',
        'a.note',
        'a.updated_at',
      ])
      .orderBy('a.updated_at', 'desc')
      .orderBy('a.id', 'desc')
      .offset(query.offset)
      .limit(query.limit)
      .execute(),
    q.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export type ApplicationRow = Awaited<ReturnType<typeof listApplications>>['rows'][number];

export function presentApplication(r: ApplicationRow) {
  return {
    id: r.id,
    policyId: r.policy_id,
    policyTitle: r.policy_title,
    mode: r.mode,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    status: r.status,
    automatic: r.automatic,
    requestedAmount: r.requested_amount === null ? null : Number(r.requested_amount),
    grantedAmount: r.granted_amount === null ? null : Number(r.granted_amount),
    submittedOn: r.submitted_on,
    grantedOn: r.granted_on,
    note: r.note,
    updatedAt: r.updated_at.toISOString(),
  };
}
