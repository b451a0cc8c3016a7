import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatRow, parseRow } from '../../../domain/registry/import-rows.ts';
import { countValueRows, estimateDataRows, readDataRows, wholeCharacters } from './reader.ts';
import { exportWriter } from './workbook.ts';

/** REG-9 reading uploads: Chinese text survives chunk boundaries; a large file streams back exactly as written. */
async function collect(chunks: Buffer[]): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for await (const c of wholeCharacters(
    (async function* () {
      yield* chunks;
    })(),
  ))
    out.push(c);
  return out;
}

describe('REG-9 upload reader', () => {
  it('REG-9 re-cuts any byte stream so every chunk decodes on its own to the original text', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 20 }),
        async (text, cuts) => {
          const bytes = Buffer.from(text);
          const chunks: Buffer[] = [];
          for (let at = 0, i = 0; at < bytes.length; i++) {
            const size = cuts[i % cuts.length]!;
            chunks.push(bytes.subarray(at, at + size));
            at += size;
          }
          const out = await collect(chunks);
          expect(out.map((c) => new TextDecoder().decode(c)).join('')).toBe(text);
          expect(Buffer.concat(out).equals(bytes)).toBe(true);
        },
      ),
    );
  });

  it('REG-9 counts the rows holding values in sheet XML however it is cut into chunks', async () => {
    const rows = [
      '<row r="1"><c r="A1" t="inlineStr"><is><t>名称</t></is></c></row>',
      '<row r="2" spans="1:3"/>',
      '<row r="3"><c r="A3" s="1"/></row>',
      '<row r="4"><c r="B4"><v>12</v></c></row>',
    ];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...rows), { maxLength: 30 }), fc.integer({ min: 1, max: 40 }), async (list, size) => {
        const bytes = Buffer.from(`<worksheet><sheetData>${list.join('')}</sheetData><rowBreaks count="0"/></worksheet>`);
        const chunks = Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size));
        const expected = list.filter((r) => r === rows[0] || r === rows[3]).length;
        expect(
          await countValueRows(
            wholeCharacters(
              (async function* () {
                yield* chunks;
              })(),
            ),
          ),
        ).toBe(expected);
      }),
    );
  });

  it('REG-9 reads back 5,000 rows of Chinese names and 是/否 exactly as exported (the stock reader damaged one every ~16 KB)', async () => {
    const file = path.join(tmpdir(), `hongtu-reader-${process.pid}-${Date.now()}.xlsx`);
    const out = new PassThrough();
    const written = pipeline(out, createWriteStream(file));
    const writer = exportWriter('enterprises', 'zh-CN', out);
    const record = (i: number) => ({
      name: `福州市鼓楼区第${i}号软件信息技术有限公司`,
      creditCode: `CODE${i}`,
      regionCode: '350102004',
      isKeyEnterprise: i % 2 === 0,
      isNonPublic: true,
      legalRepresentative: '林建华',
    });
    for (let i = 0; i < 5000; i++) writer.addRow(formatRow('enterprises', record(i)));
    await writer.finish();
    await written;
    try {
      // Header and key row hold values too: the estimate counts the key row, which the import then takes off.
      expect(await estimateDataRows(file)).toBe(5001);
      let n = 0;
      for await (const { row, cells } of readDataRows(file, 'enterprises')) {
        const { values, issues } = parseRow('enterprises', cells);
        expect(issues, `row ${row}`).toEqual([]);
        expect(values).toMatchObject(record(n));
        n++;
      }
      expect(n).toBe(5000);
    } finally {
      await rm(file, { force: true });
    }
  });
});
