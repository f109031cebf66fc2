import { answer } from '../answer/answer.js';
import type { Answer } from '../answer/answer-types.js';
import { paperCompletions } from '../commands/paper-completions.js';
import { byRecency } from '../commands/papers.js';
import { snippetOf } from '../commands/snippet.js';
import type { Paper } from '../corpus/paper.js';
import type { ChannelFeedback, ProfileSummary } from '../digest/channel-profile.js';
import { selectDigestPapers, summarizeProfile } from '../digest/select-papers.js';
import { analyzeTerms } from '../nlp/analyzer.js';
import { didYouMean } from '../query/did-you-mean.js';
import { PaperIndex } from '../search/paper-index.js';
import type { CompletionOptions, IndexService, PageOptions, PaperPage, SearchPage, SimilarPage } from './index-service.js';

/**
 * An {@link IndexService} over a {@link PaperIndex} in this thread: the one-shot CLI, the
 * console chat, tests, `PAPERBOT_WORKERS=0` — and, inside each worker thread, what answers the
 * pool's requests. Every answer is computed synchronously; the promise only gives it the
 * shape of the worker pool's.
 */
export class LocalIndexService implements IndexService {
  private newest: Paper[] | undefined;

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

  async search(query: string, { offset, limit }: PageOptions): Promise<SearchPage> {
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

  async similar(id: string, { offset, limit }: PageOptions): Promise<SimilarPage> {
    const like = this.index.require(id);
    const { hits, total } = this.index.similar(id, { offset, limit });
    return { like, papers: hits.map(({ paper }) => ({ paper, matched: [], snippet: snippetOf(paper.abstract) })), total };
  }

  async recent({ offset, limit }: PageOptions): Promise<PaperPage> {
    const newest = this.newestFirst();
    return { papers: newest.slice(offset, offset + limit).map((paper) => ({ paper, matched: [], snippet: snippetOf(paper.abstract) })), total: newest.length };
  }

  async answer(question: string): Promise<Answer> {
    return answer(this.index, question);
  }

  async digestPapers(posted: readonly string[], count: number, topic?: string, feedback?: ChannelFeedback): Promise<Paper[]> {
    return selectDigestPapers(this.index, new Set(posted), count, topic, feedback);
  }

  async digestProfile(feedback: ChannelFeedback, limit?: number): Promise<ProfileSummary> {
    return summarizeProfile(this.index, feedback, limit);
  }

  async completePapers(typed: string, { limit, maxIdLength }: CompletionOptions): Promise<Paper[]> {
    return paperCompletions(this.index, () => this.newestFirst(), typed, limit, maxIdLength);
  }

  /** The corpus newest first, sorted once: the corpus of an index never changes. */
  private newestFirst(): Paper[] {
    this.newest ??= byRecency(this.index.all());
    return this.newest;
  }
}

/** Either an index in this thread or any {@link IndexService}: what the core's entry points accept. */
export type IndexSource = PaperIndex | IndexService;

/** The service for an index source: a {@link PaperIndex} is served in this thread. */
export function indexService(source: IndexSource): IndexService {
  return source instanceof PaperIndex ? new LocalIndexService(source) : source;
}
