/**
 * DSH-3 static material for the registry demo (红色新云图): the Fuzhou districts
 * the buildings stand in, the article's characteristic buildings, the seven
 * city-level demonstration belts, and word lists for names. Region codes are
 * real (GB/T 2260); buildings, companies and people are made up.
 */

/** The article's figures the demo reproduces. */
export const ARTICLE = {
  nonPublicEnterprises: 3182,
  instructors: 1827,
  stationedCadres: 119,
  cityBelts: 7,
  namedDemoBuildings: 4,
} as const;

export interface DistrictPlan {
  code: string;
  name: string;
  /** How many of the ~120 buildings stand here. */
  buildings: number;
  /** Centre of its office district, kept inside lng 119.2–119.45, lat 25.95–26.15. */
  lng: number;
  lat: number;
  /** Local place names for building names and addresses (roads, areas). */
  places: readonly string[];
}

export const DISTRICTS: readonly DistrictPlan[] = [
  {
    code: '350102',
    name: '鼓楼区',
    buildings: 30,
    lng: 119.296,
    lat: 26.081,
    places: ['五四', '湖东', '杨桥', '古田', '华林', '铜盘', '温泉', '西湖', '屏山', '乌山', '北大', '东大'],
  },
  {
    code: '350103',
    name: '台江区',
    buildings: 25,
    lng: 119.314,
    lat: 26.058,
    places: ['江滨', '五一', '六一', '宝龙', '万象', '上下杭', '新港', '八一七', '广达', '茶亭', '群众', '德化'],
  },
  {
    code: '350104',
    name: '仓山区',
    buildings: 22,
    lng: 119.306,
    lat: 26.036,
    places: ['金山', '浦上', '盖山', '上渡', '首山', '建新', '城门', '南江滨', '金榕', '白湖亭'],
  },
  {
    code: '350111',
    name: '晋安区',
    buildings: 21,
    lng: 119.331,
    lat: 26.104,
    places: ['东二环', '福新', '岳峰', '王庄', '鼓山', '象园', '茶园', '长乐北', '化工', '福光'],
  },
  {
    code: '350105',
    name: '马尾区',
    buildings: 11,
    lng: 119.438,
    lat: 25.993,
    places: ['马江', '船政', '君竹', '儒江', '快安', '罗星', '江滨东'],
  },
  {
    code: '350112',
    name: '长乐区',
    buildings: 11,
    lng: 119.442,
    lat: 25.962,
    places: ['吴航', '航城', '滨海', '营前', '漳港', '郑和', '会堂'],
  },
];

export interface CharacteristicBuilding {
  key: string;
  name: string;
  district: string;
  /** A street whose name contains this, if the region table has one. */
  street: string;
  positioning: string;
  industries: readonly string[];
}

/** The article's 特色楼宇: "串联起ICC'总部经济楼'、IFC'律师楼'、钱隆'保险楼'等特色楼宇". */
export const CHARACTERISTIC: readonly CharacteristicBuilding[] = [
  {
    key: 'icc',
    name: 'ICC国际商务中心',
    district: '350102',
    street: '温泉',
    positioning: '总部经济楼',
    industries: ['72', '51', '70', '66'],
  },
  { key: 'ifc', name: 'IFC福州国际金融中心', district: '350103', street: '鳌峰', positioning: '律师楼', industries: ['72', '74'] },
  { key: 'qianlong', name: '钱隆保险大厦', district: '350103', street: '茶亭', positioning: '保险楼', industries: ['68', '69'] },
  { key: 'haixia', name: '海峡金融商务中心', district: '350103', street: '瀛洲', positioning: '金融楼', industries: ['66', '67', '69'] },
  { key: 'software', name: '铜盘软件科创大厦', district: '350102', street: '洪山', positioning: '科技楼', industries: ['65', '64', '73'] },
  { key: 'ecommerce', name: '金山电商产业大厦', district: '350104', street: '建新', positioning: '电商楼', industries: ['52', '64', '51'] },
  { key: 'talent', name: '东二环人力资源大厦', district: '350111', street: '茶园', positioning: '人力资源楼', industries: ['72', '74'] },
  { key: 'fund', name: '马尾基金小镇大厦', district: '350105', street: '罗星', positioning: '金融楼', industries: ['67', '69'] },
  { key: 'culture', name: '上下杭文创大厦', district: '350103', street: '苍霞', positioning: '文创楼', industries: ['88', '86', '72'] },
];

