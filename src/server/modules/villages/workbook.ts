import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Locale } from '../../db/schema.ts';
import type { VillageDashboard } from './schemas-dashboard.ts';

/** DSH-2 the village dashboard as an .xlsx workbook: the overview, then one sheet per table. */
type Label = Record<Locale, string>;
const L = (zh: string, en: string): Label => ({ 'zh-CN': zh, en });

const TEXT = {
  overview: L('概览', 'Overview'),
  income: L('集体经济收入', 'Collective income'),
  funds: L('保护资金', 'Protection funds'),
  heritage: L('非遗展演', 'Heritage performances'),
  tourism: L('旅游接待', 'Visitors'),
  villages: L('分村情况', 'Villages'),
  item: L('指标', 'Figure'),
  value: L('数值', 'Value'),
  scope: L('统计范围', 'Scope'),
  year: L('年度', 'Year'),
  all: L('全部', 'All'),
  traditional: L('传统村落（个）', 'Traditional villages'),
  reported: L('已填报村数', 'Villages reported'),
  totalIncome: L('经营性收入合计（元）', 'Operating income total (yuan)'),
  above: L('超 {t} 元村数', 'Villages above {t} yuan'),
  received: L('到位资金（元）', 'Received (yuan)'),
  allocated: L('已分配（元）', 'Allocated (yuan)'),
  spent: L('已支出（元）', 'Spent (yuan)'),
  balance: L('结余（元）', 'Balance (yuan)'),
  purpose: L('用途', 'Purpose'),
  source: L('来源', 'Source'),
  month: L('月份', 'Month'),
  performances: L('展演场次', 'Performances'),
  audience: L('观众人次', 'Audience'),
  visitors: L('接待人次', 'Visitors'),
  visitorsSince: L('去年以来接待人次', 'Visitors since last year'),
  guides: L('讲解员', 'Guides'),
  site: L('旅游点', 'Site'),
  village: L('村', 'Village'),
  township: L('乡镇', 'Township'),
  income1: L('最近年度经营性收入（元）', 'Latest operating income (yuan)'),
  incomeYear: L('收入年度', 'Income year'),
  dangerous: L('险情建筑', 'Buildings in danger'),
  heritageItem: L('非遗项目', 'Heritage item'),
} satisfies Record<string, Label>;

const PURPOSE: Record<string, Label> = {
  planning: L('规划编制', 'Planning'),
  infrastructure: L('基础设施建设与维护', 'Infrastructure'),
  building_protection: L('传统建筑保护', 'Building protection'),
};
const SOURCE: Record<string, Label> = {
  central: L('中央财政', 'Central'),
  provincial: L('省级财政', 'Provincial'),
  municipal: L('市级财政', 'Municipal'),
  county: L('县级财政', 'County'),
  social: L('社会资金', 'Social'),
  other: L('其他', 'Other'),
};

function sheet(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  header: string[],
  rows: (string | number | null)[][],
  money: number[] = [],
): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = header.map((_, i) => ({ width: i === 0 ? 22 : 16 }));
  const h = ws.addRow(header);
  h.font = { bold: true };
  h.commit();
  for (const r of rows) {
    const row = ws.addRow(r.map((c) => c ?? ''));
    for (const i of money) row.getCell(i + 1).numFmt = '#,##0.00';
    row.commit();
  }
  ws.commit();
}

export function villageDashboardFileName(d: VillageDashboard, locale: Locale): string {
  const scope = d.region?.name ?? TEXT.all[locale];
  return locale === 'en' ? `villages-dashboard-${scope}-${d.year}.xlsx` : `传统村落统计-${scope}-${d.year}年.xlsx`;
}

export async function writeVillageDashboardWorkbook(d: VillageDashboard, locale: Locale, out: Writable): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Hongtu 红图';
  const x = (l: Label) => l[locale];
  const above = (t: number) => x(TEXT.above).replace('{t}', t.toLocaleString('en-US'));
  const latest = d.incomeByYear.at(-1);
  sheet(
    wb,
    x(TEXT.overview),
    [x(TEXT.item), x(TEXT.value)],
    [
      [x(TEXT.scope), d.region?.name ?? x(TEXT.all)],
      [x(TEXT.year), d.year],
      [x(TEXT.traditional), d.villages],
      ...(latest ? latest.counts.map((c) => [`${latest.year} ${above(c.threshold)}`, c.villages]) : []),
      [x(TEXT.received), d.funds.received],
      [x(TEXT.spent), d.funds.spent],
      [x(TEXT.balance), d.funds.balance],
      [x(TEXT.performances), d.heritage.performances],
      [x(TEXT.audience), d.heritage.audience],
      [x(TEXT.visitors), d.tourism.visitors],
      [x(TEXT.visitorsSince), d.tourism.visitorsSincePreviousYear],
      [x(TEXT.guides), d.tourism.guides],
    ],
  );
  sheet(
    wb,
    x(TEXT.income),
    [x(TEXT.year), x(TEXT.reported), x(TEXT.totalIncome), ...d.thresholds.map(above)],
    d.incomeByYear.map((y) => [
      y.year,
      y.reported,
      y.total,
      ...d.thresholds.map((t) => y.counts.find((c) => c.threshold === t)?.villages ?? 0),
    ]),
    [2],
  );
  sheet(
    wb,
    x(TEXT.funds),
    [x(TEXT.purpose), x(TEXT.allocated), x(TEXT.spent)],
    [
      ...d.funds.byPurpose.map((p) => [x(PURPOSE[p.purpose]!), p.allocated, p.spent]),
      ...d.funds.bySource.map((s) => [`${x(TEXT.source)}：${x(SOURCE[s.sourceKind]!)}`, s.amount, null]),
    ],
    [1, 2],
  );
  sheet(
    wb,
    x(TEXT.heritage),
    [x(TEXT.month), x(TEXT.performances), x(TEXT.audience)],
    [
      ...d.heritage.byMonth.map((m) => [m.month, m.performances, m.audience]),
      ...d.heritage.byItem.map((i) => [`${x(TEXT.heritageItem)}：${i.name}`, i.performances, null]),
    ],
  );
  sheet(
    wb,
    x(TEXT.tourism),
    [x(TEXT.site), x(TEXT.village), x(TEXT.visitors), x(TEXT.visitorsSince), x(TEXT.guides)],
    [
      ...d.tourism.sites.map((s) => [s.name, s.villageName, s.visitors, s.visitorsSincePreviousYear, s.guides]),
      ...d.tourism.byMonth.map((m) => [m.month, null, m.visitors, null, null]),
    ],
  );
  sheet(
    wb,
    x(TEXT.villages),
    [
      x(TEXT.village),
      x(TEXT.township),
      x(TEXT.income1),
      x(TEXT.incomeYear),
      x(TEXT.received),
      x(TEXT.spent),
      x(TEXT.balance),
      x(TEXT.performances),
      x(TEXT.visitors),
      x(TEXT.dangerous),
    ],
    d.perVillage.map((v) => [
      v.name,
      v.townshipName,
      v.income,
      v.incomeYear,
      v.received,
      v.spent,
      v.balance,
      v.performances,
      v.visitors,
      v.dangerousBuildings,
    ]),
    [2, 4, 5, 6],
  );
  await wb.commit();
}
