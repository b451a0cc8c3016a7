import type { Role } from '../db/schema.ts';
import type { Actor } from './actor.ts';

/**
 * Who may see and change what (ORG-4, SEC-1), one place, read as rules.
 * A rule is a scope: everything, nothing, or records under the actor's region
 * and/or organisation subtree (or the actor's own person record). The query
 * layer (db/scoped.ts) turns a rule into SQL; `ruleAllows` checks one record.
 */
export type Entity =
  | 'region'
  | 'organisation'
  | 'person'
  | 'app_user'
  | 'audit_log'
  | 'building'
  | 'enterprise'
  | 'lease'
  | 'demo_belt'
  | 'investment_lead'
  | 'instructor'
  | 'stationed_cadre'
  | 'service_record'
  | 'notification'
  | 'import_job'
  | 'notification_target'
  | 'outbox'
  | 'matter'
  | 'open311_key'
  // GRD-1 … GRD-3: grids, members on them, households, assignment runs, field records (visits … mediations).
  | 'grid'
  | 'grid_member'
  | 'household'
  | 'household_assignment'
  | 'field_record'
  // VIL-1 … VIL-4: village profiles and their public records, performances, the funds ledger, collective income, heritage items.
  | 'village_profile'
  | 'performance'
  | 'village_fund'
  | 'collective_income'
  | 'heritage_item'
  // POL-1 … POL-4: the policy catalogue, applications and grants, matching meetings.
  | 'policy'
  | 'policy_application'
  | 'policy_meeting'
  // LST-1 … LST-4: the three lists.
  | 'need'
  | 'resource'
  | 'project';
export type Action = 'read' | 'write';

export type ScopeRule =
  | { kind: 'all' }
  | { kind: 'none' }
  | {
      kind: 'where';
      regionCode?: string;
      orgPath?: string;
      personId?: string;
      userId?: string;
      /** POL-1 on the region's line: its subtree, the regions above it, and installation-wide rows (no region); '' only the latter. */
      lineOf?: string;
    };

const ALL: ScopeRule = { kind: 'all' };
const NONE: ScopeRule = { kind: 'none' };

const REGION_ROLES: readonly Role[] = ['city', 'district', 'street', 'village'];
/** POL-1 policy officers: region offices and functional departments write their region's policies. */
const POLICY_OFFICERS: readonly Role[] = ['city', 'district', 'street', 'dept'];
/** Region staff may create accounts of these roles, always inside their own region. */
export const ROLES_MANAGED_BY: Record<Role, readonly Role[]> = {
  admin: ['admin', 'city', 'district', 'street', 'dept', 'building', 'enterprise', 'member', 'village'],
  city: ['district', 'street', 'dept', 'building', 'enterprise', 'member', 'village'],
  district: ['street', 'dept', 'building', 'enterprise', 'member', 'village'],
  street: ['building', 'enterprise', 'member'],
  village: ['member'],
  dept: [],
  building: [],
  enterprise: [],
  member: [],
};

function inRegion(actor: Actor): ScopeRule {
  return actor.regionCode ? { kind: 'where', regionCode: actor.regionCode } : NONE;
}
function inOrganisation(actor: Actor): ScopeRule {
  return actor.orgPath ? { kind: 'where', orgPath: actor.orgPath } : NONE;
}
function self(actor: Actor): ScopeRule {
  return actor.personId ? { kind: 'where', personId: actor.personId } : NONE;
}
function ownAccount(actor: Actor): ScopeRule {
  return { kind: 'where', userId: actor.userId };
}

