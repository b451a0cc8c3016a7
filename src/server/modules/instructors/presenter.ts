import type { PlanStats } from '../../../domain/registry/assignment.ts';
import type { Locale } from '../../db/schema.ts';
import type { CadreRow, InstructorRow, ServiceRow } from './queries.ts';

const SERVICE_LABELS = {
  project: { 'zh-CN': '争取项目', en: 'projects secured' },
  talent: { 'zh-CN': '引进人才', en: 'talent recruited' },
  market: { 'zh-CN': '开拓市场', en: 'markets opened' },
  technology: { 'zh-CN': '革新技术', en: 'technology improved' },
  policy: { 'zh-CN': '落实惠企政策', en: 'policies delivered' },
} as const;

export function presentInstructor(row: InstructorRow) {
  return {
    personId: row.person_id,
    name: row.name,
    organisationName: row.organisation_name,
    title: row.title,
    capacity: row.capacity,
    load: Number(row.load),
    pinned: Number(row.pinned_count),
    lng: row.lng,
    lat: row.lat,
    regionCode: row.region_code,
    regionName: row.region_name,
    active: row.active,
  };
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

export function presentPlanStats(s: PlanStats) {
  return {
    assigned: s.assigned,
    unassigned: s.unassigned,
    totalDistanceKm: round(s.totalDistance, 2),
    objective: round(s.objective, 2),
    maxLoad: s.maxLoad,
    minLoad: s.minLoad,
    meanLoad: round(s.meanLoad, 3),
    loadStdDev: round(s.loadStdDev, 3),
  };
}

export function presentCadre(row: CadreRow) {
  return {
    personId: row.person_id,
    name: row.name,
    regionCode: row.region_code,
    regionName: row.region_name,
    parkName: row.park_name,
    homeUnit: row.home_unit,
    startedOn: row.started_on,
    endedOn: row.ended_on,
    enterpriseCount: Number(row.enterprise_count),
    serviceCount: Number(row.service_count),
  };
}

export function presentService(row: ServiceRow, locale: Locale) {
  return {
    id: row.id,
    personId: row.person_id,
    personName: row.person_name,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    kind: row.kind,
    kindLabel: SERVICE_LABELS[row.kind][locale],
    servedOn: row.served_on,
    summary: row.summary,
    regionCode: row.region_code,
    createdAt: row.created_at.toISOString(),
  };
}
