import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { sql, type Kysely } from 'kysely';
import type { ImportKind } from '../../../domain/registry/import-rows.ts';
import type { Database } from '../../db/schema.ts';
import type { ImportJobView } from './schemas.ts';
import { XLSX_TYPE } from './workbook.ts';

/** Test helpers for REG-9: multipart uploads, workbook filling and reading, and a fingerprint of the registry's tables. */
export interface Requester {
  request(
    method: 'GET' | 'POST',
    url: string,
    payload?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ statusCode: number; body: string; rawPayload: Buffer; json(): unknown }>;
}

export function multipartFile(fileName: string, content: Buffer): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----hongtu${randomBytes(8).toString('hex')}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${XLSX_TYPE}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** Uploads and waits for the job to finish; fails the test on any status but 200. */
export async function importFile(
  agent: Requester,
  kind: ImportKind,
  content: Buffer,
  headers: Record<string, string> = {},
): Promise<ImportJobView> {
  const { payload, headers: h } = multipartFile(`${kind}.xlsx`, content);
  const res = await agent.request('POST', `/api/imports/${kind}?wait=true`, payload, { ...h, ...headers });
  if (res.statusCode !== 200) throw new Error(`import ${kind}: ${res.statusCode} ${res.body}`);
  return res.json() as ImportJobView;
}

export async function download(agent: Requester, url: string): Promise<Buffer> {
  const res = await agent.request('GET', url);
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res.rawPayload;
}

/** Appends rows to the first sheet of a workbook (a template keeps its example row; rows go below it). */
export async function appendRows(workbook: Buffer, rows: readonly (readonly (string | number | Date | null)[])[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(workbook as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  for (const r of rows) ws.addRow([...r]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The first sheet's rows as plain values (1-based columns dropped). */
export async function sheetValues(workbook: Buffer): Promise<{ rows: unknown[][]; hidden: boolean[]; validations: string[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(workbook as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const rows: unknown[][] = [];
  const hidden: boolean[] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    rows.push(Array.isArray(row.values) ? row.values.slice(1) : []);
    hidden.push(row.hidden);
  });
  const model = (ws as unknown as { dataValidations: { model: Record<string, { formulae: string[] }> } }).dataValidations.model;
  return { rows, hidden, validations: Object.values(model).flatMap((v) => v.formulae) };
}

/** A fingerprint of the registry's data, without the import jobs and audit rows an import always writes. */
export async function registryFingerprint(db: Kysely<Database>): Promise<string> {
  const tables = ['organisation', 'building', 'enterprise', 'lease', 'lease_event'] as const;
  const parts = await Promise.all(
    tables.map(async (name) => {
      const r = await sql<{
        h: string | null;
      }>`SELECT md5(string_agg(md5(x::text), ',' ORDER BY md5(x::text))) AS h FROM ${sql.table(name)} x`.execute(db);
      return `${name}:${r.rows[0]?.h ?? ''}`;
    }),
  );
  return parts.join('|');
}
