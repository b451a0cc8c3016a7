import { creditCodeCheckChar } from '../../domain/identity/codes.ts';
import { addDays } from '../../domain/registry/occupancy.ts';
import { creditCode, FUZHOU_SURNAMES, personName } from './random.ts';
import { ARTICLE, INDUSTRY_WORDS, TRADE_FIRST, TRADE_SECOND } from './registry-data.ts';
import { round2, type BuildingRow, type EnterpriseRow, type LeaseEventRow, type LeaseRow, type RegistryPlan } from './registry-plan.ts';

/**
 * DSH-3 the non-public enterprises (the article's 3,182) and a few public ones,
 * placed in buildings through leases with a year of history (REG-3): move-ins,
 * move-outs to another building, expiries, area changes, renewals, and
 * contracts running out in the next 90 days. Each building's leases never add
 * up to more than its office area on any day.
 */

/** Public (state-owned) enterprises added beside the non-public ones, so coverage is not trivially complete. */
const PUBLIC_ENTERPRISES = 240;

/** The foundation demo's enterprises, which become registry enterprises in their buildings. */
export interface FoundationEnterprise {
  key: string;
  name: string;
  creditCode: string;
  building: string;
  partyOrgStatus: EnterpriseRow['partyOrgStatus'];
}

const SIZE_WEIGHTS = [
  ['micro', 45],
  ['small', 35],
  ['medium', 15],
  ['large', 5],
] as const;
const AREA_WEIGHT = { micro: 1, small: 2.2, medium: 5, large: 12 } as const;
const STAFF = { micro: [3, 9], small: [10, 99], medium: [100, 299], large: [300, 1500] } as const;

interface Tenant {
  enterprise: EnterpriseRow;
  area: number;
  /** A move-in within the year from another building (its earlier lease moved out or expired). */
  mover: boolean;
  foundation: boolean;
}

export function planTenants(plan: RegistryPlan, buildings: readonly BuildingRow[], foundation: readonly FoundationEnterprise[]): void {
  const rnd = plan.rnd;
  if (buildings.length === 0) return;
  const byKey = new Map(buildings.map((b) => [b.key, b]));
  const placed = foundation.filter((f) => byKey.has(f.building));
  const total = ARTICLE.nonPublicEnterprises + PUBLIC_ENTERPRISES - placed.length;
  const publicIndex = new Set(plan.shuffle(Array.from({ length: total }, (_, i) => i)).slice(0, PUBLIC_ENTERPRISES));
  const names = new Set(foundation.map((f) => f.name));
  const counts = apportion(
    total,
    buildings.map((b) => b.officeArea),
  );

  const tenantsOf = new Map<string, Tenant[]>();
  let n = 0;
  buildings.forEach((b, i) => {
    const list: Tenant[] = placed
      .filter((f) => f.building === b.key)
      .map((f) => ({ enterprise: foundationRow(plan, f, b), area: 0, mover: false, foundation: true }));
    for (let k = 0; k < counts[i]!; k++)
      list.push({ enterprise: enterprise(plan, b, names, publicIndex.has(n++)), area: 0, mover: rnd.next() < 0.035, foundation: false });
    // Occupancy between 60 % and 95 %: the rest is vacancy for investment attraction (REG-8) and room for earlier tenants.
    const target = b.officeArea * (b.demoStatus !== 'none' || b.positioning ? 0.78 + rnd.next() * 0.17 : 0.6 + rnd.next() * 0.3);
    const weights = list.map((t) => AREA_WEIGHT[t.enterprise.sizeClass] * (0.7 + rnd.next() * 0.6));
    const sum = weights.reduce((s, w) => s + w, 0);
    list.forEach((t, j) => (t.area = Math.max(40, Math.floor((target * weights[j]!) / sum))));
    tenantsOf.set(b.key, list);
  });

  // Room left in each building for the earlier leases of tenants who moved in this year from elsewhere.
  const slack = new Map(buildings.map((b) => [b.key, b.officeArea - (tenantsOf.get(b.key) ?? []).reduce((s, t) => s + t.area, 0)]));
  let ref = 0;
  const externalRef = (start: string) => `HT${start.slice(0, 4)}-${String(++ref).padStart(5, '0')}`;

  for (const b of buildings) {
    for (const t of tenantsOf.get(b.key) ?? []) {
      const e = t.enterprise;
      e.currentBuilding = b.key;
      plan.enterprises.push(e);
      if (t.mover) {
        const start = plan.daysAgo(330, 20);
        const from = earlierBuilding(plan, buildings, b, slack, t.area);
        if (from) {
          const earlier = Math.min(t.area, Math.floor(slack.get(from.key)! * 0.5));
          slack.set(from.key, slack.get(from.key)! - earlier);
          plan.leases.push(earlierLease(plan, from, e, earlier, start, externalRef));
        }
        plan.leases.push(currentLease(plan, b, e, t.area, 'new', externalRef, start));
      } else {
        const r = rnd.next();
        plan.leases.push(
          currentLease(
            plan,
            b,
            e,
            t.area,
            t.foundation ? 'established' : r < 0.16 ? 'new' : r < 0.22 ? 'expiring' : 'established',
            externalRef,
          ),
        );
      }
    }
  }
}

