import { http, type QueryValue } from './client.ts';

/** POL-1 … POL-4 the policies API as the pages use it (docs/API.md § Policies). */
export type ApplicationMode = 'automatic' | 'fast_track' | 'application';
export type PolicyStatus = 'draft' | 'published' | 'withdrawn';
export type ApplicationStatus = 'pending' | 'submitted' | 'granted' | 'rejected';
export type Tri = 'met' | 'unmet' | 'unknown';

/** The rule language of docs/policies-rules.md, loosely typed for the editor's forms. */
export interface RuleGroupNode {
  kind: 'and' | 'or';
  rules: RuleNode[];
}
export interface ConditionNode {
  kind: 'condition';
  field: string;
  op: string;
  value?: number | string;
  values?: string[];
  min?: number;
  max?: number;
}
export interface BandNode {
  upTo: number;
  inclusive: boolean;
  threshold: number;
}
export interface BracketNode {
  kind: 'bracket';
  field: string;
  op: string;
  by: string;
  bands: BandNode[];
  otherwise: number;
}
export type RuleNode = RuleGroupNode | ConditionNode | BracketNode;

export interface PolicySummary {
  id: string;
  title: string;
  issuer: string;
  level: string;
  regionCode: string | null;
  regionName: string | null;
  mode: ApplicationMode;
  status: PolicyStatus;
  benefit: string;
  benefitAmount: number | null;
  validFrom: string | null;
  validTo: string | null;
  deadline: string | null;
  version: number;
  publishedAt: string | null;
  eligible: number | null;
}

export interface Explanation {
  status: Tri;
  conditions: { path: number[]; field: string; status: Tri; text: string; change: string | null }[];
  missingFields: { field: string; label: string }[];
}

export interface Policy extends PolicySummary {
  beneficiaries: string;
  benefitRate: number | null;
  benefitCap: number | null;
  fullText: string;
  contact: string | null;
  rule: RuleNode;
  fieldsUsed: string[];
  mayEdit: boolean;
  mine: Explanation | null;
  history: { version: number; action: string; actorName: string; at: string }[];
}

export interface PolicyInput {
  title: string;
  issuer: string;
  regionCode?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
  beneficiaries?: string;
  benefit?: string;
  benefitAmount?: number | null;
  fullText?: string;
  mode: ApplicationMode;
  deadline?: string | null;
  contact?: string | null;
  rule: RuleNode;
}

export interface EnterpriseResult {
  enterpriseId: string;
  name: string;
  regionCode: string;
  gap: number;
  explanation: Explanation;
}

export interface Preview {
  total: number;
  met: number;
  unknown: number;
  unmet: number;
  nearly: number;
  fieldsUsed: string[];
  ms: number;
  sample: EnterpriseResult[];
}

export interface ForYou {
  items: {
    policy: PolicySummary;
    gap: number;
    explanation: Explanation;
    application: { id: string; status: ApplicationStatus; grantedAmount: number | null } | null;
  }[];
  total: number;
  counts: { met: number; nearly: number };
  missingFields: { field: string; label: string }[];
}

export interface Application {
  id: string;
  policyId: string;
  policyTitle: string;
  mode: ApplicationMode;
  enterpriseId: string;
  enterpriseName: string;
  status: ApplicationStatus;
  automatic: boolean;
  requestedAmount: number | null;
  grantedAmount: number | null;
  submittedOn: string | null;
  grantedOn: string | null;
  note: string | null;
  updatedAt: string;
}

export interface MeetingSummary {
  id: string;
  title: string;
  heldAt: string;
  venue: string;
  regionCode: string;
  policies: number;
  invited: number;
  attended: number;
}

export interface Meeting {
  id: string;
  title: string;
  heldAt: string;
  venue: string;
  regionCode: string;
  notes: string;
  mayEdit: boolean;
  policies: { id: string; title: string; issuer: string; mode: ApplicationMode }[];
  invites: { enterpriseId: string; name: string; reason: 'eligible' | 'nearly'; attended: boolean | null; followUp: string | null }[];
}

export interface Figures {
  pushes: number;
  eligible: number;
  applied: number;
  granted: number;
  grantedAmount: number;
}
export interface PolicyDashboard {
  totals: Figures & { policies: number };
  byPolicy: (Figures & { id: string; title: string; issuer: string; mode: string; status: string })[];
  byIssuer: (Figures & { issuer: string; policies: number })[];
  byStreet: (Figures & { regionCode: string; name: string })[];
}

export interface Page<T> {
  items: T[];
  total: number;
}

export const policiesApi = {
  list: (query: Record<string, QueryValue>, signal?: AbortSignal) => http.get<Page<PolicySummary>>('/api/policies', { query, signal }),
  get: (id: string, signal?: AbortSignal) => http.get<Policy>(`/api/policies/${id}`, { signal }),
  create: (input: PolicyInput) => http.post<Policy>('/api/policies', input),
  update: (id: string, input: Partial<PolicyInput> & { expectedVersion: number }) => http.patch<Policy>(`/api/policies/${id}`, input),
  publish: (id: string, expectedVersion: number) => http.post<Policy>(`/api/policies/${id}/publish`, { expectedVersion }),
  withdraw: (id: string, expectedVersion: number) => http.post<Policy>(`/api/policies/${id}/withdraw`, { expectedVersion }),
  preview: (rule: RuleNode, regionCode: string | null, signal?: AbortSignal) =>
    http.post<Preview>('/api/policies/preview', { rule, regionCode, limit: 8 }, { signal }),
  results: (id: string, kind: 'met' | 'nearly', offset: number, signal?: AbortSignal) =>
    http.get<Page<EnterpriseResult> & { counts: { met: number; nearly: number } }>(`/api/policies/${id}/results`, {
      query: { kind, offset, limit: 20 },
      signal,
    }),
  ask: (id: string, question: string, idempotencyKey: string) =>
    http.post<{ matterId: string; created: boolean }>(`/api/policies/${id}/questions`, { question, idempotencyKey }),
  forYou: (enterpriseId: string, offset: number, signal?: AbortSignal) =>
    http.get<ForYou>(`/api/enterprises/${enterpriseId}/policies`, { query: { offset, limit: 10 }, signal }),
  apply: (policyId: string, body: { enterpriseId?: string; requestedAmount?: number | null; note?: string | null }) =>
    http.post<Application>(`/api/policies/${policyId}/applications`, body),
  applications: (query: Record<string, QueryValue>, signal?: AbortSignal) =>
    http.get<Page<Application>>('/api/policy-applications', { query, signal }),
  moveApplication: (id: string, body: { to: ApplicationStatus; amount?: number | null; on?: string | null; note?: string | null }) =>
    http.post<Application>(`/api/policy-applications/${id}/transition`, body),
  meetings: (signal?: AbortSignal) => http.get<Page<MeetingSummary>>('/api/policy-meetings', { query: { limit: 100 }, signal }),
  meeting: (id: string, signal?: AbortSignal) => http.get<Meeting>(`/api/policy-meetings/${id}`, { signal }),
  createMeeting: (body: { title: string; heldAt: string; venue?: string; regionCode: string; policyIds: string[] }) =>
    http.post<Meeting>('/api/policy-meetings', body),
  recordInvite: (id: string, enterpriseId: string, body: { attended?: boolean | null; followUp?: string | null }) =>
    http.patch<Meeting>(`/api/policy-meetings/${id}/invites/${enterpriseId}`, body),
  dashboard: (signal?: AbortSignal) => http.get<PolicyDashboard>('/api/policy-dashboard', { signal }),
};
