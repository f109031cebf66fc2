import { PaperbotError, ErrorCode } from '../../errors.js';
import { DEFAULT_BM25, type Bm25Params } from '../ranking-options.js';
import { bm25Idf, lengthNorms, streamScales, type StreamParams } from './bm25-formula.js';
import { scoreCandidates } from './candidate-scoring.js';
import { DocSet } from './doc-set.js';
import { scoreExhaustively } from './exhaustive-scoring.js';
import { FieldPostings } from './field-postings.js';
import { maxScoreTopK } from './max-score.js';
import { postingScore, seek, type Bm25Query, type PostingsCursor, type ResolvedQuery } from './query.js';
import { byRank, type ScoredDoc } from './top-k-heap.js';
import { decodeTypedArray, encodeTypedArray } from './typed-array-codec.js';

/** The serialised form of one field (see {@link SerializedBm25Index}); arrays are base64, little-endian. */
export interface SerializedFieldPostings {
  name: string;
  /** The BM25F streams (absent for a plain field). */
  streams?: string[];
  terms: string[];
  offsets: string;
  docs: string;
  freqs: string;
  lengths: string;
}

/** The serialised form of a {@link Bm25Index} (see {@link Bm25Index.toJSON}). */
export interface SerializedBm25Index {
  version: number;
  documentCount: number;
  fields: SerializedFieldPostings[];
}

/**
 * How an index scores: the BM25 parameters (k, d, and the b of plain fields), and for each
 * BM25F field its streams' weights and b's, in stream order.
 */
export interface Bm25IndexParams extends Bm25Params {
  /** Per BM25F field name, one {@link StreamParams} per stream. Default: weight 1 and `b` for every stream. */
  streams?: Readonly<Record<string, readonly StreamParams[]>>;
}

/** Options of {@link Bm25Index.topK}. */
export interface TopKOptions {
  /** Only documents this accepts are ranked (asked once per candidate, before scoring). Default: all. */
  accept?: (doc: number) => boolean;
  /**
   * Only documents in this set are ranked. When it holds few (at most
   * {@link DIRECT_SCORING_LIMIT}, or twice k), they are scored directly instead of walking the
   * query's postings. Default: all documents.
   */
  within?: DocSet;
}

/**
 * Up to this many documents of a {@link TopKOptions.within} set are scored one by one (galloping
 * through each clause's postings) rather than by MaxScore, whose pruning needs k documents
 * found before it bites: a rare concept among common expansion terms would otherwise walk the
 * common terms' postings whole.
 */
export const DIRECT_SCORING_LIMIT = 1000;

/**
 * A BM25 index over documents with several fields, in compact postings (a term dictionary and
 * a few typed arrays per field, see {@link FieldPostings}), answering the top k of a weighted
 * query without scoring every matching document (MaxScore, see max-score.ts).
 *
 * A document's score for a query is Σ over clauses of `weight · score(term, doc, field)`, the
 * per-term score being minisearch's BM25 (see bm25-formula.ts), summed per field in query
 * order and then over fields. Unlike minisearch's, the sum is not multiplied by the number of
 * matching terms. Ties rank by document id, ascending.
 *
 * @example
 * const builder = new Bm25IndexBuilder(['text', 'phrases']);
 * builder.add([['label', 'smooth', 'label', 'smooth', 'regular'], ['label_smooth']]);
 * const index = builder.build({ k: 1.2, b: 0.75, d: 0 });
 * index.topK([{ field: 'text', term: 'smooth', weight: 1 }, { field: 'phrases', term: 'label_smooth', weight: 0.15 }], 10);
 */
export class Bm25Index {
  /** Version of {@link SerializedBm25Index}; bumped whenever the layout changes. */
  static readonly SERIAL_VERSION = 2;

  /** Number of documents (ids 0 … documentCount − 1). */
  readonly documentCount: number;
  /** The BM25 parameters scores are computed with. */
  readonly params: Bm25IndexParams;
  private readonly fields: FieldPostings[];
  private readonly fieldIndex: Map<string, number>;
  /** Per plain field, each document's length normalisation under {@link params} (empty for BM25F fields). */
  private readonly norms: Float64Array[];
  /** Per BM25F field, each document's stream scales (empty for plain fields). */
  private readonly scales: Float64Array[];
  /** Per field, term id → its highest unweighted score in any document (computed on first use). */
  private readonly maxScores: Array<Map<number, number>>;

