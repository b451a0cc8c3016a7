import type { LiaisonRole } from '../db/schema.ts';
import { creditCode } from './random.ts';
import {
  BUILDING_SUFFIXES,
  CHARACTERISTIC,
  DISTRICTS,
  LIAISON_TITLES,
  OFFICE_INDUSTRIES,
  OTHER_POSITIONINGS,
  PROPERTY_BRANDS,
  type DistrictPlan,
} from './registry-data.ts';
import { planBelts } from './registry-belts.ts';
import { clampToFuzhou, round2, shortStreet, type BuildingRow, type RegistryPlan, type StreetRow } from './registry-plan.ts';

/**
 * DSH-3 buildings on real Fuzhou streets, each with its 楼宇两委 at the top of
 * its own subtree (REG-5), a property company or property-rights unit and the
 * comprehensive party organisation resting on it (REG-4), 一楼八员 drawn from
 * the right departments with a few vacancies (REG-6), and the seven city-level
 * demonstration belts (REG-7).
 */

/** Foundation demo keys (demo-data.ts) of each district's government and party line, where it made them. */
const FOUNDATION_PREFIX: Record<string, string> = { '350102': 'gl', '350103': 'tj', '350104': 'cs', '350111': 'ja' };
const FOUNDATION_STREETS: Record<string, { committee: string; police: string }> = {
  '350102004': { committee: 'dj.committee', police: 'gl.police.dj' },
  '350102001': { committee: 'gd.committee', police: 'gl.police.gd' },
};

export interface BuildingContext {
  /** Present districts with the buildings each gets. */
  districts: { plan: DistrictPlan; count: number; streets: StreetRow[] }[];
  buildings: BuildingRow[];
  byKey: Map<string, BuildingRow>;
  streetCommittee(street: StreetRow): string;
  districtOf(code: string): DistrictPlan;
}

