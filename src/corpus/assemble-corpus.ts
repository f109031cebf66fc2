import type { CorpusIssue } from './corpus-issue.js';
import { mergeDuplicates } from './merge-duplicates.js';
import type { Paper } from './paper.js';
import type { PaperDraft, ParsedFile } from './paper-draft.js';
import { assignPaperIds } from './paper-id.js';

/** Papers of one or more parsed files, merged and with their final ids. */
export interface AssembledCorpus {
  papers: Paper[];
  issues: CorpusIssue[];
  /** Records seen but not loaded. */
  skipped: number;
  /** Duplicates merged into an earlier paper. */
  merged: number;
}

/** Merges duplicates across all files (in the order given) and assigns every paper its id. */
export function assembleCorpus(parsed: readonly ParsedFile[]): AssembledCorpus {
  const issues = parsed.flatMap((file) => file.issues);
  const skipped = parsed.reduce((sum, file) => sum + file.skipped, 0);
  const { papers: drafts, merged } = mergeDuplicates(parsed.flatMap((file) => file.papers));
  const { ids, refused } = assignPaperIds(drafts.map((draft) => ({ title: draft.title, ownId: draft.ownId })));
  for (const { index, ownId, takenBy } of refused) {
    const source = drafts[index]!.sources[0]!;
    const owner = drafts[takenBy]!;
    const ownerAt = `${owner.sources[0]!.file}:${owner.sources[0]!.line}`;
    issues.push({
      file: source.file,
      line: source.line,
      field: 'id',
      message: `"${ownId}" is already the id of "${owner.title}" (${ownerAt}); using the derived id "${ids[index]}"`,
    });
  }
  return { papers: drafts.map((draft, index) => toPaper(draft, ids[index]!)), issues, skipped, merged };
}

/** The final paper, fields in a fixed order so that serialised output is stable. */
function toPaper(draft: PaperDraft, id: string): Paper {
  const paper: Paper = {
    id,
    title: draft.title,
    abstract: draft.abstract,
    authors: draft.authors,
    authorCount: draft.authorCount,
    published: draft.published,
    dateText: draft.dateText,
    upvotes: draft.upvotes,
    arxivId: draft.arxivId,
    url: draft.url,
    links: draft.links,
    sources: draft.sources,
  };
  for (const key of Object.keys(paper) as (keyof Paper)[]) if (paper[key] === undefined) delete paper[key];
  return paper;
}
