import { describe, expect, it } from 'vitest';
import { parseListing } from '../../src/corpus/parse-listing.js';
import { abstractAbout } from './corpus-fixtures.js';

describe('parseListing', () => {
  it('reads title, abstract and meta block of a daily page and skips the chrome on top', () => {
    // Laid out like the real export: a blank line after each line except inside the meta block.
    const text = [
      'new', '',
      'Subscribe', '',
      'Daily Papers', '',
      'Dec 11', '',
      'First Paper', '', // line 9
      abstractAbout('first'), '',
      '  • 4 authors',
      '·',
      'Jun 23, 2024 2', '',
      'Second Paper', '', // line 17
      abstractAbout('second'), '',
      'Third Paper', '', // line 21
      abstractAbout('third https://github.com/a/b.'), '',
      '  • 1 author',
      '·',
      'Jul 31',
    ].join('\n');
    const { papers, issues, skipped } = parseListing(text, 'daily.txt');
    expect(issues).toEqual([]);
    expect(skipped).toBe(0);
    expect(papers).toEqual([
      {
        title: 'First Paper',
        abstract: abstractAbout('first'),
        authorCount: 4,
        published: '2024-06-23',
        upvotes: 2,
        links: [],
        sources: [{ file: 'daily.txt', line: 9 }],
      },
      { title: 'Second Paper', abstract: abstractAbout('second'), links: [], sources: [{ file: 'daily.txt', line: 17 }] },
      {
        title: 'Third Paper',
        abstract: abstractAbout('third https://github.com/a/b.'),
        authorCount: 1,
        dateText: 'Jul 31',
        links: [{ kind: 'github', url: 'https://github.com/a/b' }],
        sources: [{ file: 'daily.txt', line: 21 }],
      },
    ]);
  });

  it('reads alternating search results and cuts chrome glued to the first title', () => {
    const text = ['Get trending papers in your email inbox!', 'SubscribeFirst Paper', abstractAbout('first'), 'Second Paper', abstractAbout('second')].join('\n');
    const { papers, issues } = parseListing(text, 'search.txt');
    expect(issues).toEqual([]);
    expect(papers.map((paper) => [paper.title, paper.sources[0]!.line])).toEqual([
      ['First Paper', 2],
      ['Second Paper', 4],
    ]);
  });

  it('takes the line right before an abstract as its title and reports a title left without abstract', () => {
    const text = ['A Title', abstractAbout('a'), 'Orphan Title', 'B Title', abstractAbout('b')].join('\r\n');
    const { papers, issues, skipped } = parseListing(text, 'x.txt');
    expect(papers.map((paper) => paper.title)).toEqual(['A Title', 'B Title']);
    expect(issues).toEqual([{ file: 'x.txt', line: 3, message: 'no abstract follows the line "Orphan Title"; skipped' }]);
    expect(skipped).toBe(1);
  });

  it('reports an abstract without a title line and goes on', () => {
    const text = ['A Title', abstractAbout('a'), abstractAbout('lost'), 'B Title', abstractAbout('b')].join('\n');
    const { papers, issues, skipped } = parseListing(text, 'x.txt');
    expect(papers.map((paper) => paper.title)).toEqual(['A Title', 'B Title']);
    expect(issues).toEqual([{ file: 'x.txt', line: 3, message: 'abstract without a title line before it; skipped' }]);
    expect(skipped).toBe(1);
  });

  it('reports meta lines that belong to no paper, but keeps the paper', () => {
    const text = ['A Title', abstractAbout('a'), '• 2 authors', '• 3 authors', 'Jul 31', 'Aug 1'].join('\n');
    const { papers, issues, skipped } = parseListing(text, 'x.txt');
    expect(papers[0]).toMatchObject({ authorCount: 2, dateText: 'Jul 31' });
    expect(issues).toEqual([
      { file: 'x.txt', line: 4, message: 'authors line that belongs to no paper; ignored' },
      { file: 'x.txt', line: 6, message: 'date line that belongs to no paper; ignored' },
    ]);
    expect(skipped).toBe(0);
  });

  it('never takes a chrome or date line for a title', () => {
    const text = ['Daily Papers', abstractAbout('a'), 'Jul 31', abstractAbout('b')].join('\n');
    const { papers, issues } = parseListing(text, 'x.txt');
    expect(papers).toEqual([]);
    expect(issues.map((issue) => issue.line)).toEqual([2, 4]);
  });

  it('ignores a byte order mark', () => {
    expect(parseListing(`\uFEFFA Title\n${abstractAbout('a')}`, 'x.txt').papers[0]!.title).toBe('A Title');
  });
});
