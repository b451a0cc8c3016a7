import type { Actor } from '../../auth/actor.ts';
import { mayReadPersonalData } from '../../auth/policy.ts';
import type { Secrets } from '../../auth/secrets.ts';
import type { PersonRow } from './queries.ts';

/** ORG-3: full phone and ID number only for roles that need them; everyone else sees the masked form. */
export function presentPerson(row: PersonRow, actor: Actor, secrets: Secrets) {
  const reveal = mayReadPersonalData(actor) || actor.personId === row.id;
  return {
    id: row.id,
    name: row.name,
    gender: row.gender,
    birthDate: row.birth_date,
    isPartyMember: row.is_party_member,
    regionCode: row.region_code,
    regionName: row.region_name,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    phone: reveal && row.phone_enc ? secrets.decrypt(row.phone_enc) : row.phone_masked,
    idNumber: reveal && row.id_number_enc ? secrets.decrypt(row.id_number_enc) : row.id_number_masked,
    personalDataMasked: !reveal,
  };
}
