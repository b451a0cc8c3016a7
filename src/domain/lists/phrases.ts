import type { ListCategory } from './categories.ts';

/**
 * LST-1/LST-2 made-up but plausible needs and resources for demos and benchmarks, in the
 * kinds the article names (人才申报、市场开拓、技术创新、产业升级、党建标准化 …). A theme's
 * need and resource sentences share their key words, as real ones that should match do.
 * {n} is a number, {industry} an industry, {provider} who offers the resource.
 */
export interface Theme {
  needs: readonly string[];
  resources: readonly string[];
}

export const THEMES: Readonly<Record<ListCategory, readonly Theme[]>> = {
  talent: [
    {
      needs: ['申报高层次人才认定，材料准备不熟悉，希望有人指导填报', '公司有{n}名骨干想申报高层次人才认定和人才补贴'],
      resources: ['{provider}提供高层次人才认定申报辅导，一对一指导材料填报', '高层次人才认定及人才补贴申报政策解读和代办服务'],
    },
    {
      needs: ['业务扩张急需招聘软件开发工程师{n}名', '招聘{industry}方向专业人才{n}名，希望对接高校毕业生'],
      resources: ['{provider}组织专场招聘会，对接高校毕业生和软件开发人才', '人才专员提供招聘岗位发布和人才推荐服务'],
    },
    {
      needs: ['引进的外地人才需要人才公寓，共{n}人', '新入职员工住房困难，希望申请人才公寓或租房补贴'],
      resources: ['人才公寓房源开放申请，符合条件的引进人才可拎包入住', '{provider}提供人才公寓和租房补贴申请服务'],
    },
  ],
  financing: [
    {
      needs: ['企业流动资金紧张，需要银行贷款支持', '{industry}企业申请信用贷款，缺少抵押物'],
      resources: ['{provider}推出科技型中小企业信用贷款，无需抵押', '普惠金融信用贷款产品，楼宇企业专属额度和利率优惠'],
    },
    {
      needs: ['计划开展股权融资，希望对接天使投资和风险投资机构', '寻找产业投资基金，融资需求约{n}百万元'],
      resources: ['{provider}举办投融资路演，对接风险投资和产业基金', '股权融资对接服务，定期组织企业与投资机构面对面'],
    },
    {
      needs: ['申请贷款贴息和融资担保，不清楚办理流程', '需要融资担保支持，扩大生产'],
      resources: ['政策性融资担保和贷款贴息服务，降低企业融资成本', '{provider}提供融资担保和应急转贷资金'],
    },
  ],
  market: [
    {
      needs: ['寻找跨境电商渠道，拓展海外市场', '希望开展跨境电商业务，缺少平台资源'],
      resources: ['跨境电商平台对接服务，帮助企业开设海外店铺', '{provider}提供跨境电商培训和海外仓资源'],
    },
    {
      needs: ['希望参加海外展会和国内重点展会，拓展客户', '新产品上市，需要展会展位和推介机会'],
      resources: ['{provider}组织企业参加海外展会和广交会，提供展位补贴', '重点展会展位资源和产品推介会'],
    },
    {
      needs: ['想通过直播带货打开本地市场销路', '希望对接政府采购和国有企业供应链'],
      resources: ['直播带货基地开放，免费提供直播间和主播培训', '{provider}举办政府采购和供应链对接会'],
    },
  ],
  technology: [
    {
      needs: ['研发遇到技术瓶颈，希望与高校院所开展产学研合作', '寻找高校实验室合作攻关关键技术'],
      resources: ['{provider}搭建产学研合作平台，对接高校院所科研团队', '高校实验室和大型仪器设备共享服务'],
    },
    {
      needs: ['申请发明专利和软件著作权，需要知识产权服务', '专利被侵权，需要知识产权保护'],
      resources: ['知识产权服务站提供专利申请、软件著作权登记代理', '{provider}提供知识产权保护和维权援助'],
    },
    {
      needs: ['申报高新技术企业认定和科技项目', '希望申报科技型中小企业评价'],
      resources: ['{provider}开展高新技术企业认定申报辅导', '科技项目申报和科技型中小企业评价服务'],
    },
  ],
  policy: [
    {
      needs: ['不了解最新惠企政策，希望有人上门讲解', '想知道企业能享受哪些惠企政策和补贴'],
      resources: ['{provider}举办惠企政策对接会，面对面解读政策', '惠企政策精准推送和免申即享服务'],
    },
    {
      needs: ['稳岗补贴和社保补贴申领遇到困难', '申请稳岗补贴，需要指导'],
      resources: ['稳岗补贴、社保补贴快申快享服务', '{provider}提供就业补贴申领指导'],
    },
  ],
  space: [
    {
      needs: ['公司扩大规模，需要增加办公场地约{n}百平方米', '初创团队需要低成本办公工位'],
      resources: ['楼宇空置办公场地招租，租金优惠', '{provider}众创空间提供免费办公工位'],
    },
    {
      needs: ['举办员工活动需要会议室和活动场地', '党支部开展主题党日需要活动场地'],
      resources: ['党群服务中心会议室和活动场地免费预约', '{provider}开放多功能厅和会议室'],
    },
  ],
  training: [
    {
      needs: ['员工职业技能需要提升，希望组织技能培训', '新员工{n}人需要岗前培训'],
      resources: ['{provider}开展职业技能培训，培训合格可领取补贴', '岗前培训和职业技能提升课程'],
    },
    {
      needs: ['管理层希望参加企业管理和数字化转型培训', '需要财务人员继续教育培训'],
      resources: ['企业管理和数字化转型专题培训班', '{provider}提供财务会计继续教育课程'],
    },
  ],
  legal: [
    {
      needs: ['合同纠纷需要法律咨询', '劳动争议频发，需要律师提供法律意见'],
      resources: ['{provider}律师驻楼提供免费法律咨询', '公益律师团提供合同审查和劳动争议法律服务'],
    },
    {
      needs: ['企业合规体系不健全，希望开展合规体检', '需要法律顾问审查合同'],
      resources: ['企业合规体检和法律风险防控服务', '{provider}提供常年法律顾问服务'],
    },
  ],
  tax: [
    {
      needs: ['对研发费用加计扣除政策不熟悉，需要税务辅导', '享受税收优惠政策申报有困难'],
      resources: ['税务专管员上门辅导研发费用加计扣除', '{provider}开展税收优惠政策申报辅导'],
    },
    {
      needs: ['小微企业需要代理记账和财务规范', '需要财税咨询，规范发票管理'],
      resources: ['{provider}提供代理记账和财税咨询服务', '发票管理和财务规范化辅导'],
    },
  ],
  living_services: [
    {
      needs: ['员工午餐不便，希望楼宇引入职工食堂', '员工子女暑期无人照看，希望有托管服务'],
      resources: ['{provider}开设楼宇职工食堂，提供平价午餐', '暑期爱心托管班，面向楼宇职工子女'],
    },
    {
      needs: ['员工需要体检和健康咨询服务', '希望楼宇提供便民服务和心理咨询'],
      resources: ['{provider}提供员工体检和健康咨询', '楼宇便民服务站提供心理咨询和便民服务'],
    },
  ],
  industrial_upgrading: [
    {
      needs: ['生产线需要智能化改造，希望对接数字化转型服务商', '推进数字化转型，需要上云用数服务'],
      resources: ['{provider}提供智能化改造和数字化转型诊断', '企业上云用数赋智服务，补贴数字化转型'],
    },
    {
      needs: ['计划建设总部经济项目，希望争取产业扶持', '申报产业升级项目，需要政策指导'],
      resources: ['总部经济和产业升级项目扶持政策申报服务', '{provider}开展产业升级项目申报辅导'],
    },
  ],
  party_building: [
    {
      needs: ['党支部需要开展党建标准化建设，缺少规范指引', '两新组织党建标准化达标创建需要指导'],
      resources: ['{provider}派党建指导员指导党建标准化建设', '党建标准化建设手册和规范化台账模板'],
    },
    {
      needs: ['党员教育需要党课资源和学习课件', '希望请专家上党课'],
      resources: ['好党员党课直播间提供党课视频和学习课件', '{provider}组织专家党课进楼宇'],
    },
  ],
  other: [
    {
      needs: ['企业有其他困难，希望一楼八员协调解决', '楼宇停车位紧张，希望协调'],
      resources: ['一楼八员协调解决企业各类诉求', '{provider}协调周边停车资源'],
    },
  ],
};

export const INDUSTRIES: readonly string[] = [
  '软件',
  '跨境电商',
  '金融服务',
  '法律服务',
  '保险',
  '文化传媒',
  '建筑设计',
  '医疗器械',
  '物流',
  '咨询',
];

/** Who offers resources: administrative bodies, enterprises and social organisations (LST-2). */
export const PROVIDERS: readonly string[] = [
  '市人社局',
  '区科技局',
  '区市场监管局',
  '市商务局',
  '区税务局',
  '街道党工委',
  '楼宇党委',
  '兴业银行福州分行',
  '福建海峡银行',
  '楼宇物业公司',
  '会计师事务所',
  '律师事务所',
  '市软件行业协会',
  '青年志愿者协会',
  '楼宇党建联盟',
];

/** How often each category comes up among needs: the article's five kinds most. */
export const CATEGORY_SHARE: Readonly<Record<ListCategory, number>> = {
  talent: 14,
  financing: 12,
  market: 12,
  technology: 11,
  policy: 9,
  space: 6,
  training: 7,
  legal: 5,
  tax: 5,
  living_services: 5,
  industrial_upgrading: 8,
  party_building: 5,
  other: 1,
};
