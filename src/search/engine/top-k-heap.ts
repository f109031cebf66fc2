/** A document and its score. */
export interface ScoredDoc {
  doc: number;
  score: number;
}

/**
 * Whether `a` ranks below `b`: a lower score, or the same score and a higher document id
 * (ties are broken by document id, ascending, everywhere in the engine).
 */
export function ranksBelow(scoreA: number, docA: number, scoreB: number, docB: number): boolean {
  return scoreA < scoreB || (scoreA === scoreB && docA > docB);
}

/** Sorts best first: score descending, then document id ascending. */
export function byRank(a: ScoredDoc, b: ScoredDoc): number {
  return b.score - a.score || a.doc - b.doc;
}

/**
 * The best `k` documents seen so far: a binary min-heap whose root is the worst kept
 * document, in two parallel typed arrays (no object per document).
 */
export class TopKHeap {
  /** How many documents are kept. */
  readonly k: number;
  private readonly docs: Int32Array;
  private readonly scores: Float64Array;
  private length = 0;

  constructor(k: number) {
    this.k = k;
    // A heap never holds more than k documents; k may be larger than the corpus (a full ranking).
    this.docs = new Int32Array(Math.max(0, k));
    this.scores = new Float64Array(Math.max(0, k));
  }

  /** Number of documents held. */
  get size(): number {
    return this.length;
  }

  /** Whether k documents are held, so that a newcomer must beat {@link worstScore}. */
  get full(): boolean {
    return this.length >= this.k;
  }

  /** Score of the worst kept document (−∞ while the heap is not full). */
  get worstScore(): number {
    return this.length >= this.k && this.k > 0 ? this.scores[0]! : -Infinity;
  }

  /** Whether a document would enter: the heap is not full, or it ranks above the worst kept. */
  admits(doc: number, score: number): boolean {
    if (this.k <= 0) return false;
    if (this.length < this.k) return true;
    return ranksBelow(this.scores[0]!, this.docs[0]!, score, doc);
  }

  /** Offers a document; keeps it if it is among the best k so far. */
  offer(doc: number, score: number): void {
    if (!this.admits(doc, score)) return;
    if (this.length < this.k) {
      let i = this.length++;
      // Sift up.
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!ranksBelow(score, doc, this.scores[parent]!, this.docs[parent]!)) break;
        this.docs[i] = this.docs[parent]!;
        this.scores[i] = this.scores[parent]!;
        i = parent;
      }
      this.docs[i] = doc;
      this.scores[i] = score;
      return;
    }
    // Replace the root and sift down.
    let i = 0;
    const n = this.length;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      let child = left;
      if (right < n && ranksBelow(this.scores[right]!, this.docs[right]!, this.scores[left]!, this.docs[left]!)) child = right;
      if (!ranksBelow(this.scores[child]!, this.docs[child]!, score, doc)) break;
      this.docs[i] = this.docs[child]!;
      this.scores[i] = this.scores[child]!;
      i = child;
    }
    this.docs[i] = doc;
    this.scores[i] = score;
  }

  /** The kept documents, best first. */
  sorted(): ScoredDoc[] {
    const result: ScoredDoc[] = [];
    for (let i = 0; i < this.length; i++) result.push({ doc: this.docs[i]!, score: this.scores[i]! });
    return result.sort(byRank);
  }
}
