import type { ColumnType, Generated } from 'kysely';

/** VIL-1 … VIL-4 tables of db/migrations/012_villages.sql (village profiles, funds, collective income, heritage, tourism). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateCol = ColumnType<string, string, string>;
type NullableDate = ColumnType<string | null, string | null | undefined, string | null>;
/** numeric(14,2): read as a decimal string, written as a number or string. */
type Money = ColumnType<string, string | number, string | number>;
type NullableMoney = ColumnType<string | null, string | number | null | undefined, string | number | null>;

export const LISTING_LEVELS = ['national', 'provincial', 'municipal', 'county'] as const;
export type ListingLevel = (typeof LISTING_LEVELS)[number];
export const PLAN_STATUSES = ['drafting', 'approved', 'implementing', 'completed'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export const BUILDING_CONDITIONS = ['good', 'fair', 'poor', 'dangerous'] as const;
export type BuildingCondition = (typeof BUILDING_CONDITIONS)[number];
export const VILLAGE_POST_KINDS = ['pioneer_post', 'model_post'] as const;
export type VillagePostKind = (typeof VILLAGE_POST_KINDS)[number];
export const RESPONSIBILITY_LEVELS = ['county_leader', 'township_leader', 'department', 'village_secretary', 'social'] as const;
export type ResponsibilityLevel = (typeof RESPONSIBILITY_LEVELS)[number];
export const FUND_PURPOSES = ['planning', 'infrastructure', 'building_protection'] as const;
export type FundPurpose = (typeof FUND_PURPOSES)[number];
export const FUND_ENTRY_KINDS = ['source', 'allocation', 'spending'] as const;
export type FundEntryKind = (typeof FUND_ENTRY_KINDS)[number];
export const FUND_SOURCE_KINDS = ['central', 'provincial', 'municipal', 'county', 'social', 'other'] as const;
export type FundSourceKind = (typeof FUND_SOURCE_KINDS)[number];
export const HERITAGE_LEVELS = LISTING_LEVELS;
export const TOURISM_SITE_KINDS = ['red_education', 'museum', 'ancient_village', 'ecology', 'other'] as const;
export type TourismSiteKind = (typeof TOURISM_SITE_KINDS)[number];

export interface VillageProfileTable {
  region_code: string;
  party_org_id: string | null;
  org_path: Generated<string>;
  is_traditional: Generated<boolean>;
  listing_level: ListingLevel | null;
  listing_batch: number | null;
  listed_on: NullableDate;
  summary: Generated<string>;
  households: number | null;
  population: number | null;
  funds_published: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface VillagePlanTable {
  id: Generated<string>;
  region_code: string;
  title: string;
  status: PlanStatus;
  approved_on: NullableDate;
  period_from: number | null;
  period_to: number | null;
  document_name: string | null;
  note: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TraditionalBuildingTable {
  id: Generated<string>;
  region_code: string;
  name: string;
  era: string | null;
  kind: string | null;
  address: string | null;
  condition: BuildingCondition;
  inspected_on: NullableDate;
  note: string | null;
  matter_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface BuildingRepairTable {
  id: Generated<string>;
  building_id: string;
  region_code: string;
  repaired_on: DateCol;
  description: string;
  cost: NullableMoney;
  contractor: string | null;
  created_at: Timestamp;
}

export interface VillagePostTable {
  id: Generated<string>;
  region_code: string;
  kind: VillagePostKind;
  name: string;
  duty: Generated<string>;
  commitment: Generated<string>;
  created_at: Timestamp;
}

export interface VillagePostHolderTable {
  id: Generated<string>;
  post_id: string;
  person_id: string;
  since: DateCol;
  until: NullableDate;
}

export interface VillageRulesTable {
  id: Generated<string>;
  region_code: string;
  version: number;
  title: string;
  body: string;
  adopted_on: DateCol;
  adopted_by: Generated<string>;
  is_current: Generated<boolean>;
  created_by: string | null;
  created_at: Timestamp;
}

export interface VillageResponsibilityTable {
  id: Generated<string>;
  region_code: string;
  level: ResponsibilityLevel;
  person_id: string | null;
  organisation_id: string | null;
  duty: Generated<string>;
  since: NullableDate;
  created_at: Timestamp;
}

export interface FundProjectTable {
  id: Generated<string>;
  region_code: string;
  name: string;
  purpose: FundPurpose;
  building_id: string | null;
  created_at: Timestamp;
}

export interface FundEntryTable {
  id: Generated<string>;
  region_code: string;
  kind: FundEntryKind;
  project_id: string | null;
  amount: Money;
  entry_on: DateCol;
  source_kind: FundSourceKind | null;
  counterparty: Generated<string>;
  voucher_no: string | null;
  attachment_name: string | null;
  note: string | null;
  overdraft_note: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface CollectiveIncomeTable {
  region_code: string;
  year: number;
  operating_income: Money;
  total_income: NullableMoney;
  note: string | null;
  updated_at: Timestamp;
}

export interface CollectiveIncomeThresholdTable {
  region_code: string;
  amount: Money;
}

export interface HeritageItemTable {
  id: Generated<string>;
  region_code: string;
  name: string;
  category: string;
  level: ListingLevel;
  listed_year: number | null;
  description: Generated<string>;
  created_at: Timestamp;
}

export interface InheritorTable {
  id: Generated<string>;
  heritage_item_id: string;
  region_code: string;
  name: string;
  level: ListingLevel;
  since_year: number | null;
  person_id: string | null;
  created_at: Timestamp;
}

export interface PerformanceTable {
  id: Generated<string>;
  heritage_item_id: string;
  region_code: string;
  title: string;
  performed_on: DateCol;
  place: string;
  audience: number;
  created_at: Timestamp;
}

export interface TourismSiteTable {
  id: Generated<string>;
  region_code: string;
  name: string;
  kind: TourismSiteKind;
  description: Generated<string>;
  opened_on: NullableDate;
  created_at: Timestamp;
}

export interface TourismGuideTable {
  id: Generated<string>;
  site_id: string;
  region_code: string;
  name: string;
  person_id: string | null;
  since: NullableDate;
  active: Generated<boolean>;
  created_at: Timestamp;
}

export interface VisitorCountTable {
  site_id: string;
  region_code: string;
  month: DateCol;
  visitors: number;
  updated_at: Timestamp;
}

export interface VillageDatabase {
  village_profile: VillageProfileTable;
  village_plan: VillagePlanTable;
  traditional_building: TraditionalBuildingTable;
  building_repair: BuildingRepairTable;
  village_post: VillagePostTable;
  village_post_holder: VillagePostHolderTable;
  village_rules: VillageRulesTable;
  village_responsibility: VillageResponsibilityTable;
  fund_project: FundProjectTable;
  fund_entry: FundEntryTable;
  collective_income: CollectiveIncomeTable;
  collective_income_threshold: CollectiveIncomeThresholdTable;
  heritage_item: HeritageItemTable;
  inheritor: InheritorTable;
  performance: PerformanceTable;
  tourism_site: TourismSiteTable;
  tourism_guide: TourismGuideTable;
  visitor_count: VisitorCountTable;
}
