import { sql, type Transaction } from 'kysely';
import { maskPhone } from '../../domain/identity/codes.ts';
import { chinaDate } from '../../domain/time.ts';
import {
  addDays,
  assignHouseholds,
  CHECKLIST_ITEMS,
  exemptionOf,
  maskName,
  DEFAULT_EXEMPT_AGE,
  VISIT_TOPIC_KEYS,
} from '../../domain/villages/index.ts';
import type { Secrets } from '../auth/secrets.ts';
import type { Database } from '../db/schema.ts';
import type { DisputeType, ResidentRelation } from '../db/schema-grids.ts';
import { birthDate, mobileNumber, personName, seededRandom, XINGGUO_SURNAMES, type Random } from './random.ts';
import { VILLAGE_DEMO, type DemoVillage } from './villages-data.ts';

/**
 * GRD-1 … GRD-3 the demo's grids (党员包户) in traditional villages of 兴国县: grids as hamlets,
 * party members registered on them, households with residents (sealed), an assignment by
 * assignHouseholds so every member who carries households has 20–30 (官田村's `guantian.member`
 * among them), and some field work: visits, upkeep, fire inspections with hazards fixed and
 * open, mediations. Runs inside the foundation seed's transaction; skipped when its marker is there.
 */
export const GRIDS_SETTING_KEY = 'demo.grids.seeded';
const GRIDS_SEED = 20_260_713;
const GRIDS_SEED_LOCK = 4_801_713;
const DEMO_MEMBER_USERNAME = 'guantian.member';

/** The demo's villages: the same list as the traditional-village seed (villages-data.ts), so every profiled village has grids and households. */
export const GRID_DEMO_VILLAGES: readonly Pick<DemoVillage, 'code' | 'centre' | 'hamlets' | 'extraMembers'>[] = VILLAGE_DEMO;

export interface GridsSeedCounts {
  villages: number;
  grids: number;
  members: number;
  households: number;
  residents: number;
  visits: number;
  inspections: number;
  hazards: number;
  mediations: number;
  upkeep: number;
}

const RELATIONS: ResidentRelation[] = ['spouse', 'child', 'parent', 'grandchild'];
const DISPUTES: DisputeType[] = ['neighbour', 'land', 'family', 'housing'];
const HAZARD_NOTES: Record<string, string> = {
  extinguisher: '灭火器已过期',
  wiring: '厨房电线老化、私拉乱接',
  gas: '燃气软管老化',
  stove: '柴火灶旁堆放干柴',
  fuel_storage: '柴草堆放紧贴木质墙体',
  ebike: '电动车在堂屋充电',
  exits: '巷道堆放杂物',
  smoke_alarm: '烟感报警器无电',
};

