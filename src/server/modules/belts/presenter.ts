import { beltTotals, beltViolations, describeViolation, effectiveProgress, type BeltFacts } from '../../../domain/registry/belts.ts';
import type { Locale } from '../../db/schema.ts';
import type { BeltMembers, BeltRow } from './queries.ts';

function factsOf(belt: { id: string; level: 'city' | 'county' }, members: BeltMembers): BeltFacts {
  return {
    level: belt.level,
    buildings: members.buildings
      .filter((b) => b.belt_id === belt.id)
      .map((b) => ({ buildingId: b.building_id, status: b.status, progress: b.progress })),
    points: members.points.filter((p) => p.belt_id === belt.id).map((p) => ({ level: p.level })),
  };
}

export function presentBelt(row: BeltRow, members: BeltMembers, locale: Locale) {
  const mine = {
    buildings: members.buildings.filter((b) => b.belt_id === row.id),
    points: members.points.filter((p) => p.belt_id === row.id),
  };
  return {
    id: row.id,
    name: row.name,
    level: row.level,
    regionCode: row.region_code,
    regionName: row.region_name,
    description: row.description,
    establishedOn: row.established_on,
    createdAt: row.created_at.toISOString(),
    buildings: mine.buildings.map((b) => ({
      buildingId: b.building_id,
      name: b.name,
      address: b.address,
      regionCode: b.region_code,
      status: b.status,
      since: b.since,
      progress: effectiveProgress(b),
    })),
    points: mine.points.map((p) => ({
      id: p.id,
      name: p.name,
      level: p.level,
      regionCode: p.region_code,
      buildingId: p.building_id,
      buildingName: p.building_name,
      namedOn: p.named_on,
    })),
    violations: beltViolations(factsOf(row, members)).map((v) => ({ ...v, message: describeViolation(v, locale) })),
  };
}

export function presentTotals(belts: { id: string; level: 'city' | 'county' }[], members: BeltMembers) {
  return beltTotals(belts.map((b) => factsOf(b, members)));
}
