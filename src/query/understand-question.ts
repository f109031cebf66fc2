import { analyze, analyzeTerms, phraseTerms, PHRASE_JOINER, type AnalyzedToken } from '../nlp/analyzer.js';
import { extractKeywords, keywordPhrases, type Keywords } from '../nlp/keywords.js';
import { taggerNlp } from '../nlp/wink.js';
import { CHAT_ABBREVIATIONS } from '../nlp/stop-words.js';
import { acronymKey, findAcronymDefinitions, looksLikeAcronym } from './acronym-definitions.js';
import type { CorpusVocabulary } from './corpus-vocabulary.js';
import { ACRONYM_GLOSSARY } from './glossary.js';
import { correctSpelling } from './spelling.js';

/** A word of the question swapped for another ("difusion" → "diffusion", "PTQ" → "post-training quantization"). */
export interface WordChange {
  from: string;
  to: string;
}

/** One thing the question asks about: a word, and the term sequences that express it in papers. */
export interface QueryConcept {
  /** The word as the user typed it ("PTQ", "difusion"). */
  typed: string;
  /** The word searched for (the correction, when one was made). */
  word: string;
  /**
   * Ways a paper can say it, each a list of analyzed terms that must all occur: the question's
   * own term first, then long forms of an acronym ("post", "train", "quantiz"), synonyms.
   */
  alternatives: string[][];
  /** Whether the word is part of the question's subject (its head, before "for", "with", …). */
  subject: boolean;
  /** Whether the word is in the question's first sentence with content (later ones are context). */
  main: boolean;
  /** Whether some paper holds one of the alternatives whole. */
  known: boolean;
  /** How many times the question says it. */
  count: number;
  /** Whether, though not known, part of an acronym's long form occurs ("radiance field" of NeRF). */
  near?: string;
  /** The analyzed terms of `near`: what is searched and quoted in place of the missing word. */
  nearTerms?: string[];
  /** How to name the concept when it is missing: the word, or its two-word phrase ("Bayesian optimization"). */
  label: string;
}

/**
 * What kind of answer a question wants: causes ("why …"), both sides ("X vs Y"), an overview
 * ("a survey of …"), the paper that introduced something ("which paper introduced X"), or any.
 */
export type QueryIntent = 'why' | 'compare' | 'survey' | 'origin' | 'general';

/** What a question was understood to ask, ready to rank with. */
export interface UnderstoodQuery {
  /** The question's keywords as searched (corrected words), and the phrases shown as "matched: …" (known words only). */
  keywords: Keywords;
  /** One concept per distinct content term of the question, in question order. */
  concepts: QueryConcept[];
  /** Term → weight for ranking: the question's known terms and, lighter, their alternatives. */
  weights: Map<string, number>;
  /** Adjacent-term phrases (question and long forms) for the phrase field. */
  phrases: string[];
  /** Misspelt or abbreviated words searched as others. */
  corrections: WordChange[];
  /** Acronyms searched with their long forms too. */
  expansions: WordChange[];
  /** Subject words no paper holds in any form ("RLHF"). */
  missing: string[];
  /** Subject acronyms absent as such whose long form occurs in part: typed word → what occurs. */
  near: WordChange[];
  /** What kind of answer is wanted. */
  intent: QueryIntent;
  /** For a comparison ("X vs Y"): the terms of each side. */
  sides?: [string[], string[]];
  /** What was searched, in words, when it differs from what was typed; else undefined. */
  searchedFor?: string;
}

/** Weight of an alternative's terms against the question's own term (1). */
export const ALTERNATIVE_WEIGHT = 0.5;

/** Words that ask for an overview rather than a topic; any of them finds all of them. */
const SURVEY_WORDS = ['survey', 'surveys', 'tutorial', 'tutorials', 'overview', 'overviews', 'review', 'reviews', 'monograph', 'primer', 'introduction'];
const SURVEY_TERMS: ReadonlySet<string> = new Set(SURVEY_WORDS.flatMap((w) => analyzeTerms(w)));
const SURVEY_ALTERNATIVES: string[][] = [...SURVEY_TERMS].map((t) => [t]);

/**
 * Words after which the rest of a question says what the subject is for or applied to; never
 * inside a hyphenated compound (the "to" of "text-to-image", the "in" of "in-context").
 */
