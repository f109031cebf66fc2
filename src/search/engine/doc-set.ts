/**
 * A set of document ids `0 … size-1` as a bitmap: what a query's papers hold (concepts, any
 * query term) is computed as unions and intersections of postings, then counted, without scoring.
 */
export class DocSet {
  /** Number of documents the set ranges over. */
  readonly size: number;
  private readonly words: Uint32Array;

  /** An empty set over `size` documents. */
  constructor(size: number) {
    this.size = size;
    this.words = new Uint32Array((size + 31) >>> 5);
  }

  /** Adds one document. */
  add(doc: number): void {
    this.words[doc >>> 5]! |= 1 << (doc & 31);
  }

  /** Adds every document of an ascending (or any) list of ids, e.g. a term's postings. */
  addAll(docs: ArrayLike<number>): void {
    const words = this.words;
    for (let i = 0; i < docs.length; i++) {
      const doc = docs[i]!;
      words[doc >>> 5]! |= 1 << (doc & 31);
    }
  }

  /** Whether the set holds a document. */
  has(doc: number): boolean {
    return (this.words[doc >>> 5]! & (1 << (doc & 31))) !== 0;
  }

  /** Number of documents in the set (a population count over the words). */
  count(): number {
    let total = 0;
    for (const word of this.words) {
      let v = word - ((word >>> 1) & 0x55555555);
      v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
      total += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
    }
    return total;
  }

  /** The documents in ascending order. */
  toArray(): number[] {
    const docs: number[] = [];
    for (let w = 0; w < this.words.length; w++) {
      let word = this.words[w]!;
      while (word !== 0) {
        const bit = 31 - Math.clz32(word & -word);
        docs.push((w << 5) + bit);
        word &= word - 1;
      }
    }
    return docs;
  }
}
