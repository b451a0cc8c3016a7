import { z } from 'zod';
import {
  industryCodeSchema,
  isIsoDate,
  PARTY_ORG_STATUSES,
  QUALIFICATIONS,
  regionCodeSchema,
  SIZE_CLASSES,
  TENANCY_FIELDS,
  type PartyOrgStatus,
  type ProfileField,
  type Qualification,
  type SizeClass,
} from './profile.ts';

/**
 * POL-2 eligibility rules (申报条件) as data: and/or groups of conditions over
 * profile fields, plus brackets — a numeric requirement whose threshold depends
 * on the band another number falls in (高新技术企业: R&D ratio ≥ 5 % / 4 % / 3 %
 * by revenue). Stored as JSON; `eligibilityRuleSchema` validates what an editor posts.
 */

export const NUMBER_FIELDS = ['staffCount', 'revenue', 'rdSpending', 'rdRatio'] as const;
export type NumberField = (typeof NUMBER_FIELDS)[number];
export const DATE_FIELDS = ['registeredOn', 'movedInOn'] as const;
export type DateField = (typeof DATE_FIELDS)[number];
export const REGION_FIELDS = ['regionCode', 'buildingRegionCode'] as const;
export type RegionField = (typeof REGION_FIELDS)[number];
export const BOOLEAN_FIELDS = ['inBuilding', 'isKeyEnterprise', 'isNonPublic'] as const;
export type BooleanField = (typeof BOOLEAN_FIELDS)[number];

/** What a rule can read: the profile's fields and the derived R&D ratio (percent of revenue). */
export type RuleField = ProfileField | 'rdRatio';

export const COMPARISONS = ['gte', 'gt', 'lte', 'lt'] as const;
export type Comparison = (typeof COMPARISONS)[number];

interface Leaf<F extends RuleField, O extends string> {
  kind: 'condition';
  field: F;
  op: O;
}

/** Industry codes match by prefix: a section letter ('I') covers its divisions, '65' covers '6513'. */
export interface IndustryCondition extends Leaf<'industryCode', 'prefix_in' | 'not_prefix_in'> {
  values: string[];
}
export interface SizeCondition extends Leaf<'sizeClass', 'in' | 'not_in'> {
  values: SizeClass[];
}
export interface PartyOrgCondition extends Leaf<'partyOrgStatus', 'in' | 'not_in'> {
  values: PartyOrgStatus[];
}
export interface BuildingCondition extends Leaf<'buildingId', 'in' | 'not_in'> {
  values: string[];
}
/** Within any of the regions' subtrees (a district covers its streets). */
export interface RegionCondition extends Leaf<RegionField, 'within' | 'not_within'> {
  values: string[];
}
export interface NumberCondition extends Leaf<NumberField, Comparison> {
  value: number;
}
/** Inclusive at both ends. */
export interface BetweenCondition extends Leaf<NumberField, 'between'> {
  min: number;
  max: number;
}
/** Whole years from the date to the evaluation date. */
export interface YearsCondition extends Leaf<DateField, 'years_at_least' | 'years_less_than'> {
  value: number;
}
export interface DateCondition extends Leaf<DateField, 'on_or_after' | 'on_or_before'> {
  value: string;
}
export interface QualificationCondition extends Leaf<'qualifications', 'has_any' | 'has_all' | 'has_none'> {
  values: Qualification[];
}
export type BooleanCondition = Leaf<BooleanField, 'is_true' | 'is_false'>;

export type Condition =
  | IndustryCondition
  | SizeCondition
  | PartyOrgCondition
  | BuildingCondition
  | RegionCondition
  | NumberCondition
  | BetweenCondition
  | YearsCondition
  | DateCondition
  | QualificationCondition
  | BooleanCondition;

/** A band of the `by` number: up to `upTo`, counting `upTo` itself when `inclusive`. */
export interface Band {
  upTo: number;
  inclusive: boolean;
  threshold: number;
}

/**
 * `field op threshold`, the threshold taken from the first band of `by` that
 * holds its value, or `otherwise` above the last band. Bands rise.
 */
export interface Bracket {
  kind: 'bracket';
  field: NumberField;
  op: Comparison;
  by: NumberField;
  bands: Band[];
  otherwise: number;
}

/** Three-valued: `and` is unmet if any part is unmet, `or` met if any part is met, else unknown if any is. */
export interface RuleGroup {
  kind: 'and' | 'or';
  rules: EligibilityRule[];
}

export type EligibilityRule = RuleGroup | Condition | Bracket;

export function isGroup(rule: EligibilityRule): rule is RuleGroup {
  return rule.kind === 'and' || rule.kind === 'or';
}

export const MAX_RULE_DEPTH = 8;
export const MAX_RULE_LEAVES = 100;

/** The profile fields a rule reads: a change to any other field cannot change its result. */
/**
 * POL-3 whether a rule's answer can change with the day alone: whole years since a
 * date (registration, moving in) are counted to the evaluation day, so such a policy
 * is judged again every day; fixed-date conditions and everything else only change
 * with the profile.
 */
export function readsToday(rule: EligibilityRule): boolean {
  if (isGroup(rule)) return rule.rules.some(readsToday);
  return rule.kind === 'condition' && (rule.op === 'years_at_least' || rule.op === 'years_less_than');
}

export function fieldsUsed(rule: EligibilityRule): ProfileField[] {
  const out = new Set<ProfileField>();
  const add = (f: RuleField) => {
    if (f === 'rdRatio') {
      out.add('rdSpending');
      out.add('revenue');
    } else {
      out.add(f);
      if (TENANCY_FIELDS.has(f)) out.add('inBuilding');
    }
  };
  const walk = (r: EligibilityRule) => {
    if (isGroup(r)) r.rules.forEach(walk);
    else if (r.kind === 'bracket') {
      add(r.field);
      add(r.by);
    } else add(r.field);
  };
  walk(rule);
  return [...out];
}

