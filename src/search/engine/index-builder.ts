import { PaperbotError, ErrorCode } from '../../errors.js';
import type { Bm25Params } from '../ranking-options.js';
import { Bm25Index } from './bm25-index.js';
import { FieldPostings, MAX_TERM_FREQUENCY } from './field-postings.js';

/** A typed array that doubles as it fills (postings are collected document by document). */
class GrowableArray<T extends Uint32Array | Uint16Array> {
  private data: T;
  length = 0;

  constructor(private readonly make: (length: number) => T) {
    this.data = make(1024);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  get(i: number): number {
    return this.data[i]!;
  }
}

/** One field's postings as they are collected: (term id, count) pairs, document after document. */
class FieldCollector {
  readonly ids = new Map<string, number>();
  readonly terms: string[] = [];
  readonly pairTerms = new GrowableArray((n) => new Uint32Array(n));
  readonly pairFreqs = new GrowableArray((n) => new Uint16Array(n));
  /** Per document, the end of its pairs. */
  readonly docEnds: number[] = [];
  readonly lengths: number[] = [];

  constructor(readonly name: string) {}

  add(terms: readonly string[]): void {
    const counts = new Map<string, number>();
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
    for (const [term, count] of counts) {
      let id = this.ids.get(term);
      if (id === undefined) {
        id = this.terms.length;
        this.ids.set(term, id);
        this.terms.push(term);
      }
      this.pairTerms.push(id);
      this.pairFreqs.push(Math.min(count, MAX_TERM_FREQUENCY));
    }
    this.docEnds.push(this.pairTerms.length);
    this.lengths.push(counts.size);
  }

  /** Turns the document-major pairs term-major (a counting sort); documents stay ascending. */
  finish(): FieldPostings {
    const termCount = this.terms.length;
    const offsets = new Uint32Array(termCount + 1);
    const pairs = this.pairTerms.length;
    for (let i = 0; i < pairs; i++) offsets[this.pairTerms.get(i) + 1]!++;
    for (let t = 0; t < termCount; t++) offsets[t + 1]! += offsets[t]!;
    const next = offsets.slice(0, termCount);
    const docs = new Uint32Array(pairs);
    const freqs = new Uint16Array(pairs);
    let start = 0;
    this.docEnds.forEach((end, doc) => {
      for (let i = start; i < end; i++) {
        const at = next[this.pairTerms.get(i)]!++;
        docs[at] = doc;
        freqs[at] = this.pairFreqs.get(i);
      }
      start = end;
    });
    return new FieldPostings({ name: this.name, terms: this.terms, offsets, docs, freqs, lengths: Float32Array.from(this.lengths) });
  }
}

/**
 * Collects documents for a {@link Bm25Index}: each document is given as its fields' terms,
 * already analysed (the index never tokenises). Documents are numbered 0, 1, … in the order added.
 *
 * @example
 * const builder = new Bm25IndexBuilder(['text', 'phrases']);
 * builder.add([['diffus', 'sampl', 'fast'], ['diffus_sampl']]);
 * const index = builder.build();
 */
export class Bm25IndexBuilder {
  private readonly fields: FieldCollector[];
  private count = 0;

  /** @param fields the field names, in the order each document gives its terms. */
  constructor(fields: readonly string[]) {
    if (new Set(fields).size !== fields.length) {
      throw new PaperbotError(ErrorCode.InvalidOption, `Bm25IndexBuilder: duplicate field name in [${fields.join(', ')}]`);
    }
    this.fields = fields.map((name) => new FieldCollector(name));
  }

  /** Adds a document (one term list per field); returns its id. */
  add(fieldTerms: ReadonlyArray<readonly string[]>): number {
    if (fieldTerms.length !== this.fields.length) {
      throw new PaperbotError(
        ErrorCode.InvalidOption,
        `Bm25IndexBuilder: document ${this.count} has ${fieldTerms.length} fields, the index has ${this.fields.length} (${this.fields.map((f) => f.name).join(', ')})`,
      );
    }
    this.fields.forEach((field, i) => field.add(fieldTerms[i]!));
    return this.count++;
  }

  /** Number of documents added. */
  get size(): number {
    return this.count;
  }

  /** The finished index; the builder should not be used afterwards. */
  build(params?: Partial<Bm25Params>): Bm25Index {
    return new Bm25Index(
      this.count,
      this.fields.map((field) => field.finish()),
      params,
    );
  }
}
