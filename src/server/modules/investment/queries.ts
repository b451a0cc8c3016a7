import type { Kysely } from 'kysely';
import { regionPrefix } from '../../../domain/regions.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';
import { scopeWhere } from '../../db/scoped.ts';
import type { LeadQuery } from './schemas.ts';

const likeEscape = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function base(db: Kysely<Database>, actor: Actor) {
  return db
    .selectFrom('investment_lead')
    .leftJoin('region', 'region.code', 'investment_lead.region_code')
    .leftJoin('industry', 'industry.code', 'investment_lead.industry_code')
    .leftJoin('building', 'building.id', 'investment_lead.building_id')
    .leftJoin('organisation as enterprise_org', 'enterprise_org.id', 'investment_lead.enterprise_id')
    .selectAll('investment_lead')
    .select([
      'region.name as region_name',
      'industry.name as industry_name',
      'building.name as building_name',
      'enterprise_org.name as enterprise_name',
    ])
    .where(scopeWhere(actor, 'investment_lead', 'read'));
}
export type LeadRow = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

export function findLead(db: Kysely<Database>, actor: Actor, id: string) {
  return base(db, actor).where('investment_lead.id', '=', id).executeTakeFirst();
}

export async function listLeads(db: Kysely<Database>, actor: Actor, f: LeadQuery): Promise<{ rows: LeadRow[]; total: number }> {
  let query = base(db, actor);
  if (f.status) query = query.where('investment_lead.status', '=', f.status);
  if (f.regionCode) query = query.where('investment_lead.region_code', 'like', `${regionPrefix(f.regionCode)}%`);
  if (f.q) query = query.where('investment_lead.name', 'like', likeEscape(f.q));
  const [rows, count] = await Promise.all([
    query.orderBy('investment_lead.updated_at', 'desc').orderBy('investment_lead.id', 'desc').limit(f.limit).offset(f.offset).execute(),
    query
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
