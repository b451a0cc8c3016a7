import { sql, type Transaction } from 'kysely';
import { createWorkCalendar } from '../../domain/calendar/index.ts';
import type { WorkCalendar } from '../../domain/calendar/work-calendar.ts';
import type { MatterLevel } from '../../domain/matters/limits.ts';
import { bigramVector } from '../../domain/search/bigrams.ts';
import { chinaDate } from '../../domain/time.ts';
import { SYSTEM_ACTOR } from '../auth/actor.ts';
import type { Database } from '../db/schema.ts';
import { recordAudit } from '../modules/audit/chain.ts';
import { liveMatter, type Life, type LifeEvent, type Outcome } from './matters-life.ts';
import { planMatter, type Category, type Department, type Place, type PlannedMatter } from './matters-plan.ts';
import { seededRandom } from './random.ts';
import { allocateIds, insertAll } from './registry-write.ts';

/**
 * Item 12 of the matters issue (MAT, DSH-1): a year of matters across the demo
 * buildings, so the workbench and the dashboard are alive on first start. Each
 * life is lived through the workflow's functions (matters-life.ts) and the rows,
 * events and dispatch slips are written in bulk; replaying a matter's events
 * gives its row. The demo `enterprise` has a matter in every state and the demo
 * `tax` bureau has open matters to sign for and handle. Skipped when its marker is present.
 */
export const MATTERS_SETTING_KEY = 'demo.matters.seeded';
export const MATTERS_DEMO_SEED = 20_260_704;
// Any constant, distinct from the other seed, audit and migration locks.
const MATTERS_SEED_LOCK = 4_801_344;
const MATTERS_PER_YEAR = 3_200;

type Trx = Transaction<Database>;

export interface MattersSeedResult {
  seeded: boolean;
  counts: { matters: number; events: number; slips: number; open: number } | null;
  ms: number;
}

interface DemoUser {
  id: string;
  name: string;
  organisationId: string | null;
}

async function loadWorld(trx: Trx) {
  const places = await trx
    .selectFrom('enterprise')
    .innerJoin('organisation', 'organisation.id', 'enterprise.organisation_id')
    .innerJoin('building', 'building.id', 'enterprise.current_building_id')
    .select([
      'enterprise.organisation_id as enterpriseId',
      'organisation.name as enterpriseName',
      'enterprise.org_path as enterprisePath',
      'enterprise.is_key_enterprise as keyEnterprise',
      'building.id as buildingId',
      'building.name as buildingName',
      'building.org_path as buildingPath',
      'building.region_code as regionCode',
    ])
    .orderBy('enterprise.organisation_id')
    .execute();
  const departments = await trx
    .selectFrom('organisation')
    .select(['id', 'path', 'name', 'region_code as regionCode', 'department_kind as departmentKind'])
    .where('kind', '=', 'department')
    .where('department_kind', 'is not', null)
    .orderBy('id')
    .execute();
  const categories = await trx
    .selectFrom('matter_category')
    .select(['id', 'code', 'kind', 'department_kind as departmentKind'])
    .where('active', '=', true)
    .orderBy('sort')
    .execute();
  const users = await trx
    .selectFrom('app_user')
    .select(['id', 'username', 'display_name', 'organisation_id'])
    .where('username', 'in', ['enterprise', 'building', 'tax', 'dongjie', 'gudong', 'gulou', 'city'])
    .execute();
  const buildingUser = users.find((u) => u.username === 'building');
  const buildingUserPath = buildingUser?.organisation_id
    ? ((await trx.selectFrom('organisation').select('path').where('id', '=', buildingUser.organisation_id).executeTakeFirst())?.path ??
      null)
    : null;
  const regions = await trx.selectFrom('region').select(['code', 'name']).where('level', 'in', ['city', 'county', 'township']).execute();
  return {
    places: places as Place[],
    departments: departments.map((d) => ({ ...d, departmentKind: d.departmentKind! })) as Department[],
    categories: categories as Category[],
    users: new Map<string, DemoUser>(users.map((u) => [u.username, { id: u.id, name: u.display_name, organisationId: u.organisation_id }])),
    regionNames: new Map(regions.map((r) => [r.code, r.name])),
    buildingUserPath,
  };
}