  /** Wraps finished fields (see {@link Bm25IndexBuilder}); throws when a field's lengths do not cover every document. */
  constructor(documentCount: number, fields: readonly FieldPostings[], params: Partial<Bm25IndexParams> = {}) {
    for (const field of fields) {
      if (field.documentCount !== documentCount) {
        throw new RangeError(`Bm25Index: field "${field.name}" has ${field.documentCount} document lengths for ${documentCount} documents`);
      }
      const streams = params.streams?.[field.name];
      if (streams && streams.length !== field.streams.length) {
        throw new PaperbotError(
          ErrorCode.InvalidOption,
          `Bm25Index: field "${field.name}" has ${field.streams.length} streams (${field.streams.join(', ')}), its parameters give ${streams.length}`,
        );
      }
    }
    this.documentCount = documentCount;
    this.params = { ...DEFAULT_BM25, ...params };
    this.fields = [...fields];
    this.fieldIndex = new Map(fields.map((field, i) => [field.name, i]));
    const empty = new Float64Array(0);
    this.norms = fields.map((field) => (field.streams.length === 1 ? lengthNorms(field.lengths, field.averageLength, this.params) : empty));
    this.scales = fields.map((field) =>
      field.streams.length === 1
        ? empty
        : streamScales(field.lengths, field.averageLengths, this.params.streams?.[field.name] ?? field.streams.map(() => ({ weight: 1, b: this.params.b }))),
    );
    this.maxScores = fields.map(() => new Map());
  }

  /** The field names, in index order. */
  get fieldNames(): string[] {
    return this.fields.map((field) => field.name);
  }

  /** One field's postings; throws naming the field when there is none of that name. */
  field(name: string): FieldPostings {
    return this.fields[this.fieldNumber(name)]!;
  }

  /** The ascending ids of the documents holding a term in a field (a view; empty when none). */
  postings(field: string, term: string): Uint32Array {
    return this.field(field).postings(term);
  }

  /** Whether a document holds the term of at least one of the query's clauses. */
  matches(doc: number, query: Bm25Query): boolean {
    for (const clause of query) {
      const docs = this.postings(clause.field, clause.term);
      const pos = seek(docs, 0, docs.length, doc);
      if (pos < docs.length && docs[pos] === doc) return true;
    }
    return false;
  }

  /** The documents holding the term of at least one clause: a union of postings, without scoring. */
  matchingDocs(query: Bm25Query): DocSet {
    const set = new DocSet(this.documentCount);
    for (const clause of query) set.addAll(this.postings(clause.field, clause.term));
    return set;
  }

  /**
   * The best `k` documents for a query, best first, exactly as {@link scoreAll} would rank
   * them: same documents, same scores. Work grows with the postings of the query's
   * high-scoring terms and with k, not with every document that holds some query term.
   */
  topK(query: Bm25Query, k: number, options: TopKOptions = {}): ScoredDoc[] {
    const limit = Math.min(Math.floor(k), this.documentCount);
    if (!(limit > 0)) return [];
    const { accept, within } = options;
    if (within) {
      const count = within.count();
      if (count <= Math.max(DIRECT_SCORING_LIMIT, 2 * limit)) {
        const docs = within.toArray().filter((doc) => !accept || accept(doc));
        const { scores, matched } = scoreCandidates(this.resolve(query, false), docs, this.params);
        const ranked: ScoredDoc[] = [];
        docs.forEach((doc, i) => matched[i] && ranked.push({ doc, score: scores[i]! }));
        return ranked.sort(byRank).slice(0, limit);
      }
    }
    const admit = within ? (accept ? (doc: number) => within.has(doc) && accept(doc) : (doc: number) => within.has(doc)) : accept;
    return maxScoreTopK(this.resolve(query, true), limit, this.params, admit);
  }

  /** The most any document could score for a query: the sum of its clauses' weighted per-term bounds. */
  scoreBound(query: Bm25Query): number {
    return this.resolve(query, true).cursors.reduce((sum, cursor) => sum + cursor.upperBound, 0);
  }

  /** Every document holding some clause's term, scored and sorted best first (exhaustive; the reference for {@link topK}). */
  scoreAll(query: Bm25Query): ScoredDoc[] {
    return scoreExhaustively(this.resolve(query, false), this.documentCount, this.params);
  }

  /**
   * The scores of the given documents (ids ascending, no repeats) for a query, aligned with
   * them: 0 for one holding no query term. Cost grows with the candidates, not the corpus.
   */
  scoreDocs(query: Bm25Query, docs: ArrayLike<number>): Float64Array {
    for (let i = 1; i < docs.length; i++) {
      if (!(docs[i]! > docs[i - 1]!)) throw new RangeError(`Bm25Index.scoreDocs: document ids must ascend, got ${docs[i - 1]} then ${docs[i]}`);
    }
    return scoreCandidates(this.resolve(query, false), docs, this.params).scores;
  }

