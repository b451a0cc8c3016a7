import { sql, type Kysely } from 'kysely';
import { LIAISON_ROLES, qualifyingOrganisation, type CandidateOrganisation, type LiaisonRole } from '../../../domain/registry/liaison.ts';
import { regionPrefix } from '../../../domain/regions.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';
import { allows, scopeWhere } from '../../db/scoped.ts';
import { AppError, conflict, invalidField } from '../../http/errors.ts';
import { recordAudit } from '../audit/chain.ts';
import { lockWritableBuilding } from './commands.ts';
import { presentLiaisonSlots } from './presenter.ts';
import { currentLiaisons } from './queries.ts';
import type { LiaisonInput, VacanciesQuery } from './schemas.ts';

/**
 * REG-6 一楼八员: one holder per building and role at a time, history kept.
 * The building row is locked for every change, so two assignments to one role
 * queue up and the second ends the first (the unique index backs this up).
 */
export async function assignLiaison(opts: { db: Kysely<Database>; actor: Actor; buildingId: string; role: LiaisonRole; input: LiaisonInput; today: string }): Promise<void> {
  const { actor, buildingId, role, input } = opts;
  await opts.db.transaction().execute(async (trx) => {
    const building = await lockWritableBuilding(trx, actor, buildingId);
    const person = await trx.selectFrom('person').select(['id', 'region_code', 'org_path', 'organisation_id']).where('id', '=', input.personId).executeTakeFirst();
    if (!person || !allows(actor, 'person', 'read', { regionCode: person.region_code, orgPath: person.org_path, personId: person.id })) {
      throw new AppError('not_found', { fields: [{ path: 'personId', key: 'field.person_unknown' }] });
    }
    // The person's own organisation first, then those they hold a current post in.
    const organisations = await trx
      .selectFrom('organisation')
      .select(['id', 'kind', 'department_kind', 'path', 'region_code'])
      .where((eb) =>
        eb.or([
          eb('id', '=', person.organisation_id ?? '0'),
          eb(
            'id',
            'in',
            eb
              .selectFrom('post')
              .select('organisation_id')
              .where('person_id', '=', person.id)
              .where((p) => p.or([p('ended_on', 'is', null), p('ended_on', '>', opts.today)])),
          ),
        ]),
      )
      .orderBy(sql`id = ${person.organisation_id ?? '0'}`, 'desc')
      .orderBy('id')
      .execute();
    const anchorIds = [building.property_company_id, building.property_owner_id, building.party_committee_id, building.management_committee_id];
    const anchors = await trx
      .selectFrom('organisation')
      .select(['id', 'path'])
      .where('id', 'in', anchorIds.filter((x): x is string => x !== null).concat('0'))
      .execute();
    const pathOf = (id: string | null) => anchors.find((a) => a.id === id)?.path ?? null;
    const candidates: CandidateOrganisation[] = organisations.map((o) => ({ id: o.id, kind: o.kind, departmentKind: o.department_kind, path: o.path, regionCode: o.region_code }));
    const qualifying = qualifyingOrganisation(role, candidates, {
      regionCode: building.region_code,
      managementMode: building.management_mode,
      propertyCompanyPath: pathOf(building.property_company_id),
      propertyOwnerPath: pathOf(building.property_owner_id),
      partyCommitteePath: pathOf(building.party_committee_id),
      managementCommitteePath: pathOf(building.management_committee_id),
    });
    if (!qualifying) throw invalidField('personId', `field.liaison_ineligible.${role}`);

    const startedOn = input.startedOn ?? opts.today;
    const current = await trx
      .selectFrom('liaison_assignment')
      .selectAll()
      .where('building_id', '=', buildingId)
      .where('role', '=', role)
      .where('ended_on', 'is', null)
      .executeTakeFirst();
    // Naming the current holder again changes nothing: a retried request stays harmless.
    if (current?.person_id === person.id) return;
    if (current && startedOn < current.started_on) throw invalidField('startedOn', 'field.liaison_start_order', { date: current.started_on });
    const ended = current
      ? await trx.updateTable('liaison_assignment').set({ ended_on: startedOn }).where('id', '=', current.id).returningAll().executeTakeFirstOrThrow()
      : null;
    const created = await trx
      .insertInto('liaison_assignment')
      .values({ building_id: buildingId, role, person_id: person.id, organisation_id: qualifying.id, started_on: startedOn })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actor, action: 'liaison.assign', entity: 'liaison_assignment', entityId: created.id, regionCode: building.region_code, before: ended, after: created });
  });
}

