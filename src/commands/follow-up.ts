import { changeTopic } from '../conversation/change-topic.js';
import { asFilterText, parseFollowUp, type FollowUp } from '../conversation/parse-follow-up.js';
import { InvalidOptionError } from '../errors.js';
import { hasFilters, type PaperFilters } from '../query/filters.js';
import type { LastResult } from '../session/session.js';
import type { CommandContext } from './command.js';
import { DEFAULT_PAGE_SIZE } from './limits.js';
import { answerNumbers, remember } from './paper-list.js';
import type { AnswerResult, CommandResult, PaperListResult } from './results.js';
import { searchPage } from './search.js';
import show from './show.js';
import similar, { similarPage } from './similar.js';
import why from './why.js';

/** What a follow-up reruns: the last result's kind, its query without filter words, and all its filters as data. */
interface Base {
  source: LastResult['source'];
  query: string;
  filters: PaperFilters;
}

/**
 * Reads a line as a follow-up of the conversation ({@link parseFollowUp}), or, when the
 * conversation has a last result, a line of filters alone ("with code", "since 2024", "newest
 * first"); then runs it. Undefined when the line is none: it is then asked as a question.
 */
export async function runAsFollowUp(text: string, context: CommandContext): Promise<CommandResult | undefined> {
  const followUp = parseFollowUp(text);
  if (followUp) {
    // "what about video?" with nothing before it is a question about video.
    if (followUp.kind === 'topic' && !context.session.last) return undefined;
    return runFollowUp(followUp, context);
  }
  if (!context.session.last) return undefined;
  const filters = await filtersOf(text, context);
  return filters ? refine(filters, context) : undefined;
}

/**
 * Runs a follow-up against the conversation's last result: "show 3", "more like 2" and "why 1"
 * open its papers by number; "only 2024" and "not video" rerun it with filters added (a date
 * replaces a date; exclusions add up); "what about video?" reruns it with the topic changed.
 * The result says what was run ("follow-up: …"), and becomes the conversation's last result.
 */
export async function runFollowUp(followUp: FollowUp, context: CommandContext): Promise<CommandResult | undefined> {
  switch (followUp.kind) {
    case 'show':
      return show.execute({ paper: followUp.paper }, context);
    case 'why':
      return why.execute({ paper: followUp.paper }, context);
    case 'like':
      return similar.execute({ paper: followUp.paper, limit: DEFAULT_PAGE_SIZE }, context);
    case 'unfilter': {
      const base = await baseOf(context);
      return rerun(base.source, base.query, {}, context);
    }
    case 'refine': {
      // "only diffusion papers" names no filter: asked as a question instead.
      const added = await filtersOf(followUp.filters, context);
      return added ? refine(added, context) : undefined;
    }
    case 'topic': {
      const base = await baseOf(context);
      // "what about 2023?" or "what about with code?": a filter, not a topic.
      const asFilters = await filtersOf(followUp.topic, context);
      if (asFilters) return rerun(base.source, base.query, refineFilters(base.filters, asFilters), context);
      if (base.source === 'similar' || base.source === 'papers' || !base.query) return rerun('answer', followUp.topic, base.filters, context);
      return rerun(base.source, changeTopic(base.query, followUp.topic).question, base.filters, context);
    }
  }
}

/** The last result again with filters added ({@link refineFilters}). */
async function refine(added: PaperFilters, context: CommandContext): Promise<CommandResult> {
  const base = await baseOf(context);
  return rerun(base.source, base.query, refineFilters(base.filters, added), context);
}

/** The last result as a query and filters; a follow-up needs one. */
async function baseOf({ session, index, now }: CommandContext): Promise<Base> {
  const last = session.last;
  if (!last) throw new InvalidOptionError('Nothing to refer to yet: ask a question or search first, then narrow it ("only 2024") or change its topic ("what about video?").');
  if (last.source === 'similar' || last.source === 'papers') return { source: last.source, query: last.query, filters: last.filters ?? {} };
  // Filters said in the question ("… since 2023") become data, so a follow-up's date replaces them.
  const parsed = await index.understandFilters(last.query, clock(now));
  // Without filter words the question stays as typed (the parser also trims words like "which").
  if (!hasFilters(parsed.filters)) return { source: last.source, query: last.query, filters: last.filters ?? {} };
  return { source: last.source, query: parsed.rest || last.query, filters: { ...parsed.filters, ...(last.filters ?? {}) } };
}

/** Text that is only filters ("in 2024", "with code", "not video"), as data; undefined when words are left over. */
async function filtersOf(text: string, { index, now }: CommandContext): Promise<PaperFilters | undefined> {
  const exclusion = /^(?:not|without|excluding|except)\s+([a-z][\w-]*)$/i.exec(text.trim());
  if (exclusion) return { exclude: [exclusion[1]!.toLowerCase()] };
  const parsed = await index.understandFilters(asFilterText(text.replace(/[\s?!.]+$/, '')), clock(now));
  return !parsed.rest && hasFilters(parsed.filters) ? parsed.filters : undefined;
}

/**
 * Filters of a follow-up added to the last result's: a new date range replaces the old one
 * ("only 2024" after "since 2020"), new authors replace old ones, an order replaces an order,
 * code and exclusions add up.
 */
export function refineFilters(base: PaperFilters, added: PaperFilters): PaperFilters {
  const out: PaperFilters = { ...base };
  if (added.since || added.until) {
    delete out.since;
    delete out.until;
    if (added.since) out.since = added.since;
    if (added.until) out.until = added.until;
  }
  if (added.withCode) out.withCode = true;
  if (added.authors?.length) out.authors = [...added.authors];
  if (added.exclude?.length) out.exclude = [...new Set([...(base.exclude ?? []), ...added.exclude])];
  if (added.sort) out.sort = added.sort;
  return out;
}

/** Runs the last result's kind again with a query and filters; the result says it was a follow-up. */
async function rerun(source: LastResult['source'], query: string, filters: PaperFilters, context: CommandContext): Promise<AnswerResult | PaperListResult> {
  const { index, session, now } = context;
  const limit = session.last?.limit ?? DEFAULT_PAGE_SIZE;
  const kept = hasFilters(filters) ? filters : undefined;
  if (source === 'answer') {
    const answer = await index.answer(query, { now: clock(now), ...(kept ? { filters: kept } : {}) });
    remember(session, {
      source: 'answer',
      query,
      numbers: answerNumbers(answer),
      nextOffset: 0,
      limit: DEFAULT_PAGE_SIZE,
      ...(kept ? { filters: kept } : {}),
    });
    const result: AnswerResult = { kind: 'answer', answer, followUp: query };
    if (answer.totalMatches > 0) result.next = { source: 'search', query, offset: 0, limit: DEFAULT_PAGE_SIZE, ...(kept ? { filters: kept } : {}) };
    return result;
  }
  const list =
    source === 'similar'
      ? await similarPage(index, session, query, 0, limit, kept)
      : await searchPage(index, session, query, 0, limit, { ...(kept ? { filters: kept } : {}), now: () => clock(now) });
  list.followUp = source === 'similar' ? list.title : query || list.title;
  return list;
}

const clock = (now: (() => number) | undefined): number => (now ?? Date.now)();
