import { z } from 'zod';
import { sourceRef } from '../answer/answer.js';
import { UnknownPaperError } from '../errors.js';
import { defineCommand } from './command.js';
import { paperRef } from './limits.js';
import { resolvePaperRef } from './paper-ref.js';
import { parseTextArgs } from './text-args.js';

/** `show PAPER`: one paper in full. */
export default defineCommand({
  name: 'show',
  summary: 'Show one paper in full: title, date, authors, links and the whole abstract',
  usage: 'show ID|N',
  options: [{ name: 'paper', description: 'A paper id, or its number in the last result', type: 'string', required: true, rest: true, autocomplete: 'paper' }],
  schema: z.object({ paper: paperRef }),
  fromText: (text) => ({ paper: parseTextArgs(text, []).rest }),
  async execute({ paper }, { index, session }) {
    const id = await resolvePaperRef(paper, index, session);
    const found = await index.get(id);
    if (!found) throw new UnknownPaperError(id);
    const n = Number(Object.entries(session.last?.numbers ?? {}).find(([, id]) => id === found.id)?.[0] ?? 1);
    return {
      kind: 'paper',
      paper: { ...sourceRef(n, found), abstract: found.abstract, ...(found.url ? { url: found.url } : {}) },
    };
  },
});
