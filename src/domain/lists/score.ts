import { categoryRelatedness } from './categories.ts';
import {
  capacityValue,
  dayNumber,
  EXPIRING_SOON_DAYS,
  MATCH_WEIGHTS,
  PROXIMITY_VALUE,
  proximityOf,
  servesArea,
  validityValue,
} from './factors.ts';
import { areaReason, capacityReason, categoryReason, proximityReason, textReason, validityReason } from './reasons.ts';
import { cosineSimilarity, sharedPhrases, termVector, type TextCorpus } from './text.ts';
import type { ListNeed, ListResource, MatchReason, MatchScore, ScoreComponent } from './types.ts';

/**
 * LST-3 precise matching (精准对接): how well one resource serves one need, 0..100, each
 * component with its weight, value and a reason in Chinese and English, and every reason
 * the pair is not eligible (unrelated category, no capacity left, outside its validity or
 * area served). `corpus` supplies the document frequencies that weigh rare words up.
 */
export function scoreMatch(options: { need: ListNeed; resource: ListResource; asOf: string; corpus?: TextCorpus }): MatchScore {
  const { need, resource, asOf, corpus } = options;
  const ineligible: MatchReason[] = [];
  const components: ScoreComponent[] = [];
  const add = (factor: ScoreComponent['factor'], weight: number, value: number, reason: MatchReason) =>
    components.push({ factor, weight, value, points: weight * value, reason });

  const strength = categoryRelatedness(need.category, resource.category);
  const catReason = categoryReason(need.category, resource.category, strength);
  if (strength === 0) ineligible.push(catReason);
  add('category', MATCH_WEIGHTS.category, strength, catReason);

  const nv = termVector(need.description, corpus);
  const text = cosineSimilarity(nv, termVector(resource.description, corpus));
  add('text', MATCH_WEIGHTS.text, text.value, textReason(text.value, sharedPhrases(need.description, new Set(text.shared))));

  const proximity = proximityOf(need, resource);
  add('proximity', MATCH_WEIGHTS.proximity, PROXIMITY_VALUE[proximity], proximityReason(proximity));

  const capacity = capacityValue(resource.capacityLeft, need.quantity);
  const capReason = capacityReason(resource.capacityLeft, need.quantity);
  if (capacity === 0) ineligible.push(capReason);
  add('capacity', MATCH_WEIGHTS.capacity, capacity, capReason);

  const validity = validityOf(resource, dayNumber(asOf));
  if (validity.value === 0) ineligible.push(validity.reason);
  add('validity', MATCH_WEIGHTS.validity, validity.value, validity.reason);

  const inside = servesArea(resource, need);
  const area =
    resource.servedBuildingId !== null
      ? areaReason('building', resource.servedBuildingId, inside, need.buildingId)
      : resource.servedRegionCode !== null
        ? areaReason('region', resource.servedRegionCode, inside, need.regionCode)
        : areaReason('anywhere', null, true, null);
  if (!inside) ineligible.push(area);
  // A condition, not a preference: worth no points, shown so the person sees it was checked.
  add('area', 0, inside ? 1 : 0, area);

  const eligible = ineligible.length === 0;
  const score = eligible ? components.reduce((sum, c) => sum + c.points, 0) : 0;
  return { needId: need.id, resourceId: resource.id, eligible, score, components, ineligible };
}

function validityOf(resource: ListResource, today: number): { value: number; reason: MatchReason } {
  if (resource.validFrom !== null && dayNumber(resource.validFrom) > today) {
    return { value: 0, reason: validityReason('not_yet', resource.validFrom, null) };
  }
  if (resource.validUntil === null) return { value: 1, reason: validityReason('open', null, null) };
  const daysLeft = dayNumber(resource.validUntil) - today;
  if (daysLeft < 0) return { value: 0, reason: validityReason('expired', resource.validUntil, null) };
  const value = validityValue(daysLeft);
  return { value, reason: validityReason(daysLeft < EXPIRING_SOON_DAYS ? 'soon' : 'valid', resource.validUntil, daysLeft) };
}
