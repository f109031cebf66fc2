import type { Paper } from '../corpus/paper.js';
import { PaperbotError, ErrorCode, UnknownPaperError } from '../errors.js';
import { analyze, phraseTerms, PHRASE_JOINER, type AnalyzedToken } from '../nlp/analyzer.js';
import { analyzeInThreads, type ParallelAnalyzeOptions } from '../nlp/parallel/parallel-analyzer.js';
import type { Keywords } from '../nlp/keywords.js';
import { CorpusVocabulary, type SerializedVocabulary } from '../query/corpus-vocabulary.js';
import { understandQuestion, type UnderstoodQuery } from '../query/understand-question.js';
import { conceptForms, ConceptHolders, holdsAnyConcept, type ConceptForms } from './concept-holders.js';
import { Bm25Index, type Bm25IndexParams, type SerializedBm25Index } from './engine/bm25-index.js';
import { Bm25IndexBuilder, type FieldSpec } from './engine/index-builder.js';
import type { Bm25Query } from './engine/query.js';
import type { ScoredDoc } from './engine/top-k-heap.js';
import { expandQuery, type DocTerms } from './feedback.js';
import { resolveRankingOptions, type RankingOptions } from './ranking-options.js';

/** One ranked paper. */
export interface SearchHit {
  paper: Paper;
  /** BM25 score (sum over fields and weighted terms); only comparable within one search. */
  score: number;
  /** The question's words that occur in this paper (title or abstract), in question order. */
  matched: string[];
}

/** The outcome of {@link PaperIndex.search}. */
export interface SearchResult {
  /** What the question was taken to ask about. */
  keywords: Keywords;
  /** The requested page of hits, best first. */
  hits: SearchHit[];
  /** How many papers matched in all (for "more results"). */
  total: number;
  /** How the question was understood: corrections, acronym expansions, subject, missing words. */
  query: UnderstoodQuery;
}

/** Options of one search. */
export interface SearchOptions {
  /** Hits to return. Default 10. */
  limit?: number;
  /** Hits to skip (paging). Default 0. */
  offset?: number;
}

/** The serialised form of a {@link PaperIndex} (see {@link PaperIndex.toJSON}). */
export interface SerializedPaperIndex {
  version: number;
  options: RankingOptions;
  papers: Paper[];
  terms: DocTerms[];
  vocabulary: SerializedVocabulary;
  /** The BM25 engine's postings (see {@link Bm25Index.toJSON}). */
  engine: SerializedBm25Index;
}

/** What a {@link PaperIndex} is made of, for the binary snapshot (src/search/snapshot/). */
export interface PaperIndexParts {
  options: RankingOptions;
  papers: Paper[];
  terms: DocTerms[];
  vocabulary: CorpusVocabulary;
  engine: Bm25Index;
}

/** Default page size of a search. */
export const DEFAULT_SEARCH_LIMIT = 10;

/** Terms of a paper used to find papers like it. */
const SIMILAR_QUERY_TERMS = 25;

/**
 * Indexed fields. `text` holds title and abstract as two BM25F streams (each length-normalised
 * with its own b, the title's counts weighted by {@link RankingOptions.titleWeight}, summed before
 * the saturation), or with `fieldB` false the title repeated `titleWeight` times plus the abstract
 * in one plain field (the layout before issue #10). Scoring title and abstract as separate fields
 * and adding the scores rewards a short title's match twice over; BM25F saturates once.
 * `phrases` holds adjacent-term pairs (or, with `pairWindow` > 1, unordered pairs within a window).
 */
const TEXT = 'text';
const PHRASES = 'phrases';

/** The engine's fields for the options: `text` plain or with title and abstract streams, and `phrases`. */
function engineFields(options: RankingOptions): FieldSpec[] {
  return [options.fieldB ? { name: TEXT, streams: ['title', 'abstract'] } : TEXT, PHRASES];
}