const RELATION_WORDS = /(?<![\p{L}\p{N}-])(for|from|with|without|in|on|using|via|to|by|under|at|into|across|over|through|against|when|where|that|which|while)(?![\p{L}\p{N}-])/iu;
/** Comparison markers ("X vs Y", "X versus Y", "X compared to Y"). */
const COMPARISON = /\s(?:vs\.?|versus|compared (?:to|with))\s/i;
/** "which paper introduced / proposed X", "the original X paper". */
const ORIGIN = /\b(which|what|who)\b[^?]*\b(introduced|proposed|invented|coined|first)\b|\boriginal (paper|work)\b/i;
const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/**
 * Understands a question against the corpus's own vocabulary: chat filler is dropped (keyword
 * extraction), misspelt words are corrected to words the corpus uses, chat abbreviations and
 * acronyms are searched with their long forms (the corpus's own "long form (ACR)" definitions
 * first, a glossary of common ones second), "survey/tutorial/overview/…" are one need, and the
 * subject (the question's head) is told apart from context, so that "not found" is decided on
 * the subject, not on every word.
 *
 * @example
 * understandQuestion('anyone looked at PTQ for diffusion models?', vocabulary).expansions
 * // → [{ from: 'PTQ', to: 'post-training quantization' }]
 */
export function understandQuestion(question: string, vocabulary: CorpusVocabulary): UnderstoodQuery {
  const extracted = extractKeywords(question);
  const df = (term: string) => vocabulary.termFrequency(term);
  const defined = new Map(findAcronymDefinitions(question).map((d) => [d.key, d.long]));
  const { subjectTerms, mainTerms, sides } = questionShape(question, extracted);
  const corrections: WordChange[] = [];
  const expansions: WordChange[] = [];
  const concepts = new Map<string, QueryConcept>();
  const tokens: AnalyzedToken[] = [];

  for (const token of extracted.tokens) {
    const typed = typedForm(question, token.word);
    let term = token.term;
    let word = token.word;
    const alternatives: string[][] = [];
    let longForm: string | undefined;
    if (df(term) === 0) {
      const replaced = replacement(token, typed, vocabulary);
      if (replaced) {
        const replacedTerms = analyzeTerms(replaced.word);
        if (replacedTerms.length > 0) {
          if (replaced.show) corrections.push({ from: typed, to: replaced.word });
          word = replaced.word;
          term = replacedTerms[0]!;
          if (replacedTerms.length > 1) alternatives.push(replacedTerms);
        }
      }
    }
    const numbered = /^(\d+)([a-z]+)$/.exec(term);
    if (numbered && Number(numbered[1]) <= 10) alternatives.push([NUMBER_WORDS[Number(numbered[1])]!, ...analyzeTerms(numbered[2]!)]);
    if (looksLikeAcronym(typed) || defined.has(acronymKey(typed)) || (df(term) === 0 && ACRONYM_GLOSSARY[acronymKey(typed)])) {
      const key = acronymKey(typed);
      const long = defined.get(key) ?? vocabulary.acronym(key) ?? ACRONYM_GLOSSARY[key];
      const longTerms = long ? analyzeTerms(long) : [];
      if (long && longTerms.length > 0 && !(longTerms.length === 1 && longTerms[0] === term)) {
        alternatives.push(longTerms);
        longForm = long;
        if (!defined.has(key)) expansions.push({ from: typed, to: long });
      }
    }
    if (SURVEY_TERMS.has(term)) alternatives.push(...SURVEY_ALTERNATIVES.filter((a) => a[0] !== term));

    tokens.push(term === token.term && word === token.word ? token : { ...token, term, word, ...(token.compound ? { compound: word } : {}) });
    const existing = concepts.get(term);
    if (existing) {
      // A word said twice matters more (long questions repeat their topic).
      existing.count++;
      continue;
    }
    const all = [[term], ...alternatives];
    const known = all.some((terms) => isKnown(terms, vocabulary));
    const concept: QueryConcept = {
      typed,
      word,
      alternatives: all,
      subject: subjectTerms.has(token.term) || subjectTerms.has(term),
      main: mainTerms.has(token.term) || mainTerms.has(term),
      known,
      count: 1,
      label: missingLabel(question, typed, token.word, extracted.phrases),
    };
    if (!known && longForm) {
      const near = nearForm(longForm, vocabulary);
      if (near) {
        concept.near = near;
        concept.nearTerms = analyzeTerms(near);
      }
    }
    concepts.set(term, concept);
  }

  const list = [...concepts.values()];
  // With no subject words found (a question that is all "for …"), the whole first sentence is the subject.
  if (!list.some((c) => c.subject)) for (const c of list) c.subject = c.main;
  const weights = new Map<string, number>();
  const phrases: string[] = [];
  for (const concept of list) {
    if (!concept.known && concept.nearTerms) {
      // Searched for what is near ("radiance field" for NeRF), lighter, like an alternative.
      for (const t of concept.nearTerms) add(weights, t, ALTERNATIVE_WEIGHT);
      for (let i = 1; i < concept.nearTerms.length; i++) phrases.push(concept.nearTerms[i - 1] + PHRASE_JOINER + concept.nearTerms[i]);
    }
    if (!concept.known) continue;
    // Ranking weighs the question's later sentences like its first (measured: lighter context
    // terms cost CACM 0.01–0.02 nDCG@10); the answer builder weighs them lighter for quoting.
    const unit = concept.count;
    const [own, ...others] = concept.alternatives;
    if (own && own.every((t) => df(t) > 0)) for (const t of own) add(weights, t, unit);
    for (const terms of others) {
      if (!terms.every((t) => df(t) > 0)) continue;
      for (const t of terms) add(weights, t, unit * ALTERNATIVE_WEIGHT);
      for (let i = 1; i < terms.length; i++) phrases.push(terms[i - 1] + PHRASE_JOINER + terms[i]);
    }
  }
  // Phrases from every token (an unknown word between two known ones is no adjacency to invent).
  phrases.unshift(...phraseTerms(tokens));
  const knownTokens: AnalyzedToken[] = [];
  let skipped = false;
  for (const token of tokens) {
    if (!concepts.get(token.term)?.known) {
      skipped = true;
      continue;
    }
    knownTokens.push(skipped ? { ...token, gapBefore: true } : token);
    skipped = false;
  }

  const missing = list.filter((c) => c.subject && !c.known && !c.near).map((c) => c.label);
  const near = list.filter((c) => c.subject && !c.known && c.near).map((c) => ({ from: c.label, to: c.near! }));
  const intent = /\bwhy\b|\bwhat causes\b|\breason(s)? (for|why)\b/i.test(question)
    ? 'why'
    : ORIGIN.test(question)
      ? 'origin'
    : sides && sides[0].some((t) => concepts.get(t)?.known) && sides[1].some((t) => concepts.get(t)?.known)
      ? 'compare'
      : list.some((c) => SURVEY_TERMS.has(c.alternatives[0]![0]!))
        ? 'survey'
        : 'general';
  const result: UnderstoodQuery = {
    keywords: { tokens: knownTokens, phrases: keywordPhrases(knownTokens) },
    concepts: list,
    weights,
    phrases,
    corrections,
    expansions,
    missing,
    near,
    intent,
  };
  if (intent === 'compare' && sides) result.sides = sides;
  if (corrections.length > 0) result.searchedFor = keywordPhrases(knownTokens).join(' ');
  return result;
}

