import type { OrganisationKind, PartyOrgFormation, PartyOrgKind, Role } from '../db/schema.ts';
import type { Gender } from './random.ts';

/**
 * The demo installation: Fuzhou's 鼓楼区 with two streets and a building in
 * each (楼宇党建, 一核多元), and 兴国县's 官田村 (党建+传统村落保护).
 * Names of buildings, companies and people are made up; region codes are real.
 */

export const REGION = {
  fuzhou: '350100',
  gulou: '350102',
  taijiang: '350103',
  cangshan: '350104',
  jinan: '350111',
  dongjie: '350102004', // 东街街道
  gudong: '350102001', // 鼓东街道
  xingguo: '360732',
  xinglian: '360732203', // 兴莲乡
  guantian: '360732203206', // 官田村
} as const;

export interface OrgSpec {
  key: string;
  parent: string | null;
  kind: OrganisationKind;
  name: string;
  region: string;
  partyOrgKind?: PartyOrgKind;
  formation?: PartyOrgFormation;
  departmentKind?: string;
  /** Registered bodies get a unified social credit code. */
  registered?: boolean;
}

const districtDepartments = (prefix: string, district: string, region: string): OrgSpec[] => [
  { key: `${prefix}.gov`, parent: 'fz.gov', kind: 'government', name: `福州市${district}人民政府`, region },
  { key: `${prefix}.tax`, parent: `${prefix}.gov`, kind: 'department', departmentKind: 'tax', name: `${district}税务局`, region },
  {
    key: `${prefix}.talent`,
    parent: `${prefix}.gov`,
    kind: 'department',
    departmentKind: 'talent',
    name: `${district}人才服务中心`,
    region,
  },
  {
    key: `${prefix}.market`,
    parent: `${prefix}.gov`,
    kind: 'department',
    departmentKind: 'market_regulation',
    name: `${district}市场监督管理局`,
    region,
  },
  { key: `${prefix}.commerce`, parent: `${prefix}.gov`, kind: 'department', departmentKind: 'commerce', name: `${district}商务局`, region },
];

const DJ = REGION.dongjie;
const GD = REGION.gudong;

/** Parents before children. */
export const ORGANISATIONS: readonly OrgSpec[] = [
  // Party line, Fuzhou: city → district → street working committee → building committees.
  { key: 'fz.org', parent: null, kind: 'government', name: '中共福州市委组织部', region: REGION.fuzhou },
  { key: 'gl.org', parent: 'fz.org', kind: 'government', name: '中共福州市鼓楼区委组织部', region: REGION.gulou },
  {
    key: 'dj.committee',
    parent: 'gl.org',
    kind: 'party_org',
    partyOrgKind: 'committee',
    formation: 'independent',
    name: '中共福州市鼓楼区东街街道工作委员会',
    region: DJ,
  },
  // The building party committee is the core (一核) every other body in the building hangs from.
  { key: 'djb.committee', parent: 'dj.committee', kind: 'building_party_committee', name: '中共东街金融大厦委员会', region: DJ },
  { key: 'djb.management', parent: 'djb.committee', kind: 'building_management_committee', name: '东街金融大厦管理委员会', region: DJ },
  {
    key: 'djb.branch',
    parent: 'djb.committee',
    kind: 'party_org',
    partyOrgKind: 'branch',
    formation: 'comprehensive',
    name: '中共东街金融大厦综合支部委员会',
    region: DJ,
  },
  {
    key: 'djb.property',
    parent: 'djb.management',
    kind: 'property_company',
    name: '福州榕安物业服务有限公司',
    region: DJ,
    registered: true,
  },
  { key: 'djb.owner', parent: 'djb.management', kind: 'property_owner', name: '福州东街置业有限公司', region: DJ, registered: true },
  { key: 'djb.owners', parent: 'djb.management', kind: 'owners_committee', name: '东街金融大厦业主委员会', region: DJ },
  { key: 'djb.ent.data', parent: 'djb.management', kind: 'enterprise', name: '福州榕信数据科技有限公司', region: DJ, registered: true },
  {
    key: 'djb.ent.insurance',
    parent: 'djb.management',
    kind: 'enterprise',
    name: '福建闽江保险代理有限公司',
    region: DJ,
    registered: true,
  },
  {
    key: 'djb.ent.trade',
    parent: 'djb.management',
    kind: 'enterprise',
    name: '福州海丝跨境电子商务有限公司',
    region: DJ,
    registered: true,
  },
  {
    key: 'gd.committee',
    parent: 'gl.org',
    kind: 'party_org',
    partyOrgKind: 'committee',
    formation: 'independent',
    name: '中共福州市鼓楼区鼓东街道工作委员会',
    region: GD,
  },
  { key: 'gdb.committee', parent: 'gd.committee', kind: 'building_party_committee', name: '中共鼓东科创大厦委员会', region: GD },
  { key: 'gdb.management', parent: 'gdb.committee', kind: 'building_management_committee', name: '鼓东科创大厦管理委员会', region: GD },
  { key: 'gdb.ent.soft', parent: 'gdb.management', kind: 'enterprise', name: '福州鼓东软件开发有限公司', region: GD, registered: true },
  // An enterprise with a party organisation of its own (REG-4 "own org").
  {
    key: 'gdb.ent.soft.branch',
    parent: 'gdb.ent.soft',
    kind: 'party_org',
    partyOrgKind: 'branch',
    formation: 'independent',
    name: '中共福州鼓东软件开发有限公司支部委员会',
    region: GD,
  },
  // Government line, Fuzhou: functional departments of four districts, police stations by street.
  { key: 'fz.gov', parent: null, kind: 'government', name: '福州市人民政府', region: REGION.fuzhou },
  ...districtDepartments('gl', '鼓楼区', REGION.gulou),
  { key: 'gl.police.dj', parent: 'gl.gov', kind: 'department', departmentKind: 'police', name: '东街派出所', region: DJ },
  { key: 'gl.police.gd', parent: 'gl.gov', kind: 'department', departmentKind: 'police', name: '鼓东派出所', region: GD },
  ...districtDepartments('tj', '台江区', REGION.taijiang),
  ...districtDepartments('cs', '仓山区', REGION.cangshan),
  ...districtDepartments('ja', '晋安区', REGION.jinan),
  // Xingguo: county → township → village branch, and the township government.
  { key: 'xg.org', parent: null, kind: 'government', name: '中共兴国县委组织部', region: REGION.xingguo },
  {
    key: 'xl.committee',
    parent: 'xg.org',
    kind: 'party_org',
    partyOrgKind: 'committee',
    formation: 'independent',
    name: '中共兴国县兴莲乡委员会',
    region: REGION.xinglian,
  },
  {
    key: 'gt.branch',
    parent: 'xl.committee',
    kind: 'party_org',
    partyOrgKind: 'branch',
    formation: 'independent',
    name: '中共兴国县兴莲乡官田村支部委员会',
    region: REGION.guantian,
  },
  { key: 'xg.gov', parent: null, kind: 'government', name: '兴国县人民政府', region: REGION.xingguo },
  { key: 'xl.gov', parent: 'xg.gov', kind: 'government', name: '兴莲乡人民政府', region: REGION.xinglian },
];

