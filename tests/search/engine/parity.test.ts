import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../../src/corpus/index.js';
import { analyze, phraseTerms } from '../../../src/nlp/analyzer.js';
import { understandQuestion } from '../../../src/query/understand-question.js';
import { expandQuery } from '../../../src/search/feedback.js';
import { PaperIndex } from '../../../src/search/paper-index.js';
import { DEFAULT_BM25, DEFAULT_FEEDBACK, DEFAULT_RANKING, type Bm25Params } from '../../../src/search/ranking-options.js';
import type { ScoredDoc } from '../../../src/search/engine/top-k-heap.js';
import { clausesOf, engineOf } from './engine-helpers.js';
import { MiniSearchReference } from './minisearch-reference.js';
import { randomCorpus, randomQuery, SeededRandom, type RandomDoc } from './random-corpus.js';

/** Same documents in the same order, each score within 1e-9 of the reference's (relative). */
function expectSameRanking(actual: readonly ScoredDoc[], expected: ReadonlyArray<{ doc: number; score: number }>): void {
  expect(actual.map((hit) => hit.doc)).toEqual(expected.map((hit) => hit.doc));
  actual.forEach((hit, i) => {
    const reference = expected[i]!.score;
    expect(Math.abs(hit.score - reference)).toBeLessThanOrEqual(1e-9 * Math.abs(reference));
  });
}

const QUESTIONS = [
  'which papers speed up diffusion sampling?',
  'label smoothing',
  'is there any work on text-to-3D generation?',
  'contrastive speech pretraining',
  'certified robustness of classifiers',
  'how do I fine-tune a large language model with little memory?',
  'post-training quantization for diffusion models',
  'anyone looked at NeRF from a few images',
  'attribution methods evaluation',
  'bilevel optimization penalty',
  'reinforcement learning from human feedback reward models',
  'video generation with transformers and temporal consistency',
];

describe('Bm25Index exhaustive scoring equals the minisearch-based ranking it replaced', () => {
  describe('on the seed corpus', () => {
    let docs: RandomDoc[];
    let index: PaperIndex;
    beforeAll(async () => {
      const papers = (await loadCorpus('seeds')).papers;
      index = PaperIndex.build(papers);
      docs = papers.map((paper) => {
        const title = analyze(paper.title);
        const abstract = analyze(paper.abstract);
        const titleTerms = title.map((t) => t.term);
        return { text: [...titleTerms, ...titleTerms, ...abstract.map((t) => t.term)], phrases: [...phraseTerms(title), ...phraseTerms(abstract)] };
      });
    });

    const settings: Array<[string, Bm25Params]> = [
      ['default BM25', DEFAULT_BM25],
      ['BM25+ (d 0.5, b 0.4, k 2)', { k: 2, b: 0.4, d: 0.5 }],
    ];
    for (const [name, params] of settings) {
      it(`ranks the questions, their feedback expansions and paper-like queries identically (${name})`, () => {
        const reference = new MiniSearchReference(docs, params);
        const engine = engineOf(docs, params);
        const phraseWeight = DEFAULT_RANKING.phraseWeight;
        let compared = 0;
        for (const question of QUESTIONS) {
          const query = understandQuestion(question, index.vocabulary);
          const first = reference.rankWeighted(query.weights, query.phrases, phraseWeight);
          expectSameRanking(engine.scoreAll(clausesOf(query.weights, query.phrases, phraseWeight)), first);
          // The feedback pass: RM3 weights (never 1) and the phrase field at 1 / Σ weights.
          const expanded = expandQuery(
            query.weights,
            first.slice(0, 10).map(({ doc, score }) => ({ terms: { title: [], abstract: docs[doc]!.text }, score })),
            (term) => index.vocabulary.termFrequency(term),
            docs.length,
            DEFAULT_FEEDBACK,
          );
          const unit = 1 / [...query.weights.values()].reduce((sum, w) => sum + w, 0);
          expectSameRanking(engine.scoreAll(clausesOf(expanded, query.phrases, phraseWeight, unit)), reference.rankWeighted(expanded, query.phrases, phraseWeight, unit));
          compared += 2;
        }
        // "Papers like this one": a paper's 25 most frequent terms, weighted by frequency.
        for (let doc = 0; doc < docs.length; doc += 23) {
          const counts = new Map<string, number>();
          for (const term of docs[doc]!.text) counts.set(term, (counts.get(term) ?? 0) + 1);
          const weights = new Map([...counts].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([term, count]) => [term, count / 7]));
          expectSameRanking(engine.scoreAll(clausesOf(weights, [], phraseWeight)), reference.rankWeighted(weights, [], phraseWeight));
          compared++;
        }
        expect(compared).toBe(2 * QUESTIONS.length + 11);
      });
    }
  });

  describe('on random corpora', () => {
    const corpora: Array<{ seed: number; documents: number; vocabulary: number; params: Bm25Params }> = [
      { seed: 1, documents: 50, vocabulary: 40, params: DEFAULT_BM25 },
      { seed: 2, documents: 400, vocabulary: 300, params: DEFAULT_BM25 },
      { seed: 3, documents: 1500, vocabulary: 3000, params: DEFAULT_BM25 },
      { seed: 4, documents: 800, vocabulary: 800, params: { k: 0.9, b: 0.4, d: 0 } },
      { seed: 5, documents: 600, vocabulary: 500, params: { k: 1.6, b: 1, d: 0.5 } },
    ];
    for (const { seed, documents, vocabulary, params } of corpora) {
      it(`seed ${seed}: ${documents} documents, ${vocabulary} terms, k ${params.k} b ${params.b} d ${params.d}: 40 queries`, () => {
        const random = new SeededRandom(seed);
        const docs = randomCorpus(random, documents, vocabulary);
        const reference = new MiniSearchReference(docs, params);
        const engine = engineOf(docs, params);
        let ranked = 0;
        for (let q = 0; q < 40; q++) {
          const { weights, phrases } = randomQuery(random, docs, vocabulary, q % 2 === 0);
          const phraseWeight = q % 4 === 1 ? 0 : 0.05 + random.next();
          const unit = q % 3 === 0 ? 1 : 0.1 + random.next();
          const expected = reference.rankWeighted(weights, phrases, phraseWeight, unit);
          expectSameRanking(engine.scoreAll(clausesOf(weights, phrases, phraseWeight, unit)), expected);
          ranked += expected.length;
        }
        // The queries match a good share of the corpus (the comparison is not vacuous).
        expect(ranked).toBeGreaterThan(10 * documents);
      });
    }
  });
});
