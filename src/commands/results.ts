import type { Answer, SourceRef } from '../answer/answer-types.js';
import type { Digest } from '../digest/digest-types.js';
import type { PaperFilters } from '../query/filters.js';

/**
 * What commands return: plain data, rendered by each front-end (terminal text, Slack Block
 * Kit, Discord embeds). Nothing here knows about any platform.
 */
export type CommandResult = AnswerResult | PaperListResult | PaperDetailResult | HelpResult | ErrorResult | NoticeResult | DigestResult | LinkResult | WhyResult;

/** A short confirmation or status ("Subscribed: daily at 09:00 UTC …"); shown to the asker only. */
export interface NoticeResult {
  kind: 'notice';
  title: string;
  lines: string[];
}

/** A digest shown in chat (`digest preview`): the same data a scheduled digest posts. */
export interface DigestResult {
  kind: 'digest';
  digest: Digest;
}

/**
 * A page of a list, as data a button can carry ("More results"): front-ends put it in a button
 * value (Slack) or keep it under a short key (Discord's 100-character custom ids) and run it
 * with `runPage`. It is untrusted when it comes back, and validated again.
 */
export interface PageRequest {
  source: 'search' | 'similar' | 'papers';
  /** The query (search), the paper id (similar), or '' (papers). */
  query: string;
  offset: number;
  limit: number;
  /** Filters given as options (`search --since …`), kept for the next page. */
  filters?: PaperFilters;
}

/** `ask`: a cited answer. */
export interface AnswerResult {
  kind: 'answer';
  answer: Answer;
  /** The ranked papers for the question, for "More results"; absent when nothing matched. */
  next?: PageRequest;
  /** When a follow-up ("only 2024", "what about video?") made it: the question it ran, shown as "follow-up: …". */
  followUp?: string;
}

/** One entry of a ranked or plain list of papers. */
export interface PaperListItem extends SourceRef {
  /** One line from the abstract: the sentence that best matches the query, shortened. */
  snippet: string;
}

/** `search`, `similar`, `papers` and `more`: a page of papers. */
export interface PaperListResult {
  kind: 'list';
  /** Which command made the list. */
  source: 'search' | 'similar' | 'papers';
  /** A heading: `Papers for "…"`, `Papers like "…"`, `Papers in the corpus (N)`. */
  title: string;
  /** The query (search), or the id of the paper (similar); empty for `papers`. */
  query: string;
  /** Keywords the query was taken to mean (search only). */
  keywords: string[];
  /** What was searched when it differs from what was typed (misspellings corrected): "searched for: …" (search only). */
  searchedFor?: string;
  /** When nothing matched: a query the corpus would match ("did you mean: …"), if one is near (search only). */
  didYouMean?: string;
  /** The filters the list was made with (search only), when there were any. */
  filters?: ListFilters;
  items: PaperListItem[];
  /** 0-based index of the first item in the whole list. */
  offset: number;
  /** How many papers the whole list has. */
  total: number;
  /** Whether `more` has another page. */
  hasMore: boolean;
  /** The next page, when there is one. */
  next?: PageRequest;
  /** When a follow-up ("only 2024", "what about video?") made it: what it ran, shown as "follow-up: …". */
  followUp?: string;
}

/** Filters of a list, for display ("filters: since 2024-01-01 · with code · newest first") and `--json`. */
export interface ListFilters {
  /** The filters as data. */
  applied: PaperFilters;
  /** Short phrases, in display order. */
  understood: string[];
  /** What the corpus could not tell: "dates known for 25 of 231 papers; 3 match". */
  notes: string[];
}

/** `show`: one paper in full. */
export interface PaperDetailResult {
  kind: 'paper';
  paper: SourceRef & { abstract: string; url?: string };
}

/**
 * `link URL` (or a paper link pasted alone in chat): the paper the link names, its gist and the
 * papers most like it; or, when the corpus lacks it, `paper` absent and the sync that would fetch it.
 */
export interface LinkResult {
  kind: 'link';
  /** The link as given. */
  url: string;
  /** The arXiv id it names, without version. */
  arxivId: string;
  /** The paper, when the corpus has it (numbered 1, as `show 1` opens it). */
  paper?: SourceRef & { url?: string };
  /** Its contribution sentence, quoted verbatim (see `ArxivMatch.gist`); with `paper`. */
  gist?: string;
  /** The papers most like it (numbered from 2); empty when the corpus lacks it. */
  similar: PaperListItem[];
  /** When the corpus lacks it: the command that fetches it (`paperbot sync --arxiv-query "id:…"`). */
  sync?: string;
}

/**
 * `why N` (or "why 2?" after a result): why a paper is in the last result — the words it matched,
 * where and how often, the words it lacks, and the sentence that matched.
 */
export interface WhyResult {
  kind: 'why';
  /** The paper, with the number it had in the last result. */
  paper: SourceRef;
  /** What it was matched against: a question (answer), a query (search), another paper (similar), or a plain list (papers). */
  basis: { kind: 'question' | 'query' | 'like' | 'list'; text: string };
  /** The words it holds: how often in its title and in its abstract. */
  matched: Array<{ word: string; title: number; abstract: number }>;
  /** The question's words it lacks. */
  missing: string[];
  /** The sentences the answer quoted from it (answers only). */
  quoted: string[];
  /** The abstract sentence holding the most of the matched words, with highlight ranges. */
  sentence?: { text: string; highlights: Array<[number, number]> };
  /** Its place in the ranking (1-based) and how many papers the ranking has; rank absent when it is not ranked. */
  rank?: number;
  total: number;
  /** The filters the list was made with, as phrases ("since 2024-01-01"); the paper passes them. */
  filters: string[];
}

/** `help`: the commands and how to call them. */
export interface HelpResult {
  kind: 'help';
  commands: Array<{ name: string; usage: string; summary: string }>;
  /** Extra lines (examples, follow-ups). */
  notes: string[];
}

/** A failure the user can act on (bad option, unknown paper, …). */
export interface ErrorResult {
  kind: 'error';
  /** An {@link ErrorCode} value. */
  code: string;
  message: string;
  /** What to do instead, when there is something to say. */
  hint?: string;
}