export type World = Awaited<ReturnType<typeof loadWorld>>;

/** Who took a step, as the timeline names them: the demo accounts where they played the part. */
function actorOf(world: World, m: PlannedMatter, e: LifeEvent): { id: string | null; name: string } {
  const user = (username: string) => world.users.get(username);
  const region = m.place.regionCode;
  const levelName = (level: MatterLevel) =>
    level === 'street'
      ? (world.regionNames.get(region.slice(0, 9)) ?? '街道')
      : level === 'district'
        ? (world.regionNames.get(region.slice(0, 6)) ?? '区')
        : (world.regionNames.get(`${region.slice(0, 4)}00`) ?? '市');
  const levelUser = (level: MatterLevel) =>
    level === 'city'
      ? user('city')
      : level === 'district' && region.startsWith('350102')
        ? user('gulou')
        : level === 'street'
          ? region.startsWith('350102004')
            ? user('dongjie')
            : region.startsWith('350102001')
              ? user('gudong')
              : undefined
          : undefined;
  switch (e.party) {
    case 'system':
      return { id: null, name: '系统' };
    case 'enterprise': {
      const u = user('enterprise');
      return u && u.organisationId === m.place.enterpriseId ? { id: u.id, name: u.name } : { id: null, name: m.place.enterpriseName };
    }
    case 'handler': {
      const u = user('tax');
      const h = m.plan.handler;
      return u && h && u.organisationId === h.id ? { id: u.id, name: u.name } : { id: null, name: h?.name ?? '承办部门' };
    }
    case 'coordinator':
    case 'supervisor': {
      const level: MatterLevel =
        e.party === 'supervisor'
          ? e.level === 'building'
            ? 'street'
            : e.level === 'street'
              ? 'district'
              : 'city'
          : e.action === 'escalate'
            ? (e.data.fromLevel as MatterLevel)
            : e.level;
      if (level === 'building') {
        const u = user('building');
        return u && world.buildingUserPath && m.place.buildingPath.startsWith(world.buildingUserPath)
          ? { id: u.id, name: u.name }
          : { id: null, name: `${m.place.buildingName}服务站` };
      }
      const u = levelUser(level);
      return u ? { id: u.id, name: u.name } : { id: null, name: `${levelName(level)}工作人员` };
    }
  }
}

/**
 * Calendar days back to the n-th working day before today (China): a showcase matter raised then
 * has had its first steps by now, whatever the hour, weekday or holiday the seed runs at (raised
 * "today" before office hours, its registration would still lie ahead).
 */
function workingDaysBack(calendar: WorkCalendar, now: Date, n: number): number {
  let days = 0;
  for (let found = 0; found < n;) {
    days += 1;
    if (calendar.isWorkingDay(chinaDate(new Date(now.getTime() - days * 86_400_000)))) found += 1;
  }
  return days;
}

/**
 * Recent matters stopped at every step for the demo enterprise, and open dispatches to the demo tax
 * bureau. Exported for its test: the showcase must hold at any hour the seed runs.
 */
