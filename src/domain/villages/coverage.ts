import { exemptionOf, householdRules, type ExemptionReason, type Household, type HouseholdMember } from './members.ts';

/**
 * GRD-1 the rules of 党员包户 checked on any set of assignments — a plan just computed or
 * the assignments stored — so the same list of violations shows in both places: every
 * member who carries households has between `min` and `max`, exempt members carry none,
 * every household has exactly one member, and that member belongs to its village.
 */
export interface Message {
  'zh-CN': string;
  en: string;
}

export type CoverageViolation =
  | { kind: 'member_under_min'; memberId: string; villageCode: string; load: number; min: number; message: Message }
  | { kind: 'member_over_max'; memberId: string; villageCode: string; load: number; max: number; message: Message }
  | { kind: 'exempt_member_assigned'; memberId: string; villageCode: string; load: number; reason: ExemptionReason; message: Message }
  | { kind: 'household_uncovered'; householdId: string; villageCode: string; message: Message }
  | {
      kind: 'household_outside_village';
      householdId: string;
      villageCode: string;
      memberId: string;
      memberVillageCode: string;
      message: Message;
    }
  | { kind: 'household_assigned_twice'; householdId: string; villageCode: string; memberIds: string[]; message: Message }
  /** An assignment naming a household or member that is not in the lists (deleted since, or another county's). */
  | { kind: 'assignment_unknown'; householdId: string; memberId: string | null; message: Message };

export type CoverageViolationKind = CoverageViolation['kind'];

export interface HouseholdAssignment {
  householdId: string;
  memberId: string | null;
}

export interface CoverageCheck {
  members: readonly HouseholdMember[];
  households: readonly Household[];
  assignments: readonly HouseholdAssignment[];
  min?: number;
  max?: number;
  /** null: no age exemption. */
  exemptAge?: number | null;
  /** 'YYYY-MM-DD' the ages are taken on; today in China when absent. */
  asOf?: string;
}

const REASON: Record<ExemptionReason, Message> = {
  age: { 'zh-CN': '年龄已达免包户年龄', en: 'over the exemption age' },
  flag: { 'zh-CN': '已标记为免包户', en: 'marked exempt' },
};

export function checkHouseholdCoverage(check: CoverageCheck): CoverageViolation[] {
  const rules = householdRules(check);
  const { min, max } = rules;
  const memberById = new Map(check.members.map((m) => [m.id, m]));
  const householdById = new Map(check.households.map((h) => [h.id, h]));
  const membersOf = new Map<string, string[]>();
  const out: CoverageViolation[] = [];
  for (const a of check.assignments) {
    if (a.memberId === null) continue;
    if (!householdById.has(a.householdId) || !memberById.has(a.memberId)) {
      out.push({
        kind: 'assignment_unknown',
        householdId: a.householdId,
        memberId: a.memberId,
        message: {
          'zh-CN': `包户记录（农户 ${a.householdId}，党员 ${a.memberId}）指向不存在的农户或党员`,
          en: `Assignment of household ${a.householdId} to member ${a.memberId} names an unknown household or member`,
        },
      });
      continue;
    }
    const list = membersOf.get(a.householdId);
    if (list) {
      if (!list.includes(a.memberId)) list.push(a.memberId);
    } else membersOf.set(a.householdId, [a.memberId]);
  }
  const load = new Map<string, number>();
  for (const h of check.households) {
    const ids = membersOf.get(h.id);
    if (!ids) {
      out.push({
        kind: 'household_uncovered',
        householdId: h.id,
        villageCode: h.villageCode,
        message: { 'zh-CN': `农户 ${h.id} 没有包户党员`, en: `Household ${h.id} has no party member responsible for it` },
      });
      continue;
    }
    if (ids.length > 1) {
      out.push({
        kind: 'household_assigned_twice',
        householdId: h.id,
        villageCode: h.villageCode,
        memberIds: ids,
        message: {
          'zh-CN': `农户 ${h.id} 同时由 ${ids.length} 名党员包户（${ids.join('、')}）`,
          en: `Household ${h.id} is assigned to ${ids.length} members (${ids.join(', ')})`,
        },
      });
    }
    for (const id of ids) {
      load.set(id, (load.get(id) ?? 0) + 1);
      const m = memberById.get(id)!;
      if (m.villageCode !== h.villageCode) {
        out.push({
          kind: 'household_outside_village',
          householdId: h.id,
          villageCode: h.villageCode,
          memberId: id,
          memberVillageCode: m.villageCode,
          message: {
            'zh-CN': `农户 ${h.id}（村 ${h.villageCode}）由外村党员 ${id}（村 ${m.villageCode}）包户`,
            en: `Household ${h.id} of village ${h.villageCode} is assigned to member ${id} of village ${m.villageCode}`,
          },
        });
      }
    }
  }
  for (const m of check.members) {
    const n = load.get(m.id) ?? 0;
    const reason = exemptionOf(m, rules.exemptAge, rules.asOf);
    if (reason) {
      if (n > 0) {
        out.push({
          kind: 'exempt_member_assigned',
          memberId: m.id,
          villageCode: m.villageCode,
          load: n,
          reason,
          message: {
            'zh-CN': `党员 ${m.id} ${REASON[reason]['zh-CN']}，却包户 ${n} 户`,
            en: `Member ${m.id} is ${REASON[reason].en} but carries ${n} households`,
          },
        });
      }
      continue;
    }
    if (n < min) {
      out.push({
        kind: 'member_under_min',
        memberId: m.id,
        villageCode: m.villageCode,
        load: n,
        min,
        message: {
          'zh-CN': `党员 ${m.id} 仅包户 ${n} 户，少于 ${min} 户`,
          en: `Member ${m.id} carries ${n} households, fewer than ${min}`,
        },
      });
    } else if (n > max) {
      out.push({
        kind: 'member_over_max',
        memberId: m.id,
        villageCode: m.villageCode,
        load: n,
        max,
        message: { 'zh-CN': `党员 ${m.id} 包户 ${n} 户，超过 ${max} 户`, en: `Member ${m.id} carries ${n} households, more than ${max}` },
      });
    }
  }
  return out;
}
