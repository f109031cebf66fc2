import { answer, contributionSentence } from '../answer/answer.js';
import type { Answer } from '../answer/answer-types.js';
import { paperCompletions } from '../commands/paper-completions.js';
import { byRecency } from '../commands/papers.js';
import { snippetOf } from '../commands/snippet.js';
import { arxivIdsOf, stripArxivVersion } from '../corpus/arxiv-link.js';
import type { Paper } from '../corpus/paper.js';
import type { ChannelFeedback, ProfileSummary } from '../digest/channel-profile.js';
import type { TopicReading } from '../digest/digest-topic.js';
import { gistOf, selectDigestPapers, summarizeProfile, topicCandidates, type TopicFilter } from '../digest/select-papers.js';
import { analyzeTerms } from '../nlp/analyzer.js';
import { didYouMean } from '../query/did-you-mean.js';
import { describeFilters, hasFilters, parseFilters, type PaperFilters, type ParsedFilters } from '../query/filters.js';
import { applyFilters, type FilterTerms } from '../search/apply-filters.js';
import { explainQueryMatch, explainSimilarity } from '../search/explain.js';
import { PaperIndex, type SearchResult } from '../search/paper-index.js';
import type {
  AnswerOptions,
  ArxivMatch,
  CompletionOptions,
  ExplainBasis,
  Explanation,
  IndexService,
  PageOptions,
  PaperPage,
  SearchOptions,
  SearchPage,
  SimilarOptions,
  SimilarPage,
} from './index-service.js';

/**
 * An {@link IndexService} over a {@link PaperIndex} in this thread: the one-shot CLI, the
 * console chat, tests, `PAPERBOT_WORKERS=0` — and, inside each worker thread, what answers the
 * pool's requests. Every answer is computed synchronously; the promise only gives it the
 * shape of the worker pool's.
 */
export class LocalIndexService implements IndexService {
  private newest: Paper[] | undefined;
  private byArxivId: Map<string, Paper> | undefined;
  private authorNames: Set<string> | undefined;

  constructor(readonly index: PaperIndex) {}

  get size(): number {
    return this.index.size;
  }

  async get(id: string): Promise<Paper | undefined> {
    return this.index.get(id);
  }

  async getMany(ids: readonly string[]): Promise<Array<Paper | undefined>> {
    return ids.map((id) => this.index.get(id));
  }

  async search(query: string, options: SearchOptions): Promise<SearchPage> {
    const parsed = options.now === undefined ? { filters: {}, rest: query } : parseFilters(query, { now: options.now, isAuthor: (name) => this.isAuthor(name) });
    const filters = mergeFilters(parsed.filters, options.filters);
    if (hasFilters(filters)) return this.filteredSearch(query, parsed.rest, filters, options);
    return this.rankedSearch(query, options);
  }

  /**
   * A search with filters: the whole ranking (or, when only filters were said, the corpus newest
   * first) filtered, then sorted when asked, then paged. Ranks every match, not one page: a
   * filter may leave out any number of the top papers.
   */
  private filteredSearch(query: string, rest: string, filters: PaperFilters, { offset, limit }: PageOptions): SearchPage {
    const { ranking: ranked, papers, notes } = this.filteredRanking(rest, filters);
    const matchedById = new Map(ranked?.hits.map((hit) => [hit.paper.id, hit.matched]) ?? []);
    const queryTerms = new Set([...(ranked?.query.weights.keys() ?? []), ...analyzeTerms(rest)]);
    const page: SearchPage = {
      keywords: ranked?.keywords.phrases ?? [],
      papers: papers.slice(offset, offset + limit).map((paper) => ({ paper, matched: matchedById.get(paper.id) ?? [], snippet: snippetOf(paper.abstract, queryTerms) })),
      total: papers.length,
      filters: { filters, understood: describeFilters(filters), notes, rest },
    };
    if (ranked?.query.searchedFor) page.searchedFor = ranked.query.searchedFor;
    if (ranked && ranked.total === 0 && offset === 0) {
      const suggestion = didYouMean(rest, this.index.vocabulary);
      if (suggestion) page.didYouMean = suggestion;
    }
    return page;
  }

  /** How excluded words are matched: their analyzed forms against a paper's indexed terms. */
  private filterTerms(): FilterTerms {
    return {
      analyze: (word) => analyzeTerms(word),
      holds: (paper, term) => {
        const terms = this.index.termsOf(paper.id);
        return !!terms && (terms.title.includes(term) || terms.abstract.includes(term));
      },
    };
  }