export interface PersonSpec {
  key: string;
  /** The organisation the person belongs to; none for villagers outside the party. */
  org: string | null;
  /** Defaults to the organisation's region. */
  region?: string;
  gender: Gender;
  partyMember: boolean;
  home: 'fuzhou' | 'xingguo';
  /** Birth year range. */
  born: [number, number];
  posts: Array<[orgKey: string, title: string]>;
}

const p = (
  key: string,
  org: string | null,
  gender: Gender,
  partyMember: boolean,
  posts: PersonSpec['posts'],
  born: [number, number] = [1970, 1992],
  region?: string,
): PersonSpec => ({
  key,
  org,
  gender,
  partyMember,
  posts,
  born,
  home: (region ?? '').startsWith('3607') || /^(xg|xl|gt)\./.test(org ?? '') ? 'xingguo' : 'fuzhou',
  ...(region ? { region } : {}),
});

const branchMembers = (prefix: string, org: string, count: number, born: [number, number], region?: string): PersonSpec[] =>
  Array.from({ length: count }, (_, i) =>
    p(`${prefix}.${i + 1}`, org, i % 3 === 1 ? 'female' : 'male', true, [[org, '党员']], born, region),
  );

export const PEOPLE: readonly PersonSpec[] = [
  p('fz.staff', 'fz.org', 'male', true, [['fz.org', '基层党建工作处处长']], [1972, 1980]),
  p('fz.staff2', 'fz.org', 'female', true, [['fz.org', '基层党建工作处干部']], [1988, 1995]),
  p('gl.staff', 'gl.org', 'female', true, [['gl.org', '组织员']], [1980, 1988]),
  p('dj.staff', 'dj.committee', 'male', true, [['dj.committee', '党建办主任']], [1978, 1988]),
  p('gd.staff', 'gd.committee', 'female', true, [['gd.committee', '党建办主任']], [1980, 1990]),
  p('gl.tax.officer', 'gl.tax', 'female', true, [['gl.tax', '税务专管员']], [1985, 1993]),
  p('gl.talent.officer', 'gl.talent', 'male', false, [['gl.talent', '人才专员']], [1988, 1996]),
  p('gl.market.officer', 'gl.market', 'male', true, [['gl.market', '市场管理片段长']], [1976, 1986]),
  p('gl.police.officer', 'gl.police.dj', 'male', true, [['gl.police.dj', '社区民警']], [1982, 1990]),
  // 楼宇两委 双向进入、交叉任职: the secretary chairs the management committee,
  // its deputy sits on the party committee, and so does the property manager (红色物业).
  p(
    'djb.secretary',
    'djb.committee',
    'male',
    true,
    [
      ['djb.committee', '楼宇党委书记'],
      ['djb.management', '管委会主任'],
    ],
    [1968, 1975],
  ),
  p(
    'djb.deputy',
    'djb.management',
    'female',
    true,
    [
      ['djb.management', '管委会副主任'],
      ['djb.committee', '楼宇党委委员'],
    ],
    [1978, 1985],
  ),
  p('djb.head', 'djb.management', 'male', true, [['djb.management', '楼长']], [1970, 1980]),
  p('djb.instructor', 'djb.committee', 'male', true, [['djb.committee', '楼宇指导员']], [1965, 1972]),
  p('djb.officer', 'djb.management', 'female', false, [['djb.management', '楼宇专员']], [1990, 1998]),
  p(
    'djb.property.manager',
    'djb.property',
    'male',
    true,
    [
      ['djb.property', '物管单位联络员'],
      ['djb.committee', '楼宇党委委员'],
    ],
    [1975, 1985],
  ),
  p('djb.ent.data.contact', 'djb.ent.data', 'female', true, [['djb.ent.data', '党建联络员']], [1988, 1995]),
  p('djb.ent.insurance.contact', 'djb.ent.insurance', 'male', false, [['djb.ent.insurance', '行政主管']], [1985, 1994]),
  p('djb.ent.trade.contact', 'djb.ent.trade', 'female', false, [['djb.ent.trade', '总经理助理']], [1990, 1997]),
  p(
    'djb.branch.secretary',
    'djb.branch',
    'female',
    true,
    [
      ['djb.branch', '支部书记'],
      ['djb.committee', '楼宇党委委员'],
    ],
    [1976, 1984],
  ),
  p('djb.branch.organiser', 'djb.branch', 'male', true, [['djb.branch', '组织委员']], [1984, 1992]),
  p('djb.branch.publicity', 'djb.branch', 'female', true, [['djb.branch', '宣传委员']], [1986, 1994]),
  ...branchMembers('djb.member', 'djb.branch', 6, [1980, 2000]),
  p(
    'gdb.secretary',
    'gdb.committee',
    'male',
    true,
    [
      ['gdb.committee', '楼宇党委书记'],
      ['gdb.management', '管委会主任'],
    ],
    [1970, 1978],
  ),
  p(
    'gdb.ent.soft.contact',
    'gdb.ent.soft',
    'male',
    true,
    [
      ['gdb.ent.soft', '党建联络员'],
      ['gdb.ent.soft.branch', '支部书记'],
    ],
    [1983, 1990],
  ),
  p('xg.staff', 'xg.org', 'male', true, [['xg.org', '组织员']], [1975, 1985]),
  p(
    'xl.staff',
    'xl.committee',
    'male',
    true,
    [
      ['xl.committee', '组织委员'],
      ['xl.gov', '副乡长'],
    ],
    [1978, 1986],
  ),
  p('gt.secretary', 'gt.branch', 'male', true, [['gt.branch', '党支部书记、村委会主任']], [1966, 1974]),
  p('gt.deputy', 'gt.branch', 'female', true, [['gt.branch', '组织委员']], [1975, 1985]),
  ...branchMembers('gt.member', 'gt.branch', 8, [1950, 1990]),
  p('gt.villager.1', null, 'male', false, [], [1955, 1975], REGION.guantian),
  p('gt.villager.2', null, 'female', false, [], [1960, 1980], REGION.guantian),
];

