import { describe, expect, it } from 'vitest';
import { jsonArrayElementLines, jsonArrayElements } from '../../src/corpus/json-element-lines.js';

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

describe('jsonArrayElements', () => {
  it('gives where each element starts and ends, so it can be sliced out and measured', () => {
    const text = '[\n  {"t": "a, ]"},\n  [1,\n   2] , "s"\n]';
    const spans = jsonArrayElements(text);
    expect(spans.map((span) => text.slice(span.start, span.end))).toEqual(['{"t": "a, ]"}', '[1,\n   2]', '"s"']);
    expect(spans.map((span) => [span.line, span.endLine])).toEqual([[2, 2], [3, 4], [4, 4]]);
  });
});
