import { inverseFrequency, termCounts, type TextCorpus } from './text.ts';

/**
 * LST-3 a bigram inverted index over documents numbered in bucket order (category, then
 * area), so a bucket is a range of numbers and each posting list is sorted: a query reads
 * only the slice of a list inside the buckets it may use, found by binary search.
 * Weights are stored divided by the document's norm, so summing query × posting gives the cosine.
 */
export class BigramPostings {
  readonly corpus: TextCorpus;
  private readonly termIds: Map<string, number>;
  private readonly start: Int32Array;
  private readonly docs: Int32Array;
  private readonly weights: Float64Array;
  /** The largest stored weight of each term: no document gains more than query weight × this from it. */
  private readonly maxWeight: Float64Array;

  constructor(texts: readonly string[]) {
    const counts = texts.map((t) => termCounts(t));
    const frequency = new Map<string, number>();
    for (const c of counts) for (const term of c.keys()) frequency.set(term, (frequency.get(term) ?? 0) + 1);
    this.corpus = { documents: texts.length, frequency };
    this.termIds = new Map();
    const idf: number[] = [];
    for (const [term] of frequency) {
      this.termIds.set(term, idf.length);
      idf.push(inverseFrequency(this.corpus, term));
    }
    // Counting sort into CSR: lists come out sorted by document because documents are visited in order.
    this.start = new Int32Array(idf.length + 1);
    for (const c of counts) for (const term of c.keys()) this.start[this.termIds.get(term)! + 1]!++;
    for (let t = 0; t < idf.length; t++) this.start[t + 1]! += this.start[t]!;
    const fill = this.start.slice(0, idf.length);
    this.docs = new Int32Array(this.start[idf.length]!);
    this.weights = new Float64Array(this.docs.length);
    this.maxWeight = new Float64Array(idf.length);
    counts.forEach((c, doc) => {
      let sum = 0;
      const local: { t: number; w: number }[] = [];
      for (const [term, tf] of c) {
        const t = this.termIds.get(term)!;
        const w = (1 + Math.log(tf)) * idf[t]!;
        local.push({ t, w });
        sum += w * w;
      }
      const norm = Math.sqrt(sum);
      for (const { t, w } of local) {
        const slot = fill[t]!++;
        this.docs[slot] = doc;
        this.weights[slot] = w / norm;
        if (w / norm > this.maxWeight[t]!) this.maxWeight[t] = w / norm;
      }
    });
  }

  /**
   * The query's terms known to the index, weights divided by the full query norm (unknown
   * terms count in it), with `bound` = the most a term can add to any document's cosine.
   */
  queryTerms(text: string): QueryTerms {
    const ids: number[] = [];
    const weights: number[] = [];
    let sum = 0;
    for (const [term, tf] of termCounts(text)) {
      const w = (1 + Math.log(tf)) * inverseFrequency(this.corpus, term);
      sum += w * w;
      const id = this.termIds.get(term);
      if (id === undefined) continue;
      ids.push(id);
      weights.push(w);
    }
    const norm = Math.sqrt(sum);
    const normalised = weights.map((w) => w / norm);
    return { ids, weights: normalised, bounds: normalised.map((w, q) => w * this.maxWeight[ids[q]!]!) };
  }

  /**
   * Adds the contributions of query terms `terms` (positions in `query`) to `acc[doc]`
   * for the documents in the given ranges (sorted, disjoint [from, to) pairs): one walk
   * down each posting list, jumping to each range by binary search. `valid[doc] === stamp`
   * says acc[doc] holds this search's sum (anything else is stale and read as 0), so
   * nothing needs clearing. When `touched` is given, each document met for the first
   * time is appended to it from `count` on; returns the new count.
   */
  accumulate(
    query: QueryTerms,
    terms: readonly number[],
    ranges: readonly number[],
    scratch: { acc: Float64Array; valid: Int32Array; stamp: number },
    touched: Int32Array | null,
    count: number,
  ): number {
    const { acc, valid, stamp } = scratch;
    const { docs, weights } = this;
    let read = 0;
    for (const q of terms) {
      const t = query.ids[q]!;
      const wq = query.weights[q]!;
      let p = this.start[t]!;
      const end = this.start[t + 1]!;
      for (let r = 0; r < ranges.length && p < end; r += 2) {
        const from = ranges[r]!;
        const to = ranges[r + 1]!;
        if (docs[p]! < from) {
          let hi = end;
          while (p < hi) {
            const mid = (p + hi) >>> 1;
            if (docs[mid]! < from) p = mid + 1;
            else hi = mid;
          }
        }
        for (; p < end; p++) {
          const doc = docs[p]!;
          if (doc >= to) break;
          if (valid[doc] !== stamp) {
            valid[doc] = stamp;
            acc[doc] = 0;
            if (touched !== null) touched[count++] = doc;
          }
          acc[doc]! += wq * weights[p]!;
          read++;
        }
      }
    }
    this.read += read;
    return count;
  }

  /** Postings read by `accumulate` so far (for benchmarks). */
  read = 0;
}

export interface QueryTerms {
  ids: number[];
  weights: number[];
  bounds: number[];
}

/** The k best (score, item) pairs seen: a min-heap on score, so the worst kept is on top and cheap to compare. */
export class TopK {
  readonly scores: Float64Array;
  readonly items: Int32Array;
  size = 0;

  constructor(readonly k: number) {
    this.scores = new Float64Array(k);
    this.items = new Int32Array(k);
  }

  /** A score must beat this to get in. */
  get threshold(): number {
    return this.size < this.k ? -Infinity : this.scores[0]!;
  }

  offer(score: number, item: number): void {
    if (this.k === 0) return;
    const { scores, items } = this;
    if (this.size < this.k) {
      let i = this.size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!below(score, item, scores[parent]!, items[parent]!)) break;
        scores[i] = scores[parent]!;
        items[i] = items[parent]!;
        i = parent;
      }
      scores[i] = score;
      items[i] = item;
      return;
    }
    if (!below(scores[0]!, items[0]!, score, item)) return;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && below(scores[child + 1]!, items[child + 1]!, scores[child]!, items[child]!)) child++;
      if (!below(scores[child]!, items[child]!, score, item)) break;
      scores[i] = scores[child]!;
      items[i] = items[child]!;
      i = child;
    }
    scores[i] = score;
    items[i] = item;
  }

  /** Best first. */
  sorted(): { score: number; item: number }[] {
    const out: { score: number; item: number }[] = [];
    for (let i = 0; i < this.size; i++) out.push({ score: this.scores[i]!, item: this.items[i]! });
    return out.sort((a, b) => b.score - a.score || a.item - b.item);
  }
}

/** Whether (s1, i1) ranks below (s2, i2): a lower score, or the later item on a tie. */
function below(s1: number, i1: number, s2: number, i2: number): boolean {
  return s1 < s2 || (s1 === s2 && i1 > i2);
}
