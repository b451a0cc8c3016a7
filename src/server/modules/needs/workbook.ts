import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import type { Locale } from '../../db/schema.ts';

/** LST-1 … LST-4 the lists as .xlsx: one sheet, a bold header, the rows the filters chose (at most EXPORT_MAX). */
export const EXPORT_MAX = 20_000;
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface SheetColumn<T> {
  zh: string;
  en: string;
  width?: number;
  value: (row: T, en: boolean) => string | number | null;
}

export async function sendSheet<T>(
  reply: FastifyReply,
  opts: { locale: Locale; name: { zh: string; en: string }; columns: readonly SheetColumn<T>[]; rows: readonly T[] },
): Promise<FastifyReply> {
  const en = opts.locale === 'en';
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Hongtu 红图';
  const sheet = wb.addWorksheet(en ? opts.name.en : opts.name.zh);
  sheet.columns = opts.columns.map((c) => ({ header: en ? c.en : c.zh, width: c.width ?? 16 }));
  sheet.getRow(1).font = { bold: true };
  for (const row of opts.rows) sheet.addRow(opts.columns.map((c) => c.value(row, en)));
  const body = Buffer.from(await wb.xlsx.writeBuffer());
  const file = `${en ? opts.name.en : opts.name.zh}.xlsx`;
  return reply
    .type(XLSX_TYPE)
    .header(
      'content-disposition',
      `attachment; filename="${file.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file)}`,
    )
    .header('cache-control', 'no-store')
    .send(body);
}

/** A label in the sheet's language. */
export const label = <K extends string>(labels: Readonly<Record<K, { zh: string; en: string }>>, key: K, en: boolean) =>
  en ? labels[key].en : labels[key].zh;
