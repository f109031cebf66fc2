import { seek } from './query.js';

/** The documents in every one of several ascending postings lists, ascending (galloping from the shortest). */
export function intersectPostings(lists: readonly Uint32Array[]): number[] {
  if (lists.length === 0) return [];
  const sorted = [...lists].sort((a, b) => a.length - b.length);
  const [shortest, ...others] = sorted as [Uint32Array, ...Uint32Array[]];
  const positions = others.map(() => 0);
  const result: number[] = [];
  outer: for (const doc of shortest) {
    for (let i = 0; i < others.length; i++) {
      const list = others[i]!;
      const pos = seek(list, positions[i]!, list.length, doc);
      positions[i] = pos;
      if (pos >= list.length) break outer;
      if (list[pos] !== doc) continue outer;
    }
    result.push(doc);
  }
  return result;
}