/** Splits `total` over weights in whole numbers (largest remainders), at least 3 each. */
function apportion(total: number, weights: readonly number[]): number[] {
  const floor = 3;
  const spare = total - floor * weights.length;
  const sum = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (spare * w) / sum);
  const out = exact.map((x) => floor + Math.floor(x));
  let left = total - out.reduce((s, x) => s + x, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    out[i]!++;
  }
  return out;
}

function foundationRow(plan: RegistryPlan, f: FoundationEnterprise, b: BuildingRow): EnterpriseRow {
  const rnd = plan.rnd;
  const staff = rnd.int(20, 80);
  return {
    org: f.key,
    name: f.name,
    creditCode: f.creditCode,
    industryCode: /保险/.test(f.name) ? '68' : /电子商务/.test(f.name) ? '52' : '65',
    sizeClass: 'small',
    staffCount: staff,
    partyMemberCount: rnd.int(3, 9),
    isKeyEnterprise: f.key === 'djb.ent.data',
    isNonPublic: true,
    partyOrgStatus: f.partyOrgStatus,
    registeredOn: `${rnd.int(2012, 2019)}-0${rnd.int(1, 9)}-1${rnd.int(0, 9)}`,
    legalRepresentative: personName(rnd, FUZHOU_SURNAMES, 'male'),
    region: b.region,
    district: b.district,
    lng: b.lng,
    lat: b.lat,
    currentBuilding: b.key,
  };
}

