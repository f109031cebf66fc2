import type { Bm25Params } from '../ranking-options.js';
import { seek, sumContributions, type ResolvedQuery } from './query.js';
import { TopKHeap, type ScoredDoc } from './top-k-heap.js';

/**
 * Relative slack on score bounds. A document's score is summed in query order while bounds and
 * partial sums are summed in other orders, so they may differ by a few units in the last place
 * (≤ 60 terms · 2⁻⁵³ ≈ 10⁻¹⁴ relative); a document is skipped only when even its bound
 * inflated by this much cannot beat the k-th best score. Skipping stays exact.
 */
const BOUND_SLACK = 1e-12;

/**
 * The top `k` documents of a resolved query, exactly as exhaustive scoring ranks them (score
 * descending, then document id ascending), by MaxScore (Turtle & Flood 1995) document at a time:
 *
 * - Clauses are sorted by their score bound, ascending, and the bounds summed (`cumulative[j]`
 *   = bound of the j+1 lowest-bound clauses).
 * - Once k documents are held, with θ the k-th best score, the lowest-bound clauses whose
 *   bounds sum to ≤ θ are "non-essential": a document holding only those terms cannot enter.
 *   Candidates are taken from the essential clauses' postings alone (the union of the others'
 *   is never walked), and the non-essential ones are probed (galloping search) only while the
 *   partial score plus their remaining bounds can still beat θ.
 * - As θ rises, more clauses become non-essential. Documents come in ascending id order, so a
 *   newcomer that only ties θ ranks below every held document and is skipped too.
 *
 * `accept`, when given, is asked before a document is scored; a refused document is never
 * counted, so the result is the top k of the accepted documents.
 */
export function maxScoreTopK(query: ResolvedQuery, k: number, params: Bm25Params, accept?: (doc: number) => boolean): ScoredDoc[] {
  const { cursors, groupEnds } = query;
  const n = cursors.length;
  const heap = new TopKHeap(k);
  if (n === 0 || k <= 0) return [];
  const { d } = params;
  const k1 = params.k + 1;
  for (const cursor of cursors) cursor.pos = cursor.start;

  // Clause positions by bound, ascending (ties in query order), and the running sums of bounds.
  const order = cursors.map((_, i) => i).sort((a, b) => cursors[a]!.upperBound - cursors[b]!.upperBound || a - b);
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let j = 0; j < n; j++) cumulative[j] = sum += cursors[order[j]!]!.upperBound;
  const contributions = new Float64Array(n);

  let threshold = -Infinity;
  let firstEssential = 0;
  for (;;) {
    // The next candidate: the smallest current document of the essential clauses.
    let doc = Infinity;
    for (let j = firstEssential; j < n; j++) {
      const c = cursors[order[j]!]!;
      if (c.pos < c.end && c.docs[c.pos]! < doc) doc = c.docs[c.pos]!;
    }
    if (doc === Infinity) break;

    if (accept && !accept(doc)) {
      for (let j = firstEssential; j < n; j++) {
        const c = cursors[order[j]!]!;
        if (c.pos < c.end && c.docs[c.pos] === doc) c.pos++;
      }
      continue;
    }

    let partial = 0;
    for (let j = firstEssential; j < n; j++) {
      const i = order[j]!;
      const c = cursors[i]!;
      if (c.pos < c.end && c.docs[c.pos] === doc) {
        const tf = c.freqs[c.pos]!;
        const s = c.weight * (c.idf * (d + (tf * k1) / (tf + c.norms[doc]!)));
        contributions[i] = s;
        partial += s;
        c.pos++;
      } else {
        contributions[i] = 0;
      }
    }

    // Non-essential clauses, highest bound first, while the document can still make it.
    let competitive = true;
    for (let j = firstEssential - 1; j >= 0; j--) {
      if ((partial + cumulative[j]!) * (1 + BOUND_SLACK) <= threshold) {
        competitive = false;
        break;
      }
      const i = order[j]!;
      const c = cursors[i]!;
      c.pos = seek(c.docs, c.pos, c.end, doc);
      if (c.pos < c.end && c.docs[c.pos] === doc) {
        const tf = c.freqs[c.pos]!;
        const s = c.weight * (c.idf * (d + (tf * k1) / (tf + c.norms[doc]!)));
        contributions[i] = s;
        partial += s;
      } else {
        contributions[i] = 0;
      }
    }
    if (!competitive) continue;

    const score = sumContributions(contributions, groupEnds);
    if (!heap.admits(doc, score)) continue;
    heap.offer(doc, score);
    if (heap.full) {
      threshold = heap.worstScore;
      while (firstEssential < n && cumulative[firstEssential]! * (1 + BOUND_SLACK) <= threshold) firstEssential++;
    }
  }
  return heap.sorted();
}
