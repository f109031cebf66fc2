import { describe, expect, it } from 'vitest';
import { arxivIdOfUrl, arxivIdsOf, firstPaperLink, stripArxivVersion } from '../../src/corpus/arxiv-link.js';

describe('arxivIdOfUrl: the arXiv id a paper link names, version stripped', () => {
  it.each([
    ['https://arxiv.org/abs/2301.12345', '2301.12345'],
    ['https://arxiv.org/abs/2301.12345v2', '2301.12345'],
    ['https://www.arxiv.org/abs/2301.1234', '2301.1234'],
    ['https://export.arxiv.org/abs/2301.12345/', '2301.12345'],
    ['https://arxiv.org/pdf/2301.12345v2.pdf', '2301.12345'],
    ['https://arxiv.org/pdf/2301.12345?download=1', '2301.12345'],
    ['https://arxiv.org/abs/hep-th/9901001', 'hep-th/9901001'],
    ['https://arxiv.org/abs/math.AP/0601001v3', 'math.AP/0601001'],
    ['https://huggingface.co/papers/2301.12345', '2301.12345'],
    ['huggingface.co/papers/2301.12345#community', '2301.12345'],
    ['<https://arxiv.org/abs/2301.12345>', '2301.12345'],
  ])('%s → %s', (url, id) => {
    expect(arxivIdOfUrl(url)).toBe(id);
  });

  it.each([
    'https://arxiv.org/list/cs.CV/recent',
    'https://arxiv.org/abs/not-an-id',
    'https://huggingface.co/datasets/x/y',
    'https://example.com/abs/2301.12345',
    'ftp://arxiv.org/abs/2301.12345',
    'see https://arxiv.org/abs/2301.12345',
    '',
  ])('%j names no paper', (text) => {
    expect(arxivIdOfUrl(text)).toBeUndefined();
  });

  it('strips a version suffix and leaves other ids alone', () => {
    expect(stripArxivVersion('2301.12345v3')).toBe('2301.12345');
    expect(stripArxivVersion('hep-th/9901001v2')).toBe('hep-th/9901001');
    expect(stripArxivVersion('video-infinity-3f9a1c')).toBe('video-infinity-3f9a1c');
  });

  it('knows a paper by its own id and its page link, not by links in its abstract', () => {
    const paper = {
      id: 'some-title-abc123',
      title: 'T',
      abstract: 'x',
      links: [
        { kind: 'paper' as const, url: 'https://huggingface.co/papers/2302.00042' },
        { kind: 'project' as const, url: 'https://arxiv.org/abs/1111.22222' },
      ],
      sources: [],
    };
    expect(arxivIdsOf(paper)).toEqual(['2302.00042']);
    expect(arxivIdsOf({ ...paper, id: '2301.12345', links: [] })).toEqual(['2301.12345']);
  });
});

describe('firstPaperLink: the first paper link among the words of a chat message', () => {
  it.each([
    ['what is https://arxiv.org/abs/2006.11239 about', 'https://arxiv.org/abs/2006.11239'],
    ['what is https://arxiv.org/abs/2006.11239?', 'https://arxiv.org/abs/2006.11239'],
    ['(see https://huggingface.co/papers/2301.12345).', 'https://huggingface.co/papers/2301.12345'],
    ['compare <https://arxiv.org/abs/2301.12345v2>, please', '<https://arxiv.org/abs/2301.12345v2>'],
    ['first arxiv.org/abs/2301.12345 then https://arxiv.org/abs/2006.11239', 'arxiv.org/abs/2301.12345'],
    ['https://example.com/x and then https://arxiv.org/pdf/2006.11239v1.pdf', 'https://arxiv.org/pdf/2006.11239v1.pdf'],
  ])('%j → %j', (text, link) => {
    expect(firstPaperLink(text)).toBe(link);
    expect(arxivIdOfUrl(link)).toBeDefined();
  });

  it.each(['which papers speed up diffusion sampling?', 'https://example.com/abs/2301.12345', 'arxiv 2301.12345', ''])('%j has none', (text) => {
    expect(firstPaperLink(text)).toBeUndefined();
  });
});
