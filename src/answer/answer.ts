import type { Paper } from '../corpus/paper.js';
import { splitSentences } from '../nlp/sentences.js';
import { phraseTerms } from '../nlp/analyzer.js';
import type { PaperIndex, SearchHit } from '../search/paper-index.js';
import { DEFAULT_ANSWER_LIMITS, type Answer, type AnswerLimits, type AnswerSentence, type SourceRef } from './answer-types.js';
import { MIN_SENTENCE_COVERAGE, isQuotable, repeats, scoreSentence, type CandidateSentence, type SentenceQuery } from './select-sentences.js';

/** A paper is a source only if it contains at least this share of the question's keywords. */
const MIN_PAPER_COVERAGE = 0.5;

/**
 * Answers a question from the corpus: the best-ranked papers' abstracts are split into sentences,
 * the sentences most relevant to the question (and not repeating each other) are quoted verbatim
 * and cited [n]. Nothing is ever paraphrased or invented: when no paper is relevant enough the
 * answer is empty and says what to try instead.
 *
 * @example
 * const result = answer(index, 'which papers speed up diffusion sampling?');
 * result.sentences[0]; // → { text: 'We propose …', sources: [1] }
 * result.sources[0];   // → { n: 1, id: '…', title: '…', links: [...], matched: [...] }
 */
export function answer(index: PaperIndex, question: string, limits: Partial<AnswerLimits> = {}): Answer {
  const options = { ...DEFAULT_ANSWER_LIMITS, ...limits };
  const result = index.search(question, { limit: options.candidatePapers });
  const keywords = result.keywords.phrases;
  const base = { question, keywords, totalMatches: result.total };
  if (result.keywords.tokens.length === 0) {
    return { ...base, sentences: [], sources: [], found: false, suggestions: noKeywordSuggestions() };
  }
  const questionTerms = new Set(result.keywords.tokens.map((t) => t.term));
  const hits = result.hits.filter((hit) => coverage(index, hit, questionTerms) >= MIN_PAPER_COVERAGE);
  if (hits.length === 0) {
    return { ...base, sentences: [], sources: [], found: false, suggestions: notFoundSuggestions(keywords) };
  }
  const query: SentenceQuery = {
    weights: new Map([...questionTerms].map((term) => [term, index.idf(term)])),
    phrases: new Set(phraseTerms(result.keywords.tokens)),
  };
  const chosen = inReadingOrder(chooseSentences(collectCandidates(hits, query), options));
  if (chosen.length === 0) {
    return { ...base, sentences: [], sources: [], found: false, suggestions: notFoundSuggestions(keywords) };
  }
  return { ...base, ...cite(chosen, hits), found: true, suggestions: [] };
}

/** Share of the question's (idf-weighted) terms that occur in a paper. */
function coverage(index: PaperIndex, hit: SearchHit, questionTerms: ReadonlySet<string>): number {
  const terms = index.termsOf(hit.paper.id);
  if (!terms) return 0;
  const present = new Set([...terms.title, ...terms.abstract]);
  let total = 0;
  let found = 0;
  for (const term of questionTerms) {
    const weight = index.idf(term);
    total += weight;
    if (present.has(term)) found += weight;
  }
  return total === 0 ? 0 : found / total;
}

function collectCandidates(hits: readonly SearchHit[], query: SentenceQuery): CandidateSentence[] {
  const byText = new Map<string, CandidateSentence>();
  hits.forEach((hit, rank) => {
    splitSentences(hit.paper.abstract).forEach((text, position) => {
      if (!isQuotable(text)) return;
      const existing = byText.get(text);
      if (existing) {
        // The same sentence in two abstracts (revised versions of a paper): cite both.
        if (!existing.paperIds.includes(hit.paper.id)) existing.paperIds.push(hit.paper.id);
        return;
      }
      const { score, terms } = scoreSentence(text, query, rank);
      if (score >= MIN_SENTENCE_COVERAGE) byText.set(text, { text, paperIds: [hit.paper.id], score, terms, position });
    });
  });
  return [...byText.values()].sort((a, b) => b.score - a.score);
}

