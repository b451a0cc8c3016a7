/**
 * Wire shapes of the building registry (红色新云图, REG-1…9, SVC-1/2). They mirror
 * the Zod response schemas in src/server/modules/{buildings,enterprises,leases,…}/schemas.ts;
 * the server serialises through those, so a drift shows up as a type error here.
 */

export type Ownership = 'single' | 'multiple';
export const OWNERSHIPS: readonly Ownership[] = ['single', 'multiple'];
export type ManagementMode = 'owner_managed' | 'entrusted';
export type DemoStatus = 'none' | 'cultivating' | 'named';
export const DEMO_STATUSES: readonly DemoStatus[] = ['none', 'cultivating', 'named'];
export type SizeClass = 'large' | 'medium' | 'small' | 'micro';
export const SIZE_CLASSES: readonly SizeClass[] = ['large', 'medium', 'small', 'micro'];
export type PartyOrgStatus = 'own' | 'joint' | 'instructor' | 'none';
export const PARTY_ORG_STATUSES: readonly PartyOrgStatus[] = ['own', 'joint', 'instructor', 'none'];
export type LeaseEventKind = 'move_in' | 'move_out' | 'area_change' | 'renewal' | 'expiry';

export type LiaisonRole =
  | 'building_head'
  | 'building_instructor'
  | 'property_liaison'
  | 'police_officer'
  | 'market_section_head'
  | 'tax_officer'
  | 'talent_officer'
  | 'building_officer';
/** The article's order: 楼长、楼宇指导员、物管单位联络员、派出所片警、市场管理片段长、税务专管员、人才专员、楼宇专员. */
export const LIAISON_ROLES: readonly LiaisonRole[] = [
  'building_head',
  'building_instructor',
  'property_liaison',
  'police_officer',
  'market_section_head',
  'tax_officer',
  'talent_officer',
  'building_officer',
];

export interface Ref {
  id: string;
  name: string;
}

export interface Occupancy {
  leasedArea: number;
  vacantArea: number;
  occupancyRate: number;
  vacancyRate: number;
}

export interface Building {
  id: string;
  name: string;
  address: string;
  regionCode: string;
  regionName: string | null;
  lng: number | null;
  lat: number | null;
  floorsAbove: number | null;
  floorsBelow: number | null;
  grossArea: number | null;
  officeArea: number;
  ownership: Ownership;
  managementMode: ManagementMode;
  propertyCompany: Ref | null;
  propertyOwner: Ref | null;
  partyCommittee: Ref | null;
  managementCommittee: Ref | null;
  comprehensivePartyOrg: Ref | null;
  positioning: string | null;
  industryFocus: string[];
  demoStatus: DemoStatus;
  askingRent: number | null;
  completedYear: number | null;
  occupancy: Occupancy;
  createdAt: string;
  updatedAt: string;
}

export interface BuildingCoverage {
  mode: 'property_owner' | 'property_company' | 'none';
  anchored: boolean;
  enterprises: number;
  coveredEnterprises: number;
  enterpriseRate: number | null;
  byStatus: Record<PartyOrgStatus, number>;
}

export interface BuildingDetail extends Building {
  units: { id: string; floor: number; unitNo: string; area: number }[];
  coverage: BuildingCoverage;
}

export interface LiaisonSlot {
  role: LiaisonRole;
  holder: {
    assignmentId: string;
    personId: string;
    personName: string;
    organisationId: string | null;
    organisationName: string | null;
    startedOn: string;
  } | null;
}

export interface CommitteeMember {
  postId: string;
  personId: string;
  personName: string;
  title: string;
  startedOn: string | null;
}

export interface Committee {
  id: string;
  name: string;
  members: CommitteeMember[];
}

export interface Tenant {
  leaseId: string;
  enterpriseId: string;
  name: string;
  creditCode: string;
  industryCode: string | null;
  isKeyEnterprise: boolean;
  coverage: PartyOrgStatus;
  units: string;
  area: number;
  startOn: string;
  endOn: string;
}

export interface LeaseWarning {
  kind: 'expiring' | 'overdue' | 'moved_out';
  leaseId: string;
  enterpriseId: string;
  enterpriseName: string;
  date: string;
  days: number;
  area: number;
}

export interface BuildingPage {
  building: BuildingDetail;
  today: string;
  timeline: (Occupancy & { month: string; on: string })[];
  enterprises: Tenant[];
  liaisons: LiaisonSlot[];
  committees: {
    partyCommittee: Committee | null;
    managementCommittee: Committee | null;
    crossAppointed: { personId: string; personName: string; partyTitles: string[]; managementTitles: string[] }[];
  };
  warnings: LeaseWarning[];
}

export interface Enterprise {
  id: string;
  name: string;
  creditCode: string;
  parentId: string | null;
  regionCode: string;
  regionName: string | null;
  industryCode: string | null;
  industryName: string | null;
  industrySection: string | null;
  sizeClass: SizeClass | null;
  staffCount: number | null;
  partyMemberCount: number | null;
  isKeyEnterprise: boolean;
  isNonPublic: boolean;
  partyOrgStatus: PartyOrgStatus;
  hasInstructor: boolean;
  /** SVC-1 the assigned instructor; a pinned one stays through assignment runs. */
  instructor: { personId: string; name: string; pinned: boolean } | null;
  coverage: PartyOrgStatus;
  registeredOn: string | null;
  legalRepresentative: string | null;
  lng: number | null;
  lat: number | null;
  currentBuilding: Ref | null;
  createdAt: string;
  updatedAt: string;
}

export interface EnterpriseLease {
  id: string;
  buildingId: string;
  buildingName: string;
  units: string;
  area: number;
  startOn: string;
  endOn: string;
  endedOn: string | null;
}

export interface EnterpriseDetail extends Enterprise {
  leases: EnterpriseLease[];
}

export type LeaseStatus = 'upcoming' | 'current' | 'lapsed' | 'ended';

export interface Lease {
  id: string;
  buildingId: string;
  buildingName: string;
  enterpriseId: string;
  enterpriseName: string;
  units: string;
  area: number;
  startOn: string;
  endOn: string;
  endedOn: string | null;
  monthlyRent: number | null;
  externalRef: string | null;
  status: LeaseStatus;
  createdAt: string;
  updatedAt: string;
}

export interface LeaseDetail extends Lease {
  events: {
    id: string;
    kind: LeaseEventKind;
    effectiveOn: string;
    areaAfter: number;
    endOnAfter: string;
    note: string | null;
    createdAt: string;
  }[];
}

export interface CoverageRow {
  buildings: number;
  coveredBuildings: number;
  buildingRate: number | null;
  enterprises: number;
  coveredEnterprises: number;
  enterpriseRate: number | null;
  byStatus: Record<PartyOrgStatus, number>;
}

export interface RegionCoverage {
  region: { code: string; name: string; level: string };
  today: string;
  totals: CoverageRow;
  children: (CoverageRow & { code: string; name: string; level: string })[];
}

export * from './registryReadTypes.ts';
