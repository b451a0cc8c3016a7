import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { EXAMPLE_MARKER, columnMap, type CellValue, type ImportKind } from '../../../domain/registry/import-rows.ts';

/**
 * REG-9 reading an uploaded workbook as a stream, row by row, so a file of any
 * size is read in flat memory.
 *
 * exceljs's streaming reader decodes every decompressed chunk on its own
 * (a TextDecoder without `stream: true`), so a Chinese character whose UTF-8
 * bytes straddle two chunks turns into U+FFFD — a name or a 是/否 silently
 * damaged every ~16 KB. The reader below hands it chunks cut at character
 * boundaries instead.
 */

/** Re-cuts a byte stream so that no chunk ends inside a UTF-8 sequence. */
export async function* wholeCharacters(source: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of source) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    const all = carry.length ? Buffer.concat([carry, bytes]) : bytes;
    let end = all.length;
    let i = end - 1;
    // Step back over continuation bytes (10xxxxxx) to the sequence's lead byte.
    while (i >= 0 && end - i < 4 && (all[i]! & 0xc0) === 0x80) i--;
    if (i >= 0) {
      const lead = all[i]!;
      const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
      if (end - i < length) end = i;
    }
    carry = all.subarray(end);
    if (end > 0) yield all.subarray(0, end);
  }
  if (carry.length) yield carry;
}

/** The reader's undocumented steps that receive a zip entry's bytes. */
interface ReaderSteps {
  _parseWorksheet(iterator: AsyncIterable<Buffer>, sheetNo: string): Generator<unknown>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
}

class WholeCharacterReader extends ExcelJS.stream.xlsx.WorkbookReader {}
{
  const base = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as ReaderSteps;
  const own = WholeCharacterReader.prototype as unknown as ReaderSteps;
  const safe = (entry: AsyncIterable<Buffer>) => Readable.from(wholeCharacters(entry));
  own._parseWorksheet = function (this: ReaderSteps, iterator, sheetNo) {
    return base._parseWorksheet.call(this, wholeCharacters(iterator), sheetNo);
  };
  own._parseSharedStrings = function (this: ReaderSteps, entry) {
    return base._parseSharedStrings.call(this, safe(entry));
  };
  own._parseWorkbook = function (this: ReaderSteps, entry) {
    return base._parseWorkbook.call(this, safe(entry));
  };
  own._parseStyles = function (this: ReaderSteps, entry) {
    return base._parseStyles.call(this, safe(entry));
  };
}

function plain(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('error' in v) return null;
  if ('result' in v) return plain(v.result as ExcelJS.CellValue);
  if ('text' in v) return typeof v.text === 'string' ? v.text : null;
  return null;
}

export interface SheetRow {
  /** The row number as the spreadsheet shows it. */
  row: number;
  cells: CellValue[];
}

function isBlank(cells: readonly CellValue[]): boolean {
  return cells.every((c) => c === null || c === undefined || (typeof c === 'string' && c.trim() === ''));
}

/**
 * The data rows of the first worksheet, cells in the kind's column order,
 * streamed from the file: blank rows and the template's example row skipped
 * (`onSkip` hears of each row after the header that holds no data).
 */
export async function* readDataRows(file: string, kind: ImportKind, onSkip: () => void = () => {}): AsyncGenerator<SheetRow> {
  const reader = new WholeCharacterReader(file, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  let first = true;
  for await (const sheet of reader) {
    // Other sheets (the template's code list) are read to their end: the reader deletes a sheet's
    // temporary copy as soon as we move on, and a copy still being opened then fails uncaught (ENOENT).
    if (!first) {
      for await (const _row of sheet);
      continue;
    }
    first = false;
    const head: CellValue[][] = [];
    let index: number[] | null = null;
    for await (const r of sheet) {
      const values = Array.isArray(r.values) ? (r.values as ExcelJS.CellValue[]).slice(1).map(plain) : [];
      if (!index) {
        head.push(values);
        if (head.length < 2) continue;
        const map = columnMap(kind, head[0]!, head[1]!);
        index = map.index;
        // Without the key row the second row is already data.
        if (map.keyRow) {
          onSkip();
          continue;
        }
      }
      const cells = index.map((i) => values[i] ?? null);
      if (isBlank(cells) || (typeof cells[0] === 'string' && cells[0].startsWith(EXAMPLE_MARKER))) {
        onSkip();
        continue;
      }
      yield { row: r.number, cells };
    }
  }
}

/** A worksheet's bytes, handed over unparsed. */
interface RawSheet {
  bytes: AsyncIterable<Buffer>;
}

/** Emits each worksheet's bytes instead of a parsing reader. */
class RawSheetReader extends ExcelJS.stream.xlsx.WorkbookReader {}
{
  const own = RawSheetReader.prototype as unknown as ReaderSteps;
  own._parseWorksheet = function* (iterator: AsyncIterable<Buffer>) {
    yield { eventType: 'worksheet', value: { bytes: wholeCharacters(iterator) } satisfies RawSheet };
  };
}

/** Counts the rows of an XML stream that hold at least one value (<v> or an inline string), without parsing it. */
export async function countValueRows(xml: AsyncIterable<Buffer>): Promise<number> {
  let n = 0;
  let text = '';
  const decoder = new TextDecoder();
  for await (const chunk of xml) {
    text += decoder.decode(chunk, { stream: true });
    let at = 0;
    for (;;) {
      const open = text.indexOf('<row', at);
      if (open < 0) {
        at = Math.max(at, text.length - 4);
        break;
      }
      const next = text[open + 4];
      if (next === undefined) {
        at = open;
        break;
      }
      if (next !== ' ' && next !== '>' && next !== '/') {
        at = open + 4;
        continue;
      }
      const tagEnd = text.indexOf('>', open);
      if (tagEnd < 0) {
        at = open;
        break;
      }
      if (text[tagEnd - 1] === '/') {
        at = tagEnd + 1;
        continue;
      }
      const close = text.indexOf('</row>', tagEnd);
      if (close < 0) {
        at = open;
        break;
      }
      if (/<v[ >]|<is>/.test(text.slice(tagEnd, close))) n++;
      at = close + 6;
    }
    text = text.slice(at);
  }
  return n;
}

/**
 * An estimate of a file's data rows for the progress bar, from a byte scan of
 * the first worksheet (a fraction of a parse): rows holding a value, less the
 * header. The import corrects it as it meets the key row and the example row.
 */
export async function estimateDataRows(file: string): Promise<number> {
  const reader = new RawSheetReader(file, {
    sharedStrings: 'ignore',
    styles: 'ignore',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  let rows: number | null = null;
  for await (const sheet of reader) {
    const { bytes } = sheet as unknown as RawSheet;
    if (rows === null) rows = await countValueRows(bytes);
    // Later sheets (the template's code list) are read to their end, so no file stays open.
    else for await (const _chunk of bytes);
  }
  if (rows === null) throw new Error('the workbook has no worksheet');
  return Math.max(0, rows - 1);
}
