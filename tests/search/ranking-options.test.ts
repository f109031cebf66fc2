import { describe, expect, it } from 'vitest';
import { PaperIndex } from '../../src/search/paper-index.js';
import { DEFAULT_BM25, DEFAULT_FEEDBACK, DEFAULT_RANKING, resolveRankingOptions } from '../../src/search/ranking-options.js';
import { fixturePapers } from '../fixtures/papers.js';

describe('resolveRankingOptions', () => {
  it('fills in the documented defaults', () => {
    expect(resolveRankingOptions()).toEqual({
      bm25: { k: 1.2, b: 0.75, d: 0 },
      titleWeight: 2,
      fieldB: false,
      phraseWeight: 0.15,
      feedback: { docs: 10, terms: 20, originalWeight: 0.5 },
    });
    expect(resolveRankingOptions({})).toEqual(DEFAULT_RANKING);
  });

  it('merges partial BM25 parameters and partial feedback options with the defaults', () => {
    expect(resolveRankingOptions({ bm25: { k: 0.9 } as never }).bm25).toEqual({ k: 0.9, b: 0.75, d: 0 });
    expect(resolveRankingOptions({ feedback: { docs: 3 } as never }).feedback).toEqual({ docs: 3, terms: 20, originalWeight: 0.5 });
  });

  it('keeps feedback switched off', () => {
    expect(resolveRankingOptions({ feedback: false }).feedback).toBe(false);
  });

  it('rounds the title weight to a whole number, never below 0', () => {
    expect(resolveRankingOptions({ titleWeight: 2.4 }).titleWeight).toBe(2);
    expect(resolveRankingOptions({ titleWeight: 2.6 }).titleWeight).toBe(3);
    expect(resolveRankingOptions({ titleWeight: -1 }).titleWeight).toBe(0);
    expect(resolveRankingOptions({ titleWeight: 0 }).titleWeight).toBe(0);
  });

  it('keeps the given phrase weight, including 0', () => {
    expect(resolveRankingOptions({ phraseWeight: 0 }).phraseWeight).toBe(0);
  });

  it('returns fresh objects, leaving the frozen defaults untouched', () => {
    expect(Object.isFrozen(DEFAULT_RANKING)).toBe(true);
    expect(Object.isFrozen(DEFAULT_BM25)).toBe(true);
    expect(Object.isFrozen(DEFAULT_FEEDBACK)).toBe(true);
    const options = resolveRankingOptions();
    options.bm25.k = 5;
    expect(DEFAULT_BM25.k).toBe(1.2);
    expect(options.feedback).not.toBe(DEFAULT_FEEDBACK);
  });

  it('is what PaperIndex.build applies', () => {
    expect(PaperIndex.build(fixturePapers()).options).toEqual(DEFAULT_RANKING);
    expect(PaperIndex.build(fixturePapers(), { titleWeight: 3, feedback: false }).options).toEqual({
      ...resolveRankingOptions(),
      titleWeight: 3,
      feedback: false,
    });
  });
});
