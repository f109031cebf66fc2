import { summarizeCorpus, type CorpusSummary } from '../corpus/corpus-summary.js';
import { formatCorpusIssue, loadCorpus, type LoadedCorpus } from '../corpus/index.js';
import { PaperIndex } from '../search/paper-index.js';
import type { RankingOptions } from '../search/ranking-options.js';

/** A loaded corpus and its index. */
export interface LoadedIndex {
  index: PaperIndex;
  corpus: LoadedCorpus;
}

/** Loads a corpus (file or directory) and indexes it. Throws a CorpusError when nothing loads. */
export async function loadIndex(path: string, ranking: Partial<RankingOptions> = {}): Promise<LoadedIndex> {
  const corpus = await loadCorpus(path);
  return { corpus, index: PaperIndex.build(corpus.papers, ranking) };
}

/** Most corpus problems listed one by one; the rest are counted. */
const MAX_LISTED_ISSUES = 20;

/**
 * What to tell the user after loading: how many papers from where, and every skipped record
 * with its file:line and field (the first {@link MAX_LISTED_ISSUES}), so nothing is lost silently.
 */
export function describeCorpus(loaded: LoadedCorpus | CorpusSummary, path: string): string[] {
  const corpus = summarizeCorpus(loaded);
  const lines = [
    `Loaded ${corpus.paperCount} papers from ${path} (${corpus.files.length} file${corpus.files.length === 1 ? '' : 's'}` +
      (corpus.merged ? `, ${corpus.merged} duplicate${corpus.merged === 1 ? '' : 's'} merged` : '') +
      ').',
  ];
  if (corpus.skipped > 0 || corpus.issues.length > 0) {
    lines.push(`Skipped ${corpus.skipped} record${corpus.skipped === 1 ? '' : 's'}; ${corpus.issues.length} problem${corpus.issues.length === 1 ? '' : 's'}:`);
    for (const issue of corpus.issues.slice(0, MAX_LISTED_ISSUES)) lines.push(`  ${formatCorpusIssue(issue)}`);
    if (corpus.issues.length > MAX_LISTED_ISSUES) lines.push(`  … and ${corpus.issues.length - MAX_LISTED_ISSUES} more`);
  }
  return lines;
}
