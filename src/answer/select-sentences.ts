import { analyze, phraseTerms } from '../nlp/analyzer.js';

/** A sentence that may go into an answer, scored against the question. */
export interface CandidateSentence {
  text: string;
  /** Ids of the papers whose abstract contains this exact sentence (best-ranked first). */
  paperIds: string[];
  /** Relevance to the question, 0…~1.3. */
  score: number;
  /** Analyzed terms, for telling near-repeats apart. */
  terms: ReadonlySet<string>;
  /** Index of the sentence in its (first) paper's abstract, to quote in reading order. */
  position: number;
}

/** What a sentence is scored against. */
export interface SentenceQuery {
  /** Question terms with their weights (idf). */
  weights: ReadonlyMap<string, number>;
  /** Question phrases (adjacent term pairs). */
  phrases: ReadonlySet<string>;
}

/** Sentences shorter than this are headings or fragments ("Code is available."), not answers. */
const MIN_SENTENCE_CHARS = 40;
/** A sentence must carry this share of the question's weight to be quoted at all. */
export const MIN_SENTENCE_COVERAGE = 0.3;
/** Two sentences sharing this share of their terms say the same thing; only the first is kept. */
const NEAR_REPEAT_OVERLAP = 0.6;
/** Sentences stating the paper's contribution answer questions better than background ones. */
const CONTRIBUTION = /\b(we|our|this (paper|work|study))\b/i;

/**
 * Scores a sentence: the idf-weighted share of the question's terms it contains, a bonus for
 * each question phrase it contains, a small bonus for contribution sentences, and a prior for
 * the rank of its paper.
 */
export function scoreSentence(text: string, query: SentenceQuery, paperRank: number): { score: number; terms: Set<string> } {
  const tokens = analyze(text);
  const terms = new Set(tokens.map((t) => t.term));
  let total = 0;
  let found = 0;
  for (const [term, weight] of query.weights) {
    total += weight;
    if (terms.has(term)) found += weight;
  }
  if (total === 0 || found === 0) return { score: 0, terms };
  let score = found / total;
  if (query.phrases.size > 0) {
    const phrases = phraseTerms(tokens).filter((p) => query.phrases.has(p));
    score += 0.15 * (new Set(phrases).size / query.phrases.size);
  }
  if (CONTRIBUTION.test(text)) score *= 1.1;
  // Papers ranked lower lend their sentences a little less trust.
  score *= 1 / (1 + 0.1 * paperRank);
  return { score, terms };
}

/** Whether a sentence is worth quoting at all (not a fragment). */
export function isQuotable(text: string): boolean {
  return text.length >= MIN_SENTENCE_CHARS;
}

/** Share of the smaller term set found in the other (overlap coefficient). */
export function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const term of a) if (b.has(term)) shared++;
  return shared / Math.min(a.size, b.size);
}

/** Whether `candidate` repeats one of the already chosen sentences. */
export function repeats(candidate: CandidateSentence, chosen: readonly CandidateSentence[]): boolean {
  return chosen.some((c) => c.text === candidate.text || overlap(c.terms, candidate.terms) >= NEAR_REPEAT_OVERLAP);
}
