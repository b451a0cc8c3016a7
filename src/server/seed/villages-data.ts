import type { FundPurpose, ListingLevel } from '../db/schema-villages.ts';

/**
 * DSH-3 the demo's traditional villages of 兴国县, the one list both demo seeds use: seed/villages.ts writes
 * their profiles, books, heritage and tourism (VIL-1 … VIL-4), seed/grids.ts their grids, party members and
 * households (GRD-1 … GRD-3). Real village codes (GB/T 2260); listings, amounts and centres are illustrative.
 */
export interface DemoVillage {
  code: string;
  /** Approximate centre of the village, for its grids and households. */
  centre: { lng: number; lat: number };
  /** One grid per hamlet (村民小组). */
  hamlets: string[];
  /** Party members to create besides those the foundation demo has there (the last one is past 70: exempt by age). */
  extraMembers: number;
  listing: [ListingLevel, number];
  /** 2022 collective operating income, yuan. */
  income2022: number;
  /** Protection funds received, yuan. */
  funds: number;
  buildings: [name: string, era: string, condition: 'good' | 'fair' | 'poor' | 'dangerous'][];
}

export const VILLAGE_DEMO: readonly DemoVillage[] = [
  {
    code: '360732205211', // 社富乡东韶村
    centre: { lng: 115.61, lat: 26.46 },
    hamlets: ['东韶圩组', '南岭组'],
    extraMembers: 5,
    listing: ['national', 5],
    income2022: 1_286_000,
    funds: 3_600_000,
    buildings: [
      ['东韶古街', '明清', 'fair'],
      ['琵琶塘祠', '清', 'good'],
    ],
  },
  {
    code: '360732203206', // 兴莲乡官田村
    centre: { lng: 115.493, lat: 26.48 },
    hamlets: ['兵工厂组', '上官田组', '下官田组'],
    extraMembers: 0,
    listing: ['national', 5],
    income2022: 962_000,
    funds: 4_800_000,
    buildings: [
      ['中央兵工厂旧址', '1931 年', 'good'],
      ['官田钟氏宗祠', '清', 'poor'],
      ['红军医院旧址', '1932 年', 'fair'],
    ],
  },
  {
    code: '360732103202', // 梅窖镇三僚村
    centre: { lng: 115.42, lat: 26.27 },
    hamlets: ['三僚组', '廖家组', '曾家组'],
    extraMembers: 6,
    listing: ['national', 2],
    income2022: 815_000,
    funds: 3_200_000,
    buildings: [
      ['杨公祠', '明', 'good'],
      ['曾氏宗祠', '清', 'dangerous'],
    ],
  },
  {
    code: '360732106207',
    centre: { lng: 115.37, lat: 26.4 },
    hamlets: ['睦埠组', '上屋组'],
    extraMembers: 4,
    listing: ['provincial', 3],
    income2022: 604_000,
    funds: 2_100_000,
    buildings: [['睦埠古民居群', '清', 'fair']],
  }, // 龙口镇睦埠村
  {
    code: '360732205210',
    centre: { lng: 115.63, lat: 26.42 },
    hamlets: ['溪源组', '刘屋组'],
    extraMembers: 4,
    listing: ['provincial', 3],
    income2022: 538_000,
    funds: 1_700_000,
    buildings: [['溪源刘氏宗祠', '清', 'good']],
  }, // 社富乡溪源村
  {
    code: '360732212208',
    centre: { lng: 115.22, lat: 26.55 },
    hamlets: ['石印组', '古桥组'],
    extraMembers: 4,
    listing: ['provincial', 4],
    income2022: 426_000,
    funds: 1_500_000,
    buildings: [['石印古桥', '清', 'fair']],
  }, // 枫边乡石印村
  {
    code: '360732104201',
    centre: { lng: 115.33, lat: 26.32 },
    hamlets: ['老营盘组', '围屋组'],
    extraMembers: 4,
    listing: ['provincial', 4],
    income2022: 352_000,
    funds: 1_300_000,
    buildings: [['老营盘围屋', '清', 'poor']],
  }, // 高兴镇老营盘村
  {
    code: '360732217212',
    centre: { lng: 115.4, lat: 26.38 },
    hamlets: ['塘石组', '下塘组'],
    extraMembers: 4,
    listing: ['provincial', 5],
    income2022: 268_000,
    funds: 1_160_000,
    buildings: [['塘石古祠', '清', 'fair']],
  }, // 长冈乡塘石村
  {
    code: '360732217206',
    centre: { lng: 115.41, lat: 26.36 },
    hamlets: ['上社组', '书院组'],
    extraMembers: 4,
    listing: ['provincial', 5],
    income2022: 215_000,
    funds: 1_100_000,
    buildings: [['上社书院', '清', 'good']],
  }, // 长冈乡上社村
];
export const GUANTIAN = '360732203206';
export const XINGGUO = '360732';
export const GUANTIAN_BRANCH = '中共兴国县兴莲乡官田村支部委员会';
// Shares of each village's funds: by source and by purpose (the rest stays unallocated).
export const SOURCE_SHARES = [
  ['central', 0.5, '中央财政传统村落保护补助'],
  ['provincial', 0.2, '江西省传统村落保护专项'],
  ['county', 0.3, '兴国县财政配套'],
] as const;
export const PURPOSE_SHARES: [FundPurpose, number, string][] = [
  ['planning', 0.08, '保护发展规划编制'],
  ['infrastructure', 0.4, '基础设施建设与维护'],
  ['building_protection', 0.45, '传统建筑保护修缮'],
];
export const PAYEES: Record<FundPurpose, string[]> = {
  planning: ['江西省城乡规划设计研究院', '赣州市规划设计院'],
  infrastructure: ['兴国县路桥工程有限公司', '兴国县水利建设公司', '兴国县通达市政工程公司'],
  building_protection: ['兴国县古建筑修缮有限公司', '赣南古建园林工程公司'],
};
export const HERITAGE = [
  { name: '兴国山歌', category: '传统音乐', level: 'national' as const, year: 2006, description: '客家山歌的代表，苏区时期广为传唱' },
  { name: '兴国端戏', category: '传统戏剧', level: 'provincial' as const, year: 2008, description: '以端公戏为基础发展的地方小戏' },
  { name: '兴国提线木偶', category: '传统戏剧', level: 'provincial' as const, year: 2010, description: '以提线操纵木偶表演的民间戏曲' },
];
export const PERFORMANCES_THIS_YEAR = 32;
export const GUIDES = 6;
export const VISITORS_SINCE_LAST_YEAR = 45_860;
