import { assignToAgents, planarKm } from '../../domain/registry/assignment.ts';
import { ARTICLE, HOME_UNITS, INSTRUCTOR_TITLES, PARKS, SERVICE_KINDS_ORDER, SERVICE_SUMMARIES } from './registry-data.ts';
import { clampToFuzhou, type EnterpriseRow, type RegistryPlan, type StreetRow } from './registry-plan.ts';

/**
 * DSH-3 / SVC-1 / SVC-2: the article's 1,827 party-building instructors for the
 * 3,182 non-public enterprises, assigned near their enterprises with balanced
 * loads by the assignment optimiser (domain/registry/assignment.ts), and its
 * 119 stationed cadres attached to streets and parks with portfolios; both
 * with service records of the five kinds the article names.
 */

const REF_LAT = 26.05;

export function planServices(plan: RegistryPlan, streets: readonly StreetRow[], streetCommittee: (street: StreetRow) => string): void {
  const rnd = plan.rnd;
  const nonPublic = plan.enterprises.filter((e) => e.isNonPublic);
  if (nonPublic.length === 0) return;
  const streetOf = new Map(streets.map((s) => [s.code, s]));
  const districts = [...new Set(nonPublic.map((e) => e.district))];
  const perDistrict = share(
    ARTICLE.instructors,
    districts.map((d) => nonPublic.filter((e) => e.district === d).length),
  );

  districts.forEach((district, di) => {
    const enterprises = nonPublic.filter((e) => e.district === district);
    // Instructors live and work where the enterprises are: each is placed at one of them.
    const homes = plan.shuffle(enterprises).slice(0, perDistrict[di]);
    const agents = homes.map((home) => {
      const at = clampToFuzhou(home.lng + (rnd.next() - 0.5) * 0.01, home.lat + (rnd.next() - 0.5) * 0.01);
      const street = streetOf.get(home.region)!;
      const org = streetCommittee(street);
      const unit = rnd.pick(HOME_UNITS);
      const person = plan.person({
        org,
        region: street.code,
        born: [1966, 1986],
        posts: [{ org, title: '党建工作指导员', startedOn: plan.daysAgo(1400, 60) }],
      });
      plan.instructors.push({ person, title: `${unit}${rnd.pick(INSTRUCTOR_TITLES)}`, capacity: 3, ...at, region: street.code });
      return { id: person, location: planarKm(at.lng, at.lat, REF_LAT), capacity: 3 };
    });
    const items = enterprises.map((e) => ({ id: e.org, location: planarKm(e.lng, e.lat, REF_LAT) }));
    const { optimised } = assignToAgents({ agents, items });
    const agentOf = Array.from(optimised.agentOf);
    const load = new Array<number>(agents.length).fill(0);
    agentOf.forEach((a, i) => {
      // Capacity is ample (three each for fewer than two enterprises each); a leftover goes to the least loaded.
      if (a < 0) agentOf[i] = a = load.indexOf(Math.min(...load));
      load[a]!++;
    });
    // Every instructor serves someone: an idle one takes an enterprise from the busiest instructor.
    for (let a = 0; a < agents.length; a++) {
      if (load[a]! > 0) continue;
      const busiest = load.indexOf(Math.max(...load));
      if (load[busiest]! < 2) break;
      const i = agentOf.indexOf(busiest);
      agentOf[i] = a;
      load[busiest]!--;
      load[a]!++;
    }
    agentOf.forEach((a, i) => {
      const e = enterprises[i]!;
      const agent = agents[a]!;
      const to = planarKm(e.lng, e.lat, REF_LAT);
      plan.assignments.push({
        enterprise: e.org,
        person: agent.id,
        distanceKm: Math.round(Math.hypot(to.x - agent.location.x, to.y - agent.location.y) * 1000) / 1000,
      });
    });
  });

  instructorRecords(plan, nonPublic);
  planCadres(plan, nonPublic, streets, streetCommittee);
}

/** Splits `total` in proportion to `sizes` (largest remainders), never more than a size. */
function share(total: number, sizes: readonly number[]): number[] {
  const sum = sizes.reduce((s, x) => s + x, 0);
  const exact = sizes.map((x) => (total * x) / sum);
  const out = exact.map((x, i) => Math.min(sizes[i]!, Math.floor(x)));
  let left = total - out.reduce((s, x) => s + x, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  while (left > 0) {
    let moved = false;
    for (const [, i] of order) {
      if (left > 0 && out[i]! < sizes[i]!) {
        out[i]!++;
        left--;
        moved = true;
      }
    }
    if (!moved) break;
  }
  return out;
}

function record(plan: RegistryPlan, person: string, e: EnterpriseRow): void {
  const kind = plan.rnd.pick(SERVICE_KINDS_ORDER);
  plan.serviceRecords.push({
    person,
    enterprise: e.org,
    kind,
    servedOn: plan.daysAgo(360, 1),
    summary: `${plan.rnd.pick(SERVICE_SUMMARIES[kind])}（${e.name}）`,
  });
}

function instructorRecords(plan: RegistryPlan, nonPublic: readonly EnterpriseRow[]): void {
  const byOrg = new Map(nonPublic.map((e) => [e.org, e]));
  for (const a of plan.assignments) {
    if (plan.rnd.next() < 0.3) record(plan, a.person, byOrg.get(a.enterprise)!);
  }
}

/** SVC-2: 119 cadres, most attached to the streets with the most enterprises, some to parks. */
function planCadres(
  plan: RegistryPlan,
  nonPublic: readonly EnterpriseRow[],
  streets: readonly StreetRow[],
  streetCommittee: (street: StreetRow) => string,
): void {
  const rnd = plan.rnd;
  const byStreet = new Map<string, EnterpriseRow[]>();
  for (const e of nonPublic) byStreet.set(e.region, [...(byStreet.get(e.region) ?? []), e]);
  const streetOf = new Map(streets.map((s) => [s.code, s]));
  const ranked = [...byStreet.entries()].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
  const parks = PARKS.flatMap((p) => {
    const street = streets.find((s) => s.district === p.district && s.name.includes(p.street));
    return street && byStreet.has(street.code) ? [{ name: p.name, street }] : [];
  });
  const parkCadres = Math.min(24, parks.length * 5);
  const streetCounts = share(
    ARTICLE.stationedCadres - parkCadres,
    ranked.map(([, list]) => list.length),
  );
  const postings: { street: StreetRow; park: string | null }[] = [];
  ranked.forEach(([code], i) => {
    for (let k = 0; k < streetCounts[i]!; k++) postings.push({ street: streetOf.get(code)!, park: null });
  });
  for (let k = 0; k < parkCadres; k++) {
    const p = parks[k % parks.length]!;
    postings.push({ street: p.street, park: p.name });
  }
  for (const { street, park } of postings) {
    const org = streetCommittee(street);
    const homeUnit = rnd.pick(HOME_UNITS);
    const startedOn = plan.daysAgo(900, 45);
    const person = plan.person({
      org,
      region: street.code,
      born: [1972, 1990],
      posts: [{ org, title: `选派挂职干部（${homeUnit}）`, startedOn }],
    });
    const pool = byStreet.get(street.code) ?? [];
    const portfolio = plan.shuffle(pool).slice(0, Math.min(pool.length, rnd.int(6, 16)));
    plan.cadres.push({ person, region: street.code, parkName: park, homeUnit, startedOn, enterprises: portfolio.map((e) => e.org) });
    const visits = rnd.int(2, 6);
    for (let v = 0; v < visits && portfolio.length; v++) record(plan, person, rnd.pick(portfolio));
  }
}
