import { analyze, phraseTerms, type AnalyzedToken } from '../nlp/analyzer.js';
import type { QueryConcept, QueryIntent } from '../query/understand-question.js';
import { debris, isMetadata, leansOnAntecedent, rhetoricalRole, type RhetoricalRole } from './sentence-quality.js';

/** A sentence that may go into an answer, scored against the question. */
export interface CandidateSentence {
  text: string;
  /** Ids of the papers whose abstract contains this exact sentence (best-ranked first). */
  paperIds: string[];
  /** Relevance to the question, weighted by its paper's relevance: what selection ranks by. */
  score: number;
  /** The question's concept weight the sentence covers, 0…1 (before role and paper weighting). */
  coverage: number;
  /** Analyzed terms, for telling near-repeats apart. */
  terms: ReadonlySet<string>;
  /** Indexes (into {@link SentenceQuery.concepts}) of the question's concepts the sentence carries. */
  covers: ReadonlySet<number>;
  /** Index of the sentence in its (first) paper's abstract, to quote in reading order. */
  position: number;
  /** What the sentence does in its abstract (contribution, finding, …). */
  role: RhetoricalRole;
  /** Whether the sentence does what the question's intent asks (names both sides of a comparison, gives a cause). */
  answersIntent?: boolean;
  /** When the sentence leans on an antecedent ("This technique …"): the sentence before it, which carries it. */
  antecedent?: string;
}

/** What a sentence is scored against. */
export interface SentenceQuery {
  /** The question's known concepts with their weights (idf; context concepts lighter). */
  concepts: ReadonlyArray<{ concept: QueryConcept; weight: number }>;
  /** Question phrases (adjacent term pairs). */
  phrases: ReadonlySet<string>;
  /** What kind of answer is wanted: "why" favours causal sentences, "compare" ones naming both sides. */
  intent: QueryIntent;
  /** For a comparison: the terms of each side. */
  sides?: [ReadonlySet<string>, ReadonlySet<string>];
}

/** How much each feature of a sentence counts. Every field has a default: {@link DEFAULT_SENTENCE_WEIGHTS}. */
export interface SentenceWeights {
  /** Added for each role: what the paper does or finds beats background. */
  role: Readonly<Record<RhetoricalRole, number>>;
  /** Multiplies the share of the question's concept weight the sentence carries. Default 1. */
  coverage: number;
  /** Added per share of the question's phrases the sentence contains. Default 0.15. */
  phrase: number;
  /** Subtracted from a sentence that leans on an antecedent it does not carry ("This allows us to…"). Default 0.35. */
  antecedent: number;
  /** Subtracted per unit of extraction debris ("512times512", "rightarrow"). Default 0.6. */
  debris: number;
  /** Added to a causal sentence for a "why" question, and to one naming both sides of a comparison. Default 0.5. */
  intent: number;
  /** Added to a paper's first contribution sentence ("In this paper, we propose X"): its main claim. Default 0.3. */
  lead: number;
  /** Subtracted from an abstract's first and last sentences (usually motivation and outlook). Default 0.15. */
  edge: number;
}

/** Where a sentence stands in its abstract. */
export interface SentencePlace {
  /** 0-based index of the sentence. */
  position: number;
  /** Number of sentences in the abstract. */
  count: number;
  /** Whether it is the abstract's first contribution sentence. */
  lead: boolean;
  /** Acronyms the abstract defines, as analyzed term → its long form's terms ("ls" → label, smooth). */
  acronyms?: ReadonlyMap<string, readonly string[]>;
}

/**
 * Measured on the seeds-dev answer gold (docs/dev/answer-quality.md): contributions and findings
 * are what researchers quote; background and motivation almost never are.
 */
export const DEFAULT_SENTENCE_WEIGHTS: Readonly<SentenceWeights> = Object.freeze({
  role: Object.freeze({ contribution: 0.8, finding: 0.5, method: 0.4, other: 0, background: -0.6 }),
  coverage: 1,
  phrase: 0.15,
  antecedent: 0.35,
  debris: 0.6,
  intent: 0.5,
  lead: 0.3,
  edge: 0.15,
});

/** Sentences shorter than this are headings or fragments ("Code is available."), not answers. */
const MIN_SENTENCE_CHARS = 40;
/** A sentence must carry this share of the question's weight to be quoted at all. */
export const MIN_SENTENCE_COVERAGE = 0.15;
/** Two sentences sharing this share of their terms say the same thing; only the first is kept. */
const NEAR_REPEAT_OVERLAP = 0.6;
/** Cues of a causal sentence, what a "why" question wants. */
const CAUSAL = /\b(because|due to|since|caused by|causes?|owing to|stems? from|arises? from|attributed? to|responsible for|explains?|the reason|we (find|show|observe|reveal) that|observe that|leads? to|results? in)\b/i;

/**
 * A sentence's terms with the long forms of the acronyms its abstract defines: "LS negatively
 * affects …" speaks of label smoothing where the abstract defined "label smoothing (LS)".
 */
export function withLongForms(terms: ReadonlySet<string>, acronyms: ReadonlyMap<string, readonly string[]>): ReadonlySet<string> {
  if (acronyms.size === 0) return terms;
  const expanded = new Set(terms);
  for (const term of terms) for (const t of acronyms.get(term) ?? []) expanded.add(t);
  return expanded;
}