export function showcase(world: World, rnd: ReturnType<typeof seededRandom>, now: Date, calendar: WorkCalendar): PlannedMatter[] {
  const out: PlannedMatter[] = [];
  const ent = world.users.get('enterprise');
  const tax = world.departments.find((d) => d.id === world.users.get('tax')?.organisationId);
  const own = world.places.find((p) => p.enterpriseId === ent?.organisationId);
  // A category the demo may lack falls back to the tax bureau's service (every showcase world has it).
  const category = (code: string) =>
    world.categories.find((c) => c.code === code) ?? world.categories.find((c) => c.code === 'tax_service')!;
  // What an enterprise raises that the building settles itself or the enterprise takes back.
  const ownCategories: Partial<Record<Outcome, string>> = { on_site: 'property_service', withdraw: 'other' };
  if (own) {
    // Events before the stop: 1 collected, 2 registered, 3 dispatched, 4 accepted, 5 reported back, 6 replied.
    const stops: [number | null, Outcome][] = [
      [1, 'dispatch'],
      [2, 'dispatch'],
      [3, 'dispatch'],
      [4, 'dispatch'],
      [5, 'info'],
      [5, 'dispatch'],
      [6, 'dispatch'],
      [null, 'dispatch'],
      [null, 'on_site'],
      [null, 'withdraw'],
    ];
    for (const [i, [stall, outcome]] of stops.entries()) {
      // A stalled matter was raised long enough ago (in working days) to have reached its stop.
      const daysAgo = stall === null ? 10 + i * 3 : workingDaysBack(calendar, now, stall <= 2 ? 2 : stall <= 4 ? 4 : 10);
      out.push(
        planMatter({
          rnd,
          now,
          place: own,
          // Dispatches alternate the tax bureau's two kinds, so the enterprise's list reads as a real one does.
          category: category(ownCategories[outcome] ?? (i % 3 === 2 ? 'tax_consultation' : 'tax_service')),
          departments: world.departments,
          daysAgo,
          outcome,
          stallAfter: stall,
          ...(tax ? { handler: tax } : {}),
        }),
      );
    }
  }
  if (tax) {
    const gulou = world.places.filter((p) => p.regionCode.startsWith('350102'));
    for (let i = 0; i < 8 && gulou.length; i++) {
      out.push(
        planMatter({
          rnd,
          now,
          place: rnd.pick(gulou),
          category: category(i % 2 ? 'tax_consultation' : 'tax_service'),
          departments: world.departments,
          daysAgo: workingDaysBack(calendar, now, 2 + (i % 4)),
          outcome: 'dispatch',
          stallAfter: 3 + (i % 2),
          handler: tax,
        }),
      );
    }
  }
  return out;
}

function dispatcherOf(world: World, m: PlannedMatter, events: LifeEvent[], at: Date): string | null {
  const dispatch = events.find((e) => e.action === 'dispatch' && e.at.getTime() === at.getTime());
  return dispatch ? actorOf(world, m, dispatch).id : null;
}

