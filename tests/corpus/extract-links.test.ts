import { describe, expect, it } from 'vitest';
import { cleanUrl, extractLinks, linkKind, mergeLinks, paperLinks } from '../../src/corpus/extract-links.js';

describe('extractLinks', () => {
  it('finds http(s) URLs in running text, in order', () => {
    expect(extractLinks('Code: https://github.com/a/b and a demo at http://demo.example.org/x?y=1#z now')).toEqual([
      { kind: 'github', url: 'https://github.com/a/b' },
      { kind: 'project', url: 'http://demo.example.org/x?y=1#z' },
    ]);
  });

  it('drops the punctuation that ends the sentence or closes a parenthesis around the URL', () => {
    expect(extractLinks('Code is available at https://github.com/riiid/PPAP.')[0]!.url).toBe('https://github.com/riiid/PPAP');
    expect(extractLinks('see https://x.org/a, https://x.org/b; and https://x.org/c!').map((link) => link.url)).toEqual([
      'https://x.org/a',
      'https://x.org/b',
      'https://x.org/c',
    ]);
    expect(extractLinks('framework (https://github.com/nachifur/RDDM).')[0]!.url).toBe('https://github.com/nachifur/RDDM');
    expect(extractLinks('page (https://kyungmnlee.github.io/dreamflow.github.io/)')[0]!.url).toBe(
      'https://kyungmnlee.github.io/dreamflow.github.io/',
    );
  });

  it('keeps a parenthesis that is part of the URL', () => {
    expect(extractLinks('See https://en.wikipedia.org/wiki/Diffusion_(physics).')[0]!.url).toBe(
      'https://en.wikipedia.org/wiki/Diffusion_(physics)',
    );
  });

  it('stops at the brace of a LaTeX \\href left in the text', () => {
    expect(extractLinks('available in https://github.com/hutaiHang/Faster-Diffusion{FasterDiffusion}.')).toEqual([
      { kind: 'github', url: 'https://github.com/hutaiHang/Faster-Diffusion' },
    ]);
    expect(extractLinks('at https://github.com/mlvlab/CAF{https://github.com/mlvlab/CAF}.')).toEqual([
      { kind: 'github', url: 'https://github.com/mlvlab/CAF' },
    ]);
  });

  it('calls github.com links "github" and GitHub Pages or anything else "project"', () => {
    expect(extractLinks('https://diffusion-classifier.github.io/ https://sliders.baulab.info/ https://www.github.com/x/y')).toEqual([
      { kind: 'project', url: 'https://diffusion-classifier.github.io/' },
      { kind: 'project', url: 'https://sliders.baulab.info/' },
      { kind: 'github', url: 'https://www.github.com/x/y' },
    ]);
  });

  it('lists a URL once, even with and without a trailing slash', () => {
    expect(extractLinks('https://a.org/x and again https://a.org/x/ and https://a.org/x.')).toEqual([
      { kind: 'project', url: 'https://a.org/x' },
    ]);
  });

  it('finds nothing in text without URLs', () => {
    expect(extractLinks('No code. See github.com/a/b or www.example.org.')).toEqual([]);
  });
});

describe('cleanUrl', () => {
  it('strips mixed trailing punctuation repeatedly', () => {
    expect(cleanUrl('https://atedm.github.io.')).toBe('https://atedm.github.io');
    expect(cleanUrl('https://x.org/a).",')).toBe('https://x.org/a');
  });
});

describe('linkKind', () => {
  it('is undefined for what is not an http(s) URL', () => {
    expect(linkKind('https://')).toBeUndefined();
    expect(linkKind('ftp://x.org')).toBeUndefined();
    expect(linkKind('https://GitHub.com/a')).toBe('github');
  });
});

describe('paperLinks', () => {
  it("puts the record's own url first, as kind paper", () => {
    expect(paperLinks('Code at https://github.com/a/b.', 'https://arxiv.org/abs/2406.12345')).toEqual([
      { kind: 'paper', url: 'https://arxiv.org/abs/2406.12345' },
      { kind: 'github', url: 'https://github.com/a/b' },
    ]);
  });
});

describe('mergeLinks', () => {
  it('unites lists, first occurrence first', () => {
    expect(
      mergeLinks([{ kind: 'github', url: 'https://github.com/a/b' }], [
        { kind: 'paper', url: 'https://github.com/a/b/' },
        { kind: 'project', url: 'https://c.org' },
      ]),
    ).toEqual([
      { kind: 'github', url: 'https://github.com/a/b' },
      { kind: 'project', url: 'https://c.org' },
    ]);
  });
});