/** Whether some paper holds all of an alternative's terms (and, for a long form, its adjacent pairs). */
function isKnown(terms: readonly string[], vocabulary: CorpusVocabulary): boolean {
  if (!terms.every((t) => vocabulary.termFrequency(t) > 0)) return false;
  for (let i = 1; i < terms.length; i++) if (vocabulary.phraseFrequency(terms[i - 1] + PHRASE_JOINER + terms[i]) === 0) return false;
  return true;
}

/**
 * The longest run of an acronym's long form that papers use as a phrase, in its own words
 * ("radiance fields" of NeRF's "neural radiance fields"); undefined when no two words occur together.
 */
function nearForm(longForm: string, vocabulary: CorpusVocabulary): string | undefined {
  const tokens = analyze(longForm);
  let best: [number, number] | undefined;
  for (let start = 0; start < tokens.length; start++) {
    let end = start + 1;
    while (end < tokens.length && vocabulary.phraseFrequency(tokens[end - 1]!.term + PHRASE_JOINER + tokens[end]!.term) > 0) end++;
    if (end - start >= 2 && (!best || end - start > best[1] - best[0])) best = [start, end];
  }
  return best ? tokens.slice(best[0], best[1]).map((t) => t.word).join(' ') : undefined;
}

/**
 * How to name a word the corpus lacks: the word as typed, or, when it is one of a two-word
 * phrase of the question ("Bayesian optimization"), that phrase as typed.
 */
function missingLabel(question: string, typed: string, word: string, phrases: readonly string[]): string {
  const phrase = phrases.find((p) => p.split(' ').includes(word));
  if (phrase && phrase.split(' ').length === 2) return typedForm(question, phrase);
  return typed;
}

/** A replacement for a word no paper uses: a plural's singular, a chat abbreviation's word, or a spelling correction. */
function replacement(token: AnalyzedToken, typed: string, vocabulary: CorpusVocabulary): { word: string; show: boolean } | undefined {
  const word = token.word;
  if (word.endsWith('s') && vocabulary.termFrequency(token.term.replace(/s$/, '')) > 0 && token.term.endsWith('s')) {
    return { word: word.slice(0, -1), show: false };
  }
  const abbreviation = CHAT_ABBREVIATIONS[word];
  if (abbreviation) return { word: abbreviation, show: true };
  // Words typed with capitals inside ("NeRF", "RLHF") are names, not typos.
  if (looksLikeAcronym(typed) || /[A-Z]/.test(typed.slice(1)) || ACRONYM_GLOSSARY[acronymKey(typed)]) return undefined;
  const corrected = correctSpelling(vocabulary, word);
  return corrected ? { word: corrected, show: true } : undefined;
}

