import { describe, expect, it } from 'vitest';
import { DocSet } from '../../../src/search/engine/doc-set.js';
import { DEFAULT_BM25, type Bm25Params } from '../../../src/search/ranking-options.js';
import { bm25fEngineOf, clausesOf, engineOf } from './engine-helpers.js';
import { randomCorpus, randomQuery, SeededRandom } from './random-corpus.js';

const CORPORA: Array<{ seed: number; documents: number; vocabulary: number; params: Bm25Params }> = [
  { seed: 11, documents: 30, vocabulary: 25, params: DEFAULT_BM25 },
  { seed: 12, documents: 500, vocabulary: 400, params: DEFAULT_BM25 },
  { seed: 13, documents: 2000, vocabulary: 5000, params: DEFAULT_BM25 },
  { seed: 14, documents: 3000, vocabulary: 1500, params: DEFAULT_BM25 },
  { seed: 15, documents: 1200, vocabulary: 1000, params: { k: 0.8, b: 0.3, d: 0 } },
  { seed: 16, documents: 1000, vocabulary: 700, params: { k: 2, b: 0.9, d: 0.5 } },
];
const QUERIES = 50;
const KS = [1, 10, 100];

describe('Bm25Index.topK (MaxScore) returns exactly the exhaustive top k', () => {
  for (const { seed, documents, vocabulary, params } of CORPORA) {
    it(`seed ${seed}: ${documents} documents, ${vocabulary} terms; ${QUERIES} queries × k ∈ {${KS.join(', ')}}, with and without phrases`, () => {
      const random = new SeededRandom(seed);
      const docs = randomCorpus(random, documents, vocabulary);
      const engine = engineOf(docs, params);
      let checks = 0;
      for (let q = 0; q < QUERIES; q++) {
        const withPhrases = q % 2 === 0;
        const { weights, phrases } = randomQuery(random, docs, vocabulary, withPhrases);
        const query = clausesOf(weights, phrases, withPhrases ? 0.05 + random.next() : 0, 0.1 + random.next());
        const all = engine.scoreAll(query);
        for (const k of KS) {
          // Same documents, same order, bit-identical scores.
          expect(engine.topK(query, k)).toEqual(all.slice(0, k));
          checks++;
        }
      }
      expect(checks).toBe(QUERIES * KS.length);
    });
  }

  // BM25F: title and abstract as two streams, saturated after their weighted sum; the bound of a
  // term is its best summed score over its postings.
  const BM25F_CORPORA = [
    { seed: 31, documents: 800, vocabulary: 600, params: DEFAULT_BM25, streams: [{ weight: 2, b: 0.5 }, { weight: 1, b: 0.6 }] },
    { seed: 32, documents: 2500, vocabulary: 3000, params: DEFAULT_BM25, streams: [{ weight: 3.5, b: 0.9 }, { weight: 1, b: 0.2 }] },
    { seed: 33, documents: 1500, vocabulary: 800, params: { k: 2, b: 0.75, d: 0.5 }, streams: [{ weight: 0.7, b: 0 }, { weight: 1.3, b: 1 }] },
  ] as const;
  for (const { seed, documents, vocabulary, params, streams } of BM25F_CORPORA) {
    it(`BM25F, seed ${seed}: ${documents} documents, title ×${streams[0].weight} b ${streams[0].b}, abstract ×${streams[1].weight} b ${streams[1].b}`, () => {
      const random = new SeededRandom(seed);
      const docs = randomCorpus(random, documents, vocabulary);
      const engine = bm25fEngineOf(docs, params, streams);
      for (let q = 0; q < QUERIES; q++) {
        const withPhrases = q % 2 === 0;
        const { weights, phrases } = randomQuery(random, docs, vocabulary, withPhrases);
        const query = clausesOf(weights, phrases, withPhrases ? 0.05 + random.next() : 0, 0.1 + random.next());
        const all = engine.scoreAll(query);
        for (const k of KS) expect(engine.topK(query, k)).toEqual(all.slice(0, k));
        const within = new DocSet(documents);
        for (let doc = 0; doc < documents; doc++) if (random.next() < 0.3) within.add(doc);
        const kept = all.filter(({ doc }) => within.has(doc));
        for (const k of KS) expect(engine.topK(query, k, { within })).toEqual(kept.slice(0, k));
      }
    });
  }

  it('keeps only accepted documents, and still the exact top k of those', () => {
    const random = new SeededRandom(21);
    const docs = randomCorpus(random, 1500, 1200);
    const engine = engineOf(docs, DEFAULT_BM25);
    for (let q = 0; q < QUERIES; q++) {
      const { weights, phrases } = randomQuery(random, docs, 1200, true);
      const query = clausesOf(weights, phrases, 0.15);
      const modulus = random.int(2, 7);
      const accept = (doc: number) => doc % modulus === 0;
      const all = engine.scoreAll(query).filter(({ doc }) => accept(doc));
      for (const k of KS) expect(engine.topK(query, k, { accept })).toEqual(all.slice(0, k));
    }
  });

  it('ranks only the documents of a `within` set, scored one by one when few, by MaxScore when many', () => {
    const random = new SeededRandom(23);
    const docs = randomCorpus(random, 3000, 2000);
    const engine = engineOf(docs, DEFAULT_BM25);
    for (let q = 0; q < QUERIES; q++) {
      const { weights, phrases } = randomQuery(random, docs, 2000, q % 2 === 0);
      const query = clausesOf(weights, phrases, 0.15, 0.5);
      // From a handful of documents (scored directly) to most of them (MaxScore).
      const share = [0.001, 0.05, 0.2, 0.8][q % 4]!;
      const within = new DocSet(3000);
      for (let doc = 0; doc < 3000; doc++) if (random.next() < share) within.add(doc);
      const accept = q % 3 === 0 ? (doc: number) => doc % 2 === 1 : undefined;
      const all = engine.scoreAll(query).filter(({ doc }) => within.has(doc) && (!accept || accept(doc)));
      for (const k of KS) expect(engine.topK(query, k, { within, accept })).toEqual(all.slice(0, k));
    }
  });

  it('breaks ties by document id, ascending, like the exhaustive ranking', () => {
    // Identical documents tie; the lowest ids come first, whatever k cuts.
    const docs = Array.from({ length: 40 }, (_, i) => ({ text: i % 2 === 0 ? ['a', 'b', 'b'] : ['a', 'c'], phrases: [] }));
    const engine = engineOf(docs, DEFAULT_BM25);
    const query = clausesOf(new Map([['a', 0.7], ['b', 0.3]]), [], 0);
    const all = engine.scoreAll(query);
    expect(all.slice(0, 3).map((hit) => hit.doc)).toEqual([0, 2, 4]);
    for (const k of [1, 5, 20, 21, 39, 40, 100]) expect(engine.topK(query, k)).toEqual(all.slice(0, k));
  });

  it('ranks documents that only a zero-weight term matches (score 0) after every scored one', () => {
    const docs = [{ text: ['x'], phrases: [] }, { text: ['y'], phrases: [] }, { text: ['x', 'y'], phrases: [] }];
    const engine = engineOf(docs, DEFAULT_BM25);
    const query = clausesOf(new Map([['x', 0], ['y', 2]]), [], 0);
    expect(engine.topK(query, 3).map((hit) => hit.doc)).toEqual([1, 2, 0]);
    expect(engine.topK(query, 3)).toEqual(engine.scoreAll(query));
    expect(engine.topK(query, 3)[2]!.score).toBe(0);
  });

  it('returns nothing for k ≤ 0, no clause or no matching term, and at most every matching document', () => {
    const random = new SeededRandom(22);
    const docs = randomCorpus(random, 100, 80);
    const engine = engineOf(docs, DEFAULT_BM25);
    const query = clausesOf(new Map([['t3', 1.5]]), [], 0);
    expect(engine.topK(query, 0)).toEqual([]);
    expect(engine.topK([], 10)).toEqual([]);
    expect(engine.topK(clausesOf(new Map([['nowhere', 2]]), [], 0), 10)).toEqual([]);
    expect(engine.topK(query, 1e9)).toEqual(engine.scoreAll(query));
  });
});
