import { z } from 'zod';
import { sourceRef } from '../answer/answer.js';
import type { ExplainBasis } from '../app/index-service.js';
import { UnknownPaperError } from '../errors.js';
import { describeFilters, hasFilters } from '../query/filters.js';
import { defineCommand } from './command.js';
import { paperRef } from './limits.js';
import { resolvePaperRef } from './paper-ref.js';
import type { WhyResult } from './results.js';
import { parseTextArgs } from './text-args.js';

/**
 * `why N`: why paper N is in the last result ("why 1?"): the words of the question it holds,
 * where and how often, the words it lacks, its rank, the sentence that matched — and, after an
 * answer, the sentences the answer quoted from it. Computed with the ranking's own analysis.
 */
export default defineCommand({
  name: 'why',
  summary: 'Explain why a paper is in the last result: the words it matched and the sentence that matched',
  usage: 'why N',
  options: [{ name: 'paper', description: 'Its number in the last result (or a paper id)', type: 'string', required: true, rest: true, autocomplete: 'paper' }],
  schema: z.object({ paper: paperRef }),
  // "why 1?" and "why [1]" read as "why 1".
  fromText: (text) => ({ paper: parseTextArgs(text.replace(/[?!.\s]+$/, ''), []).rest.replace(/^\[(\d+)\]$/, '$1') }),
  async execute({ paper }, { index, session, now }): Promise<WhyResult> {
    const id = await resolvePaperRef(paper, index, session);
    const found = await index.get(id);
    if (!found) throw new UnknownPaperError(id);
    const last = session.last;
    const n = Number(Object.entries(last?.numbers ?? {}).find(([, listed]) => listed === id)?.[0] ?? 1);
    const filters = last?.filters && hasFilters(last.filters) ? last.filters : undefined;
    const ref = sourceRef(n, found);
    if (!last || last.source === 'papers' || (last.source === 'search' && !last.query)) {
      // A plain list has no query: it is there because it is in the corpus (newest first, or filtered).
      return { kind: 'why', paper: ref, basis: { kind: 'list', text: 'the corpus, newest first' }, matched: [], missing: [], quoted: [], total: index.size, filters: filters ? describeFilters(filters) : [] };
    }
    const basis: ExplainBasis = last.source === 'similar' ? { like: last.query, ...(filters ? { filters } : {}) } : { query: last.query, ...(filters ? { filters } : {}) };
    const explanation = await index.explain(id, basis);
    const result: WhyResult = {
      kind: 'why',
      paper: ref,
      basis: last.source === 'similar' ? { kind: 'like', text: (await index.get(last.query))?.title ?? last.query } : { kind: last.source === 'answer' ? 'question' : 'query', text: last.query },
      matched: explanation.matched,
      missing: explanation.missing,
      quoted: [],
      total: explanation.total,
      filters: filters ? describeFilters(filters) : [],
    };
    if (explanation.rank !== undefined) result.rank = explanation.rank;
    if (explanation.sentence) result.sentence = explanation.sentence;
    if (last.source === 'answer') {
      // The answer is rebuilt (deterministic, same corpus) to find what it quoted from this paper.
      const answer = await index.answer(last.query, { now: (now ?? Date.now)(), ...(filters ? { filters } : {}) });
      const cited = answer.sources.find((source) => source.id === id)?.n;
      if (cited !== undefined) result.quoted = answer.sentences.filter((sentence) => sentence.sources.includes(cited)).map((sentence) => sentence.text);
    }
    return result;
  },
});
