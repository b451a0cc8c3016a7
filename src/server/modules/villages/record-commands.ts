import type { Kysely } from 'kysely';
import { isWithinRegion } from '../../../domain/regions.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';
import { AppError, conflict, invalidField } from '../../http/errors.ts';
import { audited, belongs, lockVillage, visibleOrganisation, visiblePerson } from './access.ts';
import type { HolderInput, ResponsibilityInput, RulesInput, VillagePostInput } from './schemas.ts';

/** VIL-1 the people side of a village profile: 先锋岗/示范岗 and their holders, 村规民约 versions, the responsibility chain. */
type Db = Kysely<Database>;

export async function addVillagePost(opts: { db: Db; actor: Actor; code: string; input: VillagePostInput }): Promise<string> {
  const { actor, input } = opts;
  return opts.db.transaction().execute(async (trx) => {
    const v = await lockVillage(trx, actor, opts.code);
    const row = await trx
      .insertInto('village_post')
      .values({
        region_code: v.region_code,
        kind: input.kind,
        name: input.name,
        duty: input.duty ?? '',
        commitment: input.commitment ?? '',
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audited(trx, actor, v.region_code, 'village_post.create', 'village_post', row.id, row);
    return row.id;
  });
}

/** A party member takes up a 先锋岗/示范岗; the member must be someone the caller can see, placed in the village's county. */
export async function addPostHolder(opts: { db: Db; actor: Actor; code: string; postId: string; input: HolderInput }): Promise<void> {
  const { actor, input } = opts;
  await opts.db.transaction().execute(async (trx) => {
    const v = await lockVillage(trx, actor, opts.code);
    const post = belongs(
      await trx.selectFrom('village_post').select(['id', 'region_code']).where('id', '=', opts.postId).executeTakeFirst(),
      v.region_code,
      'id',
      'field.post_unknown',
    );
    const person = await visiblePerson(trx, actor, 'personId', input.personId);
    if (!isWithinRegion(person.region_code, v.region_code.slice(0, 6)))
      throw new AppError('not_found', { fields: [{ path: 'personId', key: 'field.person_unknown' }] });
    const current = await trx
      .selectFrom('village_post_holder')
      .select('id')
      .where('post_id', '=', post.id)
      .where('person_id', '=', person.id)
      .where('until', 'is', null)
      .executeTakeFirst();
    if (current) throw new AppError('conflict', { fields: [{ path: 'personId', key: 'field.holder_exists' }] });
    const row = await trx
      .insertInto('village_post_holder')
      .values({ post_id: post.id, person_id: person.id, since: input.since })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audited(trx, actor, v.region_code, 'village_post.holder_add', 'village_post', post.id, row);
  });
}

export async function endPostHolder(opts: {
  db: Db;
  actor: Actor;
  code: string;
  postId: string;
  personId: string;
  until: string;
}): Promise<void> {
  const { actor } = opts;
  await opts.db.transaction().execute(async (trx) => {
    const v = await lockVillage(trx, actor, opts.code);
    const post = belongs(
      await trx.selectFrom('village_post').select(['id', 'region_code']).where('id', '=', opts.postId).executeTakeFirst(),
      v.region_code,
      'id',
      'field.post_unknown',
    );
    const holder = await trx
      .selectFrom('village_post_holder')
      .selectAll()
      .where('post_id', '=', post.id)
      .where('person_id', '=', opts.personId)
      .where('until', 'is', null)
      .executeTakeFirst();
    if (!holder) throw new AppError('not_found', { fields: [{ path: 'personId', key: 'field.holder_unknown' }] });
    if (opts.until < holder.since) throw invalidField('until', 'field.period_order');
    const after = await trx
      .updateTable('village_post_holder')
      .set({ until: opts.until })
      .where('id', '=', holder.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audited(trx, actor, v.region_code, 'village_post.holder_end', 'village_post', post.id, after, holder);
  });
}

/** VIL-1 adopts a new version of the 村规民约: numbered after the last, made current; earlier versions are kept. */
export async function adoptVillageRules(opts: { db: Db; actor: Actor; code: string; input: RulesInput }): Promise<number> {
  const { actor, input } = opts;
  return opts.db.transaction().execute(async (trx) => {
    const v = await lockVillage(trx, actor, opts.code);
    const last = await trx
      .selectFrom('village_rules')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('region_code', '=', v.region_code)
      .executeTakeFirst();
    const version = Number(last?.v ?? 0) + 1;
    const previous = await trx
      .updateTable('village_rules')
      .set({ is_current: false })
      .where('region_code', '=', v.region_code)
      .where('is_current', '=', true)
      .returning(['version'])
      .executeTakeFirst();
    const row = await trx
      .insertInto('village_rules')
      .values({
        region_code: v.region_code,
        version,
        title: input.title,
        body: input.body,
        adopted_on: input.adoptedOn,
        adopted_by: input.adoptedBy ?? '',
        is_current: true,
        created_by: actor.userId === '0' ? null : actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audited(
      trx,
      actor,
      v.region_code,
      'village_rules.adopt',
      'village_rules',
      row.id,
      row,
      previous ? { currentVersion: previous.version } : undefined,
    );
    return version;
  });
}

/** VIL-1 makes an earlier version current again (a rollback is a decision too, so it is audited, not rewritten). */
export async function reinstateVillageRules(opts: { db: Db; actor: Actor; code: string; version: number }): Promise<void> {
  const { actor } = opts;
  await opts.db.transaction().execute(async (trx) => {
    const v = await lockVillage(trx, actor, opts.code);
    const target = await trx
      .selectFrom('village_rules')
      .select(['id', 'version', 'is_current'])
      .where('region_code', '=', v.region_code)
      .where('version', '=', opts.version)
      .executeTakeFirst();
    if (!target) throw new AppError('not_found', { fields: [{ path: 'version', key: 'field.rules_version_unknown' }] });
    if (target.is_current) return;
    const previous = await trx
      .updateTable('village_rules')
      .set({ is_current: false })
      .where('region_code', '=', v.region_code)
      .where('is_current', '=', true)
      .returning(['version'])
      .executeTakeFirst();
    await trx.updateTable('village_rules').set({ is_current: true }).where('id', '=', target.id).execute();
    await audited(
      trx,
      actor,
      v.region_code,
      'village_rules.reinstate',
      'village_rules',
      target.id,
      { currentVersion: target.version },
      { currentVersion: previous?.version ?? null },
    );
  });
}

/** VIL-1 a link of the five-level chain: a county leader, township leader, paired department, the secretary, or a social participant. */
export async function addResponsibility(opts: { db: Db; actor: Actor; code: string; input: ResponsibilityInput }): Promise<string> {
  const { actor, input } = opts;
  return opts.db.transaction().execute(async (trx) => {
    const v = await lockVillage(trx, actor, opts.code);
    const person = input.personId ? await visiblePerson(trx, actor, 'personId', input.personId) : null;
    const org = input.organisationId ? await visibleOrganisation(trx, actor, 'organisationId', input.organisationId) : null;
    const row = await trx
      .insertInto('village_responsibility')
      .values({
        region_code: v.region_code,
        level: input.level,
        person_id: person?.id ?? null,
        organisation_id: org?.id ?? null,
        duty: input.duty ?? '',
        since: input.since ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audited(trx, actor, v.region_code, 'village_responsibility.create', 'village_responsibility', row.id, row);
    return row.id;
  });
}

export async function removeResponsibility(opts: { db: Db; actor: Actor; code: string; id: string }): Promise<void> {
  const { actor } = opts;
  await opts.db.transaction().execute(async (trx) => {
    const v = await lockVillage(trx, actor, opts.code);
    const before = belongs(
      await trx.selectFrom('village_responsibility').selectAll().where('id', '=', opts.id).executeTakeFirst(),
      v.region_code,
      'id',
      'field.responsibility_unknown',
    );
    const deleted = await trx.deleteFrom('village_responsibility').where('id', '=', before.id).executeTakeFirst();
    if (Number(deleted.numDeletedRows) !== 1) throw conflict();
    await audited(trx, actor, v.region_code, 'village_responsibility.delete', 'village_responsibility', before.id, null, before);
  });
}
