import { buildQuery, http } from './client.ts';
import type { PageQuery } from './resources.ts';
import type { Page } from './types.ts';

/** One function per endpoint of the three lists (LST-1…4), so pages never spell a URL. */

const enc = encodeURIComponent;

export const LIST_CATEGORIES = [
  'talent',
  'financing',
  'market',
  'technology',
  'policy',
  'space',
  'training',
  'legal',
  'tax',
  'living_services',
  'industrial_upgrading',
  'party_building',
  'other',
] as const;
export type ListCategory = (typeof LIST_CATEGORIES)[number];
export const URGENCIES = ['low', 'normal', 'high'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const NEED_STATUSES = ['open', 'matched', 'in_project', 'done', 'closed'] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];
export const REQUESTER_KINDS = ['party_org', 'enterprise', 'party_member', 'employee', 'talent'] as const;
export type RequesterKind = (typeof REQUESTER_KINDS)[number];
export const PROVIDER_KINDS = ['department', 'enterprise', 'social_organisation', 'party_org'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];
export const PROJECT_STATUSES = ['in_progress', 'done', 'cancelled'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
export type MatchFactor = 'category' | 'text' | 'proximity' | 'capacity' | 'validity' | 'area';

export interface Named {
  id: string;
  name: string;
}

export interface ProjectBrief {
  id: string;
  code: string;
  name: string;
  status: ProjectStatus;
  progress: number;
}

export interface Need {
  id: string;
  code: string;
  title: string;
  description: string;
  category: ListCategory;
  requesterKind: RequesterKind;
  requesterName: string;
  requesterOrg: Named | null;
  enterprise: Named | null;
  building: Named | null;
  regionCode: string;
  regionName: string | null;
  quantity: number;
  urgency: Urgency;
  status: NeedStatus;
  project: ProjectBrief | null;
  matterId: string | null;
  complaintMatterId: string | null;
  closeReason: string | null;
  version: number;
  createdAt: string;
  matchedAt: string | null;
  doneAt: string | null;
}

export interface NeedDecision {
  id: string;
  resourceId: string;
  resourceCode: string;
  resourceTitle: string;
  provider: string;
  status: 'proposed' | 'confirmed' | 'rejected';
  score: number;
  quantity: number;
  note: string | null;
  projectId: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
}

export interface NeedDetail extends Need {
  decisions: NeedDecision[];
  mayEdit: boolean;
  mayConfirm: boolean;
}

export interface ScoreComponent {
  factor: MatchFactor;
  weight: number;
  value: number;
  points: number;
  code: string;
  /** In the caller's language, from the server. */
  reason: string;
}

export interface Scored {
  score: number;
  eligible: boolean;
  components: ScoreComponent[];
  ineligible: string[];
}

export interface ResourceProposal extends Scored {
  resource: {
    id: string;
    code: string;
    title: string;
    category: ListCategory;
    provider: string;
    providerKind: string;
    capacityLeft: number | null;
    conditions: string;
    validUntil: string | null;
  };
}

export interface Resource {
  id: string;
  code: string;
  title: string;
  description: string;
  category: ListCategory;
  providerKind: ProviderKind;
  provider: Named;
  regionCode: string;
  regionName: string | null;
  capacity: number | null;
  capacityLeft: number | null;
  conditions: string;
  contact: string;
  servedRegion: { code: string; name: string } | null;
  validFrom: string | null;
  validUntil: string | null;
  status: 'active' | 'withdrawn';
  version: number;
  createdAt: string;
  /** Whether the caller may edit or withdraw it. */
  mayEdit?: boolean;
}

export interface Project {
  id: string;
  code: string;
  name: string;
  description: string;
  owner: Named;
  building: Named | null;
  regionCode: string;
  regionName: string | null;
  parent: { id: string; code: string; name: string } | null;
  weight: number;
  status: ProjectStatus;
  progress: number;
  startedOn: string | null;
  dueOn: string | null;
  needCount: number;
  closedAt: string | null;
  version: number;
  createdAt: string;
}

export interface Milestone {
  id: string;
  title: string;
  dueOn: string | null;
  weight: number;
  done: boolean;
  doneAt: string | null;
}

export interface ProjectDetail extends Project {
  closingReport: string | null;
  members: { id: string; name: string; role: 'lead' | 'member'; organisation: Named | null; personId: string | null }[];
  milestones: Milestone[];
  children: { id: string; code: string; name: string; weight: number; progress: number; status: ProjectStatus }[];
  needs: { id: string; code: string; title: string; status: string; category: string; requesterName: string }[];
  resources: { id: string; code: string; title: string; provider: string; needId: string; quantity: number; score: number }[];
  evidence: { id: string; fileName: string; mimeType: string; sizeBytes: number; createdAt: string }[];
  mayEdit: boolean;
}

export interface FunnelCounts {
  needs: number;
  matched: number;
  inProject: number;
  done: number;
}

export interface Funnel {
  region: { code: string; name: string } | null;
  from: string | null;
  to: string | null;
  totals: FunnelCounts;
  byCategory: (FunnelCounts & { category: ListCategory })[];
  projects: Record<ProjectStatus, number>;
}

export interface BulkPlan {
  region: { code: string; name: string };
  mode: 'one_to_one' | 'many_to_one';
  asOf: string;
  needs: number;
  matched: number;
  totalScore: number;
  upperBound: number;
  optimal: boolean;
  method: 'flow' | 'greedy';
  greedy: { totalScore: number; matched: number };
  ms: { load: number; plan: number };
  matches: {
    need: { id: string; code: string; title: string; category: ListCategory; quantity: number };
    resource: { id: string; code: string; title: string; provider: string; capacityLeft: number | null };
    score: number;
    quantity: number;
  }[];
}

export interface NeedFilter extends PageQuery {
  status?: NeedStatus | undefined;
  category?: ListCategory | undefined;
  urgency?: Urgency | undefined;
  requesterKind?: RequesterKind | undefined;
  buildingId?: string | undefined;
  enterpriseId?: string | undefined;
  projectId?: string | undefined;
  regionCode?: string | undefined;
  q?: string | undefined;
}

export interface NeedInput {
  title: string;
  description?: string;
  category: ListCategory;
  quantity: number;
  urgency: Urgency;
  requesterKind?: RequesterKind;
  requesterName?: string;
  enterpriseId?: string | null;
  requesterOrgId?: string | null;
  buildingId?: string | null;
}

export interface ConfirmInput {
  resourceId: string;
  projectId?: string | null;
  createProject?: boolean;
  projectName?: string;
  note?: string;
}

export interface ResourceFilter extends PageQuery {
  status?: 'active' | 'withdrawn' | undefined;
  category?: ListCategory | undefined;
  providerKind?: ProviderKind | undefined;
  regionCode?: string | undefined;
  available?: 'true' | 'false' | undefined;
  q?: string | undefined;
}

export interface ResourceInput {
  title: string;
  description: string;
  category: ListCategory;
  capacity: number | null;
  conditions: string;
  contact: string;
  validFrom?: string | null;
  validUntil?: string | null;
}

/** Edits send the version they were made on; a stale one is refused (409). */
export type NeedPatch = { version: number } & Partial<Pick<NeedInput, 'title' | 'description' | 'category' | 'quantity' | 'urgency'>>;
export type ResourcePatch = { version: number; status?: 'active' | 'withdrawn' } & Partial<ResourceInput>;

export interface ProjectFilter extends PageQuery {
  status?: ProjectStatus | undefined;
  regionCode?: string | undefined;
  topLevel?: 'true' | 'false' | undefined;
  q?: string | undefined;
}

/** The .xlsx of a list under the same filters: a plain link, so the browser downloads it with the session cookie. */
export function exportHref(list: 'needs' | 'resources' | 'projects', filter: object): string {
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries(filter)) {
    if (key !== 'limit' && key !== 'offset' && value !== undefined && value !== null) query[key] = String(value);
  }
  return `/api/${list}/export${buildQuery(query)}`;
}

