import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestContext } from '../../../tests/support/app.ts';
import { isValidCreditCode } from '../../domain/identity/codes.ts';
import { beltViolations } from '../../domain/registry/belts.ts';
import { buildingCoverage } from '../../domain/registry/coverage.ts';
import { isEligibleLiaisonOrganisation } from '../../domain/registry/liaison.ts';
import {
  addDays,
  applyLeaseEvent,
  fitsOfficeArea,
  peakLeasedArea,
  type LeaseEventFact,
  type LeaseEventInput,
} from '../../domain/registry/occupancy.ts';
import { chinaDate } from '../../domain/time.ts';
import { createSecrets } from '../auth/secrets.ts';
import { verifyAuditChain } from '../modules/audit/chain.ts';
import { loadRegions } from '../regions/load.ts';
import { DEMO_PASSWORD, seedDemo } from './demo.ts';
import { seededRandom } from './random.ts';
import { planBuildings } from './registry-buildings.ts';
import { RegistryPlan, type StreetRow } from './registry-plan.ts';
import { planServices } from './registry-services.ts';
import { planTenants } from './registry-tenants.ts';
import { REGISTRY_SETTING_KEY, seedRegistryDemo } from './registry.ts';

/** DSH-3 the registry demo: the article's figures, consistent leases, 一楼八员 from the right departments, the demo accounts' building. */
let ctx: TestContext;
let seedMs = 0;
const today = chinaDate();

beforeAll(async () => {
  ctx = await createTestApp();
  await loadRegions(ctx.db.kysely, ['350100']);
  const t0 = performance.now();
  await seedDemo(ctx.deps);
  seedMs = Math.round(performance.now() - t0);
}, 120_000);
afterAll(() => ctx.close());

const q = () => ctx.db.kysely;

