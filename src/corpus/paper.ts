/** A link found in a paper's abstract (or given by its record). */
export interface PaperLink {
  /** What the link points at: code on GitHub, a project page, or the paper itself. */
  kind: 'github' | 'project' | 'paper';
  url: string;
}

/** Where a paper was read from, for error messages and provenance. */
export interface PaperSource {
  /** Path of the corpus file as given (relative to the corpus root when loaded from a directory). */
  file: string;
  /** 1-based line of the paper's title (or record) in that file. */
  line: number;
}

/** One paper of the corpus, as every other part of paperbot sees it. */
export interface Paper {
  /** Stable id: the record's own `id`, else derived from the normalised title (never from position). */
  id: string;
  title: string;
  abstract: string;
  /** Author names, when the source lists them. */
  authors?: string[];
  /** Number of authors, when only a count is known (e.g. "• 4 authors"). */
  authorCount?: number;
  /** Publication date as ISO `YYYY-MM-DD`, only when the full date (with year) is known. */
  published?: string;
  /** The date as the source printed it (e.g. "Jul 31" without a year), when it could not be made ISO. */
  dateText?: string;
  /** Upvotes on the listing page, when given. */
  upvotes?: number;
  /**
   * The arXiv id without version (`2301.12345`), when the record gave one: its `arxivId` field,
   * its own id when that is an arXiv id, or its `url` on arXiv or Hugging Face papers.
   */
  arxivId?: string;
  /** The paper's own page (record `url`). */
  url?: string;
  /** Links extracted from the abstract, plus `url` as kind "paper". Deduplicated, in order of appearance. */
  links: PaperLink[];
  /** Every place the paper was read from (more than one when duplicates were merged). */
  sources: PaperSource[];
}
