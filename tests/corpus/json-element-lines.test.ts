import { describe, expect, it } from 'vitest';
import { jsonArrayElementLines } from '../../src/corpus/json-element-lines.js';

describe('jsonArrayElementLines', () => {
  it('gives the line each top-level element starts on', () => {
    const text = '[\n  {"title": "a",\n   "x": [1, 2]},\n  {"title": "b, [c]"},\n\n  3, "s"\n]';
    expect(jsonArrayElementLines(text)).toEqual([2, 4, 6, 6]);
  });

  it('is not fooled by brackets, commas and escaped quotes in strings', () => {
    expect(jsonArrayElementLines('[{"t": "a \\" ], {"}, \n{"t": "b"}]')).toEqual([1, 2]);
  });

  it('is empty for an empty array', () => {
    expect(jsonArrayElementLines('[ \n ]')).toEqual([]);
  });
});
