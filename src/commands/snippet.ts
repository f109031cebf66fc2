import { analyzeTerms } from '../nlp/analyzer.js';
import { splitSentences } from '../nlp/sentences.js';

/** Longest snippet, in characters. */
export const MAX_SNIPPET_CHARS = 200;

/**
 * One line from an abstract for a result list: the sentence sharing the most terms with the
 * query (the first sentence when there is no query), cut at a word boundary with "…".
 */
export function snippetOf(abstract: string, queryTerms: ReadonlySet<string> = new Set()): string {
  const sentences = splitSentences(abstract);
  let best = sentences[0] ?? abstract;
  if (queryTerms.size > 0) {
    let bestCount = -1;
    for (const sentence of sentences) {
      const count = new Set(analyzeTerms(sentence).filter((term) => queryTerms.has(term))).size;
      if (count > bestCount) {
        best = sentence;
        bestCount = count;
      }
    }
  }
  return shorten(best, MAX_SNIPPET_CHARS);
}

/** Cuts text to at most `max` characters at a word boundary, ending in "…". */
export function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return (space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '') + '…';
}
