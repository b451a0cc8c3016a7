import { explainReason, type BuildingMatch } from '../../../domain/registry/investment.ts';
import { industryName, sectionOf } from '../../../domain/registry/industry.ts';
import { LEAD_STATUS_LABELS, nextStatuses } from '../../../domain/registry/lead-status.ts';
import type { Locale } from '../../db/schema.ts';
import type { LeadRow } from './queries.ts';
import { vacantArea, type VacancyRow } from './vacancy.ts';

const round2 = (n: number) => Math.round(n * 100) / 100;

export function presentBuildingFit(row: VacancyRow) {
  const vacant = vacantArea(row);
  return {
    id: row.id,
    name: row.name,
    address: row.address,
    regionCode: row.region_code,
    regionName: row.region_name,
    positioning: row.positioning,
    industryFocus: row.industry_focus,
    officeArea: round2(row.office_area),
    leasedArea: round2(row.leased_area),
    vacantArea: round2(vacant),
    vacancyRate: row.office_area > 0 ? Math.round((vacant / row.office_area) * 10_000) / 10_000 : 0,
    askingRent: row.asking_rent,
    demoStatus: row.demo_status,
  };
}

export function presentMatch(match: BuildingMatch, rank: number, row: VacancyRow, locale: Locale) {
  return {
    rank,
    building: presentBuildingFit(row),
    score: match.score,
    fitsArea: match.fitsArea,
    reasons: match.components.map((c) => ({ factor: c.factor, points: c.points, text: explainReason(c.reason, locale) })),
  };
}

export function presentIndustryMix(rows: { section: string | null; n: string }[]) {
  return rows
    .map((r) => ({ section: r.section, name: r.section ? industryName(sectionOf(r.section) ?? r.section) : null, count: Number(r.n) }))
    .sort((a, b) => b.count - a.count);
}

export function presentLead(row: LeadRow, locale: Locale) {
  return {
    id: row.id,
    name: row.name,
    contactName: row.contact_name,
    industryCode: row.industry_code,
    industryName: row.industry_name,
    areaNeeded: Number(row.area_needed),
    budget: row.budget === null ? null : Number(row.budget),
    preferredRegionCode: row.preferred_region_code,
    status: row.status,
    statusLabel: LEAD_STATUS_LABELS[row.status][locale],
    nextStatuses: [...nextStatuses(row.status)],
    building: row.building_id && row.building_name ? { id: row.building_id, name: row.building_name } : null,
    enterprise: row.enterprise_id && row.enterprise_name ? { id: row.enterprise_id, name: row.enterprise_name } : null,
    leaseId: row.lease_id,
    note: row.note,
    regionCode: row.region_code,
    regionName: row.region_name,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