/** The word as typed in the question (its case), found by its lowercased form. */
function typedForm(question: string, word: string): string {
  // A scan, not a RegExp per word: this runs for every word of every question.
  const lower = question.toLowerCase();
  const target = word.toLowerCase();
  const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
  for (let at = lower.indexOf(target); at >= 0; at = lower.indexOf(target, at + 1)) {
    // Lowercasing can change lengths only for rare letters; then the plain word is good enough.
    if (lower.length !== question.length) break;
    if (!isWordChar(lower[at - 1]) && !isWordChar(lower[at + target.length])) return question.slice(at, at + target.length);
  }
  return word;
}

/**
 * Where the question's subject and main ask are: the first sentence with content words is the
 * main ask (later ones are context: "calibration seems weird bc …"); its head, up to the first
 * relation word ("NeRF | for novel view synthesis"), is the subject; "X vs Y" gives two sides.
 */
function questionShape(question: string, keywords: Keywords): { subjectTerms: Set<string>; mainTerms: Set<string>; sides?: [string[], string[]] } {
  const sentences = question.split(/(?<=[?.!;])\s+|\s+-\s+|\n+/).filter((s) => s.trim());
  // A question of one sentence is its own first sentence: its keywords are already extracted.
  const keywordsOf = (text: string) => (text === question ? keywords : extractKeywords(text));
  const first = sentences.find((s) => keywordsOf(s).tokens.length > 0) ?? question;
  const content = keywordsOf(first).tokens;
  const mainTerms = new Set(content.map((t) => t.term));
  let subjectText = first;
  // The head ends at the first relation word that follows a content word.
  let searchFrom = 0;
  while (true) {
    const match = RELATION_WORDS.exec(subjectText.slice(searchFrom));
    if (!match) break;
    const at = searchFrom + match.index;
    if (extractKeywords(subjectText.slice(0, at)).tokens.length > 0) {
      subjectText = subjectText.slice(0, at);
      break;
    }
    searchFrom = at + match[0].length;
  }
  const topic = topicWords(subjectText);
  const subjectTokens = analyze(subjectText).filter((t) => mainTerms.has(t.term));
  const topical = subjectTokens.filter((t) => t.compound || topic.has(t.word));
  const subjectTerms = new Set((topical.length > 0 ? topical : subjectTokens).map((t) => t.term));
  if (subjectTerms.size === 0) for (const t of content) subjectTerms.add(t.term);
  const comparison = COMPARISON.exec(first);
  if (!comparison) return { subjectTerms, mainTerms };
  const left = extractKeywords(first.slice(0, comparison.index)).tokens.map((t) => t.term);
  const right = extractKeywords(first.slice(comparison.index + comparison[0].length)).tokens.map((t) => t.term);
  // Both sides are the subject of a comparison ("shortcut models vs consistency models").
  for (const t of [...left, ...right]) if (mainTerms.has(t)) subjectTerms.add(t);
  // What both sides share ("models" of "shortcut models vs consistency models") tells them apart from nothing.
  const leftOnly = left.filter((t) => !right.includes(t));
  const rightOnly = right.filter((t) => !left.includes(t));
  return leftOnly.length && rightOnly.length ? { subjectTerms, mainTerms, sides: [leftOnly, rightOnly] } : { subjectTerms, mainTerms };
}

/** Parts of speech that can continue a noun phrase after a modifier. */
const PHRASE_CONTINUES: ReadonlySet<string> = new Set(['NOUN', 'PROPN', 'ADJ', 'VERB', 'NUM', 'X']);

/**
 * The words of a text that name a topic: all but predicative modifiers, i.e. an adjective,
 * adverb or past participle that no noun phrase follows ("is label smoothing *bad* for …",
 * "is noise conditioning *needed* in …", "not look *oversaturated*"). Tagging with wink-nlp.
 */
function topicWords(text: string): Set<string> {
  const nlp = taggerNlp();
  const tokens = nlp.readDoc(text).tokens();
  const words = tokens.out(nlp.its.normal) as string[];
  const tags = tokens.out(nlp.its.pos) as string[];
  const topic = new Set<string>();
  words.forEach((word, i) => {
    const tag = tags[i]!;
    const modifier = tag === 'ADJ' || tag === 'ADV' || (tag === 'VERB' && word.endsWith('ed'));
    const next = tags[i + 1];
    if (modifier && (next === undefined || !PHRASE_CONTINUES.has(next))) return;
    topic.add(word);
  });
  return topic;
}

function add(weights: Map<string, number>, term: string, weight: number): void {
  weights.set(term, (weights.get(term) ?? 0) + weight);
}
