import type { z } from 'zod';
import { buildQuery, http } from '../../api/client.ts';
import type { gridDashboardSchema } from '../../../server/modules/grid-dashboard/routes.ts';
import type { villageDashboardSchema } from '../../../server/modules/villages/schemas-dashboard.ts';
import type {
  fundEntryInput,
  fundLedgerSchema,
  fundProjectInput,
  publicFundSummarySchema,
} from '../../../server/modules/villages/schemas-funds.ts';
import type {
  guideInput,
  heritageItemInput,
  heritageListSchema,
  incomeInput,
  inheritorInput,
  incomeOverviewSchema,
  performanceInput,
  performanceListSchema,
  siteInput,
  siteListSchema,
} from '../../../server/modules/villages/schemas-heritage.ts';
import type {
  holderInput,
  planInput,
  responsibilityInput,
  rulesInput,
  rulesVersionListSchema,
  traditionalBuildingInput,
  villageDetailSchema,
  villageListSchema,
  villagePostInput,
} from '../../../server/modules/villages/schemas.ts';

// The shapes are the server's own response schemas (type-only imports: nothing of the server reaches the bundle).
export type VillageList = z.infer<typeof villageListSchema>;
export type VillageSummary = VillageList['items'][number];
export type VillageDetail = z.infer<typeof villageDetailSchema>;
export type RulesVersions = z.infer<typeof rulesVersionListSchema>;
export type FundLedger = z.infer<typeof fundLedgerSchema>;
export type FundEntryInput = z.input<typeof fundEntryInput>;
export type FundProjectInput = z.input<typeof fundProjectInput>;
export type PublicFundSummary = z.infer<typeof publicFundSummarySchema>;
export type IncomeOverview = z.infer<typeof incomeOverviewSchema>;
export type IncomeInput = z.input<typeof incomeInput>;
export type HeritageList = z.infer<typeof heritageListSchema>;
export type PerformanceList = z.infer<typeof performanceListSchema>;
export type PerformanceInput = z.input<typeof performanceInput>;
export type SiteList = z.infer<typeof siteListSchema>;
export type VillageDashboard = z.infer<typeof villageDashboardSchema>;
export type GridDashboard = z.infer<typeof gridDashboardSchema>;
export type PlanInput = z.input<typeof planInput>;
export type BuildingInput = z.input<typeof traditionalBuildingInput>;
export type RulesInput = z.input<typeof rulesInput>;
export type ResponsibilityInput = z.input<typeof responsibilityInput>;
export type HeritageItemInput = z.input<typeof heritageItemInput>;
export type InheritorInput = z.input<typeof inheritorInput>;
export type SiteInput = z.input<typeof siteInput>;
export type GuideInput = z.input<typeof guideInput>;
export type VillagePostInput = z.input<typeof villagePostInput>;
export type HolderInput = z.input<typeof holderInput>;
type Created = { id: string };

const v = (code: string) => `/api/villages/${encodeURIComponent(code)}`;