export function planBuildings(plan: RegistryPlan, streets: readonly StreetRow[]): BuildingContext {
  const rnd = plan.rnd;
  const byDistrict = new Map<string, StreetRow[]>();
  for (const s of streets) {
    // Office buildings stand in streets (街道) and the towns (镇) inside the city; townships (乡) and farms do not count.
    if (!/(街道|镇)$/.test(s.name)) continue;
    byDistrict.set(s.district, [...(byDistrict.get(s.district) ?? []), s]);
  }
  const present = DISTRICTS.filter((d) => byDistrict.has(d.code));
  if (present.length === 0)
    return { districts: [], buildings: [], byKey: new Map(), streetCommittee: () => '', districtOf: () => DISTRICTS[0]! };
  // A smaller region scope keeps ~120 buildings: the missing districts' share goes to the first present one.
  const missing = DISTRICTS.filter((d) => !byDistrict.has(d.code)).reduce((n, d) => n + d.buildings, 0);
  const districts = present.map((d, i) => ({ plan: d, count: d.buildings + (i === 0 ? missing : 0), streets: byDistrict.get(d.code)! }));
  const districtOf = (code: string) => present.find((d) => code.startsWith(d.code)) ?? present[0]!;
  const streetByCode = new Map(streets.map((s) => [s.code, s]));

  // The party line: city organisation department → district → street working committee → building committees.
  const districtOrgs = new Map<string, string>();
  const districtOrg = (d: DistrictPlan) => {
    if (d.code === '350102') return 'gl.org';
    let key = districtOrgs.get(d.code);
    if (!key)
      districtOrgs.set(
        d.code,
        (key = plan.org({ parent: 'fz.org', kind: 'government', name: `中共福州市${d.name}委组织部`, region: d.code })),
      );
    return key;
  };
  const committees = new Map<string, string>();
  const streetCommittee = (s: StreetRow) => {
    const known = FOUNDATION_STREETS[s.code]?.committee ?? committees.get(s.code);
    if (known) return known;
    const d = districtOf(s.code);
    const name = s.name.endsWith('街道') ? `中共福州市${d.name}${s.name}工作委员会` : `中共福州市${d.name}${s.name}委员会`;
    const key = plan.org({
      parent: districtOrg(d),
      kind: 'party_org',
      partyOrgKind: 'committee',
      formation: 'independent',
      name,
      region: s.code,
    });
    committees.set(s.code, key);
    return key;
  };

  // The government line: district departments (the foundation made four districts'), and a police station per street.
  const departments = new Map<string, string>();
  const department = (d: DistrictPlan, kind: 'tax' | 'market' | 'talent' | 'gov') => {
    const prefix = FOUNDATION_PREFIX[d.code];
    if (prefix) return `${prefix}.${kind}`;
    const id = `${d.code}.${kind}`;
    let key = departments.get(id);
    if (key) return key;
    if (kind === 'gov') key = plan.org({ parent: 'fz.gov', kind: 'government', name: `福州市${d.name}人民政府`, region: d.code });
    else {
      const spec = {
        tax: ['tax', `${d.name}税务局`],
        market: ['market_regulation', `${d.name}市场监督管理局`],
        talent: ['talent', `${d.name}人才服务中心`],
      }[kind];
      key = plan.org({ parent: department(d, 'gov'), kind: 'department', departmentKind: spec[0], name: spec[1]!, region: d.code });
    }
    departments.set(id, key);
    return key;
  };
  const stations = new Map<string, string>();
  const station = (s: StreetRow) => {
    const known = FOUNDATION_STREETS[s.code]?.police ?? stations.get(s.code);
    if (known) return known;
    const key = plan.org({
      parent: department(districtOf(s.code), 'gov'),
      kind: 'department',
      departmentKind: 'police',
      name: `${shortStreet(s.name)}派出所`,
      region: s.code,
    });
    stations.set(s.code, key);
    return key;
  };

  // Department staff serve several buildings each: pools per district (police per street), filled lazily.
  const pools = new Map<string, { people: string[]; org: string; next: number }>();
  const staff = (poolKey: string, org: string, region: string, title: string, size: number, existing: string[] = []) => {
    let pool = pools.get(poolKey);
    if (!pool) {
      pool = { people: [...existing], org, next: 0 };
      while (pool.people.length < size)
        pool.people.push(plan.person({ org, region, posts: [{ org, title, startedOn: plan.daysAgo(1500, 200) }] }));
      pools.set(poolKey, pool);
    }
    return { person: pool.people[pool.next++ % pool.people.length]!, org: pool.org };
  };

  const names = new Set<string>();
  const buildings: BuildingRow[] = [];
  const pickStreet = (d: { streets: StreetRow[] }) => plan.weighted(d.streets.map((s) => [s, s.name.endsWith('街道') ? 3 : 1] as const));
  const streetNamed = (d: { streets: StreetRow[] }, hint: string) => d.streets.find((s) => s.name.includes(hint)) ?? pickStreet(d);

  for (const d of districts) {
    const specs: {
      key: string;
      name: string;
      street: StreetRow;
      positioning: string | null;
      industries: readonly (readonly [string, number])[];
    }[] = [];
    if (d.plan.code === '350102') {
      const dongjie = streetByCode.get('350102004');
      const gudong = streetByCode.get('350102001');
      if (dongjie)
        specs.push({
          key: 'dongjie',
          name: '东街金融大厦',
          street: dongjie,
          positioning: '金融楼',
          industries: weights(['66', '67', '68', '69', '65', '72']),
        });
      if (gudong)
        specs.push({
          key: 'gudong',
          name: '鼓东科创大厦',
          street: gudong,
          positioning: '科技楼',
          industries: weights(['65', '64', '73', '75']),
        });
    }
    for (const c of CHARACTERISTIC.filter((c) => c.district === d.plan.code)) {
      specs.push({
        key: c.key,
        name: c.name,
        street: streetNamed(d, c.street),
        positioning: c.positioning,
        industries: weights(c.industries),
      });
    }
    for (const s of specs) names.add(s.name);
    while (specs.length < d.count) {
      const name = `${rnd.pick(d.plan.places)}${rnd.pick(BUILDING_SUFFIXES)}`;
      if (names.has(name)) continue;
      names.add(name);
      const positioned = rnd.next() < 0.25 ? rnd.pick(OTHER_POSITIONINGS) : null;
      const street = pickStreet(d);
      specs.push({
        key: plan.key('building'),
        name,
        street,
        positioning: positioned?.[0] ?? null,
        industries: positioned ? weights(positioned[1]) : OFFICE_INDUSTRIES,
      });
    }
    for (const s of specs) buildings.push(building(s, d.plan));
  }

  function building(
    s: { key: string; name: string; street: StreetRow; positioning: string | null; industries: readonly (readonly [string, number])[] },
    d: DistrictPlan,
  ): BuildingRow {
    const floorsAbove = s.positioning ? rnd.int(28, 62) : rnd.int(12, 45);
    const plate = rnd.int(1100, 2300);
    const officeArea = round2(floorsAbove * plate * (0.72 + rnd.next() * 0.12));
    const point = clampToFuzhou(d.lng + (rnd.next() - 0.5) * 0.05, d.lat + (rnd.next() - 0.5) * 0.04);
    const ownership =
      s.key === 'dongjie'
        ? 'multiple'
        : s.key === 'gudong'
          ? 'single'
          : s.positioning && rnd.next() < 0.7
            ? 'multiple'
            : rnd.next() < 0.4
              ? 'single'
              : 'multiple';
    const managementMode = ownership === 'multiple' || (s.key !== 'gudong' && rnd.next() < 0.3) ? 'entrusted' : 'owner_managed';
    const row: BuildingRow = {
      key: s.key,
      name: s.name,
      address: `福州市${d.name}${s.key === 'dongjie' ? '东街' : s.key === 'gudong' ? '鼓东路' : `${rnd.pick(d.places)}路`}${rnd.int(1, 399)}号`,
      district: d.code,
      region: s.street.code,
      ...point,
      floorsAbove,
      floorsBelow: rnd.int(1, 4),
      grossArea: round2(officeArea / (0.74 + rnd.next() * 0.08)),
      officeArea,
      ownership,
      managementMode,
      propertyCompany: null,
      propertyOwner: null,
      committee: '',
      management: '',
      comprehensive: null,
      positioning: s.positioning,
      industryFocus: s.positioning ? s.industries.slice(0, 3).map(([c]) => c) : [],
      askingRent: round2((['350102', '350103'].includes(d.code) ? 85 : 55) + rnd.next() * 70),
      completedYear: rnd.int(1998, 2021),
      demoStatus: 'none',
      industries: s.industries,
    };
    organise(row, s.street);
    return row;
  }

  /** The building's organisations and people: the foundation's two demo buildings keep theirs. */
  function organise(b: BuildingRow, street: StreetRow): void {
    const d = districtOf(street.code);
    const since = () => plan.daysAgo(1100, 30);
    if (b.key === 'dongjie') {
      Object.assign(b, {
        committee: 'djb.committee',
        management: 'djb.management',
        propertyCompany: 'djb.property',
        propertyOwner: 'djb.owner',
        comprehensive: 'djb.branch',
      });
      const holders: [LiaisonRole, string, string][] = [
        ['building_head', 'djb.head', 'djb.management'],
        ['building_instructor', 'djb.instructor', 'djb.committee'],
        ['property_liaison', 'djb.property.manager', 'djb.property'],
        ['police_officer', 'gl.police.officer', 'gl.police.dj'],
        ['market_section_head', 'gl.market.officer', 'gl.market'],
        ['tax_officer', 'gl.tax.officer', 'gl.tax'],
        ['talent_officer', 'gl.talent.officer', 'gl.talent'],
        ['building_officer', 'djb.officer', 'djb.management'],
      ];
      for (const [role, person, org] of holders) plan.liaisons.push({ building: b.key, role, person, org, startedOn: '2024-01-01' });
      return;
    }
    const existing = b.key === 'gudong';
    b.committee = existing
      ? 'gdb.committee'
      : plan.org({ parent: streetCommittee(street), kind: 'building_party_committee', name: `中共${b.name}委员会`, region: street.code });
    b.management = existing
      ? 'gdb.management'
      : plan.org({ parent: b.committee, kind: 'building_management_committee', name: `${b.name}管理委员会`, region: street.code });
    if (b.ownership === 'single') {
      b.propertyOwner = plan.org({
        parent: b.management,
        kind: 'property_owner',
        name: `福州${b.name.replace(/大厦|中心|大楼|广场|写字楼/g, '')}置业有限公司`,
        region: street.code,
        creditCode: creditCode(plan.rnd, d.code),
      });
    }
    if (b.managementMode === 'entrusted') {
      b.propertyCompany = plan.org({
        parent: b.management,
        kind: 'property_company',
        name: `福州${rnd.pick(PROPERTY_BRANDS)}物业服务有限公司（${b.name}项目）`,
        region: street.code,
      });
    }
    // REG-4: single ownership rests the comprehensive organisation on the owner, divided ownership on the property company (红色物业).
    const anchor = b.ownership === 'single' ? b.propertyOwner : b.propertyCompany;
    if (anchor && (existing || rnd.next() < 0.9)) {
      const big = b.officeArea > 50_000;
      b.comprehensive = plan.org({
        parent: anchor,
        kind: 'party_org',
        partyOrgKind: big ? 'general_branch' : 'branch',
        formation: 'comprehensive',
        name: `中共${b.name}综合${big ? '总支部委员会' : '支部委员会'}`,
        region: street.code,
      });
    }
    if (!existing) {
      // 楼宇两委 双向进入、交叉任职: the secretary also chairs the management committee.
      plan.person({
        org: b.committee,
        region: street.code,
        born: [1965, 1980],
        posts: [
          { org: b.committee, title: '楼宇党委书记', startedOn: since() },
          { org: b.management, title: '管委会主任', startedOn: since() },
        ],
      });
    }
    const own = (org: string, role: LiaisonRole) => ({
      person: plan.person({ org, region: street.code, posts: [{ org, title: LIAISON_TITLES[role], startedOn: since() }] }),
      org,
    });
    const slots: [LiaisonRole, () => { person: string; org: string }][] = [
      ['building_head', () => own(b.management, 'building_head')],
      ['building_instructor', () => own(streetCommittee(street), 'building_instructor')],
      ['property_liaison', () => own(b.propertyCompany ?? b.propertyOwner!, 'property_liaison')],
      [
        'police_officer',
        () =>
          staff(
            `police.${street.code}`,
            station(street),
            street.code,
            '社区民警',
            2,
            street.code === '350102004' ? ['gl.police.officer'] : [],
          ),
      ],
      [
        'market_section_head',
        () =>
          staff(`market.${d.code}`, department(d, 'market'), d.code, '市场管理片段长', 4, d.code === '350102' ? ['gl.market.officer'] : []),
      ],
      [
        'tax_officer',
        () => staff(`tax.${d.code}`, department(d, 'tax'), d.code, '税务专管员', 4, d.code === '350102' ? ['gl.tax.officer'] : []),
      ],
      [
        'talent_officer',
        () => staff(`talent.${d.code}`, department(d, 'talent'), d.code, '人才专员', 3, d.code === '350102' ? ['gl.talent.officer'] : []),
      ],
      ['building_officer', () => own(b.management, 'building_officer')],
    ];
    for (const [role, fill] of slots) {
      // REG-6 vacancies must be visible: about one slot in fourteen is left open.
      if (!existing && rnd.next() < 0.07) continue;
      const holder = fill();
      plan.liaisons.push({ building: b.key, role, ...holder, startedOn: since() });
    }
  }

  const byKey = new Map(buildings.map((b) => [b.key, b]));
  plan.buildings.push(...buildings);
  planBelts(plan, districts, byKey, districtOf);
  return { districts, buildings, byKey, streetCommittee, districtOf };
}

function weights(codes: readonly string[]): (readonly [string, number])[] {
  return codes.map((c, i) => [c, codes.length - i + 1] as const);
}
