import type { CorpusIssue } from './corpus-issue.js';
import type { LoadedCorpus } from './load-corpus.js';

/**
 * A loaded corpus without its papers: what was read, what went wrong, and which files yielded
 * papers. It is what a corpus loaded in a worker thread reports to the main thread (the papers
 * stay in the worker: cloning 20k of them would stall the thread this is meant to spare), and
 * all that the corpus watcher and the start-up report read.
 */
export interface CorpusSummary {
  /** Number of papers, duplicates merged. */
  paperCount: number;
  /** Corpus files read (see {@link LoadedCorpus.files}). */
  files: string[];
  /** The files at least one paper came from. */
  liveFiles: string[];
  issues: CorpusIssue[];
  skipped: number;
  merged: number;
  /**
   * True when this is the corpus of an earlier snapshot, served at start-up while the corpus as
   * it is now is being indexed (see `openIndex`).
   */
  stale?: boolean;
}

/** The summary of a corpus; a summary is returned as it is. */
export function summarizeCorpus(corpus: LoadedCorpus | CorpusSummary): CorpusSummary {
  if (!('papers' in corpus)) return corpus;
  const live = new Set<string>();
  for (const paper of corpus.papers) for (const source of paper.sources) live.add(source.file);
  return {
    paperCount: corpus.papers.length,
    files: corpus.files,
    liveFiles: corpus.files.filter((file) => live.has(file)),
    issues: corpus.issues,
    skipped: corpus.skipped,
    merged: corpus.merged,
  };
}
