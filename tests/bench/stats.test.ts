import { describe, expect, it } from 'vitest';
import { percentile, summarize } from '../../bench/stats.js';

describe('percentile', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it('is the nearest rank: p50 of 1..100 is 50, p99 is 99', () => {
    expect(percentile(hundred, 0.5)).toBe(50);
    expect(percentile(hundred, 0.99)).toBe(99);
    expect(percentile(hundred, 1)).toBe(100);
  });

  it('is the largest sample when there are too few for the rank', () => {
    expect(percentile([1, 2, 3], 0.99)).toBe(3);
    expect(percentile([4], 0.5)).toBe(4);
  });

  it('names what is wrong', () => {
    expect(() => percentile([], 0.5)).toThrow('percentile: no samples');
    expect(() => percentile([1], 0)).toThrow('percentile: p must be in (0, 1], got 0');
  });
});

describe('summarize', () => {
  it('sorts, counts and rounds to 0.01 ms', () => {
    expect(summarize([3.14159, 1, 2])).toEqual({ n: 3, p50: 2, p99: 3.14, max: 3.14 });
  });

  it('has nothing to say about no samples', () => {
    expect(summarize([])).toBeUndefined();
  });
});