describe('DSH-3 registry demo seed', () => {
  it('DSH-3 reproduces the article’s figures: 3,182 non-public enterprises, 1,827 instructors, 119 cadres, 7 city belts, 4 named buildings', async () => {
    const count = async (table: 'instructor' | 'stationed_cadre' | 'building') =>
      Number(
        (
          await q()
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const nonPublic = await q()
      .selectFrom('enterprise')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('is_non_public', '=', true)
      .executeTakeFirstOrThrow();
    expect(Number(nonPublic.n)).toBe(3182);
    expect(await count('instructor')).toBe(1827);
    expect(await count('stationed_cadre')).toBe(119);
    const buildings = await count('building');
    expect(buildings).toBeGreaterThanOrEqual(110);
    expect(buildings).toBeLessThanOrEqual(130);
    const belts = await q().selectFrom('demo_belt').selectAll().execute();
    expect(belts.filter((b) => b.level === 'city')).toHaveLength(7);
    const members = await q().selectFrom('demo_belt_building').selectAll().execute();
    const points = await q().selectFrom('demo_point').selectAll().execute();
    for (const belt of belts) {
      const facts = {
        buildings: members
          .filter((m) => m.belt_id === belt.id)
          .map((m) => ({ buildingId: m.building_id, status: m.status, progress: m.progress })),
        points: points.filter((p) => p.belt_id === belt.id),
      };
      expect(beltViolations(facts), belt.name).toEqual([]);
    }
    expect(new Set(members.filter((m) => m.status === 'named').map((m) => m.building_id)).size).toBe(4);
    const assigned = await q().selectFrom('instructor_assignment').select(['enterprise_id', 'person_id']).execute();
    expect(assigned).toHaveLength(3182);
    expect(new Set(assigned.map((a) => a.person_id)).size).toBe(1827);
    console.info(`registry demo seed (with the foundation demo): ${seedMs} ms on ${ctx.db.backend}`);
  });

  it('REG-1 REG-2 buildings sit around Fuzhou on real streets; every enterprise has a valid credit code and a GB/T 4754 division', async () => {
    const rows = await q()
      .selectFrom('building')
      .innerJoin('region', 'region.code', 'building.region_code')
      .select(['building.lng', 'building.lat', 'region.level'])
      .execute();
    for (const b of rows) {
      expect(b.level).toBe('township');
      expect(b.lng).toBeGreaterThanOrEqual(119.2);
      expect(b.lng).toBeLessThanOrEqual(119.45);
      expect(b.lat).toBeGreaterThanOrEqual(25.95);
      expect(b.lat).toBeLessThanOrEqual(26.15);
    }
    const names = (await q().selectFrom('building').select('name').execute()).map((b) => b.name);
    expect(names).toEqual(expect.arrayContaining(['ICC国际商务中心', 'IFC福州国际金融中心', '钱隆保险大厦', '东街金融大厦']));
    const enterprises = await q()
      .selectFrom('enterprise')
      .innerJoin('industry', 'industry.code', 'enterprise.industry_code')
      .select(['credit_code', 'industry.level'])
      .execute();
    expect(enterprises).toHaveLength(3182 + 240);
    for (const e of enterprises) {
      expect(isValidCreditCode(e.credit_code), e.credit_code).toBe(true);
      expect(e.level).toBe('division');
    }
  });

  it('REG-4 REG-5 each building’s party committee tops its subtree; comprehensive organisations rest on the owner or the property company', async () => {
    const rows = await q()
      .selectFrom('building')
      .innerJoin('organisation as c', 'c.id', 'building.party_committee_id')
      .innerJoin('organisation as m', 'm.id', 'building.management_committee_id')
      .leftJoin('organisation as co', 'co.id', 'building.comprehensive_party_org_id')
      .leftJoin('organisation as po', 'po.id', 'building.property_owner_id')
      .leftJoin('organisation as pc', 'pc.id', 'building.property_company_id')
      .select([
        'building.name',
        'building.org_path',
        'building.ownership',
        'c.path as committee',
        'c.kind',
        'm.path as management',
        'co.path as comprehensive',
        'po.path as owner',
        'pc.path as company',
      ])
      .execute();
    let anchored = 0;
    for (const b of rows) {
      expect(b.kind).toBe('building_party_committee');
      expect(b.org_path).toBe(b.committee);
      expect(b.management.startsWith(b.committee), b.name).toBe(true);
      const coverage = buildingCoverage({
        ownership: b.ownership,
        comprehensivePartyOrgPath: b.comprehensive,
        propertyOwnerPath: b.owner,
        propertyCompanyPath: b.company,
      });
      if (coverage.anchored) anchored++;
    }
    expect(anchored).toBeGreaterThan(rows.length * 0.8);
    expect(rows.filter((b) => !b.comprehensive).length).toBeGreaterThan(0);
  });

  it('REG-6 一楼八员 are filled from the right departments, with a few vacancies; the demo building has all eight', async () => {
    const rows = await q()
      .selectFrom('liaison_assignment')
      .innerJoin('building', 'building.id', 'liaison_assignment.building_id')
      .innerJoin('organisation', 'organisation.id', 'liaison_assignment.organisation_id')
      .select([
        'building.name',
        'building.region_code',
        'building.management_mode',
        'building.property_company_id',
        'building.property_owner_id',
        'building.party_committee_id',
        'building.management_committee_id',
      ])
      .select([
        'liaison_assignment.role',
        'organisation.kind',
        'organisation.department_kind',
        'organisation.path',
        'organisation.region_code as org_region',
      ])
      .execute();
    const paths = new Map((await q().selectFrom('organisation').select(['id', 'path']).execute()).map((o) => [o.id, o.path]));
    const path = (id: string | null) => (id ? (paths.get(id) ?? null) : null);
    for (const r of rows) {
      const building = {
        regionCode: r.region_code,
        managementMode: r.management_mode,
        propertyCompanyPath: path(r.property_company_id),
        propertyOwnerPath: path(r.property_owner_id),
        partyCommitteePath: path(r.party_committee_id),
        managementCommitteePath: path(r.management_committee_id),
      };
      const org = { id: '', kind: r.kind, departmentKind: r.department_kind, path: r.path, regionCode: r.org_region };
      expect(isEligibleLiaisonOrganisation(r.role, org, building), `${r.name} ${r.role}`).toBe(true);
    }
    const perBuilding = new Map<string, number>();
    for (const r of rows) perBuilding.set(r.name, (perBuilding.get(r.name) ?? 0) + 1);
    expect(perBuilding.get('东街金融大厦')).toBe(8);
    const vacant = [...perBuilding.values()].filter((n) => n < 8).length;
    expect(vacant).toBeGreaterThan(0);
    expect(rows.length).toBeGreaterThan(perBuilding.size * 8 * 0.85);
  });

  it('REG-3 every lease replays from its events, buildings never lease more than their office area, and the year shows every kind of change', async () => {
    const leases = await q().selectFrom('lease').selectAll().execute();
    const events = await q().selectFrom('lease_event').selectAll().orderBy('effective_on').orderBy('id').execute();
    const byLease = new Map<string, typeof events>();
    for (const e of events) byLease.set(e.lease_id, [...(byLease.get(e.lease_id) ?? []), e]);
    for (const l of leases) {
      const [first, ...rest] = byLease.get(l.id)!;
      expect(first!.kind).toBe('move_in');
      let state = {
        startOn: l.start_on,
        area: Number(first!.area_after),
        endOn: first!.end_on_after,
        endedOn: null as string | null,
        lastEffectiveOn: first!.effective_on,
      };
      for (const e of rest) {
        const out = applyLeaseEvent(state, {
          kind: e.kind as LeaseEventInput['kind'],
          effectiveOn: e.effective_on,
          area: Number(e.area_after),
          endOn: e.end_on_after,
        });
        expect(out.ok, `${l.external_ref} ${e.kind} ${e.effective_on}`).toBe(true);
        if (out.ok)
          state = {
            ...state,
            area: out.areaAfter > 0 ? out.areaAfter : state.area,
            endOn: out.endOnAfter,
            endedOn: out.endedOn,
            lastEffectiveOn: e.effective_on,
          };
      }
      expect({ area: Number(l.area), endOn: l.end_on, endedOn: l.ended_on }).toEqual({
        area: state.area,
        endOn: state.endOn,
        endedOn: state.endedOn,
      });
    }
    const buildings = await q().selectFrom('building').select(['id', 'office_area']).execute();
    const facts = (ids: Set<string>): LeaseEventFact[] =>
      events
        .filter((e) => ids.has(e.lease_id))
        .map((e) => ({
          leaseId: e.lease_id,
          kind: e.kind,
          effectiveOn: e.effective_on,
          areaAfter: Number(e.area_after),
          endOnAfter: e.end_on_after,
          seq: Number(e.id),
        }));
    for (const b of buildings) {
      const ids = new Set(leases.filter((l) => l.building_id === b.id).map((l) => l.id));
      expect(fitsOfficeArea(peakLeasedArea(facts(ids), '2015-01-01', addDays(today, 3650)), Number(b.office_area))).toBe(true);
    }
    const yearAgo = addDays(today, -365);
    const kinds = new Set(events.filter((e) => e.effective_on >= yearAgo && e.effective_on <= today).map((e) => e.kind));
    expect([...kinds].sort()).toEqual(['area_change', 'expiry', 'move_in', 'move_out', 'renewal']);
    const expiring = leases.filter((l) => !l.ended_on && l.end_on >= today && l.end_on <= addDays(today, 90));
    expect(expiring.length).toBeGreaterThan(50);
  });

  it('DSH-3 the demo accounts’ building has tenants, leases and 八员; the enterprise account sees its own lease there', async () => {
    const building = await login(ctx.app, 'building', DEMO_PASSWORD);
    const list = (await building.request('GET', '/api/buildings')).json() as { items: { id: string; name: string }[] };
    expect(list.items.map((b) => b.name)).toEqual(['东街金融大厦']);
    const page = (await building.request('GET', `/api/buildings/${list.items[0]!.id}/page`)).json() as {
      enterprises: unknown[];
      liaisons: { holder: unknown }[];
    };
    expect(page.enterprises.length).toBeGreaterThan(10);
    expect(page.liaisons.filter((l) => l.holder)).toHaveLength(8);
    const enterprise = await login(ctx.app, 'enterprise', DEMO_PASSWORD);
    const leases = (await enterprise.request('GET', '/api/leases')).json() as { items: { buildingName: string; enterpriseName: string }[] };
    expect(leases.items.map((l) => [l.buildingName, l.enterpriseName])).toEqual([['东街金融大厦', '福州榕信数据科技有限公司']]);
  });

  it('SEC-2 the seed is one transaction with one audit row, which records the registry counts; a second run writes nothing', async () => {
    const rows = await q().selectFrom('audit_log').select(['action', 'after']).where('action', 'like', 'seed.%').execute();
    expect(rows.map((r) => r.action)).toEqual(['seed.demo']);
    expect(rows[0]!.after).toMatchObject({ registry: { nonPublicEnterprises: 3182, instructors: 1827, stationedCadres: 119, belts: 7 } });
    expect(await verifyAuditChain(q())).toMatchObject({ ok: true });
    const audits = await q().selectFrom('audit_log').select('id').execute();
    const again = await q()
      .transaction()
      .execute((trx) => seedRegistryDemo(trx, createSecrets(randomBytes(32))));
    expect(again.seeded).toBe(false);
    expect(await q().selectFrom('app_setting').select('key').where('key', '=', REGISTRY_SETTING_KEY).execute()).toHaveLength(1);
    expect(await q().selectFrom('audit_log').select('id').execute()).toEqual(audits);
  });
});

describe('DSH-3 registry demo plan', () => {
  const streets = async (): Promise<StreetRow[]> =>
    (
      await ctx.db.kysely
        .selectFrom('region')
        .select(['code', 'name', 'parent_code'])
        .where('level', '=', 'township')
        .where('code', 'like', '3501%')
        .orderBy('code')
        .execute()
    ).map((s) => ({
      code: s.code,
      name: s.name,
      district: s.parent_code!,
    }));
  const planOf = (rows: StreetRow[], seed: number) => {
    const plan = new RegistryPlan(seededRandom(seed), '2026-07-01');
    const context = planBuildings(plan, rows);
    planTenants(plan, context.buildings, []);
    planServices(plan, rows, context.streetCommittee);
    return plan;
  };

  it('DSH-3 is deterministic: the same seed and day give the same plan, another seed another', async () => {
    const rows = await streets();
    const a = planOf(rows, 7);
    expect(JSON.stringify(planOf(rows, 7))).toBe(JSON.stringify(a));
    expect(JSON.stringify(planOf(rows, 8).buildings)).not.toBe(JSON.stringify(a.buildings));
  });

  it('DSH-3 keeps the figures on a smaller region scope (one district)', async () => {
    const plan = planOf(
      (await streets()).filter((s) => s.district === '350103'),
      3,
    );
    expect(plan.buildings.length).toBe(120);
    expect(plan.enterprises.filter((e) => e.isNonPublic)).toHaveLength(3182);
    expect(plan.instructors).toHaveLength(1827);
    expect(plan.cadres).toHaveLength(119);
    expect(plan.belts).toHaveLength(7);
    expect(new Set(plan.belts.flatMap((b) => b.buildings.filter((m) => m.status === 'named').map((m) => m.building))).size).toBe(4);
  });
});
