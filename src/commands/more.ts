import { z } from 'zod';
import { InvalidOptionError } from '../errors.js';
import { defineCommand } from './command.js';
import { papersPage } from './papers.js';
import { searchPage } from './search.js';
import { similarPage } from './similar.js';

/** `more`: the next page of the last list (after an answer: the ranked papers for its question). */
export default defineCommand({
  name: 'more',
  summary: 'Show the next page of the last result',
  usage: 'more',
  options: [],
  schema: z.object({}),
  fromText: () => ({}),
  execute(_input, { index, session }) {
    const last = session.last;
    if (!last) throw new InvalidOptionError('Nothing to continue yet: ask a question or search first.');
    switch (last.source) {
      case 'answer':
      case 'search':
        return searchPage(index, session, last.query, last.nextOffset, last.limit);
      case 'similar':
        return similarPage(index, session, last.query, last.nextOffset, last.limit);
      case 'papers':
        return papersPage(index, session, last.nextOffset, last.limit);
    }
  },
});
