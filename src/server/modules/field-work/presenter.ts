import { FIRE_CHECKLIST } from '../../../domain/villages/index.ts';
import type { Actor } from '../../auth/actor.ts';
import { mayReadPersonalData } from '../../auth/policy.ts';
import type { Secrets } from '../../auth/secrets.ts';
import type { Locale } from '../../db/schema.ts';
import type { Recheck } from './follow-up.ts';
import type { HazardRow, InspectionRow, listUpkeep, listVisits, MediationRow } from './queries.ts';

const itemLabel = (item: string, locale: Locale) => FIRE_CHECKLIST.find((c) => c.key === item)?.label[locale] ?? item;

export function presentVisit(v: Awaited<ReturnType<typeof listVisits>>[number]) {
  return {
    id: v.id,
    clientId: v.client_id,
    householdId: v.household_id,
    address: v.address,
    villageCode: v.village_code,
    memberId: v.member_person_id,
    memberName: v.member_name,
    visitedOn: v.visited_on,
    topics: v.topics,
    notes: v.notes,
    matterId: v.matter_id,
  };
}

export function presentUpkeep(u: Awaited<ReturnType<typeof listUpkeep>>[number]) {
  return {
    id: u.id,
    clientId: u.client_id,
    kind: u.kind,
    villageCode: u.village_code,
    gridId: u.grid_id,
    memberId: u.member_person_id,
    memberName: u.member_name,
    doneOn: u.done_on,
    subject: u.subject,
    notes: u.notes,
    matterId: u.matter_id,
  };
}

export function presentHazard(h: HazardRow, locale: Locale, today: string) {
  return {
    id: h.id,
    inspectionId: h.inspection_id,
    item: h.item,
    itemLabel: itemLabel(h.item, locale),
    householdId: h.household_id,
    address: h.address,
    villageCode: h.village_code,
    memberId: h.member_person_id,
    memberName: h.member_name,
    description: h.description,
    foundOn: h.found_on,
    deadline: h.deadline,
    status: h.status,
    overdue: h.status === 'open' && h.deadline < today,
    rechecks: (h.rechecks as Recheck[]).map((r) => ({ on: r.on, passed: r.passed, note: r.note, deadlineBefore: r.deadlineBefore })),
    fixedOn: h.fixed_on,
    matterId: h.matter_id,
    matterCode: h.matter_code,
  };
}

export function presentInspection(i: InspectionRow, hazards: HazardRow[], locale: Locale, today: string) {
  return {
    id: i.id,
    clientId: i.client_id,
    householdId: i.household_id,
    address: i.address,
    place: i.place,
    villageCode: i.village_code,
    memberId: i.member_person_id,
    memberName: i.member_name,
    inspectedOn: i.inspected_on,
    checklist: (i.checklist as { item: string; passed: boolean; note: string | null }[]).map((c) => ({
      ...c,
      label: itemLabel(c.item, locale),
    })),
    notes: i.notes,
    hazards: hazards.map((h) => presentHazard(h, locale, today)),
  };
}

/** ORG-3 the parties' names in full for administrators and the member who mediated; masked for the rest. */
export function presentMediation(m: MediationRow, actor: Actor, secrets: Secrets) {
  const reveal = mayReadPersonalData(actor) || (actor.personId !== null && actor.personId === m.member_person_id);
  const parties = reveal
    ? (JSON.parse(secrets.decrypt(m.parties_enc)) as { name: string; role: string | null }[])
    : m.parties_masked.map((name) => ({ name, role: null }));
  return {
    id: m.id,
    clientId: m.client_id,
    householdId: m.household_id,
    villageCode: m.village_code,
    memberId: m.member_person_id,
    memberName: m.member_name,
    disputeType: m.dispute_type,
    parties,
    personalDataMasked: !reveal,
    summary: m.summary,
    mediatedOn: m.mediated_on,
    outcome: m.outcome,
    agreement: m.agreement,
    followUpOn: m.follow_up_on,
    followedUpAt: m.followed_up_at?.toISOString() ?? null,
    followUpNote: m.follow_up_note,
    matterId: m.matter_id,
  };
}
