import type { Explanation } from '../app/index-service.js';
import { highlightRanges } from '../answer/highlight.js';
import { analyzeTerms } from '../nlp/analyzer.js';
import { splitSentences } from '../nlp/sentences.js';
import { understandQuestion } from '../query/understand-question.js';
import type { PaperIndex } from './paper-index.js';

/** Words of a query, each with the analyzed forms a paper may hold it in (its own term first). */
interface QueryWord {
  word: string;
  /** Each alternative is a list of terms that must all occur ("CFG" → classifier, free, guidance). */
  alternatives: string[][];
  /** Weight for picking the sentence (idf for a query, tf·idf for a "similar" basis). */
  weight: number;
}

/**
 * Why a paper is in a ranked list ("why 2?"): which of the query's words it holds and where, the
 * ones it lacks, the abstract sentence that holds the most of them, and its rank. Computed from
 * the same analysis the ranking uses (acronyms count in their long form, corrections as searched),
 * so it explains the ranking rather than a second opinion of it.
 */
export function explainQueryMatch(index: PaperIndex, id: string, query: string, rankOf: (id: string) => { rank?: number; total: number }): Explanation {
  const paper = index.require(id);
  const understood = understandQuestion(query, index.vocabulary);
  const words: QueryWord[] = understood.concepts.map((concept) => ({ word: concept.word, alternatives: concept.alternatives, weight: index.idf(concept.alternatives[0]?.[0] ?? '') }));
  return { ...describeMatch(index, id, words), paper, ...rankOf(id) };
}

/** Why a paper is in the "similar" list of another: the other's distinctive words it holds too. */
export function explainSimilarity(index: PaperIndex, id: string, like: string, rankOf: (id: string) => { rank?: number; total: number }): Explanation {
  const paper = index.require(id);
  const likePaper = index.require(like);
  const surface = surfaceWords(likePaper.title + ' ' + likePaper.abstract);
  const words: QueryWord[] = [...index.distinctiveTermsOf(like)].map(([term, weight]) => ({ word: surface.get(term) ?? term, alternatives: [[term]], weight }));
  const found = describeMatch(index, id, words);
  // For a similar list, the other paper's words this one lacks are no reason: only shared ones show.
  return { ...found, missing: [], paper, ...rankOf(id) };
}

/** The first way a text writes each analyzed term ("sampl" → "sampling"), for showing terms as words. */
function surfaceWords(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const word of text.split(/[^\p{L}\p{N}-]+/u)) {
    if (!word) continue;
    for (const term of analyzeTerms(word)) if (!out.has(term)) out.set(term, word.toLowerCase());
  }
  return out;
}

function describeMatch(index: PaperIndex, id: string, words: readonly QueryWord[]): Omit<Explanation, 'paper' | 'total' | 'rank'> {
  const terms = index.termsOf(id) ?? { title: [], abstract: [] };
  const count = (list: readonly string[], alternatives: string[][]) => {
    let best = 0;
    for (const alternative of alternatives) {
      // An alternative of several terms counts as often as its rarest term occurs.
      const n = Math.min(...alternative.map((term) => list.filter((t) => t === term).length));
      best = Math.max(best, Number.isFinite(n) ? n : 0);
    }
    return best;
  };
  const matched: Explanation['matched'] = [];
  const missing: string[] = [];
  const heldTerms = new Set<string>();
  const weightOf = new Map<string, number>();
  for (const word of words) {
    const title = count(terms.title, word.alternatives);
    const abstract = count(terms.abstract, word.alternatives);
    if (title + abstract === 0) {
      missing.push(word.word);
      continue;
    }
    matched.push({ word: word.word, title, abstract });
    for (const alternative of word.alternatives) {
      for (const term of alternative) {
        heldTerms.add(term);
        weightOf.set(term, Math.max(weightOf.get(term) ?? 0, word.weight));
      }
    }
  }
  const result: Omit<Explanation, 'paper' | 'total' | 'rank'> = { matched, missing };
  const sentence = bestSentence(index.require(id).abstract, heldTerms, weightOf);
  if (sentence) result.sentence = sentence;
  return result;
}

/** The sentence holding the most weight of matched terms (each term once), first on a tie. */
function bestSentence(abstract: string, held: ReadonlySet<string>, weightOf: ReadonlyMap<string, number>): Explanation['sentence'] {
  if (held.size === 0) return undefined;
  let best: string | undefined;
  let bestWeight = 0;
  for (const sentence of splitSentences(abstract)) {
    const present = new Set(analyzeTerms(sentence).filter((term) => held.has(term)));
    let weight = 0;
    for (const term of present) weight += weightOf.get(term) ?? 0;
    if (weight > bestWeight) {
      best = sentence;
      bestWeight = weight;
    }
  }
  if (!best) return undefined;
  const text = best.replace(/\s+/g, ' ').trim();
  return { text, highlights: highlightRanges(text, held) };
}