export const needApi = {
  list: (filter: NeedFilter, signal?: AbortSignal) => http.get<Page<Need>>('/api/needs', { query: { ...filter }, signal }),
  get: (id: string, signal?: AbortSignal) => http.get<NeedDetail>(`/api/needs/${enc(id)}`, { signal }),
  create: (input: NeedInput) => http.post<Need>('/api/needs', input),
  update: (id: string, patch: NeedPatch) => http.patch<{ version: number }>(`/api/needs/${enc(id)}`, patch),
  /** Withdrawing a need closes it with the reason given (LST-1). */
  close: (id: string, reason: string) => http.post<Need>(`/api/needs/${enc(id)}/close`, { reason }),
  proposals: (id: string, limit = 10, signal?: AbortSignal) =>
    http.get<{ needId: string; asOf: string; items: ResourceProposal[] }>(`/api/needs/${enc(id)}/proposals`, {
      query: { limit },
      signal,
    }),
  confirm: (id: string, input: ConfirmInput) =>
    http.post<{ matchId: string; projectId: string | null; projectCode: string | null }>(`/api/needs/${enc(id)}/confirm`, input),
  reject: (id: string, resourceId: string, note?: string) => http.post<unknown>(`/api/needs/${enc(id)}/reject`, { resourceId, note }),
};

export const resourceApi = {
  list: (filter: ResourceFilter, signal?: AbortSignal) => http.get<Page<Resource>>('/api/resources', { query: { ...filter }, signal }),
  create: (input: ResourceInput) => http.post<Resource>('/api/resources', input),
  update: (id: string, patch: ResourcePatch) => http.patch<{ version: number }>(`/api/resources/${enc(id)}`, patch),
};

export const projectApi = {
  list: (filter: ProjectFilter, signal?: AbortSignal) => http.get<Page<Project>>('/api/projects', { query: { ...filter }, signal }),
  get: (id: string, signal?: AbortSignal) => http.get<ProjectDetail>(`/api/projects/${enc(id)}`, { signal }),
  addMilestone: (id: string, input: { title: string; dueOn?: string | null; weight?: number }) =>
    http.post<{ id: string }>(`/api/projects/${enc(id)}/milestones`, input),
  updateMilestone: (id: string, milestoneId: string, patch: { done?: boolean; title?: string }) =>
    http.patch<unknown>(`/api/projects/${enc(id)}/milestones/${enc(milestoneId)}`, patch),
  uploadEvidence: (id: string, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return http.post<{ id: string }>(`/api/projects/${enc(id)}/evidence`, form);
  },
  evidenceHref: (id: string, evidenceId: string) => `/api/projects/${enc(id)}/evidence/${enc(evidenceId)}`,
  close: (id: string, outcome: 'done' | 'cancelled', report: string) =>
    http.post<unknown>(`/api/projects/${enc(id)}/close`, { outcome, report }),
};

export const boardApi = {
  funnel: (regionCode?: string, signal?: AbortSignal) => http.get<Funnel>('/api/lists/funnel', { query: { regionCode }, signal }),
  plan: (regionCode: string, mode: 'one_to_one' | 'many_to_one' = 'many_to_one') =>
    http.post<BulkPlan>('/api/matching/plan', { regionCode, mode }),
};
