import type { Role } from '../api/types.ts';

/**
 * What each role sees in the shell. The server enforces every rule again
 * (SEC-1, ORG-4); these only keep the UI from offering what would be refused.
 */
export type SectionKey =
  | 'home'
  | 'registry'
  | 'buildings'
  | 'enterprises'
  | 'belts'
  | 'investment'
  | 'instructors'
  | 'imports'
  | 'regions'
  | 'organisations'
  | 'people'
  | 'users'
  | 'audit'
  | 'channels'
  | 'matterReport'
  | 'myMatters'
  | 'matters'
  // DSH-1 the matters dashboard
  | 'matterDashboard'
  // POL-1 … POL-4
  | 'policies'
  | 'policiesForYou'
  | 'policyApplications'
  | 'policyMeetings'
  | 'policyDashboard'
  // GRD-3 the party member's phone pages
  | 'fieldHouseholds'
  | 'fieldVisit'
  | 'fieldInspection'
  | 'fieldMediation'
  // LST-1 … LST-4 the three lists
  | 'needs'
  | 'resources'
  | 'projects'
  | 'listsBoard'
  // VIL-1 … VIL-4 traditional villages and their county dashboard (DSH-1)
  | 'villages'
  | 'villageIncome'
  | 'heritage'
  | 'villageDashboard';

export const SECTION_PATH: Record<SectionKey, string> = {
  home: '/',
  registry: '/registry',
  buildings: '/buildings',
  enterprises: '/enterprises',
  belts: '/belts',
  investment: '/investment',
  instructors: '/instructors',
  imports: '/import',
  regions: '/regions',
  organisations: '/organisations',
  people: '/people',
  users: '/admin/users',
  audit: '/admin/audit',
  channels: '/admin/channels',
  matterReport: '/matters/new',
  myMatters: '/matters/mine',
  matters: '/matters',
  matterDashboard: '/matters/dashboard',
  policies: '/policies',
  policiesForYou: '/policies/mine',
  policyApplications: '/policies/applications',
  policyMeetings: '/policies/meetings',
  policyDashboard: '/policies/dashboard',
  fieldHouseholds: '/field',
  fieldVisit: '/field/visit',
  fieldInspection: '/field/inspection',
  fieldMediation: '/field/mediation',
  needs: '/needs',
  resources: '/resources',
  projects: '/projects',
  listsBoard: '/lists/board',
  villages: '/villages',
  villageIncome: '/villages/income',
  heritage: '/villages/heritage',
  villageDashboard: '/villages/dashboard',
};

// The registry (红色新云图, REG-1…9) is kept by city, district and street staff; villages have no office buildings.
const REGISTRY_STAFF: readonly SectionKey[] = ['registry', 'buildings', 'enterprises', 'belts', 'investment', 'instructors', 'imports'];
const REGION_STAFF: readonly SectionKey[] = [
  'home',
  'matters',
  'matterDashboard',
  ...REGISTRY_STAFF,
  'regions',
  'organisations',
  'people',
  'users',
  'channels',
];

// LST-1 … LST-4 building and region staff keep all three lists; enterprises enter and follow their own needs.
const LISTS: readonly SectionKey[] = ['needs', 'resources', 'projects', 'listsBoard'];

// VIL-1 … VIL-4 county, township and village offices keep the villages' books; the dashboard is theirs too (DSH-1).
const VILLAGES: readonly SectionKey[] = ['villages', 'villageIncome', 'heritage', 'villageDashboard'];

// POL-1 … POL-4 policy officers keep the catalogue, applications, meetings and the dashboard; enterprises see theirs.
const POLICY_OFFICE: readonly SectionKey[] = ['policies', 'policyApplications', 'policyMeetings', 'policyDashboard'];

export const SECTIONS_BY_ROLE: Record<Role, readonly SectionKey[]> = {
  admin: [
    'home',
    'matters',
    'matterDashboard',
    ...REGISTRY_STAFF,
    ...LISTS,
    ...POLICY_OFFICE,
    ...VILLAGES,
    'regions',
    'organisations',
    'people',
    'users',
    'audit',
    'channels',
  ],
  city: [...REGION_STAFF, ...LISTS, ...POLICY_OFFICE, ...VILLAGES],
  district: [...REGION_STAFF, ...LISTS, ...POLICY_OFFICE, ...VILLAGES],
  street: [...REGION_STAFF, ...LISTS, ...POLICY_OFFICE, ...VILLAGES],
  village: ['home', 'matters', ...VILLAGES, 'regions', 'organisations', 'people', 'users', 'channels', 'policies', 'policyMeetings'],
  // Departments read the registry of their region (their officers sit in 一楼八员) but keep none of it.
  dept: [
    'home',
    'matters',
    'matterDashboard',
    'registry',
    'buildings',
    'enterprises',
    'belts',
    'investment',
    'instructors',
    'regions',
    'organisations',
    'people',
    ...LISTS,
    ...POLICY_OFFICE,
  ],
  building: ['home', 'matters', 'buildings', 'enterprises', ...LISTS, 'organisations', 'people', 'policies'],
  // Enterprises raise matters (我要反映) and follow their own (我的事项, MAT-1); staff work them in the workbench.
  enterprise: [
    'home',
    'policiesForYou',
    'matterReport',
    'myMatters',
    'policies',
    'policyApplications',
    'needs',
    'enterprises',
    'organisations',
    'people',
  ],
  // GRD-3 a party member's own households and field records, on the phone.
  member: ['home', 'fieldHouseholds', 'fieldVisit', 'fieldInspection', 'fieldMediation', 'people', 'policies'],
};

