import type { Paper } from '../corpus/paper.js';
import { analyze, analyzeTerms, phraseTerms } from '../nlp/analyzer.js';
import { splitSentences } from '../nlp/sentences.js';
import { findAcronymDefinitions } from '../query/acronym-definitions.js';
import type { UnderstoodQuery } from '../query/understand-question.js';
import type { PaperIndex, SearchHit, SearchResult } from '../search/paper-index.js';
import { DEFAULT_ANSWER_LIMITS, type Answer, type AnswerLimits, type AnswerSentence, type SourceRef } from './answer-types.js';
import { highlightRanges } from './highlight.js';
import { MIN_SENTENCE_COVERAGE, conceptCoverage, coveredConcepts, coveredShare, withLongForms, isQuotable, repeats, scoreFeatures, sentenceFeatures, type CandidateSentence, type SentenceFeatures, type SentenceQuery } from './select-sentences.js';

/** A paper is a source only if it contains at least this share of the question's concept weight. */
const MIN_PAPER_COVERAGE = 0.5;
/** Weight of a context concept (from a later sentence of the question) against the main ask's. */
const CONTEXT_CONCEPT_WEIGHT = 0.5;
/** A sentence is quoted only if its score is at least this share of the best sentence's. */
const MIN_RELATIVE_SCORE = 0.45;
/** How much a paper's rank lowers its sentences: weight 1 / (1 + RANK_DECAY · rank). */
const RANK_DECAY = 0.06;
/** What a sentence gains per share of question weight it adds that no chosen sentence carries yet. */
const NEW_CONCEPT_GAIN = 0.6;
/** Asked which paper introduced X, a paper whose title does not name all of X counts this much. */
const ORIGIN_UNTITLED = 0.5;
/** Share of the subject's weight one sentence or title must hold for the corpus to have the subject at all. */
const SUBJECT_COHESION = 0.6;
/** Longest subject named as typed in "Nothing on …"; longer ones are named by their words. */
const MAX_SUBJECT_LABEL = 60;
/** Papers listed as closest when the answer abstains. */
const CLOSEST_PAPERS = 3;

/**
 * Answers a question from the corpus: the best-ranked papers' abstracts are split into sentences,
 * each scored for what it says (a contribution or finding over background), how much of the
 * question it carries and how relevant its paper is; the top papers get one sentence each
 * before any gets a second, the best sentence comes first, and everything is quoted verbatim
 * and cited [n]. Nothing is ever paraphrased or invented. When the question's subject is in
 * no paper the answer abstains ("Nothing on RLHF in this corpus") and lists the closest papers
 * as suggestions; when only something near it is ("radiance fields" for NeRF), one caveat line
 * says so before the quotes.
 *
 * @example
 * const result = answer(index, 'which papers speed up diffusion sampling?');
 * result.sentences[0]; // → { text: 'We propose …', sources: [1], highlights: [[…]] }
 * result.sources[0];   // → { n: 1, id: '…', title: '…', links: [...], matched: [...] }
 */
