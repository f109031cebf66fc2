import { describe, expect, it } from 'vitest';
import { jsonDepth, mayNestDeeperThan } from '../../src/corpus/json-depth.js';

describe('jsonDepth', () => {
  it('counts the deepest nesting of objects and arrays', () => {
    expect(jsonDepth('"text"')).toBe(0);
    expect(jsonDepth('{"a": 1}')).toBe(1);
    expect(jsonDepth('{"authors": ["a", "b"], "x": {"y": [[1]]}}')).toBe(4);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(jsonDepth('{"t": "[[[{{{ \\" [[["}')).toBe(1);
  });

  it('scans 100,000 levels without recursion', () => {
    expect(jsonDepth(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)).toBe(100_000);
  });
});

describe('mayNestDeeperThan', () => {
  it('is false when there are no more brackets than the limit, wherever they are', () => {
    expect(mayNestDeeperThan('{"a": ["b", "[c]"]}', 3)).toBe(false);
    expect(mayNestDeeperThan('{"a": ["b", "[c]"]}', 2)).toBe(true);
  });

  it('is true for deep nesting', () => {
    expect(mayNestDeeperThan(`${'['.repeat(33)}${']'.repeat(33)}`, 32)).toBe(true);
  });
});
