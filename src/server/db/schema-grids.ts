import type { ColumnType, Generated } from 'kysely';

/** GRD-1 … GRD-3 tables of db/migrations/013_grids.sql (grids, households, field work). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json = ColumnType<unknown, string | null, string | null>;
type JsonDefault = ColumnType<unknown, string | undefined, string>;
type DateCol = ColumnType<string, string, string>;
type NullableDate = ColumnType<string | null, string | null | undefined, string | null>;

export const RESIDENT_RELATIONS = ['head', 'spouse', 'child', 'parent', 'grandchild', 'sibling', 'other'] as const;
export type ResidentRelation = (typeof RESIDENT_RELATIONS)[number];
export const UPKEEP_KINDS = ['infrastructure', 'environment'] as const;
export type UpkeepKind = (typeof UPKEEP_KINDS)[number];
export const DISPUTE_TYPES = ['neighbour', 'land', 'family', 'housing', 'debt', 'other'] as const;
export type DisputeType = (typeof DISPUTE_TYPES)[number];
export const MEDIATION_OUTCOMES = ['resolved', 'partial', 'unresolved'] as const;
export type MediationOutcome = (typeof MEDIATION_OUTCOMES)[number];

export interface GridTable {
  id: Generated<string>;
  village_code: string;
  name: string;
  lng: number | null;
  lat: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface GridMemberTable {
  person_id: string;
  village_code: string;
  grid_id: string | null;
  lng: number | null;
  lat: number | null;
  exempt: boolean | null;
  exempt_note: string | null;
  updated_at: Timestamp;
}

export interface HouseholdTable {
  id: Generated<string>;
  village_code: string;
  grid_id: string | null;
  address: string;
  lng: number | null;
  lat: number | null;
  note: string | null;
  member_person_id: string | null;
  pinned: Generated<boolean>;
  distance_km: number | null;
  assigned_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface HouseholdResidentTable {
  id: Generated<string>;
  household_id: string;
  relation: ResidentRelation;
  name_enc: string;
  name_masked: string;
  birth_year: number | null;
  phone_enc: string | null;
  phone_masked: string | null;
  id_number_enc: string | null;
  id_number_masked: string | null;
  sort: Generated<number>;
}

export interface HouseholdAssignmentRunTable {
  id: Generated<string>;
  region_code: string;
  status: 'preview' | 'applied' | 'superseded';
  params: Json;
  stats: Json;
  baseline: Json;
  violations: Json;
  changes: Json;
  basis: string;
  elapsed_ms: number;
  created_by: string | null;
  created_at: Timestamp;
  applied_by: string | null;
  applied_at: NullableTimestamp;
}

export interface VisitTable {
  id: Generated<string>;
  client_id: string;
  household_id: string;
  village_code: string;
  member_person_id: string | null;
  visited_on: DateCol;
  topics: ColumnType<string[], string[] | undefined, string[]>;
  notes: string | null;
  matter_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface UpkeepTable {
  id: Generated<string>;
  client_id: string;
  kind: UpkeepKind;
  village_code: string;
  grid_id: string | null;
  member_person_id: string | null;
  done_on: DateCol;
  subject: string;
  notes: string | null;
  matter_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface InspectionTable {
  id: Generated<string>;
  client_id: string;
  household_id: string | null;
  place: string | null;
  village_code: string;
  member_person_id: string | null;
  inspected_on: DateCol;
  checklist: Json;
  notes: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface HazardTable {
  id: Generated<string>;
  inspection_id: string;
  item: string;
  household_id: string | null;
  village_code: string;
  member_person_id: string | null;
  description: string;
  found_on: DateCol;
  deadline: DateCol;
  status: Generated<'open' | 'fixed'>;
  rechecks: JsonDefault;
  fixed_on: NullableDate;
  matter_id: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MediationTable {
  id: Generated<string>;
  client_id: string;
  household_id: string | null;
  village_code: string;
  member_person_id: string | null;
  dispute_type: DisputeType;
  parties_enc: string;
  parties_masked: string[];
  summary: string;
  mediated_on: DateCol;
  outcome: MediationOutcome;
  agreement: string | null;
  follow_up_on: NullableDate;
  followed_up_at: NullableTimestamp;
  follow_up_note: string | null;
  matter_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface GridDatabase {
  grid: GridTable;
  grid_member: GridMemberTable;
  household: HouseholdTable;
  household_resident: HouseholdResidentTable;
  household_assignment_run: HouseholdAssignmentRunTable;
  visit: VisitTable;
  upkeep: UpkeepTable;
  inspection: InspectionTable;
  hazard: HazardTable;
  mediation: MediationTable;
}