export function scopeRule(actor: Actor, entity: Entity, action: Action): ScopeRule {
  if (actor.role === 'admin') return ALL;
  const regionStaff = REGION_ROLES.includes(actor.role);
  switch (entity) {
    case 'region':
      // Regions are reference data; staff browse their own subtree (and the path above it).
      return action === 'read' && (regionStaff || actor.role === 'dept') ? inRegion(actor) : NONE;
    case 'organisation':
      if (regionStaff) return inRegion(actor);
      if (actor.role === 'dept') return action === 'read' ? inRegion(actor) : NONE;
      return action === 'read' ? inOrganisation(actor) : NONE;
    case 'person':
      if (regionStaff) return inRegion(actor);
      if (actor.role === 'member') return action === 'read' ? self(actor) : NONE;
      return action === 'read' ? inOrganisation(actor) : NONE;
    case 'app_user':
      // Accounts are managed by admins and, inside their region, by city/district/street/village staff.
      return regionStaff ? inRegion(actor) : NONE;
    case 'audit_log':
      return NONE;
    case 'building':
      // Region staff keep the registry; building staff keep their own building; departments read.
      if (regionStaff) return inRegion(actor);
      if (actor.role === 'dept') return action === 'read' ? inRegion(actor) : NONE;
      if (actor.role === 'building') return inOrganisation(actor);
      return NONE;
    case 'enterprise':
      // An enterprise is seen by its region, its building (through its current lease) and itself.
      if (regionStaff) return inRegion(actor);
      if (actor.role === 'dept') return action === 'read' ? inRegion(actor) : NONE;
      if (actor.role === 'building' || actor.role === 'enterprise') return inOrganisation(actor);
      return NONE;
    case 'lease':
      if (regionStaff) return inRegion(actor);
      if (actor.role === 'dept') return action === 'read' ? inRegion(actor) : NONE;
      if (actor.role === 'building') return inOrganisation(actor);
      if (actor.role === 'enterprise') return action === 'read' ? inOrganisation(actor) : NONE;
      return NONE;
    case 'demo_belt':
    case 'investment_lead':
    case 'instructor':
    case 'stationed_cadre':
      if (regionStaff) return inRegion(actor);
      if (actor.role === 'dept') return action === 'read' ? inRegion(actor) : NONE;
      return NONE;
    case 'service_record':
      if (regionStaff) return inRegion(actor);
      if (actor.role === 'dept') return action === 'read' ? inRegion(actor) : NONE;
      if (actor.role === 'building' || actor.role === 'enterprise') return action === 'read' ? inOrganisation(actor) : NONE;
      return NONE;
    case 'notification':
    case 'import_job':
      return ownAccount(actor);
    case 'matter':
      // MAT: the region's offices see the matters of their subtree, a building its own,
      // an enterprise those it raised, a department those dispatched to it. Who may take
      // which step is decided per matter in modules/matters/policy.ts.
      if (regionStaff) return inRegion(actor);
      if (actor.role === 'building' || actor.role === 'enterprise' || actor.role === 'dept') return inOrganisation(actor);
      return NONE;
    case 'open311_key':
      // Keys act as an account; platform administrators issue them.
      return NONE;
    case 'grid':
    case 'household_assignment':
      // GRD-1 village staff keep their village's grids and run its assignment; townships and the county their subtree.
      return regionStaff ? inRegion(actor) : NONE;
    case 'grid_member':
    case 'household':
    case 'field_record':
      // GRD-1/GRD-2 a party member sees and works on the households they are responsible for and their own records.
      if (regionStaff) return inRegion(actor);
      if (actor.role === 'member') return self(actor);
      return NONE;
    case 'village_profile':
    case 'performance':
      // VIL-1 VIL-4 village staff keep their village, townships and the county their subtree;
      // the party members of the village's organisation read its public record (profile, posts, rules, heritage, tourism).
      if (regionStaff) return inRegion(actor);
      if (actor.role === 'member') return action === 'read' ? inOrganisation(actor) : NONE;
      return NONE;
    case 'village_fund':
    case 'collective_income':
      // VIL-2 VIL-3 the books are kept by region staff; villagers see the published funds summary, which needs no account.
      return regionStaff ? inRegion(actor) : NONE;
    case 'heritage_item':
      // VIL-4 intangible heritage items are public knowledge, often county-wide; region staff keep those of their region.
      if (action === 'read') return ALL;
      return regionStaff ? inRegion(actor) : NONE;
    case 'policy':
      // POL-1 a published policy is read on the reader's line (national, provincial … down to its own street's);
      // officers keep their region's catalogue. Drafts are read with the write rule (modules/policies).
      if (action === 'read') return { kind: 'where', lineOf: actor.regionCode ?? '' };
      return POLICY_OFFICERS.includes(actor.role) ? inRegion(actor) : NONE;
    case 'policy_application':
      // POL-3 officers keep the applications of their region's enterprises; an enterprise its own.
      if (POLICY_OFFICERS.includes(actor.role)) return inRegion(actor);
      if (actor.role === 'village') return action === 'read' ? inRegion(actor) : NONE;
      if (actor.role === 'enterprise') return inOrganisation(actor);
      return NONE;
    case 'policy_meeting':
      // POL-4 matching meetings are held by officers for their region.
      if (POLICY_OFFICERS.includes(actor.role)) return inRegion(actor);
      if (actor.role === 'village') return action === 'read' ? inRegion(actor) : NONE;
      return NONE;
    case 'need':
      // LST-1 an enterprise or party organisation its own needs, a party member theirs, building staff their
      // building's, region offices their subtree; departments read the needs of their region to offer resources.
      if (regionStaff) return inRegion(actor);
      if (actor.role === 'dept') return action === 'read' ? inRegion(actor) : NONE;
      if (actor.role === 'building' || actor.role === 'enterprise') return inOrganisation(actor);
      if (actor.role === 'member') return self(actor);
      return NONE;
    case 'resource':
      // LST-2 providers keep their own resources; region offices those offered in their subtree.
      if (regionStaff) return inRegion(actor);
      if (actor.role === 'dept' || actor.role === 'building' || actor.role === 'enterprise') return inOrganisation(actor);
      return NONE;
    case 'project':
      // LST-4 the owner organisation and the region's offices; the needs' requesters and the resources'
      // providers read a project through its links (modules/projects/queries.ts).
      if (regionStaff) return inRegion(actor);
      if (actor.role === 'dept' || actor.role === 'building' || actor.role === 'enterprise') return inOrganisation(actor);
      return NONE;
    case 'notification_target':
    case 'outbox':
      // NTF-1 channels are configured by region staff for their region; installation-wide ones by administrators.
      return regionStaff ? inRegion(actor) : NONE;
  }
}

