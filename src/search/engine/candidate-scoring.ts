import type { Bm25Params } from '../ranking-options.js';
import { postingScore, seek, type ResolvedQuery } from './query.js';

/**
 * Scores of given documents only (ids ascending), summed in query order like every other
 * scorer: each clause's postings are walked by galloping search from one candidate to the
 * next, so the cost grows with the candidates (and the log of the postings' length), not with
 * the corpus. A candidate holding no clause's term scores 0 and is not `matched`.
 */
export function scoreCandidates(query: ResolvedQuery, candidates: ArrayLike<number>, params: Bm25Params): { scores: Float64Array; matched: Uint8Array } {
  const m = candidates.length;
  const totals = new Float64Array(m);
  const fieldSums = new Float64Array(m);
  const matched = new Uint8Array(m);
  let start = 0;
  for (const end of query.groupEnds) {
    fieldSums.fill(0);
    for (let i = start; i < end; i++) {
      const c = query.cursors[i]!;
      let pos = c.start;
      for (let j = 0; j < m && pos < c.end; j++) {
        const doc = candidates[j]!;
        pos = seek(c.docs, pos, c.end, doc);
        if (pos < c.end && c.docs[pos] === doc) {
          fieldSums[j]! += c.weight * postingScore(c, pos, doc, params);
          matched[j] = 1;
        }
      }
    }
    for (let j = 0; j < m; j++) totals[j]! += fieldSums[j]!;
    start = end;
  }
  return { scores: totals, matched };
}
