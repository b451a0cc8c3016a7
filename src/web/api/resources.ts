import { http } from './client.ts';
import type {
  AuditEntry,
  AuditVerifyResult,
  Formation,
  Gender,
  Locale,
  Meta,
  Organisation,
  OrganisationDetail,
  OrganisationKind,
  Page,
  PartyOrgKind,
  Person,
  PersonDetail,
  RegionDetail,
  RegionSummary,
  Role,
  User,
} from './types.ts';

/** One function per endpoint of docs/API.md, so pages never spell a URL. */

const enc = encodeURIComponent;

export interface PageQuery {
  limit?: number;
  offset?: number;
}

interface Session {
  user: User;
  csrfToken: string;
}

export const authApi = {
  me: () => http.get<Session>('/api/auth/me', { allowUnauthenticated: true }),
  login: (username: string, password: string) =>
    http.post<Session>('/api/auth/login', { username, password }, { allowUnauthenticated: true }),
  logout: () => http.post<null>('/api/auth/logout', {}, { allowUnauthenticated: true }),
  setLocale: (locale: Locale) => http.patch<Session>('/api/auth/me', { locale }),
  changePassword: (currentPassword: string, newPassword: string) =>
    http.post<Session>('/api/auth/password', { currentPassword, newPassword }),
};

export const metaApi = {
  get: () => http.get<Meta>('/api/meta', { allowUnauthenticated: true }),
};

export const regionApi = {
  roots: () => http.get<{ items: RegionSummary[] }>('/api/regions'),
  search: (q: string) => http.get<{ items: RegionSummary[] }>('/api/regions', { query: { q } }),
  get: (code: string) => http.get<RegionDetail>(`/api/regions/${enc(code)}`),
};

export interface OrganisationFilter extends PageQuery {
  parentId?: string | undefined;
  kind?: OrganisationKind | undefined;
  regionCode?: string | undefined;
  q?: string | undefined;
}

export interface OrganisationInput {
  name: string;
  kind: OrganisationKind;
  partyOrgKind?: PartyOrgKind | null;
  formation?: Formation | null;
  departmentKind?: string | null;
  parentId?: string | null;
  regionCode: string;
  creditCode?: string | null;
}

export const organisationApi = {
  list: (filter: OrganisationFilter) => http.get<Page<Organisation>>('/api/organisations', { query: { ...filter } }),
  get: (id: string) => http.get<OrganisationDetail>(`/api/organisations/${enc(id)}`),
  create: (input: OrganisationInput) => http.post<OrganisationDetail>('/api/organisations', input),
  /** `expectedUpdatedAt` makes a concurrent edit fail with 409 instead of silently overwriting it. */
  update: (id: string, input: Partial<OrganisationInput> & { expectedUpdatedAt?: string }) =>
    http.patch<OrganisationDetail>(`/api/organisations/${enc(id)}`, input),
};

export interface PersonFilter extends PageQuery {
  organisationId?: string | undefined;
  q?: string | undefined;
  partyMember?: boolean | undefined;
}

export interface PersonInput {
  name: string;
  gender?: Gender | null;
  birthDate?: string | null;
  isPartyMember: boolean;
  regionCode: string;
  organisationId?: string | null;
  phone?: string | null;
  idNumber?: string | null;
}

export interface PostInput {
  organisationId: string;
  title: string;
  startedOn?: string | null;
  endedOn?: string | null;
}

export const personApi = {
  list: (filter: PersonFilter) => http.get<Page<Person>>('/api/people', { query: { ...filter } }),
  get: (id: string) => http.get<PersonDetail>(`/api/people/${enc(id)}`),
  create: (input: PersonInput) => http.post<PersonDetail>('/api/people', input),
  update: (id: string, input: Partial<PersonInput>) => http.patch<PersonDetail>(`/api/people/${enc(id)}`, input),
  addPost: (id: string, input: PostInput) => http.post<PersonDetail>(`/api/people/${enc(id)}/posts`, input),
  endPost: (id: string, postId: string) => http.delete<PersonDetail>(`/api/people/${enc(id)}/posts/${enc(postId)}`),
};

export interface UserFilter extends PageQuery {
  role?: Role | undefined;
  q?: string | undefined;
}

export interface UserCreateInput {
  username: string;
  displayName: string;
  role: Role;
  regionCode?: string | null;
  organisationId?: string | null;
  personId?: string | null;
  password: string;
  locale: Locale;
}

export interface UserUpdateInput {
  displayName?: string;
  role?: Role;
  regionCode?: string | null;
  organisationId?: string | null;
  personId?: string | null;
  locale?: Locale;
  disabled?: boolean;
}

export const userApi = {
  list: (filter: UserFilter) => http.get<Page<User>>('/api/users', { query: { ...filter } }),
  get: (id: string) => http.get<User>(`/api/users/${enc(id)}`),
  create: (input: UserCreateInput) => http.post<User>('/api/users', input),
  update: (id: string, input: UserUpdateInput) => http.patch<User>(`/api/users/${enc(id)}`, input),
  setPassword: (id: string, password: string) => http.post<User>(`/api/users/${enc(id)}/password`, { password }),
  unlock: (id: string) => http.post<User>(`/api/users/${enc(id)}/unlock`, {}),
};

export interface AuditFilter extends PageQuery {
  entity?: string | undefined;
  entityId?: string | undefined;
  actor?: string | undefined;
  action?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export const auditApi = {
  list: (filter: AuditFilter) => http.get<Page<AuditEntry>>('/api/audit', { query: { ...filter } }),
  verify: () => http.get<AuditVerifyResult>('/api/audit/verify'),
};
