import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { COLUMNS, EXAMPLE_MARKER, industryChoices, type ColumnSpec, type ImportKind } from '../../../domain/registry/import-rows.ts';
import type { Locale } from '../../db/schema.ts';

/**
 * REG-9 the workbook side: templates and exports share one layout — a header
 * row in the user's language (required columns marked *), a hidden row of
 * field keys that the importer reads first, drop-down lists for enumerations
 * and GB/T 4754 industries, text format for codes — so an exported file
 * re-imports cleanly. Reading is in reader.ts.
 */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const SHEET_NAMES: Record<ImportKind, Record<Locale, string>> = {
  buildings: { 'zh-CN': '楼宇', en: 'Buildings' },
  enterprises: { 'zh-CN': '企业', en: 'Enterprises' },
  leases: { 'zh-CN': '租赁', en: 'Leases' },
};
const CODES_SHEET = '代码表';
/**
 * Rows a template's drop-down lists cover. Excel stores a range once whatever its
 * length, but common readers (exceljs among them) expand it cell by cell, so a
 * template covers what people fill by hand and an export covers its own rows.
 */
const TEMPLATE_ROWS = 5000;

export function fileName(kind: ImportKind, what: 'template' | 'export', locale: Locale): string {
  const base = SHEET_NAMES[kind][locale];
  return locale === 'en' ? `${base}-${what}.xlsx` : `${base}${what === 'template' ? '导入模板' : '导出'}.xlsx`;
}

/** exceljs keeps validations on worksheets (and worksheet writers) but leaves them out of its typings. */
interface WithValidations {
  dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void };
}

function columnLetter(n: number): string {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

function validation(spec: ColumnSpec, locale: Locale): ExcelJS.DataValidation | null {
  const error = {
    showErrorMessage: true,
    errorStyle: 'warning' as const,
    error: locale === 'en' ? 'Choose a value from the list' : '请从下拉列表中选择',
  };
  if (spec.type === 'enum' || spec.type === 'boolean') {
    return { type: 'list', allowBlank: !spec.required, formulae: [`"${(spec.options ?? []).map((o) => o.label).join(',')}"`], ...error };
  }
  if (spec.type === 'industry')
    return { type: 'list', allowBlank: true, formulae: [`'${CODES_SHEET}'!$A$1:$A$${industryChoices().length}`], ...error };
  return null;
}

/** Header, hidden key row, widths and text format for codes. */
function layout(ws: ExcelJS.Worksheet, kind: ImportKind, locale: Locale): void {
  const specs = COLUMNS[kind];
  ws.columns = specs.map((s) => ({
    key: s.key,
    width: s.width,
    ...(s.type === 'code' || s.type === 'text' || s.type === 'date' ? { style: { numFmt: '@' } } : {}),
  }));
  const header = ws.addRow(specs.map((s) => `${s.header[locale]}${s.required ? '*' : ''}`));
  header.font = { bold: true };
  header.commit();
  const keys = ws.addRow(specs.map((s) => s.key));
  keys.hidden = true;
  keys.commit();
}

/** Drop-down lists for enumerations and industries on data rows 3 … `lastRow`. */
function addValidations(ws: ExcelJS.Worksheet, kind: ImportKind, locale: Locale, lastRow: number): void {
  COLUMNS[kind].forEach((s, i) => {
    const v = validation(s, locale);
    const letter = columnLetter(i + 1);
    if (v) (ws as unknown as WithValidations).dataValidations.add(`${letter}3:${letter}${Math.max(3, lastRow)}`, v);
  });
}

function addCodesSheet(wb: ExcelJS.Workbook | ExcelJS.stream.xlsx.WorkbookWriter, streaming: boolean): void {
  const codes = wb.addWorksheet(CODES_SHEET, { state: 'hidden' });
  for (const choice of industryChoices()) codes.addRow([choice]).commit();
  // Only a streaming writer's sheet is committed; an in-memory sheet has nothing to flush.
  if (streaming) codes.commit();
}

/** The template for a kind: layout plus one example row the importer skips. */
export async function templateBuffer(kind: ImportKind, locale: Locale): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Hongtu 红图';
  const ws = wb.addWorksheet(SHEET_NAMES[kind][locale], { views: [{ state: 'frozen', ySplit: 2 }] });
  layout(ws, kind, locale);
  addValidations(ws, kind, locale, TEMPLATE_ROWS + 2);
  const example = COLUMNS[kind].map((s, i) => (i === 0 ? `${EXAMPLE_MARKER}${s.example}` : s.example));
  const row = ws.addRow(example);
  row.font = { italic: true, color: { argb: 'FF8C8C8C' } };
  addCodesSheet(wb, false);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A streaming export: rows go to `out` as they are added, so memory stays flat for any number of records. */
export function exportWriter(kind: ImportKind, locale: Locale, out: Writable) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Hongtu 红图';
  const ws = wb.addWorksheet(SHEET_NAMES[kind][locale], { views: [{ state: 'frozen', ySplit: 2 }] });
  layout(ws, kind, locale);
  let rows = 2;
  return {
    addRow(cells: (string | number)[]): void {
      ws.addRow(cells).commit();
      rows++;
    },
    async finish(): Promise<void> {
      // The writer renders validations when the sheet is committed: they can cover exactly the rows written, and some to add.
      addValidations(ws, kind, locale, rows + 200);
      ws.commit();
      addCodesSheet(wb, true);
      await wb.commit();
    },
  };
}
