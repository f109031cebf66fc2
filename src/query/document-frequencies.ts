/**
 * How many documents hold each key (a term, a word, a phrase), counted document by document.
 * Each key gets an id and its count lives in a typed array, so counting a key the corpus has
 * seen is one hash look-up, not a get and a set (indexing 100k papers counts some 20 million
 * distinct keys per document).
 */
export class DocumentFrequencies {
  private readonly ids = new Map<string, number>();
  private counts = new Uint32Array(1024);

  /** Counts one document holding these keys (each key once: pass a document's distinct keys). */
  addDocument(keys: Iterable<string>): void {
    for (const key of keys) {
      let id = this.ids.get(key);
      if (id === undefined) {
        id = this.ids.size;
        this.ids.set(key, id);
        if (id === this.counts.length) this.grow();
      }
      this.counts[id]!++;
    }
  }

  /** Sets a key's count outright (restoring a saved vocabulary). */
  set(key: string, count: number): void {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(key, id);
      if (id === this.counts.length) this.grow();
    }
    this.counts[id] = count;
  }

  /** Documents holding `key`; 0 when none does. */
  get(key: string): number {
    const id = this.ids.get(key);
    return id === undefined ? 0 : this.counts[id]!;
  }

  /** Number of distinct keys. */
  get size(): number {
    return this.ids.size;
  }

  /** Every key with its count, in first-seen order. */
  *entries(): IterableIterator<[string, number]> {
    for (const [key, id] of this.ids) yield [key, this.counts[id]!];
  }

  private grow(): void {
    const counts = new Uint32Array(this.counts.length * 2);
    counts.set(this.counts);
    this.counts = counts;
  }
}
