import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../../tests/support/db.ts';
import { bigramVector } from '../../../domain/search/bigrams.ts';
import type { Db } from '../../db/index.ts';

let db: Db;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db?.close();
});

/** What the database makes of each text, and what the writer's copy makes of it, both as tsvectors. */
async function compare(texts: string[]): Promise<{ text: string; database: string; writer: string }[]> {
  const result = await sql<{ i: number; database: string; writer: string }>`
    SELECT t.i, hongtu_bigrams(t.text)::text AS database, t.vector::tsvector::text AS writer
    FROM jsonb_to_recordset(${JSON.stringify(texts.map((text, i) => ({ i, text, vector: bigramVector(text) })))}::jsonb)
      AS t(i int, text text, vector text)
    ORDER BY t.i`.execute(db.kysely);
  return result.rows.map((r) => ({ text: texts[r.i]!, database: r.database, writer: r.writer }));
}

describe('MAT-1 REG-6 a matter search vector built by its writer is the database trigger’s', () => {
  it('agrees on the texts people write: Chinese, Latin, digits, spaces and punctuation of both widths', async () => {
    const texts = [
      '',
      '   ',
      '字',
      '税务登记',
      'LY20261126000001 企业诉求 基准 [123]',
      '福州IFC国际金融中心（鼓楼区五四路158号）',
      '你好！请问：人才公寓、租金补贴怎么申请？',
      '“专精特新”企业——认定《办法》【2026】',
      "O'Brien & Co. 5% off; a+b=c €5 ￥100",
      'ＡＢＣ１２３ 全角字母',
      '笑😀哭 表情',
      'Mixed CASE Text 大写',
      '\t换行\n回车\r',
      '·—…～「」『』〔〕',
      '长'.repeat(4100),
    ];
    for (const r of await compare(texts)) expect(r.writer, JSON.stringify(r.text.slice(0, 40))).toBe(r.database);
  });

  it('agrees on any text from those alphabets (fast-check)', async () => {
    const alphabet = [
      ...'税务人才公寓企业诉求楼宇事项街道社区鼓楼福州一二三',
      ...'abcXYZ0189',
      ...' \t\n',
      ...'!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
      ...'（）《》【】、，。：；“”‘’·—！？…～「」￥€',
      ...'ＡＢ１２',
      '😀',
    ];
    const text = fc.array(fc.constantFrom(...alphabet), { maxLength: 60 }).map((cs) => cs.join(''));
    await fc.assert(
      fc.asyncProperty(fc.array(text, { minLength: 1, maxLength: 20 }), async (texts) => {
        for (const r of await compare(texts)) expect(r.writer, JSON.stringify(r.text)).toBe(r.database);
      }),
      { numRuns: 50 },
    );
  });
});