/** The engine's scoring parameters for the options. */
export function engineParams(options: RankingOptions): Bm25IndexParams {
  if (!options.fieldB) return { ...options.bm25 };
  const { title, abstract } = options.fieldB;
  return { ...options.bm25, streams: { [TEXT]: [{ weight: options.titleWeight, b: title }, { weight: 1, b: abstract }] } };
}

/** A document's term pairs: adjacent ones in order (window 1), or any two at most `window` apart, unordered. */
function pairTerms(tokens: readonly AnalyzedToken[], window: number): string[] {
  if (window <= 1) return phraseTerms(tokens);
  const pairs: string[] = [];
  let sentenceStart = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.breakBefore) sentenceStart = i;
    for (let j = Math.max(sentenceStart, i - window); j < i; j++) pairs.push(unorderedPair(tokens[j]!.term, tokens[i]!.term));
  }
  return pairs;
}

/** A pair's key whatever the order of its terms. */
function unorderedPair(a: string, b: string): string {
  return a < b ? a + PHRASE_JOINER + b : b + PHRASE_JOINER + a;
}

/**
 * The `text` field: title terms `titleWeight` times, then the abstract's. Copied term by term:
 * `push(...terms)` passes every term as an argument and overflows the stack past ~120k terms
 * (one 0.9 MB abstract did).
 */
function weightedText(doc: DocTerms, titleWeight: number): string[] {
  const terms: string[] = [];
  for (let i = 0; i < titleWeight; i++) for (const term of doc.title) terms.push(term);
  for (const term of doc.abstract) terms.push(term);
  return terms;
}

/**
 * The search engine over a corpus: BM25F over title and abstract plus an adjacent-term phrase
 * field (our own top-k engine, {@link Bm25Index}), with documents and questions analyzed by the
 * same wink-nlp analyzer, and RM3 pseudo-relevance feedback over the first pass's best papers
 * when that first pass is confident.
 *
 * @example
 * const index = PaperIndex.build(papers);
 * const { hits, keywords } = index.search('which papers speed up diffusion sampling?');
 * hits[0].paper.title; keywords.phrases; // → ['speed', 'diffusion sampling']
 */
export class PaperIndex {
  /** Version of {@link SerializedPaperIndex}; bumped whenever analysis or layout changes. */
  static readonly SERIAL_VERSION = 4;

  readonly options: RankingOptions;
  private readonly papers: Paper[];
  private readonly byId: Map<string, number>;
  private readonly terms: DocTerms[];
  private readonly engine: Bm25Index;
  /** What the corpus says about words: document frequencies, acronym definitions, spelling. */
  readonly vocabulary: CorpusVocabulary;

  private constructor(papers: Paper[], terms: DocTerms[], engine: Bm25Index, options: RankingOptions, vocabulary: CorpusVocabulary) {
    this.papers = papers;
    this.terms = terms;
    this.engine = engine;
    this.options = options;
    this.vocabulary = vocabulary;
    this.byId = new Map(papers.map((paper, i) => [paper.id, i]));
  }

  /** Indexes papers (ids must be unique). Analysis runs once per paper. */
  static build(papers: readonly Paper[], options: Partial<RankingOptions> = {}): PaperIndex {
    const indexing = PaperIndex.startIndexing(papers, options);
    for (const paper of papers) indexing.add(analyze(paper.title), analyze(paper.abstract));
    return indexing.finish();
  }

  /**
   * {@link build} with the analysis (most of its time) in worker threads (`threads.threads`, default 2) while this
   * thread indexes what they have analyzed; the same index, for large corpora (at 100k papers,
   * the difference between a minute and a half and under one on two cores).
   */
  static async buildInThreads(papers: readonly Paper[], options: Partial<RankingOptions> = {}, threads: ParallelAnalyzeOptions = {}): Promise<PaperIndex> {
    const indexing = PaperIndex.startIndexing(papers, options);
    const texts = papers.flatMap((paper) => [paper.title, paper.abstract]);
    // Texts alternate title, abstract; a batch may end between the two.
    let title: AnalyzedToken[] | undefined;
    for await (const batch of analyzeInThreads(texts, threads)) {
      for (const tokens of batch) {
        if (title === undefined) title = tokens;
        else {
          indexing.add(title, tokens);
          title = undefined;
        }
      }
    }
    return indexing.finish();
  }

