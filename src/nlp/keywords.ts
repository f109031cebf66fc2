import { analyze, type AnalyzedToken } from './analyzer.js';
import { CHAT_FILLER_WORDS, QUESTION_FRAMING_WORDS } from './stop-words.js';
import { taggerNlp } from './wink.js';

/** What a question asks about: the terms to search for and the words to show users. */
export interface Keywords {
  /** Content tokens of the question, framing ("which papers", "any work on") removed. */
  tokens: AnalyzedToken[];
  /**
   * The keywords as users should see them ("matched: speed, diffusion sampling"): runs of
   * adjacent content words of the question, in the question's own wording, deduplicated.
   */
  phrases: string[];
}

/**
 * Extracts the keywords of a question with wink-nlp: tokenise, drop stop words and the words
 * people wrap a question in ("which papers …", "is there any work on …"), keep the content
 * words and the phrases they form.
 *
 * @example
 * extractKeywords('which papers speed up diffusion sampling?').phrases
 * // → ['speed', 'diffusion sampling']
 */
export function extractKeywords(question: string): Keywords {
  // The tagger instance splits sentences, so a phrase never spans "?" or ".".
  const all = analyze(question, taggerNlp());
  const tokens: AnalyzedToken[] = [];
  let dropped = false;
  for (const token of all) {
    if (QUESTION_FRAMING_WORDS.has(token.word) || CHAT_FILLER_WORDS.has(token.word)) {
      dropped = true;
      continue;
    }
    // A dropped framing word between two content words ends the phrase shown to users.
    tokens.push(dropped ? { ...token, gapBefore: true } : token);
    dropped = false;
  }
  return { tokens, phrases: keywordPhrases(tokens) };
}

/**
 * The keywords as users see them: runs of adjacent content words in the question's own wording
 * (a skipped stop word or a break ends a run), deduplicated, a compound shown once as written.
 */
export function keywordPhrases(tokens: readonly AnalyzedToken[]): string[] {
  const phrases: string[] = [];
  let current: string[] = [];
  const flush = () => {
    const phrase = current.join(' ');
    if (phrase && !phrases.includes(phrase)) phrases.push(phrase);
    current = [];
  };
  for (const token of tokens) {
    // Users see phrases as they wrote them: a skipped stop word ends one ("distillation | one-step …").
    if (token.breakBefore || token.gapBefore) flush();
    const shown = token.compound ?? token.word;
    // The parts of one compound ("one-step" → one, step) are shown once, as written.
    if (!token.compound || current[current.length - 1] !== shown) current.push(shown);
  }
  flush();
  return phrases;
}
