import type { Paper } from '../corpus/paper.js';
import type { PaperFilters } from '../query/filters.js';

/** What {@link applyFilters} needs besides the papers. */
export interface FilterTerms {
  /** The analyzed forms of an excluded word ("videos" → ["video"]). */
  analyze(word: string): readonly string[];
  /** Whether a paper holds an analyzed term (title or abstract). */
  holds(paper: Paper, term: string): boolean;
}

/** The filtered list, and what the corpus could not tell. */
export interface FilteredPapers {
  papers: Paper[];
  /**
   * Where a filter's field is missing on some candidates: "dates known for 25 of 231 papers; 3
   * match". Papers without the field are left out by the filter (never guessed in).
   */
  notes: string[];
}

/** Whether one of a paper's authors is `name` (a full name, or a last name: "Song" is "Yang Song"). */
export function hasAuthor(paper: Paper, name: string): boolean {
  const wanted = name.toLowerCase().trim();
  return (paper.authors ?? []).some((author) => {
    const full = author.toLowerCase().trim();
    return full === wanted || full.endsWith(` ${wanted}`);
  });
}

/** Whether a paper links to code (a GitHub link, from its record or its abstract). */
export const hasCode = (paper: Paper): boolean => paper.links.some((link) => link.kind === 'github');

/**
 * Filters ranked papers (kept in rank order) and sorts them when asked: by date (newest first;
 * ties by rank) or by upvotes (most first; papers without a count after, in rank order).
 */
export function applyFilters(ranked: readonly Paper[], filters: PaperFilters, terms: FilterTerms): FilteredPapers {
  const notes: string[] = [];
  let papers = [...ranked];
  const candidates = papers.length;
  if (filters.since || filters.until) {
    const dated = papers.filter((p) => p.published);
    papers = dated.filter((p) => (!filters.since || p.published! >= filters.since) && (!filters.until || p.published! <= filters.until));
    if (dated.length < candidates) notes.push(`dates known for ${dated.length} of ${candidates} papers; ${papers.length} match`);
  }
  if (filters.withCode) papers = papers.filter(hasCode);
  if (filters.authors?.length) {
    const named = papers.filter((p) => p.authors?.length).length;
    const before = papers.length;
    papers = papers.filter((p) => filters.authors!.some((name) => hasAuthor(p, name)));
    if (named < before) notes.push(`authors known for ${named} of ${before} papers; ${papers.length} match`);
  }
  if (filters.exclude?.length) {
    const excluded = filters.exclude.flatMap((word) => terms.analyze(word));
    if (excluded.length) papers = papers.filter((p) => !excluded.some((term) => terms.holds(p, term)));
  }
  if (filters.sort === 'date') {
    papers = sortBy(papers, (p) => p.published);
  } else if (filters.sort === 'upvotes') {
    const counted = papers.filter((p) => p.upvotes !== undefined).length;
    if (counted < papers.length) notes.push(`upvotes known for ${counted} of ${papers.length} papers`);
    papers = sortBy(papers, (p) => p.upvotes);
  }
  return { papers, notes };
}

/** Highest key first; papers without a key after, each group in its previous (rank) order. */
function sortBy<K extends string | number>(papers: Paper[], key: (paper: Paper) => K | undefined): Paper[] {
  return papers
    .map((paper, i) => ({ paper, i, k: key(paper) }))
    .sort((a, b) => {
      if (a.k === undefined || b.k === undefined) return a.k === b.k ? a.i - b.i : a.k === undefined ? 1 : -1;
      return a.k < b.k ? 1 : a.k > b.k ? -1 : a.i - b.i;
    })
    .map(({ paper }) => paper);
}
