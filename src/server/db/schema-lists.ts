import type { ColumnType, Generated } from 'kysely';
import type { ListCategory } from '../../domain/lists/categories.ts';

/** LST-1 … LST-4 tables of db/migrations/015_lists.sql (needs, resources, matches, projects). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json = ColumnType<unknown, string | undefined, string>;
/** numeric columns come back as strings from pg. */
type Numeric = ColumnType<string, number | string | undefined, number | string>;
type NullableDate = ColumnType<string | null, string | null | undefined, string | null>;
type Search = ColumnType<string, never, never>;

export const REQUESTER_KINDS = ['party_org', 'enterprise', 'party_member', 'employee', 'talent'] as const;
export type RequesterKind = (typeof REQUESTER_KINDS)[number];
export const URGENCIES = ['low', 'normal', 'high'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const NEED_STATUSES = ['open', 'matched', 'in_project', 'done', 'closed'] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];
export const PROVIDER_KINDS = ['department', 'enterprise', 'social_organisation', 'party_org'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];
export const RESOURCE_STATUSES = ['active', 'withdrawn'] as const;
export type ResourceStatus = (typeof RESOURCE_STATUSES)[number];
export const MATCH_STATUSES = ['proposed', 'confirmed', 'rejected'] as const;
export type MatchStatus = (typeof MATCH_STATUSES)[number];
export const PROJECT_STATUSES = ['in_progress', 'done', 'cancelled'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export interface NeedTable {
  id: Generated<string>;
  code: string;
  title: string;
  description: Generated<string>;
  category: ListCategory;
  requester_kind: RequesterKind;
  requester_org_id: string | null;
  requester_person_id: string | null;
  requester_name: Generated<string>;
  quantity: Generated<number>;
  urgency: Generated<Urgency>;
  building_id: string | null;
  enterprise_id: string | null;
  region_code: string;
  org_path: Generated<string>;
  requester_path: Generated<string>;
  status: Generated<NeedStatus>;
  project_id: string | null;
  matter_id: string | null;
  complaint_matter_id: string | null;
  close_reason: string | null;
  entered_by: string | null;
  matched_at: NullableTimestamp;
  in_project_at: NullableTimestamp;
  done_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  version: Generated<number>;
  search: Search;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ResourceTable {
  id: Generated<string>;
  code: string;
  title: string;
  description: Generated<string>;
  category: ListCategory;
  provider_kind: ProviderKind;
  provider_org_id: string;
  org_path: Generated<string>;
  building_id: string | null;
  region_code: string;
  capacity: number | null;
  capacity_left: number | null;
  conditions: Generated<string>;
  served_building_id: string | null;
  served_region_code: string | null;
  valid_from: NullableDate;
  valid_until: NullableDate;
  status: Generated<ResourceStatus>;
  contact: Generated<string>;
  entered_by: string | null;
  change_seq: ColumnType<string, never, never>;
  version: Generated<number>;
  search: Search;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface NeedMatchTable {
  id: Generated<string>;
  need_id: string;
  resource_id: string;
  status: MatchStatus;
  score: Numeric;
  explanation: Json;
  quantity: Generated<number>;
  project_id: string | null;
  note: string | null;
  decided_by: string | null;
  decided_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface ProjectTable {
  id: Generated<string>;
  code: string;
  name: string;
  description: Generated<string>;
  owner_org_id: string;
  org_path: Generated<string>;
  building_id: string | null;
  region_code: string;
  parent_id: string | null;
  weight: Numeric;
  status: Generated<ProjectStatus>;
  progress: Numeric;
  started_on: NullableDate;
  due_on: NullableDate;
  closing_report: string | null;
  closed_at: NullableTimestamp;
  closed_by: string | null;
  created_by: string | null;
  version: Generated<number>;
  search: Search;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProjectMemberTable {
  id: Generated<string>;
  project_id: string;
  name: string;
  role: Generated<'lead' | 'member'>;
  organisation_id: string | null;
  person_id: string | null;
}

export interface ProjectMilestoneTable {
  id: Generated<string>;
  project_id: string;
  title: string;
  due_on: NullableDate;
  weight: Numeric;
  done: Generated<boolean>;
  done_at: NullableTimestamp;
  position: Generated<number>;
}

export interface ProjectEvidenceTable {
  id: Generated<string>;
  project_id: string;
  file_name: string;
  mime_type: string;
  size_bytes: number;
  sha256: string;
  content: Buffer;
  uploaded_by: string | null;
  created_at: Timestamp;
}

export interface ListsDatabase {
  need: NeedTable;
  resource: ResourceTable;
  need_match: NeedMatchTable;
  project: ProjectTable;
  project_member: ProjectMemberTable;
  project_milestone: ProjectMilestoneTable;
  project_evidence: ProjectEvidenceTable;
}
