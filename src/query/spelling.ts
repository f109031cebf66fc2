import type { CorpusVocabulary } from './corpus-vocabulary.js';

/** Shortest word paperbot corrects: shorter ones are too often abbreviations or names. */
const MIN_CORRECTED_LENGTH = 4;
/** A correction must be used by at least this many papers, so one typo in the corpus is not a target. */
const MIN_CORRECTION_DF = 2;

/**
 * The word of the corpus a misspelt question word most likely means: within one edit for
 * words up to 6 letters and two beyond (a swapped pair, "smapling", counts as one), the closest,
 * then the one most papers use. Undefined when none is close enough.
 *
 * @example
 * correctSpelling(vocabulary, 'difusion') // → 'diffusion'
 */
export function correctSpelling(vocabulary: CorpusVocabulary, word: string): string | undefined {
  if (word.length < MIN_CORRECTED_LENGTH || !/^[a-z]+$/.test(word)) return undefined;
  const maxDistance = word.length <= 6 ? 1 : 2;
  let best: { word: string; df: number; distance: number } | undefined;
  // similarWords counts Levenshtein edits, where a swap is two: search one further so "modle" finds "model".
  for (const candidate of vocabulary.similarWords(word, maxDistance + 1)) {
    if (candidate.df < MIN_CORRECTION_DF || candidate.word === word || !/^[a-z]+$/.test(candidate.word)) continue;
    const distance = damerauDistance(word, candidate.word);
    if (distance > maxDistance) continue;
    if (!best || distance < best.distance || (distance === best.distance && candidate.df > best.df)) best = { ...candidate, distance };
  }
  return best?.word;
}

/** Edit distance counting insertions, deletions, substitutions and swaps of neighbours as one each. */
export function damerauDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}
