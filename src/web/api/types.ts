/**
 * Wire shapes of the HTTP API (docs/API.md). Ids are strings on the wire
 * because they are bigint in the database.
 */
import type { RegionLevel } from '../../domain/regions.ts';

export type { RegionLevel };

export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

export type Role = 'admin' | 'city' | 'district' | 'street' | 'dept' | 'building' | 'enterprise' | 'member' | 'village';
export const ROLES: readonly Role[] = ['admin', 'city', 'district', 'street', 'dept', 'building', 'enterprise', 'member', 'village'];

export type OrganisationKind =
  | 'government'
  | 'department'
  | 'party_org'
  | 'building_party_committee'
  | 'building_management_committee'
  | 'enterprise'
  | 'property_company'
  | 'owners_committee'
  | 'property_owner'
  | 'social_organisation';
export const ORGANISATION_KINDS: readonly OrganisationKind[] = [
  'government',
  'department',
  'party_org',
  'building_party_committee',
  'building_management_committee',
  'enterprise',
  'property_company',
  'owners_committee',
  'property_owner',
  'social_organisation',
];

export type PartyOrgKind = 'committee' | 'general_branch' | 'branch';
export const PARTY_ORG_KINDS: readonly PartyOrgKind[] = ['committee', 'general_branch', 'branch'];

export type Formation = 'independent' | 'joint' | 'comprehensive' | 'embedded';
export const FORMATIONS: readonly Formation[] = ['independent', 'joint', 'comprehensive', 'embedded'];

export type Gender = 'male' | 'female';

export interface Page<T> {
  items: T[];
  total: number;
}

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

export interface RegionSummary extends Region {
  childCount: number;
  organisationCount: number;
  personCount: number;
  userCount: number;
}

export interface RegionDetail {
  region: RegionSummary;
  ancestors: Region[];
  children: RegionSummary[];
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  locale: Locale;
  regionCode: string | null;
  regionName: string | null;
  organisationId: string | null;
  organisationName: string | null;
  personId: string | null;
  disabled: boolean;
  locked: boolean;
  createdAt: string;
}

export interface Organisation {
  id: string;
  name: string;
  kind: OrganisationKind;
  partyOrgKind: PartyOrgKind | null;
  formation: Formation | null;
  departmentKind: string | null;
  parentId: string | null;
  regionCode: string;
  regionName: string | null;
  creditCode: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A post as seen from an organisation: who holds it. */
export interface OrganisationPost {
  id: string;
  personId: string;
  personName: string;
  title: string;
  startedOn: string | null;
  endedOn: string | null;
}

export interface OrganisationDetail extends Organisation {
  parent: { id: string; name: string } | null;
  childCount: number;
  posts: OrganisationPost[];
}

export interface Post {
  id: string;
  organisationId: string;
  organisationName: string;
  title: string;
  startedOn: string | null;
  endedOn: string | null;
}

export interface Person {
  id: string;
  name: string;
  gender: Gender | null;
  birthDate: string | null;
  isPartyMember: boolean;
  regionCode: string;
  regionName: string | null;
  organisationId: string | null;
  organisationName: string | null;
  /** Masked (138****1234) unless `personalDataMasked` is false. */
  phone: string | null;
  idNumber: string | null;
  personalDataMasked: boolean;
}

export interface PersonDetail extends Person {
  posts: Post[];
}

export interface AuditEntry {
  id: string;
  at: string;
  actorUserId: string | null;
  actorName: string;
  action: string;
  entity: string;
  entityId: string;
  regionCode: string | null;
  before: unknown;
  after: unknown;
  hash: string | null;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  brokenAt?: { id: string; reason: 'hash_mismatch' | 'broken_link' };
}

export interface Meta {
  product: string;
  version: string;
  regionScope: string[];
}

export interface FieldError {
  path: string;
  message: string;
}

export interface ErrorBody {
  error: { code: string; message: string; fields?: FieldError[] };
}
