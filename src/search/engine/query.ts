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
  freqs: Uint16Array;
  /** The field's per-document length normalisation (see bm25-formula.ts). */
  norms: Float64Array;
  /** Current position, `start ≤ pos ≤ end`. */
  pos: number;
  readonly start: number;
  readonly end: number;
  readonly idf: number;
  readonly weight: number;
  /** The largest weighted score this clause gives any document (MaxScore's bound). */
  readonly upperBound: number;
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
