/**
 * Peer: flexsearch (devDependency, pinned), the fastest widely used JavaScript full-text index —
 * the bench's lower bound on what an in-process search over the same corpus can cost. Not BM25:
 * it ranks by term position, so its figures bound speed, not ranking quality.
 */
import FlexSearch from 'flexsearch';
import EnglishPreset from 'flexsearch/lang/en';
import type { Paper } from '../../src/corpus/paper.js';
import type { BenchSystem } from './system.js';

/**
 * A flexsearch `Index` over "title. abstract": whole-word tokens, the LatinBalance charset with
 * the English stop words and stemmer, no result cache (every timed question is new work).
 * `suggest: true` returns papers holding some of the question's words — without it flexsearch
 * answers only papers holding all of them, which for a long question is almost always none.
 */
export function flexsearchSystem(): BenchSystem {
  const { Index, Encoder, Charset } = FlexSearch;
  const index = new Index({ tokenize: 'strict', encoder: new Encoder(Charset.LatinBalance).assign(EnglishPreset), fastupdate: false, cache: false });
  return {
    name: 'flexsearch',
    config: "flexsearch Index: tokenize 'strict', LatinBalance + English preset, search with suggest: true",
    build(papers: readonly Paper[]) {
      papers.forEach((paper, i) => index.add(i, `${paper.title}. ${paper.abstract}`));
    },
    search(question, limit) {
      return index.search(question, { limit, suggest: true });
    },
  };
}
