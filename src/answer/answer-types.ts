import type { PaperLink } from '../corpus/paper.js';

/** One sentence of an answer, quoted verbatim from the abstract(s) it cites. */
export interface AnswerSentence {
  text: string;
  /** Numbers (`n`) of the sources whose abstract contains this exact sentence. */
  sources: number[];
}

/** A paper in a result's numbered source list. */
export interface SourceRef {
  /** 1-based number, as cited `[n]`. */
  n: number;
  id: string;
  title: string;
  published?: string;
  dateText?: string;
  upvotes?: number;
  authors?: string[];
  authorCount?: number;
  links: PaperLink[];
  /** The question's words found in this paper. */
  matched: string[];
}

/** The platform-neutral result of {@link answer}. */
export interface Answer {
  question: string;
  /** The keywords the question was taken to ask about ("matched: …"). */
  keywords: string[];
  /** At most {@link AnswerLimits.maxSentences} sentences, each cited. Empty when nothing relevant was found. */
  sentences: AnswerSentence[];
  /** The cited papers, numbered in order of first citation. */
  sources: SourceRef[];
  /** Whether anything relevant was found; when false, `suggestions` says what to try. */
  found: boolean;
  /** What to try when nothing (or little) was found. */
  suggestions: string[];
  /** How many papers matched the question at all (what "more" pages through). */
  totalMatches: number;
}

/** Limits of an answer. */
export interface AnswerLimits {
  /** Most sentences in an answer. Default 5. */
  maxSentences: number;
  /** Most characters of the answer's sentences together, with their "[n]" markers. Default 800. */
  maxChars: number;
  /** Papers considered as sources. Default 6. */
  candidatePapers: number;
  /** Most sentences quoted from one paper. Default 2. */
  maxPerPaper: number;
}

export const DEFAULT_ANSWER_LIMITS: Readonly<AnswerLimits> = Object.freeze({
  maxSentences: 5,
  maxChars: 800,
  candidatePapers: 6,
  maxPerPaper: 2,
});
