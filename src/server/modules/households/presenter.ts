import type { Actor } from '../../auth/actor.ts';
import { mayReadPersonalData } from '../../auth/policy.ts';
import type { Secrets } from '../../auth/secrets.ts';
import type { HouseholdListRow, listResidents } from './queries.ts';

type ResidentRow = Awaited<ReturnType<typeof listResidents>>[number];

/**
 * ORG-3 for households: residents' names, phones and ID numbers in full only for those who need
 * them — administrators and the party member responsible for the household (who visits it);
 * everyone else, village staff included, sees the masked forms.
 */
export function mayReadResidents(actor: Actor, household: { member_person_id: string | null }): boolean {
  return mayReadPersonalData(actor) || (actor.personId !== null && actor.personId === household.member_person_id);
}

export function presentHousehold(row: HouseholdListRow, actor: Actor, secrets: Secrets) {
  const reveal = mayReadResidents(actor, row);
  return {
    id: row.id,
    villageCode: row.village_code,
    villageName: row.village_name,
    gridId: row.grid_id,
    gridName: row.grid_name,
    address: row.address,
    lng: row.lng,
    lat: row.lat,
    note: row.note,
    memberId: row.member_person_id,
    memberName: row.member_name,
    pinned: row.pinned,
    distanceKm: row.distance_km,
    headName: reveal && row.head_enc ? secrets.decrypt(row.head_enc) : row.head_masked,
    residents: row.resident_count ?? 0,
    lastVisitOn: row.last_visit_on,
    openHazards: row.open_hazards ?? 0,
  };
}

export function presentResident(r: ResidentRow, reveal: boolean, secrets: Secrets) {
  return {
    id: r.id,
    relation: r.relation,
    name: reveal ? secrets.decrypt(r.name_enc) : r.name_masked,
    birthYear: r.birth_year,
    phone: reveal && r.phone_enc ? secrets.decrypt(r.phone_enc) : r.phone_masked,
    idNumber: reveal && r.id_number_enc ? secrets.decrypt(r.id_number_enc) : r.id_number_masked,
  };
}
