import type { ColumnType, Generated } from 'kysely';

/** POL-1 … POL-4 tables of db/migrations/014_policies.sql. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type NullableDate = ColumnType<string | null, string | null | undefined, string | null>;
/** numeric: read as a decimal string, written as a number or string. */
type NullableMoney = ColumnType<string | null, string | number | null | undefined, string | number | null>;
type Json = ColumnType<unknown, string, string>;

export const POLICY_LEVELS = ['national', 'province', 'city', 'county', 'township'] as const;
export type PolicyLevel = (typeof POLICY_LEVELS)[number];
/** 免申即享 / 快申快享 / 申报 */
export const APPLICATION_MODES = ['automatic', 'fast_track', 'application'] as const;
export type ApplicationMode = (typeof APPLICATION_MODES)[number];
export const POLICY_STATUSES = ['draft', 'published', 'withdrawn'] as const;
export type PolicyStatus = (typeof POLICY_STATUSES)[number];
/** 待申报 → 已申报 → 已兑现 (or 未通过). */
export const APPLICATION_STATUSES = ['pending', 'submitted', 'granted', 'rejected'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export interface PolicyTable {
  id: Generated<string>;
  title: string;
  issuer: string;
  level: PolicyLevel;
  region_code: string | null;
  valid_from: NullableDate;
  valid_to: NullableDate;
  beneficiaries: Generated<string>;
  benefit: Generated<string>;
  benefit_amount: NullableMoney;
  benefit_rate: NullableMoney;
  benefit_cap: NullableMoney;
  full_text: Generated<string>;
  mode: ApplicationMode;
  deadline: NullableDate;
  contact: string | null;
  status: Generated<PolicyStatus>;
  rule: Json;
  fields_used: ColumnType<string[], string[] | undefined, string[]>;
  version: Generated<number>;
  published_at: NullableTimestamp;
  withdrawn_at: NullableTimestamp;
  created_by: string | null;
  search: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PolicyHistoryTable {
  id: Generated<string>;
  policy_id: string;
  version: number;
  action: 'create' | 'update' | 'publish' | 'withdraw';
  snapshot: Json;
  actor_user_id: string | null;
  actor_name: string;
  created_at: Timestamp;
}

export interface EnterpriseProfileTable {
  enterprise_id: string;
  revenue: NullableMoney;
  rd_spending: NullableMoney;
  qualifications: string[] | null;
  reported_year: number | null;
  updated_at: Timestamp;
}

/** A view over `policy_match` (018_policy_match.sql): one row per enterprise × policy met or nearly met; read only. */
export interface PolicyResultTable {
  policy_id: string;
  enterprise_id: string;
  /** 0 unmet, 1 unknown, 2 met. */
  status: number;
  /** 0 met, 1 one condition away. */
  gap: number;
  computed_at: Timestamp;
}

/** POL-2/POL-3 an enterprise's results: ids of the policies met, and one condition away (unknown / unmet). */
export interface PolicyMatchTable {
  enterprise_id: string;
  met: ColumnType<string[], string[] | undefined, string[]>;
  unknown: ColumnType<string[], string[] | undefined, string[]>;
  unmet: ColumnType<string[], string[] | undefined, string[]>;
  computed_at: Timestamp;
}

/** POL-3 the days the date-driven recomputation ran for. */
export interface PolicyDateRunTable {
  as_of: string;
  policies: number;
  changed: number;
  finished_at: Timestamp;
}

export interface PolicyPushTable {
  id: Generated<string>;
  policy_id: string;
  enterprise_id: string;
  version: number;
  pushed_at: Timestamp;
}

export interface PolicyApplicationTable {
  id: Generated<string>;
  policy_id: string;
  enterprise_id: string;
  status: ApplicationStatus;
  automatic: Generated<boolean>;
  requested_amount: NullableMoney;
  granted_amount: NullableMoney;
  submitted_on: NullableDate;
  granted_on: NullableDate;
  note: string | null;
  region_code: string;
  org_path: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PolicyMeetingTable {
  id: Generated<string>;
  title: string;
  held_at: Timestamp;
  venue: Generated<string>;
  region_code: string;
  notes: Generated<string>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PolicyMeetingPolicyTable {
  meeting_id: string;
  policy_id: string;
}

export interface PolicyMeetingInviteTable {
  meeting_id: string;
  enterprise_id: string;
  reason: 'eligible' | 'nearly';
  attended: boolean | null;
  follow_up: string | null;
  followed_up_at: NullableTimestamp;
}

export interface PolicyDatabase {
  policy: PolicyTable;
  policy_history: PolicyHistoryTable;
  enterprise_profile: EnterpriseProfileTable;
  policy_result: PolicyResultTable;
  policy_match: PolicyMatchTable;
  policy_date_run: PolicyDateRunTable;
  policy_push: PolicyPushTable;
  policy_application: PolicyApplicationTable;
  policy_meeting: PolicyMeetingTable;
  policy_meeting_policy: PolicyMeetingPolicyTable;
  policy_meeting_invite: PolicyMeetingInviteTable;
}
