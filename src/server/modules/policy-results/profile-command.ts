import { sql, type Kysely } from 'kysely';
import { chinaDate } from '../../../domain/time.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';
import { allows } from '../../db/scoped.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/chain.ts';
import { refreshEnterprisePolicies, type RefreshSummary } from './refresh.ts';

export interface PolicyProfileInput {
  revenue?: number | null | undefined;
  rdSpending?: number | null | undefined;
  qualifications?: string[] | null | undefined;
  reportedYear?: number | null | undefined;
}

/** The enterprise row, locked, if the actor may see it; 404 otherwise, 403 when it may see but not change it. */
async function lockEnterprise(trx: Kysely<Database>, actor: Actor, id: string, action: 'read' | 'write') {
  const row = await trx
    .selectFrom('enterprise')
    .select(['organisation_id', 'region_code', 'org_path', 'building_path'])
    .where('organisation_id', '=', id)
    .$if(action === 'write', (q) => q.forUpdate())
    .executeTakeFirst();
  const place = { regionCode: row?.region_code ?? null, orgPath: [row?.org_path ?? null, row?.building_path ?? null] };
  if (!row || !allows(actor, 'enterprise', 'read', place)) throw notFound();
  if (action === 'write' && !allows(actor, 'enterprise', 'write', place)) throw forbidden();
  return row;
}

export async function readableEnterprise(db: Kysely<Database>, actor: Actor, id: string) {
  return lockEnterprise(db, actor, id, 'read');
}

/**
 * POL-2/POL-3 an enterprise reports its revenue, R&D spending and qualifications
 * (or an officer records them); the policies reading a changed field are judged
 * again in the same transaction, and the ones gained are pushed.
 */
export async function updatePolicyProfile(opts: {
  db: Kysely<Database>;
  actor: Actor;
  enterpriseId: string;
  input: PolicyProfileInput;
}): Promise<RefreshSummary> {
  const { actor, enterpriseId, input } = opts;
  return opts.db.transaction().execute(async (trx) => {
    const enterprise = await lockEnterprise(trx, actor, enterpriseId, 'write');
    const before = await trx.selectFrom('enterprise_profile').selectAll().where('enterprise_id', '=', enterpriseId).executeTakeFirst();
    const values = {
      revenue: input.revenue !== undefined ? input.revenue : (before?.revenue ?? null),
      rd_spending: input.rdSpending !== undefined ? input.rdSpending : (before?.rd_spending ?? null),
      qualifications:
        input.qualifications !== undefined
          ? input.qualifications
            ? [...new Set(input.qualifications)]
            : null
          : (before?.qualifications ?? null),
      reported_year: input.reportedYear !== undefined ? input.reportedYear : (before?.reported_year ?? null),
    };
    await sql`
      INSERT INTO enterprise_profile (enterprise_id, revenue, rd_spending, qualifications, reported_year, updated_at)
      VALUES (${enterpriseId}, ${values.revenue}, ${values.rd_spending}, ${values.qualifications}::text[], ${values.reported_year}, now())
      ON CONFLICT (enterprise_id) DO UPDATE SET revenue = EXCLUDED.revenue, rd_spending = EXCLUDED.rd_spending,
        qualifications = EXCLUDED.qualifications, reported_year = EXCLUDED.reported_year, updated_at = now()`.execute(trx);
    await recordAudit(trx, {
      actor,
      action: 'enterprise_profile.update',
      entity: 'enterprise',
      entityId: enterpriseId,
      regionCode: enterprise.region_code,
      before: before
        ? {
            revenue: before.revenue,
            rd_spending: before.rd_spending,
            qualifications: before.qualifications,
            reported_year: before.reported_year,
          }
        : null,
      after: values,
    });
    return refreshEnterprisePolicies({ trx, enterpriseId, asOf: chinaDate() });
  });
}