/** Share of the question's concept weight a set of terms covers (a concept counts when one of its forms is whole). */
export function conceptCoverage(terms: ReadonlySet<string>, concepts: SentenceQuery['concepts']): number {
  return coveredShare(coveredConcepts(terms, concepts), concepts);
}

/** Indexes of the concepts a set of terms carries (one of a concept's forms whole). */
export function coveredConcepts(terms: ReadonlySet<string>, concepts: SentenceQuery['concepts']): Set<number> {
  const covered = new Set<number>();
  concepts.forEach(({ concept }, i) => {
    if (concept.alternatives.some((alternative) => alternative.every((t) => terms.has(t)))) covered.add(i);
  });
  return covered;
}

/** The share of the concepts' total weight that the given concept indexes hold. */
export function coveredShare(covered: ReadonlySet<number>, concepts: SentenceQuery['concepts']): number {
  let total = 0;
  let found = 0;
  concepts.forEach(({ weight }, i) => {
    total += weight;
    if (covered.has(i)) found += weight;
  });
  return total === 0 ? 0 : found / total;
}

/**
 * Scores a sentence: the weighted share of the question's concepts it contains, plus its
 * phrases, plus what the sentence does (a contribution or finding over background), minus
 * dangling references and extraction debris, plus the question's intent (causes for "why",
 * both sides for a comparison). The paper's relevance is applied by the caller.
 */
export function scoreSentence(
  text: string,
  query: SentenceQuery,
  place: SentencePlace = { position: 1, count: 3, lead: false },
  weights: SentenceWeights = DEFAULT_SENTENCE_WEIGHTS,
): SentenceScore {
  return scoreFeatures(sentenceFeatures(text), query, place, weights);
}

/** What {@link scoreSentence} finds. */
export interface SentenceScore {
  score: number;
  coverage: number;
  terms: ReadonlySet<string>;
  covers: Set<number>;
  role: RhetoricalRole;
  answersIntent: boolean;
}

/** What is known of a sentence whatever the question: computed once per sentence (see answer.ts's cache). */
export interface SentenceFeatures {
  text: string;
  tokens: readonly AnalyzedToken[];
  terms: ReadonlySet<string>;
  phrases: readonly string[];
  role: RhetoricalRole;
  leans: boolean;
  debris: number;
}

/** Analyzes a sentence for scoring: its terms and phrases, its role, whether it leans on an antecedent, its debris. */
export function sentenceFeatures(text: string): SentenceFeatures {
  const tokens = analyze(text);
  return {
    text,
    tokens,
    terms: new Set(tokens.map((t) => t.term)),
    phrases: phraseTerms(tokens),
    role: rhetoricalRole(text),
    leans: leansOnAntecedent(text),
    debris: debris(text),
  };
}

/** {@link scoreSentence} over features already computed. */
export function scoreFeatures(
  features: SentenceFeatures,
  query: SentenceQuery,
  place: SentencePlace = { position: 1, count: 3, lead: false },
  weights: SentenceWeights = DEFAULT_SENTENCE_WEIGHTS,
): SentenceScore {
  const { terms, role } = features;
  const covers = coveredConcepts(place.acronyms ? withLongForms(terms, place.acronyms) : terms, query.concepts);
  const coverage = coveredShare(covers, query.concepts);
  // A paper's main claim is quoted even in its own words; any other sentence must carry the question.
  if (coverage === 0 && !place.lead) return { score: 0, coverage, terms, covers, role, answersIntent: false };
  let score = weights.coverage * coverage;
  if (query.phrases.size > 0) {
    const phrases = new Set(features.phrases.filter((p) => query.phrases.has(p)));
    score += weights.phrase * Math.min(1, phrases.size / query.phrases.size);
  }
  score += weights.role[role];
  if (place.lead) score += weights.lead;
  if (place.count > 2 && (place.position === 0 || place.position === place.count - 1)) score -= weights.edge;
  if (features.leans) score -= weights.antecedent;
  score -= weights.debris * features.debris;
  const answersIntent =
    (query.intent === 'why' && CAUSAL.test(features.text)) ||
    (query.intent === 'compare' && query.sides !== undefined && [...query.sides[0]].some((t) => terms.has(t)) && [...query.sides[1]].some((t) => terms.has(t)));
  if (answersIntent) score += weights.intent;
  return { score, coverage, terms, covers, role, answersIntent };
}

/** Whether a sentence is worth quoting at all: not a fragment, not metadata ("Keywords: …", a bare link). */
export function isQuotable(text: string): boolean {
  return text.length >= MIN_SENTENCE_CHARS && !isMetadata(text);
}

/** Share of the smaller term set found in the other (overlap coefficient). */
export function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const term of a) if (b.has(term)) shared++;
  return shared / Math.min(a.size, b.size);
}

/** Whether `candidate` repeats one of the already chosen sentences. */
export function repeats(candidate: Pick<CandidateSentence, 'text' | 'terms'>, chosen: ReadonlyArray<Pick<CandidateSentence, 'text' | 'terms'>>): boolean {
  return chosen.some((c) => c.text === candidate.text || overlap(c.terms, candidate.terms) >= NEAR_REPEAT_OVERLAP);
}
