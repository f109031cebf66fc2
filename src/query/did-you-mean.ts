import { extractKeywords } from '../nlp/keywords.js';
import type { CorpusVocabulary } from './corpus-vocabulary.js';
import { damerauDistance } from './spelling.js';

/** Farthest a "did you mean" word may be from the typed one (looser than automatic correction). */
const MAX_SUGGESTION_DISTANCE = 2;

/**
 * A query the corpus would match, for a search that matched nothing: each keyword no paper
 * uses is swapped for the nearest word papers do use (up to two edits, any length, the most
 * used on a tie). Undefined when no word could be swapped.
 *
 * @example
 * didYouMean('quantisation of transfomers', vocabulary) // → 'quantization transformers'
 */
export function didYouMean(query: string, vocabulary: CorpusVocabulary): string | undefined {
  const tokens = extractKeywords(query).tokens;
  let changed = false;
  const words = tokens.map((token) => {
    if (vocabulary.termFrequency(token.term) > 0) return token.word;
    let best: { word: string; df: number; distance: number } | undefined;
    for (const candidate of vocabulary.similarWords(token.word, MAX_SUGGESTION_DISTANCE + 1)) {
      if (candidate.word === token.word || !/^[a-z0-9-]+$/.test(candidate.word)) continue;
      const distance = damerauDistance(token.word, candidate.word);
      if (distance > MAX_SUGGESTION_DISTANCE) continue;
      if (!best || distance < best.distance || (distance === best.distance && candidate.df > best.df)) best = { ...candidate, distance };
    }
    if (!best) return token.word;
    changed = true;
    return best.word;
  });
  return changed ? [...new Set(words)].join(' ') : undefined;
}