/** VIL-1 … VIL-4 and DSH-1: the village pages' calls (docs/API.md, "Traditional villages"). */
export const villagesApi = {
  list: (query: { regionCode?: string | null; q?: string }, signal?: AbortSignal) =>
    http.get<VillageList>('/api/villages', { query: { regionCode: query.regionCode, q: query.q }, signal }),
  get: (code: string, signal?: AbortSignal) => http.get<VillageDetail>(v(code), { signal }),
  patch: (code: string, body: { fundsPublished?: boolean; summary?: string }) => http.patch<VillageDetail>(v(code), body),
  addPlan: (code: string, body: PlanInput) => http.post<unknown>(`${v(code)}/plans`, body),
  addBuilding: (code: string, body: BuildingInput) => http.post<unknown>(`${v(code)}/buildings`, body),
  patchBuilding: (code: string, id: string, body: Partial<BuildingInput>) => http.patch<unknown>(`${v(code)}/buildings/${id}`, body),
  raiseBuildingMatter: (code: string, id: string, body: { description: string; urgent?: boolean; idempotencyKey?: string }) =>
    http.post<{ matterId: string; created: boolean }>(`${v(code)}/buildings/${id}/matter`, body),
  addPost: (code: string, body: VillagePostInput) => http.post<VillageDetail>(`${v(code)}/posts`, body),
  addHolder: (code: string, postId: string, body: HolderInput) =>
    http.post<VillageDetail>(`${v(code)}/posts/${encodeURIComponent(postId)}/holders`, body),
  addChainLink: (code: string, body: ResponsibilityInput) => http.post<VillageDetail>(`${v(code)}/chain`, body),
  rules: (code: string, signal?: AbortSignal) => http.get<RulesVersions>(`${v(code)}/rules`, { signal }),
  addRules: (code: string, body: RulesInput) => http.post<unknown>(`${v(code)}/rules`, body),
  makeCurrent: (code: string, version: number) => http.post<unknown>(`${v(code)}/rules/${version}/current`),
  ledger: (code: string, query: { limit: number; offset: number }, signal?: AbortSignal) =>
    http.get<FundLedger>(`${v(code)}/funds`, { query, signal }),
  addProject: (code: string, body: FundProjectInput) => http.post<unknown>(`${v(code)}/fund-projects`, body),
  addEntry: (code: string, body: FundEntryInput) => http.post<FundLedger>(`${v(code)}/fund-entries`, body),
  publicFunds: (code: string, signal?: AbortSignal) =>
    http.get<PublicFundSummary>(`/api/public/villages/${encodeURIComponent(code)}/funds`, { signal, allowUnauthenticated: true }),
  income: (query: { regionCode?: string | null; year: number }, signal?: AbortSignal) =>
    http.get<IncomeOverview>('/api/collective-income', { query: { regionCode: query.regionCode, year: query.year }, signal }),
  putIncome: (code: string, year: number, body: IncomeInput) => http.put<unknown>(`${v(code)}/income/${year}`, body),
  putThresholds: (regionCode: string, amounts: number[]) => http.put<unknown>('/api/collective-income/thresholds', { regionCode, amounts }),
  heritage: (regionCode: string | null, signal?: AbortSignal) =>
    http.get<HeritageList>('/api/heritage-items', { query: { regionCode }, signal }),
  addHeritageItem: (body: HeritageItemInput) => http.post<Created>('/api/heritage-items', body),
  addInheritor: (itemId: string, body: InheritorInput) =>
    http.post<Created>(`/api/heritage-items/${encodeURIComponent(itemId)}/inheritors`, body),
  performances: (query: { regionCode?: string | null; from?: string; to?: string }, signal?: AbortSignal) =>
    http.get<PerformanceList>('/api/performances', { query, signal }),
  addPerformance: (body: PerformanceInput) => http.post<unknown>('/api/performances', body),
  sites: (query: { regionCode?: string | null; from?: string; to?: string }, signal?: AbortSignal) =>
    http.get<SiteList>('/api/tourism-sites', { query, signal }),
  addSite: (body: SiteInput) => http.post<Created>('/api/tourism-sites', body),
  addGuide: (siteId: string, body: GuideInput) => http.post<Created>(`/api/tourism-sites/${encodeURIComponent(siteId)}/guides`, body),
  putVisitors: (siteId: string, month: string, visitors: number) =>
    http.put<unknown>(`/api/tourism-sites/${siteId}/visitors/${month}`, { visitors }),
  dashboard: (query: { regionCode?: string | null; year: number }, signal?: AbortSignal) =>
    http.get<VillageDashboard>('/api/village-dashboard', { query, signal }),
  dashboardXlsx: (query: { regionCode?: string | null; year: number }) =>
    `/api/village-dashboard.xlsx${buildQuery({ regionCode: query.regionCode, year: query.year })}`,
  grids: (query: { regionCode: string; from?: string; to?: string }, signal?: AbortSignal) =>
    http.get<GridDashboard>('/api/grid-dashboard', { query, signal }),
  gridsXlsx: (query: { regionCode: string; from?: string; to?: string }) => `/api/grid-dashboard.xlsx${buildQuery(query)}`,
};
