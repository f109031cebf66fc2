import type { PaperLink } from '../corpus/paper.js';

/** One sentence of an answer, quoted verbatim from the abstract(s) it cites. */
export interface AnswerSentence {
  text: string;
  /** Numbers (`n`) of the sources whose abstract contains this exact sentence. */
  sources: number[];
  /**
   * Character ranges `[start, end)` of `text` holding a word the question matched (its stem or
   * an expansion of it), in order and not overlapping; adapters may bold them. Empty when none.
   */
  highlights: Array<[number, number]>;
}

/** A word of the question searched for as another word ("difusion" → "diffusion"). */
export interface Correction {
  from: string;
  to: string;
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
  /** Filters said in the question ("since 2024", "with code"), when there were any: the answer quotes only papers they keep. */
  filters?: { understood: string[]; notes: string[] };
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
  /**
   * What was searched, in words, when it differs from what was typed (misspellings corrected,
   * chat filler dropped): "diffusion sampling speedup". Shown as "searched for: …".
   */
  searchedFor?: string;
  /** The misspelt words corrected against the corpus's own vocabulary. */
  corrections?: Correction[];
  /** Acronyms expanded with the corpus's own definitions ("PTQ" → "post-training quantization"). */
  expansions?: Correction[];
  /**
   * The question's subject words that no paper contains ("NeRF", "RLHF"). With `found: false`
   * the answer abstains ("Nothing on RLHF in this corpus."); with `found: true` see `caveat`.
   */
  missing?: string[];
  /**
   * One line to show before the quotes when the corpus has something near but not the thing
   * asked: "Nothing on NeRF itself; closest: radiance fields, novel view synthesis."
   */
  caveat?: string;
  /**
   * When the answer abstains: the papers closest to the question, listed as suggestions
   * (title and link), never quoted. Empty otherwise.
   */
  closest?: SourceRef[];
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
