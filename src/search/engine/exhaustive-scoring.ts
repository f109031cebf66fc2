import type { Bm25Params } from '../ranking-options.js';
import { postingScore, type ResolvedQuery } from './query.js';
import { byRank, type ScoredDoc } from './top-k-heap.js';

/**
 * Every document holding a clause's term, scored and sorted (score descending, then id
 * ascending): term at a time over all postings, the reference the pruned top-k is checked
 * against. Allocates arrays over all documents; not for the query path.
 */
export function scoreExhaustively(query: ResolvedQuery, documentCount: number, params: Bm25Params): ScoredDoc[] {
  const totals = new Float64Array(documentCount);
  const fieldSums = new Float64Array(documentCount);
  const matched = new Uint8Array(documentCount);
  let start = 0;
  for (const end of query.groupEnds) {
    fieldSums.fill(0);
    for (let i = start; i < end; i++) {
      const c = query.cursors[i]!;
      for (let p = c.start; p < c.end; p++) {
        const doc = c.docs[p]!;
        fieldSums[doc]! += c.weight * postingScore(c, p, doc, params);
        matched[doc] = 1;
      }
    }
    for (let doc = 0; doc < documentCount; doc++) totals[doc]! += fieldSums[doc]!;
    start = end;
  }
  const ranked: ScoredDoc[] = [];
  for (let doc = 0; doc < documentCount; doc++) if (matched[doc]) ranked.push({ doc, score: totals[doc]! });
  return ranked.sort(byRank);
}
