import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { MATTER_LEVEL_LABELS } from '../../../domain/matters/labels.ts';
import type { Locale } from '../../db/schema.ts';
import type { Figures, MatterDashboard } from './dashboard.ts';

/** DSH-1 the dashboard's figures as an .xlsx workbook: the overview, then one sheet per breakdown and ranking. */
type Label = Record<Locale, string>;

const COLUMNS: { key: keyof Figures; label: Label; percent?: boolean; digits?: number }[] = [
  { key: 'received', label: { 'zh-CN': '受理数', en: 'Received' } },
  { key: 'respondedOnTime', label: { 'zh-CN': '按时响应', en: 'Responded on time' } },
  { key: 'responseRate', label: { 'zh-CN': '响应率', en: 'Response rate' }, percent: true },
  { key: 'closed', label: { 'zh-CN': '办结数', en: 'Closed' } },
  { key: 'closureRate', label: { 'zh-CN': '办结率', en: 'Closure rate' }, percent: true },
  { key: 'closedOnTime', label: { 'zh-CN': '按时办结', en: 'Closed on time' } },
  { key: 'onTimeClosureRate', label: { 'zh-CN': '按时办结率', en: 'On-time closure rate' }, percent: true },
  { key: 'rated', label: { 'zh-CN': '已评价', en: 'Rated' } },
  { key: 'satisfied', label: { 'zh-CN': '满意', en: 'Satisfied' } },
  { key: 'satisfactionRate', label: { 'zh-CN': '满意率', en: 'Satisfaction rate' }, percent: true },
  { key: 'overdue', label: { 'zh-CN': '当前超期', en: 'Overdue now' } },
  { key: 'averageWorkingDaysToClose', label: { 'zh-CN': '平均办结工作日', en: 'Avg working days to close' }, digits: 2 },
  { key: 'reopened', label: { 'zh-CN': '重办', en: 'Reopened' } },
  { key: 'withdrawn', label: { 'zh-CN': '撤回', en: 'Withdrawn' } },
  { key: 'open', label: { 'zh-CN': '在办', en: 'Open' } },
];

const TEXT = {
  overview: { 'zh-CN': '概览', en: 'Overview' },
  byMonth: { 'zh-CN': '按月', en: 'By month' },
  byCategory: { 'zh-CN': '按类别', en: 'By category' },
  byLevel: { 'zh-CN': '按层级', en: 'By level' },
  regions: { 'zh-CN': '区域排名', en: 'Regions' },
  departments: { 'zh-CN': '部门排名', en: 'Departments' },
  month: { 'zh-CN': '月份', en: 'Month' },
  category: { 'zh-CN': '类别', en: 'Category' },
  region: { 'zh-CN': '区域', en: 'Region' },
  department: { 'zh-CN': '部门', en: 'Department' },
  level: { 'zh-CN': '层级', en: 'Level' },
  atLevel: { 'zh-CN': '当前在该层级', en: 'Now at this level' },
  escalatedTo: { 'zh-CN': '上报至该层级', en: 'Escalated to this level' },
  item: { 'zh-CN': '指标', en: 'Figure' },
  value: { 'zh-CN': '数值', en: 'Value' },
  scope: { 'zh-CN': '统计范围', en: 'Scope' },
  period: { 'zh-CN': '统计周期（受理日期）', en: 'Period (intake dates)' },
  all: { 'zh-CN': '全部', en: 'All' },
} satisfies Record<string, Label>;

function cell(f: Figures, c: (typeof COLUMNS)[number]): number | string {
  const v = f[c.key];
  if (v === null) return '';
  return typeof v === 'number' && c.digits ? Number(v.toFixed(c.digits)) : v;
}

function table(wb: ExcelJS.stream.xlsx.WorkbookWriter, name: string, head: string, rows: [string, Figures][], locale: Locale): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [{ width: 24 }, ...COLUMNS.map(() => ({ width: 12 }))];
  const header = ws.addRow([head, ...COLUMNS.map((c) => c.label[locale])]);
  header.font = { bold: true };
  header.commit();
  for (const [label, f] of rows) {
    const row = ws.addRow([label, ...COLUMNS.map((c) => cell(f, c))]);
    COLUMNS.forEach((c, i) => {
      if (c.percent) row.getCell(i + 2).numFmt = '0.0%';
    });
    row.commit();
  }
  ws.commit();
}

export function dashboardFileName(d: MatterDashboard, locale: Locale): string {
  const scope = d.organisation?.name ?? d.region?.name ?? (locale === 'en' ? 'all' : '全部');
  return locale === 'en' ? `matters-dashboard-${scope}-${d.from}-${d.to}.xlsx` : `事项统计-${scope}-${d.from}至${d.to}.xlsx`;
}

export async function writeDashboardWorkbook(d: MatterDashboard, locale: Locale, out: Writable): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Hongtu 红图';
  const overview = wb.addWorksheet(TEXT.overview[locale]);
  overview.columns = [{ width: 28 }, { width: 40 }];
  const scope = [d.region?.name, d.organisation?.name].filter(Boolean).join(' · ') || TEXT.all[locale];
  const first = overview.addRow([TEXT.item[locale], TEXT.value[locale]]);
  first.font = { bold: true };
  first.commit();
  overview.addRow([TEXT.scope[locale], scope]).commit();
  overview.addRow([TEXT.period[locale], `${d.from} — ${d.to}`]).commit();
  for (const c of COLUMNS) {
    const row = overview.addRow([c.label[locale], cell(d.totals, c)]);
    if (c.percent) row.getCell(2).numFmt = '0.0%';
    row.commit();
  }
  overview.commit();

  table(
    wb,
    TEXT.byMonth[locale],
    TEXT.month[locale],
    d.byMonth.map((m) => [m.month, m]),
    locale,
  );
  table(
    wb,
    TEXT.byCategory[locale],
    TEXT.category[locale],
    d.byCategory.map((c) => [locale === 'en' ? c.nameEn : c.name, c]),
    locale,
  );
  const levels = wb.addWorksheet(TEXT.byLevel[locale]);
  levels.columns = [{ width: 16 }, { width: 16 }, { width: 18 }];
  const lh = levels.addRow([TEXT.level[locale], TEXT.atLevel[locale], TEXT.escalatedTo[locale]]);
  lh.font = { bold: true };
  lh.commit();
  for (const l of d.byLevel) levels.addRow([MATTER_LEVEL_LABELS[l.level][locale], l.matters, l.escalatedTo]).commit();
  levels.commit();
  table(
    wb,
    TEXT.regions[locale],
    TEXT.region[locale],
    d.regionRanking.map((r) => [r.name, r]),
    locale,
  );
  table(
    wb,
    TEXT.departments[locale],
    TEXT.department[locale],
    d.departmentRanking.map((r) => [r.name, r]),
    locale,
  );
  await wb.commit();
}