/** REG-6 leaves a role vacant (空缺) from today; vacating an empty role is a conflict, as ending a post twice is. */
export async function vacateLiaison(opts: { db: Kysely<Database>; actor: Actor; buildingId: string; role: LiaisonRole; today: string }): Promise<void> {
  const { actor, buildingId, role } = opts;
  await opts.db.transaction().execute(async (trx) => {
    const building = await lockWritableBuilding(trx, actor, buildingId);
    const current = await trx
      .selectFrom('liaison_assignment')
      .selectAll()
      .where('building_id', '=', buildingId)
      .where('role', '=', role)
      .where('ended_on', 'is', null)
      .executeTakeFirst();
    if (!current) throw conflict();
    const endedOn = current.started_on > opts.today ? current.started_on : opts.today;
    const after = await trx.updateTable('liaison_assignment').set({ ended_on: endedOn }).where('id', '=', current.id).returningAll().executeTakeFirstOrThrow();
    await recordAudit(trx, { actor, action: 'liaison.vacate', entity: 'liaison_assignment', entityId: current.id, regionCode: building.region_code, before: current, after });
  });
}

const activeCount = sql<number>`(SELECT count(*) FROM liaison_assignment la WHERE la.building_id = building.id AND la.ended_on IS NULL)`;

/** REG-6 the city-wide table: buildings × eight roles, holders or 空缺, with vacancy counts over every match. */
export async function listVacancies(db: Kysely<Database>, actor: Actor, f: VacanciesQuery) {
  let matching = db.selectFrom('building').where(scopeWhere(actor, 'building'));
  if (f.regionCode) matching = matching.where('building.region_code', 'like', `${regionPrefix(f.regionCode)}%`);
  if (f.vacantOnly === 'true') matching = matching.where(sql<boolean>`${activeCount} < ${LIAISON_ROLES.length}`);
  if (f.role) {
    const role = f.role;
    matching = matching.where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('liaison_assignment as la')
            .select('la.id')
            .whereRef('la.building_id', '=', 'building.id')
            .where('la.role', '=', role)
            .where('la.ended_on', 'is', null),
        ),
      ),
    );
  }
  const [page, count, filled] = await Promise.all([
    matching
      .leftJoin('region', 'region.code', 'building.region_code')
      .select(['building.id', 'building.name', 'building.region_code', 'region.name as region_name'])
      .orderBy('building.region_code')
      .orderBy('building.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    matching.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    matching
      .innerJoin('liaison_assignment as la', 'la.building_id', 'building.id')
      .where('la.ended_on', 'is', null)
      .select(['la.role', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('la.role')
      .execute(),
  ]);
  const total = Number(count.n);
  const holders = await currentLiaisons(
    db,
    page.map((b) => b.id),
  );
  const vacantByRole = Object.fromEntries(LIAISON_ROLES.map((r) => [r, total - Number(filled.find((x) => x.role === r)?.n ?? 0)])) as Record<LiaisonRole, number>;
  return {
    items: page.map((b) => {
      const slots = presentLiaisonSlots(holders.filter((h) => h.buildingId === b.id));
      return { buildingId: b.id, buildingName: b.name, regionCode: b.region_code, regionName: b.region_name, vacant: slots.filter((s) => !s.holder).length, slots };
    }),
    total,
    vacantByRole,
  };
}
