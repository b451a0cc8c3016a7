import type { CategoryKind, MatterPriority } from '../../domain/matters/limits.ts';
import { isWithinRegion } from '../../domain/regions.ts';
import type { Handler, LifePlan, Outcome } from './matters-life.ts';
import type { Random } from './random.ts';

/**
 * The demo's matters planned before they are lived: who raises what, where,
 * when, and which way it goes. A realistic mix (item 12): most resolved at the
 * building (一线处置), some dispatched to the district's departments, some
 * escalated, a few returned, waiting for the enterprise, extended, reopened
 * after a dissatisfied rating or withdrawn, and a few stalled (red clocks).
 */
export interface Place {
  enterpriseId: string;
  enterpriseName: string;
  enterprisePath: string;
  keyEnterprise: boolean;
  buildingId: string;
  buildingName: string;
  buildingPath: string;
  regionCode: string;
}

export interface Category {
  id: string;
  code: string;
  kind: CategoryKind;
  departmentKind: string | null;
}

export interface Department extends Handler {
  regionCode: string;
  departmentKind: string;
}

export interface PlannedMatter {
  place: Place;
  category: Category;
  title: string;
  description: string;
  plan: LifePlan;
}

export const TITLES: Readonly<Record<string, readonly [string, string][]>> = {
  tax_consultation: [
    ['发票领用额度咨询', '公司业务增长，月度发票领用额度不够用，咨询如何提高额度。'],
    ['研发费用加计扣除政策咨询', '咨询研发费用加计扣除的适用范围和申报时间。'],
  ],
  tax_service: [
    ['出口退税办理进度慢', '出口退税申报已提交两周，尚未收到审核结果。'],
    ['增值税留抵退税迟迟未到账', '上月提交的增值税留抵退税申请已受理，至今未到账，请求协调进度。'],
    ['跨区迁移涉税事项办理', '公司注册地址迁入本区，需办理跨区迁移涉税事项，请求指导并加快办理。'],
    ['电子税务局季度申报报错', '电子税务局季度申报时提示数据校验不通过，无法完成申报。'],
    ['税务登记信息变更', '公司法定代表人已变更，需同步变更税务登记信息。'],
  ],
  talent_policy: [
    ['高层次人才认定咨询', '咨询引进博士的人才认定条件和补贴标准。'],
    ['人才住房补贴咨询', '新入职硕士能否申请人才住房补贴。'],
  ],
  talent_service: [['员工子女入学协调', '外地引进骨干员工子女入学需协调学位。']],
  market_registration: [
    ['经营范围变更登记', '需增加经营范围，咨询办理流程与材料。'],
    ['分公司设立登记', '拟在楼宇内设立分公司，请求指导办理。'],
  ],
  market_complaint: [['楼下商铺油烟扰民', '楼下餐饮商铺油烟影响办公，请求监管部门处理。']],
  public_security: [
    ['消防通道被占用', '地下车库消防通道长期被车辆占用。'],
    ['夜间可疑人员出入', '近期夜间有不明人员进出办公楼层。'],
  ],
  police_service: [['外籍员工居留许可办理', '外籍技术人员居留许可即将到期，请求协助办理。']],
  policy_consultation: [
    ['惠企资金申报咨询', '咨询今年数字经济专项资金的申报条件。'],
    ['稳岗补贴政策咨询', '咨询稳岗补贴的申领方式。'],
  ],
  business_service: [
    ['融资对接需求', '企业扩大生产需流动资金，请求对接银行。'],
    ['市场开拓对接', '希望对接本地国企采购需求。'],
  ],
  property_service: [
    ['电梯高峰期等待过久', '早高峰电梯等待超过十分钟，请求物业优化调度。'],
    ['中央空调不制冷', '本层中央空调近一周不制冷。'],
  ],
  facility_repair: [['公共卫生间漏水', '本层公共卫生间持续漏水，请求维修。']],
  party_building: [
    ['党员组织关系转接', '新入职党员需将组织关系转入楼宇党组织。'],
    ['成立党支部咨询', '企业党员已达三人，咨询如何成立党支部。'],
  ],
  other: [['停车位紧张', '员工停车困难，请求协调周边停车资源。']],
};

const OUTCOMES_WITH_HANDLER: readonly [Outcome, number][] = [
  ['on_site', 0.45],
  ['dispatch', 0.28],
  ['escalate', 0.08],
  ['reopen', 0.05],
  ['returned', 0.04],
  ['info', 0.04],
  ['extension', 0.03],
  ['withdraw', 0.03],
];
const OUTCOMES_WITHOUT: readonly [Outcome, number][] = [
  ['on_site', 0.9],
  ['reopen', 0.05],
  ['withdraw', 0.05],
];

function weighted<T>(rnd: Random, items: readonly [T, number][]): T {
  let x = rnd.next() * items.reduce((s, [, w]) => s + w, 0);
  for (const [item, w] of items) {
    x -= w;
    if (x <= 0) return item;
  }
  return items[items.length - 1]![0];
}

/** The department of the category's kind nearest the matter: a street's police station before a district bureau. */
export function handlerFor(departments: readonly Department[], kind: string | null, regionCode: string): Department | null {
  if (!kind) return null;
  let best: Department | null = null;
  for (const d of departments) {
    if (d.departmentKind === kind && isWithinRegion(regionCode, d.regionCode) && (!best || d.regionCode.length > best.regionCode.length))
      best = d;
  }
  return best;
}

const DAY_MS = 86_400_000;

/** An instant `daysAgo` days before `now`, at a China office hour (09:00–17:59), never after now. */
function createdAt(rnd: Random, now: Date, daysAgo: number): Date {
  const day = Math.floor((now.getTime() + 8 * 3_600_000) / DAY_MS) - daysAgo;
  const at = new Date(day * DAY_MS - 8 * 3_600_000 + (9 + rnd.int(0, 8)) * 3_600_000 + rnd.int(0, 59) * 60_000);
  return at.getTime() > now.getTime() ? new Date(now.getTime() - rnd.int(5, 120) * 60_000) : at;
}

export function planMatter(opts: {
  rnd: Random;
  now: Date;
  place: Place;
  category: Category;
  departments: readonly Department[];
  daysAgo: number;
  outcome?: Outcome;
  stallAfter?: number | null;
  handler?: Handler | null;
}): PlannedMatter {
  const { rnd, place, category } = opts;
  const handler = opts.handler !== undefined ? opts.handler : handlerFor(opts.departments, category.departmentKind, place.regionCode);
  const outcome = opts.outcome ?? weighted(rnd, handler ? OUTCOMES_WITH_HANDLER : OUTCOMES_WITHOUT);
  const [title, description] = rnd.pick(TITLES[category.code] ?? TITLES.other!);
  const priority: MatterPriority = place.keyEnterprise ? 'key_enterprise' : rnd.next() < 0.03 ? 'urgent' : 'normal';
  const stall = opts.stallAfter !== undefined ? opts.stallAfter : opts.daysAgo > 20 && rnd.next() < 0.012 ? rnd.int(1, 3) : null;
  return {
    place,
    category,
    title,
    description,
    plan: {
      createdAt: createdAt(rnd, opts.now, opts.daysAgo),
      categoryKind: category.kind,
      priority,
      // Urgent matters are those building staff enter themselves.
      staffEntry: priority === 'urgent' || rnd.next() < 0.06,
      outcome,
      climbs: rnd.next() < 0.7 ? 1 : rnd.next() < 0.83 ? 2 : 3,
      handler,
      stallAfter: stall,
    },
  };
}