/** Greedy selection: best first, skipping repeats, at most `maxPerPaper` per paper, within the limits. */
function chooseSentences(candidates: readonly CandidateSentence[], limits: AnswerLimits): CandidateSentence[] {
  const chosen: CandidateSentence[] = [];
  const perPaper = new Map<string, number>();
  let chars = 0;
  for (const candidate of candidates) {
    if (chosen.length >= limits.maxSentences) break;
    const paper = candidate.paperIds[0]!;
    if ((perPaper.get(paper) ?? 0) >= limits.maxPerPaper) continue;
    if (repeats(candidate, chosen)) continue;
    // Room for the sentence, a space and its citation markers ("[1][2]").
    const cost = candidate.text.length + 1 + candidate.paperIds.length * 4 + (chosen.length > 0 ? 1 : 0);
    if (chars + cost > limits.maxChars) continue;
    chosen.push(candidate);
    perPaper.set(paper, (perPaper.get(paper) ?? 0) + 1);
    chars += cost;
  }
  return chosen;
}

/**
 * Orders the chosen sentences for reading: papers in the order their best sentence was chosen
 * (most relevant first), and each paper's sentences in the order its abstract has them, so a
 * definition comes before the result that relies on it.
 */
function inReadingOrder(chosen: readonly CandidateSentence[]): CandidateSentence[] {
  const paperOrder = new Map<string, number>();
  for (const sentence of chosen) if (!paperOrder.has(sentence.paperIds[0]!)) paperOrder.set(sentence.paperIds[0]!, paperOrder.size);
  return [...chosen].sort((a, b) => paperOrder.get(a.paperIds[0]!)! - paperOrder.get(b.paperIds[0]!)! || a.position - b.position);
}

/** Numbers the cited papers in order of first citation and builds the source list. */
function cite(chosen: readonly CandidateSentence[], hits: readonly SearchHit[]): { sentences: AnswerSentence[]; sources: SourceRef[] } {
  const numbers = new Map<string, number>();
  const sources: SourceRef[] = [];
  const sentences = chosen.map((candidate) => ({
    text: candidate.text,
    sources: candidate.paperIds.map((id) => {
      let n = numbers.get(id);
      if (n === undefined) {
        n = numbers.size + 1;
        numbers.set(id, n);
        const hit = hits.find((h) => h.paper.id === id)!;
        sources.push(sourceRef(n, hit.paper, hit.matched));
      }
      return n;
    }),
  }));
  return { sentences, sources };
}

/** The source-list entry of a paper (also used by search and show results). */
export function sourceRef(n: number, paper: Paper, matched: string[] = []): SourceRef {
  const ref: SourceRef = { n, id: paper.id, title: paper.title, links: paper.links, matched };
  if (paper.published) ref.published = paper.published;
  if (paper.dateText) ref.dateText = paper.dateText;
  if (paper.upvotes !== undefined) ref.upvotes = paper.upvotes;
  if (paper.authors) ref.authors = paper.authors;
  if (paper.authorCount !== undefined) ref.authorCount = paper.authorCount;
  return ref;
}

function noKeywordSuggestions(): string[] {
  return [
    'Your question has no topic words paperbot can search for. Name the topic, e.g. "diffusion sampling" or "label smoothing".',
    'Use "papers" to list what the corpus holds.',
  ];
}

function notFoundSuggestions(keywords: readonly string[]): string[] {
  const suggestions = [
    `No paper in the corpus is about ${keywords.map((k) => `"${k}"`).join(', ')} closely enough to quote.`,
    'Try fewer or more general words, or another name for the same idea.',
  ];
  suggestions.push('Use "search" with a few keywords for a ranked list, or "papers" to see what the corpus holds.');
  return suggestions;
}