/** Positioning for other buildings; most office buildings have none. */
export const OTHER_POSITIONINGS: readonly (readonly [string, readonly string[]])[] = [
  ['金融楼', ['66', '67', '68', '69']],
  ['科技楼', ['65', '64', '73', '75']],
  ['电商楼', ['52', '64']],
  ['总部经济楼', ['72', '51', '70']],
  ['文创楼', ['88', '86', '87']],
];

/** Industry mix of a building without positioning: GB/T 4754 divisions common in office buildings, with weights. */
export const OFFICE_INDUSTRIES: readonly (readonly [string, number])[] = [
  ['65', 16],
  ['72', 16],
  ['51', 12],
  ['64', 7],
  ['74', 7],
  ['70', 6],
  ['52', 5],
  ['66', 3],
  ['67', 3],
  ['68', 4],
  ['69', 3],
  ['73', 3],
  ['75', 3],
  ['50', 3],
  ['58', 2],
  ['62', 1],
  ['86', 1],
  ['87', 1],
  ['88', 1],
  ['71', 2],
  ['85', 1],
];

export const BUILDING_SUFFIXES = [
  '大厦',
  '商务中心',
  '国际大厦',
  '金融中心',
  '财富中心',
  '科技大厦',
  '总部大楼',
  '中心大厦',
  '商务广场',
  '写字楼',
] as const;

export interface BeltPlan {
  name: string;
  district: string;
  /** Buildings in the belt; the characteristic keys named here come first. */
  size: number;
  named: readonly string[];
  points: number;
  description: string;
}

/** 7 city-level belts, 3–5 buildings each, exactly 4 named buildings among them (the article's figures). */
export const BELTS: readonly BeltPlan[] = [
  {
    name: '五四路楼宇党建示范带',
    district: '350102',
    size: 4,
    named: ['icc'],
    points: 10,
    description: '沿五四路高端商务楼宇，总部经济集聚',
  },
  {
    name: '东街口商圈楼宇党建示范带',
    district: '350102',
    size: 4,
    named: ['dongjie'],
    points: 9,
    description: '东街口—鼓东商圈金融、科创楼宇连片',
  },
  {
    name: '江滨中央商务区楼宇党建示范带',
    district: '350103',
    size: 5,
    named: ['ifc'],
    points: 11,
    description: '闽江北岸中央商务区，律师、金融特色楼宇',
  },
  {
    name: '五一—六一路楼宇党建示范带',
    district: '350103',
    size: 3,
    named: ['qianlong'],
    points: 8,
    description: '保险、金融服务楼宇串点成线',
  },
  { name: '金山片区楼宇党建示范带', district: '350104', size: 4, named: [], points: 9, description: '电商、商贸楼宇培育提升' },
  { name: '东二环泰禾楼宇党建示范带', district: '350111', size: 3, named: [], points: 8, description: '人力资源服务与现代服务业楼宇' },
  { name: '马尾基金小镇楼宇党建示范带', district: '350105', size: 4, named: [], points: 8, description: '基金小镇金融楼宇与船政文化片区' },
];

export const POINT_KINDS = [
  '楼宇党群服务站',
  '党建驿站',
  '红色物业示范点',
  '党员先锋岗',
  '党群活动中心',
  '青年人才驿站',
  '政企直通车服务点',
  '党代表工作室',
] as const;

export const PROPERTY_BRANDS = [
  '万科',
  '碧桂园',
  '融信',
  '世茂',
  '阳光城',
  '建发',
  '正荣',
  '中海',
  '金辉',
  '榕发',
  '招商局',
  '保利',
  '华润',
  '永同昌',
  '福晟',
  '三盛',
] as const;

/** Enterprise trade names (字号) are built from two of these. */
export const TRADE_FIRST = [...'榕闽海鑫华恒瑞源信达嘉和泰盛德宏锦晟福兴捷鼎晋弘通博睿航远创'];
export const TRADE_SECOND = [...'安丰汇邦晖川元景佳洲沣融宸誉诚德辰阳禾康宁实途星腾亿舟峰'];