/** A version-4 uuid from the seeded generator, so the demo's client ids are the same every time. */
function seededUuid(rnd: Random): string {
  const hex = Array.from({ length: 32 }, () => '0123456789abcdef'[rnd.int(0, 15)]).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[rnd.int(0, 3)]}${hex.slice(17, 20)}-${hex.slice(20)}`;
}

const jitter = (rnd: Random, p: { lng: number; lat: number }, km: number) => ({
  lng: p.lng + ((rnd.next() - 0.5) * 2 * km) / 100,
  lat: p.lat + ((rnd.next() - 0.5) * 2 * km) / 111,
});

export async function seedGridsDemo(
  trx: Transaction<Database>,
  secrets: Secrets,
  options: { today?: string } = {},
): Promise<{ seeded: boolean; counts: GridsSeedCounts | null; ms: number }> {
  const t0 = performance.now();
  await sql`SELECT pg_advisory_xact_lock(${GRIDS_SEED_LOCK})`.execute(trx);
  if (await trx.selectFrom('app_setting').select('key').where('key', '=', GRIDS_SETTING_KEY).executeTakeFirst())
    return { seeded: false, counts: null, ms: 0 };
  const today = options.today ?? chinaDate();
  const rnd = seededRandom(GRIDS_SEED);
  const present = new Set(
    (
      await trx
        .selectFrom('region')
        .select('code')
        .where(
          'code',
          'in',
          GRID_DEMO_VILLAGES.map((v) => v.code),
        )
        .execute()
    ).map((r) => r.code),
  );
  const demoPerson =
    (await trx.selectFrom('app_user').select('person_id').where('username', '=', DEMO_MEMBER_USERNAME).executeTakeFirst())?.person_id ??
    null;
  const counts: GridsSeedCounts = {
    villages: 0,
    grids: 0,
    members: 0,
    households: 0,
    residents: 0,
    visits: 0,
    inspections: 0,
    hazards: 0,
    mediations: 0,
    upkeep: 0,
  };

  for (const v of GRID_DEMO_VILLAGES.filter((x) => present.has(x.code))) {
    counts.villages++;
    const grids = await trx
      .insertInto('grid')
      .values(v.hamlets.map((name) => ({ village_code: v.code, name, ...jitter(rnd, v.centre, 0.6) })))
      .returning(['id', 'lng', 'lat'])
      .execute();
    counts.grids += grids.length;
    for (let i = 0; i < v.extraMembers; i++) {
      const gender = i % 3 === 1 ? 'female' : 'male';
      // One of each village's members is past 70: exempt by age, to show the rule.
      const born = i === v.extraMembers - 1 ? birthDate(rnd, 1945, 1950) : birthDate(rnd, 1962, 1995);
      const phone = mobileNumber(rnd);
      await trx
        .insertInto('person')
        .values({
          name: personName(rnd, XINGGUO_SURNAMES, gender),
          gender,
          birth_date: born,
          is_party_member: true,
          region_code: v.code,
          phone_enc: secrets.encrypt(phone),
          phone_masked: maskPhone(phone),
          phone_hash: secrets.lookupHash(phone),
        })
        .execute();
    }
    const people = await trx
      .selectFrom('person')
      .select(['id', 'birth_date'])
      .where('region_code', '=', v.code)
      .where('is_party_member', '=', true)
      .orderBy('id')
      .execute();
    const members = people.map((p, i) => {
      const grid = grids[i % grids.length]!;
      const at = jitter(rnd, { lng: grid.lng!, lat: grid.lat! }, 0.2);
      const byAge = exemptionOf({ id: p.id, location: null, birthDate: p.birth_date, villageCode: v.code }, DEFAULT_EXEMPT_AGE, today);
      // The demo account's member carries households whatever their made-up age says.
      const exempt = p.id === demoPerson && byAge ? false : null;
      return {
        person_id: p.id,
        village_code: v.code,
        grid_id: grid.id,
        lng: at.lng,
        lat: at.lat,
        exempt,
        exempt_note: exempt === false ? '本人自愿继续包户' : null,
        birth_date: p.birth_date,
      };
    });
    await trx
      .insertInto('grid_member')
      .values(members.map(({ birth_date: _b, ...m }) => m))
      .execute();
    counts.members += members.length;
    const active = members.filter(
      (m) =>
        !exemptionOf(
          { id: m.person_id, location: null, birthDate: m.birth_date, exempt: m.exempt, villageCode: v.code },
          DEFAULT_EXEMPT_AGE,
          today,
        ),
    );
    const householdCount = active.reduce((s) => s + rnd.int(22, 28), 0);
    const placed = Array.from({ length: householdCount }, (_, k) => {
      const grid = grids[k % grids.length]!;
      return { grid, at: jitter(rnd, { lng: grid.lng!, lat: grid.lat! }, 0.25), k };
    });
    const inserted = await trx
      .insertInto('household')
      .values(
        placed.map((p) => ({
          village_code: v.code,
          grid_id: p.grid.id,
          address: `${v.hamlets[grids.indexOf(p.grid)]}${p.k + 1}号`,
          lng: p.at.lng,
          lat: p.at.lat,
        })),
      )
      .returning(['id', 'village_code', 'grid_id', 'lng', 'lat'])
      .execute();
    counts.households += inserted.length;

    const plan = assignHouseholds({
      members: members.map((m) => ({
        id: m.person_id,
        location: { lng: m.lng, lat: m.lat },
        birthDate: m.birth_date,
        exempt: m.exempt,
        villageCode: v.code,
        gridId: m.grid_id,
      })),
      households: inserted.map((h) => ({ id: h.id, location: { lng: h.lng!, lat: h.lat! }, villageCode: v.code, gridId: h.grid_id })),
      asOf: today,
    });
    const values = sql.join(
      plan.assignments.map((a) => sql`(${a.householdId}::bigint, ${a.memberId}::bigint, ${a.distanceKm}::double precision)`),
    );
    await sql`UPDATE household AS h SET member_person_id = v.member, distance_km = v.km, assigned_at = now()
      FROM (VALUES ${values}) AS v (id, member, km) WHERE h.id = v.id`.execute(trx);

    const residents = inserted.flatMap((h) => {
      const size = rnd.int(1, 4);
      const surname = rnd.pick(XINGGUO_SURNAMES);
      return Array.from({ length: size }, (_, i) => {
        const name = surname + personName(rnd, [''], i % 2 === 0 ? 'male' : 'female');
        const relation: ResidentRelation = i === 0 ? 'head' : RELATIONS[(i - 1) % RELATIONS.length]!;
        const phone = i === 0 ? mobileNumber(rnd) : null;
        return {
          household_id: h.id,
          relation,
          name_enc: secrets.encrypt(name),
          name_masked: maskName(name),
          birth_year: i === 0 ? rnd.int(1945, 1985) : rnd.int(1950, 2015),
          phone_enc: phone ? secrets.encrypt(phone) : null,
          phone_masked: phone ? maskPhone(phone) : null,
          sort: i,
        };
      });
    });
    for (let i = 0; i < residents.length; i += 500)
      await trx
        .insertInto('household_resident')
        .values(residents.slice(i, i + 500))
        .execute();
    counts.residents += residents.length;

    const memberOf = new Map(plan.assignments.map((a) => [a.householdId, a.memberId]));
    // Visits: most households in the last two months, a few long ago, some never (the not-visited list).
    const visits = inserted.flatMap((h) => {
      const roll = rnd.next();
      if (roll < 0.12) return [];
      const n = roll < 0.3 ? 1 : rnd.int(1, 3);
      return Array.from({ length: n }, () => ({
        client_id: seededUuid(rnd),
        household_id: h.id,
        village_code: v.code,
        member_person_id: memberOf.get(h.id) ?? null,
        visited_on: addDays(today, -(roll < 0.3 ? rnd.int(45, 120) : rnd.int(0, 40))),
        topics: [rnd.pick(VISIT_TOPIC_KEYS), rnd.pick(VISIT_TOPIC_KEYS)].filter((t, i, a) => a.indexOf(t) === i),
        notes: rnd.pick(['宣传传统村落保护政策', '讲解消防安全常识', '了解老人身体和生活情况', '动员参与人居环境整治', '宣讲村规民约']),
      }));
    });
    for (let i = 0; i < visits.length; i += 500)
      await trx
        .insertInto('visit')
        .values(visits.slice(i, i + 500))
        .execute();
    counts.visits += visits.length;

    // Fire inspections of about one household in six; a failed item becomes a hazard, most since fixed.
    const inspected = inserted
      .filter(() => rnd.next() < 0.16)
      .map((h) => ({ h, on: addDays(today, -rnd.int(3, 90)), failedItem: rnd.next() < 0.35 ? rnd.pick(CHECKLIST_ITEMS) : null }));
    const inspections = inspected.length
      ? await trx
          .insertInto('inspection')
          .values(
            inspected.map(({ h, on, failedItem }) => ({
              client_id: seededUuid(rnd),
              household_id: h.id,
              village_code: v.code,
              member_person_id: memberOf.get(h.id) ?? null,
              inspected_on: on,
              checklist: JSON.stringify(
                CHECKLIST_ITEMS.map((item) => ({
                  item,
                  passed: item !== failedItem,
                  note: item === failedItem ? HAZARD_NOTES[item]! : null,
                })),
              ),
            })),
          )
          .returning('id')
          .execute()
      : [];
    counts.inspections += inspections.length;
    const hazards = inspected.flatMap(({ h, on, failedItem }, k) => {
      if (!failedItem) return [];
      const deadline = addDays(on, 7);
      const fixed = deadline < today && rnd.next() < 0.75;
      return [
        {
          inspection_id: inspections[k]!.id,
          item: failedItem,
          household_id: h.id,
          village_code: v.code,
          member_person_id: memberOf.get(h.id) ?? null,
          description: HAZARD_NOTES[failedItem]!,
          found_on: on,
          deadline,
          status: fixed ? ('fixed' as const) : ('open' as const),
          fixed_on: fixed ? addDays(on, 6) : null,
          rechecks: JSON.stringify(
            fixed ? [{ on: addDays(on, 6), passed: true, note: '已整改，复查通过', deadlineBefore: deadline, by: 'demo' }] : [],
          ),
        },
      ];
    });
    if (hazards.length) await trx.insertInto('hazard').values(hazards).execute();
    counts.hazards += hazards.length;

    // Mediations: a handful per village, most resolved, one awaiting its follow-up.
    const mediations = Array.from({ length: 4 }, (_, i) => {
      const h = rnd.pick(inserted);
      const parties = [
        { name: personName(rnd, XINGGUO_SURNAMES, 'male'), role: null },
        { name: personName(rnd, XINGGUO_SURNAMES, 'female'), role: null },
      ];
      const on = addDays(today, -rnd.int(5, 150));
      return {
        client_id: seededUuid(rnd),
        household_id: h.id,
        village_code: v.code,
        member_person_id: memberOf.get(h.id) ?? null,
        dispute_type: DISPUTES[i % DISPUTES.length]!,
        parties_enc: secrets.encrypt(JSON.stringify(parties)),
        parties_masked: parties.map((p) => maskName(p.name)),
        summary: rnd.pick(['宅基地边界争议', '排水沟堵塞引发邻里矛盾', '赡养老人费用分担', '山林界址不清']),
        mediated_on: on,
        outcome: i === 3 ? ('partial' as const) : ('resolved' as const),
        agreement: i === 3 ? null : '双方签订调解协议',
        follow_up_on: addDays(on, 30),
        followed_up_at: i < 2 ? new Date(`${addDays(on, 30)}T10:00:00+08:00`) : null,
        follow_up_note: i < 2 ? '回访，协议履行良好' : null,
      };
    });
    await trx.insertInto('mediation').values(mediations).execute();
    counts.mediations += mediations.length;
    const upkeep = [
      { kind: 'infrastructure' as const, subject: '古井护栏检修' },
      { kind: 'infrastructure' as const, subject: '祠堂消防水池清理' },
      { kind: 'environment' as const, subject: '村道垃圾清运' },
      { kind: 'environment' as const, subject: '房前屋后杂物清理' },
    ];
    await trx
      .insertInto('upkeep')
      .values(
        upkeep.map((u) => ({
          client_id: seededUuid(rnd),
          ...u,
          village_code: v.code,
          grid_id: rnd.pick(grids).id,
          member_person_id: rnd.pick(active).person_id,
          done_on: addDays(today, -rnd.int(1, 60)),
        })),
      )
      .execute();
    counts.upkeep += upkeep.length;
  }
  await trx
    .insertInto('app_setting')
    .values({ key: GRIDS_SETTING_KEY, value: JSON.stringify(counts) })
    .execute();
  return { seeded: true, counts, ms: Math.round(performance.now() - t0) };
}
