import { sourceRef } from '../answer/answer.js';
import type { Answer } from '../answer/answer-types.js';
import type { Paper } from '../corpus/paper.js';
import type { PaperFilters } from '../query/filters.js';
import type { LastResult, Session } from '../session/session.js';
import type { PaperListItem, PaperListResult } from './results.js';
import { snippetOf } from './snippet.js';

/** A page of papers about to be listed. */
export interface ListPage {
  source: PaperListResult['source'];
  title: string;
  query: string;
  keywords: string[];
  /** The papers, with their snippets when the index made them (else the abstract's first sentence). */
  papers: Array<{ paper: Paper; matched?: string[]; snippet?: string }>;
  offset: number;
  total: number;
  limit: number;
  /** Filters given as options, carried to the next page. */
  filters?: PaperFilters;
}

/**
 * Turns a page of papers into a list result numbered from `offset + 1`, and remembers the
 * numbers in the session so "show 12" and "more" work on it.
 */
export function listResult(page: ListPage, session: Session): PaperListResult {
  const items: PaperListItem[] = page.papers.map(({ paper, matched, snippet }, i) => ({
    ...sourceRef(page.offset + i + 1, paper, matched ?? []),
    snippet: snippet ?? snippetOf(paper.abstract),
  }));
  const nextOffset = page.offset + items.length;
  remember(session, {
    source: page.source,
    query: page.query,
    numbers: Object.fromEntries(items.map((item) => [item.n, item.id])),
    nextOffset,
    limit: page.limit,
    ...(page.filters ? { filters: page.filters } : {}),
  });
  const result: PaperListResult = {
    kind: 'list',
    source: page.source,
    title: page.title,
    query: page.query,
    keywords: page.keywords,
    items,
    offset: page.offset,
    total: page.total,
    hasMore: nextOffset < page.total,
  };
  if (result.hasMore) result.next = { source: page.source, query: page.query, offset: nextOffset, limit: page.limit, ...(page.filters ? { filters: page.filters } : {}) };
  return result;
}

/**
 * Stores the last result. Numbers of earlier pages of the same list stay valid, so after
 * "more" both "show 3" and "show 13" still work.
 */
/** The numbers an answer shows: its sources, or, when it quotes nothing, the closest papers it lists. */
export function answerNumbers(answer: Answer): Record<number, string> {
  const shown = answer.sources.length > 0 ? answer.sources : (answer.closest ?? []);
  return Object.fromEntries(shown.map((source) => [source.n, source.id]));
}

export function remember(session: Session, last: LastResult): void {
  const previous = session.last;
  // Pages of one list add up; the same query with other filters (a follow-up's "only 2024") is another list.
  const sameList = previous && previous.source === last.source && previous.query === last.query && JSON.stringify(previous.filters ?? {}) === JSON.stringify(last.filters ?? {});
  session.last = sameList ? { ...last, numbers: { ...previous.numbers, ...last.numbers } } : last;
}
