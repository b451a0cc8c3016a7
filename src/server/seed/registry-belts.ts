import type { BuildingContext } from './registry-buildings.ts';
import { BELTS, POINT_KINDS, type DistrictPlan } from './registry-data.ts';
import type { BuildingRow, RegistryPlan } from './registry-plan.ts';

/** REG-7: 7 city-level belts of 3–5 buildings, exactly 4 named buildings among them, at least 8 points each. */
export function planBelts(
  plan: RegistryPlan,
  districts: BuildingContext['districts'],
  byKey: Map<string, BuildingRow>,
  districtOf: (code: string) => DistrictPlan,
): void {
  const rnd = plan.rnd;
  const used = new Set<string>();
  // A building a belt names is never taken as another belt's candidate first.
  const reserved = new Set(BELTS.flatMap((b) => b.named));
  for (const spec of BELTS) {
    const district = districts.find((d) => d.plan.code === spec.district)?.plan ?? districtOf(spec.district);
    const named = spec.named.map((k) => byKey.get(k)).filter((b): b is BuildingRow => !!b && !used.has(b.key));
    const candidates = plan.shuffle(
      [...byKey.values()].filter((b) => b.district === district.code && !used.has(b.key) && !reserved.has(b.key)),
    );
    // Positioned buildings are the natural candidates: they come first.
    candidates.sort((a, b) => Number(!!b.positioning) - Number(!!a.positioning));
    const members = [...named, ...candidates].slice(0, spec.size);
    for (const m of members) used.add(m.key);
    const established = plan.daysAgo(900, 500);
    plan.belts.push({
      key: plan.key('belt'),
      name: spec.name,
      region: district.code,
      description: spec.description,
      establishedOn: established,
      buildings: members.map((m) => ({
        building: m.key,
        status: named.includes(m) ? 'named' : 'cultivating',
        since: plan.daysAgo(480, 60),
        progress: rnd.int(25, 90),
      })),
      points: Array.from({ length: spec.points }, (_, i) => {
        const at = members[i % Math.max(1, members.length)];
        const kind = POINT_KINDS[i % POINT_KINDS.length]!;
        return {
          name: at && i < members.length * 2 ? `${at.name}${kind}` : `${district.name}${kind}（${i + 1}号）`,
          level: i < Math.ceil(spec.points * 0.4) ? 'city' : 'county',
          building: at && i < members.length * 2 ? at.key : null,
          region: at?.region ?? district.code,
          namedOn: plan.daysAgo(700, 20),
        };
      }),
    });
  }
  // Exactly four named buildings, as the article reports, even when a district of the plan is not loaded.
  const memberships = plan.belts.flatMap((b) => b.buildings);
  let named = memberships.filter((m) => m.status === 'named').length;
  for (const m of memberships) {
    if (named >= 4) break;
    if (m.status === 'cultivating') {
      m.status = 'named';
      m.progress = 100;
      named++;
    }
  }
  for (const m of memberships) {
    const b = byKey.get(m.building)!;
    if (m.status === 'named') m.progress = 100;
    b.demoStatus = m.status === 'named' || b.demoStatus === 'named' ? 'named' : 'cultivating';
  }
}