export function answer(
  index: PaperIndex,
  question: string,
  limits: Partial<AnswerLimits> = {},
  /** Only papers it accepts are quoted, listed or counted (filters: "since 2024", "with code"). Default: all. */
  accept?: (paper: Paper) => boolean,
  /** With `accept`: the question's whole ranking when the caller already has it (`index.search(question, { limit: index.size })`), so it is not ranked twice. */
  ranked?: SearchResult,
): Answer {
  const options = { ...DEFAULT_ANSWER_LIMITS, ...limits };
  const result = accept ? acceptedOnly(ranked ?? index.search(question, { limit: Math.max(index.size, 1) }), accept, options.candidatePapers) : index.search(question, { limit: options.candidatePapers });
  const query = result.query;
  const base: Pick<Answer, 'question' | 'keywords' | 'totalMatches'> & Partial<Answer> = { question, keywords: result.keywords.phrases, totalMatches: result.total };
  if (query.searchedFor) base.searchedFor = query.searchedFor;
  if (query.corrections.length > 0) base.corrections = query.corrections;
  if (query.expansions.length > 0) base.expansions = query.expansions;
  const closest = () => result.hits.slice(0, CLOSEST_PAPERS).map((hit, i) => sourceRef(i + 1, hit.paper, hit.matched));

  if (query.concepts.length === 0) {
    return { ...base, sentences: [], sources: [], found: false, suggestions: noKeywordSuggestions() };
  }
  if (query.missing.length > 0) {
    // The subject itself is in no paper: say so, and list what is closest without quoting it.
    // Named in the question's order, whether wholly absent (RLHF) or only near (NeRF).
    const missing = [...new Set(query.concepts.filter((c) => c.subject && !c.known).map((c) => c.label))];
    return { ...base, sentences: [], sources: [], found: false, missing, closest: closest(), suggestions: missingSuggestions(result.hits.length > 0) };
  }
  const concepts = weightedConcepts(index, query);
  const hits = result.hits.filter((hit) => paperCoverage(index, hit, concepts) >= MIN_PAPER_COVERAGE);
  // The subject's words scattered over a paper ("retrieval" here, "augmented generation" there)
  // are not the subject: some sentence or title of a candidate must hold most of it together.
  const subject = concepts.filter(({ concept }) => concept.subject);
  const subjectHeld = (papers: readonly SearchHit[]) =>
    subject.length < 2 || papers.some((hit) => subjectCohesion(hit.paper, subject) >= SUBJECT_COHESION);
  if (hits.length === 0 || !subjectHeld(hits)) {
    // Whether the subject is anywhere: the papers best for the subject alone, not for the whole question.
    const subjectText = typedSpan(question, subject.map(({ concept }) => concept.typed));
    if (!subjectHeld(subject.length < 2 ? [] : index.search(subjectText, { limit: options.candidatePapers }).hits)) {
      const missing = [subjectText];
      return { ...base, sentences: [], sources: [], found: false, missing, closest: closest(), suggestions: missingSuggestions(result.hits.length > 0) };
    }
    return { ...base, sentences: [], sources: [], found: false, closest: closest(), suggestions: notFoundSuggestions(result.keywords.phrases) };
  }
  const sentenceQuery: SentenceQuery = {
    concepts,
    phrases: new Set(query.phrases),
    intent: query.intent,
    ...(query.sides ? { sides: [new Set(query.sides[0]), new Set(query.sides[1])] as [Set<string>, Set<string>] } : {}),
  };
  const chosen = chooseSentences(collectCandidates(hits, sentenceQuery), options, concepts);
  if (chosen.length === 0) {
    return { ...base, sentences: [], sources: [], found: false, closest: closest(), suggestions: notFoundSuggestions(result.keywords.phrases) };
  }
  const highlightTerms = new Set(query.weights.keys());
  const answerResult: Answer = { ...base, ...cite(inReadingOrder(chosen), hits, highlightTerms), found: true, suggestions: [] };
  if (query.near.length > 0) {
    answerResult.caveat = query.near.map((n) => `Nothing on ${n.from} itself; closest: ${n.to}.`).join(' ');
  }
  return answerResult;
}

/** A whole ranking narrowed to the papers `accept` keeps: the best `limit` of them, all of them counted. */
function acceptedOnly(result: SearchResult, accept: (paper: Paper) => boolean, limit: number): SearchResult {
  const hits = result.hits.filter((hit) => accept(hit.paper));
  return { ...result, hits: hits.slice(0, limit), total: hits.length };
}

/**
 * The question's known concepts, weighted by idf of their best-known form; context concepts
 * lighter; a missing acronym whose long form occurs in part stands for that part ("radiance field").
 */
function weightedConcepts(index: PaperIndex, query: UnderstoodQuery): SentenceQuery['concepts'] {
  return query.concepts
    .filter((concept) => concept.known || concept.nearTerms)
    .map((concept) => (concept.known ? concept : { ...concept, alternatives: [concept.nearTerms!] }))
    .map((concept) => {
      const idf = Math.max(
        ...concept.alternatives.map((terms) => (terms.every((t) => index.vocabulary.termFrequency(t) > 0) ? Math.min(...terms.map((t) => index.idf(t))) : 0)),
      );
      return { concept, weight: idf * (concept.main ? 1 : CONTEXT_CONCEPT_WEIGHT) };
    });
}

