import { describe, expect, it } from 'vitest';
import { DocSet } from '../../../src/search/engine/doc-set.js';
import { intersectPostings } from '../../../src/search/engine/intersect.js';
import { seek, sumContributions } from '../../../src/search/engine/query.js';
import { TopKHeap } from '../../../src/search/engine/top-k-heap.js';
import { decodeTypedArray, encodeTypedArray } from '../../../src/search/engine/typed-array-codec.js';
import { SeededRandom } from './random-corpus.js';

describe('DocSet', () => {
  it('adds, tests, counts and lists documents across word boundaries', () => {
    const set = new DocSet(100);
    set.addAll(Uint32Array.of(0, 31, 32, 63, 64, 99));
    set.add(31);
    set.add(50);
    expect(set.count()).toBe(7);
    expect(set.toArray()).toEqual([0, 31, 32, 50, 63, 64, 99]);
    expect([0, 1, 31, 33, 99].map((doc) => set.has(doc))).toEqual([true, false, true, false, true]);
    expect(new DocSet(0).count()).toBe(0);
  });
});

describe('TopKHeap', () => {
  it('keeps the best k of a stream, best first, ties by document id ascending', () => {
    const random = new SeededRandom(51);
    for (const k of [1, 3, 10, 50]) {
      const heap = new TopKHeap(k);
      const all: Array<{ doc: number; score: number }> = [];
      for (let doc = 0; doc < 200; doc++) {
        const score = random.int(0, 20) / 4;
        all.push({ doc, score });
        heap.offer(doc, score);
      }
      expect(heap.sorted()).toEqual(all.sort((a, b) => b.score - a.score || a.doc - b.doc).slice(0, k));
    }
  });

  it('reports its worst score once full, and admits only documents ranking above it', () => {
    const heap = new TopKHeap(2);
    expect(heap.worstScore).toBe(-Infinity);
    heap.offer(5, 1);
    heap.offer(6, 3);
    expect(heap.full).toBe(true);
    expect(heap.worstScore).toBe(1);
    expect(heap.admits(7, 1)).toBe(false);
    expect(heap.admits(4, 1)).toBe(true);
    heap.offer(8, 2);
    expect(heap.sorted()).toEqual([
      { doc: 6, score: 3 },
      { doc: 8, score: 2 },
    ]);
  });
});

describe('seek', () => {
  it('finds the first position at or after a target id, from any start', () => {
    const docs = Uint32Array.from({ length: 500 }, (_, i) => i * 3);
    for (const [pos, target] of [[0, 0], [0, 1], [0, 3], [10, 5], [0, 1497], [0, 1498], [250, 900], [499, 1497]] as const) {
      const expected = docs.findIndex((doc, i) => i >= pos && doc >= target);
      expect(seek(docs, pos, docs.length, target)).toBe(expected < 0 ? docs.length : expected);
    }
    expect(seek(docs, 20, 30, 10_000)).toBe(30);
  });
});

describe('intersectPostings', () => {
  it('keeps the documents in every list, ascending', () => {
    const random = new SeededRandom(52);
    for (let trial = 0; trial < 20; trial++) {
      const lists = Array.from({ length: random.int(1, 4) }, () => Uint32Array.from(Array.from({ length: 300 }, (_, doc) => doc).filter(() => random.next() < 0.4)));
      const expected = Array.from({ length: 300 }, (_, doc) => doc).filter((doc) => lists.every((list) => list.includes(doc)));
      expect(intersectPostings(lists)).toEqual(expected);
    }
    expect(intersectPostings([])).toEqual([]);
    expect(intersectPostings([Uint32Array.of(1, 2), new Uint32Array(0)])).toEqual([]);
  });
});

describe('sumContributions', () => {
  it('sums each field’s contributions in order, then the fields', () => {
    const contributions = Float64Array.of(0.1, 0.2, 0.3, 1e-17, 5);
    expect(sumContributions(contributions, [3, 5])).toBe(0 + (0.1 + 0.2 + 0.3) + (1e-17 + 5));
  });
});

describe('typed array codec', () => {
  it('round-trips each array type through base64, whatever the source buffer’s offset', () => {
    const source = Uint32Array.of(7, 0xffffffff, 0, 42, 1 << 31);
    const view = source.subarray(1, 4);
    expect(decodeTypedArray(Uint32Array, encodeTypedArray(view), 'test')).toEqual(Uint32Array.of(0xffffffff, 0, 42));
    const floats = Float32Array.of(0, 1.5, 3e7, 12);
    expect(decodeTypedArray(Float32Array, encodeTypedArray(floats), 'test')).toEqual(floats);
    const shorts = Uint16Array.of(1, 65535, 300);
    expect(decodeTypedArray(Uint16Array, encodeTypedArray(shorts), 'test')).toEqual(shorts);
    // Little-endian bytes, so a snapshot moves between hosts.
    expect(Buffer.from(encodeTypedArray(Uint16Array.of(0x0102)), 'base64')).toEqual(Buffer.from([0x02, 0x01]));
  });
});
