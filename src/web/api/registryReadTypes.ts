/**
 * Wire shapes of the registry's read models and workflows: overview, search,
 * belts, investment, imports, service records (DSH-3, REG-7…9, SVC-1). Split
 * from registryTypes.ts only for length; import them from there.
 */
import type { DemoStatus, Ref } from './registryTypes.ts';

/** DSH-3 GET /api/registry/overview: the article's figures computed within the caller's scope. */
export interface RegistryOverview {
  region: { code: string; name: string; level: string } | null;
  today: string;
  buildings: number;
  enterprises: number;
  nonPublicEnterprises: number;
  instructors: number;
  instructorsServing: number;
  instructedEnterprises: number;
  stationedCadres: number;
  cityBelts: number;
  namedDemoBuildings: number;
  cultivatingDemoBuildings: number;
  officeArea: number;
  leasedArea: number;
  occupancyRate: number | null;
  buildingCoverageRate: number | null;
  enterpriseCoverageRate: number | null;
}

/** One hit of GET /api/search, grouped by what it is. */
export interface SearchHit {
  id: string;
  name: string;
  /** A second line: the building's street, the enterprise's building, the person's organisation. */
  detail: string | null;
}

export interface SearchResult {
  buildings: SearchHit[];
  enterprises: SearchHit[];
  people: SearchHit[];
}

export type BeltLevel = 'city' | 'county';
export type BeltRule = 'too_few_buildings' | 'too_many_buildings' | 'too_few_points';

/** REG-7 GET /api/belts item: its buildings, points and the rules it does not yet meet (messages in the caller's language). */
export interface Belt {
  id: string;
  name: string;
  level: BeltLevel;
  regionCode: string;
  regionName: string | null;
  description: string | null;
  establishedOn: string | null;
  createdAt: string;
  buildings: {
    buildingId: string;
    name: string;
    address: string;
    regionCode: string;
    status: 'cultivating' | 'named';
    since: string | null;
    progress: number;
  }[];
  points: {
    id: string;
    name: string;
    level: BeltLevel;
    regionCode: string;
    buildingId: string | null;
    buildingName: string | null;
    namedOn: string | null;
  }[];
  violations: { rule: BeltRule; actual: number; limit: number; message: string }[];
}

export interface BeltTotals {
  belts: number;
  cityBelts: number;
  countyBelts: number;
  namedBuildings: number;
  cultivatingBuildings: number;
  points: number;
  beltsBreakingRules: number;
}

export type LeadStatus = 'prospect' | 'negotiating' | 'settled' | 'dropped';

export interface BuildingFit {
  id: string;
  name: string;
  address: string;
  regionCode: string;
  regionName: string | null;
  positioning: string | null;
  industryFocus: string[];
  officeArea: number;
  leasedArea: number;
  vacantArea: number;
  vacancyRate: number;
  askingRent: number | null;
  demoStatus: DemoStatus;
}

/** REG-8 POST /api/investment/match: buildings ranked for an investor, each reason already in the caller's language. */
export interface InvestmentMatch {
  rank: number;
  building: BuildingFit;
  score: number;
  fitsArea: boolean;
  reasons: { factor: 'vacancy' | 'industry' | 'positioning' | 'rent' | 'location' | 'demo'; points: number; text: string }[];
}

export interface InvestmentLead {
  id: string;
  name: string;
  contactName: string | null;
  industryCode: string | null;
  industryName: string | null;
  areaNeeded: number;
  budget: number | null;
  preferredRegionCode: string | null;
  status: LeadStatus;
  statusLabel: string;
  nextStatuses: LeadStatus[];
  building: Ref | null;
  enterprise: Ref | null;
  leaseId: string | null;
  note: string | null;
  regionCode: string;
  regionName: string | null;
  createdAt: string;
  updatedAt: string;
}

export type ImportKind = 'buildings' | 'enterprises' | 'leases';
export const IMPORT_KINDS: readonly ImportKind[] = ['buildings', 'enterprises', 'leases'];

/** REG-9 an import job as GET /api/imports/:id reports it, with at most the first 1,000 row problems. */
export interface ImportJob {
  id: string;
  kind: ImportKind;
  fileName: string;
  status: 'running' | 'done' | 'failed';
  totalRows: number;
  processed: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  errors: { row: number; column: string; field: string; message: string }[];
  createdAt: string;
  finishedAt: string | null;
}

/** SVC-1 the kinds of service the article names: 争取项目、引进人才、开拓市场、革新技术、落实惠企政策. */
export type ServiceKind = 'project' | 'talent' | 'market' | 'technology' | 'policy';
export const SERVICE_KINDS: readonly ServiceKind[] = ['project', 'talent', 'market', 'technology', 'policy'];

/** SVC-1/SVC-2 GET /api/service-records. */
export interface ServiceRecord {
  id: string;
  personId: string;
  personName: string;
  enterpriseId: string;
  enterpriseName: string;
  kind: ServiceKind;
  kindLabel: string;
  servedOn: string;
  summary: string;
  regionCode: string;
  createdAt: string;
}