  /** Checks ids, then takes the papers' analyzed titles and abstracts one paper at a time, in order. */
  private static startIndexing(papers: readonly Paper[], options: Partial<RankingOptions>) {
    const seen = new Set<string>();
    for (const paper of papers) {
      if (seen.has(paper.id)) throw new PaperbotError(ErrorCode.CorpusInvalid, `PaperIndex: duplicate paper id "${paper.id}"`);
      seen.add(paper.id);
    }
    const resolved = resolveRankingOptions(options);
    const builder = new Bm25IndexBuilder(engineFields(resolved));
    const terms: DocTerms[] = [];
    const vocabulary = new CorpusVocabulary();
    return {
      add(title: AnalyzedToken[], abstract: AnalyzedToken[]): void {
        const paper = papers[terms.length]!;
        const adjacent = [...phraseTerms(title), ...phraseTerms(abstract)];
        vocabulary.add([title, abstract], `${paper.title}. ${paper.abstract}`, adjacent);
        const doc = { title: title.map((t) => t.term), abstract: abstract.map((t) => t.term) };
        terms.push(doc);
        // Window 1 pairs are the adjacent phrases: made (and hashed) once.
        const phrases = resolved.pairWindow <= 1 ? adjacent : [...pairTerms(title, resolved.pairWindow), ...pairTerms(abstract, resolved.pairWindow)];
        builder.add([resolved.fieldB ? [doc.title, doc.abstract] : weightedText(doc, resolved.titleWeight), phrases]);
      },
      finish(): PaperIndex {
        return new PaperIndex([...papers], terms, builder.build(engineParams(resolved)), resolved, vocabulary);
      },
    };
  }

  /** Restores an index saved with {@link toJSON}; throws on another version. */
  static loadJSON(json: SerializedPaperIndex): PaperIndex {
    if (json.version !== PaperIndex.SERIAL_VERSION) {
      throw new PaperbotError(
        ErrorCode.IndexVersionMismatch,
        `PaperIndex: serialised index has version ${json.version}, this build reads version ${PaperIndex.SERIAL_VERSION}`,
      );
    }
    const options = resolveRankingOptions(json.options);
    const textField = json.engine.fields.find((field) => field.name === TEXT);
    const streams = textField?.streams?.length ?? 1;
    if (streams !== (options.fieldB ? 2 : 1)) {
      throw new PaperbotError(
        ErrorCode.CorpusInvalid,
        `PaperIndex: serialised index's "${TEXT}" field has ${streams} stream(s), its options (fieldB ${options.fieldB ? 'set' : 'false'}) need ${options.fieldB ? 2 : 1}`,
      );
    }
    const engine = Bm25Index.loadJSON(json.engine, engineParams(options));
    if (engine.documentCount !== json.papers.length || json.terms.length !== json.papers.length) {
      throw new PaperbotError(
        ErrorCode.CorpusInvalid,
        `PaperIndex: serialised index has ${json.papers.length} papers, ${json.terms.length} term lists and ${engine.documentCount} indexed documents`,
      );
    }
    return new PaperIndex(json.papers, json.terms, engine, options, CorpusVocabulary.loadJSON(json.vocabulary));
  }

  /**
   * An index from its parts, as a snapshot stores them (src/search/snapshot/); throws when
   * their paper counts disagree. The parts are adopted, not copied.
   */
  static fromParts(parts: PaperIndexParts): PaperIndex {
    const { papers, terms, engine, options, vocabulary } = parts;
    if (engine.documentCount !== papers.length || terms.length !== papers.length) {
      throw new PaperbotError(
        ErrorCode.CorpusInvalid,
        `PaperIndex: ${papers.length} papers, ${terms.length} term lists and ${engine.documentCount} indexed documents`,
      );
    }
    return new PaperIndex(papers, terms, engine, options, vocabulary);
  }

