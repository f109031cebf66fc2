import { stem, tokenizerNlp, type Nlp } from './wink.js';
import { EXTRA_STOP_WORDS } from './stop-words.js';

/** One content token of a text: its index term and the word it came from. */
export interface AnalyzedToken {
  /** The index term: lowercased, stemmed (Porter2, via wink-nlp). */
  term: string;
  /** The lowercased surface word, for showing users what matched. */
  word: string;
  /**
   * True when punctuation (or the start of the text) separates this token from the previous
   * content token: phrase (bigram) terms never span such a break.
   */
  breakBefore: boolean;
  /** True when a stop word was skipped right before this token ("speed [up] diffusion"). */
  gapBefore?: boolean;
  /** The hyphenated compound this token is a part of ("one-step"), for showing it whole. */
  compound?: string;
}

/** Token types of wink-nlp that can carry topic; punctuation, URLs, emails, emoji are not indexed. */
const INDEXED_TYPES: ReadonlySet<string> = new Set(['word', 'number', 'abbreviation']);

/** A plural acronym as written: capitals (and digits), then a lowercase "s" ("LLMs", "T2Is", "DMs"). */
const PLURAL_ACRONYM = /^[A-Z][A-Z0-9]*[A-Z0-9]s$/;

/** A word that is a number however wink-nlp typed it ("533" read from "533."). */
const NUMERIC = /^\d[\d.,]*$/;

/** Longest token kept: longer "words" are formulas, hashes or broken markup. */
const MAX_TOKEN_LENGTH = 40;

/** Separator of the two terms of a phrase term; cannot occur inside a term. */
export const PHRASE_JOINER = '_';

/**
 * The one text analyzer, used for documents and questions alike so both sides agree on terms:
 * wink-nlp tokenises, then tokens are lowercased, stop words dropped and the rest stemmed.
 *
 * @example
 * analyze('Which papers speed up diffusion sampling?').map((t) => t.term)
 * // → ['paper', 'speed', 'diffus', 'sampl']  (framing words are removed later, by keyword extraction)
 */
export function analyze(text: string, nlp: Nlp = tokenizerNlp()): AnalyzedToken[] {
  const its = nlp.its;
  const tokens = nlp.readDoc(text).tokens();
  const values = tokens.out(its.normal) as string[];
  const raw = tokens.out(its.value) as string[];
  const types = tokens.out(its.type) as string[];
  const stops = tokens.out(its.stopWordFlag) as unknown as boolean[];
  const spaces = tokens.out(its.precedingSpaces) as string[];
  const result: AnalyzedToken[] = [];
  let pendingBreak = true;
  let pendingGap = false;
  for (let i = 0; i < values.length; i++) {
    if (!INDEXED_TYPES.has(types[i]!)) {
      pendingBreak = true;
      continue;
    }
    // wink-nlp splits "3D" into "3" + "d" and most hyphenated compounds ("score - based") but
    // not all ("text-to-3d"): glue the pieces back so each is indexed the same way everywhere.
    // A final period is never part of a term ("w.r.t." = "w.r.t", "fig." = "fig"): wink-nlp
    // splits it off or not depending on the words it has read before (it learns unknown
    // words as it goes), and terms must not depend on what was analyzed earlier — in another
    // thread, another process, or before a restart from a snapshot.
    // Likewise a possessive "'s" ("simpson's" = "simpson" + "'s").
    const dotted = values[i]!.length > 1 && values[i]!.endsWith('.');
    const word = canonicalWord(values[i]!);
    let compound = word;
    let last = i;
    const glueNumber = (at: number) => {
      if (!(at === i && dotted) && types[at] === 'number' && types[at + 1] === 'word' && spaces[at + 1] === '') {
        compound = compound.slice(0, compound.length - values[at]!.length) + values[at]! + values[at + 1]!;
        return at + 1;
      }
      return at;
    };
    last = glueNumber(last);
    while (values[last + 1] === '-' && spaces[last + 1] === '' && spaces[last + 2] === '' && INDEXED_TYPES.has(types[last + 2] ?? '')) {
      compound += '-' + values[last + 2]!;
      last = glueNumber(last + 2);
    }
    if (last > i && compound.endsWith('.')) compound = compound.slice(0, -1);
    if (compound.includes('-')) {
      const before = result.length;
      pushCompound(compound, pendingBreak, result);
      if (result.length > before) {
        if (pendingGap) result[before]!.gapBefore = true;
        pendingBreak = false;
        pendingGap = false;
      }
      i = last;
      continue;
    }
    if (last > i) {
      // A number glued to a word ("3d", "4k", "10x") is an identifier: kept whole, not stemmed.
      if (isContentWord(compound)) {
        result.push({ term: compound, word: compound, breakBefore: pendingBreak, ...(pendingGap ? { gapBefore: true } : {}) });
        pendingBreak = false;
        pendingGap = false;
      }
      i = last;
      continue;
    }
    // wink-nlp splits "model's" into "model" + "'s", but not always an unknown name's: do it here.
    const possessive = !dotted && word !== values[i] ? values[i]!.slice(-2) : undefined;
    if ((word !== values[i] ? isStopWord(word, nlp) : stops[i]) || !isContentWord(word)) {
      // The period wink may have split off would have been a break.
      if (dotted) pendingBreak = true;
      else pendingGap = true;
      if (possessive) {
        result.push({ term: cachedStem(possessive), word: possessive, breakBefore: pendingBreak, ...(pendingGap ? { gapBefore: true } : {}) });
        pendingBreak = false;
        pendingGap = false;
      }
      continue;
    }
    // The stemmer mangles numbers ("300" → "y00"); they are kept as written. A plural acronym
    // ("LLMs", "DDPMs") is its singular: the stemmer leaves "llms" whole, so LLM and LLMs would differ.
    const term = (types[i] === 'number' || NUMERIC.test(word) ? word : PLURAL_ACRONYM.test(raw[i]!) ? word.slice(0, -1) : cachedStem(raw[i]!.slice(0, word.length))).replaceAll(PHRASE_JOINER, '');
    if (!term) continue;
    result.push(pendingGap ? { term, word, breakBefore: pendingBreak, gapBefore: true } : { term, word, breakBefore: pendingBreak });
    if (possessive) result.push({ term: cachedStem(possessive), word: possessive, breakBefore: false });
    pendingBreak = dotted;
    pendingGap = false;
  }
  return result;
}