/** Share of the question's concept weight a paper's title and abstract hold. */
function paperCoverage(index: PaperIndex, hit: SearchHit, concepts: SentenceQuery['concepts']): number {
  const terms = index.termsOf(hit.paper.id);
  if (!terms) return 0;
  return conceptCoverage(new Set([...terms.title, ...terms.abstract]), concepts);
}

function collectCandidates(hits: readonly SearchHit[], query: SentenceQuery): CandidateSentence[] {
  const byText = new Map<string, CandidateSentence>();
  const top = hits[0]?.score ?? 1;
  hits.forEach((hit, rank) => {
    // A paper's sentences count by how relevant the paper is: its rank and its score against
    // the best one's. Asked who introduced something, the paper whose title names it comes first.
    let paperWeight = (hit.score / top) / (1 + RANK_DECAY * rank);
    if (query.intent === 'origin' && !namesInTitle(hit.paper, query.phrases)) paperWeight *= ORIGIN_UNTITLED;
    const { sentences, lead, acronyms } = abstractFeatures(hit.paper);
    sentences.forEach((features, position) => {
      const text = features.text;
      if (!features.quotable) return;
      const existing = byText.get(text);
      if (existing) {
        // The same sentence in two abstracts (revised versions of a paper): cite both.
        if (!existing.paperIds.includes(hit.paper.id)) existing.paperIds.push(hit.paper.id);
        return;
      }
      const place = { position, count: sentences.length, lead: position === lead, acronyms };
      const { score, coverage, terms, covers, role, answersIntent } = scoreFeatures(features, query, place);
      if ((coverage < MIN_SENTENCE_COVERAGE && !place.lead) || score <= 0) return;
      const candidate: CandidateSentence = { text, paperIds: [hit.paper.id], score: score * paperWeight, coverage, terms, covers, position, role, answersIntent };
      if (position > 0 && features.leans) candidate.antecedent = sentences[position - 1]!.text;
      byText.set(text, candidate);
    });
  });
  return [...byText.values()].sort((a, b) => b.score - a.score);
}

/** Whether a title names the question's subject as written: every adjacent pair of its words ("latent diffusion models"). */
function namesInTitle(paper: Paper, questionPhrases: ReadonlySet<string>): boolean {
  const { titlePhrases } = abstractFeatures(paper);
  return questionPhrases.size > 0 && [...questionPhrases].every((phrase) => titlePhrases.has(phrase));
}

/**
 * The stretch of the question from the first to the last of the given words, as typed
 * ("chain of thought prompting"); the words joined when they cannot be found in order.
 */
function typedSpan(question: string, words: readonly string[]): string {
  let start = -1;
  let end = -1;
  let from = 0;
  for (const word of words) {
    const at = question.toLowerCase().indexOf(word.toLowerCase(), from);
    if (at < 0) return words.join(' ');
    if (start < 0) start = at;
    end = at + word.length;
    from = end;
  }
  const span = question.slice(start, end).replace(/\s+/g, ' ');
  return span.length <= MAX_SUBJECT_LABEL ? span : words.join(' ');
}

/** The largest share of the subject's weight that one sentence (or the title) of a paper holds together. */
function subjectCohesion(paper: Paper, subject: SentenceQuery['concepts']): number {
  const { sentences, acronyms, titleTerms } = abstractFeatures(paper);
  let best = coveredShare(coveredConcepts(titleTerms, subject), subject);
  for (const sentence of sentences) {
    if (best >= 1) break;
    best = Math.max(best, coveredShare(coveredConcepts(withLongForms(sentence.terms, acronyms), subject), subject));
  }
  return best;
}

/** A paper's title and sentences analyzed once, whatever the question. */
interface AbstractFeatures {
  titleTerms: Set<string>;
  titlePhrases: Set<string>;
  sentences: Array<SentenceFeatures & { quotable: boolean }>;
  /** Index of the first quotable contribution sentence, or -1. */
  lead: number;
  acronyms: Map<string, string[]>;
}

/**
 * Sentence analyses per paper, kept as long as the paper object lives (a reloaded corpus brings
 * new objects, and the old entries go with the old index): answers re-read the same top papers.
 */
