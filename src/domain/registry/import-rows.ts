import { INDUSTRY_SECTIONS, industryName } from './industry.ts';

/**
 * REG-9 the spreadsheet columns of buildings, enterprises and leases, and how a
 * cell becomes a field value and back. One definition serves the template, the
 * export and the import, so an exported file re-imports cleanly. Pure: the
 * server validates the resulting records with the modules' own schemas.
 *
 * Enumerations are written with their Chinese labels (单一产权) and accept the
 * stored value too ('single'); booleans are 是/否; dates 'YYYY-MM-DD'; an
 * industry is written '65 软件和信息技术服务业' and read by its leading code.
 */
export const IMPORT_KINDS = ['buildings', 'enterprises', 'leases'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

type Label = { 'zh-CN': string; en: string };

export interface ColumnOption {
  value: string;
  label: string;
}

export interface ColumnSpec {
  /** The field key, as the modules' input schemas name it. */
  key: string;
  header: Label;
  type: 'text' | 'code' | 'number' | 'integer' | 'date' | 'boolean' | 'enum' | 'industry' | 'industries';
  required?: boolean;
  options?: readonly ColumnOption[];
  width: number;
  example: string | number;
}

/** Cell values as a spreadsheet reader hands them over. */
export type CellValue = string | number | boolean | Date | null | undefined;
export type FieldValue = string | number | boolean | string[] | null;

/** A message key of the server's i18n catalogue, with its parameters. */
export interface CellIssue {
  column: string;
  key:
    | 'import.required'
    | 'import.not_a_number'
    | 'import.not_an_integer'
    | 'import.not_a_date'
    | 'import.not_an_option'
    | 'import.not_a_boolean';
  params?: Record<string, string>;
}

const YES_NO: readonly ColumnOption[] = [
  { value: 'true', label: '是' },
  { value: 'false', label: '否' },
];
export const OWNERSHIP_OPTIONS: readonly ColumnOption[] = [
  { value: 'single', label: '单一产权' },
  { value: 'multiple', label: '多元产权' },
];
export const MANAGEMENT_OPTIONS: readonly ColumnOption[] = [
  { value: 'owner_managed', label: '产权单位自管' },
  { value: 'entrusted', label: '委托物业' },
];
export const SIZE_OPTIONS: readonly ColumnOption[] = [
  { value: 'large', label: '大型' },
  { value: 'medium', label: '中型' },
  { value: 'small', label: '小型' },
  { value: 'micro', label: '微型' },
];
export const PARTY_ORG_OPTIONS: readonly ColumnOption[] = [
  { value: 'own', label: '单独建立党组织' },
  { value: 'joint', label: '联合建立党组织' },
  { value: 'instructor', label: '党建指导员覆盖' },
  { value: 'none', label: '未覆盖' },
];

const col = (
  key: string,
  zh: string,
  en: string,
  type: ColumnSpec['type'],
  width: number,
  example: string | number,
  extra: Partial<ColumnSpec> = {},
): ColumnSpec => ({
  key,
  header: { 'zh-CN': zh, en },
  type,
  width,
  example,
  ...extra,
});

export const COLUMNS: Record<ImportKind, readonly ColumnSpec[]> = {
  buildings: [
    col('name', '楼宇名称', 'Building name', 'text', 24, '东街金融大厦', { required: true }),
    col('regionCode', '所在街道代码', 'Street code', 'code', 14, '350102004', { required: true }),
    col('address', '地址', 'Address', 'text', 30, '福州市鼓楼区东街88号', { required: true }),
    col('lng', '经度', 'Longitude', 'number', 11, 119.3012),
    col('lat', '纬度', 'Latitude', 'number', 11, 26.0865),
    col('floorsAbove', '地上层数', 'Floors above ground', 'integer', 10, 32),
    col('floorsBelow', '地下层数', 'Floors below ground', 'integer', 10, 3),
    col('grossArea', '建筑面积（㎡）', 'Gross area (m²)', 'number', 13, 62000),
    col('officeArea', '办公面积（㎡）', 'Office area (m²)', 'number', 13, 48000, { required: true }),
    col('ownership', '产权性质', 'Ownership', 'enum', 11, '多元产权', { required: true, options: OWNERSHIP_OPTIONS }),
    col('managementMode', '管理模式', 'Management', 'enum', 13, '委托物业', { required: true, options: MANAGEMENT_OPTIONS }),
    col('propertyCompany', '物业公司', 'Property company', 'text', 26, '福州榕安物业服务有限公司'),
    col('propertyOwner', '产权单位', 'Property owner', 'text', 26, ''),
    col('positioning', '特色定位', 'Positioning', 'text', 12, '金融楼'),
    col('industryFocus', '产业方向（行业代码，多个用、分隔）', 'Industry focus (codes)', 'industries', 22, '66、67、68'),
    col('askingRent', '参考租金（元/㎡·月）', 'Asking rent (CNY/m²/month)', 'number', 14, 95),
    col('completedYear', '竣工年份', 'Year completed', 'integer', 10, 2012),
  ],
  enterprises: [
    col('name', '企业名称', 'Enterprise name', 'text', 30, '福州榕信数据科技有限公司', { required: true }),
    col('creditCode', '统一社会信用代码', 'Unified social credit code', 'code', 22, '91350102MA2XXXXXXX', { required: true }),
    col('regionCode', '所在街道代码', 'Street code', 'code', 14, '350102004', { required: true }),
    col('industryCode', '行业（GB/T 4754）', 'Industry (GB/T 4754)', 'industry', 28, '65 软件和信息技术服务业'),
    col('sizeClass', '企业规模', 'Size', 'enum', 9, '小型', { options: SIZE_OPTIONS }),
    col('staffCount', '职工人数', 'Staff', 'integer', 9, 45),
    col('partyMemberCount', '党员人数', 'Party members', 'integer', 9, 6),
    col('isKeyEnterprise', '重点企业', 'Key enterprise', 'boolean', 9, '否', { options: YES_NO }),
    col('isNonPublic', '非公企业', 'Non-public', 'boolean', 9, '是', { options: YES_NO }),
    col('partyOrgStatus', '党组织覆盖', 'Party organisation', 'enum', 16, '联合建立党组织', { options: PARTY_ORG_OPTIONS }),
    col('registeredOn', '成立日期', 'Registered on', 'date', 12, '2016-05-18'),
    col('legalRepresentative', '法定代表人', 'Legal representative', 'text', 11, '林建华'),
    col('lng', '经度', 'Longitude', 'number', 11, 119.3012),
    col('lat', '纬度', 'Latitude', 'number', 11, 26.0865),
  ],
  leases: [
    col('externalRef', '合同编号', 'Contract number', 'text', 16, 'HT2024-00012'),
    col('buildingName', '楼宇名称', 'Building name', 'text', 24, '东街金融大厦', { required: true }),
    col('buildingRegionCode', '楼宇所在街道代码', 'Building street code', 'code', 14, '350102004', { required: true }),
    col('enterpriseCreditCode', '企业统一社会信用代码', 'Enterprise credit code', 'code', 22, '91350102MA2XXXXXXX', { required: true }),
    col('enterpriseName', '企业名称（仅供核对）', 'Enterprise name (for reference)', 'text', 28, '福州榕信数据科技有限公司'),
    col('units', '房号', 'Units', 'text', 12, '1201-1203'),
    col('area', '租赁面积（㎡）', 'Area (m²)', 'number', 12, 860, { required: true }),
    col('startOn', '起租日期', 'Start', 'date', 12, '2024-03-01', { required: true }),
    col('endOn', '到期日期', 'End', 'date', 12, '2027-02-28', { required: true }),
    col('monthlyRent', '月租金（元）', 'Monthly rent (CNY)', 'number', 12, 81700),
    col('endedOn', '迁出日期', 'Moved out on', 'date', 12, ''),
  ],
};

/** The template's example row starts with this marker, so importing an untouched template imports nothing. */
export const EXAMPLE_MARKER = '【示例】';

/** Industry choices as the template's drop-down lists them: '65 软件和信息技术服务业'. */
export function industryChoices(): string[] {
  return INDUSTRY_SECTIONS.flatMap((s) => s.divisions.map(([code, name]) => `${code} ${name}`));
}

const text = (v: CellValue): string =>
  v instanceof Date ? v.toISOString().slice(0, 10) : v === null || v === undefined ? '' : String(v).trim();

/** Excel's day count (1900 system) for a date stored as a plain number. */
function excelSerialDate(n: number): string | null {
  if (!Number.isFinite(n) || n < 1 || n > 2_958_465) return null;
  return new Date(Date.UTC(1899, 11, 30) + Math.round(n) * 86_400_000).toISOString().slice(0, 10);
}

function parseDate(v: CellValue): string | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  if (typeof v === 'number') return excelSerialDate(v);
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text(v));
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}

