import { http } from './client.ts';
import type { PageQuery } from './resources.ts';
import type {
  Belt,
  BeltLevel,
  BeltTotals,
  BuildingDetail,
  BuildingPage,
  Building,
  DemoStatus,
  Enterprise,
  EnterpriseDetail,
  ImportJob,
  ImportKind,
  InvestmentLead,
  InvestmentMatch,
  LeadStatus,
  Lease,
  LeaseDetail,
  LiaisonRole,
  LiaisonSlot,
  PartyOrgStatus,
  RegionCoverage,
  RegistryOverview,
  SearchResult,
  ServiceKind,
  ServiceRecord,
  SizeClass,
} from './registryTypes.ts';
import type { AssignResult, Cadre, CadreDetail, Instructor, InstructorDetail, LeadInput, Pin } from './registryServiceTypes.ts';
import type { Page } from './types.ts';

/** One function per registry endpoint (REG-1…6), so pages never spell a URL. */

const enc = encodeURIComponent;

export interface BuildingFilter extends PageQuery {
  regionCode?: string | undefined;
  positioning?: string | undefined;
  demoStatus?: DemoStatus | undefined;
  q?: string | undefined;
  /** REG-3 REG-8 today's occupancy: vacancy-rate bounds (0–1) and the least vacant area in ㎡. */
  vacancyRateMin?: number | undefined;
  vacancyRateMax?: number | undefined;
  vacantAreaMin?: number | undefined;
}

export const buildingApi = {
  list: (filter: BuildingFilter, signal?: AbortSignal) => http.get<Page<Building>>('/api/buildings', { query: { ...filter }, signal }),
  get: (id: string) => http.get<BuildingDetail>(`/api/buildings/${enc(id)}`),
  page: (id: string, signal?: AbortSignal) => http.get<BuildingPage>(`/api/buildings/${enc(id)}/page`, { signal }),
  assignLiaison: (id: string, role: LiaisonRole, personId: string, startedOn?: string) =>
    http.put<{ items: LiaisonSlot[] }>(`/api/buildings/${enc(id)}/liaisons/${enc(role)}`, { personId, startedOn }),
  vacateLiaison: (id: string, role: LiaisonRole) =>
    http.delete<{ items: LiaisonSlot[] }>(`/api/buildings/${enc(id)}/liaisons/${enc(role)}`),
  coverage: (regionCode?: string, signal?: AbortSignal) => http.get<RegionCoverage>('/api/coverage', { query: { regionCode }, signal }),
};

export interface EnterpriseFilter extends PageQuery {
  regionCode?: string | undefined;
  buildingId?: string | undefined;
  industryCode?: string | undefined;
  sizeClass?: SizeClass | undefined;
  isKeyEnterprise?: 'true' | 'false' | undefined;
  partyOrgStatus?: PartyOrgStatus | undefined;
  q?: string | undefined;
}

export const enterpriseApi = {
  list: (filter: EnterpriseFilter, signal?: AbortSignal) =>
    http.get<Page<Enterprise>>('/api/enterprises', { query: { ...filter }, signal }),
  get: (id: string, signal?: AbortSignal) => http.get<EnterpriseDetail>(`/api/enterprises/${enc(id)}`, { signal }),
};

export interface MoveInInput {
  buildingId: string;
  enterpriseId: string;
  area: number;
  units?: string;
  startOn: string;
  endOn: string;
  note?: string | null;
}

export interface LeaseEventInput {
  kind: 'move_out' | 'area_change' | 'renewal' | 'expiry';
  effectiveOn: string;
  area?: number | null;
  endOn?: string | null;
  note?: string | null;
}

export const leaseApi = {
  list: (filter: PageQuery & { buildingId?: string; enterpriseId?: string; state?: 'open' | 'ended' }) =>
    http.get<Page<Lease>>('/api/leases', { query: { ...filter } }),
  moveIn: (input: MoveInInput) => http.post<LeaseDetail>('/api/leases', input),
  addEvent: (leaseId: string, input: LeaseEventInput) => http.post<LeaseDetail>(`/api/leases/${enc(leaseId)}/events`, input),
};

export const overviewApi = {
  get: (regionCode?: string, signal?: AbortSignal) =>
    http.get<RegistryOverview>('/api/registry/overview', { query: { regionCode }, signal }),
};

export const searchApi = {
  search: (q: string, signal?: AbortSignal) => http.get<SearchResult>('/api/search', { query: { q }, signal }),
};

/** REG-7 a candidate building's place in a belt: 培育中 with a progress, or 已命名 (progress 100). */
export type BeltBuildingStatus = Belt['buildings'][number]['status'];

export interface BeltBuildingInput {
  buildingId: string;
  status: BeltBuildingStatus;
  since?: string | null;
  progress?: number;
}

