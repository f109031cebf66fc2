import { runningMeanLength } from './bm25-formula.js';

/** The arrays of one field's inverted index (what is serialised; see {@link FieldPostings}). */
export interface FieldPostingsParts {
  /** Field name ("text", "phrases"). */
  name: string;
  /** The term dictionary: term id → term. */
  terms: readonly string[];
  /** Term t's postings are entries `offsets[t] … offsets[t + 1] − 1`; `terms.length + 1` entries. */
  offsets: Uint32Array;
  /** Document ids, ascending within each term's postings. */
  docs: Uint32Array;
  /** How often the term occurs in that document's field (saturated at {@link MAX_TERM_FREQUENCY}). */
  freqs: Uint16Array;
  /** Per document: the number of distinct terms in this field (BM25's document length). */
  lengths: Float32Array;
}

/** Term counts above this are stored as this (a term said 65,535 times in one abstract is noise). */
export const MAX_TERM_FREQUENCY = 0xffff;

/**
 * One field's inverted index in compact form: a term dictionary and, per term, a run of
 * ascending document ids with their term counts, all in a few flat typed arrays.
 */
export class FieldPostings implements FieldPostingsParts {
  readonly name: string;
  readonly terms: readonly string[];
  readonly offsets: Uint32Array;
  readonly docs: Uint32Array;
  readonly freqs: Uint16Array;
  readonly lengths: Float32Array;
  /** Mean of {@link lengths} over all documents, empty fields included. */
  readonly averageLength: number;
  private readonly ids: Map<string, number>;

  /** Wraps the arrays; throws a RangeError naming the field when they do not fit together. */
  constructor(parts: FieldPostingsParts) {
    const { name, terms, offsets, docs, freqs, lengths } = parts;
    if (offsets.length !== terms.length + 1) {
      throw new RangeError(`FieldPostings "${name}": ${offsets.length} offsets for ${terms.length} terms (expected ${terms.length + 1})`);
    }
    if (docs.length !== freqs.length || offsets[terms.length] !== docs.length) {
      throw new RangeError(`FieldPostings "${name}": ${docs.length} document ids, ${freqs.length} counts and a last offset of ${offsets[terms.length]} disagree`);
    }
    this.name = name;
    this.terms = terms;
    this.offsets = offsets;
    this.docs = docs;
    this.freqs = freqs;
    this.lengths = lengths;
    this.averageLength = runningMeanLength(lengths);
    this.ids = new Map(terms.map((term, id) => [term, id]));
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
}