/** True when the result can change with the passing of time alone (years since a date). */
export function dependsOnDate(rule: EligibilityRule): boolean {
  return fieldsUsed(rule).some((f) => f === 'registeredOn' || f === 'movedInOn');
}

// Messages name the server's message keys (src/server/i18n/messages.ts) so they render in the caller's language.
const condition = { kind: z.literal('condition') };
const list = <T extends z.ZodType>(item: T) => z.array(item).min(1).max(200);
const amount = (field: NumberField) => (field === 'rdRatio' ? z.number().finite().min(0).max(100) : z.number().finite().min(0));

function numberConditions(field: NumberField) {
  return z.discriminatedUnion('op', [
    z.object({ ...condition, field: z.literal(field), op: z.enum(COMPARISONS), value: amount(field) }),
    z
      .object({ ...condition, field: z.literal(field), op: z.literal('between'), min: amount(field), max: amount(field) })
      .refine((c) => c.min <= c.max, { message: 'field.rule_range_order', path: ['max'] }),
  ]);
}

function dateConditions(field: DateField) {
  return z.discriminatedUnion('op', [
    z.object({
      ...condition,
      field: z.literal(field),
      op: z.enum(['years_at_least', 'years_less_than']),
      value: z.number().int().min(0).max(200),
    }),
    z.object({
      ...condition,
      field: z.literal(field),
      op: z.enum(['on_or_after', 'on_or_before']),
      value: z.string().refine(isIsoDate, { message: 'field.rule_date_format' }),
    }),
  ]);
}

const conditionSchema = z.discriminatedUnion('field', [
  z.object({
    ...condition,
    field: z.literal('industryCode'),
    op: z.enum(['prefix_in', 'not_prefix_in']),
    values: list(industryCodeSchema),
  }),
  z.object({ ...condition, field: z.literal('sizeClass'), op: z.enum(['in', 'not_in']), values: list(z.enum(SIZE_CLASSES)) }),
  z.object({ ...condition, field: z.literal('partyOrgStatus'), op: z.enum(['in', 'not_in']), values: list(z.enum(PARTY_ORG_STATUSES)) }),
  z.object({ ...condition, field: z.literal('buildingId'), op: z.enum(['in', 'not_in']), values: list(z.string().min(1)) }),
  z.object({ ...condition, field: z.enum(REGION_FIELDS), op: z.enum(['within', 'not_within']), values: list(regionCodeSchema) }),
  ...NUMBER_FIELDS.map(numberConditions),
  ...DATE_FIELDS.map(dateConditions),
  z.object({
    ...condition,
    field: z.literal('qualifications'),
    op: z.enum(['has_any', 'has_all', 'has_none']),
    values: list(z.enum(QUALIFICATIONS)),
  }),
  z.object({ ...condition, field: z.enum(BOOLEAN_FIELDS), op: z.enum(['is_true', 'is_false']) }),
]);

const bandSchema = z.object({ upTo: z.number().finite().min(0), inclusive: z.boolean(), threshold: z.number().finite().min(0) });

const bracketSchema = z
  .object({
    kind: z.literal('bracket'),
    field: z.enum(NUMBER_FIELDS),
    op: z.enum(COMPARISONS),
    by: z.enum(NUMBER_FIELDS),
    bands: z.array(bandSchema).min(1).max(20),
    otherwise: z.number().finite().min(0),
  })
  .superRefine((b, ctx) => {
    if (b.by === b.field) ctx.addIssue({ code: 'custom', message: 'field.rule_bracket_same_field', path: ['by'] });
    b.bands.forEach((band, i) => {
      const before = b.bands[i - 1];
      if (before && band.upTo <= before.upTo)
        ctx.addIssue({ code: 'custom', message: 'field.rule_bands_order', path: ['bands', i, 'upTo'] });
      if (b.field === 'rdRatio' && band.threshold > 100)
        ctx.addIssue({ code: 'custom', message: 'field.rule_percent_range', path: ['bands', i, 'threshold'] });
    });
    if (b.field === 'rdRatio' && b.otherwise > 100)
      ctx.addIssue({ code: 'custom', message: 'field.rule_percent_range', path: ['otherwise'] });
  });

const groupSchema = z.object({
  kind: z.enum(['and', 'or']),
  get rules(): z.ZodArray<z.ZodType<EligibilityRule>> {
    return z.array(ruleSchema).min(1).max(50);
  },
});

const ruleSchema: z.ZodType<EligibilityRule> = z.discriminatedUnion('kind', [groupSchema, bracketSchema, conditionSchema]);

/** What an editor posts; issues carry the path of the offending part (`rules.0.bands.1.upTo`). */
export const eligibilityRuleSchema: z.ZodType<EligibilityRule> = ruleSchema.superRefine((rule, ctx) => {
  let leaves = 0;
  let deepest = 0;
  const walk = (r: EligibilityRule, depth: number) => {
    deepest = Math.max(deepest, depth);
    if (isGroup(r)) r.rules.forEach((c) => walk(c, depth + 1));
    else leaves++;
  };
  walk(rule, 1);
  if (deepest > MAX_RULE_DEPTH) ctx.addIssue({ code: 'custom', message: 'field.rule_too_deep', path: [] });
  if (leaves > MAX_RULE_LEAVES) ctx.addIssue({ code: 'custom', message: 'field.rule_too_many_conditions', path: [] });
});
