import { z } from 'zod';
import { InvalidOptionError } from '../errors.js';
import type { IndexService } from '../app/index-service.js';
import type { Session } from '../session/session.js';
import { paperFiltersSchema } from './filter-options.js';
import { MAX_PAGE_SIZE, MAX_QUESTION_CHARS } from './limits.js';
import { papersPage } from './papers.js';
import type { PageRequest, PaperListResult } from './results.js';
import { searchPage } from './search.js';
import { similarPage } from './similar.js';

/** A {@link PageRequest} as it comes back from a button: untrusted, so checked field by field. */
export const pageRequestSchema = z.object({
  source: z.enum(['search', 'similar', 'papers']),
  query: z.string().max(MAX_QUESTION_CHARS),
  offset: z.number().int().min(0).max(1_000_000),
  limit: z.number().int().min(1).max(MAX_PAGE_SIZE),
  filters: paperFiltersSchema.optional(),
});

/** Parses a page request from untrusted data (a button payload). */
export function parsePageRequest(value: unknown): PageRequest {
  const parsed = pageRequestSchema.safeParse(value);
  if (!parsed.success) throw new InvalidOptionError('This button is out of date or damaged; run the command again.');
  return parsed.data;
}

/** Runs one page of a list: "more", and the "More results" buttons of every front-end. */
export function runPage(request: PageRequest, index: IndexService, session: Session, now?: () => number): Promise<PaperListResult> {
  switch (request.source) {
    case 'search':
      return searchPage(index, session, request.query, request.offset, request.limit, { filters: request.filters, now });
    case 'similar':
      return similarPage(index, session, request.query, request.offset, request.limit, request.filters);
    case 'papers':
      return papersPage(index, session, request.offset, request.limit);
  }
}
