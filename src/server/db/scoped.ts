import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import { ancestorCodes, isWithinRegion, regionPrefix } from '../../domain/regions.ts';
import type { Actor } from '../auth/actor.ts';
import { scopeRule, type Action, type Entity, type ScopeRule } from '../auth/policy.ts';
import type { Database } from './schema.ts';

/**
 * The query layer's half of authorisation: every scoped read or write goes
 * through `scopeWhere`, so no route filters by hand. Each table names the
 * columns that place a row in the region tree, the organisation tree and on a person.
 */
interface ScopeColumns {
  region?: string;
  /** A row may sit in the organisation tree twice (a lease: the building's and the tenant's); either place grants. */
  orgPath?: string | string[];
  personId?: string;
  userId?: string;
}

const SCOPE_COLUMNS: Record<Entity, ScopeColumns> = {
  region: { region: 'region.code' },
  organisation: { region: 'organisation.region_code', orgPath: 'organisation.path' },
  person: { region: 'person.region_code', orgPath: 'person.org_path', personId: 'person.id' },
  app_user: { region: 'app_user.region_code', orgPath: 'app_user.org_path', personId: 'app_user.person_id' },
  audit_log: { region: 'audit_log.region_code' },
  building: { region: 'building.region_code', orgPath: 'building.org_path' },
  enterprise: { region: 'enterprise.region_code', orgPath: ['enterprise.org_path', 'enterprise.building_path'] },
  lease: { region: 'lease.region_code', orgPath: ['lease.org_path', 'lease.tenant_path'] },
  demo_belt: { region: 'demo_belt.region_code' },
  investment_lead: { region: 'investment_lead.region_code' },
  instructor: { region: 'instructor.region_code' },
  stationed_cadre: { region: 'stationed_cadre.region_code' },
  service_record: { region: 'service_record.region_code', orgPath: 'service_record.org_path' },
  notification: { userId: 'notification.user_id' },
  import_job: { userId: 'import_job.actor_user_id' },
  notification_target: { region: 'notification_target.region_code' },
  outbox: { region: 'outbox.region_code' },
  matter: { region: 'matter.region_code', orgPath: ['matter.org_path', 'matter.enterprise_path', 'matter.handler_path'] },
  open311_key: { region: 'open311_key.region_code' },
  grid: { region: 'grid.village_code' },
  grid_member: { region: 'grid_member.village_code', personId: 'grid_member.person_id' },
  household: { region: 'household.village_code', personId: 'household.member_person_id' },
  household_assignment: { region: 'household_assignment_run.region_code' },
  // One rule for visit, upkeep, inspection, hazard and mediation: read through scopeWhere(…, alias).
  field_record: { region: 'field_record.village_code', personId: 'field_record.member_person_id' },
  need: { region: 'need.region_code', orgPath: ['need.org_path', 'need.requester_path'], personId: 'need.requester_person_id' },
  resource: { region: 'resource.region_code', orgPath: 'resource.org_path' },
  project: { region: 'project.region_code', orgPath: 'project.org_path' },
  // VIL-1 … VIL-4. Records of a village are read joined to their village_profile row, whose org_path places them for members.
  village_profile: { region: 'village_profile.region_code', orgPath: 'village_profile.org_path' },
  performance: { region: 'performance.region_code', orgPath: 'village_profile.org_path' },
  village_fund: { region: 'village_profile.region_code' },
  collective_income: { region: 'collective_income.region_code' },
  heritage_item: { region: 'heritage_item.region_code' },
  // POL-1 … POL-4. Results and pushes are read joined to their enterprise (scopeWhere(…, 'enterprise', …, alias)).
  policy: { region: 'policy.region_code' },
  policy_application: { region: 'policy_application.region_code', orgPath: 'policy_application.org_path' },
  policy_meeting: { region: 'policy_meeting.region_code' },
};