  /** A plain object for JSON.stringify (the BM25 parameters are not part of it); read back with {@link loadJSON}. */
  toJSON(): SerializedBm25Index {
    return {
      version: Bm25Index.SERIAL_VERSION,
      documentCount: this.documentCount,
      fields: this.fields.map((field) => ({
        name: field.name,
        ...(field.streams.length > 1 ? { streams: [...field.streams] } : {}),
        terms: [...field.terms],
        offsets: encodeTypedArray(field.offsets),
        docs: encodeTypedArray(field.docs),
        freqs: encodeTypedArray(field.freqs),
        lengths: encodeTypedArray(field.lengths),
      })),
    };
  }

  /** Restores an index saved with {@link toJSON}; throws on another version. */
  static loadJSON(json: SerializedBm25Index, params: Partial<Bm25IndexParams> = {}): Bm25Index {
    if (json.version !== Bm25Index.SERIAL_VERSION) {
      throw new PaperbotError(
        ErrorCode.IndexVersionMismatch,
        `Bm25Index: serialised index has version ${json.version}, this build reads version ${Bm25Index.SERIAL_VERSION}`,
      );
    }
    const fields = json.fields.map((field) => {
      const what = `Bm25Index field "${field.name}"`;
      return new FieldPostings({
        name: field.name,
        ...(field.streams ? { streams: field.streams } : {}),
        terms: field.terms,
        offsets: decodeTypedArray(Uint32Array, field.offsets, `${what} offsets`),
        docs: decodeTypedArray(Uint32Array, field.docs, `${what} docs`),
        freqs: decodeTypedArray(Uint16Array, field.freqs, `${what} freqs`),
        lengths: decodeTypedArray(Float32Array, field.lengths, `${what} lengths`),
      });
    });
    return new Bm25Index(json.documentCount, fields, params);
  }

  private fieldNumber(name: string): number {
    const i = this.fieldIndex.get(name);
    if (i === undefined) {
      throw new PaperbotError(ErrorCode.InvalidOption, `Bm25Index: no field "${name}" (fields: ${this.fieldNames.join(', ')})`);
    }
    return i;
  }

  /** The query's clauses that match something, as cursors in summation order (by field, then as given). */
  private resolve(query: Bm25Query, withBounds: boolean): ResolvedQuery {
    const byField: PostingsCursor[][] = this.fields.map(() => []);
    for (const clause of query) {
      if (!Number.isFinite(clause.weight) || clause.weight < 0) {
        throw new PaperbotError(ErrorCode.InvalidOption, `Bm25Index: weight of "${clause.term}" in field "${clause.field}" must be a finite number ≥ 0, got ${clause.weight}`);
      }
      const f = this.fieldNumber(clause.field);
      const field = this.fields[f]!;
      const id = field.termId(clause.term);
      if (id < 0) continue;
      const start = field.offsets[id]!;
      const end = field.offsets[id + 1]!;
      const idf = bm25Idf(end - start, this.documentCount);
      const cursor: PostingsCursor = {
        field: f,
        docs: field.docs,
        freqs: field.freqs,
        stride: field.streams.length,
        norms: this.norms[f]!,
        scales: this.scales[f]!,
        pos: start,
        start,
        end,
        idf,
        weight: clause.weight,
        upperBound: 0,
      };
      if (withBounds) cursor.upperBound = clause.weight * this.maxScore(cursor, id);
      byField[f]!.push(cursor);
    }
    const cursors: PostingsCursor[] = [];
    const groupEnds: number[] = [];
    for (const group of byField) {
      if (group.length === 0) continue;
      cursors.push(...group);
      groupEnds.push(cursors.length);
    }
    return { cursors, groupEnds };
  }

  /**
   * A term's highest unweighted score over its postings (cached per term), by the scorers' own
   * formula, so no posting ever scores above it. With BM25F the saturation comes after the
   * streams' sum, so the bound is taken over each posting's whole sum, not per stream.
   */
  private maxScore(cursor: PostingsCursor, termId: number): number {
    const cache = this.maxScores[cursor.field]!;
    let max = cache.get(termId);
    if (max === undefined) {
      max = 0;
      for (let p = cursor.start; p < cursor.end; p++) {
        const score = postingScore(cursor, p, cursor.docs[p]!, this.params);
        if (score > max) max = score;
      }
      cache.set(termId, max);
    }
    return max;
  }
}
