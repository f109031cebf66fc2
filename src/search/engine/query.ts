import type { Bm25Params } from '../ranking-options.js';
import { bm25TermScore } from './bm25-formula.js';

/** One weighted term of a query, searched in one field of a {@link Bm25Index}. */
export interface Bm25Clause {
  /** The field's name ("text", "phrases"). */
  field: string;
  /** The analysed term (the index never analyses). */
  term: string;
  /**
   * The clause's weight, multiplying its BM25 score (minisearch's term boost × field boost).
   * Finite and ≥ 0. A term given twice counts twice.
   */
  weight: number;
}

/** A query: clauses whose weighted BM25 scores are summed (see {@link Bm25Index}). */
export type Bm25Query = readonly Bm25Clause[];

/**
 * A clause ready to score: its postings run, idf, weight and score bound, and a cursor
 * (`pos`) that only moves forward.
 */
export interface PostingsCursor {
  /** Index of the field, which groups clauses for the score's sum. */
  field: number;
  docs: Uint32Array;
  /** `stride` counts per posting (one per stream of the field). */
  freqs: Uint16Array;
  /** Number of streams of the field: 1 for a plain field, more for BM25F. */
  stride: number;
  /** A plain field's per-document length normalisation (see bm25-formula.ts). */
  norms: Float64Array;
  /** A BM25F field's per-document, per-stream scales (see `streamScales` in bm25-formula.ts); empty for a plain field. */
  scales: Float64Array;
  /** Current position, `start ≤ pos ≤ end`. */
  pos: number;
  readonly start: number;
  readonly end: number;
  readonly idf: number;
  readonly weight: number;
  /** The largest weighted score this clause gives any document (MaxScore's bound). */
  upperBound: number;
}

/**
 * A resolved query: the clauses that match anything, ordered by field (in the index's field
 * order) and, within a field, as given. That order defines the sum: a document's score is
 * Σ over fields of (Σ over the field's clauses, in order) — the order minisearch added them
 * in, so scores agree to the last bit.
 */
export interface ResolvedQuery {
  cursors: PostingsCursor[];
  /** For each field group, the index one past its last cursor. */
  groupEnds: number[];
}

/** First position in `docs[pos … end)` whose id is ≥ `target` (galloping, then binary search). */
export function seek(docs: Uint32Array, pos: number, end: number, target: number): number {
  if (pos >= end || docs[pos]! >= target) return pos;
  let low = pos;
  let step = 1;
  let high = pos + 1;
  while (high < end && docs[high]! < target) {
    low = high;
    step *= 2;
    high = low + step;
  }
  if (high > end) high = end;
  // docs[low] < target; the answer is in (low, high].
  low++;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (docs[mid]! < target) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** A document's score from its per-clause contributions (indexed like the cursors), summed in the query's order. */
export function sumContributions(contributions: Float64Array, groupEnds: readonly number[]): number {
  let total = 0;
  let start = 0;
  for (const end of groupEnds) {
    let fieldSum = 0;
    for (let i = start; i < end; i++) fieldSum += contributions[i]!;
    total += fieldSum;
    start = end;
  }
  return total;
}

/**
 * A clause's unweighted score for the document at posting `p`: plain BM25 for a one-stream
 * field, BM25F (streams' counts scaled and summed, then saturated) otherwise. Every scorer
 * (exhaustive, candidates, MaxScore and its bounds) calls this, so they agree bit for bit.
 */
export function postingScore(c: PostingsCursor, p: number, doc: number, params: Bm25Params): number {
  const stride = c.stride;
  if (stride === 1) return bm25TermScore(c.idf, c.freqs[p]!, c.norms[doc]!, params);
  let tf = 0;
  const at = p * stride;
  const row = doc * stride;
  for (let s = 0; s < stride; s++) tf += c.freqs[at + s]! * c.scales[row + s]!;
  // tf~ · (k + 1) / (tf~ + k): the plain formula with the norm k (the lengths are in the scales).
  return bm25TermScore(c.idf, tf, params.k, params);
}