function parseNumber(v: CellValue): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  const s = text(v).replace(/[,，\s]/g, '');
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : null;
}

function parseIndustry(s: string): string {
  // '65 软件和信息技术服务业' → '65'; a bare code passes; a name alone is looked up.
  const lead = /^([A-Ta-t]|\d{2})(?=\s|$)/.exec(s);
  if (lead) return lead[1]!.toUpperCase();
  const byName = industryChoices().find((c) => c.slice(3) === s);
  return byName ? byName.slice(0, 2) : s;
}

/** One cell to a field value, or why not. Empty optional cells become null. */
export function parseCell(spec: ColumnSpec, raw: CellValue): { ok: true; value: FieldValue } | { ok: false; issue: CellIssue } {
  const fail = (key: CellIssue['key'], params?: Record<string, string>) => ({
    ok: false as const,
    issue: { column: spec.key, key, ...(params ? { params } : {}) },
  });
  const s = text(raw);
  if (s === '') return spec.required ? fail('import.required') : { ok: true, value: null };
  switch (spec.type) {
    case 'text':
      return { ok: true, value: s };
    case 'code':
      // Codes typed into a number cell lose nothing (no leading zeros in GB/T 2260), but must not read as 3.5e8.
      return { ok: true, value: typeof raw === 'number' ? String(Math.trunc(raw)) : s.toUpperCase() };
    case 'number': {
      const n = parseNumber(raw);
      return n === null ? fail('import.not_a_number') : { ok: true, value: n };
    }
    case 'integer': {
      const n = parseNumber(raw);
      if (n === null) return fail('import.not_a_number');
      return Number.isInteger(n) ? { ok: true, value: n } : fail('import.not_an_integer');
    }
    case 'date': {
      const d = parseDate(raw);
      return d ? { ok: true, value: d } : fail('import.not_a_date');
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      if (['是', 'Y', 'YES', 'TRUE', '1'].includes(s.toUpperCase())) return { ok: true, value: true };
      if (['否', 'N', 'NO', 'FALSE', '0'].includes(s.toUpperCase())) return { ok: true, value: false };
      return fail('import.not_a_boolean');
    }
    case 'enum': {
      const found = spec.options?.find((o) => o.label === s || o.value === s);
      return found
        ? { ok: true, value: found.value }
        : fail('import.not_an_option', { options: (spec.options ?? []).map((o) => o.label).join('、') });
    }
    case 'industry':
      return { ok: true, value: parseIndustry(s) };
    case 'industries':
      return {
        ok: true,
        value: s
          .split(/[、,，;；\s]+/)
          .filter(Boolean)
          .map(parseIndustry),
      };
  }
}

