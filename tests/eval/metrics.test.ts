import { describe, expect, it } from 'vitest';
import {
  averagePrecision,
  ndcgAt,
  precisionAt,
  recallAt,
  reciprocalRankAt,
  relevantCount,
} from '../../src/eval/metrics.js';

/** Judgments from a plain object, to keep the examples short. */
const judged = (grades: Record<string, number>): Map<string, number> => new Map(Object.entries(grades));

/** docids "n1".."nN", never judged. */
const unjudged = (count: number, prefix = 'n'): string[] => Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`);

describe('relevantCount', () => {
  it('counts judged docs with grade ≥ 1 only', () => {
    expect(relevantCount(judged({ a: 3, b: 1, c: 0, d: -1 }))).toBe(2);
  });
});

describe('ndcgAt', () => {
  const grades = judged({ a: 3, b: 2, c: 1, d: 0, e: -1 });

  it('uses linear gains and a log2(rank+1) discount against the ideal ordering', () => {
    // DCG  = 0/log2(2) + 3/log2(3) + 1/log2(4) + 0/log2(5) + 2/log2(6) = 3.1664949
    // IDCG = 3/log2(2) + 2/log2(3) + 1/log2(4)                          = 4.7618595
    expect(ndcgAt(['d', 'a', 'c', 'x', 'b'], grades, 10)).toBeCloseTo(0.6649702433, 9);
  });

  it('is 1 for the ideal ordering and 0 when nothing relevant is retrieved', () => {
    expect(ndcgAt(['a', 'b', 'c'], grades, 10)).toBe(1);
    expect(ndcgAt(['d', 'e', 'x'], grades, 10)).toBe(0);
    expect(ndcgAt([], grades, 10)).toBe(0);
  });

  it('gives a negative grade no gain rather than a penalty', () => {
    expect(ndcgAt(['e', 'a', 'b', 'c'], grades, 10)).toBe(ndcgAt(['x', 'a', 'b', 'c'], grades, 10));
  });

  it('ignores ranks past k, and cuts the ideal DCG at k too', () => {
    // Twelve relevant docs, ten of them retrieved in the top 10: the ideal top 10 holds no more.
    const many = judged(Object.fromEntries(unjudged(12, 'r').map((id) => [id, 1])));
    expect(ndcgAt(unjudged(12, 'r'), many, 10)).toBe(1);
    // The only relevant doc at rank 11 is beyond the cut-off.
    expect(ndcgAt([...unjudged(10), 'a'], grades, 10)).toBe(0);
    // At k = 1 only the first rank counts: grade 2 against the ideal grade 3.
    expect(ndcgAt(['b', 'a'], grades, 1)).toBeCloseTo(2 / 3, 12);
  });

  it('is 0 for a query without relevant docs', () => {
    expect(ndcgAt(['d'], judged({ d: 0 }), 10)).toBe(0);
  });

  it('counts a repeated docid only at its first rank', () => {
    expect(ndcgAt(['x', 'a', 'a'], judged({ a: 1 }), 10)).toBeCloseTo(1 / Math.log2(3), 12);
  });
});

describe('averagePrecision', () => {
  // Three relevant docs (grade counts only as ≥ 1), one judged non-relevant.
  const grades = judged({ a: 1, b: 2, c: 1, d: 0 });

  it('averages precision at each relevant rank over all relevant judged docs', () => {
    // a at rank 1 (1/1), b at rank 3 (2/3); c never retrieved still counts in the denominator.
    expect(averagePrecision(['a', 'x', 'b', 'd', 'y'], grades)).toBeCloseTo((1 + 2 / 3) / 3, 12);
  });

  it('is 1 when all relevant docs come first, whatever follows', () => {
    expect(averagePrecision(['b', 'c', 'a', 'd', 'x'], grades)).toBe(1);
  });

  it('only looks at the first `depth` ranks (1000 by default)', () => {
    expect(averagePrecision(['a', 'x', 'b'], grades, 2)).toBeCloseTo(1 / 3, 12);
    const deep = [...unjudged(999), 'a', 'b'];
    expect(averagePrecision(deep, grades)).toBeCloseTo(1 / 1000 / 3, 15);
  });

  it('is 0 when nothing is relevant', () => {
    expect(averagePrecision(['a'], judged({ a: 0 }))).toBe(0);
    expect(averagePrecision([], grades)).toBe(0);
  });
});

describe('precisionAt', () => {
  const grades = judged({ a: 1, b: 2, c: 0 });

  it('divides by k even when fewer than k docs were retrieved', () => {
    expect(precisionAt(['a', 'c', 'b'], grades, 10)).toBeCloseTo(0.2, 12);
  });

  it('ignores ranks past k', () => {
    expect(precisionAt([...unjudged(10), 'a', 'b'], grades, 10)).toBe(0);
    expect(precisionAt(['x', 'a', 'b'], grades, 2)).toBe(0.5);
  });
});

describe('recallAt', () => {
  const grades = judged({ a: 1, b: 2, c: 1, d: 0 });

  it('divides relevant docs found in the first k by all relevant judged docs', () => {
    expect(recallAt(['d', 'a', 'x'], grades, 100)).toBeCloseTo(1 / 3, 12);
  });

  it('ignores ranks past k', () => {
    expect(recallAt([...unjudged(99), 'a', 'b', 'c'], grades, 100)).toBeCloseTo(1 / 3, 12);
  });

  it('is 0 when nothing is relevant, and never exceeds 1 for a repeated docid', () => {
    expect(recallAt(['a'], judged({ a: 0 }), 100)).toBe(0);
    expect(recallAt(['a', 'a'], judged({ a: 1 }), 100)).toBe(1);
  });
});

describe('reciprocalRankAt', () => {
  const grades = judged({ a: 1, b: 2, c: 0 });

  it('is 1/rank of the first relevant doc, whatever its grade', () => {
    expect(reciprocalRankAt(['c', 'x', 'a', 'b'], grades, 10)).toBeCloseTo(1 / 3, 12);
    expect(reciprocalRankAt(['b'], grades, 10)).toBe(1);
  });

  it('is 0 when the first relevant doc is past k, or absent', () => {
    expect(reciprocalRankAt([...unjudged(10), 'a'], grades, 10)).toBe(0);
    expect(reciprocalRankAt([...unjudged(9), 'a'], grades, 10)).toBeCloseTo(0.1, 12);
    expect(reciprocalRankAt(['c'], grades, 10)).toBe(0);
  });
});