/** Whether a role may see people's full phone and ID numbers (ORG-3). */
export function mayReadPersonalData(actor: Actor): boolean {
  return actor.role === 'admin';
}

/**
 * REG-2 what the authorities designate about an enterprise (重点企业, its party
 * organisation status, its region) is not the enterprise's own to change, though
 * it may keep the rest of its profile.
 */
export function mayDesignateEnterprise(actor: Actor): boolean {
  return actor.role === 'admin' || REGION_ROLES.includes(actor.role);
}

export function mayManageRole(actor: Actor, role: Role): boolean {
  return ROLES_MANAGED_BY[actor.role].includes(role);
}

/** MAT-4 the working calendar (holiday overrides, office hours) is one per installation: administrators keep it, everyone reads it. */
export function mayConfigureCalendar(actor: Actor): boolean {
  return actor.role === 'admin';
}

/** SEC-2 the audit log is read by platform administrators only. */
export function mayReadAudit(actor: Actor): boolean {
  return actor.role === 'admin';
}

/** VIL-1 a village's traditional-village listing is designated by the township, county or city, not by the village itself. */
export function mayDesignateVillage(actor: Actor): boolean {
  return actor.role === 'admin' || actor.role === 'city' || actor.role === 'district' || actor.role === 'street';
}

/** VIL-3 the collective-income thresholds are set for a county (or city) by its own staff. */
export function mayConfigureIncomeThresholds(actor: Actor): boolean {
  return actor.role === 'admin' || actor.role === 'city' || actor.role === 'district';
}

/** POL-3 an application is granted (已兑现) or refused by an officer, never by the enterprise itself. */
export function mayDecidePolicyApplication(actor: Actor): boolean {
  return actor.role === 'admin' || POLICY_OFFICERS.includes(actor.role);
}
