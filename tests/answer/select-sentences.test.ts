import { describe, expect, it } from 'vitest';
import { MIN_SENTENCE_COVERAGE, isQuotable, overlap, repeats, scoreSentence, type CandidateSentence, type SentenceQuery } from '../../src/answer/select-sentences.js';

/** The question "diffusion sampling": two equally weighted terms and their phrase. */
const QUERY: SentenceQuery = {
  weights: new Map([
    ['diffus', 1],
    ['sampl', 1],
  ]),
  phrases: new Set(['diffus_sampl']),
};

const candidate = (text: string, terms: string[]): CandidateSentence => ({ text, paperIds: ['p'], score: 1, terms: new Set(terms), position: 0 });

describe('scoreSentence', () => {
  it('scores the weighted share of the question’s terms a sentence contains', () => {
    expect(scoreSentence('Sampling from diffusion models is slow in practice.', QUERY, 0).score).toBeCloseTo(1, 10);
    expect(scoreSentence('Diffusion models are slow in practice.', QUERY, 0).score).toBeCloseTo(0.5, 10);
    const weighted: SentenceQuery = { ...QUERY, weights: new Map([['diffus', 1], ['sampl', 3]]) };
    expect(scoreSentence('Diffusion models are slow in practice.', weighted, 0).score).toBeCloseTo(0.25, 10);
  });

  it('adds 0.15 for the question’s phrases the sentence contains', () => {
    expect(scoreSentence('Diffusion sampling is slow in practice.', QUERY, 0).score).toBeCloseTo(1.15, 10);
  });

  it('gives a contribution sentence ("we", "our", "this paper") 10% more', () => {
    expect(scoreSentence('We make diffusion sampling fast.', QUERY, 0).score).toBeCloseTo(1.15 * 1.1, 10);
    expect(scoreSentence('This paper makes diffusion sampling fast.', QUERY, 0).score).toBeCloseTo(1.15 * 1.1, 10);
  });

  it('trusts sentences of lower-ranked papers a little less', () => {
    expect(scoreSentence('Diffusion sampling is slow in practice.', QUERY, 2).score).toBeCloseTo(1.15 / 1.2, 10);
  });

  it('scores 0 a sentence without any question term', () => {
    expect(scoreSentence('Label smoothing regularizes classifiers.', QUERY, 0).score).toBe(0);
    expect(scoreSentence('Anything at all.', { weights: new Map(), phrases: new Set() }, 0).score).toBe(0);
  });

  it('returns the sentence’s analyzed terms', () => {
    expect([...scoreSentence('Diffusion sampling is slow.', QUERY, 0).terms]).toEqual(['diffus', 'sampl', 'slow']);
  });

  it('requires a sentence to cover 30% of the question to be quoted', () => {
    expect(MIN_SENTENCE_COVERAGE).toBe(0.3);
  });
});

describe('isQuotable', () => {
  it('rejects fragments shorter than 40 characters', () => {
    expect(isQuotable('Code is available.')).toBe(false);
    expect(isQuotable('x'.repeat(39))).toBe(false);
    expect(isQuotable('x'.repeat(40))).toBe(true);
  });
});

describe('overlap', () => {
  it('is the share of the smaller term set found in the other', () => {
    expect(overlap(new Set(['a', 'b']), new Set(['a', 'b', 'c']))).toBe(1);
    expect(overlap(new Set(['a', 'b', 'c', 'd']), new Set(['a', 'b', 'x', 'y']))).toBe(0.5);
    expect(overlap(new Set(['a']), new Set(['b']))).toBe(0);
  });

  it('is 0 when either set is empty', () => {
    expect(overlap(new Set(), new Set(['a']))).toBe(0);
    expect(overlap(new Set(['a']), new Set())).toBe(0);
  });
});

describe('repeats', () => {
  const chosen = [candidate('Diffusion sampling is slow and costly.', ['diffus', 'sampl', 'slow', 'cost', 'practic'])];

  it('recognises the same sentence', () => {
    expect(repeats(candidate('Diffusion sampling is slow and costly.', []), chosen)).toBe(true);
  });

  it('recognises a sentence sharing at least 60% of its terms with a chosen one', () => {
    expect(repeats(candidate('…', ['diffus', 'sampl', 'slow', 'gpu', 'memori']), chosen)).toBe(true);
    expect(repeats(candidate('…', ['diffus', 'sampl', 'gpu', 'memori']), chosen)).toBe(false);
  });

  it('finds nothing repeated when nothing was chosen yet', () => {
    expect(repeats(candidate('Diffusion sampling is slow and costly.', ['diffus']), [])).toBe(false);
  });
});