  /** Whether a name is a known author: a full name or a last name of some paper's author. */
  private isAuthor(name: string): boolean {
    if (!this.authorNames) {
      this.authorNames = new Set();
      for (const paper of this.index.all()) {
        for (const author of paper.authors ?? []) {
          const full = author.toLowerCase().trim();
          this.authorNames.add(full);
          const parts = full.split(/\s+/);
          // Last names of two letters or fewer ("Li", "Ho") are too often words to be taken alone.
          if (parts.length > 1 && parts.at(-1)!.length > 2) this.authorNames.add(parts.at(-1)!);
        }
      }
    }
    return this.authorNames.has(name.toLowerCase().trim());
  }

  private rankedSearch(query: string, { offset, limit }: PageOptions): SearchPage {
    const result = this.index.search(query, { offset, limit });
    // Snippets pick the sentence sharing most terms with the query, as searched (expansions
    // and corrections included) and as typed.
    const queryTerms = new Set([...result.query.weights.keys(), ...analyzeTerms(query)]);
    const page: SearchPage = {
      keywords: result.keywords.phrases,
      papers: result.hits.map(({ paper, matched }) => ({ paper, matched, snippet: snippetOf(paper.abstract, queryTerms) })),
      total: result.total,
    };
    if (result.query.searchedFor) page.searchedFor = result.query.searchedFor;
    if (result.total === 0 && offset === 0) {
      const suggestion = didYouMean(query, this.index.vocabulary);
      if (suggestion) page.didYouMean = suggestion;
    }
    return page;
  }

  async similar(id: string, { offset, limit, filters }: SimilarOptions): Promise<SimilarPage> {
    const like = this.index.require(id);
    const listed = (paper: Paper) => ({ paper, matched: [], snippet: snippetOf(paper.abstract) });
    if (filters && hasFilters(filters)) {
      // As a filtered search: the whole similarity ranking, filtered, then paged.
      const all = this.index.similar(id, { offset: 0, limit: Math.max(this.index.size, 1) }).hits.map((hit) => hit.paper);
      const { papers, notes } = applyFilters(all, filters, this.filterTerms());
      return { like, papers: papers.slice(offset, offset + limit).map(listed), total: papers.length, filters: { filters, understood: describeFilters(filters), notes, rest: '' } };
    }
    const { hits, total } = this.index.similar(id, { offset, limit });
    return { like, papers: hits.map(({ paper }) => listed(paper)), total };
  }

  async understandFilters(text: string, now: number): Promise<ParsedFilters> {
    return parseFilters(text, { now, isAuthor: (name) => this.isAuthor(name) });
  }

  async explain(id: string, basis: ExplainBasis): Promise<Explanation> {
    if ('like' in basis) {
      return explainSimilarity(this.index, id, basis.like, (wanted) => {
        const ranked = this.index.similar(basis.like, { offset: 0, limit: Math.max(this.index.size, 1) }).hits.map((hit) => hit.paper);
        const kept = basis.filters && hasFilters(basis.filters) ? applyFilters(ranked, basis.filters, this.filterTerms()).papers : ranked;
        return rankIn(kept.map((paper) => paper.id), wanted, kept.length);
      });
    }
    return explainQueryMatch(this.index, id, basis.query, (wanted) => {
      const { papers } = this.filteredRanking(basis.query, basis.filters ?? {});
      return rankIn(papers.map((paper) => paper.id), wanted, papers.length);
    });
  }

  /**
   * Every paper a query ranks (without words: the corpus newest first), kept and ordered by the
   * filters, with the ranking it came from. The whole ranking, not a page: a filter may leave out
   * any number of the top papers.
   */
  private filteredRanking(words: string, filters: PaperFilters): { ranking?: SearchResult; papers: Paper[]; notes: string[] } {
    const ranking = words ? this.index.search(words, { offset: 0, limit: Math.max(this.index.size, 1) }) : undefined;
    const { papers, notes } = applyFilters(ranking ? ranking.hits.map((hit) => hit.paper) : this.newestFirst(), filters, this.filterTerms());
    return { ...(ranking ? { ranking } : {}), papers, notes };
  }

  async recent({ offset, limit }: PageOptions): Promise<PaperPage> {
    const newest = this.newestFirst();
    return { papers: newest.slice(offset, offset + limit).map((paper) => ({ paper, matched: [], snippet: snippetOf(paper.abstract) })), total: newest.length };
  }