  /** The index's parts (not copies: read only), for the binary snapshot. */
  parts(): PaperIndexParts {
    return { options: this.options, papers: this.papers, terms: this.terms, vocabulary: this.vocabulary, engine: this.engine };
  }

  /** A plain object for JSON.stringify; read back with {@link loadJSON}. */
  toJSON(): SerializedPaperIndex {
    return {
      version: PaperIndex.SERIAL_VERSION,
      options: this.options,
      papers: this.papers,
      terms: this.terms,
      vocabulary: this.vocabulary.toJSON(),
      engine: this.engine.toJSON(),
    };
  }

  /** Number of papers. */
  get size(): number {
    return this.papers.length;
  }

  /** All papers, in corpus order. */
  all(): readonly Paper[] {
    return this.papers;
  }

  /** The paper with this id, if any. */
  get(id: string): Paper | undefined {
    const i = this.byId.get(id);
    return i === undefined ? undefined : this.papers[i];
  }

  /** The paper with this id, or an {@link UnknownPaperError}. */
  require(id: string): Paper {
    const paper = this.get(id);
    if (!paper) throw new UnknownPaperError(id);
    return paper;
  }

  /** The analyzed terms of a paper (for sentence scoring and similarity). */
  termsOf(id: string): DocTerms | undefined {
    const i = this.byId.get(id);
    return i === undefined ? undefined : this.terms[i];
  }

