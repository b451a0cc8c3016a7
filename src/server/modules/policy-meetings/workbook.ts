import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Locale } from '../../db/schema.ts';
import type { PolicyDashboard, PolicyFigures } from './dashboard.ts';

/** POL-3 the policy dashboard as an .xlsx workbook: by policy, by issuer, by street. */
type Label = Record<Locale, string>;
const FIGURES: { key: keyof PolicyFigures; label: Label; money?: boolean }[] = [
  { key: 'pushes', label: { 'zh-CN': '推送企业数', en: 'Pushed' } },
  { key: 'eligible', label: { 'zh-CN': '符合条件企业数', en: 'Eligible' } },
  { key: 'applied', label: { 'zh-CN': '已申报', en: 'Applied' } },
  { key: 'granted', label: { 'zh-CN': '已兑现', en: 'Granted' } },
  { key: 'grantedAmount', label: { 'zh-CN': '兑现金额（元）', en: 'Amount granted (yuan)' }, money: true },
];
const TEXT = {
  byPolicy: { 'zh-CN': '按政策', en: 'By policy' },
  byIssuer: { 'zh-CN': '按发文单位', en: 'By issuer' },
  byStreet: { 'zh-CN': '按街道', en: 'By street' },
  policy: { 'zh-CN': '政策', en: 'Policy' },
  issuer: { 'zh-CN': '发文单位', en: 'Issuer' },
  street: { 'zh-CN': '街道', en: 'Street' },
  total: { 'zh-CN': '合计', en: 'Total' },
} satisfies Record<string, Label>;

function sheet(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  head: string[],
  rows: [string[], PolicyFigures][],
  locale: Locale,
): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [...head.map(() => ({ width: 36 })), ...FIGURES.map(() => ({ width: 14 }))];
  const header = ws.addRow([...head, ...FIGURES.map((f) => f.label[locale])]);
  header.font = { bold: true };
  header.commit();
  for (const [labels, f] of rows) {
    const row = ws.addRow([...labels, ...FIGURES.map((c) => f[c.key])]);
    FIGURES.forEach((c, i) => {
      if (c.money) row.getCell(head.length + i + 1).numFmt = '#,##0.00';
    });
    row.commit();
  }
  ws.commit();
}

export function policyDashboardFileName(locale: Locale, today: string): string {
  return locale === 'en' ? `policy-dashboard-${today}.xlsx` : `惠企政策统计-${today}.xlsx`;
}

export async function writePolicyDashboardWorkbook(d: PolicyDashboard, locale: Locale, out: Writable): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Hongtu 红图';
  sheet(
    wb,
    TEXT.byPolicy[locale],
    [TEXT.policy[locale], TEXT.issuer[locale]],
    [...d.byPolicy.map((p): [string[], PolicyFigures] => [[p.title, p.issuer], p]), [[TEXT.total[locale], ''], d.totals]],
    locale,
  );
  sheet(
    wb,
    TEXT.byIssuer[locale],
    [TEXT.issuer[locale]],
    d.byIssuer.map((i) => [[i.issuer], i]),
    locale,
  );
  sheet(
    wb,
    TEXT.byStreet[locale],
    [TEXT.street[locale]],
    d.byStreet.map((s) => [[s.name], s]),
    locale,
  );
  await wb.commit();
}