export function ruleToSql(rule: ScopeRule, cols: ScopeColumns): Expression<SqlBool> {
  if (rule.kind === 'all') return sql<SqlBool>`true`;
  if (rule.kind === 'none') return sql<SqlBool>`false`;
  const parts = [];
  if (rule.regionCode !== undefined) {
    parts.push(cols.region ? sql`${sql.ref(cols.region)} LIKE ${regionPrefix(rule.regionCode) + '%'}` : sql`false`);
  }
  if (rule.orgPath !== undefined) {
    const columns = cols.orgPath === undefined ? [] : Array.isArray(cols.orgPath) ? cols.orgPath : [cols.orgPath];
    const pattern = rule.orgPath + '%';
    parts.push(
      columns.length
        ? sql`(${sql.join(
            columns.map((c) => sql`${sql.ref(c)} LIKE ${pattern}`),
            sql` OR `,
          )})`
        : sql`false`,
    );
  }
  if (rule.lineOf !== undefined) {
    const line = rule.lineOf;
    parts.push(
      !cols.region
        ? sql`false`
        : line === ''
          ? sql`${sql.ref(cols.region)} IS NULL`
          : sql`(${sql.ref(cols.region)} IS NULL OR ${sql.ref(cols.region)} LIKE ${regionPrefix(line) + '%'} OR ${sql.ref(cols.region)} IN (${sql.join([line, ...ancestorCodes(line)])}))`,
    );
  }
  if (rule.personId !== undefined) {
    parts.push(cols.personId ? sql`${sql.ref(cols.personId)} = ${rule.personId}` : sql`false`);
  }
  if (rule.userId !== undefined) {
    parts.push(cols.userId ? sql`${sql.ref(cols.userId)} = ${rule.userId}` : sql`false`);
  }
  if (parts.length === 0) return sql<SqlBool>`false`;
  return sql<SqlBool>`(${sql.join(parts, sql` AND `)})`;
}

/** The WHERE condition that limits `entity` to what `actor` may `action`; `alias` names the table in a subquery. */
export function scopeWhere(actor: Actor, entity: Entity, action: Action = 'read', alias?: string): Expression<SqlBool> {
  const cols = SCOPE_COLUMNS[entity];
  const rename = (c: string) => (alias ? `${alias}.${c.slice(c.indexOf('.') + 1)}` : c);
  const aliased: ScopeColumns = alias
    ? {
        ...(cols.region ? { region: rename(cols.region) } : {}),
        ...(cols.orgPath ? { orgPath: Array.isArray(cols.orgPath) ? cols.orgPath.map(rename) : rename(cols.orgPath) } : {}),
        ...(cols.personId ? { personId: rename(cols.personId) } : {}),
        ...(cols.userId ? { userId: rename(cols.userId) } : {}),
      }
    : cols;
  return ruleToSql(scopeRule(actor, entity, action), aliased);
}

/** The same rule checked against one record in memory (for inserts and moves). */
export interface ScopedRecord {
  regionCode?: string | null;
  /** One path, or every place the record sits in the organisation tree. */
  orgPath?: string | null | (string | null)[];
  personId?: string | null;
  userId?: string | null;
}

export function ruleAllows(rule: ScopeRule, record: ScopedRecord): boolean {
  if (rule.kind === 'all') return true;
  if (rule.kind === 'none') return false;
  if (rule.regionCode !== undefined && !(record.regionCode && isWithinRegion(record.regionCode, rule.regionCode))) return false;
  if (rule.orgPath !== undefined) {
    const paths = Array.isArray(record.orgPath) ? record.orgPath : [record.orgPath];
    if (!paths.some((p) => p && p.startsWith(rule.orgPath!))) return false;
  }
  if (rule.lineOf !== undefined && !onLine(record.regionCode ?? null, rule.lineOf)) return false;
  if (rule.personId !== undefined && record.personId !== rule.personId) return false;
  if (rule.userId !== undefined && record.userId !== rule.userId) return false;
  return (
    rule.regionCode !== undefined ||
    rule.orgPath !== undefined ||
    rule.personId !== undefined ||
    rule.userId !== undefined ||
    rule.lineOf !== undefined
  );
}

/** POL-1 a row of no region is installation-wide; otherwise it lies above, at or below the line's region. */
function onLine(code: string | null, line: string): boolean {
  if (code === null) return true;
  return line !== '' && (isWithinRegion(code, line) || isWithinRegion(line, code));
}

export function allows(actor: Actor, entity: Entity, action: Action, record: ScopedRecord): boolean {
  return ruleAllows(scopeRule(actor, entity, action), record);
}

export type DB = Kysely<Database>;
