import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { GridDatabase } from './schema-grids.ts';
import type { ListsDatabase } from './schema-lists.ts';
import type { PolicyDatabase } from './schema-policies.ts';
import type { VillageDatabase } from './schema-villages.ts';

/** Timestamps: written as Date or ISO string, read as Date. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | null, string | null>;

export type RegionLevel = 'province' | 'city' | 'county' | 'township' | 'village';

export interface RegionTable {
  code: string;
  name: string;
  level: RegionLevel;
  parent_code: string | null;
  prefix: string;
}

export const ORGANISATION_KINDS = [
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
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];
export const PARTY_ORG_KINDS = ['committee', 'general_branch', 'branch'] as const;
export type PartyOrgKind = (typeof PARTY_ORG_KINDS)[number];
export const PARTY_ORG_FORMATIONS = ['independent', 'joint', 'comprehensive', 'embedded'] as const;
export type PartyOrgFormation = (typeof PARTY_ORG_FORMATIONS)[number];

export interface OrganisationTable {
  id: Generated<string>;
  parent_id: string | null;
  path: Generated<string>;
  kind: OrganisationKind;
  party_org_kind: PartyOrgKind | null;
  formation: PartyOrgFormation | null;
  department_kind: string | null;
  name: string;
  region_code: string;
  credit_code: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PersonTable {
  id: Generated<string>;
  name: string;
  gender: 'male' | 'female' | null;
  birth_date: ColumnType<string | null, string | null | undefined, string | null>;
  is_party_member: Generated<boolean>;
  region_code: string;
  organisation_id: string | null;
  org_path: Generated<string>;
  phone_enc: string | null;
  phone_masked: string | null;
  phone_hash: string | null;
  id_number_enc: string | null;
  id_number_masked: string | null;
  id_number_hash: string | null;
  search: ColumnType<string, never, never>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PostTable {
  id: Generated<string>;
  person_id: string;
  organisation_id: string;
  title: string;
  started_on: ColumnType<string | null, string | null | undefined, string | null>;
  ended_on: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
}

export const ROLES = ['admin', 'city', 'district', 'street', 'dept', 'building', 'enterprise', 'member', 'village'] as const;
export type Role = (typeof ROLES)[number];
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export interface AppUserTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  role: Role;
  region_code: string | null;
  organisation_id: string | null;
  org_path: string | null;
  person_id: string | null;
  locale: Generated<Locale>;
  password_hash: string;
  failed_attempts: Generated<number>;
  locked_until: Timestamp | null;
  disabled: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UserSessionTable {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Timestamp;
  actor_user_id: string | null;
  actor_name: string;
  action: string;
  entity: string;
  entity_id: string;
  region_code: string | null;
  before: Json;
  after: Json;
  /** Null until the chainer links the row (migration 020). */
  prev_hash: string | null;
  hash: string | null;
  chain_seq: string | null;
}

export interface AppSettingTable {
  key: string;
  value: Json;
}

type Numeric = ColumnType<string, string | number, string | number>;
type NullableNumeric = ColumnType<string | null, string | number | null | undefined, string | number | null>;
type DateCol = ColumnType<string, string, string>;
type NullableDate = ColumnType<string | null, string | null | undefined, string | null>;
type Search = ColumnType<string, never, never>;

export interface IndustryTable {
  code: string;
  name: string;
  level: 'section' | 'division';
  section: string;
}

export const OWNERSHIPS = ['single', 'multiple'] as const;
export const MANAGEMENT_MODES = ['owner_managed', 'entrusted'] as const;
export const DEMO_STATUSES = ['none', 'cultivating', 'named'] as const;

