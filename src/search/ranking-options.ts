/** BM25 parameters (minisearch's BM25+ form; `d` = 0 is classic Okapi BM25). */
export interface Bm25Params {
  /** Term-frequency saturation. Default {@link DEFAULT_BM25}.k = 1.2. */
  k: number;
  /**
   * Length normalisation of the plain fields (the phrase field, and the one-field layout's text);
   * title and abstract have their own, {@link RankingOptions.fieldB}. Default {@link DEFAULT_BM25}.b = 0.75.
   */
  b: number;
  /** BM25+ lower bound for a matching term. Default {@link DEFAULT_BM25}.d = 0. */
  d: number;
}

/** Pseudo-relevance feedback (RM3-style query expansion from the top results). */
export interface FeedbackOptions {
  /** How many top results of the first pass feed the expansion. Default 10. */
  docs: number;
  /** How many expansion terms are added. Default 20. */
  terms: number;
  /** Weight of the original query against the expansion terms, 0…1. Default 0.5. */
  originalWeight: number;
  /**
   * Feedback only when the first pass is confident: its best paper's score is at least this
   * share of the most any paper could score (the sum of the query's per-term bounds); otherwise
   * the first pass is the ranking. 0: always. Default 0.2 (flat from 0.15 to 0.25 on the three
   * collections; from 0.3 Cranfield loses its feedback gain).
   */
  minConfidence?: number;
  /**
   * Questions longer than this many distinct terms get a smaller expansion share:
   * `1 − originalWeight` times `fullBelowTerms / terms`. 0: the same share at every length. Default 0.
   */
  fullBelowTerms?: number;
}

/** Length normalisation of title and abstract as two BM25F streams (see {@link RankingOptions.fieldB}). */
export interface FieldB {
  /** The title's b. Default {@link DEFAULT_FIELD_B}.title = 0.75. */
  title: number;
  /** The abstract's b. Default {@link DEFAULT_FIELD_B}.abstract = 0.6. */
  abstract: number;
}

/** How {@link PaperIndex} ranks papers. Every field has a default (see the constants below). */
export interface RankingOptions {
  /** BM25 parameters, shared by all fields. Default {@link DEFAULT_BM25}. */
  bm25: Bm25Params;
  /**
   * How many times a title term counts against one abstract occurrence (BM25F field weight).
   * With {@link fieldB} false it must be a whole number (the title is indexed that many times).
   * Default 2.
   */
  titleWeight: number;
  /**
   * Title and abstract as two BM25F streams of one field, each length-normalised with its own b,
   * their weighted counts summed before saturation; or false for one field holding the title
   * {@link titleWeight} times and the abstract (one length normalisation, with `bm25.b`: the
   * layout before issue #10, which ranks as the minisearch-based index did). Default
   * {@link DEFAULT_FIELD_B} (title 0.75, abstract 0.6).
   */
  fieldB: FieldB | false;
  /** Weight of term pairs ("classifier free", "diffus sampl") matched as wholes. Default 0.15. */
  phraseWeight: number;
  /**
   * Proximity of the pairs: 1 indexes adjacent terms in order (a bigram); w > 1 indexes every
   * pair of terms at most w positions apart, in either order (sequential dependence's unordered
   * window), and a question's adjacent pairs are matched against them. Default 1.
   */
  pairWindow: number;
  /**
   * Query-term weighting for long questions: with more than {@link longQuestionTerms} distinct
   * terms, each term's weight is multiplied by (its idf / the question's mean idf) to this power,
   * so the chat's common words weigh less than its rare ones. 0: off. Default 0.
   */
  idfPower: number;
  /** Questions with more distinct terms than this get {@link idfPower}. Default 8. */
  longQuestionTerms: number;
  /** Query expansion from the top results, or false to rank on the question's terms only. Default {@link DEFAULT_FEEDBACK}. */
  feedback: FeedbackOptions | false;
}

/** Okapi BM25 with the textbook parameters; BM25+'s `d` measured worse on both benchmarks. */
export const DEFAULT_BM25: Readonly<Bm25Params> = Object.freeze({ k: 1.2, b: 0.75, d: 0 });

/** RM3 with 10 documents and 20 terms, mixed half and half with the question, when the first pass is confident (≥ 0.2). */
export const DEFAULT_FEEDBACK: Readonly<FeedbackOptions> = Object.freeze({ docs: 10, terms: 20, originalWeight: 0.5, minConfidence: 0.2, fullBelowTerms: 0 });

/** Title b 0.75 (the textbook value), abstract b 0.6 (see docs/dev/retrieval-quality.md). */
export const DEFAULT_FIELD_B: Readonly<FieldB> = Object.freeze({ title: 0.75, abstract: 0.6 });

/**
 * The ranking defaults, chosen on Cranfield, CACM and seeds-dev at once (the setting whose worst
 * collection, relative to its best BM25 peer, is best; docs/dev/retrieval-quality.md).
 */
export const DEFAULT_RANKING: Readonly<RankingOptions> = Object.freeze({
  bm25: DEFAULT_BM25,
  titleWeight: 2,
  fieldB: DEFAULT_FIELD_B,
  phraseWeight: 0.15,
  pairWindow: 1,
  idfPower: 0,
  longQuestionTerms: 8,
  feedback: DEFAULT_FEEDBACK,
});

/** Fills in the defaults of partial ranking options. */
export function resolveRankingOptions(options: Partial<RankingOptions> = {}): RankingOptions {
  const fieldB = options.fieldB === false ? false : { ...DEFAULT_FIELD_B, ...options.fieldB };
  const titleWeight = Math.max(0, options.titleWeight ?? DEFAULT_RANKING.titleWeight);
  return {
    bm25: { ...DEFAULT_BM25, ...options.bm25 },
    titleWeight: fieldB ? titleWeight : Math.round(titleWeight),
    fieldB,
    phraseWeight: options.phraseWeight ?? DEFAULT_RANKING.phraseWeight,
    pairWindow: Math.max(1, Math.round(options.pairWindow ?? DEFAULT_RANKING.pairWindow)),
    idfPower: Math.max(0, options.idfPower ?? DEFAULT_RANKING.idfPower),
    longQuestionTerms: Math.max(0, options.longQuestionTerms ?? DEFAULT_RANKING.longQuestionTerms),
    feedback: options.feedback === false ? false : { ...DEFAULT_FEEDBACK, ...options.feedback },
  };
}