/** Words that say what a company does, by GB/T 4754 division. */
export const INDUSTRY_WORDS: Record<string, readonly string[]> = {
  '65': ['软件', '信息技术', '数据科技', '网络科技', '智能科技'],
  '64': ['互联网科技', '网络信息', '数字科技'],
  '72': ['企业管理咨询', '商务服务', '人力资源服务', '会展服务', '广告'],
  '74': ['工程设计', '检测技术', '测绘技术', '工程咨询'],
  '51': ['贸易', '进出口', '供应链管理', '商贸'],
  '52': ['电子商务', '商业管理', '零售'],
  '70': ['房地产开发', '置业', '房地产经纪'],
  '66': ['金融服务', '融资担保'],
  '67': ['投资管理', '股权投资基金管理', '资产管理'],
  '68': ['保险代理', '保险经纪', '保险公估'],
  '69': ['金融信息服务', '融资租赁'],
  '73': ['生物科技', '新材料研究', '技术研究'],
  '75': ['科技推广', '技术转移服务', '知识产权服务'],
  '50': ['建筑装饰工程', '幕墙工程'],
  '58': ['国际货运代理', '物流'],
  '62': ['餐饮管理'],
  '86': ['文化传媒', '出版'],
  '87': ['影视传媒', '文化传播'],
  '88': ['文化艺术', '文化创意'],
  '71': ['设备租赁', '汽车租赁'],
  '85': ['社会工作服务'],
};

/** Where the instructors (党员领导干部) and stationed cadres come from. */
export const HOME_UNITS = [
  '市财政局',
  '市商务局',
  '市发展和改革委员会',
  '市工业和信息化局',
  '市人力资源和社会保障局',
  '市市场监督管理局',
  '市科学技术局',
  '市地方金融监督管理局',
  '人民银行福州市分行',
  '兴业银行福州分行',
  '福州农商银行',
  '市国资委',
  '市投资促进中心',
  '市委组织部',
] as const;

export const INSTRUCTOR_TITLES = ['副局长', '党组成员', '四级调研员', '科长', '副主任', '党委委员', '副处长', '一级主任科员'] as const;

export const PARKS: readonly { name: string; district: string; street: string }[] = [
  { name: '福州软件园', district: '350102', street: '洪山' },
  { name: '海峡金融商务区', district: '350103', street: '鳌峰' },
  { name: '马尾基金小镇', district: '350105', street: '罗星' },
  { name: '金山工业区', district: '350104', street: '建新' },
  { name: '晋安经济开发区', district: '350111', street: '新店' },
];

export const SERVICE_SUMMARIES: Record<'project' | 'talent' | 'market' | 'technology' | 'policy', readonly string[]> = {
  project: ['协助申报市级重点项目', '对接区发改部门争取技改专项资金', '帮助争取省级服务业发展引导资金', '推动项目纳入区重点招商项目库'],
  talent: ['对接人才服务中心引进紧缺岗位人才', '协助申报高层次人才认定', '组织校企对接会招聘应届毕业生', '协调人才公寓入住'],
  market: ['牵线楼宇内企业开展业务合作', '组织参加海峡两岸经贸交易会', '对接国企采购需求拓展本地市场', '协助参加数字中国建设峰会展会'],
  technology: ['对接高校开展产学研合作', '协助申报高新技术企业', '推动数字化改造上云用云', '对接科技特派员解决技术难题'],
  policy: ['宣讲并落实稳岗返还政策', '协助兑现楼宇经济扶持奖励', '落实小微企业税费减免政策', '协助申请首贷贴息'],
};

export const SERVICE_KINDS_ORDER = ['project', 'talent', 'market', 'technology', 'policy'] as const;

/** Titles of the 八员 in posts, as the building's rosters print them. */
export const LIAISON_TITLES = {
  building_head: '楼长',
  building_instructor: '楼宇指导员',
  property_liaison: '物管单位联络员',
  police_officer: '社区民警（派出所片警）',
  market_section_head: '市场管理片段长',
  tax_officer: '税务专管员',
  talent_officer: '人才专员',
  building_officer: '楼宇专员',
} as const;