export interface UserSpec {
  username: string;
  role: Role;
  person?: string;
  region?: string;
  org?: string;
  displayName?: string;
}

/** One account for every role, plus a second street and enterprise to show isolation. */
export const USERS: readonly UserSpec[] = [
  { username: 'admin', role: 'admin', displayName: '平台管理员' },
  { username: 'city', role: 'city', region: REGION.fuzhou, org: 'fz.org', person: 'fz.staff' },
  { username: 'gulou', role: 'district', region: REGION.gulou, org: 'gl.org', person: 'gl.staff' },
  { username: 'dongjie', role: 'street', region: DJ, org: 'dj.committee', person: 'dj.staff' },
  { username: 'gudong', role: 'street', region: GD, org: 'gd.committee', person: 'gd.staff' },
  { username: 'tax', role: 'dept', region: REGION.gulou, org: 'gl.tax', person: 'gl.tax.officer' },
  { username: 'building', role: 'building', org: 'djb.committee', person: 'djb.secretary' },
  { username: 'enterprise', role: 'enterprise', org: 'djb.ent.data', person: 'djb.ent.data.contact' },
  { username: 'enterprise2', role: 'enterprise', org: 'djb.ent.insurance', person: 'djb.ent.insurance.contact' },
  { username: 'member', role: 'member', org: 'djb.branch', person: 'djb.member.1' },
  { username: 'xingguo', role: 'district', region: REGION.xingguo, org: 'xg.org', person: 'xg.staff' },
  { username: 'guantian', role: 'village', region: REGION.guantian, org: 'gt.branch', person: 'gt.secretary' },
  { username: 'guantian.member', role: 'member', org: 'gt.branch', person: 'gt.member.1' },
];