/** A made-up company of the building's industry mix, with a valid credit code and a party organisation status. */
function enterprise(plan: RegistryPlan, b: BuildingRow, names: Set<string>, isPublic: boolean): EnterpriseRow {
  const rnd = plan.rnd;
  const industry = plan.weighted(b.industries);
  const lawFirm = !isPublic && b.positioning === '律师楼' && industry === '72' && rnd.next() < 0.7;
  let name = '';
  while (!name || names.has(name)) {
    const trade = rnd.pick(TRADE_FIRST) + rnd.pick(TRADE_SECOND);
    const word = rnd.pick(INDUSTRY_WORDS[industry] ?? ['商务服务']);
    name = lawFirm
      ? `福建${trade}律师事务所`
      : isPublic
        ? `福州市${trade}${word}集团有限公司`
        : `${rnd.pick(['福州', '福州', '福建', '福建省'])}${trade}${word}有限公司`;
  }
  names.add(name);
  const sizeClass = isPublic ? rnd.pick(['large', 'medium'] as const) : plan.weighted(SIZE_WEIGHTS);
  const [lo, hi] = STAFF[sizeClass];
  const staffCount = rnd.int(lo, hi);
  const partyMemberCount = Math.min(staffCount, Math.round(staffCount * rnd.next() * (isPublic ? 0.35 : 0.18)));
  // A party branch needs three members; the rest are covered jointly or by an instructor (SVC-1).
  const status: EnterpriseRow['partyOrgStatus'] = isPublic
    ? rnd.next() < 0.83
      ? 'own'
      : 'none'
    : partyMemberCount >= 3 && rnd.next() < 0.4
      ? 'own'
      : rnd.next() < 0.18
        ? 'joint'
        : 'instructor';
  const org = plan.org({ parent: b.management, kind: 'enterprise', name, region: b.region, creditCode: '' });
  const code = lawFirm ? lawFirmCode(plan, b.district) : creditCode(rnd, b.district);
  plan.orgs[plan.orgs.length - 1]!.creditCode = code;
  if (status === 'own') {
    plan.org({
      parent: org,
      kind: 'party_org',
      partyOrgKind: 'branch',
      formation: 'independent',
      name: `中共${name}支部委员会`,
      region: b.region,
    });
  }
  return {
    org,
    name,
    creditCode: code,
    industryCode: industry,
    sizeClass,
    staffCount,
    partyMemberCount,
    isKeyEnterprise: sizeClass === 'large' ? rnd.next() < 0.6 : sizeClass === 'medium' ? rnd.next() < 0.15 : rnd.next() < 0.02,
    isNonPublic: !isPublic,
    partyOrgStatus: status,
    registeredOn: `${rnd.int(1998, 2024)}-${String(rnd.int(1, 12)).padStart(2, '0')}-${String(rnd.int(1, 28)).padStart(2, '0')}`,
    legalRepresentative: personName(rnd, FUZHOU_SURNAMES, rnd.next() < 0.7 ? 'male' : 'female'),
    region: b.region,
    district: b.district,
    lng: b.lng,
    lat: b.lat,
    currentBuilding: b.key,
  };
}

/** GB 32100: a law firm is registered by the justice administration (31…). */
function lawFirmCode(plan: RegistryPlan, county: string): string {
  const body = `31${county}${plan.rnd.digits(9)}`;
  return body + creditCodeCheckChar(body)!;
}

function years(date: string, n: number): string {
  return addDays(date, Math.round(365.25 * n));
}

function units(plan: RegistryPlan, b: BuildingRow, area: number): string {
  const floor = plan.rnd.int(2, b.floorsAbove);
  const first = plan.rnd.int(1, 12);
  const span = Math.min(8, Math.max(0, Math.round(area / 400) - 1));
  const unit = (u: number) => `${floor}${String(u).padStart(2, '0')}`;
  return span > 0 ? `${unit(first)}-${unit(first + span)}` : unit(first);
}

/** Folds event intents in effective order into the lease row, as recording them one by one would (REG-3). */
function lease(
  plan: RegistryPlan,
  b: BuildingRow,
  e: EnterpriseRow,
  startOn: string,
  intents: { kind: LeaseEventRow['kind']; on: string; area?: number; endOn?: string }[],
  ref: (start: string) => string,
): LeaseRow {
  intents.sort((x, y) => (x.on < y.on ? -1 : x.on > y.on ? 1 : 0));
  const events: LeaseEventRow[] = [];
  let area = 0;
  let lastArea = 0;
  let endOn = '';
  let endedOn: string | null = null;
  for (const i of intents) {
    if (i.kind === 'move_in' || i.kind === 'area_change' || i.kind === 'renewal') area = i.area ?? area;
    if (i.endOn) endOn = i.endOn;
    if (area > 0) lastArea = area;
    if (i.kind === 'move_out' || i.kind === 'expiry') {
      area = 0;
      endedOn = i.on;
    }
    events.push({ kind: i.kind, effectiveOn: i.on, areaAfter: area, endOnAfter: endOn, note: null });
  }
  return {
    key: plan.key('lease'),
    building: b.key,
    enterprise: e.org,
    units: units(plan, b, lastArea),
    area: lastArea,
    startOn,
    endOn,
    endedOn,
    monthlyRent: round2(lastArea * b.askingRent * (0.85 + plan.rnd.next() * 0.25)),
    externalRef: ref(startOn),
    events,
  };
}

