import { z } from 'zod';
import type { IndexService } from '../app/index-service.js';
import type { PaperFilters } from '../query/filters.js';
import type { Session } from '../session/session.js';
import { defineCommand } from './command.js';
import { filterFields, filtersFromOptions, FILTER_OPTIONS } from './filter-options.js';
import { pageSize, questionText } from './limits.js';
import { listResult } from './paper-list.js';
import type { PaperListResult } from './results.js';
import { parseTextArgs } from './text-args.js';

/** How a search page is filtered. */
export interface SearchFilterOptions {
  /** Filters given as options (`--since`, `--with-code`, `--sort`). Default: none. */
  filters?: PaperFilters;
  /** The clock: when given, filters said in words ("since 2024", "with code") are understood too. Default: not parsed. */
  now?: () => number;
}

/** Runs a search and lists one page of it (shared with `more`). */
export async function searchPage(
  index: IndexService,
  session: Session,
  query: string,
  offset: number,
  limit: number,
  { filters, now }: SearchFilterOptions = {},
): Promise<PaperListResult> {
  const result = await index.search(query, { offset, limit, ...(filters ? { filters } : {}), ...(now ? { now: now() } : {}) });
  const list = listResult(
    {
      source: 'search',
      title: query ? `Papers for "${query}"` : 'Papers in the corpus',
      query,
      keywords: result.keywords,
      papers: result.papers,
      offset,
      total: result.total,
      limit,
      ...(filters ? { filters } : {}),
    },
    session,
  );
  if (result.searchedFor) list.searchedFor = result.searchedFor;
  if (result.didYouMean) list.didYouMean = result.didYouMean;
  if (result.filters) list.filters = { applied: result.filters.filters, understood: result.filters.understood, notes: result.filters.notes };
  return list;
}

/** `search QUERY [--limit N] [--since DATE] [--until DATE] [--with-code] [--sort relevance|date|upvotes]`. */
export default defineCommand({
  name: 'search',
  summary: 'List the papers that best match a query, with a one-line snippet each',
  usage: 'search QUERY [--limit N] [--since DATE] [--until DATE] [--with-code] [--sort date|upvotes]',
  options: [
    { name: 'query', description: 'What to look for; filters in words work too ("diffusion with code since 2024")', type: 'string', required: true, rest: true, maxLength: 500 },
    { name: 'limit', description: 'How many papers to list (1-50, default 10)', type: 'integer', required: false, min: 1, max: 50 },
    ...FILTER_OPTIONS,
  ],
  schema: z.object({ query: questionText('query'), limit: pageSize, ...filterFields }),
  fromText(text) {
    const { rest, options } = parseTextArgs(text, ['limit', 'since', 'until', 'sort'], ['with-code']);
    return { query: rest, limit: options.limit, since: options.since, until: options.until, 'with-code': options['with-code'], sort: options.sort };
  },
  execute(input, { index, session, now }) {
    const filters = filtersFromOptions(input);
    return searchPage(index, session, input.query, 0, input.limit, { ...(filters ? { filters } : {}), now: now ?? (() => Date.now()) });
  },
});
