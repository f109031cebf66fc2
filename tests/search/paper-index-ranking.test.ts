import { beforeAll, describe, expect, it } from 'vitest';
import type { Paper } from '../../src/corpus/paper.js';
import { loadCorpus } from '../../src/corpus/index.js';
import { analyze, phraseTerms } from '../../src/nlp/analyzer.js';
import { understandQuestion } from '../../src/query/understand-question.js';
import { conceptForms, holdsAnyConcept } from '../../src/search/concept-holders.js';
import { expandQuery } from '../../src/search/feedback.js';
import { PaperIndex } from '../../src/search/paper-index.js';
import { resolveRankingOptions, type RankingOptions } from '../../src/search/ranking-options.js';
import { MiniSearchReference, referenceSearch } from './engine/minisearch-reference.js';

/** Questions as people type them: topics, long requests, acronyms, words no paper uses. */
const QUESTIONS = [
  'which papers speed up diffusion sampling?',
  'label smoothing',
  'is there any work on text-to-3D generation?',
  'anyone looked at PTQ for diffusion models? calibration seems weird bc activations shift per timestep',
  'NeRF for novel view synthesis from a few images?',
  'RLHF reward model overoptimization, any papers?',
  'LLM agents',
  'difusion smapling speedup',
  'I would like papers on evaluating attribution methods for image classifiers, and on how faithful saliency maps are',
  'what is the capital of France?',
];

/**
 * The minisearch-based PaperIndex's ranking of a question (before the engine was replaced),
 * over the same analysed papers.
 */
function before(papers: readonly Paper[], index: PaperIndex, options: RankingOptions) {
  const docs = papers.map((paper) => {
    const title = analyze(paper.title);
    const abstract = analyze(paper.abstract);
    const titleTerms = title.map((t) => t.term);
    const text = [...Array.from({ length: options.titleWeight }, () => titleTerms).flat(), ...abstract.map((t) => t.term)];
    return { text, phrases: [...phraseTerms(title), ...phraseTerms(abstract)] };
  });
  const reference = new MiniSearchReference(docs, options.bm25);
  return (question: string) => {
    const query = understandQuestion(question, index.vocabulary);
    const forms = conceptForms(query);
    return referenceSearch(
      reference,
      query,
      options,
      (weights, top, feedback) =>
        expandQuery(weights, top.map(({ doc, score }) => ({ terms: index.termsOf(papers[doc]!.id)!, score })), (t) => index.vocabulary.termFrequency(t), papers.length, feedback),
      (doc) => holdsAnyConcept(index.termsOf(papers[doc]!.id)!, forms),
    ).map(({ doc, score }) => ({ id: papers[doc]!.id, score }));
  };
}

/** The ranking before issue #10 §2: the title repeated in one field, feedback whatever the first pass. */
const LEGACY: Partial<RankingOptions> = { fieldB: false, feedback: { minConfidence: 0 } as never };

describe('PaperIndex with the one-field layout (fieldB false) ranks as the minisearch-based index did', () => {
  let papers: Paper[];
  beforeAll(async () => {
    papers = (await loadCorpus('seeds')).papers;
  });

  // Both passes are exact top-k over the listable papers: the whole ranking must be the old one,
  // scores within 1e-9.
  for (const [name, options] of [
    ['feedback always', LEGACY],
    ['without feedback', { ...LEGACY, feedback: false }],
    ['title once, heavier phrases, BM25+', { ...LEGACY, titleWeight: 1, phraseWeight: 0.4, bm25: { k: 1.2, b: 0.75, d: 0.5 } }],
  ] as Array<[string, Partial<RankingOptions>]>) {
    it(`on the seed corpus, every question, whole ranking and total (${name})`, () => {
      const index = PaperIndex.build(papers, options);
      const old = before(papers, index, resolveRankingOptions(options));
      for (const question of QUESTIONS) {
        const expected = old(question);
        const result = index.search(question, { limit: 1000 });
        expect(result.total, question).toBe(expected.length);
        expect(result.hits.map((hit) => hit.paper.id), question).toEqual(expected.map((hit) => hit.id));
        result.hits.forEach((hit, i) => expect(Math.abs(hit.score - expected[i]!.score)).toBeLessThanOrEqual(1e-9 * expected[i]!.score));
      }
    });
  }

  it('counts in total exactly the papers holding a concept and a query term, and lists only those', () => {
    for (const options of [{ ...LEGACY, titleWeight: 0 }, { titleWeight: 0 }, {}] as Array<Partial<RankingOptions>>) {
      const index = PaperIndex.build(papers, options);
      // The same listable papers whatever the layout: those holding a concept and a query term.
      const old = before(papers, index, { ...index.options, fieldB: false, titleWeight: 1, feedback: LEGACY.feedback === false ? false : { ...index.options.feedback, minConfidence: 0 } as never });
      for (const question of QUESTIONS) {
        const result = index.search(question, { limit: 1000 });
        expect(result.total, question).toBe(old(question).length);
        expect(result.hits).toHaveLength(result.total);
      }
    }
  });

  it('pages through the same ranking: pages of 7 put together are one request for all', () => {
    const index = PaperIndex.build(papers);
    for (const question of QUESTIONS.slice(0, 4)) {
      const all = index.search(question, { limit: 1000 });
      const paged = [];
      for (let offset = 0; offset < all.total; offset += 7) {
        const page = index.search(question, { offset, limit: 7 });
        expect(page.total).toBe(all.total);
        paged.push(...page.hits);
      }
      expect(paged.map((hit) => hit.paper.id)).toEqual(all.hits.map((hit) => hit.paper.id));
      expect(paged.map((hit) => hit.score)).toEqual(all.hits.map((hit) => hit.score));
    }
  });
});
