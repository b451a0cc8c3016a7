import type { Kysely, Transaction } from 'kysely';
import { maskIdNumber, maskPhone } from '../../../domain/identity/codes.ts';
import { chinaDate } from '../../../domain/time.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Secrets } from '../../auth/secrets.ts';
import type { Database, Person } from '../../db/schema.ts';
import { allows } from '../../db/scoped.ts';
import { conflict, forbidden, invalidField, notFound, outOfScopeField, unknownReference } from '../../http/errors.ts';
import { recordAudit } from '../audit/chain.ts';
import type { PersonInput, PersonPatch, PostInput } from './schemas.ts';

type Trx = Transaction<Database>;

/** The audit trail keeps the masked forms only: an audit reader is not thereby a reader of personal data. */
function auditView(p: Person) {
  const { phone_enc: _p, phone_hash: _ph, id_number_enc: _i, id_number_hash: _ih, search: _s, ...rest } = p;
  return rest;
}

function sealPhone(secrets: Secrets, phone: string | null | undefined) {
  if (!phone) return { phone_enc: null, phone_masked: null, phone_hash: null };
  return { phone_enc: secrets.encrypt(phone), phone_masked: maskPhone(phone), phone_hash: secrets.lookupHash(phone) };
}
function sealIdNumber(secrets: Secrets, id: string | null | undefined) {
  if (!id) return { id_number_enc: null, id_number_masked: null, id_number_hash: null };
  return { id_number_enc: secrets.encrypt(id), id_number_masked: maskIdNumber(id), id_number_hash: secrets.lookupHash(id) };
}

async function checkPlacement(trx: Trx, actor: Actor, regionCode: string, organisationId: string | null | undefined) {
  const region = await trx.selectFrom('region').select('code').where('code', '=', regionCode).executeTakeFirst();
  if (!region) throw invalidField('regionCode', 'field.region_unknown');
  let orgPath = '';
  if (organisationId) {
    const org = await trx.selectFrom('organisation').select(['path', 'region_code']).where('id', '=', organisationId).executeTakeFirst();
    if (!org || !allows(actor, 'organisation', 'read', { regionCode: org.region_code, orgPath: org.path })) {
      throw unknownReference('organisationId');
    }
    orgPath = org.path;
  }
  if (!allows(actor, 'person', 'write', { regionCode, orgPath })) throw outOfScopeField('regionCode');
  return orgPath;
}

export async function createPerson(opts: { db: Kysely<Database>; actor: Actor; secrets: Secrets; input: PersonInput }): Promise<string> {
  const { actor, input, secrets } = opts;
  return opts.db.transaction().execute(async (trx) => {
    const orgPath = await checkPlacement(trx, actor, input.regionCode, input.organisationId);
    const created = await trx
      .insertInto('person')
      .values({
        name: input.name,
        gender: input.gender ?? null,
        birth_date: input.birthDate ?? null,
        is_party_member: input.isPartyMember,
        region_code: input.regionCode,
        organisation_id: input.organisationId ?? null,
        org_path: orgPath,
        ...sealPhone(secrets, input.phone),
        ...sealIdNumber(secrets, input.idNumber),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actor, action: 'person.create', entity: 'person', entityId: created.id, regionCode: created.region_code, after: auditView(created) });
    return created.id;
  });
}

async function lockWritablePerson(trx: Trx, actor: Actor, id: string): Promise<Person> {
  const before = await trx.selectFrom('person').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  const place = { regionCode: before?.region_code, orgPath: before?.org_path, personId: before?.id };
  if (!before || !allows(actor, 'person', 'read', place)) throw notFound();
  if (!allows(actor, 'person', 'write', place)) throw forbidden();
  return before;
}

export async function updatePerson(opts: { db: Kysely<Database>; actor: Actor; secrets: Secrets; id: string; patch: PersonPatch }): Promise<void> {
  const { actor, patch, secrets } = opts;
  await opts.db.transaction().execute(async (trx) => {
    const before = await lockWritablePerson(trx, actor, opts.id);
    const regionCode = patch.regionCode ?? before.region_code;
    const organisationId = patch.organisationId !== undefined ? patch.organisationId : before.organisation_id;
    const orgPath = await checkPlacement(trx, actor, regionCode, organisationId);
    const after = await trx
      .updateTable('person')
      .set({
        name: patch.name ?? before.name,
        gender: patch.gender !== undefined ? patch.gender : before.gender,
        birth_date: patch.birthDate !== undefined ? patch.birthDate : before.birth_date,
        is_party_member: patch.isPartyMember ?? before.is_party_member,
        region_code: regionCode,
        organisation_id: organisationId,
        org_path: orgPath,
        ...(patch.phone !== undefined ? sealPhone(secrets, patch.phone) : {}),
        ...(patch.idNumber !== undefined ? sealIdNumber(secrets, patch.idNumber) : {}),
        updated_at: new Date(),
      })
      .where('id', '=', opts.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actor, action: 'person.update', entity: 'person', entityId: opts.id, regionCode, before: auditView(before), after: auditView(after) });
  });
}

/** ORG-3 a person may hold posts in several organisations at once (两委 双向进入、交叉任职). */
export async function addPost(opts: { db: Kysely<Database>; actor: Actor; personId: string; input: PostInput }): Promise<string> {
  const { actor, input } = opts;
  return opts.db.transaction().execute(async (trx) => {
    const person = await lockWritablePerson(trx, actor, opts.personId);
    const org = await trx.selectFrom('organisation').select(['id', 'path', 'region_code']).where('id', '=', input.organisationId).executeTakeFirst();
    if (!org || !allows(actor, 'organisation', 'read', { regionCode: org.region_code, orgPath: org.path })) {
      throw unknownReference('organisationId');
    }
    const post = await trx
      .insertInto('post')
      .values({ person_id: person.id, organisation_id: org.id, title: input.title, started_on: input.startedOn ?? null, ended_on: input.endedOn ?? null })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actor, action: 'post.create', entity: 'post', entityId: post.id, regionCode: person.region_code, after: post });
    return post.id;
  });
}

/** Ends a post today; the post stays in the record as history. */
export async function endPost(opts: { db: Kysely<Database>; actor: Actor; personId: string; postId: string; today?: string }): Promise<void> {
  const { actor } = opts;
  await opts.db.transaction().execute(async (trx) => {
    const person = await lockWritablePerson(trx, actor, opts.personId);
    const before = await trx.selectFrom('post').selectAll().where('id', '=', opts.postId).where('person_id', '=', person.id).executeTakeFirst();
    if (!before) throw notFound();
    if (before.ended_on) throw conflict();
    const today = opts.today ?? chinaDate();
    const endedOn = before.started_on && before.started_on > today ? before.started_on : today;
    const after = await trx.updateTable('post').set({ ended_on: endedOn }).where('id', '=', before.id).returningAll().executeTakeFirstOrThrow();
    await recordAudit(trx, { actor, action: 'post.end', entity: 'post', entityId: before.id, regionCode: person.region_code, before, after });
  });
}
