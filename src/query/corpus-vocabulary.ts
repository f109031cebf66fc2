import SearchableMap from 'minisearch/SearchableMap';
import type { AnalyzedToken } from '../nlp/analyzer.js';
import { phraseTerms } from '../nlp/analyzer.js';
import { findAcronymDefinitions } from './acronym-definitions.js';

/** The serialised form of a {@link CorpusVocabulary}. */
export interface SerializedVocabulary {
  terms: Array<[string, number]>;
  words: Array<[string, number]>;
  phrases: Array<[string, number]>;
  acronyms: Array<[string, string]>;
  size: number;
}

/** The tables of a {@link CorpusVocabulary} (see {@link CorpusVocabulary.parts}). */
export interface VocabularyParts {
  /** Analyzed term → papers using it. */
  terms: Map<string, number>;
  /** Surface word → papers using it. */
  words: Map<string, number>;
  /** Adjacent-term phrase → papers using it. */
  phrases: Map<string, number>;
  /** Acronym key → the corpus's long form. */
  acronyms: Map<string, string>;
  /** Papers added. */
  size: number;
}

/**
 * What the corpus itself says about words, for understanding questions: how many papers use a
 * term, a surface word or an adjacent-term phrase; the acronyms its abstracts define
 * ("post-training quantization (PTQ)"); and the words near a misspelt one.
 */
export class CorpusVocabulary {
  // Not readonly: fromParts adopts a snapshot's maps as they are.
  private termDf = new Map<string, number>();
  private wordDf = new Map<string, number>();
  private phraseDf = new Map<string, number>();
  private acronyms = new Map<string, string>();
  private words: SearchableMap<number> | undefined;
  private count = 0;

  /**
   * Adds one paper: its analyzed title and abstract tokens, and its raw text (for acronym
   * definitions). `phrases`, the parts' {@link phraseTerms} when the caller has them already,
   * saves making every phrase string twice while indexing.
   */
  add(tokens: readonly AnalyzedToken[][], text: string, phrases?: readonly string[]): void {
    this.count++;
    const terms = new Set<string>();
    const words = new Set<string>();
    for (const part of tokens) {
      for (const token of part) {
        terms.add(token.term);
        words.add(token.word);
      }
    }
    increment(this.termDf, terms);
    increment(this.wordDf, words);
    increment(this.phraseDf, new Set(phrases ?? tokens.flatMap((part) => phraseTerms(part))));
    this.addDefinitions(text);
    this.words = undefined;
  }

  /** Number of papers added. */
  get size(): number {
    return this.count;
  }

  /** Papers containing an analyzed term. */
  termFrequency(term: string): number {
    return this.termDf.get(term) ?? 0;
  }

  /** Papers containing an adjacent-term phrase ("radianc_field"). */
  phraseFrequency(phrase: string): number {
    return this.phraseDf.get(phrase) ?? 0;
  }

  /** The corpus's own long form of an acronym key ("ptq" → "post-training quantization"), if it defines one. */
  acronym(key: string): string | undefined {
    return this.acronyms.get(key);
  }

  /** All analyzed terms with their document frequencies. */
  termEntries(): IterableIterator<[string, number]> {
    return this.termDf.entries();
  }

  /**
   * Surface words of the corpus within `maxDistance` edits (Levenshtein) of `word`, with the
   * number of papers using each; the radix tree is built on first use.
   */
  similarWords(word: string, maxDistance: number): Array<{ word: string; df: number }> {
    if (!this.words) {
      this.words = new SearchableMap<number>();
      for (const [w, df] of this.wordDf) this.words.set(w, df);
    }
    return [...this.words.fuzzyGet(word, maxDistance)].map(([w, [df]]) => ({ word: w, df }));
  }

  toJSON(): SerializedVocabulary {
    return { terms: [...this.termDf], words: [...this.wordDf], phrases: [...this.phraseDf], acronyms: [...this.acronyms], size: this.count };
  }

  static loadJSON(json: SerializedVocabulary): CorpusVocabulary {
    const vocabulary = new CorpusVocabulary();
    for (const [k, v] of json.terms) vocabulary.termDf.set(k, v);
    for (const [k, v] of json.words) vocabulary.wordDf.set(k, v);
    for (const [k, v] of json.phrases) vocabulary.phraseDf.set(k, v);
    for (const [k, v] of json.acronyms) vocabulary.acronyms.set(k, v);
    vocabulary.count = json.size;
    return vocabulary;
  }

  /** The vocabulary's tables as they are (not copies), for the index snapshot (src/search/snapshot). */
  parts(): VocabularyParts {
    return { terms: this.termDf, words: this.wordDf, phrases: this.phraseDf, acronyms: this.acronyms, size: this.count };
  }

  /**
   * A vocabulary over tables read back from a snapshot (adopted, not copied). Only for
   * questions: adding papers to it would not count acronym long forms as the original did.
   */
  static fromParts(parts: VocabularyParts): CorpusVocabulary {
    const vocabulary = new CorpusVocabulary();
    vocabulary.termDf = parts.terms;
    vocabulary.wordDf = parts.words;
    vocabulary.phraseDf = parts.phrases;
    vocabulary.acronyms = parts.acronyms;
    vocabulary.count = parts.size;
    return vocabulary;
  }

  /** Keeps the most frequent long form of each acronym (first seen wins a tie). */
  private addDefinitions(text: string): void {
    for (const definition of findAcronymDefinitions(text)) {
      const counts = (this.longFormCounts ??= new Map());
      const key = `${definition.key}\u0000${definition.long.toLowerCase()}`;
      const n = (counts.get(key) ?? 0) + 1;
      counts.set(key, n);
      const current = this.acronyms.get(definition.key);
      const currentCount = current === undefined ? 0 : (counts.get(`${definition.key}\u0000${current.toLowerCase()}`) ?? 0);
      if (current === undefined || n > currentCount) this.acronyms.set(definition.key, definition.long);
    }
  }

  private longFormCounts: Map<string, number> | undefined;
}

function increment(counts: Map<string, number>, keys: Iterable<string>): void {
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
}

