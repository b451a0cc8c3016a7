/** Wire types of SVC-1 instructors and SVC-2 stationed cadres, as the server's schemas present them. */

export interface Instructor {
  personId: string;
  name: string;
  organisationName: string | null;
  title: string | null;
  capacity: number;
  load: number;
  pinned: number;
  lng: number | null;
  lat: number | null;
  regionCode: string;
  regionName: string | null;
  active: boolean;
}

export interface InstructorEnterprise {
  id: string;
  name: string;
  creditCode: string;
  pinned: boolean;
  distanceKm: number | null;
  assignedAt: string;
}

export interface InstructorDetail extends Instructor {
  enterprises: InstructorEnterprise[];
  serviceCount: number;
}

export interface PlanStats {
  assigned: number;
  unassigned: number;
  totalDistanceKm: number;
  objective: number;
  maxLoad: number;
  minLoad: number;
  meanLoad: number;
  loadStdDev: number;
}

/** One assignment run: the optimised plan beside the greedy baseline; applied unless a dry run. */
export interface AssignResult {
  regionCode: string;
  dryRun: boolean;
  instructors: number;
  enterprises: number;
  pinned: number;
  unlocated: number;
  lambda: number;
  optimal: boolean;
  rounds: number;
  elapsedMs: number;
  changed: number;
  optimised: PlanStats;
  greedy: PlanStats;
}

export interface Pin {
  enterpriseId: string;
  personId: string;
  instructorName: string;
  pinned: boolean;
  distanceKm: number | null;
}

export interface Cadre {
  personId: string;
  name: string;
  regionCode: string;
  regionName: string | null;
  parkName: string | null;
  homeUnit: string | null;
  startedOn: string;
  endedOn: string | null;
  enterpriseCount: number;
  serviceCount: number;
}

export interface CadreDetail extends Cadre {
  enterprises: { id: string; name: string; creditCode: string; buildingName: string | null }[];
}

export interface LeadInput {
  name: string;
  contactName?: string | null;
  industryCode?: string | null;
  areaNeeded: number;
  budget?: number | null;
  preferredRegionCode?: string | null;
  regionCode: string;
  note?: string | null;
}
