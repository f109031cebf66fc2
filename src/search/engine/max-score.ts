import type { Bm25Params } from '../ranking-options.js';
import { postingScore, seek, sumContributions, type ResolvedQuery } from './query.js';
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
 *   is never walked; the essential cursors sit in a min-heap on their current document, so
 *   each posting costs O(log clauses)), and the non-essential ones are probed (galloping search)
 *   only while the partial score plus their remaining bounds can still beat θ.
 * - A document's score is then summed in query order (see {@link sumContributions}), so it is
 *   bit for bit what exhaustive scoring gives.
 * - As θ rises, more clauses become non-essential. Documents come in ascending id order, so a
 *   newcomer that only ties θ ranks below every held document and is skipped too.
 *
 * `accept`, when given, is asked before a document is scored; a refused document is never
 * counted, so the result is the top k of the accepted documents.
 */
export function maxScoreTopK(query: ResolvedQuery, k: number, params: Bm25Params, accept?: (doc: number) => boolean): ScoredDoc[] {
  const { cursors, groupEnds } = query;
  const n = cursors.length;
  if (n === 0 || k <= 0) return [];
  const heap = new TopKHeap(k);
  for (const cursor of cursors) cursor.pos = cursor.start;

  // Clause positions by bound, ascending (ties in query order), and the running sums of bounds.
  const order = cursors.map((_, i) => i).sort((a, b) => cursors[a]!.upperBound - cursors[b]!.upperBound || a - b);
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let j = 0; j < n; j++) cumulative[j] = sum += cursors[order[j]!]!.upperBound;
  // Per-clause contributions of the current document; zero again once it is scored.
  const contributions = new Float64Array(n);
  const touched = new Int32Array(n);

  // The essential clauses, in a binary min-heap on their current document id (`heads`, ∞ when done).
  const heads = new Float64Array(n);
  for (let i = 0; i < n; i++) heads[i] = cursors[i]!.start < cursors[i]!.end ? cursors[i]!.docs[cursors[i]!.start]! : Infinity;
  const essential = new Int32Array(n);
  let essentialCount = 0;
  const siftDown = (from: number): void => {
    const i = essential[from]!;
    const key = heads[i]!;
    let at = from;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= essentialCount) break;
      let childKey = heads[essential[child]!]!;
      if (child + 1 < essentialCount) {
        const rightKey = heads[essential[child + 1]!]!;
        if (rightKey < childKey) {
          child++;
          childKey = rightKey;
        }
      }
      if (childKey >= key) break;
      essential[at] = essential[child]!;
      at = child;
    }
    essential[at] = i;
  };
  const rebuildEssential = (firstEssential: number): void => {
    essentialCount = 0;
    for (let j = firstEssential; j < n; j++) essential[essentialCount++] = order[j]!;
    for (let at = (essentialCount >> 1) - 1; at >= 0; at--) siftDown(at);
  };

  let threshold = -Infinity;
  let firstEssential = 0;
  rebuildEssential(0);
  for (;;) {
    const doc = essentialCount > 0 ? heads[essential[0]!]! : Infinity;
    if (doc === Infinity) break;
    const accepted = !accept || accept(doc);

    // Score (and move past) every essential posting of the candidate.
    let partial = 0;
    let touchedCount = 0;
    do {
      const i = essential[0]!;
      const c = cursors[i]!;
      if (accepted) {
        const s = c.weight * postingScore(c, c.pos, doc, params);
        contributions[i] = s;
        touched[touchedCount++] = i;
        partial += s;
      }
      const pos = ++c.pos;
      heads[i] = pos < c.end ? c.docs[pos]! : Infinity;
      siftDown(0);
    } while (heads[essential[0]!] === doc);
    if (!accepted) continue;

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
      heads[i] = c.pos < c.end ? c.docs[c.pos]! : Infinity;
      if (c.pos < c.end && c.docs[c.pos] === doc) {
        const s = c.weight * postingScore(c, c.pos, doc, params);
        contributions[i] = s;
        touched[touchedCount++] = i;
        partial += s;
      }
    }
    const score = competitive ? sumContributions(contributions, groupEnds) : 0;
    for (let t = 0; t < touchedCount; t++) contributions[touched[t]!] = 0;
    if (!competitive || !heap.admits(doc, score)) continue;
    heap.offer(doc, score);
    if (heap.full && heap.worstScore > threshold) {
      threshold = heap.worstScore;
      const before = firstEssential;
      while (firstEssential < n && cumulative[firstEssential]! * (1 + BOUND_SLACK) <= threshold) firstEssential++;
      if (firstEssential !== before) rebuildEssential(firstEssential);
    }
  }
  return heap.sorted();
}
