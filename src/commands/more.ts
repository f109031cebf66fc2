import { z } from 'zod';
import { InvalidOptionError } from '../errors.js';
import { defineCommand } from './command.js';
import { runPage } from './page.js';

/** `more`: the next page of the last list (after an answer: the ranked papers for its question). */
export default defineCommand({
  name: 'more',
  summary: 'Show the next page of the last result',
  usage: 'more',
  options: [],
  schema: z.object({}),
  fromText: () => ({}),
  execute(_input, { index, session, now }) {
    const last = session.last;
    if (!last) throw new InvalidOptionError('Nothing to continue yet: ask a question or search first.');
    const source = last.source === 'answer' ? 'search' : last.source;
    const request = { source, query: last.query, offset: last.nextOffset, limit: last.limit, ...(last.filters ? { filters: last.filters } : {}) };
    return runPage(request, index, session, now);
  },
});
