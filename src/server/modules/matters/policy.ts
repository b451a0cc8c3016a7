import { MATTER_LEVELS, type MatterLevel } from '../../../domain/matters/limits.ts';
import { TRANSITIONS, type MatterAction, type MatterParty } from '../../../domain/matters/workflow.ts';
import { isWithinRegion } from '../../../domain/regions.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Role } from '../../db/schema.ts';

/**
 * MAT-3 / MAT-5 who plays which part in a matter, read as rules. The query layer
 * (scope 'matter') decides what a user sees at all; these rules decide which
 * steps they may take on a matter they see:
 *
 * - coordinator: the office at the matter's current level — the building's staff
 *   (or the village's, for matters of a village without a building), then the
 *   street, district and city offices of the matter's region;
 * - handler: the department (or property company) the current dispatch went to;
 * - supervisor: an office above the matter's level in its region (it approves
 *   extensions and gives 督办 cards);
 * - enterprise: the enterprise that raised it.
 */

export interface MatterPlace {
  level: MatterLevel;
  region_code: string;
  org_path: string;
  enterprise_path: string;
  handler_path: string;
  building_id: string | null;
}

const ROLE_LEVEL: Partial<Record<Role, MatterLevel>> = { street: 'street', district: 'district', city: 'city' };

/** The region of the office at `level` for a matter in `regionCode`. */
export function levelRegion(regionCode: string, level: MatterLevel): string {
  switch (level) {
    case 'building':
      return regionCode;
    case 'street':
      return regionCode.slice(0, 9);
    case 'district':
      return regionCode.slice(0, 6);
    case 'city':
      return regionCode.slice(0, 4) + '00';
  }
}

const levelIndex = (level: MatterLevel) => MATTER_LEVELS.indexOf(level);
const under = (path: string, anchor: string | null) => anchor !== null && anchor !== '' && path !== '' && path.startsWith(anchor);

export function partiesOf(actor: Actor, matter: MatterPlace): Set<MatterParty> {
  const parties = new Set<MatterParty>();
  if (actor.role === 'admin') {
    for (const p of ['coordinator', 'handler', 'enterprise', 'supervisor', 'system'] as const) parties.add(p);
    return parties;
  }
  if (under(matter.enterprise_path, actor.orgPath) && actor.role === 'enterprise') parties.add('enterprise');
  if (under(matter.handler_path, actor.orgPath) && (actor.role === 'dept' || actor.role === 'building')) parties.add('handler');
  if (actor.role === 'building' && matter.level === 'building' && under(matter.org_path, actor.orgPath)) parties.add('coordinator');
  if (
    actor.role === 'village' &&
    matter.level === 'building' &&
    matter.building_id === null &&
    actor.regionCode !== null &&
    isWithinRegion(matter.region_code, actor.regionCode)
  ) {
    parties.add('coordinator');
  }
  const officeLevel = ROLE_LEVEL[actor.role];
  if (officeLevel && actor.regionCode && isWithinRegion(matter.region_code, actor.regionCode)) {
    if (officeLevel === matter.level && actor.regionCode === levelRegion(matter.region_code, officeLevel)) parties.add('coordinator');
    // The top of the ladder has no one above it: the city office supervises its own matters.
    if (levelIndex(officeLevel) > levelIndex(matter.level) || (officeLevel === 'city' && matter.level === 'city'))
      parties.add('supervisor');
  }
  return parties;
}

/** Whether `actor` may take `action` on the matter (the workflow table then checks the status). */
export function mayTakeStep(actor: Actor, matter: MatterPlace, action: MatterAction): boolean {
  const parties = partiesOf(actor, matter);
  return TRANSITIONS[action].by.some((p) => parties.has(p));
}

/** Who may raise a matter for an enterprise or building: the enterprise itself and the offices over it. */
export function mayRaiseFor(actor: Actor, place: { regionCode: string; buildingPath: string; enterprisePath: string }): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role === 'enterprise') return under(place.enterprisePath, actor.orgPath);
  if (actor.role === 'building') return under(place.buildingPath, actor.orgPath) || under(place.enterprisePath, actor.orgPath);
  if (actor.role === 'street' || actor.role === 'district' || actor.role === 'city' || actor.role === 'village') {
    return actor.regionCode !== null && isWithinRegion(place.regionCode, actor.regionCode);
  }
  if (actor.role === 'member') return actor.regionCode !== null && isWithinRegion(place.regionCode, actor.regionCode);
  return false;
}

/** The steps a user may see buttons for; the status filter is the workflow's. */
export function stepsFor(actor: Actor, matter: MatterPlace, available: readonly MatterAction[]): MatterAction[] {
  const parties = partiesOf(actor, matter);
  return available.filter((a) => a !== 'collect' && TRANSITIONS[a].by.some((p) => p !== 'system' && parties.has(p)));
}
