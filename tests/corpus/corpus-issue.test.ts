import { describe, expect, it } from 'vitest';
import { formatCorpusIssue } from '../../src/corpus/index.js';

describe('formatCorpusIssue', () => {
  it('formats file:line: field: message', () => {
    expect(formatCorpusIssue({ file: 'papers.jsonl', line: 3, field: 'title', message: 'is required' })).toBe('papers.jsonl:3: title: is required');
  });

  it('leaves out what the issue does not have', () => {
    expect(formatCorpusIssue({ file: 'papers.jsonl', line: 2, message: 'not valid JSON' })).toBe('papers.jsonl:2: not valid JSON');
    expect(formatCorpusIssue({ file: 'papers.json', field: '[0]', message: 'x' })).toBe('papers.json: [0]: x');
    expect(formatCorpusIssue({ file: 'empty.txt', message: 'empty file' })).toBe('empty.txt: empty file');
  });
});
