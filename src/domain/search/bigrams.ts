/**
 * Chinese search by character bigrams (docs/ARCHITECTURE.md, search): what the
 * database's `hongtu_bigrams()` makes of a text, as tsvector input — the text
 * without spaces, punctuation and symbols, cut into overlapping pairs of
 * characters, each with its position so a query can ask for a phrase.
 *
 * Written here as well as in SQL so a writer that already holds the text (the
 * intake, the demo seed) sends the vector with the row instead of making the
 * database build it in a trigger. Both must give the same vector for any text:
 * `bigrams.test.ts` compares them on both database backends.
 */
const REMOVED = /[\s\p{P}\p{S}（）《》【】、，。：；“”‘’·—]+/gu;
/** `left(clean, 4000)` in SQL: characters, not UTF-16 units. */
const MAX_CHARS = 4000;

export function bigramVector(input: string): string {
  const chars = [...input.replace(REMOVED, '')].slice(0, MAX_CHARS);
  if (chars.length === 0) return '';
  const out: string[] = [];
  const last = Math.max(chars.length - 1, 1);
  for (let i = 0; i < last; i++) {
    const token = (chars.length === 1 ? chars[0]! : chars[i]! + chars[i + 1]!).toLowerCase().replace(/'/g, "''");
    out.push(`'${token}':${i + 1}`);
  }
  return out.join(' ');
}
