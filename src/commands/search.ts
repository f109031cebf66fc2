import { z } from 'zod';
import type { IndexService } from '../app/index-service.js';
import type { Session } from '../session/session.js';
import { defineCommand } from './command.js';
import { pageSize, questionText } from './limits.js';
import { listResult } from './paper-list.js';
import type { PaperListResult } from './results.js';
import { parseTextArgs } from './text-args.js';

/** Runs a search and lists one page of it (shared with `more`). */
export async function searchPage(index: IndexService, session: Session, query: string, offset: number, limit: number): Promise<PaperListResult> {
  const result = await index.search(query, { offset, limit });
  const list = listResult(
    {
      source: 'search',
      title: `Papers for "${query}"`,
      query,
      keywords: result.keywords,
      papers: result.papers,
      offset,
      total: result.total,
      limit,
    },
    session,
  );
  if (result.searchedFor) list.searchedFor = result.searchedFor;
  if (result.didYouMean) list.didYouMean = result.didYouMean;
  return list;
}

/** `search QUERY [--limit N]`: a ranked list of papers with one-line snippets. */
export default defineCommand({
  name: 'search',
  summary: 'List the papers that best match a query, with a one-line snippet each',
  usage: 'search QUERY [--limit N]',
  options: [
    { name: 'query', description: 'What to look for', type: 'string', required: true, rest: true, maxLength: 500 },
    { name: 'limit', description: 'How many papers to list (1-50, default 10)', type: 'integer', required: false, min: 1, max: 50 },
  ],
  schema: z.object({ query: questionText('query'), limit: pageSize }),
  fromText(text) {
    const { rest, options } = parseTextArgs(text, ['limit']);
    return { query: rest, limit: options.limit };
  },
  execute({ query, limit }, { index, session }) {
    return searchPage(index, session, query, 0, limit);
  },
});