/** A spreadsheet row to a record of field values, with the cells that could not be read. */
export function parseRow(kind: ImportKind, cells: readonly CellValue[]): { values: Record<string, FieldValue>; issues: CellIssue[] } {
  const values: Record<string, FieldValue> = {};
  const issues: CellIssue[] = [];
  COLUMNS[kind].forEach((spec, i) => {
    const out = parseCell(spec, cells[i]);
    if (out.ok) values[spec.key] = out.value;
    else issues.push(out.issue);
  });
  return { values, issues };
}

/** A record's field values as the cells the template holds (labels, 是/否, '65 名称'). */
export function formatRow(kind: ImportKind, record: Record<string, FieldValue | undefined>): (string | number)[] {
  return COLUMNS[kind].map((spec) => {
    const v = record[spec.key];
    if (v === null || v === undefined) return '';
    switch (spec.type) {
      case 'boolean':
        return v === true ? '是' : '否';
      case 'enum':
        return spec.options?.find((o) => o.value === v)?.label ?? String(v);
      case 'industry':
        return typeof v === 'string' && industryName(v) ? `${v} ${industryName(v)}` : String(v);
      case 'industries':
        return Array.isArray(v) ? v.join('、') : String(v);
      case 'number':
      case 'integer':
        return typeof v === 'number' ? v : Number(v);
      case 'text':
      case 'code':
      case 'date':
        return String(v);
    }
  });
}

/**
 * Which column of the sheet holds which field: the template's hidden key row
 * when present, else headers matched in either language, else the fixed order.
 */
export function columnMap(
  kind: ImportKind,
  firstRow: readonly CellValue[],
  secondRow: readonly CellValue[],
): { index: number[]; keyRow: boolean } {
  const specs = COLUMNS[kind];
  const keys = secondRow.map(text);
  if (specs.every((s) => keys.includes(s.key))) return { index: specs.map((s) => keys.indexOf(s.key)), keyRow: true };
  const headers = firstRow.map((h) => text(h).replace(/[*＊]$/, ''));
  const byHeader = specs.map((s) => headers.findIndex((h) => h === s.header['zh-CN'] || h === s.header.en));
  if (byHeader.every((i) => i >= 0)) return { index: byHeader, keyRow: false };
  return { index: specs.map((_, i) => i), keyRow: false };
}
