import type { CorpusIssue } from './corpus-issue.js';
import type { Paper } from './paper.js';

/** A paper as one file gives it, before duplicates are merged and ids assigned. */
export interface PaperDraft extends Omit<Paper, 'id'> {
  /** The record's own id, when it gave one; otherwise one is derived from the title later. */
  ownId?: string;
}

/** What parsing one corpus file yields. */
export interface ParsedFile {
  papers: PaperDraft[];
  issues: CorpusIssue[];
  /** Records seen but not loaded (invalid, or an abstract without a title). */
  skipped: number;
}
