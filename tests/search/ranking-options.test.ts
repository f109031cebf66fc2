import { describe, expect, it } from 'vitest';
import { PaperIndex } from '../../src/search/paper-index.js';
import { DEFAULT_BM25, DEFAULT_FEEDBACK, DEFAULT_RANKING, resolveRankingOptions } from '../../src/search/ranking-options.js';
import { fixturePapers } from '../fixtures/papers.js';

describe('resolveRankingOptions', () => {
  it('fills in the documented defaults', () => {
    expect(resolveRankingOptions()).toEqual({
      bm25: { k: 1.2, b: 0.75, d: 0 },
      titleWeight: 2,
      fieldB: { title: 0.75, abstract: 0.6 },
      phraseWeight: 0.15,
      pairWindow: 1,
      idfPower: 0,
      longQuestionTerms: 8,
      feedback: { docs: 10, terms: 20, originalWeight: 0.5, minConfidence: 0.2, fullBelowTerms: 0 },
    });
    expect(resolveRankingOptions({})).toEqual(DEFAULT_RANKING);
  });

  it('merges partial BM25 parameters and partial feedback options with the defaults', () => {
    expect(resolveRankingOptions({ bm25: { k: 0.9 } as never }).bm25).toEqual({ k: 0.9, b: 0.75, d: 0 });
    expect(resolveRankingOptions({ feedback: { docs: 3 } as never }).feedback).toEqual({ docs: 3, terms: 20, originalWeight: 0.5, minConfidence: 0.2, fullBelowTerms: 0 });
    expect(resolveRankingOptions({ fieldB: { abstract: 0.3 } as never }).fieldB).toEqual({ title: 0.75, abstract: 0.3 });
  });

  it('keeps feedback switched off', () => {
    expect(resolveRankingOptions({ feedback: false }).feedback).toBe(false);
  });

  it('keeps a BM25F title weight as given, never below 0', () => {
    expect(resolveRankingOptions({ titleWeight: 2.4 }).titleWeight).toBe(2.4);
    expect(resolveRankingOptions({ titleWeight: -1 }).titleWeight).toBe(0);
  });

  it('rounds the title weight to a whole number when the title is repeated in one field (fieldB false), never below 0', () => {
    expect(resolveRankingOptions({ fieldB: false, titleWeight: 2.4 }).titleWeight).toBe(2);
    expect(resolveRankingOptions({ fieldB: false, titleWeight: 2.6 }).titleWeight).toBe(3);
    expect(resolveRankingOptions({ fieldB: false, titleWeight: -1 }).titleWeight).toBe(0);
    expect(resolveRankingOptions({ fieldB: false, titleWeight: 0 }).titleWeight).toBe(0);
  });

  it('rounds the pair window to a whole number, at least 1', () => {
    expect(resolveRankingOptions({ pairWindow: 0 }).pairWindow).toBe(1);
    expect(resolveRankingOptions({ pairWindow: 7.6 }).pairWindow).toBe(8);
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
