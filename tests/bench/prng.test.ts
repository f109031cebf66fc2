import { describe, expect, it } from 'vitest';
import { Prng } from '../../bench/prng.js';

describe('Prng', () => {
  it('gives the same sequence for the same seed, and another for another seed', () => {
    const draw = (seed: number): number[] => {
      const prng = new Prng(seed);
      return Array.from({ length: 5 }, () => prng.next());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('draws floats in [0, 1) and integers within both bounds', () => {
    const prng = new Prng(7);
    const ints = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const x = prng.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      ints.add(prng.int(3, 5));
    }
    expect([...ints].sort()).toEqual([3, 4, 5]);
  });

  it('shuffles into a permutation without changing its input', () => {
    const items = [1, 2, 3, 4, 5, 6, 7, 8];
    const shuffled = new Prng(1).shuffle(items);
    expect([...shuffled].sort()).toEqual(items);
    expect(items).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('names the bad range and the empty pick', () => {
    expect(() => new Prng(1).int(5, 3)).toThrow('Prng.int: bad range [5, 3]');
    expect(() => new Prng(1).pick([])).toThrow('Prng.pick: empty array');
  });
});
