import { PaperbotError, ErrorCode } from '../../errors.js';
import { Bm25Index, type Bm25IndexParams } from './bm25-index.js';
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

/** One field's postings as they are collected: (term id, counts per stream) rows, document after document. */
class FieldCollector {
  readonly ids = new Map<string, number>();
  readonly terms: string[] = [];
  readonly pairTerms = new GrowableArray((n) => new Uint32Array(n));
  /** S counts per pair. */
  readonly pairFreqs = new GrowableArray((n) => new Uint16Array(n));
  /** Per document, the end of its pairs. */
  readonly docEnds: number[] = [];
  /** S lengths per document. */
  readonly lengths: number[] = [];

  constructor(
    readonly name: string,
    readonly streams: readonly string[],
  ) {}

  /** One document: one term list per stream. */
  add(streamTerms: ReadonlyArray<readonly string[]>): void {
    const s = this.streams.length;
    const counts = new Map<string, number[]>();
    streamTerms.forEach((terms, stream) => {
      let distinct = 0;
      for (const term of terms) {
        let row = counts.get(term);
        if (!row) counts.set(term, (row = new Array<number>(s).fill(0)));
        if (row[stream]! === 0) distinct++;
        row[stream]!++;
      }
      this.lengths.push(distinct);
    });
    for (const [term, row] of counts) {
      let id = this.ids.get(term);
      if (id === undefined) {
        id = this.terms.length;
        this.ids.set(term, id);
        this.terms.push(term);
      }
      this.pairTerms.push(id);
      for (const count of row) this.pairFreqs.push(Math.min(count, MAX_TERM_FREQUENCY));
    }
    this.docEnds.push(this.pairTerms.length);
  }

  /** Turns the document-major pairs term-major (a counting sort); documents stay ascending. */
  finish(): FieldPostings {
    const s = this.streams.length;
    const termCount = this.terms.length;
    const offsets = new Uint32Array(termCount + 1);
    const pairs = this.pairTerms.length;
    for (let i = 0; i < pairs; i++) offsets[this.pairTerms.get(i) + 1]!++;
    for (let t = 0; t < termCount; t++) offsets[t + 1]! += offsets[t]!;
    const next = offsets.slice(0, termCount);
    const docs = new Uint32Array(pairs);
    const freqs = new Uint16Array(pairs * s);
    let start = 0;
    this.docEnds.forEach((end, doc) => {
      for (let i = start; i < end; i++) {
        const at = next[this.pairTerms.get(i)]!++;
        docs[at] = doc;
        for (let j = 0; j < s; j++) freqs[at * s + j] = this.pairFreqs.get(i * s + j);
      }
      start = end;
    });
    return new FieldPostings({ name: this.name, streams: this.streams, terms: this.terms, offsets, docs, freqs, lengths: Float32Array.from(this.lengths) });
  }
}

/** A field of a {@link Bm25IndexBuilder}: a plain field's name, or a BM25F field with its streams. */
export type FieldSpec = string | { name: string; streams: readonly string[] };

/**
 * Collects documents for a {@link Bm25Index}: each document is given as its fields' terms,
 * already analysed (the index never tokenises). Documents are numbered 0, 1, … in the order added.
 * A BM25F field (one with streams, e.g. title and abstract) takes one term list per stream.
 *
 * @example
 * const builder = new Bm25IndexBuilder(['text', 'phrases']);
 * builder.add([['diffus', 'sampl', 'fast'], ['diffus_sampl']]);
 * const index = builder.build();
 */
export class Bm25IndexBuilder {
  private readonly fields: FieldCollector[];
  /** Per field, whether it is plain (one term list) rather than BM25F (one per stream). */
  private readonly plain: boolean[];
  private count = 0;

  /** @param fields the fields, in the order each document gives its terms. */
  constructor(fields: readonly FieldSpec[]) {
    const names = fields.map((field) => (typeof field === 'string' ? field : field.name));
    if (new Set(names).size !== names.length) {
      throw new PaperbotError(ErrorCode.InvalidOption, `Bm25IndexBuilder: duplicate field name in [${names.join(', ')}]`);
    }
    this.fields = fields.map((field) => (typeof field === 'string' ? new FieldCollector(field, [field]) : new FieldCollector(field.name, field.streams)));
    this.plain = fields.map((field) => typeof field === 'string');
  }

  /**
   * Adds a document: per field, its terms (a plain field) or one term list per stream (a BM25F
   * field); returns its id.
   */
  add(fieldTerms: ReadonlyArray<readonly string[] | ReadonlyArray<readonly string[]>>): number {
    if (fieldTerms.length !== this.fields.length) {
      throw new PaperbotError(
        ErrorCode.InvalidOption,
        `Bm25IndexBuilder: document ${this.count} has ${fieldTerms.length} fields, the index has ${this.fields.length} (${this.fields.map((f) => f.name).join(', ')})`,
      );
    }
    this.fields.forEach((field, i) => {
      const terms = fieldTerms[i]!;
      if (this.plain[i]) field.add([terms as readonly string[]]);
      else {
        if (terms.length !== field.streams.length || !terms.every((part) => Array.isArray(part))) {
          throw new PaperbotError(
            ErrorCode.InvalidOption,
            `Bm25IndexBuilder: document ${this.count}, field "${field.name}" needs ${field.streams.length} term lists (${field.streams.join(', ')})`,
          );
        }
        field.add(terms as ReadonlyArray<readonly string[]>);
      }
    });
    return this.count++;
  }

  /** Number of documents added. */
  get size(): number {
    return this.count;
  }

  /** The finished index; the builder should not be used afterwards. */
  build(params?: Partial<Bm25IndexParams>): Bm25Index {
    return new Bm25Index(
      this.count,
      this.fields.map((field) => field.finish()),
      params,
    );
  }
}
