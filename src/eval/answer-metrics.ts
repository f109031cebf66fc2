/**
 * Answer-quality metrics: how much of what an answer quotes is what a researcher asking wants to
 * read, judged against gold sentences (see `answer-gold.ts`). Pure functions over plain data, so
 * they are tested without an index; `answer()`'s result fits {@link QuotedAnswer} as it is.
 */
import { EvalInputError } from '../errors.js';
import type { AnswerGold, PaperGold } from './answer-gold.js';

/** Grade of a key sentence: what the asker wants to read. */
export const KEY_GRADE = 2;
/** Grade of a support sentence: useful, secondary. */
export const SUPPORT_GRADE = 1;
/** Word-set Jaccard similarity at or above which two sentences match. */
export const MIN_WORD_JACCARD = 0.7;
/** papers-covered expects at most this many papers quoted (an answer has few sentences). */
export const MAX_EXPECTED_PAPERS = 5;

/** The part of an answer the metrics read: what was quoted and which papers it cites. */
export interface QuotedAnswer {
  /** The quoted sentences; `sources` holds the numbers `n` of the papers cited. */
  sentences: ReadonlyArray<{ text: string; sources: readonly number[] }>;
  /** The numbered sources: `n` as cited, `id` the corpus record id (the gold's docid). */
  sources: ReadonlyArray<{ n: number; id: string }>;
}

/** The five answer-quality metrics, each from 0 (worst) to 1 (best). */
export interface AnswerMetrics {
  /** 1 when at least one sentence is key, else 0. */
  keyHit: number;
  /** Share of the sentences that are key. */
  keyPrecision: number;
  /** Share of the sentences that are key or support. */
  usefulPrecision: number;
  /** Mean grade (2 key, 1 support, 0 other) of the sentences, divided by 2. */
  sentenceGain: number;
  /** Papers quoted with a key sentence over min(5, papers with a key sentence in the gold); at most 1. */
  papersCovered: number;
}

/** One question's metrics and the size of its answer. */
export interface AnswerScore extends AnswerMetrics {
  /** Number of sentences in the answer. */
  sentences: number;
  /** Characters of the answer's sentences together (their text only, no "[n]" markers). */
  chars: number;
}

/** One row of a report. */
export interface QuestionScore extends AnswerScore {
  qid: string;
}

/** Means over the questions with gold (macro average), plus each question's own score. */
export interface AnswerEvalReport {
  /** Number of questions averaged: those with at least one gold line. */
  queries: number;
  mean: AnswerMetrics;
  /** In the gold file's order of questions. */
  perQuery: QuestionScore[];
}

/** Lowercased, with every character but letters and digits removed (spaces too). */
export function compactText(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The distinct lowercased words (runs of letters and digits) of a text. */
export function wordSet(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}

/** |A ∩ B| / |A ∪ B|; 0 when both are empty. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}

/**
 * Whether two sentences are the same quote: one contains the other once lowercased and stripped
 * to letters and digits (so a gold sentence split or joined differently still matches), or their
 * word sets overlap with Jaccard ≥ {@link MIN_WORD_JACCARD}. A text with no letter or digit
 * matches nothing (the empty string would be contained in everything).
 */
export function sentencesMatch(a: string, b: string): boolean {
  const compactA = compactText(a);
  const compactB = compactText(b);
  if (compactA === '' || compactB === '') return false;
  if (compactA.includes(compactB) || compactB.includes(compactA)) return true;
  return jaccard(wordSet(a), wordSet(b)) >= MIN_WORD_JACCARD;
}

/** Grade of one sentence against one paper's gold: 2 if it matches a key sentence, 1 a support one, else 0. */
export function gradeAgainst(text: string, gold: PaperGold | undefined): number {
  if (gold === undefined) return 0;
  if (gold.key.some((sentence) => sentencesMatch(text, sentence))) return KEY_GRADE;
  if (gold.support.some((sentence) => sentencesMatch(text, sentence))) return SUPPORT_GRADE;
  return 0;
}

/** Number of papers with at least one key sentence in a question's gold. */
function papersWithKey(gold: ReadonlyMap<string, PaperGold>): number {
  let count = 0;
  for (const paper of gold.values()) if (paper.key.length > 0) count++;
  return count;
}

const ZERO: Readonly<AnswerMetrics> = Object.freeze({ keyHit: 0, keyPrecision: 0, usefulPrecision: 0, sentenceGain: 0, papersCovered: 0 });

/**
 * Scores one answer against its question's gold (docid → gold). A sentence's grade is the best
 * grade it earns in any paper it cites; a cited paper without gold, or a citation number missing
 * from `sources`, earns 0. A paper counts as covered when a sentence citing it matches one of
 * its key sentences. An answer without sentences scores 0 everywhere (abstaining never gains),
 * and papers-covered is 0 when the gold has no key sentence at all.
 */
export function scoreAnswer(answer: QuotedAnswer, gold: ReadonlyMap<string, PaperGold>): AnswerScore {
  const sentences = answer.sentences.length;
  const chars = answer.sentences.reduce((sum, sentence) => sum + sentence.text.length, 0);
  if (sentences === 0) return { ...ZERO, sentences, chars };
  const ids = new Map(answer.sources.map((source) => [source.n, source.id]));
  const covered = new Set<string>();
  const grades = answer.sentences.map((sentence) => {
    let best = 0;
    for (const n of sentence.sources) {
      const id = ids.get(n);
      if (id === undefined) continue;
      const grade = gradeAgainst(sentence.text, gold.get(id));
      if (grade === KEY_GRADE) covered.add(id);
      best = Math.max(best, grade);
    }
    return best;
  });
  const share = (keep: (grade: number) => boolean) => grades.filter(keep).length / sentences;
  const expected = Math.min(MAX_EXPECTED_PAPERS, papersWithKey(gold));
  return {
    keyHit: grades.includes(KEY_GRADE) ? 1 : 0,
    keyPrecision: share((grade) => grade === KEY_GRADE),
    usefulPrecision: share((grade) => grade >= SUPPORT_GRADE),
    sentenceGain: grades.reduce((sum, grade) => sum + grade, 0) / sentences / KEY_GRADE,
    papersCovered: expected === 0 ? 0 : Math.min(1, covered.size / expected),
    sentences,
    chars,
  };
}

/**
 * Scores the answers (qid → answer) of every question in the gold and averages them. A question
 * in the gold without an answer scores as an empty answer; answers to questions without gold are
 * ignored. Throws an {@link EvalInputError} when the gold holds no question at all.
 */
export function evaluateAnswers(answers: ReadonlyMap<string, QuotedAnswer>, gold: AnswerGold): AnswerEvalReport {
  const empty: QuotedAnswer = { sentences: [], sources: [] };
  const perQuery = [...gold].map(([qid, papers]): QuestionScore => ({ qid, ...scoreAnswer(answers.get(qid) ?? empty, papers) }));
  const queries = perQuery.length;
  if (queries === 0) throw new EvalInputError('answer gold holds no line for any query: nothing to evaluate');
  const mean = (metric: keyof AnswerMetrics): number => perQuery.reduce((sum, score) => sum + score[metric], 0) / queries;
  return {
    queries,
    mean: {
      keyHit: mean('keyHit'),
      keyPrecision: mean('keyPrecision'),
      usefulPrecision: mean('usefulPrecision'),
      sentenceGain: mean('sentenceGain'),
      papersCovered: mean('papersCovered'),
    },
    perQuery,
  };
}