/** A token's word without a final period or possessive "'s" (see {@link analyze}). */
function canonicalWord(value: string): string {
  if (value.length > 1 && value.endsWith('.')) return value.slice(0, -1);
  if (value.length > 2 && /['’]s$/.test(value)) return value.slice(0, -2);
  return value;
}

const stopWords = new Map<string, boolean>();

/** wink-nlp's stop-word flag of a word read alone (for words it read with a final period). */
function isStopWord(word: string, nlp: Nlp): boolean {
  let flag = stopWords.get(word);
  if (flag === undefined) {
    if (stopWords.size >= MAX_CACHED_STEMS) stopWords.clear();
    flag = (nlp.readDoc(word).tokens().out(nlp.its.stopWordFlag) as unknown as boolean[])[0] === true;
    stopWords.set(word, flag);
  }
  return flag;
}

/** Whether a lowercased word can be a term: not an extra stop word, not too short or too long. */
function isContentWord(word: string): boolean {
  // Single letters and lone digits carry no topic ("x" in "10 x", "a" of a list).
  return word.length >= 2 && word.length <= MAX_TOKEN_LENGTH && !EXTRA_STOP_WORDS.has(word);
}

/**
 * A hyphenated compound is indexed as its parts, keeping parts that are stop words elsewhere
 * ("one-step" → "one", "step"; "text-to-image" → "text", "imag"): inside a compound they name
 * the concept. A compound with a one-letter part ("u-net", "k-means") is indexed joined
 * ("unet"), since the letter alone means nothing.
 */
function pushCompound(word: string, breakBefore: boolean, into: AnalyzedToken[]): void {
  const parts = word.split('-').filter((part) => part.length > 0);
  if (parts.some((part) => part.length === 1)) {
    const joined = parts.join('');
    if (isContentWord(joined)) into.push({ term: termOf(joined), word, breakBefore });
    return;
  }
  let first = true;
  for (const part of parts) {
    if (!isContentWord(part) || COMPOUND_STOP_PARTS.has(part)) continue;
    into.push({ term: termOf(part), word: part, breakBefore: first ? breakBefore : false, compound: word });
    first = false;
  }
}

/** A part's term: stemmed, unless it holds a digit ("3d", "v2"), which the stemmer would mangle. */
function termOf(part: string): string {
  return /\d/.test(part) ? part : cachedStem(part);
}

/** Most words a {@link cachedStem} remembers; beyond that it starts afresh (hostile input cannot grow it). */
const MAX_CACHED_STEMS = 200_000;
const stems = new Map<string, string>();

/**
 * The Porter2 stem of a word, as wink-nlp's `its.stem` gives it (the stem of the token's value),
 * remembered: a corpus repeats a few tens of thousands of words, and stemming each occurrence
 * anew was a third of the time of indexing 100k papers.
 */
function cachedStem(value: string): string {
  let result = stems.get(value);
  if (result === undefined) {
    if (stems.size >= MAX_CACHED_STEMS) stems.clear();
    result = stem(value);
    stems.set(value, result);
  }
  return result;
}

/** Function words inside compounds ("text-to-image", "state-of-the-art") that are not indexed alone. */
const COMPOUND_STOP_PARTS: ReadonlySet<string> = new Set(['to', 'of', 'the', 'a', 'an', 'and', 'or', 'in', 'on', 'for', 'by', 'with']);

/** The index terms of a text, in order (see {@link analyze}). */
export function analyzeTerms(text: string, nlp?: Nlp): string[] {
  return analyze(text, nlp).map((t) => t.term);
}

/**
 * Adjacent-term phrases ("diffus_sampl") of an analyzed text, for proximity scoring.
 * Stop words between two terms do not break a phrase; punctuation does.
 */
export function phraseTerms(tokens: readonly AnalyzedToken[]): string[] {
  const phrases: string[] = [];
  for (let i = 1; i < tokens.length; i++) {
    const current = tokens[i]!;
    if (current.breakBefore) continue;
    phrases.push(tokens[i - 1]!.term + PHRASE_JOINER + current.term);
  }
  return phrases;
}