export interface BeltPointInput {
  name: string;
  level: BeltLevel;
  regionCode: string;
  buildingId?: string | null;
  namedOn?: string | null;
}

/** Every change answers with the belt as it now stands, rule checks included. */
export const beltApi = {
  list: (filter: PageQuery & { regionCode?: string; level?: BeltLevel }, signal?: AbortSignal) =>
    http.get<Page<Belt> & { totals: BeltTotals }>('/api/belts', { query: { ...filter }, signal }),
  addBuilding: (id: string, input: BeltBuildingInput) => http.post<Belt>(`/api/belts/${enc(id)}/buildings`, input),
  updateBuilding: (id: string, buildingId: string, patch: Omit<Partial<BeltBuildingInput>, 'buildingId'>) =>
    http.patch<Belt>(`/api/belts/${enc(id)}/buildings/${enc(buildingId)}`, patch),
  addPoint: (id: string, input: BeltPointInput) => http.post<Belt>(`/api/belts/${enc(id)}/points`, input),
  removePoint: (id: string, pointId: string) => http.delete<Belt>(`/api/belts/${enc(id)}/points/${enc(pointId)}`),
};

export interface MatchInput {
  industryCode?: string | null;
  area: number;
  budget?: number | null;
  preferredRegionCode?: string | null;
  keywords?: string[];
  limit?: number;
}

export interface TransitionInput {
  to: LeadStatus;
  note?: string | null;
  buildingId?: string;
  enterprise?: { name: string; creditCode: string; industryCode?: string | null };
  lease?: { area?: number; units?: string; startOn: string; endOn: string };
}

export const investmentApi = {
  match: (input: MatchInput) => http.post<Page<InvestmentMatch>>('/api/investment/match', input),
  leads: (filter: PageQuery & { status?: LeadStatus; q?: string }, signal?: AbortSignal) =>
    http.get<Page<InvestmentLead>>('/api/investment/leads', { query: { ...filter }, signal }),
  transition: (id: string, input: TransitionInput) => http.post<InvestmentLead>(`/api/investment/leads/${enc(id)}/transition`, input),
  createLead: (input: LeadInput) => http.post<InvestmentLead>('/api/investment/leads', input),
  deleteLead: (id: string) => http.delete<null>(`/api/investment/leads/${enc(id)}`),
};

export const importApi = {
  templateUrl: (kind: ImportKind) => `/api/imports/templates/${enc(kind)}`,
  exportUrl: (kind: ImportKind) => `/api/exports/${enc(kind)}`,
  upload: (kind: ImportKind, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return http.post<ImportJob>(`/api/imports/${enc(kind)}`, form);
  },
  job: (id: string, signal?: AbortSignal) => http.get<ImportJob>(`/api/imports/${enc(id)}`, { signal }),
};

/** SVC-1/SVC-2 a visit by an instructor or stationed cadre to an enterprise. */
export interface ServiceInput {
  personId: string;
  enterpriseId: string;
  kind: ServiceKind;
  servedOn: string;
  summary: string;
}

export const serviceApi = {
  list: (filter: PageQuery & { enterpriseId?: string; personId?: string }, signal?: AbortSignal) =>
    http.get<Page<ServiceRecord>>('/api/service-records', { query: { ...filter }, signal }),
  create: (input: ServiceInput) => http.post<ServiceRecord>('/api/service-records', input),
  remove: (id: string) => http.delete<null>(`/api/service-records/${enc(id)}`),
};

/** SVC-1 instructors, their assignment runs and pins. */
export const instructorApi = {
  list: (filter: PageQuery & { regionCode?: string; q?: string; active?: 'true' | 'false' }, signal?: AbortSignal) =>
    http.get<Page<Instructor>>('/api/instructors', { query: { ...filter }, signal }),
  get: (personId: string, signal?: AbortSignal) => http.get<InstructorDetail>(`/api/instructors/${enc(personId)}`, { signal }),
  assign: (input: { regionCode: string; dryRun: boolean; lambda?: number }) => http.post<AssignResult>('/api/instructors/assign', input),
  pin: (enterpriseId: string, personId: string, pinned = true) =>
    http.put<Pin>(`/api/enterprises/${enc(enterpriseId)}/instructor`, { personId, pinned }),
  unassign: (enterpriseId: string) => http.delete<null>(`/api/enterprises/${enc(enterpriseId)}/instructor`),
};

/** SVC-2 stationed cadres with their portfolios. */
export const cadreApi = {
  list: (filter: PageQuery & { regionCode?: string; q?: string }, signal?: AbortSignal) =>
    http.get<Page<Cadre>>('/api/cadres', { query: { ...filter }, signal }),
  get: (personId: string, signal?: AbortSignal) => http.get<CadreDetail>(`/api/cadres/${enc(personId)}`, { signal }),
};
