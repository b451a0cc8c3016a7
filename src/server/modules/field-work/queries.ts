import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import { regionPrefix } from '../../../domain/regions.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';
import { scopeWhere } from '../../db/scoped.ts';

type Db = Kysely<Database>;

export interface RecordFilter {
  regionCode?: string | undefined;
  memberId?: string | undefined;
  householdId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  offset: number;
}

type Tbl = 'visit' | 'upkeep' | 'inspection' | 'hazard' | 'mediation';

/** The filters every field-record list shares, on the table's own date column. */
function filtered<DB, TB extends keyof DB, O>(q: SelectQueryBuilder<DB, TB, O>, table: Tbl, dateColumn: string, f: RecordFilter) {
  const col = (c: string) => sql.ref(`${table}.${c}`);
  let out = q;
  if (f.regionCode) out = out.where(sql<boolean>`${col('village_code')} LIKE ${`${regionPrefix(f.regionCode)}%`}`);
  if (f.memberId) out = out.where(sql<boolean>`${col('member_person_id')} = ${f.memberId}`);
  if (f.householdId && table !== 'upkeep') out = out.where(sql<boolean>`${col('household_id')} = ${f.householdId}`);
  if (f.from) out = out.where(sql<boolean>`${col(dateColumn)} >= ${f.from}`);
  if (f.to) out = out.where(sql<boolean>`${col(dateColumn)} <= ${f.to}`);
  return out;
}

export function listVisits(db: Db, actor: Actor, f: RecordFilter) {
  const q = db
    .selectFrom('visit')
    .innerJoin('household', 'household.id', 'visit.household_id')
    .leftJoin('person', 'person.id', 'visit.member_person_id')
    .selectAll('visit')
    .select(['household.address', 'person.name as member_name'])
    .where(scopeWhere(actor, 'field_record', 'read', 'visit'));
  return filtered(q, 'visit', 'visited_on', f)
    .orderBy('visit.visited_on', 'desc')
    .orderBy('visit.id', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
}

export function listUpkeep(db: Db, actor: Actor, f: RecordFilter) {
  const q = db
    .selectFrom('upkeep')
    .leftJoin('person', 'person.id', 'upkeep.member_person_id')
    .selectAll('upkeep')
    .select(['person.name as member_name'])
    .where(scopeWhere(actor, 'field_record', 'read', 'upkeep'));
  return filtered(q, 'upkeep', 'done_on', f)
    .orderBy('upkeep.done_on', 'desc')
    .orderBy('upkeep.id', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
}

function inspectionBase(db: Db, actor: Actor) {
  return db
    .selectFrom('inspection')
    .leftJoin('household', 'household.id', 'inspection.household_id')
    .leftJoin('person', 'person.id', 'inspection.member_person_id')
    .selectAll('inspection')
    .select(['household.address', 'person.name as member_name'])
    .where(scopeWhere(actor, 'field_record', 'read', 'inspection'));
}
export type InspectionRow = Awaited<ReturnType<ReturnType<typeof inspectionBase>['executeTakeFirstOrThrow']>>;

export function listInspections(db: Db, actor: Actor, f: RecordFilter) {
  return filtered(inspectionBase(db, actor), 'inspection', 'inspected_on', f)
    .orderBy('inspection.inspected_on', 'desc')
    .orderBy('inspection.id', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
}
export function findInspection(db: Db, actor: Actor, id: string) {
  return inspectionBase(db, actor).where('inspection.id', '=', id).executeTakeFirst();
}

function hazardBase(db: Db, actor: Actor) {
  return db
    .selectFrom('hazard')
    .leftJoin('household', 'household.id', 'hazard.household_id')
    .leftJoin('person', 'person.id', 'hazard.member_person_id')
    .leftJoin('matter', 'matter.id', 'hazard.matter_id')
    .selectAll('hazard')
    .select(['household.address', 'person.name as member_name', 'matter.code as matter_code'])
    .where(scopeWhere(actor, 'field_record', 'read', 'hazard'));
}
export type HazardRow = Awaited<ReturnType<ReturnType<typeof hazardBase>['executeTakeFirstOrThrow']>>;

export function listHazards(
  db: Db,
  actor: Actor,
  f: RecordFilter & { status?: 'open' | 'fixed' | 'overdue' | undefined; today: string; inspectionId?: string },
) {
  let q = filtered(hazardBase(db, actor), 'hazard', 'found_on', f);
  if (f.inspectionId) q = q.where('hazard.inspection_id', '=', f.inspectionId);
  if (f.status === 'overdue') q = q.where('hazard.status', '=', 'open').where('hazard.deadline', '<', f.today);
  else if (f.status) q = q.where('hazard.status', '=', f.status);
  return q.orderBy('hazard.status').orderBy('hazard.deadline').orderBy('hazard.id').limit(f.limit).offset(f.offset).execute();
}
export function findHazard(db: Db, actor: Actor, id: string) {
  return hazardBase(db, actor).where('hazard.id', '=', id).executeTakeFirst();
}

function mediationBase(db: Db, actor: Actor) {
  return db
    .selectFrom('mediation')
    .leftJoin('person', 'person.id', 'mediation.member_person_id')
    .selectAll('mediation')
    .select(['person.name as member_name'])
    .where(scopeWhere(actor, 'field_record', 'read', 'mediation'));
}
export type MediationRow = Awaited<ReturnType<ReturnType<typeof mediationBase>['executeTakeFirstOrThrow']>>;

export function listMediations(db: Db, actor: Actor, f: RecordFilter) {
  return filtered(mediationBase(db, actor), 'mediation', 'mediated_on', f)
    .orderBy('mediation.mediated_on', 'desc')
    .orderBy('mediation.id', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
}
export function findMediation(db: Db, actor: Actor, id: string) {
  return mediationBase(db, actor).where('mediation.id', '=', id).executeTakeFirst();
}
