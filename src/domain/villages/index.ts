export { assignHouseholds, type HouseholdPlan, type PlannedHousehold, type VillageShortage } from './assign.ts';
export {
  DEFAULT_GRID_DETOUR_KM,
  DEFAULT_HOUSEHOLD_LAMBDA,
  type HouseholdAssignmentOptions,
  type HouseholdPlanStats,
  type LoadStats,
} from './context.ts';
export { generateCounty, XINGGUO_CENTRE, type CountyOptions, type GeneratedCounty, type GeneratedVillage } from './county.ts';
export {
  checkHouseholdCoverage,
  type CoverageCheck,
  type CoverageViolation,
  type CoverageViolationKind,
  type HouseholdAssignment,
  type Message,
} from './coverage.ts';
export { assignHouseholdsGreedy, type GreedyHouseholdPlan } from './greedy.ts';
export {
  ageOn,
  DEFAULT_EXEMPT_AGE,
  DEFAULT_MAX_HOUSEHOLDS,
  DEFAULT_MIN_HOUSEHOLDS,
  exemptionOf,
  townshipOf,
  type ExemptionReason,
  type GeoPoint,
  type Household,
  type HouseholdMember,
} from './members.ts';
export {
  addDays,
  CHECKLIST_ITEMS,
  daysBetween,
  DEFAULT_RECTIFICATION_DAYS,
  DISPUTE_TYPE_LABELS,
  FIRE_CHECKLIST,
  maskName,
  MEDIATION_OUTCOME_LABELS,
  RELATION_LABELS,
  UPKEEP_KIND_LABELS,
  VISIT_TOPIC_KEYS,
  VISIT_TOPICS,
  type ChecklistItem,
  type Label,
  type VisitTopic,
} from './field-work.ts';
