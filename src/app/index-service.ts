import type { ChannelFeedback, ProfileSummary } from '../digest/channel-profile.js';
import type { Answer } from '../answer/answer-types.js';
import type { Paper } from '../corpus/paper.js';
import type { PaperFilters, ParsedFilters } from '../query/filters.js';

/** Which part of a ranked or plain list of papers to return. */
export interface PageOptions {
  /** Papers to skip. */
  offset: number;
  /** Papers to return. */
  limit: number;
}

/** A page of a search, with its filters. */
export interface SearchOptions extends PageOptions {
  /** Filters given as options (`--since`, `--with-code`, `--sort`); they win over filters said in words. Default: none. */
  filters?: PaperFilters;
  /**
   * The time in ms since the epoch: when given, filters said in words ("since 2024", "with code")
   * are parsed out of the query, and relative dates count back from it. Default: no parsing.
   */
  now?: number;
}

/** The filters a search applied, for display and `--json`. */
export interface AppliedFilters {
  filters: PaperFilters;
  /** Short phrases: "since 2024-01-01", "with code", "newest first". */
  understood: string[];
  /** What the corpus could not tell: "dates known for 25 of 231 papers; 3 match". */
  notes: string[];
  /** The query without the filter words: what was ranked. */
  rest: string;
}

/** A paper on a page of a list, ready to show. */
export interface ListedPaper {
  paper: Paper;
  /** The query's words found in the paper (empty where there is no query). */
  matched: string[];
  /** One line from the abstract: the sentence that best matches the query, shortened. */
  snippet: string;
}

/** One page of a list of papers. */
export interface PaperPage {
  papers: ListedPaper[];
  /** How many papers the whole list has. */
  total: number;
}

/** A page of search results. */
export interface SearchPage extends PaperPage {
  /** What the query was taken to mean (key phrases). */
  keywords: string[];
  /** What was searched when it differs from what was typed (see `UnderstoodQuery.searchedFor`). */
  searchedFor?: string;
  /** When nothing matched on the first page: a query the corpus would match, if one is near. */
  didYouMean?: string;
  /** The filters applied, when there were any. */
  filters?: AppliedFilters;
}

/** A page of the papers most like one paper. */
export interface SimilarPage extends PaperPage {
  /** The paper the list is like. */
  like: Paper;
  /** The filters applied, when there were any. */
  filters?: AppliedFilters;
}

/** A page of the papers most like one paper, optionally filtered. */
export interface SimilarOptions extends PageOptions {
  /** Keep only the papers these filters keep ("only 2024" after "more like 2"). Default: none. */
  filters?: PaperFilters;
}

/** How an answer is built. */
export interface AnswerOptions {
  /**
   * The time in ms since the epoch: when given, filters said in the question ("with code since
   * 2024") are understood, and relative dates count back from it. Default: no parsing.
   */
  now?: number;
  /** Filters given as data (a follow-up's "only 2024"); they win over filters said in words, field by field. Default: none. */
  filters?: PaperFilters;
}

/** What a paper shares with a query or with another paper: why it was listed ("why 2?"). */
export type ExplainBasis =
  /** A question or search query; `filters` as {@link SearchOptions.filters}. */
  | { query: string; filters?: PaperFilters }
  /** Another paper (a "similar" list): the distinctive words both hold. */
  | { like: string; filters?: PaperFilters };

/** Why a paper matched. */
export interface Explanation {
  paper: Paper;
  /** The query's words (or, for a "similar" list, the other paper's distinctive words) the paper holds: how often in its title and abstract. */
  matched: Array<{ word: string; title: number; abstract: number }>;
  /** The query's words the paper does not hold. */
  missing: string[];
  /** The abstract sentence holding the most of the matched words (whole), with highlight ranges; absent when none holds any. */
  sentence?: { text: string; highlights: Array<[number, number]> };
  /** The paper's place in the ranking for the query (1-based), when it is ranked at all. */
  rank?: number;
  /** How many papers the ranking has. */
  total: number;
}

/** A paper found by the arXiv id a link names, with what a link preview shows of it. */
export interface ArxivMatch {
  paper: Paper;
  /** Its contribution sentence as answers pick it, else the digest's gist (the first sentence, shortened). */
  gist: string;
}

/** What {@link IndexService.completePapers} may return. */
export interface CompletionOptions {
  /** Most papers. */
  limit: number;
  /** Papers whose id is longer are skipped (Discord's choice values hold 100 characters). Default: no limit. */
  maxIdLength?: number;
}

/**
 * One corpus, as commands, digests and autocomplete use it: every question that needs the
 * index, asked asynchronously and answered with plain, structured-clone-able data (no Map,
 * Set or class instance), so the index may live in this thread ({@link LocalIndexService}) or
 * in worker threads (`WorkerIndexPool`), and the event loop that acknowledges Slack and
 * Discord never runs ranking or answer building itself.
 *
 * An instance serves one corpus for its whole life: a reload makes a new one, so a command
 * that holds an instance sees one corpus from start to end.
 */
export interface IndexService {
  /** Number of papers. */
  readonly size: number;
  /** The paper with this id, if any. */
  get(id: string): Promise<Paper | undefined>;
  /** Papers by id, in order; `undefined` where an id is not in the corpus. */
  getMany(ids: readonly string[]): Promise<Array<Paper | undefined>>;
  /** A page of papers ranked for a query, with matched words and snippets. */
  search(query: string, page: SearchOptions): Promise<SearchPage>;
  /** A page of the papers most like a paper (never the paper itself); rejects with `UnknownPaperError`. */
  similar(id: string, page: SimilarOptions): Promise<SimilarPage>;
  /** A page of the corpus, newest first. */
  recent(page: PageOptions): Promise<PaperPage>;
  /**
   * A cited answer built from the abstracts. With `now`, filters said in the question ("with
   * code since 2024") are understood: the rest is answered from the papers they keep.
   */
  answer(question: string, options?: AnswerOptions): Promise<Answer>;
  /**
   * Filters said in plain words, parsed with this corpus's author names ("by Song" is a filter
   * only when Song wrote a paper here); relative dates count back from `now` (ms since the epoch).
   */
  understandFilters(text: string, now: number): Promise<ParsedFilters>;
  /** Why a paper matched a query, or another paper; rejects with `UnknownPaperError` for an unknown id. */
  explain(id: string, basis: ExplainBasis): Promise<Explanation>;
  /**
   * A digest's papers: not in `posted`, ranked by relevance to `topic` when given (papers that
   * do not match it left out), else newest first; re-ranked by the channel's votes when given.
   */
  digestPapers(posted: readonly string[], count: number, topic?: string, feedback?: ChannelFeedback): Promise<Paper[]>;
  /** A channel's learnt profile as words (`digest why`). */
  digestProfile(feedback: ChannelFeedback, limit?: number): Promise<ProfileSummary>;
  /** The paper an arXiv id (without version) names: by its own id or its page's link; undefined when the corpus lacks it. */
  findArxiv(arxivId: string): Promise<ArxivMatch | undefined>;
  /** Papers whose id or title matches typed text, then ranked hits; the newest when nothing is typed. */
  completePapers(typed: string, options: CompletionOptions): Promise<Paper[]>;
  /**
   * Called once, when this corpus was replaced and no command uses it any more: frees what it
   * holds (a worker pool's threads). Nothing is asked of it afterwards.
   */
  release?(): void;
}
