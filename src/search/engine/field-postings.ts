import { runningMeanLength } from './bm25-formula.js';

/** The arrays of one field's inverted index (what is serialised; see {@link FieldPostings}). */
export interface FieldPostingsParts {
  /** Field name ("text", "phrases"). */
  name: string;
  /**
   * The field's streams, S ≥ 1 of them: the parts of a document scored together as one BM25F
   * field ("title", "abstract"), each counted and length-normalised on its own. Default: one
   * stream, named as the field.
   */
  streams?: readonly string[];
  /** The term dictionary: term id → term. */
  terms: readonly string[];
  /** Term t's postings are entries `offsets[t] … offsets[t + 1] − 1`; `terms.length + 1` entries. */
  offsets: Uint32Array;
  /** Document ids, ascending within each term's postings: the documents holding the term in any stream. */
  docs: Uint32Array;
  /**
   * How often the term occurs in each stream of that document (saturated at
   * {@link MAX_TERM_FREQUENCY}): S entries per posting, `freqs[p · S + s]`; 0 where a stream lacks it.
   */
  freqs: Uint16Array;
  /** Per document and stream, `lengths[doc · S + s]`: the number of distinct terms (BM25's document length). */
  lengths: Float32Array;
}

/** Term counts above this are stored as this (a term said 65,535 times in one abstract is noise). */
export const MAX_TERM_FREQUENCY = 0xffff;

/**
 * One field's inverted index in compact form: a term dictionary and, per term, a run of
 * ascending document ids with their term counts (one per stream), all in a few flat typed arrays.
 */
export class FieldPostings {
  readonly name: string;
  /** The stream names (one, the field's own name, for a plain field). */
  readonly streams: readonly string[];
  readonly terms: readonly string[];
  readonly offsets: Uint32Array;
  readonly docs: Uint32Array;
  readonly freqs: Uint16Array;
  readonly lengths: Float32Array;
  /** Number of documents (lengths / streams). */
  readonly documentCount: number;
  /** Per stream, the mean of its lengths over all documents, empty ones included. */
  readonly averageLengths: readonly number[];
  private readonly ids: Map<string, number>;

  /** Wraps the arrays; throws a RangeError naming the field when they do not fit together. */
  constructor(parts: FieldPostingsParts) {
    const { name, terms, offsets, docs, freqs, lengths } = parts;
    const streams = parts.streams && parts.streams.length > 0 ? [...parts.streams] : [name];
    const s = streams.length;
    if (offsets.length !== terms.length + 1) {
      throw new RangeError(`FieldPostings "${name}": ${offsets.length} offsets for ${terms.length} terms (expected ${terms.length + 1})`);
    }
    if (docs.length * s !== freqs.length || offsets[terms.length] !== docs.length) {
      throw new RangeError(
        `FieldPostings "${name}": ${docs.length} document ids, ${freqs.length} counts (${s} per posting) and a last offset of ${offsets[terms.length]} disagree`,
      );
    }
    if (lengths.length % s !== 0) {
      throw new RangeError(`FieldPostings "${name}": ${lengths.length} lengths is not a whole number of documents of ${s} streams`);
    }
    this.name = name;
    this.streams = streams;
    this.terms = terms;
    this.offsets = offsets;
    this.docs = docs;
    this.freqs = freqs;
    this.lengths = lengths;
    this.documentCount = lengths.length / s;
    this.averageLengths = streams.map((_, i) => runningMeanLength(s === 1 ? lengths : streamColumn(lengths, s, i)));
    this.ids = new Map(terms.map((term, id) => [term, id]));
  }

  /** Mean length of the first (for a plain field, the only) stream. */
  get averageLength(): number {
    return this.averageLengths[0]!;
  }

  /** Number of distinct terms. */
  get termCount(): number {
    return this.terms.length;
  }

  /** The id of a term, or −1 when no document holds it in this field. */
  termId(term: string): number {
    return this.ids.get(term) ?? -1;
  }

  /** Number of documents holding a term (by id) in this field. */
  documentFrequency(termId: number): number {
    return this.offsets[termId + 1]! - this.offsets[termId]!;
  }

  /** The ascending ids of the documents holding a term in this field (a view, not a copy; empty when absent). */
  postings(term: string): Uint32Array {
    const id = this.termId(term);
    return id < 0 ? this.docs.subarray(0, 0) : this.docs.subarray(this.offsets[id]!, this.offsets[id + 1]!);
  }

  /** One stream's lengths, per document. */
  streamLengths(stream: number): Float32Array {
    return this.streams.length === 1 ? this.lengths : streamColumn(this.lengths, this.streams.length, stream);
  }
}

/** Column `i` of a row-major array with `stride` columns. */
function streamColumn(values: Float32Array, stride: number, i: number): Float32Array {
  const column = new Float32Array(values.length / stride);
  for (let row = 0; row < column.length; row++) column[row] = values[row * stride + i]!;
  return column;
}