const abstractCache = new WeakMap<Paper, AbstractFeatures>();

function abstractFeatures(paper: Paper): AbstractFeatures {
  let cached = abstractCache.get(paper);
  if (!cached) {
    const sentences = splitSentences(paper.abstract).map((text) => ({ ...sentenceFeatures(text), quotable: isQuotable(text) }));
    const title = analyze(paper.title);
    cached = {
      titleTerms: new Set(title.map((t) => t.term)),
      titlePhrases: new Set(phraseTerms(title)),
      sentences,
      lead: sentences.findIndex((s) => s.quotable && s.role === 'contribution'),
      acronyms: localAcronyms(paper.abstract),
    };
    abstractCache.set(paper, cached);
  }
  return cached;
}

/**
 * The sentence of a paper's abstract that states its contribution, as the answer builder picks
 * it (the first quotable sentence whose rhetorical role is "contribution"); undefined when none
 * does. Quoted verbatim, as answers quote it.
 */
export function contributionSentence(paper: Paper): string | undefined {
  const { sentences, lead } = abstractFeatures(paper);
  return lead >= 0 ? sentences[lead]!.text : undefined;
}

/** The acronyms an abstract defines, as analyzed acronym term → long-form terms. */
function localAcronyms(abstract: string): Map<string, string[]> {
  const acronyms = new Map<string, string[]>();
  for (const definition of findAcronymDefinitions(abstract)) {
    const [term] = analyzeTerms(definition.short);
    if (term && !acronyms.has(term)) acronyms.set(term, analyzeTerms(definition.long));
  }
  return acronyms;
}

/**
 * Selection in rounds: first the best sentence of each paper (best papers first), then second
 * sentences, so the top relevant papers are each heard before any is heard twice; repeats and
 * sentences well below the best are skipped, and everything stays within the limits.
 */
function chooseSentences(candidates: readonly CandidateSentence[], limits: AnswerLimits, concepts: SentenceQuery['concepts']): CandidateSentence[] {
  const best = candidates[0]?.score ?? 0;
  const chosen: CandidateSentence[] = [];
  const perPaper = new Map<string, number>();
  const covered = new Set<number>();
  let chars = 0;
  // The answer as a whole should speak to every part of the question ("CFG" and "distillation"):
  // a sentence carrying a concept no chosen sentence carries yet gains for it.
  const gain = (candidate: CandidateSentence) => {
    const fresh = new Set([...candidate.covers].filter((i) => !covered.has(i)));
    return candidate.score + NEW_CONCEPT_GAIN * coveredShare(fresh, concepts) * (covered.size > 0 ? 1 : 0);
  };
  for (let round = 1; round <= limits.maxPerPaper; round++) {
    const pool = candidates.filter((c) => !chosen.includes(c));
    while (chosen.length < limits.maxSentences) {
      let pick: CandidateSentence[] | undefined;
      let pickGain = -Infinity;
      for (const candidate of pool) {
        const quoted = perPaper.get(candidate.paperIds[0]!) ?? 0;
        // A sentence that does what the question asks (both sides of "X vs Y", a cause for "why")
        // need not wait for the next round.
        if (quoted >= (candidate.answersIntent ? limits.maxPerPaper : round)) continue;
        if (chosen.some((c) => c.text === candidate.text) || repeats(candidate, chosen)) continue;
        const g = gain(candidate);
        // Sentences well below the best are left out, unless they add a missing part of the question.
        if (g < best * MIN_RELATIVE_SCORE || g <= pickGain) continue;
        // A sentence that leans on the one before it ("This technique …") comes with it or not at all.
        const group = withAntecedent(candidate, chosen);
        if (chosen.length + group.length > limits.maxSentences || quoted + group.length > limits.maxPerPaper) continue;
        if (chars + group.reduce((sum, c, i) => sum + cost(c, chosen.length + i), 0) > limits.maxChars) continue;
        pick = group;
        pickGain = g;
      }
      if (!pick) break;
      for (const sentence of pick) {
        chars += cost(sentence, chosen.length);
        chosen.push(sentence);
        for (const i of sentence.covers) covered.add(i);
      }
      perPaper.set(pick[0]!.paperIds[0]!, (perPaper.get(pick[0]!.paperIds[0]!) ?? 0) + pick.length);
    }
  }
  return chosen;
}

