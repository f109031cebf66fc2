import { z } from 'zod';
import type { Paper } from '../corpus/paper.js';
import type { IndexService } from '../app/index-service.js';
import type { Session } from '../session/session.js';
import { defineCommand } from './command.js';
import { checkListLimit, exportPageSize } from './limits.js';
import { listResult } from './paper-list.js';
import type { PaperListResult } from './results.js';
import { parseTextArgs } from './text-args.js';

/** Newest first (by ISO date, then upvotes); papers without a full date keep corpus order after them. */
export function byRecency(papers: readonly Paper[]): Paper[] {
  return papers
    .map((paper, i) => ({ paper, i }))
    .sort(
      (a, b) =>
        (b.paper.published ?? '').localeCompare(a.paper.published ?? '') ||
        (b.paper.upvotes ?? 0) - (a.paper.upvotes ?? 0) ||
        a.i - b.i,
    )
    .map(({ paper }) => paper);
}

/** Lists one page of the corpus (shared with `more`). */
export async function papersPage(index: IndexService, session: Session, offset: number, limit: number): Promise<PaperListResult> {
  const { papers, total } = await index.recent({ offset, limit });
  return listResult(
    {
      source: 'papers',
      title: `Papers in the corpus (${total})`,
      query: '',
      keywords: [],
      papers,
      offset,
      total,
      limit,
    },
    session,
  );
}

/** `papers [--limit N] [--offset N]`: the corpus, newest first. */
export default defineCommand({
  name: 'papers',
  summary: 'List the papers in the corpus, newest first',
  usage: 'papers [--limit N] [--offset N]',
  options: [
    { name: 'limit', description: 'How many papers to list (1-50, default 10)', type: 'integer', required: false, min: 1, max: 50 },
    { name: 'offset', description: 'How many papers to skip (default 0)', type: 'integer', required: false, min: 0 },
  ],
  schema: z.object({
    // Up to 1,000 here; execute() holds it to the front-end's maximum (50 in chats).
    limit: exportPageSize,
    offset: z.coerce
      .number({ error: 'offset must be a whole number' })
      .int({ error: 'offset must be a whole number' })
      .min(0, { error: 'offset must be 0 or more' })
      .default(0),
  }),
  fromText(text) {
    const { rest, options } = parseTextArgs(text, ['limit', 'offset']);
    return { limit: options.limit ?? (rest || undefined), offset: options.offset };
  },
  execute({ limit, offset }, { index, session, maxListLimit }) {
    return papersPage(index, session, offset, checkListLimit(limit, maxListLimit));
  },
});
