/**
 * LST-3 Chinese text relevance without a word segmenter: Chinese has no spaces, so a
 * description is cut into overlapping character bigrams ("跨境电商" → 跨境 境电 电商),
 * as hongtu_bigrams does in PostgreSQL (db/migrations/002_registry.sql). Unlike it, a
 * bigram never straddles punctuation or a space, so every bigram here is also one of
 * PostgreSQL's: a bigram search there finds every pair this scores above zero.
 */

// The SQL strips [[:space:][:punct:]] and CJK punctuation; \p{P} and \p{S} cover both.
const SEPARATORS = /[\s\p{P}\p{S}]+/u;

/** Lower-cased runs of text between spaces and punctuation. */
export function textSegments(text: string): string[] {
  return text
    .toLowerCase()
    .split(SEPARATORS)
    .filter((s) => s.length > 0);
}

/** Every bigram of every segment, in order, repeats kept. Code points, not UTF-16 units, so rare characters stay whole. */
export function bigramsOf(text: string): string[] {
  const out: string[] = [];
  for (const segment of textSegments(text)) {
    const chars = Array.from(segment);
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  }
  return out;
}

/** Document frequencies of bigrams over a corpus (resource or need descriptions). */
export interface TextCorpus {
  documents: number;
  frequency: ReadonlyMap<string, number>;
}

export function buildTextCorpus(texts: Iterable<string>): TextCorpus {
  const frequency = new Map<string, number>();
  let documents = 0;
  for (const text of texts) {
    documents++;
    for (const g of new Set(bigramsOf(text))) frequency.set(g, (frequency.get(g) ?? 0) + 1);
  }
  return { documents, frequency };
}

/**
 * BM25's inverse document frequency, always positive: a bigram in every description
 * (服务, 企业) weighs little, a rare one (跨境) much. Without a corpus every bigram weighs 1.
 */
export function inverseFrequency(corpus: TextCorpus | undefined, bigram: string): number {
  if (!corpus) return 1;
  const df = corpus.frequency.get(bigram) ?? 0;
  return Math.log(1 + (corpus.documents - df + 0.5) / (df + 0.5));
}

/** A description's distinct bigrams weighted (1 + ln tf) · idf, and the vector's length. */
export interface TermVector {
  terms: string[];
  weights: number[];
  norm: number;
}

export function termCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const g of bigramsOf(text)) counts.set(g, (counts.get(g) ?? 0) + 1);
  return counts;
}

export function termVector(text: string, corpus?: TextCorpus): TermVector {
  const terms: string[] = [];
  const weights: number[] = [];
  let sum = 0;
  for (const [term, tf] of termCounts(text)) {
    const w = (1 + Math.log(tf)) * inverseFrequency(corpus, term);
    terms.push(term);
    weights.push(w);
    sum += w * w;
  }
  return { terms, weights, norm: Math.sqrt(sum) };
}

/** Cosine of two term vectors (0..1) and the bigrams they share, largest contribution first. */
export function cosineSimilarity(a: TermVector, b: TermVector): { value: number; shared: string[] } {
  if (a.norm === 0 || b.norm === 0) return { value: 0, shared: [] };
  const weightOf = new Map<string, number>();
  b.terms.forEach((t, i) => weightOf.set(t, b.weights[i]!));
  let dot = 0;
  const contributions: { term: string; c: number }[] = [];
  a.terms.forEach((t, i) => {
    const w = weightOf.get(t);
    if (w === undefined) return;
    const c = a.weights[i]! * w;
    dot += c;
    contributions.push({ term: t, c });
  });
  contributions.sort((x, y) => y.c - x.c);
  return { value: Math.min(1, dot / (a.norm * b.norm)), shared: contributions.map((x) => x.term) };
}

/**
 * The shared bigrams put back together as the phrases of `text` they come from:
 * 跨境 境电 电商 read "跨境电商", which a person recognises where bigrams would puzzle.
 */
export function sharedPhrases(text: string, shared: ReadonlySet<string>, max = 5): string[] {
  const phrases: string[] = [];
  for (const segment of textSegments(text)) {
    const chars = Array.from(segment);
    let start = -1;
    for (let i = 0; i + 1 <= chars.length; i++) {
      const hit = i + 1 < chars.length && shared.has(chars[i]! + chars[i + 1]!);
      if (hit && start < 0) start = i;
      if (!hit && start >= 0) {
        phrases.push(chars.slice(start, i + 1).join(''));
        start = -1;
      }
    }
  }
  // Longest first: "跨境电商" says more than "平台".
  return [...new Set(phrases)].sort((a, b) => b.length - a.length).slice(0, max);
}
