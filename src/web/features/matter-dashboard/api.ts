import { buildQuery, request } from '../../api/client.ts';

/** DSH-1 the matters dashboard as the server sends it (src/server/modules/matter-dashboard/schemas.ts). */
export interface Figures {
  received: number;
  keyEnterprise: number;
  withdrawn: number;
  open: number;
  responded: number;
  respondedOnTime: number;
  closed: number;
  closedOnTime: number;
  closeMinutes: number;
  rated: number;
  satisfied: number;
  reopened: number;
  overdue: number;
  escStreet: number;
  escDistrict: number;
  escCity: number;
  responseRate: number | null;
  closureRate: number | null;
  onTimeClosureRate: number | null;
  satisfactionRate: number | null;
  averageWorkingDaysToClose: number | null;
}

export interface MatterDashboard {
  region: { code: string; name: string } | null;
  organisation: { id: string; name: string } | null;
  from: string;
  to: string;
  totals: Figures;
  byLevel: { level: 'building' | 'street' | 'district' | 'city'; matters: number; escalatedTo: number }[];
  byMonth: (Figures & { month: string })[];
  byCategory: (Figures & { categoryId: string; code: string; name: string; nameEn: string })[];
  regionRanking: (Figures & { code: string; name: string })[];
  departmentRanking: (Figures & { organisationId: string; name: string })[];
}

export interface DashboardFilter {
  regionCode?: string | null;
  from?: string | null;
  to?: string | null;
}

export const matterDashboardApi = {
  get: (filter: DashboardFilter, signal?: AbortSignal) =>
    request<MatterDashboard>('GET', '/api/matter-dashboard', { query: { ...filter }, signal }),
  excelUrl: (filter: DashboardFilter) => `/api/matter-dashboard.xlsx${buildQuery({ ...filter })}`,
};