  async answer(question: string, options: AnswerOptions = {}): Promise<Answer> {
    if (options.now === undefined && !options.filters) return answer(this.index, question);
    const parsed = options.now === undefined ? { filters: {}, rest: question } : parseFilters(question, { now: options.now, isAuthor: (name) => this.isAuthor(name) });
    // An order means nothing to an answer; only filters that keep or drop papers apply.
    const { sort: _sort, ...filters } = mergeFilters(parsed.filters, options.filters);
    if (!hasFilters(filters) || !parsed.rest) return answer(this.index, question);
    const { ranking, papers, notes } = this.filteredRanking(parsed.rest, filters);
    const kept = new Set(papers.map((paper) => paper.id));
    const result = answer(this.index, parsed.rest, {}, (paper) => kept.has(paper.id), ranking);
    if (!result.found && papers.length < ranking!.total) {
      // Said first: the filters, not the corpus, may be why nothing is quoted.
      result.suggestions = [`The filters keep ${papers.length} of the ${ranking!.total} papers matching the question; "drop the filters" asks again without them.`, ...result.suggestions];
    }
    return { ...result, question, filters: { understood: describeFilters(filters), notes } };
  }

  async digestPapers(posted: readonly string[], count: number, topic?: string, feedback?: ChannelFeedback, now?: number): Promise<Paper[]> {
    return selectDigestPapers(this.index, new Set(posted), count, topic, feedback, this.topicFilter(topic, now ?? Date.now()));
  }

  async digestTopic(topic: string, now: number): Promise<TopicReading | undefined> {
    const filter = this.topicFilter(topic, now);
    if (!filter) return undefined;
    const { papers, notes } = topicCandidates(this.index, topic, filter);
    return { words: filter.rest, filters: describeFilters(filter.filters), notes, matching: papers.length };
  }

  /** Filters said in a digest topic ("diffusion with code", "video since 2024", "not video"), read as search reads them; undefined when it says none. */
  private topicFilter(topic: string | undefined, now: number): TopicFilter | undefined {
    if (!topic) return undefined;
    const parsed = parseFilters(topic, { now, isAuthor: (name) => this.isAuthor(name), topic: true });
    return hasFilters(parsed.filters) ? { filters: parsed.filters, rest: parsed.rest, terms: this.filterTerms() } : undefined;
  }

  async digestProfile(feedback: ChannelFeedback, limit?: number): Promise<ProfileSummary> {
    return summarizeProfile(this.index, feedback, limit);
  }

  async completePapers(typed: string, { limit, maxIdLength }: CompletionOptions): Promise<Paper[]> {
    return paperCompletions(this.index, () => this.newestFirst(), typed, limit, maxIdLength);
  }

  async findArxiv(arxivId: string): Promise<ArxivMatch | undefined> {
    const paper = this.arxivIds().get(stripArxivVersion(arxivId.trim()));
    return paper && { paper, gist: contributionSentence(paper) ?? gistOf(paper) };
  }

  /** arXiv id → paper, built on the first link looked up (once: the corpus never changes); the first paper wins. */
  private arxivIds(): Map<string, Paper> {
    if (!this.byArxivId) {
      this.byArxivId = new Map();
      for (const paper of this.index.all()) {
        for (const id of arxivIdsOf(paper)) if (!this.byArxivId.has(id)) this.byArxivId.set(id, paper);
      }
    }
    return this.byArxivId;
  }

  /** The corpus newest first, sorted once: the corpus of an index never changes. */
  private newestFirst(): Paper[] {
    this.newest ??= byRecency(this.index.all());
    return this.newest;
  }
}

/** The 1-based place of an id in a ranking, if it is there. */
function rankIn(ids: readonly string[], id: string, total: number): { rank?: number; total: number } {
  const at = ids.indexOf(id);
  return at < 0 ? { total } : { rank: at + 1, total };
}

/** Filters said in words, with those given as options winning field by field. */
function mergeFilters(said: PaperFilters, given: PaperFilters | undefined): PaperFilters {
  const merged: PaperFilters = { ...said };
  for (const [key, value] of Object.entries(given ?? {})) if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  return merged;
}

/** Either an index in this thread or any {@link IndexService}: what the core's entry points accept. */
export type IndexSource = PaperIndex | IndexService;

/** The service for an index source: a {@link PaperIndex} is served in this thread. */
export function indexService(source: IndexSource): IndexService {
  return source instanceof PaperIndex ? new LocalIndexService(source) : source;
}
