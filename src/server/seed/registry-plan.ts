import { addDays } from '../../domain/registry/occupancy.ts';
import type { LiaisonRole, OrganisationKind, PartyOrgFormation, PartyOrgKind } from '../db/schema.ts';
import { birthDate, FUZHOU_SURNAMES, idNumber, mobileNumber, personName, type Gender, type Random } from './random.ts';

/**
 * DSH-3 the registry demo is planned in memory first, with local keys, and
 * written afterwards in bulk: ids are allocated per table in one query and
 * every reference is resolved from the keys. Planning is pure (a seeded
 * generator and the day of seeding), so the same seed gives the same data.
 * Keys of organisations and people made by the foundation demo (demo-data.ts)
 * may be referred to as they are ('djb.committee', 'gl.tax.officer').
 */

export interface StreetRow {
  code: string;
  name: string;
  district: string;
}

export interface OrgRow {
  key: string;
  parent: string | null;
  kind: OrganisationKind;
  name: string;
  region: string;
  partyOrgKind: PartyOrgKind | null;
  formation: PartyOrgFormation | null;
  departmentKind: string | null;
  creditCode: string | null;
}

export interface PostRow {
  org: string;
  title: string;
  startedOn: string;
}

export interface PersonRow {
  key: string;
  name: string;
  gender: Gender;
  birth: string;
  idNumber: string;
  phone: string;
  partyMember: boolean;
  region: string;
  org: string | null;
  posts: PostRow[];
}

export interface BuildingRow {
  key: string;
  name: string;
  address: string;
  district: string;
  region: string;
  lng: number;
  lat: number;
  floorsAbove: number;
  floorsBelow: number;
  grossArea: number;
  officeArea: number;
  ownership: 'single' | 'multiple';
  managementMode: 'owner_managed' | 'entrusted';
  propertyCompany: string | null;
  propertyOwner: string | null;
  committee: string;
  management: string;
  comprehensive: string | null;
  positioning: string | null;
  industryFocus: string[];
  askingRent: number;
  completedYear: number;
  demoStatus: 'none' | 'cultivating' | 'named';
  /** The divisions its tenants are drawn from, weighted. */
  industries: readonly (readonly [string, number])[];
}

export interface LiaisonRow {
  building: string;
  role: LiaisonRole;
  person: string;
  org: string;
  startedOn: string;
}

export interface EnterpriseRow {
  org: string;
  name: string;
  creditCode: string;
  industryCode: string;
  sizeClass: 'large' | 'medium' | 'small' | 'micro';
  staffCount: number;
  partyMemberCount: number;
  isKeyEnterprise: boolean;
  isNonPublic: boolean;
  partyOrgStatus: 'own' | 'joint' | 'instructor' | 'none';
  registeredOn: string;
  legalRepresentative: string;
  region: string;
  district: string;
  lng: number;
  lat: number;
  /** The building it leases in today (its latest open lease). */
  currentBuilding: string | null;
}

export interface LeaseEventRow {
  kind: 'move_in' | 'move_out' | 'area_change' | 'renewal' | 'expiry';
  effectiveOn: string;
  areaAfter: number;
  endOnAfter: string;
  note: string | null;
}

export interface LeaseRow {
  key: string;
  building: string;
  enterprise: string;
  units: string;
  area: number;
  startOn: string;
  endOn: string;
  endedOn: string | null;
  monthlyRent: number;
  externalRef: string;
  events: LeaseEventRow[];
}

export interface BeltRow {
  key: string;
  name: string;
  region: string;
  description: string;
  establishedOn: string;
  buildings: { building: string; status: 'cultivating' | 'named'; since: string; progress: number }[];
  points: { name: string; level: 'city' | 'county'; building: string | null; region: string; namedOn: string }[];
}

export interface InstructorRow {
  person: string;
  title: string;
  capacity: number;
  lng: number;
  lat: number;
  region: string;
}

