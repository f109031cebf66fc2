import { describe, expect, it } from 'vitest';
import { derivePaperId, parseCorpusText } from '../../src/corpus/index.js';
import { abstractAbout } from './corpus-fixtures.js';

describe('parseCorpusText', () => {
  it('detects the layout and returns papers with their final ids', () => {
    const parsed = parseCorpusText(['A Title', '', abstractAbout('a'), '', '  • 2 authors', '·', 'Jul 31'].join('\n'), 'mem.txt');
    expect(parsed.layout).toBe('hf-daily');
    expect(parsed.papers).toEqual([
      {
        id: derivePaperId('A Title'),
        title: 'A Title',
        abstract: abstractAbout('a'),
        authorCount: 2,
        dateText: 'Jul 31',
        links: [],
        sources: [{ file: 'mem.txt', line: 1 }],
      },
    ]);
    expect(parsed).toMatchObject({ issues: [], skipped: 0, merged: 0 });
  });

  it('merges a paper listed twice in the same text', () => {
    const parsed = parseCorpusText(['A Title', abstractAbout('a'), 'A title', abstractAbout('again')].join('\n'), 'mem.txt');
    expect(parsed.layout).toBe('hf-search');
    expect(parsed.merged).toBe(1);
    expect(parsed.papers).toHaveLength(1);
    expect(parsed.papers[0]!.sources).toEqual([
      { file: 'mem.txt', line: 1 },
      { file: 'mem.txt', line: 3 },
    ]);
  });

  it('reports text that is not a paper listing, and empty text', () => {
    expect(parseCorpusText('just\na few\nshort lines', 'notes.txt')).toMatchObject({
      layout: 'unknown',
      papers: [],
      issues: [{ file: 'notes.txt', message: 'not a known paper listing: no abstract (a line of 30 or more words) in it' }],
    });
    expect(parseCorpusText(' \n', 'empty.txt').issues).toEqual([{ file: 'empty.txt', message: 'empty file' }]);
  });
});