  /** BM25 inverse document frequency of an analyzed term (near 0 for a term in every paper). */
  idf(term: string): number {
    const df = this.vocabulary.termFrequency(term);
    const n = this.papers.length;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /**
   * Ranks papers for a question: keywords are extracted, a first BM25 pass finds the top
   * papers, and (unless feedback is off) a second pass adds the terms typical of those papers.
   */
  search(question: string, options: SearchOptions = {}): SearchResult {
    const query = understandQuestion(question, this.vocabulary);
    const keywords = query.keywords;
    const offset = options.offset ?? 0;
    const limit = options.limit ?? DEFAULT_SEARCH_LIMIT;
    // Feedback reorders the papers and lifts those naming the topic in other words, but a paper
    // that shares no word with the question (or an expansion of one) is not a match to list or count.
    const { ranked, total } = this.rankHolders(query, offset + limit);
    const wordsByTerm = new Map<string, string[]>();
    for (const token of keywords.tokens) {
      const words = wordsByTerm.get(token.term) ?? [];
      if (!words.includes(token.word)) words.push(token.word);
      wordsByTerm.set(token.term, words);
    }
    const page = ranked.slice(offset, offset + limit);
    return {
      keywords,
      query,
      total,
      hits: page.map(({ doc, score }) => ({
        paper: this.papers[doc]!,
        score,
        matched: this.matchedWords(doc, wordsByTerm, query.concepts),
      })),
    };
  }

  /**
   * Papers most like the given one: its most distinctive terms (tf·idf) as a weighted query.
   * The paper itself is never in the result.
   */
  similar(id: string, options: SearchOptions = {}): { hits: SearchHit[]; total: number } {
    const doc = this.byId.get(id);
    if (doc === undefined) throw new UnknownPaperError(id);
    const query = this.clauses(this.distinctiveTerms(this.terms[doc]!), [], 1);
    const offset = options.offset ?? 0;
    const ranked = this.engine.topK(query, offset + (options.limit ?? DEFAULT_SEARCH_LIMIT), { accept: (other) => other !== doc });
    const hits = ranked.slice(offset).map(({ doc: other, score }) => ({ paper: this.papers[other]!, score, matched: [] }));
    // Every paper sharing a term with the query, the paper itself excepted: counted, not scored.
    const total = this.engine.matchingDocs(query).count() - (this.engine.matches(doc, query) ? 1 : 0);
    return { hits, total };
  }

  /** The best `limit` papers (default: all) for analyzed query terms, both passes (see {@link rankQuery}). */
  rankTerms(queryTerms: readonly string[], queryPhrases: readonly string[] = [], limit = this.papers.length): ScoredDoc[] {
    const weights = new Map<string, number>();
    for (const term of queryTerms) weights.set(term, (weights.get(term) ?? 0) + 1);
    return this.rankQuery(weights, queryPhrases, limit);
  }

  /**
   * The best `limit` papers (default: all) holding a query term, for weighted query terms: the
   * first pass, then (with feedback) the expanded query ranking the first pass's papers again.
   * No concept filter (that is {@link search}).
   */
  rankQuery(weights: ReadonlyMap<string, number>, queryPhrases: readonly string[] = [], limit = this.papers.length): ScoredDoc[] {
    return this.rank(weights, queryPhrases, limit).ranked;
  }

  /**
   * The best `depth` papers holding a concept of the question, and how many there are. A paper is
   * listed (and counted) when it holds a concept in some form and a term of the final query.
   */
  private rankHolders(query: UnderstoodQuery, depth: number): { ranked: ScoredDoc[]; total: number } {
    const forms = conceptForms(query);
    const { ranked, holders } = this.rank(query.weights, query.phrases, depth, forms);
    return { ranked, total: holders?.docs.count() ?? 0 };
  }

  /**
   * Both passes, top-k throughout. The first pass ranks the question's terms; with feedback, its
   * best `feedback.docs` papers (whatever they hold) give the expansion terms, and the expanded
   * query ranks again, but only over the listable papers (with `forms`: those holding a concept
   * and a query term; without: those holding a first-pass term), exact top-k by MaxScore, so
   * an expansion term's postings are walked only as far as a listable paper can still make the
   * top `depth`. That is the ranking the two exhaustive passes gave, at a top-k cost.
   */
  private rank(
    weights: ReadonlyMap<string, number>,
    phrases: readonly string[],
    depth: number,
    forms?: ConceptForms,
  ): { ranked: ScoredDoc[]; holders?: ConceptHolders } {
    if (weights.size === 0) return { ranked: [] };
    weights = this.weighByIdf(weights);
    const first = this.clauses(weights, phrases, 1);
    const holders = forms ? this.holders(forms, first) : undefined;
    const feedback = this.options.feedback;
    if (!feedback) return { ranked: this.engine.topK(first, depth, holders ? { within: holders.docs } : {}), holders };

    const top = this.engine.topK(first, Math.max(1, feedback.docs));
    // Nothing matching the first pass: nothing to expand, list or count.
    if (top.length === 0) return { ranked: [] };
    if (feedback.minConfidence && top[0]!.score < feedback.minConfidence * this.engine.scoreBound(first)) {
      return { ranked: this.engine.topK(first, depth, holders ? { within: holders.docs } : {}), holders };
    }
    const total = [...weights.values()].reduce((sum, w) => sum + w, 0);
    const long = feedback.fullBelowTerms && weights.size > feedback.fullBelowTerms ? feedback.fullBelowTerms / weights.size : 1;
    const expanded = expandQuery(
      weights,
      top.slice(0, feedback.docs).map(({ doc, score }) => ({ terms: this.terms[doc]!, score })),
      (term) => this.vocabulary.termFrequency(term),
      this.papers.length,
      long === 1 ? feedback : { ...feedback, originalWeight: 1 - (1 - feedback.originalWeight) * long },
    );
    const final = this.clauses(expanded, phrases, 1 / total);
    holders?.extendTo(this.engine, final);
    // Without a concept filter, the papers of the first pass (feedback reorders them, adds none).
    const listable = holders?.docs ?? this.engine.matchingDocs(first);
    return { ranked: this.engine.topK(final, depth, { within: listable }), holders };
  }

  /** A long question's term weights times (idf / mean idf)^idfPower (see {@link RankingOptions.idfPower}); others as given. */
  private weighByIdf(weights: ReadonlyMap<string, number>): ReadonlyMap<string, number> {
    const { idfPower, longQuestionTerms } = this.options;
    if (idfPower <= 0 || weights.size <= longQuestionTerms) return weights;
    const idfs = new Map([...weights.keys()].map((term) => [term, this.idf(term)]));
    const mean = [...idfs.values()].reduce((sum, idf) => sum + idf, 0) / idfs.size;
    if (!(mean > 0)) return weights;
    return new Map([...weights].map(([term, weight]) => [term, weight * (idfs.get(term)! / mean) ** idfPower]));
  }

  /** The papers a search may list and count, against the first-pass query (see {@link ConceptHolders}). */
  private holders(forms: ConceptForms, first: Bm25Query): ConceptHolders {
    // With the title indexed 0 times, the text field lacks title-only terms: test each paper's own terms.
    const scan = !this.options.fieldB && this.options.titleWeight < 1 ? (doc: number) => holdsAnyConcept(this.terms[doc]!, forms) : undefined;
    return ConceptHolders.find(this.engine, forms, first, TEXT, scan);
  }

  /** A weighted query: each term in the text field, each phrase in the phrase field at `phraseWeight · phraseUnit`. */
  private clauses(weights: ReadonlyMap<string, number>, phrases: readonly string[], phraseUnit: number): Bm25Query {
    const clauses = [...weights].map(([term, weight]) => ({ field: TEXT, term, weight }));
    if (this.options.phraseWeight > 0) {
      const weight = this.options.phraseWeight * phraseUnit;
      const window = this.options.pairWindow;
      for (const phrase of phrases) {
        const [a, b] = phrase.split(PHRASE_JOINER) as [string, string];
        clauses.push({ field: PHRASES, term: window > 1 && b !== undefined ? unorderedPair(a, b) : phrase, weight });
      }
    }
    return clauses;
  }

  /** A paper's most distinctive terms (tf·idf, title counted twice), weights summing to 1: what "similar" searches with. */
  distinctiveTermsOf(id: string): Map<string, number> {
    this.require(id);
    return this.distinctiveTerms(this.terms[this.byId.get(id)!]!);
  }

  private distinctiveTerms(doc: DocTerms): Map<string, number> {
    const tf = new Map<string, number>();
    for (const term of [...doc.title, ...doc.title, ...doc.abstract]) tf.set(term, (tf.get(term) ?? 0) + 1);
    const n = this.papers.length;
    const scored = [...tf]
      .filter(([term]) => !/^\d+$/.test(term))
      .map(([term, count]) => [term, count * Math.log(1 + n / (this.vocabulary.termFrequency(term) || 1))] as const)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, SIMILAR_QUERY_TERMS);
    const sum = scored.reduce((total, [, weight]) => total + weight, 0) || 1;
    return new Map(scored.map(([term, weight]) => [term, weight / sum]));
  }

  /**
   * The question's words a paper holds, as searched: a word's own term, or (for an acronym, a
   * survey word, …) one of its other forms whole, so a paper writing "classifier-free guidance"
   * matched "CFG".
   */
  private matchedWords(doc: number, wordsByTerm: ReadonlyMap<string, string[]>, concepts: UnderstoodQuery['concepts']): string[] {
    const docTerms = this.terms[doc]!;
    const present = new Set([...docTerms.title, ...docTerms.abstract]);
    const matched: string[] = [];
    for (const [term, words] of wordsByTerm) {
      const concept = concepts.find((c) => c.alternatives[0]?.[0] === term);
      const held = present.has(term) || (concept?.alternatives.some((terms) => terms.every((t) => present.has(t))) ?? false);
      if (held) matched.push(...words);
    }
    return matched;
  }
}