export async function seedMattersDemo(trx: Trx, options: { seed?: number; audit?: boolean; now?: Date } = {}): Promise<MattersSeedResult> {
  const t0 = performance.now();
  await sql`SELECT pg_advisory_xact_lock(${MATTERS_SEED_LOCK})`.execute(trx);
  const marker = await trx.selectFrom('app_setting').select('key').where('key', '=', MATTERS_SETTING_KEY).executeTakeFirst();
  if (marker) return { seeded: false, counts: null, ms: Math.round(performance.now() - t0) };
  const world = await loadWorld(trx);
  if (world.places.length === 0 || world.categories.length === 0)
    return { seeded: false, counts: null, ms: Math.round(performance.now() - t0) };

  const now = options.now ?? new Date();
  const rnd = seededRandom(options.seed ?? MATTERS_DEMO_SEED);
  const calendar = createWorkCalendar({ overrides: [] });
  const planned: PlannedMatter[] = [];
  for (let i = 0; i < MATTERS_PER_YEAR; i++) {
    planned.push(
      planMatter({
        rnd,
        now,
        place: rnd.pick(world.places),
        category: rnd.pick(world.categories),
        departments: world.departments,
        daysAgo: rnd.int(0, 364),
      }),
    );
  }
  planned.push(...showcase(world, rnd, now, calendar));
  planned.sort((a, b) => a.plan.createdAt.getTime() - b.plan.createdAt.getTime());
  const lives: Life[] = planned.map((m) => liveMatter({ calendar, rnd, plan: m.plan, level: 'building', now }));

  const ids = await allocateIds(trx, 'matter', planned.length);
  const enterpriseUser = world.users.get('enterprise');
  const matters = planned.map((m, i) => {
    const life = lives[i]!;
    const id = ids[i]!;
    const intakeSteps = m.plan.staffEntry ? 2 : 1;
    const autoSteps = life.events.filter(
      (e, k) => e.party === 'system' && (e.action === 'close' || e.action === 'reopen') && k > 0 && life.events[k - 1]!.action === 'rate',
    ).length;
    return {
      id,
      code: `LY${chinaDate(m.plan.createdAt).replace(/-/g, '')}${id.padStart(6, '0')}`,
      title: m.title,
      description: m.description,
      category_id: m.category.id,
      source: m.plan.staffEntry ? ('staff' as const) : ('portal' as const),
      priority: m.plan.priority,
      enterprise_id: m.place.enterpriseId,
      building_id: m.place.buildingId,
      region_code: m.place.regionCode,
      org_path: m.place.buildingPath,
      enterprise_path: m.place.enterprisePath,
      submitted_by: !m.plan.staffEntry && enterpriseUser?.organisationId === m.place.enterpriseId ? enterpriseUser.id : null,
      created_at: m.plan.createdAt,
      version: 1 + life.events.length - intakeSteps - autoSteps,
      ...life.columns,
    };
  });
  const events = planned.flatMap((m, i) =>
    lives[i]!.events.map((e, k) => {
      const actor = actorOf(world, m, e);
      return {
        matter_id: ids[i]!,
        seq: k + 1,
        action: e.action,
        from_status: e.from,
        to_status: e.to,
        level: e.level,
        actor_user_id: actor.id,
        actor_name: actor.name,
        note: e.note,
        data: JSON.stringify(e.data),
        created_at: e.at,
      };
    }),
  );
  const slips = planned.flatMap((m, i) =>
    lives[i]!.slips.map((s, k) => ({
      matter_id: ids[i]!,
      code: `${matters[i]!.code}-P${k + 1}`,
      level: s.level,
      handler_org_id: s.handler.id,
      instructions: s.instructions,
      // Whoever took the 分派 step that wrote this slip (a demo account where the matter is theirs).
      dispatched_by: dispatcherOf(world, m, lives[i]!.events, s.dispatchedAt),
      dispatched_at: s.dispatchedAt,
      sign_for_due_at: s.signForDueAt,
      accepted_at: s.acceptedAt,
      returned_at: s.returnedAt,
      return_reason: s.returnReason,
    })),
  );

  // One rollup rebuild instead of a trigger call per row, and the search vectors computed here
  // (a row given its vector skips the search trigger): per row in PL/pgSQL they were most of the
  // seed's time on PGlite.
  await sql`ALTER TABLE matter DISABLE TRIGGER matter_rollup_insert`.execute(trx);
  const withSearch = matters.map((m) => ({ ...m, search: sql`${bigramVector(`${m.code} ${m.title} ${m.description}`)}::tsvector` }));
  await insertAll(trx, 'matter', withSearch as unknown as typeof matters);
  await sql`ALTER TABLE matter ENABLE TRIGGER matter_rollup_insert`.execute(trx);
  await sql`SELECT matter_rollup_rebuild()`.execute(trx);
  await insertAll(trx, 'matter_event', events);
  await insertAll(trx, 'dispatch_slip', slips);

  const counts = {
    matters: matters.length,
    events: events.length,
    slips: slips.length,
    open: matters.filter((m) => m.status !== 'closed' && m.status !== 'withdrawn').length,
  };
  await trx
    .insertInto('app_setting')
    .values({ key: MATTERS_SETTING_KEY, value: JSON.stringify({ seed: options.seed ?? MATTERS_DEMO_SEED, at: now.toISOString(), counts }) })
    .execute();
  if (options.audit !== false)
    await recordAudit(trx, { actor: SYSTEM_ACTOR, action: 'seed.matters', entity: 'seed', entityId: 'matters', after: counts });
  return { seeded: true, counts, ms: Math.round(performance.now() - t0) };
}
