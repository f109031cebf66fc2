import { z } from 'zod';
import type { IndexService } from '../app/index-service.js';
import type { PaperFilters } from '../query/filters.js';
import type { Session } from '../session/session.js';
import { defineCommand } from './command.js';
import { pageSize, paperRef } from './limits.js';
import { listResult } from './paper-list.js';
import { resolvePaperRef } from './paper-ref.js';
import type { PaperListResult } from './results.js';
import { parseTextArgs } from './text-args.js';

/** Lists one page of the papers most like a paper (shared with `more`). */
export async function similarPage(index: IndexService, session: Session, id: string, offset: number, limit: number, filters?: PaperFilters): Promise<PaperListResult> {
  const { like, papers, total, filters: applied } = await index.similar(id, { offset, limit, ...(filters ? { filters } : {}) });
  const list = listResult(
    {
      source: 'similar',
      title: `Papers like "${like.title}"`,
      query: id,
      keywords: [],
      papers,
      offset,
      total,
      limit,
      ...(filters ? { filters } : {}),
    },
    session,
  );
  if (applied) list.filters = { applied: applied.filters, understood: applied.understood, notes: applied.notes };
  return list;
}

/** `similar PAPER [--limit N]`: the papers most like a given one. */
export default defineCommand({
  name: 'similar',
  summary: 'List the papers most like a given paper',
  usage: 'similar ID|N [--limit N]',
  options: [
    { name: 'paper', description: 'A paper id, or its number in the last result', type: 'string', required: true, rest: true, autocomplete: 'paper' },
    { name: 'limit', description: 'How many papers to list (1-50, default 10)', type: 'integer', required: false, min: 1, max: 50 },
  ],
  schema: z.object({ paper: paperRef, limit: pageSize }),
  fromText(text) {
    const { rest, options } = parseTextArgs(text, ['limit']);
    return { paper: rest, limit: options.limit };
  },
  async execute({ paper, limit }, { index, session }) {
    return similarPage(index, session, await resolvePaperRef(paper, index, session), 0, limit);
  },
});
