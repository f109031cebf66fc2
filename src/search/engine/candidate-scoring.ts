import type { Bm25Params } from '../ranking-options.js';
import { bm25TermScore } from './bm25-formula.js';
import { seek, type ResolvedQuery } from './query.js';

/**
 * Scores of given documents only (ids ascending): each clause's postings are walked by
 * galloping search from one candidate to the next, so the cost grows with the candidates
 * (and the log of the postings' length), not with the corpus. A candidate holding no clause's
 * term scores 0.
 */
export function scoreCandidates(query: ResolvedQuery, candidates: ArrayLike<number>, params: Bm25Params): Float64Array {
  const m = candidates.length;
  const totals = new Float64Array(m);
  const fieldSums = new Float64Array(m);
  let start = 0;
  for (const end of query.groupEnds) {
    fieldSums.fill(0);
    for (let i = start; i < end; i++) {
      const c = query.cursors[i]!;
      let pos = c.start;
      for (let j = 0; j < m && pos < c.end; j++) {
        const doc = candidates[j]!;
        pos = seek(c.docs, pos, c.end, doc);
        if (pos < c.end && c.docs[pos] === doc) fieldSums[j]! += c.weight * bm25TermScore(c.idf, c.freqs[pos]!, c.norms[doc]!, params);
      }
    }
    for (let j = 0; j < m; j++) totals[j]! += fieldSums[j]!;
    start = end;
  }
  return totals;
}