/** The sentence, preceded by the one it leans on when that is not chosen already (quoted verbatim too). */
function withAntecedent(candidate: CandidateSentence, chosen: readonly CandidateSentence[]): CandidateSentence[] {
  const text = candidate.antecedent;
  if (!text || chosen.some((c) => c.text === text)) return [candidate];
  // Just above the sentence it introduces in score, so reading order keeps the pair together.
  return [{ ...candidate, text, position: candidate.position - 1, covers: new Set(), score: candidate.score, antecedent: undefined } as CandidateSentence, candidate];
}

/** Characters a sentence adds to an answer: itself, a space, its "[n]" markers, a separator. */
function cost(candidate: CandidateSentence, chosenBefore: number): number {
  return candidate.text.length + 1 + candidate.paperIds.length * 4 + (chosenBefore > 0 ? 1 : 0);
}

/**
 * Orders the chosen sentences for reading: papers in the order of their best chosen sentence
 * (the sentence that answers best comes first), and a paper's sentences in the order its
 * abstract has them, so a definition comes before the result that relies on it.
 */
function inReadingOrder(chosen: readonly CandidateSentence[]): CandidateSentence[] {
  const paperOrder = new Map<string, number>();
  for (const sentence of [...chosen].sort((a, b) => b.score - a.score)) {
    if (!paperOrder.has(sentence.paperIds[0]!)) paperOrder.set(sentence.paperIds[0]!, paperOrder.size);
  }
  return [...chosen].sort((a, b) => paperOrder.get(a.paperIds[0]!)! - paperOrder.get(b.paperIds[0]!)! || a.position - b.position);
}

/** Numbers the cited papers in order of first citation and builds the source list. */
function cite(
  chosen: readonly CandidateSentence[],
  hits: readonly SearchHit[],
  highlightTerms: ReadonlySet<string>,
): { sentences: AnswerSentence[]; sources: SourceRef[] } {
  const numbers = new Map<string, number>();
  const sources: SourceRef[] = [];
  const sentences = chosen.map((candidate) => ({
    text: candidate.text,
    sources: candidate.paperIds.map((id) => {
      let n = numbers.get(id);
      if (n === undefined) {
        n = numbers.size + 1;
        numbers.set(id, n);
        const hit = hits.find((h) => h.paper.id === id)!;
        sources.push(sourceRef(n, hit.paper, hit.matched));
      }
      return n;
    }),
    highlights: highlightRanges(candidate.text, highlightTerms),
  }));
  return { sentences, sources };
}

/** The source-list entry of a paper (also used by search and show results). */
export function sourceRef(n: number, paper: Paper, matched: string[] = []): SourceRef {
  const ref: SourceRef = { n, id: paper.id, title: paper.title, links: paper.links, matched };
  if (paper.published) ref.published = paper.published;
  if (paper.dateText) ref.dateText = paper.dateText;
  if (paper.upvotes !== undefined) ref.upvotes = paper.upvotes;
  if (paper.authors) ref.authors = paper.authors;
  if (paper.authorCount !== undefined) ref.authorCount = paper.authorCount;
  return ref;
}

function noKeywordSuggestions(): string[] {
  return [
    'Your question has no topic words paperbot can search for. Name the topic, e.g. "diffusion sampling" or "label smoothing".',
    'Use "papers" to list what the corpus holds.',
  ];
}

function missingSuggestions(hasClosest: boolean): string[] {
  return [
    ...(hasClosest ? ['The papers below share other words of your question; none is about it.'] : []),
    'Use "sync" to fetch newer papers, or ask about a topic the corpus covers ("papers" lists it).',
  ];
}

function notFoundSuggestions(keywords: readonly string[]): string[] {
  return [
    `No paper in the corpus is about ${keywords.map((k) => `"${k}"`).join(', ')} closely enough to quote.`,
    'Try fewer or more general words, or another name for the same idea.',
    'Use "search" with a few keywords for a ranked list, or "papers" to see what the corpus holds.',
  ];
}