export interface BuildingTable {
  id: Generated<string>;
  name: string;
  address: string;
  region_code: string;
  org_path: Generated<string>;
  lng: number | null;
  lat: number | null;
  floors_above: number | null;
  floors_below: number | null;
  gross_area: NullableNumeric;
  office_area: Numeric;
  ownership: (typeof OWNERSHIPS)[number];
  management_mode: (typeof MANAGEMENT_MODES)[number];
  property_company_id: string | null;
  property_owner_id: string | null;
  party_committee_id: string | null;
  management_committee_id: string | null;
  comprehensive_party_org_id: string | null;
  positioning: string | null;
  industry_focus: ColumnType<string[], string[] | undefined, string[]>;
  demo_status: Generated<(typeof DEMO_STATUSES)[number]>;
  asking_rent: NullableNumeric;
  completed_year: number | null;
  search: Search;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface BuildingUnitTable {
  id: Generated<string>;
  building_id: string;
  floor: number;
  unit_no: string;
  area: Numeric;
}

export const SIZE_CLASSES = ['large', 'medium', 'small', 'micro'] as const;
export const PARTY_ORG_STATUSES = ['own', 'joint', 'instructor', 'none'] as const;

export interface EnterpriseTable {
  organisation_id: string;
  credit_code: string;
  industry_code: string | null;
  size_class: (typeof SIZE_CLASSES)[number] | null;
  staff_count: number | null;
  party_member_count: number | null;
  is_key_enterprise: Generated<boolean>;
  is_non_public: Generated<boolean>;
  party_org_status: Generated<(typeof PARTY_ORG_STATUSES)[number]>;
  registered_on: NullableDate;
  legal_representative: string | null;
  region_code: string;
  org_path: string;
  building_path: Generated<string>;
  current_building_id: string | null;
  lng: number | null;
  lat: number | null;
  search: Search;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export const LEASE_EVENT_KINDS = ['move_in', 'move_out', 'area_change', 'renewal', 'expiry'] as const;
export type LeaseEventKind = (typeof LEASE_EVENT_KINDS)[number];

export interface LeaseTable {
  id: Generated<string>;
  building_id: string;
  enterprise_id: string;
  units: Generated<string>;
  area: Numeric;
  start_on: DateCol;
  end_on: DateCol;
  ended_on: NullableDate;
  monthly_rent: NullableNumeric;
  external_ref: string | null;
  region_code: string;
  org_path: string;
  tenant_path: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface LeaseEventTable {
  id: Generated<string>;
  lease_id: string;
  kind: LeaseEventKind;
  effective_on: DateCol;
  area_after: Numeric;
  end_on_after: DateCol;
  note: string | null;
  actor_user_id: string | null;
  created_at: Timestamp;
}

export const LIAISON_ROLES = [
  'building_head',
  'building_instructor',
  'property_liaison',
  'police_officer',
  'market_section_head',
  'tax_officer',
  'talent_officer',
  'building_officer',
] as const;
export type LiaisonRole = (typeof LIAISON_ROLES)[number];

export interface LiaisonAssignmentTable {
  id: Generated<string>;
  building_id: string;
  role: LiaisonRole;
  person_id: string;
  organisation_id: string | null;
  started_on: DateCol;
  ended_on: NullableDate;
  created_at: Timestamp;
}

export interface DemoBeltTable {
  id: Generated<string>;
  name: string;
  level: 'city' | 'county';
  region_code: string;
  description: string | null;
  established_on: NullableDate;
  created_at: Timestamp;
}

export interface DemoBeltBuildingTable {
  belt_id: string;
  building_id: string;
  status: 'cultivating' | 'named';
  since: NullableDate;
  progress: Generated<number>;
}

export interface DemoPointTable {
  id: Generated<string>;
  belt_id: string;
  name: string;
  level: 'city' | 'county';
  building_id: string | null;
  region_code: string;
  named_on: NullableDate;
}

export const LEAD_STATUSES = ['prospect', 'negotiating', 'settled', 'dropped'] as const;

export interface InvestmentLeadTable {
  id: Generated<string>;
  name: string;
  contact_name: string | null;
  industry_code: string | null;
  area_needed: Numeric;
  budget: NullableNumeric;
  preferred_region_code: string | null;
  status: Generated<(typeof LEAD_STATUSES)[number]>;
  building_id: string | null;
  lease_id: string | null;
  enterprise_id: string | null;
  note: string | null;
  region_code: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface InstructorTable {
  person_id: string;
  title: string | null;
  capacity: Generated<number>;
  lng: number | null;
  lat: number | null;
  region_code: string;
  active: Generated<boolean>;
}

export interface InstructorAssignmentTable {
  enterprise_id: string;
  person_id: string;
  pinned: Generated<boolean>;
  distance_km: number | null;
  assigned_at: Timestamp;
}

export interface StationedCadreTable {
  person_id: string;
  region_code: string;
  park_name: string | null;
  home_unit: string | null;
  started_on: DateCol;
  ended_on: NullableDate;
}

export interface CadreEnterpriseTable {
  person_id: string;
  enterprise_id: string;
}

export const SERVICE_KINDS = ['project', 'talent', 'market', 'technology', 'policy'] as const;

export interface ServiceRecordTable {
  id: Generated<string>;
  person_id: string;
  enterprise_id: string;
  kind: (typeof SERVICE_KINDS)[number];
  served_on: DateCol;
  summary: string;
  region_code: string;
  org_path: string;
  created_at: Timestamp;
}

export interface NotificationTable {
  id: Generated<string>;
  user_id: string | null;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  region_code: string | null;
  org_path: string | null;
  dedupe_key: string | null;
  read_at: Timestamp | null;
  created_at: Timestamp;
}

export interface ImportJobTable {
  id: Generated<string>;
  kind: 'buildings' | 'enterprises' | 'leases';
  file_name: string;
  status: 'running' | 'done' | 'failed';
  total_rows: Generated<number>;
  processed: Generated<number>;
  created: Generated<number>;
  updated: Generated<number>;
  unchanged: Generated<number>;
  failed: Generated<number>;
  errors: ColumnType<unknown, string | undefined, string>;
  actor_user_id: string | null;
  region_code: string | null;
  created_at: Timestamp;
  finished_at: Timestamp | null;
  /** REG-9 touched by the job's worker while it runs (migration 004). */
  heartbeat_at: Timestamp;
}

export const NOTIFICATION_TARGET_KINDS = ['wecom', 'dingtalk', 'email', 'webhook'] as const;
export type NotificationTargetKind = (typeof NOTIFICATION_TARGET_KINDS)[number];

/** NTF-1 a group robot, webhook or mailbox hearing a region's or organisation's notifications. */
export interface NotificationTargetTable {
  id: Generated<string>;
  name: string;
  kind: NotificationTargetKind;
  address_enc: string;
  address_masked: string;
  secret_enc: string | null;
  region_code: string | null;
  organisation_id: string | null;
  org_path: string | null;
  topics: string[] | null;
  enabled: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export const OUTBOX_STATUSES = ['pending', 'sending', 'delivered', 'failed', 'cancelled'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** NTF-1 one message to one target, delivered by a sweep. */
export interface OutboxTable {
  id: Generated<string>;
  topic: string;
  payload: ColumnType<unknown, string, string>;
  recipients: ColumnType<string[], string[] | undefined, string[]>;
  target_id: string | null;
  target_kind: NotificationTargetKind;
  region_code: string | null;
  source_region_code: string | null;
  source_org_path: string | null;
  dedupe_key: string | null;
  status: Generated<OutboxStatus>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  claim_token: string | null;
  last_error: string | null;
  created_at: Timestamp;
  delivered_at: Timestamp | null;
}

// MAT-4 the working calendar's overrides, db/migrations/007_calendar.sql.
export interface CalendarOverrideTable {
  /** 'YYYY-MM-DD' (date columns are read as strings). */
  date: string;
  working: boolean;
  note: string | null;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface Database {
  region: RegionTable;
  organisation: OrganisationTable;
  person: PersonTable;
  post: PostTable;
  app_user: AppUserTable;
  user_session: UserSessionTable;
  audit_log: AuditLogTable;
  app_setting: AppSettingTable;
  calendar_override: CalendarOverrideTable;
  industry: IndustryTable;
  building: BuildingTable;
  building_unit: BuildingUnitTable;
  enterprise: EnterpriseTable;
  lease: LeaseTable;
  lease_event: LeaseEventTable;
  liaison_assignment: LiaisonAssignmentTable;
  demo_belt: DemoBeltTable;
  demo_belt_building: DemoBeltBuildingTable;
  demo_point: DemoPointTable;
  investment_lead: InvestmentLeadTable;
  instructor: InstructorTable;
  instructor_assignment: InstructorAssignmentTable;
  stationed_cadre: StationedCadreTable;
  cadre_enterprise: CadreEnterpriseTable;
  service_record: ServiceRecordTable;
  notification: NotificationTable;
  import_job: ImportJobTable;
  notification_target: NotificationTargetTable;
  outbox: OutboxTable;
  matter_category: MatterCategoryTable;
  matter: MatterTable;
  matter_event: MatterEventTable;
  dispatch_slip: DispatchSlipTable;
  open311_key: Open311KeyTable;
  matter_rollup: MatterRollupTable;
  // VIL-1 … VIL-4 (012_villages.sql, schema-villages.ts).
  village_profile: VillageDatabase['village_profile'];
  village_plan: VillageDatabase['village_plan'];
  traditional_building: VillageDatabase['traditional_building'];
  building_repair: VillageDatabase['building_repair'];
  village_post: VillageDatabase['village_post'];
  village_post_holder: VillageDatabase['village_post_holder'];
  village_rules: VillageDatabase['village_rules'];
  village_responsibility: VillageDatabase['village_responsibility'];
  fund_project: VillageDatabase['fund_project'];
  fund_entry: VillageDatabase['fund_entry'];
  collective_income: VillageDatabase['collective_income'];
  collective_income_threshold: VillageDatabase['collective_income_threshold'];
  heritage_item: VillageDatabase['heritage_item'];
  inheritor: VillageDatabase['inheritor'];
  performance: VillageDatabase['performance'];
  tourism_site: VillageDatabase['tourism_site'];
  tourism_guide: VillageDatabase['tourism_guide'];
  visitor_count: VillageDatabase['visitor_count'];
  // GRD-1 … GRD-3 (013_grids.sql, schema-grids.ts).
  grid: GridDatabase['grid'];
  grid_member: GridDatabase['grid_member'];
  household: GridDatabase['household'];
  household_resident: GridDatabase['household_resident'];
  household_assignment_run: GridDatabase['household_assignment_run'];
  visit: GridDatabase['visit'];
  upkeep: GridDatabase['upkeep'];
  inspection: GridDatabase['inspection'];
  hazard: GridDatabase['hazard'];
  mediation: GridDatabase['mediation'];
  // POL-1 … POL-4 (014_policies.sql, schema-policies.ts).
  policy: PolicyDatabase['policy'];
  policy_history: PolicyDatabase['policy_history'];
  enterprise_profile: PolicyDatabase['enterprise_profile'];
  policy_result: PolicyDatabase['policy_result'];
  policy_match: PolicyDatabase['policy_match'];
  policy_date_run: PolicyDatabase['policy_date_run'];
  policy_push: PolicyDatabase['policy_push'];
  policy_application: PolicyDatabase['policy_application'];
  policy_meeting: PolicyDatabase['policy_meeting'];
  policy_meeting_policy: PolicyDatabase['policy_meeting_policy'];
  policy_meeting_invite: PolicyDatabase['policy_meeting_invite'];
  // LST-1 … LST-4 (015_lists.sql, schema-lists.ts).
  need: ListsDatabase['need'];
  resource: ListsDatabase['resource'];
  need_match: ListsDatabase['need_match'];
  project: ListsDatabase['project'];
  project_member: ListsDatabase['project_member'];
  project_milestone: ListsDatabase['project_milestone'];
  project_evidence: ListsDatabase['project_evidence'];
}

export type Region = Selectable<RegionTable>;
export type Organisation = Selectable<OrganisationTable>;
export type NewOrganisation = Insertable<OrganisationTable>;
export type OrganisationUpdate = Updateable<OrganisationTable>;
export type Person = Selectable<PersonTable>;
export type Post = Selectable<PostTable>;
export type AppUser = Selectable<AppUserTable>;
export type AuditLog = Selectable<AuditLogTable>;

// Matters (MAT-1 … MAT-8), db/migrations/005_matters.sql.
export interface MatterCategoryTable {
  id: Generated<string>;
  code: string;
  name: string;
  name_en: string;
  kind: 'consultation' | 'service' | 'complaint';
  department_kind: string | null;
  grp: string;
  description: Generated<string>;
  active: Generated<boolean>;
  sort: Generated<number>;
}

export interface MatterTable {
  id: Generated<string>;
  code: string;
  title: string;
  description: string;
  category_id: string;
  source: 'portal' | 'staff' | 'member' | 'joint_meeting' | 'inspection' | 'open311';
  priority: 'normal' | 'urgent' | 'key_enterprise';
  status: string;
  level: 'building' | 'street' | 'district' | 'city';
  enterprise_id: string | null;
  building_id: string | null;
  region_code: string;
  org_path: Generated<string>;
  enterprise_path: Generated<string>;
  handler_org_id: string | null;
  handler_path: Generated<string>;
  contact_name: string | null;
  contact_phone_enc: string | null;
  contact_phone_mask: string | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
  return_count: Generated<number>;
  reopen_count: Generated<number>;
  escalation_count: Generated<number>;
  supervision: 'yellow' | 'red' | null;
  pending_extension_minutes: number | null;
  satisfaction: 'satisfied' | 'basically_satisfied' | 'dissatisfied' | null;
  clocks: Json;
  sign_for_due_at: Timestamp | null;
  resolution_due_at: Timestamp | null;
  reply_due_at: Timestamp | null;
  next_check_at: Timestamp | null;
  /** DSH-1 当前超期, kept by columnsOf (db/migrations/019_matter_overdue_rollup.sql). */
  overdue: Generated<boolean>;
  responded_at: Timestamp | null;
  responded_on_time: boolean | null;
  replied_at: Timestamp | null;
  replied_on_time: boolean | null;
  closed_at: Timestamp | null;
  working_minutes_to_close: number | null;
  /** DSH-1 set on 办结: no resolution or reply clock ran late (db/migrations/008_matter_reporting.sql). */
  closed_on_time: Generated<boolean | null>;
  deliberation: string | null;
  idempotency_key: string | null;
  submitted_by: string | null;
  version: Generated<number>;
  // Written by the intake (bigramVector); otherwise by the trigger, from the code, title and description.
  search: ColumnType<string, string | undefined, never>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MatterEventTable {
  id: Generated<string>;
  matter_id: string;
  seq: number;
  action: string;
  from_status: string | null;
  to_status: string;
  level: string;
  actor_user_id: string | null;
  actor_name: string;
  note: string | null;
  data: Json;
  created_at: Timestamp;
}

export interface DispatchSlipTable {
  id: Generated<string>;
  matter_id: string;
  code: string;
  level: string;
  handler_org_id: string;
  instructions: string | null;
  dispatched_by: string | null;
  dispatched_at: Timestamp;
  sign_for_due_at: Timestamp | null;
  accepted_at: Timestamp | null;
  returned_at: Timestamp | null;
  return_reason: string | null;
}

export interface Open311KeyTable {
  id: Generated<string>;
  name: string;
  key_hash: string;
  key_hint: string;
  user_id: string;
  region_code: string | null;
  created_by: string | null;
  created_at: Timestamp;
  revoked_at: Timestamp | null;
}

/** DSH-1 monthly counts of matters by street, category and handler, kept by triggers (008_matter_reporting.sql). */
export interface MatterRollupTable {
  month: string;
  region9: string;
  category_id: string;
  handler_org_id: string;
  received: number;
  key_enterprise: number;
  withdrawn: number;
  open: number;
  responded: number;
  responded_on_time: number;
  closed: number;
  closed_on_time: number;
  close_minutes: string;
  rated: number;
  satisfied: number;
  reopened: number;
  at_building: number;
  at_street: number;
  at_district: number;
  at_city: number;
  esc_street: number;
  esc_district: number;
  esc_city: number;
  overdue: Generated<number>;
}
