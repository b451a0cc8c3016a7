import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Locale } from '../../db/schema.ts';
import type { GridDashboard, GridFigures } from './figures.ts';

type Label = Record<Locale, string>;

/** The columns of the grid figures, in the order the dashboard shows them. */
export const GRID_COLUMNS: { key: keyof GridFigures; label: Label; percent?: boolean; digits?: number }[] = [
  { key: 'households', label: { 'zh-CN': '农户数', en: 'Households' } },
  { key: 'covered', label: { 'zh-CN': '已包户', en: 'Covered' } },
  { key: 'coverageRate', label: { 'zh-CN': '包户覆盖率', en: 'Coverage' }, percent: true },
  { key: 'members', label: { 'zh-CN': '网格党员', en: 'Members' } },
  { key: 'activeMembers', label: { 'zh-CN': '承担包户', en: 'Carrying' } },
  { key: 'membersInRange', label: { 'zh-CN': '包户 20—30 户', en: 'With 20–30' } },
  { key: 'visits', label: { 'zh-CN': '走访次数', en: 'Visits' } },
  { key: 'visitedHouseholds', label: { 'zh-CN': '走访户数', en: 'Households visited' } },
  { key: 'visitsPerHousehold', label: { 'zh-CN': '户均走访', en: 'Visits per household' }, digits: 2 },
  { key: 'inspections', label: { 'zh-CN': '消防排查', en: 'Inspections' } },
  { key: 'hazardsFound', label: { 'zh-CN': '发现隐患', en: 'Hazards found' } },
  { key: 'hazardsFixed', label: { 'zh-CN': '已整改', en: 'Hazards fixed' } },
  { key: 'hazardsOpen', label: { 'zh-CN': '待整改', en: 'Hazards open' } },
  { key: 'hazardsOverdue', label: { 'zh-CN': '超期未改', en: 'Overdue' } },
  { key: 'mediations', label: { 'zh-CN': '调解纠纷', en: 'Mediations' } },
  { key: 'mediationsResolved', label: { 'zh-CN': '调解成功', en: 'Resolved' } },
  { key: 'resolutionRate', label: { 'zh-CN': '调解成功率', en: 'Resolution rate' }, percent: true },
  { key: 'followUpsDue', label: { 'zh-CN': '待回访', en: 'Follow-ups due' } },
  { key: 'upkeep', label: { 'zh-CN': '管护整治', en: 'Upkeep' } },
];

const cell = (f: GridFigures, c: (typeof GRID_COLUMNS)[number]) => {
  const v = f[c.key];
  if (v === null) return '';
  return c.digits ? Number(v.toFixed(c.digits)) : v;
};

export function gridDashboardFileName(d: GridDashboard, locale: Locale): string {
  return locale === 'en' ? `grids-${d.region.name}-${d.from}-${d.to}.xlsx` : `网格包户统计-${d.region.name}-${d.from}至${d.to}.xlsx`;
}

/** DSH-2 the grid figures as .xlsx: one row per village, then the total. */
export async function writeGridDashboardWorkbook(d: GridDashboard, locale: Locale, out: Writable): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Hongtu 红图';
  const ws = wb.addWorksheet(locale === 'en' ? 'Grids' : '网格包户', { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.columns = [{ width: 16 }, { width: 16 }, ...GRID_COLUMNS.map(() => ({ width: 12 }))];
  ws.addRow([`${d.region.name} ${d.from} — ${d.to}`]).commit();
  const head = ws.addRow([
    locale === 'en' ? 'Code' : '区划代码',
    locale === 'en' ? 'Village' : '村（社区）',
    ...GRID_COLUMNS.map((c) => c.label[locale]),
  ]);
  head.font = { bold: true };
  head.commit();
  const line = (code: string, name: string, f: GridFigures, bold = false) => {
    const row = ws.addRow([code, name, ...GRID_COLUMNS.map((c) => cell(f, c))]);
    GRID_COLUMNS.forEach((c, i) => {
      if (c.percent) row.getCell(i + 3).numFmt = '0.0%';
    });
    if (bold) row.font = { bold: true };
    row.commit();
  };
  for (const v of d.villages) line(v.code, v.name, v);
  line(d.region.code, locale === 'en' ? 'Total' : '合计', d.totals, true);
  ws.commit();
  await wb.commit();
}
