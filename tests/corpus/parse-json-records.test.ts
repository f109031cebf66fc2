import { describe, expect, it } from 'vitest';
import { parseJsonArray, parseJsonl } from '../../src/corpus/parse-json-records.js';
import { abstractAbout, recordLine } from './corpus-fixtures.js';

describe('parseJsonl', () => {
  it('reads one record per line, skipping blank lines, with the record line as source', () => {
    const text = [recordLine('First', { id: 'p1', authors: 3, upvotes: 5 }), '', recordLine('Second', { url: 'https://arxiv.org/abs/1' }), ''].join('\n');
    const { papers, issues, skipped } = parseJsonl(text, 'papers.jsonl');
    expect(issues).toEqual([]);
    expect(skipped).toBe(0);
    expect(papers).toEqual([
      { ownId: 'p1', title: 'First', abstract: abstractAbout('First'), authorCount: 3, upvotes: 5, links: [], sources: [{ file: 'papers.jsonl', line: 1 }] },
      {
        title: 'Second',
        abstract: abstractAbout('Second'),
        url: 'https://arxiv.org/abs/1',
        links: [{ kind: 'paper', url: 'https://arxiv.org/abs/1' }],
        sources: [{ file: 'papers.jsonl', line: 3 }],
      },
    ]);
  });

  it('keeps author names', () => {
    expect(parseJsonl(recordLine('T', { authors: ['Ada', 'Grace'] }), 'a.jsonl').papers[0]!.authors).toEqual(['Ada', 'Grace']);
  });

  it('reports a malformed line with its line number and loads the rest', () => {
    const text = [recordLine('First'), '{"title": "Broken", "abstract": }', recordLine('Third')].join('\n');
    const { papers, issues, skipped } = parseJsonl(text, 'papers.jsonl');
    expect(papers.map((paper) => paper.title)).toEqual(['First', 'Third']);
    expect(issues).toEqual([{ file: 'papers.jsonl', line: 2, message: "not valid JSON: Unexpected token '}'" }]);
    expect(skipped).toBe(1);
  });

  it('reports each invalid field of a record, and skips the record once', () => {
    const text = [JSON.stringify({ abstract: 'x', authors: 'Ada' }), recordLine('Fine')].join('\n');
    const { papers, issues, skipped } = parseJsonl(text, 'papers.jsonl');
    expect(papers).toHaveLength(1);
    expect(issues).toEqual([
      { file: 'papers.jsonl', line: 1, field: 'title', message: 'is required' },
      { file: 'papers.jsonl', line: 1, field: 'authors', message: 'must be a list of author names or a number of authors, got "Ada"' },
    ]);
    expect(skipped).toBe(1);
  });

  it('reads CRLF files with a byte order mark', () => {
    expect(parseJsonl(`\uFEFF${recordLine('A')}\r\n${recordLine('B')}\r\n`, 'w.jsonl').papers.map((paper) => paper.title)).toEqual(['A', 'B']);
  });
});

describe('parseJsonArray', () => {
  it('reads an array of records, each sourced at the line it starts on', () => {
    const text = `[\n  ${recordLine('First')},\n  ${recordLine('Second', { published: '2024-01-02' })}\n]\n`;
    const { papers, issues } = parseJsonArray(text, 'papers.json');
    expect(issues).toEqual([]);
    expect(papers.map((paper) => [paper.title, paper.published, paper.sources])).toEqual([
      ['First', undefined, [{ file: 'papers.json', line: 2 }]],
      ['Second', '2024-01-02', [{ file: 'papers.json', line: 3 }]],
    ]);
  });

  it('names the index, start line and field of an invalid record', () => {
    const bad = JSON.stringify({ title: 'Bad', abstract: 'x', upvotes: 'many' }, null, 2);
    const text = `[\n${recordLine('Good')},\n${bad}\n]`;
    const { papers, issues, skipped } = parseJsonArray(text, 'papers.json');
    expect(papers.map((paper) => paper.title)).toEqual(['Good']);
    expect(issues).toEqual([{ file: 'papers.json', line: 3, field: '[1].upvotes', message: 'must be a number, got "many"' }]);
    expect(skipped).toBe(1);
  });

  it('names the index of an element that is not an object', () => {
    expect(parseJsonArray(`[${recordLine('Good')}, 7]`, 'p.json').issues).toEqual([
      { file: 'p.json', line: 1, field: '[1]', message: 'a record must be a JSON object, got 7' },
    ]);
  });

  it('reports a file that is not valid JSON, with the line of the error', () => {
    const { papers, issues, skipped } = parseJsonArray('[\n{"title": "a"},\n{"title" "b"}\n]', 'p.json');
    expect(papers).toEqual([]);
    // V8 words the rest of the message differently across Node versions.
    expect(issues).toEqual([{ file: 'p.json', line: 3, message: expect.stringMatching(/^not valid JSON: Expected ':' after property name/u) }]);
    expect(skipped).toBe(0);
  });

  it('reports a file that is not an array', () => {
    expect(parseJsonArray(recordLine('Single'), 'one.json').issues).toEqual([
      { file: 'one.json', message: 'a .json corpus file must hold an array of paper records' },
    ]);
  });
});