function currentLease(
  plan: RegistryPlan,
  b: BuildingRow,
  e: EnterpriseRow,
  area: number,
  kind: 'new' | 'expiring' | 'established',
  ref: (start: string) => string,
  start?: string,
): LeaseRow {
  const rnd = plan.rnd;
  const today = plan.today;
  if (kind === 'new') {
    const on = start ?? plan.daysAgo(360, 10);
    return lease(plan, b, e, on, [{ kind: 'move_in', on, area, endOn: years(on, 3) }], ref);
  }
  if (kind === 'expiring') {
    // REG-3 expiry warnings: contracts ending within the next 90 days.
    const end = addDays(today, rnd.int(5, 90));
    const on = addDays(years(end, -3), 1);
    return lease(plan, b, e, on, [{ kind: 'move_in', on, area, endOn: end }], ref);
  }
  const on = plan.daysAgo(2200, 400);
  const moveIn = { kind: 'move_in' as const, on, area, endOn: years(on, rnd.pick([2, 3, 5])) };
  const intents: { kind: LeaseEventRow['kind']; on: string; area?: number; endOn?: string }[] = [moveIn];
  // Renewals, each recorded up to 45 days before the end it replaces, keep the contract running past today.
  let end = moveIn.endOn;
  while (end < addDays(today, 100)) {
    const renewedOn = addDays(end, -rnd.int(0, 45));
    end = years(end, rnd.pick([2, 3]));
    intents.push({ kind: 'renewal', on: renewedOn, endOn: end });
  }
  // An area change this year for one lease in ten: half expand into the allotted area, half give some back.
  const r = rnd.next();
  const changedOn = plan.daysAgo(330, 5);
  if (r < 0.1 && changedOn > on) {
    if (r < 0.05) {
      moveIn.area = Math.max(40, Math.round(area * 0.7));
      intents.push({ kind: 'area_change', on: changedOn, area });
    } else intents.push({ kind: 'area_change', on: changedOn, area: Math.max(30, Math.round(area * 0.75)) });
  }
  return lease(plan, b, e, on, intents, ref);
}

/** A building in the same district with room for the mover's earlier lease. */
function earlierBuilding(
  plan: RegistryPlan,
  buildings: readonly BuildingRow[],
  to: BuildingRow,
  slack: Map<string, number>,
  area: number,
): BuildingRow | null {
  const near = buildings.filter((b) => b.key !== to.key && b.district === to.district && slack.get(b.key)! > area * 0.5 + 100);
  return near.length ? plan.rnd.pick(near) : null;
}

/** The mover's earlier lease: ended by a move-out before its end, or by recording its expiry after it. */
function earlierLease(
  plan: RegistryPlan,
  b: BuildingRow,
  e: EnterpriseRow,
  area: number,
  movedOn: string,
  ref: (start: string) => string,
): LeaseRow {
  const left = addDays(movedOn, -plan.rnd.int(0, 20));
  const start = addDays(left, -plan.rnd.int(500, 1800));
  if (plan.rnd.next() < 0.75) {
    return lease(
      plan,
      b,
      e,
      start,
      [
        { kind: 'move_in', on: start, area, endOn: addDays(left, plan.rnd.int(60, 700)) },
        { kind: 'move_out', on: left },
      ],
      ref,
    );
  }
  const end = addDays(left, -plan.rnd.int(1, 20));
  return lease(
    plan,
    b,
    e,
    start,
    [
      { kind: 'move_in', on: start, area, endOn: end },
      { kind: 'expiry', on: left },
    ],
    ref,
  );
}
