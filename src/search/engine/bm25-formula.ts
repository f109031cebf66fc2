import type { Bm25Params } from '../ranking-options.js';

/**
 * The BM25 formula, exactly as minisearch 7 computes it (so that rankings did not change when
 * the engine replaced minisearch's):
 *
 *     score(t, D, f) = idf(t, f) · (d + tf · (k + 1) / (tf + k · (1 − b + b · len(D, f) / avglen(f))))
 *     idf(t, f)      = ln(1 + (N − df(t, f) + 0.5) / (df(t, f) + 0.5))
 *
 * where tf is the term's count in field f of document D, len(D, f) the number of DISTINCT terms
 * in that field (minisearch's field length), avglen(f) its mean over all N documents (empty
 * fields included), and df(t, f) the number of documents holding t in f. `d` > 0 is BM25+.
 * The operations are written in minisearch's order, so results agree to the last bit.
 *
 * A BM25F field (one with several streams, e.g. title and abstract; Robertson, Zaragoza &
 * Taylor 2004) sums each stream's count, weighted and length-normalised on its own, BEFORE the
 * saturation, so a term is rewarded once however many streams hold it:
 *
 *     tf~(t, D)      = Σ over streams s of  w_s · tf(t, D, s) / (1 − b_s + b_s · len(D, s) / avglen(s))
 *     score(t, D, f) = idf(t, f) · (d + tf~ · (k + 1) / (tf~ + k))
 *
 * with df(t, f) the documents holding t in any stream.
 */

/** BM25 inverse document frequency of a term held by `documentFrequency` of `documentCount` documents. */
export function bm25Idf(documentFrequency: number, documentCount: number): number {
  return Math.log(1 + (documentCount - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

/**
 * Each document's length normalisation `k · (1 − b + b · len / avglen)` for one field, computed
 * once per index (it depends only on the document and the BM25 parameters).
 */
export function lengthNorms(lengths: Float32Array, averageLength: number, params: Bm25Params): Float64Array {
  const { k, b } = params;
  const norms = new Float64Array(lengths.length);
  for (let i = 0; i < lengths.length; i++) norms[i] = k * (1 - b + b * lengths[i]! / averageLength);
  return norms;
}

/** One term's score in one field of one document, given its idf, count and the document's norm. */
export function bm25TermScore(idf: number, termFrequency: number, norm: number, params: Bm25Params): number {
  return idf * (params.d + (termFrequency * (params.k + 1)) / (termFrequency + norm));
}

/**
 * The mean field length as minisearch keeps it: updated document by document,
 * `avg ← (avg · i + len) / (i + 1)`, so the last bits agree with the previous engine's.
 */
export function runningMeanLength(lengths: Float32Array): number {
  let average = 0;
  for (let i = 0; i < lengths.length; i++) average = (average * i + lengths[i]!) / (i + 1);
  return average;
}

/** A BM25F stream's weight and length normalisation. */
export interface StreamParams {
  /** How much one occurrence in this stream counts (the title's 2 against the abstract's 1). */
  weight: number;
  /** Length normalisation of this stream, 0…1. */
  b: number;
}

/**
 * Each document's per-stream scale `w_s / (1 − b_s + b_s · len(D, s) / avglen(s))`, row-major
 * (`scales[doc · S + s]`): a BM25F field's pseudo-frequency is Σ_s tf_s · scale_s.
 */
export function streamScales(lengths: Float32Array, averageLengths: readonly number[], streams: readonly StreamParams[]): Float64Array {
  const s = streams.length;
  const scales = new Float64Array(lengths.length);
  for (let i = 0; i < lengths.length; i++) {
    const { weight, b } = streams[i % s]!;
    const average = averageLengths[i % s]!;
    // An empty stream in every document (average 0) holds no term: its scale never multiplies a count.
    scales[i] = average > 0 ? weight / (1 - b + (b * lengths[i]!) / average) : 0;
  }
  return scales;
}