export function maySee(role: Role, section: SectionKey): boolean {
  return SECTIONS_BY_ROLE[role].includes(section);
}

const WRITERS: readonly Role[] = ['admin', 'city', 'district', 'street', 'village'];

/** Organisations and people are written by admins and region staff inside their region. */
export function mayWriteRecords(role: Role): boolean {
  return WRITERS.includes(role);
}

const LEASE_WRITERS: readonly Role[] = ['admin', 'city', 'district', 'street', 'building'];

/** Leases and 一楼八员 are kept by region staff and, for their own building, by the building's staff (REG-3, REG-6). */
export function mayKeepBuilding(role: Role): boolean {
  return LEASE_WRITERS.includes(role);
}

const REGISTRY_WRITERS: readonly Role[] = ['admin', 'city', 'district', 'street'];

/** Belts, investment leads and imports are kept by admins and region staff (REG-7…9). */
export function mayKeepRegistry(role: Role): boolean {
  return REGISTRY_WRITERS.includes(role);
}

/** Mirrors the server's ROLES_MANAGED_BY: which account roles a role may create. */
export const ROLES_MANAGED_BY: Record<Role, readonly Role[]> = {
  admin: ['admin', 'city', 'district', 'street', 'dept', 'building', 'enterprise', 'member', 'village'],
  city: ['district', 'street', 'dept', 'building', 'enterprise', 'member', 'village'],
  district: ['street', 'dept', 'building', 'enterprise', 'member', 'village'],
  street: ['building', 'enterprise', 'member'],
  village: ['member'],
  dept: [],
  building: [],
  enterprise: [],
  member: [],
};

/** A matter's own page (/matters/:id) is open to whoever has either the workbench or the portal's list (MAT-1, MAT-5). */
export const MATTER_PAGE_SECTIONS: readonly SectionKey[] = ['matters', 'myMatters'];

/** The section a path belongs to, for highlighting the menu. */
export function sectionOfPath(pathname: string): SectionKey {
  if (pathname.startsWith('/admin/audit')) return 'audit';
  if (pathname.startsWith('/admin/channels')) return 'channels';
  if (pathname.startsWith('/admin/users')) return 'users';
  if (pathname.startsWith('/registry')) return 'registry';
  if (pathname.startsWith('/buildings')) return 'buildings';
  if (pathname.startsWith('/enterprises')) return 'enterprises';
  if (pathname.startsWith('/belts')) return 'belts';
  if (pathname.startsWith('/investment')) return 'investment';
  if (pathname.startsWith('/instructors')) return 'instructors';
  if (pathname.startsWith('/import')) return 'imports';
  if (pathname.startsWith('/regions')) return 'regions';
  if (pathname.startsWith('/organisations')) return 'organisations';
  if (pathname.startsWith('/people')) return 'people';
  if (pathname.startsWith('/matters/dashboard')) return 'matterDashboard';
  if (pathname.startsWith('/matters/new')) return 'matterReport';
  if (pathname.startsWith('/matters/mine')) return 'myMatters';
  if (pathname.startsWith('/matters')) return 'matters';
  if (pathname.startsWith('/policies/mine')) return 'policiesForYou';
  if (pathname.startsWith('/policies/applications')) return 'policyApplications';
  if (pathname.startsWith('/policies/meetings')) return 'policyMeetings';
  if (pathname.startsWith('/policies/dashboard')) return 'policyDashboard';
  if (pathname.startsWith('/policies')) return 'policies';
  if (pathname.startsWith('/field/visit')) return 'fieldVisit';
  if (pathname.startsWith('/field/inspection')) return 'fieldInspection';
  if (pathname.startsWith('/field/mediation')) return 'fieldMediation';
  if (pathname.startsWith('/field')) return 'fieldHouseholds';
  if (pathname.startsWith('/needs')) return 'needs';
  if (pathname.startsWith('/resources')) return 'resources';
  if (pathname.startsWith('/projects')) return 'projects';
  if (pathname.startsWith('/lists')) return 'listsBoard';
  if (pathname.startsWith('/villages/income')) return 'villageIncome';
  if (pathname.startsWith('/villages/heritage')) return 'heritage';
  if (pathname.startsWith('/villages/dashboard')) return 'villageDashboard';
  if (pathname.startsWith('/villages')) return 'villages';
  return 'home';
}