export interface CadreRow {
  person: string;
  region: string;
  parkName: string | null;
  homeUnit: string;
  startedOn: string;
  enterprises: string[];
}

export interface ServiceRecordRow {
  person: string;
  enterprise: string;
  kind: 'project' | 'talent' | 'market' | 'technology' | 'policy';
  servedOn: string;
  summary: string;
}

/** Everything the demo adds, in the order it is written (parents before children). */
export class RegistryPlan {
  readonly orgs: OrgRow[] = [];
  readonly people: PersonRow[] = [];
  readonly buildings: BuildingRow[] = [];
  readonly liaisons: LiaisonRow[] = [];
  readonly enterprises: EnterpriseRow[] = [];
  readonly leases: LeaseRow[] = [];
  readonly belts: BeltRow[] = [];
  readonly instructors: InstructorRow[] = [];
  readonly assignments: { enterprise: string; person: string; distanceKm: number }[] = [];
  readonly cadres: CadreRow[] = [];
  readonly serviceRecords: ServiceRecordRow[] = [];
  private readonly phones = new Set<string>();
  private seq = 0;

  constructor(
    readonly rnd: Random,
    /** The day of seeding: lease histories run up to it and expiries follow it. */
    readonly today: string,
  ) {}

  key(prefix: string): string {
    return `${prefix}#${++this.seq}`;
  }

  org(o: Omit<OrgRow, 'key' | 'partyOrgKind' | 'formation' | 'departmentKind' | 'creditCode'> & Partial<OrgRow>): string {
    const key = o.key ?? this.key('org');
    this.orgs.push({ partyOrgKind: null, formation: null, departmentKind: null, creditCode: null, ...o, key });
    return key;
  }

  /** A made-up Fuzhou person with valid, unique-looking phone and ID numbers. */
  person(p: { org: string | null; region: string; posts: PostRow[]; partyMember?: boolean; born?: [number, number] }): string {
    const rnd = this.rnd;
    const gender: Gender = rnd.next() < 0.62 ? 'male' : 'female';
    const [from, to] = p.born ?? [1966, 1992];
    const birth = birthDate(rnd, from, to);
    let phone = mobileNumber(rnd);
    while (this.phones.has(phone)) phone = mobileNumber(rnd);
    this.phones.add(phone);
    const key = this.key('person');
    this.people.push({
      key,
      name: personName(rnd, FUZHOU_SURNAMES, gender),
      gender,
      birth,
      idNumber: idNumber(rnd, rnd.pick(['350102', '350103', '350104', '350111', '350105', '350112', '350121', '350181']), birth, gender),
      phone,
      partyMember: p.partyMember ?? true,
      region: p.region,
      org: p.org,
      posts: p.posts,
    });
    return key;
  }

  /** A day between `fromDaysAgo` and `toDaysAgo` before today (inclusive). */
  daysAgo(fromDaysAgo: number, toDaysAgo: number): string {
    return addDays(this.today, -this.rnd.int(toDaysAgo, fromDaysAgo));
  }

  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.rnd.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1]![0];
  }

  /** A Fisher–Yates shuffle driven by the seeded generator. */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.rnd.int(0, i);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
}

export const round2 = (n: number) => Math.round(n * 100) / 100;

/** Keeps demo coordinates inside the brief's box around Fuzhou's office districts. */
export function clampToFuzhou(lng: number, lat: number): { lng: number; lat: number } {
  return {
    lng: Math.round(Math.min(119.45, Math.max(119.2, lng)) * 1e6) / 1e6,
    lat: Math.round(Math.min(26.15, Math.max(25.95, lat)) * 1e6) / 1e6,
  };
}

/** 东街街道 → 东街, 洪山镇 → 洪山: how staff name a street in a building or station name. */
export function shortStreet(name: string): string {
  return name.replace(/(街道|镇|乡)$/, '');
}
